"""confidential.codename: a one-word codename that is also a food or a seaside word reads
in its ordinary sense next to food and coast words, in five languages; next to work
words it is still the codename."""

from __future__ import annotations

import pytest

from manyvoices.engine import parse_policy, review

POLICY = parse_policy(
    """
name: Quinta Verde
version: "1"
company: {name: Quinta Verde Foods, aliases: [Quinta Verde], domains: [quintaverde.example]}
codenames: [Papaya, Harbour]
""",
    source="quinta.policy.yaml",
)
RULE = "confidential.codename"


def _found(text: str) -> bool:
    result = review({"text": text, "date": "2026-11-20"}, POLICY)
    return any(f.rule == RULE for f in result.findings)


@pytest.mark.parametrize(
    "text",
    [
        "Papaya smoothie and toast for breakfast, so good.",
        "Harbour lights at dusk, the boat rocking softly.",
        "Papaya en dessert, avec un jus d'orange.",
        "Papaya zum Frühstück, dazu frischer Saft.",
        "Papaya de postre y un zumo, qué rico.",
        "Papaya no café da manhã, com suco de laranja.",
    ],
)
def test_food_and_coast_words_show_the_ordinary_sense(text: str) -> None:
    assert not _found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Papaya demo went well, the prototype is close.",
        "Harbour release notes are ready for the team.",
    ],
)
def test_work_words_keep_the_codename(text: str) -> None:
    assert _found(text)
