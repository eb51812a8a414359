"""Whole-word phrase matching with Aho-Corasick, for policy names and cue lexicons.

Phrases are matched against `NormalizedText.fold` (lower-cased, accents
stripped), so one entry covers "Délai" and "delai". A phrase ending in `*`
matches any word that starts with it ("layoff*" finds "layoffs").

Cue lexicons live in `lexicons/*.yaml`, one file per topic, each group keyed by
language:

    # lexicons/crisis.yaml
    incident:
      en: [outage, lawsuit*, class action]
      fr: [panne, proces]

The group's id is `<file>.<group>` ("crisis.incident"). They are written by
us, for rules, never copied from the evaluation corpus.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Generic, TypeVar

import ahocorasick
import yaml

from .text import _ASCII_FOLD, _fold_char, is_word_char

T = TypeVar("T")

LEXICON_DIR = Path(__file__).parent / "lexicons"
LANGUAGES = ("en", "fr", "de", "es", "pt")


def fold_phrase(phrase: str) -> str:
    """A phrase as it appears in `NormalizedText.fold`, for matching against it."""
    phrase = phrase.strip()
    if phrase.isascii():
        # NFKC leaves ASCII alone and folding it is lower-casing (plus a few spaces and
        # quotes): the lexicons' ten thousand phrases load in a fraction of the time.
        return phrase.lower().translate(_ASCII_FOLD)
    phrase = unicodedata.normalize("NFKC", phrase)
    return "".join(_fold_char(c) for c in phrase)


# Not frozen (a frozen dataclass costs three times as much to build, and a review
# builds thousands of hits) but hashable all the same; treat hits as read-only.
@dataclass(unsafe_hash=True, slots=True)
class Hit(Generic[T]):
    start: int
    end: int
    payload: T


class PhraseMatcher(Generic[T]):
    """Finds whole-word occurrences of many phrases in one pass."""

    def __init__(self, entries: Iterable[tuple[str, T]]) -> None:
        self._automaton = ahocorasick.Automaton()
        table: dict[str, list[tuple[bool, T]]] = defaultdict(list)
        for phrase, payload in entries:
            prefix = phrase.endswith("*")
            key = fold_phrase(phrase.rstrip("*"))
            if key:
                table[key].append((prefix, payload))
        for key, values in table.items():
            # Whether the phrase starts and ends with a word character is fixed per
            # phrase; only the text's characters around a match need looking at.
            self._automaton.add_word(
                key, (len(key), is_word_char(key[0]), is_word_char(key[-1]), tuple(values))
            )
        self.empty = not table
        if not self.empty:
            self._automaton.make_automaton()

    def find(self, fold: str) -> list[Hit[T]]:
        if self.empty:
            return []
        hits: list[Hit[T]] = []
        n = len(fold)
        for end_index, (length, word_first, word_last, values) in self._automaton.iter(fold):
            end = end_index + 1
            start = end - length
            if word_first and start > 0:
                before = fold[start - 1]
                if before.isalnum() or before == "_":
                    continue  # glued to the word before it
            glued_right = False
            if word_last and end < n:
                after = fold[end]
                glued_right = after.isalnum() or after == "_"
            for prefix, payload in values:
                if glued_right and not prefix:
                    continue
                word_end = end
                if prefix:
                    while word_end < n and is_word_char(fold[word_end]):
                        word_end += 1
                hits.append(Hit(start, word_end, payload))
        return hits


@dataclass(frozen=True)
class Cue:
    group: str
    lang: str
    phrase: str


class Lexicon:
    """All cue groups of all lexicon files, matched in one pass."""

    def __init__(self, groups: dict[str, dict[str, list[str]]]) -> None:
        self.groups = groups
        entries: list[tuple[str, Cue]] = []
        for group, by_lang in groups.items():
            for lang, phrases in by_lang.items():
                for phrase in phrases:
                    entries.append((phrase, Cue(group, lang, phrase)))
        self._matcher = PhraseMatcher(entries)
        self._last: tuple[str, list[Hit[Cue]]] = ("", [])

    def find(self, fold: str) -> list[Hit[Cue]]:
        """Every hit of every group and language, in text order (read-only: shared).

        The last text's hits are kept, so the checks that read the same draft one after
        another (`ctx.cues`, `near.scan_groups`, personal data's cues) share one pass."""
        last = self._last
        if last[0] == fold:
            return last[1]
        hits = self._matcher.find(fold)
        self._last = (fold, hits)
        return hits

    def scan(self, fold: str, langs: Iterable[str]) -> dict[str, list[Hit[Cue]]]:
        wanted = set(langs)
        out: dict[str, list[Hit[Cue]]] = defaultdict(list)
        for hit in self.find(fold):
            if hit.payload.lang in wanted or hit.payload.lang == "any":
                out[hit.payload.group].append(hit)
        return out


# LibYAML's loader reads the same documents as PyYAML's pure-Python SafeLoader about
# eight times faster; the lexicons are read at every process start (the CLI's cold start).
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path) -> Any:
    """A data file of the engine (lexicons, word lists), read with the fastest safe loader."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)


def load_lexicon_files(directory: Path) -> dict[str, dict[str, list[str]]]:
    groups: dict[str, dict[str, list[str]]] = {}
    for path in sorted(directory.glob("*.yaml")):
        data = load_yaml(path) or {}
        if not isinstance(data, dict):
            raise ValueError(f"{path}: expected a mapping of cue groups")
        for group, by_lang in data.items():
            if not isinstance(by_lang, dict):
                raise ValueError(f"{path}: group {group!r} must map languages to phrase lists")
            clean: dict[str, list[str]] = {}
            for lang, phrases in by_lang.items():
                if lang not in LANGUAGES and lang != "any":
                    raise ValueError(f"{path}: group {group!r} has unknown language {lang!r}")
                if not isinstance(phrases, list):
                    raise ValueError(f"{path}: {group}.{lang} must be a list of phrases")
                clean[lang] = [str(p) for p in phrases]
            groups[f"{path.stem}.{group}"] = clean
    return groups


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return Lexicon(load_lexicon_files(LEXICON_DIR))
