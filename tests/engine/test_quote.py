"""attribution.quote: quoting more than a sentence of someone else's words without naming or
linking the source is coached."""

import pytest

from .nimbus import check, excerpts, found

RULE = "attribution.quote"

PASSAGE = (
    "Simple things should be simple. Complex things should be possible, and nobody should "
    "have to read a manual to send a message."
)


@pytest.mark.parametrize(
    "text",
    [
        f'Best thing I read this week: "{PASSAGE}"',
        "Pinning this above my desk:\n> Simple things should be simple.\n> Complex things "
        "should be possible.",
        "« La simplicité est la sophistication suprême. Il faut la chercher longtemps. » Voilà.",
        f"“{PASSAGE}” Couldn't agree more.",
    ],
)
def test_it_coaches_a_long_quotation_without_a_source(text):
    result = check(text)
    assert [f.severity for f in found(result, RULE)] == ["coach"]


def test_its_offsets_slice_the_quoted_words():
    text = f'🙌 "{PASSAGE}"'
    assert excerpts(check(text), RULE) == [PASSAGE]


@pytest.mark.parametrize(
    "text",
    [
        f'"{PASSAGE}" — Ada Marlowe',
        f'As Ada Marlowe wrote: "{PASSAGE}"',
        f'Ada Marlowe: "{PASSAGE}"',
        f'"{PASSAGE}" https://example.org/essay',
        f'"{PASSAGE}" (via @adamarlowe)',
        "> Simple things should be simple.\n> Complex things should be possible.\n— Ada Marlowe",
        'Our status page says "All systems operational." Sure it does.',
        'Finished "The Long Way Round" on the flight home, loved it.',
        "« La simplicité est la sophistication suprême. Il faut la chercher longtemps. », selon "
        "Léa Martin.",
    ],
)
def test_it_leaves_short_or_credited_quotations_alone(text):
    assert not found(check(text), RULE)
