"""Everything a check may want to know about one draft, computed at most once.

Each property is lazy: a check that needs no links never pays for finding
them. All spans a check reads from here are in `text.norm` coordinates;
`Context.finding()` maps them back to the author's text.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar, overload

from .catalogue import RULES
from .compiled import CompiledPolicy, NameHit
from .lexicon import Cue, Hit, default_lexicon
from .text import NormalizedText, normalize
from .types import Draft, Finding, Fix

if TYPE_CHECKING:
    from .policy import Policy

_T = TypeVar("_T")


class lazy_property(cached_property[_T]):
    """`functools.cached_property` without its lock.

    Python 3.11's takes a re-entrant lock at every first access (3.12 dropped it); a
    Context belongs to one review in one thread, and a review reads about a dozen of
    these, so the lock was a microsecond a property for nothing.
    """

    @overload
    def __get__(self, instance: None, owner: type[Any] | None = None) -> lazy_property[_T]: ...
    @overload
    def __get__(self, instance: object, owner: type[Any] | None = None) -> _T: ...
    def __get__(self, instance: object | None, owner: type[Any] | None = None) -> Any:
        if instance is None:
            return self
        name = self.attrname
        if name is None:
            raise TypeError("a lazy_property needs a name: assign it in a class body")
        value = instance.__dict__[name] = self.func(instance)
        return value


@dataclass(frozen=True)
class Link:
    url: str
    host: str
    start: int  # norm offsets
    end: int
    internal: bool
    reason: str = ""  # why it is internal ("a private address", "listed in the policy")


class Context:
    def __init__(self, draft: Draft, policy: Policy) -> None:
        self.draft = draft
        self.policy = policy
        self.compiled: CompiledPolicy = policy.compiled
        self.text: NormalizedText = normalize(draft.text)
        self.external = draft.network != "internal"
        self.date: dt.date = draft.date or policy.today()
        self.regulated = policy.model.regulated or draft.author.regulated
        self.spokesperson = draft.author.spokesperson

    # ---- views of the text -------------------------------------------------

    @property
    def norm(self) -> str:
        return self.text.norm

    @property
    def fold(self) -> str:
        return self.text.fold

    @lazy_property
    def links(self) -> list[Link]:
        from .links import find_links

        return find_links(self)

    def in_link(self, start: int, end: int) -> bool:
        """True when [start, end) lies inside one link."""
        # Among the links starting at or before `start`, does the one reaching
        # furthest cover `end`? A binary search keeps long posts linear.
        starts, reach = self._link_reach
        k = bisect_right(starts, start)
        return k > 0 and reach[k - 1] >= end

    @lazy_property
    def _link_reach(self) -> tuple[list[int], list[int]]:
        spans = sorted((link.start, link.end) for link in self.links)
        reach: list[int] = []
        furthest = -1
        for _, link_end in spans:
            furthest = max(furthest, link_end)
            reach.append(furthest)
        return [s for s, _ in spans], reach

    @lazy_property
    def names(self) -> list[NameHit]:
        """Policy names outside links (a URL path is not a mention)."""
        return [h for h in self.all_names if not self.in_link(h.start, h.end)]

    @lazy_property
    def all_names(self) -> list[NameHit]:
        return self.compiled.find_names(self.norm, self.fold)

    def names_of(self, *kinds: str) -> list[NameHit]:
        return [h for h in self.names if h.kind in kinds]

    @lazy_property
    def _language_sample(self) -> str:
        from .language import strip_non_words

        # Links, handles and the company's own names say nothing about the language.
        spans = [(link.start, link.end) for link in self.links]
        spans += [(h.start, h.end) for h in self.all_names]
        return strip_non_words(self.norm, spans)

    @lazy_property
    def language(self) -> str:
        """The language the draft is written in (ISO 639-1), as detected."""
        from .language import detect_language

        return detect_language(self._language_sample)

    @lazy_property
    def review_languages(self) -> tuple[str, ...]:
        """Languages whose cue lexicons apply: the draft's, and English (mixed posts)."""
        from .lexicon import LANGUAGES

        lang = self.language
        if lang in LANGUAGES and lang != "en":
            return (lang, "en")
        return ("en",)

    @lazy_property
    def cue_languages(self) -> tuple[str, ...]:
        """The review languages and, on posts too short to tell, the other languages whose
        function words appear (their cues count unless they hold a function word)."""
        from .language import other_cue_languages

        langs = self.review_languages
        extra = other_cue_languages(self._language_sample, langs[0])
        return langs + tuple(x for x in extra if x not in langs)

    @property
    def reviewed_language(self) -> str:
        return self.review_languages[0]

    @lazy_property
    def cues(self) -> dict[str, list[Hit[Cue]]]:
        langs = self.cue_languages
        found = default_lexicon().scan(self.fold, langs)
        main = self.review_languages
        if len(langs) == len(main):
            return found
        # A cue of a language the post was not detected in counts only when none of its
        # words is a function word of some language ("con" is Spanish for "with").
        from .language import is_function_word

        for group, hits in list(found.items()):
            kept = [
                h
                for h in hits
                if h.payload.lang in main
                or h.payload.lang == "any"
                or not any(is_function_word(w) for w in h.payload.phrase.split())
            ]
            if kept:
                found[group] = kept
            else:
                del found[group]
        return found

    def cue(self, group: str) -> list[Hit[Cue]]:
        return self.cues.get(group, [])

    def has_cue(self, *groups: str) -> bool:
        return any(self.cues.get(g) for g in groups)

    @lazy_property
    def sentences(self) -> list[tuple[int, int]]:
        from .sentences import split_sentences

        return split_sentences(self.norm)

    def semantic(self, rule: str) -> float:
        """Similarity of the draft to a rule's exemplars (0..1), from the static embedding model."""
        from .semantic import score

        return score(self, rule)

    # ---- building findings ---------------------------------------------------

    def finding(
        self,
        rule: str,
        start: int,
        end: int,
        message: str,
        *,
        replacement: str | None = None,
        fix_span: tuple[int, int] | None = None,
        severity: str | None = None,
        confidence: float = 1.0,
        original_offsets: bool = False,
        fix: Fix | None = None,
    ) -> Finding:
        """A finding at norm span [start, end); `replacement` proposes a fix of that span
        (or of `fix_span`). With `original_offsets` the spans are already in the author's
        text, e.g. for findings about its length."""
        if original_offsets:
            o_start, o_end = start, end
        else:
            o_start, o_end = self.text.to_original(start, end)
        if replacement is not None and fix is None:
            if fix_span is None:
                f_start, f_end = o_start, o_end
            elif original_offsets:
                f_start, f_end = fix_span
            else:
                f_start, f_end = self.text.to_original(*fix_span)
            fix = Fix(f_start, f_end, replacement)
        if rule in RULES:
            sev = severity or self.policy.severity_of(rule)
            guideline = self.policy.guideline_of(rule)
        else:
            sev = severity or "warn"
            guideline = ""
        return Finding(
            rule=rule,
            severity=sev,
            start=o_start,
            end=o_end,
            excerpt=self.draft.text[o_start:o_end],
            message=message,
            guideline=guideline,
            fix=fix,
            confidence=confidence,
        )

    def append_fix(self, addition: str) -> Fix:
        """A fix that appends `addition` at the end of the author's text."""
        text = self.draft.text
        n = len(text)
        sep = "" if not text or text[-1].isspace() else " "
        return Fix(n, n, sep + addition)
