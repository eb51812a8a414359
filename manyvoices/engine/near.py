"""Context words looked up only around a hit, never over the whole draft.

Some rules need to know what sits next to a word they found ("confidential
helpline", "Saguaro National Park", "do not share your codes"). Those context
words are common ("line", "park", "your"), so scanning every draft for them in
the shared one-pass lexicon would cost every review; they live instead in
`lexicons/near/<topic>.yaml` (same format, group id `<topic>.<group>`) and are
scanned only in a small window around a hit, which most drafts never have.
"""

from __future__ import annotations

from functools import lru_cache

from .lexicon import LANGUAGES, LEXICON_DIR, Cue, Hit, Lexicon, load_lexicon_files
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
