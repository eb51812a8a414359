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

from collections import defaultdict
from functools import lru_cache

from .lexicon import LANGUAGES, LEXICON_DIR, Cue, Hit, Lexicon, default_lexicon, load_lexicon_files
from .text import is_word_char

NEAR_DIR = LEXICON_DIR / "near"
ALL_LANGUAGES = (*LANGUAGES, "any")


@lru_cache(maxsize=1)
def near_lexicon() -> Lexicon:
    """The context-word lexicon, built once per process."""
    return Lexicon(load_lexicon_files(NEAR_DIR))


def scan_window(fold: str, start: int, end: int, *groups: str) -> dict[str, list[Hit[Cue]]]:
    """Context words of `groups`, every language, in `fold[start:end]`, offsets into `fold`.

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
    found = _near_groups_lexicon(groups).scan(fold[start:end], ALL_LANGUAGES)
    if not start:
        return dict(found)
    return {
        group: [Hit(h.start + start, h.end + start, h.payload) for h in hits]
        for group, hits in found.items()
    }


# Cue groups read in every language, registered by the checks that use them at import,
# so one scan of a draft serves them all.
_ALL_LANGUAGE_GROUPS: set[str] = set()


def register_groups(*groups: str) -> tuple[str, ...]:
    """Declare cue groups of the main lexicons that a check reads with `scan_groups`."""
    _ALL_LANGUAGE_GROUPS.update(groups)
    _all_language_groups.cache_clear()
    _scan_all_languages.cache_clear()
    return groups


@lru_cache(maxsize=1)
def _all_language_groups() -> frozenset[str]:
    return frozenset(_ALL_LANGUAGE_GROUPS)


@lru_cache(maxsize=8)
def _scan_all_languages(fold: str) -> dict[str, list[Hit[Cue]]]:
    # Several checks review the same draft one after another: scan it once for them all,
    # reusing the main lexicon's pass over the draft (`ctx.cues` made it already).
    wanted = _all_language_groups()
    out: dict[str, list[Hit[Cue]]] = defaultdict(list)
    for hit in default_lexicon().find(fold):
        if hit.payload.group in wanted:
            out[hit.payload.group].append(hit)
    return out


def scan_groups(fold: str, groups: tuple[str, ...]) -> dict[str, list[Hit[Cue]]]:
    """The hits of `groups` (registered with `register_groups`) in `fold`, in every
    language. The lists are shared between checks: do not modify them."""
    missing = [g for g in groups if g not in _ALL_LANGUAGE_GROUPS]
    if missing:
        raise KeyError(f"cue groups not registered with near.register_groups: {missing}")
    found = _scan_all_languages(fold)
    return {g: found[g] for g in groups if g in found}


@lru_cache(maxsize=32)
def _near_groups_lexicon(groups: tuple[str, ...]) -> Lexicon:
    # One small automaton per set of groups: scanning a window with every near group
    # (articles, one-letter words) would cost far more than the few words wanted.
    every = near_lexicon().groups
    missing = [g for g in groups if g not in every]
    if missing:
        raise KeyError(f"no groups {missing} in {NEAR_DIR}")
    return Lexicon({g: every[g] for g in groups})


@lru_cache(maxsize=64)
def word_set(group: str) -> frozenset[str]:
    """The folded phrases of one near-lexicon group, every language, for membership tests
    on a word already located ("is the word before it a second-person pronoun?")."""
    from .lexicon import fold_phrase

    by_lang = near_lexicon().groups.get(group)
    if by_lang is None:
        raise KeyError(f"no group {group!r} in {NEAR_DIR}")
    return frozenset(fold_phrase(p) for phrases in by_lang.values() for p in phrases)


@lru_cache(maxsize=8)
def folded(phrase: str) -> str:
    """`fold_phrase`, cached: policy texts (a disclaimer) are folded once, not per draft."""
    from .lexicon import fold_phrase

    return fold_phrase(phrase)
