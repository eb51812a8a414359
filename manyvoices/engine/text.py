"""Normalised views of a draft that map back to the original offsets.

Checks look at `NormalizedText.norm` (NFKC, zero-width characters removed,
Latin look-alikes from other scripts folded) and `.fold` (the same, lower-cased
and without accents, one character for one character). Offsets found in
either are turned back into code-point offsets of the text as given with
`to_original`, so a finding always points at the author's own characters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Characters that render as nothing and are used to split words so filters miss them.
ZERO_WIDTH = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069"
    "\u206a\u206b\u206c\u206d\u206e\u206f\u3164\ufeff\uffa0"
)

# Cyrillic and Greek letters that look like Latin ones ("Rоadrunner" with a Cyrillic о).
CONFUSABLES = {
    "а": "a",
    "в": "B",
    "е": "e",
    "к": "k",
    "м": "M",
    "н": "H",
    "о": "o",
    "р": "p",
    "с": "c",
    "т": "T",
    "у": "y",
    "х": "x",
    "ѕ": "s",
    "і": "i",
    "ј": "j",
    "ԁ": "d",
    "ԛ": "q",
    "ԝ": "w",
    "А": "A",
    "В": "B",
    "Е": "E",
    "К": "K",
    "М": "M",
    "Н": "H",
    "О": "O",
    "Р": "P",
    "С": "C",
    "Т": "T",
    "У": "Y",
    "Х": "X",
    "Ѕ": "S",
    "І": "I",
    "Ј": "J",
    "Α": "A",
    "Β": "B",
    "Ε": "E",
    "Ζ": "Z",
    "Η": "H",
    "Ι": "I",
    "Κ": "K",
    "Μ": "M",
    "Ν": "N",
    "Ο": "O",
    "Ρ": "P",
    "Τ": "T",
    "Υ": "Y",
    "Χ": "X",
    "ο": "o",
    "ν": "v",
    "α": "a",
    "ρ": "p",
}


# Typographic variants folded to ASCII so cue phrases need writing only once.
FOLD_EXTRA = {
    "\u2019": "'",
    "\u2018": "'",
    "\u02bc": "'",
    "\u2032": "'",
    "\u00b4": "'",
    "`": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\u3000": " ",
    "\n": " ",
    "\t": " ",
    "\r": " ",
    "\u00df": "s",
    "\u0131": "i",
}


def _fold_char(ch: str) -> str:
    """Lower-case and strip accents, always returning exactly one character."""
    extra = FOLD_EXTRA.get(ch)
    if extra is not None:
        return extra
    low = ch.lower()
    if len(low) != 1:
        low = low[0]
    if low.isascii():
        return low
    decomposed = unicodedata.normalize("NFD", low)
    base = decomposed[0]
    return base if base.isalnum() or len(decomposed) == 1 else low


_ASCII_FOLD = str.maketrans({k: v for k, v in FOLD_EXTRA.items() if k.isascii()})


@dataclass(frozen=True)
class NormalizedText:
    original: str
    norm: str
    fold: str
    # norm_to_orig[i] is the original index of norm[i]; one extra entry for the end.
    norm_to_orig: tuple[int, ...] | None  # None: the identity map (pure ASCII fast path)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of `norm`/`fold` to a span of the original text."""
        if self.norm_to_orig is None:
            return start, end
        m = self.norm_to_orig
        if end <= start:
            pos = m[min(start, len(m) - 1)]
            return pos, pos
        orig_start = m[start]
        orig_end = m[end - 1] + 1
        # Include characters dropped between the last kept one and the next (a
        # zero-width joiner inside a word belongs to the word).
        return orig_start, max(orig_end, orig_start)


def _char_pieces(ch: str) -> tuple[str, str]:
    """What one non-ASCII character becomes in `norm` and in `fold` (equal lengths)."""
    if ch in ZERO_WIDTH:
        return "", ""
    ch = CONFUSABLES.get(ch, ch)
    norm = "".join(CONFUSABLES.get(o, o) for o in unicodedata.normalize("NFKC", ch))
    return norm, "".join(_fold_char(o) for o in norm)


_PIECES: dict[str, tuple[str, str]] = {}
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def normalize(text: str) -> NormalizedText:
    if text.isascii():
        folded = text.lower().translate(_ASCII_FOLD)
        return NormalizedText(text, text, folded, None)
    norm_parts: list[str] = []
    fold_parts: list[str] = []
    mapping: list[int] = []
    pieces = _PIECES
    pos = 0
    # ASCII runs are copied whole (most of a post); only the other characters are
    # looked at one by one, each computed once per process.
    for run in _NON_ASCII.finditer(text):
        start, end = run.span()
        if start > pos:
            chunk = text[pos:start]
            norm_parts.append(chunk)
            fold_parts.append(chunk.lower().translate(_ASCII_FOLD))
            mapping.extend(range(pos, start))
        for i in range(start, end):
            ch = text[i]
            piece = pieces.get(ch)
            if piece is None:
                piece = _char_pieces(ch)
                if len(pieces) < 50_000:
                    pieces[ch] = piece
            norm, fold = piece
            if norm:
                norm_parts.append(norm)
                fold_parts.append(fold)
                if len(norm) == 1:
                    mapping.append(i)
                else:
                    mapping.extend([i] * len(norm))
        pos = end
    if pos < len(text):
        chunk = text[pos:]
        norm_parts.append(chunk)
        fold_parts.append(chunk.lower().translate(_ASCII_FOLD))
        mapping.extend(range(pos, len(text)))
    mapping.append(len(text))
    return NormalizedText(text, "".join(norm_parts), "".join(fold_parts), tuple(mapping))


def is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def word_bounded(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is not glued to letters or digits on either side."""
    if start > 0 and is_word_char(text[start - 1]):
        return False
    return not (end < len(text) and is_word_char(text[end]))
