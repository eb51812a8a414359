"""Who a sentence is about: tokens and word classes shared by respect.abuse and conduct.competitor.

An insult word is abuse only when it is aimed at a person, so the checks need
to know what stands before it: "you", "she", "the new lead", a @handle, a name
(a person), "it" or a product (a thing), or "I" (the author about themselves).
The word classes live in `data/people.yaml`, per language; they are looked up
token by token, and only for drafts where an insult cue was found, so they stay
out of the shared cue lexicon that scans every draft.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from ..lexicon import LANGUAGES, fold_phrase, load_yaml

PEOPLE_FILE = Path(__file__).resolve().parents[1] / "data" / "people.yaml"

# A handle (@name.host), or a word with inner apostrophes or hyphens ("you're",
# "co-worker", "t'es"). Runs on folded text, where every apostrophe is "'".
TOKEN = re.compile(r"@[\w.-]*\w|\w+(?:['-]\w+)*'?")

# Punctuation that ends a clause: an insult after it is about something else.
# (Quotation marks do not: 'Marco is an "idiot"' still calls Marco one.)
CLAUSE_BREAK = re.compile(r"[.;:!?()\[\]\n\u2014]")


class Token(NamedTuple):
    start: int  # offsets into the folded (and normalised) text
    end: int
    text: str


@dataclass(frozen=True)
class WordSet:
    """Whole words, plus prefixes for entries written with a trailing `*`."""

    exact: frozenset[str]
    prefixes: tuple[str, ...]

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        return word in self.exact or bool(self.prefixes and word.startswith(self.prefixes))


@lru_cache(maxsize=1)
def _raw_classes() -> dict[str, dict[str, list[str]]]:
    data = load_yaml(PEOPLE_FILE) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{PEOPLE_FILE}: expected a mapping of word classes")
    for name, by_lang in data.items():
        if not isinstance(by_lang, dict) or not all(
            lang in LANGUAGES and isinstance(words, list) for lang, words in by_lang.items()
        ):
            raise ValueError(f"{PEOPLE_FILE}: class {name!r} must map en/fr/de/es/pt to word lists")
        for lang, words in by_lang.items():
            for word in words:
                if not isinstance(word, str):
                    # YAML reads a bare no, on or null as a boolean or nothing
                    raise ValueError(
                        f"{PEOPLE_FILE}: {name}.{lang} has {word!r}, not a word: put it in quotes"
                    )
    return data


@lru_cache(maxsize=64)
def word_classes(langs: tuple[str, ...]) -> dict[str, WordSet]:
    """Every word class, merged over the given languages (built once per language set)."""
    out: dict[str, WordSet] = {}
    for name, by_lang in _raw_classes().items():
        exact: set[str] = set()
        prefixes: list[str] = []
        for lang in langs:
            for word in by_lang.get(lang, []):
                if word.endswith("*"):
                    prefixes.append(fold_phrase(word[:-1]))
                else:
                    exact.add(fold_phrase(word))
        out[name] = WordSet(frozenset(exact), tuple(prefixes))
    return out


def tokenize(fold: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The words of fold[start:end], with their offsets in `fold`."""
    stop = len(fold) if end is None else end
    return [Token(m.start(), m.end(), m.group()) for m in TOKEN.finditer(fold, start, stop)]


def token_at(tokens: list[Token], pos: int) -> int:
    """Index of the token that contains (or first follows) offset `pos`."""
    lo, hi = 0, len(tokens)
    while lo < hi:
        mid = (lo + hi) // 2
        if tokens[mid].end <= pos:
            lo = mid + 1
        else:
            hi = mid
    return lo


def broken(fold: str, left: Token, right: Token) -> bool:
    """True when punctuation between two tokens ends a clause."""
    return CLAUSE_BREAK.search(fold, left.end, right.start) is not None


def looks_like_name(norm: str, token: Token) -> bool:
    """A capitalised word that is not an acronym: "Greg", "Priya's"."""
    word = norm[token.start : token.end]
    if word.endswith("'s") or word.endswith("\u2019s"):
        word = word[:-2]
    if len(word) < 2 or not word[0].isupper() or not word.isalpha():
        return False
    return not word.isupper()


# Function words vote for the languages a draft may be written in.
FUNCTION_CLASSES = ("self", "you", "third", "copula", "determiner", "possessive", "negation")


@lru_cache(maxsize=8)
def _function_words(lang: str) -> frozenset[str]:
    classes = word_classes((lang,))
    return frozenset().union(*(classes[c].exact for c in FUNCTION_CLASSES))


def draft_languages(fold: str, detected: tuple[str, ...]) -> tuple[str, ...]:
    """The detected languages, plus any whose function words the draft uses about as much.

    Used when a cue of another language turns up: detection misreads short
    lines, but "ese ... es un" still says Spanish.
    """
    votes = dict.fromkeys(LANGUAGES, 0.0)
    for m in TOKEN.finditer(fold):
        word = m.group()
        owners = [lang for lang in LANGUAGES if word in _function_words(lang)]
        # a word shared by several languages ("un", "es") says less about each
        for lang in owners:
            votes[lang] += 1 / len(owners)
    top = max(votes.values())
    extra = tuple(
        lang
        for lang in LANGUAGES
        if lang not in detected and votes[lang] >= 1.0 and votes[lang] >= 0.75 * top
    )
    return detected + extra
