"""Which language a draft is written in, with lingua, offline.

Detection considers more languages than the engine has lexicons for, so an
Italian draft is reported as Italian (and reviewed with the English cues)
rather than mistaken for Spanish.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# Enough text to tell the languages apart; detection cost grows with length.
SAMPLE_CHARS = 400
MIN_LETTERS = 12


@lru_cache(maxsize=1)
def _detector() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    languages = [
        Language.ENGLISH,
        Language.FRENCH,
        Language.GERMAN,
        Language.SPANISH,
        Language.PORTUGUESE,
        Language.ITALIAN,
        Language.DUTCH,
        Language.POLISH,
        Language.SWEDISH,
        Language.TURKISH,
    ]
    return (
        LanguageDetectorBuilder.from_languages(*languages)
        .with_minimum_relative_distance(0.05)
        .with_low_accuracy_mode()
        .build()
    )


_HANDLES_AND_TAGS = re.compile(r"[@#$][\w.-]+")


def strip_non_words(text: str, spans: list[tuple[int, int]]) -> str:
    """The text without the given spans, handles and hashtags."""
    if spans:
        parts = []
        pos = 0
        for start, end in sorted(spans):
            if start >= pos:
                parts.append(text[pos:start])
                pos = end
        parts.append(text[pos:])
        text = " ".join(parts)
    return _HANDLES_AND_TAGS.sub(" ", text)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language; "en" when it is too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return "en"
    found = _detector().detect_language_of(sample)
    if found is None:
        return "en"
    return str(found.iso_code_639_1.name.lower())


def warm_up() -> None:
    """Load the language models now rather than on the first review."""
    detect_language("Warm up the language models with a sentence of plain text.")
