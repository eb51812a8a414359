"""The business rules (material information, crisis, recommendation, protected activity)
never fail on odd text and always point at the author's own characters."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from .larkspur import QUIET_INSIDE, run

RULES = {
    "confidential.material-info",
    "conduct.crisis",
    "finance.recommendation",
    "protected.concerted-activity",
}

# Pieces that reach every branch: names, fiscal codes, amounts, cue words, links,
# zero-width and accented characters, emoji, line breaks.
PIECES = st.sampled_from(
    [
        *"abcqhfy01234 $€%.,!?'\n#@-/:",
        "Larkspur",
        " Wren Arm ",
        " Q4 ",
        " FY'27 ",
        " revenue ",
        " LRKS ",
        " $LRKS ",
        " buy ",
        " pay ",
        " union ",
        " outage ",
        " we ",
        " announced ",
        " launches May 3 ",
        " can't say more ",
        "https://larkspur.ai/newsroom/x ",
        "\u200b",
        "é",
        "\U0001f440",
        "ß",
        "İ",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(PIECES, max_size=50).map("".join),
    date=st.sampled_from(["2027-02-10", QUIET_INSIDE]),
    spokesperson=st.booleans(),
    regulated=st.booleans(),
)
def test_findings_always_point_at_the_authors_text(
    text: str, date: str, spokesperson: bool, regulated: bool
) -> None:
    result = run(text, date=date, author={"spokesperson": spokesperson, "regulated": regulated})
    for finding in result.findings:
        if finding.rule in RULES:
            assert 0 <= finding.start <= finding.end <= len(text)
            assert finding.excerpt == text[finding.start : finding.end]


def test_an_empty_post_has_no_business_findings() -> None:
    result = run("")
    assert not [f for f in result.findings if f.rule in RULES]
