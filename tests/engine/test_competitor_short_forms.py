"""The first words of competitor names are found exactly where a word pattern finds them.

`competitor._ShortForms` locates them with one Aho-Corasick pass instead of a regex
alternation of every name (too slow with thousands of names); this checks it against
the regex it replaces, on texts made of the names' pieces and the characters around
them that decide a match (possessives, handles, hyphens, accents).
"""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from manyvoices.engine.checks.competitor import _short_forms

NAMES = (
    "Foo Bar",
    "Foo-Bar Inc",
    "Foobar Labs",
    "Zeta's Thing",
    "Ünïcode Systems",
    "Nimbus Cloud",
    "Nimbusware Group",
    "solo",
    "Tiny Co",
)
SHORTS = sorted(
    {
        n.split()[0]
        for n in NAMES
        if len(n.split()) >= 2 and len(n.split()[0]) >= 4 and n[0].isupper()
    }
)
PATTERN = re.compile(r"(?<![\w@#])(" + "|".join(map(re.escape, SHORTS)) + r")(?:['\u2019]s)?(?!\w)")
PIECES = [
    *SHORTS,
    "Foo",
    "Nimbus",
    "'s",
    "\u2019s",
    "s",
    " ",
    "@",
    "#",
    "x",
    "_",
    "é",
    "'",
    "-",
    ".",
    "1",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14))
def test_short_forms_match_where_the_word_pattern_does(pieces):
    text = "".join(pieces)
    expected = [(m.start(), m.end(), m.group(1)) for m in PATTERN.finditer(text)]
    forms = _short_forms(NAMES)
    assert forms is not None
    assert forms.finditer(text) == expected


def test_a_short_form_names_the_first_competitor_listed_with_that_first_word():
    forms = _short_forms(NAMES)
    assert forms is not None
    assert forms.name_of["Nimbus"] == "Nimbus Cloud"
    assert forms.name_of["Foo"] == "Foo Bar"


def test_no_multi_word_names_means_no_short_forms():
    assert _short_forms(("solo", "Ace Co", "lowercase name")) is None
