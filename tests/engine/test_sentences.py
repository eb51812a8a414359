"""Sentence spans: a sentence ends with . ! ? or … followed by white space (closing quotes
and brackets after it fall between sentences), or at a line break."""

import re

from hypothesis import given
from hypothesis import strategies as st

from manyvoices.engine.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_a_sentence_ends_with_its_punctuation():
    assert sentences('Launch day! She said "ship it." We did…  Next?') == [
        "Launch day!",
        'She said "ship it.',
        "We did…",
        "Next?",
    ]


def test_a_line_break_ends_a_sentence_without_punctuation():
    assert sentences("First line\n\n  second line. Third") == [
        "First line",
        "second line.",
        "Third",
    ]


def test_a_dot_inside_a_word_or_number_is_not_a_boundary():
    assert sentences("Version 2.5 is on example.com now.") == ["Version 2.5 is on example.com now."]


# The definition the spans follow, written the slow way: white space right after the
# punctuation (and any closers), found by a lookbehind at every position.
_REFERENCE = re.compile(r"(?<=[.!?…])[\"')\]]*\s+|\n\s*")


def _reference(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _REFERENCE.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


@given(st.text(alphabet=".!?…\"')] \n\t\u00a0ab", max_size=30))
def test_the_spans_are_those_of_the_definition(text):
    assert split_sentences(text) == _reference(text)
