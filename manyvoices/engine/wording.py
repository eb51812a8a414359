"""Small helpers for checks that read the words next to a hit or rewrite a few words.

All offsets are in `NormalizedText.norm`/`fold` coordinates (the two have the
same length), like every span a check works with.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from .text import is_word_char

# Characters after which a new sentence (or a new line of a post) starts.
_SENTENCE_END = ".!?…\n"
# Characters that continue a sentence: after these the next word is not capitalised.
_CONTINUES = ",;:-–—(\"'«“‘/&"
# Clause boundaries, for "the words of the same clause".
_CLAUSE_BREAK = re.compile(r"[.,;:!?()\[\]\n…]|\s[-–—]\s")


def is_clause_break(text: str, i: int) -> bool:
    """True when `text[i]` ends a clause: punctuation, a bracket, a line break, or an emoji
    or other non-ASCII symbol, which in posts often stands in for punctuation."""
    ch = text[i]
    if _CLAUSE_BREAK.match(text, i):
        return True
    return not ch.isascii() and not is_word_char(ch) and not ch.isspace()


def at_sentence_start(text: str, pos: int) -> bool:
    """True when `text[pos]` begins a sentence: at the start, after . ! ? or a line break,
    or after an emoji or other symbol that stands in for punctuation."""
    i = pos - 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    if i < 0:
        return True
    ch = text[i]
    if ch in _SENTENCE_END:
        return True
    if is_word_char(ch) or ch in _CONTINUES:
        return False
    # An emoji or a symbol ("🎉 On behalf of ...") ends what came before it.
    return not ch.isascii()


def capitalise_for(text: str, pos: int, replacement: str) -> str:
    """`replacement` with its first letter capitalised when it starts a sentence at `pos`."""
    if replacement and at_sentence_start(text, pos):
        return replacement[0].upper() + replacement[1:]
    return replacement


def words_before(fold: str, pos: int, count: int, *, clause: bool = True) -> list[tuple[int, int]]:
    """Spans of up to `count` words ending before `pos`, nearest first; with `clause`,
    stop at the clause boundary (a comma, a full stop, a bracket)."""
    spans: list[tuple[int, int]] = []
    i = pos
    while len(spans) < count and i > 0:
        j = i
        while j > 0 and not is_word_char(fold[j - 1]):
            j -= 1
            if clause and is_clause_break(fold, j):
                return spans
        if j == 0:
            break
        k = j
        while k > 0 and (
            is_word_char(fold[k - 1])
            or (fold[k - 1] in "'-" and k > 1 and is_word_char(fold[k - 2]))
        ):
            k -= 1
        spans.append((k, j))
        i = k
    return spans


def words_after(fold: str, pos: int, count: int, *, clause: bool = True) -> list[tuple[int, int]]:
    """Spans of up to `count` words starting at or after `pos`, nearest first; with `clause`,
    stop at the clause boundary."""
    spans: list[tuple[int, int]] = []
    n = len(fold)
    i = pos
    while len(spans) < count and i < n:
        j = i
        while j < n and not is_word_char(fold[j]):
            if clause and is_clause_break(fold, j):
                return spans
            j += 1
        if j >= n:
            break
        k = j
        while k < n and (
            is_word_char(fold[k]) or (fold[k] in "'-" and k + 1 < n and is_word_char(fold[k + 1]))
        ):
            k += 1
        spans.append((j, k))
        i = k
    return spans


def sentence_index(sentences: list[tuple[int, int]], pos: int) -> int:
    """Index of the sentence holding `pos` (the nearest one before it when `pos` falls
    between sentences)."""
    # Sentences are in text order: a binary search keeps long posts linear overall.
    return max(bisect_right(sentences, pos, key=lambda span: span[0]) - 1, 0)


class SentenceIndex:
    """Which sentence an offset falls in, for many lookups on one draft."""

    def __init__(self, sentences: list[tuple[int, int]], length: int) -> None:
        self.spans = sentences or [(0, length)]
        self._starts = [start for start, _end in self.spans]

    def of(self, pos: int) -> int:
        return max(0, bisect_right(self._starts, pos) - 1)


class SpanIndex:
    """Spans (links, disclaimers) with a fast "is this inside one of them?"."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [s for s, _e in merged]
        self._ends = [e for _s, e in merged]

    def covers(self, start: int, end: int) -> bool:
        i = bisect_right(self._starts, start) - 1
        return i >= 0 and end <= self._ends[i]


def first_at_or_after(starts: list[int], pos: int) -> int:
    """Index of the first of the sorted `starts` that is >= `pos` (len(starts) if none)."""
    return bisect_left(starts, pos)
