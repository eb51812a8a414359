"""Context words looked up only around a hit, never over the whole draft.

Some rules need to know what sits next to a word they found ("confidential
helpline", "Saguaro National Park", "do not share your codes"). Those context
words are common ("line", "park", "your"), so scanning every draft for them in
the shared one-pass lexicon would cost every review; they live instead in
`lexicons/near/<topic>.yaml` (same format, group id `<topic>.<group>`) and are
scanned only in a small window around a hit, which most drafts never have.

`scan_groups` serves the other case: a few cue groups of the main lexicons read
in all five languages at once, whatever language the draft was detected in.
Detection is unreliable on a short post ("Stratus Sync es increíble, pruébalo"
reads as English once the product name is set aside), and a disclosure missed
because it was in Spanish would block a post that did nothing wrong.
"""

from __future__ import annotations

from functools import lru_cache

from .lexicon import LANGUAGES, LEXICON_DIR, Cue, Hit, Lexicon, default_lexicon, load_lexicon_files
from .text import is_word_char

NEAR_DIR = LEXICON_DIR / "near"
ALL_LANGUAGES = (*LANGUAGES, "any")


@lru_cache(maxsize=1)
def near_lexicon() -> Lexicon:
    """The context-word lexicon, built once per process."""
    return Lexicon(load_lexicon_files(NEAR_DIR))


def scan_window(fold: str, start: int, end: int) -> dict[str, list[Hit[Cue]]]:
    """Context words of every language in `fold[start:end]`, with offsets into `fold`.

    The window is widened to whole words so a cut word is never read as another.
    Every language is looked at: these words only qualify a hit already found.
    """
    n = len(fold)
    start = max(0, start)
    end = min(n, end)
    while start > 0 and is_word_char(fold[start - 1]):
        start -= 1
    while end < n and is_word_char(fold[end]):
        end += 1
    found = near_lexicon().scan(fold[start:end], ALL_LANGUAGES)
    return {
        group: [Hit(h.start + start, h.end + start, h.payload) for h in hits]
        for group, hits in found.items()
    }


@lru_cache(maxsize=16)
def topic_lexicon(groups: tuple[str, ...]) -> Lexicon:
    """A lexicon of only the given cue groups of the main lexicons, built once."""
    every = default_lexicon().groups
    return Lexicon({g: every[g] for g in groups if g in every})


def scan_groups(fold: str, groups: tuple[str, ...]) -> dict[str, list[Hit[Cue]]]:
    """The hits of `groups` in `fold`, in every language."""
    return topic_lexicon(groups).scan(fold, ALL_LANGUAGES)


@lru_cache(maxsize=16)
def _near_groups_lexicon(groups: tuple[str, ...]) -> Lexicon:
    every = near_lexicon().groups
    return Lexicon({g: every[g] for g in groups if g in every})


def scan_near_groups(fold: str, groups: tuple[str, ...]) -> dict[str, list[Hit[Cue]]]:
    """A few near-lexicon groups over the whole text, for the rare group that must be."""
    return _near_groups_lexicon(groups).scan(fold, ALL_LANGUAGES)


@lru_cache(maxsize=64)
def word_set(group: str) -> frozenset[str]:
    """The folded phrases of one near-lexicon group, every language, for membership tests
    on a word already located ("is the word before it a second-person pronoun?")."""
    from .lexicon import fold_phrase

    by_lang = near_lexicon().groups.get(group)
    if by_lang is None:
        raise KeyError(f"no group {group!r} in {NEAR_DIR}")
    return frozenset(fold_phrase(p) for phrases in by_lang.values() for p in phrases)
