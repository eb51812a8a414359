"""Per-draft views shared by the business rules (material information, crisis commentary,
investment advice, protected activity).

- `company_refs(ctx)`: who a passage talks about: the author's employer (policy
  company names, products, ticker, handles, codenames, disclosure tags, words such
  as "my employer"), an employee's "we", or another company (competitors, clients);
- `sentence_map(ctx)` and `in_sentences(ctx, group)`: which sentences hold a cue
  group, so a check asks "does sentence 3 have a metric?" in constant time;
- `numbers(ctx)`: fiscal periods (Q4, FY2026), amounts of money and percentages,
  found from the draft's digit runs rather than by scanning the whole text with
  large patterns.

Each is computed at most once per draft and shared between the checks. All
offsets are in `ctx.norm` coordinates.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from ..compiled import (
    CLIENT_CONFIDENTIAL,
    CLIENT_PUBLIC,
    CODENAME,
    COMPANY,
    COMPETITOR,
    HANDLE,
    PRODUCT,
    TICKER,
)
from ..context import Context

OWN_KINDS = (COMPANY, PRODUCT, TICKER, HANDLE, CODENAME)
OTHER_KINDS = (COMPETITOR, CLIENT_PUBLIC, CLIENT_CONFIDENTIAL)

Span = tuple[int, int]
T = TypeVar("T")
P = TypeVar("P")

# Cue words inside a set phrase of this group ("for the record", "sales team") are
# not cues for the groups that ask for masking.
MASK_GROUP = "material.mask"

# The per-draft store lives on the Context itself, so it goes away with the draft.
_STORE = "_business_views"


_MISSING = object()


def cached(ctx: Context, key: Any, build: Callable[[], T]) -> T:
    """`build()` once per draft and key, shared by every check that asks."""
    store = ctx.__dict__.get(_STORE)
    if store is None:
        store = ctx.__dict__[_STORE] = {}
    value = store.get(key, _MISSING)
    if value is _MISSING:
        value = store[key] = build()
    return value


def inside(spans: Iterable[Span], start: int, end: int) -> bool:
    """True when [start, end) overlaps any of `spans`."""
    return any(s < end and start < e for s, e in spans)


def trim(text: str, start: int, end: int) -> Span:
    """The span without surrounding white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# ---- sentences ---------------------------------------------------------------


class SentenceMap:
    """The draft's sentences and a fast lookup from an offset to its sentence."""

    def __init__(self, spans: list[Span]) -> None:
        self.spans = spans
        self._starts = [s for s, _ in spans]

    def index_of(self, pos: int) -> int:
        return max(bisect_right(self._starts, pos) - 1, 0)

    def span_of(self, pos: int) -> Span:
        return self.spans[self.index_of(pos)]

    def __len__(self) -> int:
        return len(self.spans)


# Up to this many items a plain list is faster than buckets.
FLAT_ITEMS = 24


class SpanIndex(Generic[P]):
    """Spans (with a payload) bucketed by the sentence they start in.

    Queries about a sentence-sized range look only at that range's buckets, so a
    check that asks about every sentence stays linear in the length of the draft.
    Short drafts, with few items, keep one plain list.
    """

    def __init__(self, items: Iterable[tuple[int, int, P]], smap: SentenceMap) -> None:
        self.smap = smap
        self.items = list(items)
        self.by_sentence: dict[int, list[tuple[int, int, P]]] | None = None
        if len(self.items) > FLAT_ITEMS:
            self.by_sentence = defaultdict(list)
            for item in self.items:
                self.by_sentence[smap.index_of(item[0])].append(item)

    def __bool__(self) -> bool:
        return bool(self.items)

    @property
    def sentences(self) -> frozenset[int]:
        if self.by_sentence is not None:
            return frozenset(self.by_sentence)
        return frozenset(self.smap.index_of(item[0]) for item in self.items)

    def _candidates(self, start: int, end: int) -> list[tuple[int, int, P]]:
        if self.by_sentence is None:
            return self.items
        first = self.smap.index_of(start)
        last = self.smap.index_of(max(start, end - 1))
        out: list[tuple[int, int, P]] = []
        for i in range(max(first - 1, 0), last + 1):
            out += self.by_sentence.get(i, ())
        return out

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any span overlaps [start, end)."""
        return any(s < end and start < e for s, e, _ in self._candidates(start, end))

    def starting_in(self, start: int, end: int) -> list[tuple[int, int, P]]:
        """The spans that start inside [start, end)."""
        return [item for item in self._candidates(start, end) if start <= item[0] < end]

    def within(self, start: int, end: int) -> list[tuple[int, int, P]]:
        """The spans that lie inside [start, end)."""
        return [
            item for item in self._candidates(start, end) if start <= item[0] and item[1] <= end
        ]


def sentence_map(ctx: Context) -> SentenceMap:
    return cached(ctx, "sentences", lambda: SentenceMap(ctx.sentences or [(0, len(ctx.norm))]))


def span_index(ctx: Context, key: Any, spans: Callable[[], Iterable[Span]]) -> SpanIndex[None]:
    """A cached `SpanIndex` of plain spans (names, links, numbers)."""
    return cached(
        ctx,
        ("spans", key),
        lambda: SpanIndex(((s, e, None) for s, e in spans()), sentence_map(ctx)),
    )


def cue_index(ctx: Context, group: str, *, masked: bool = False) -> SpanIndex[str]:
    """The hits of a cue group as (start, end, phrase), bucketed by sentence; with `masked`,
    hits inside a set phrase of `material.mask` are left out."""

    def build() -> SpanIndex[str]:
        hidden = cue_index(ctx, MASK_GROUP) if masked and ctx.cue(MASK_GROUP) else None
        items = (
            (h.start, h.end, h.payload.phrase)
            for h in ctx.cue(group)
            if not (hidden and hidden.overlaps(h.start, h.end))
        )
        return SpanIndex(items, sentence_map(ctx))

    return cached(ctx, ("cues", group, masked), build)


def in_sentences(ctx: Context, group: str, *, masked: bool = False) -> frozenset[int]:
    """Indices of the sentences that hold a cue of `group`."""

    def build() -> frozenset[int]:
        hits = ctx.cue(group)
        if not hits:
            return frozenset()
        if masked and ctx.cue(MASK_GROUP):
            return cue_index(ctx, group, masked=True).sentences
        index_of = sentence_map(ctx).index_of
        return frozenset(index_of(h.start) for h in hits)

    return cached(ctx, ("in", group, masked), build)


def hits_in(
    ctx: Context, group: str, start: int, end: int, *, masked: bool = False
) -> list[tuple[int, int, str]]:
    """(start, end, phrase) of the cue hits of `group` inside [start, end)."""
    return cue_index(ctx, group, masked=masked).within(start, end)


def has_cue_in(ctx: Context, group: str, start: int, end: int, *, masked: bool = False) -> bool:
    """Whether a cue of `group` lies inside [start, end)."""
    return bool(hits_in(ctx, group, start, end, masked=masked))


def names_in(ctx: Context, kinds: tuple[str, ...], start: int, end: int) -> bool:
    """Whether a policy name of one of `kinds` starts inside [start, end)."""
    index = span_index(
        ctx, ("names", kinds), lambda: ((h.start, h.end) for h in ctx.names_of(*kinds))
    )
    return bool(index.starting_in(start, end))


# ---- who a passage is about ------------------------------------------------------


@dataclass
class CompanyRefs:
    """Mentions of the employer and of other companies in one draft."""

    own: SpanIndex[None]
    other: SpanIndex[None]
    we: SpanIndex[None]
    sentences: SentenceMap

    @property
    def post_names_own(self) -> bool:
        return bool(self.own)

    @property
    def post_says_we(self) -> bool:
        return bool(self.we)

    def own_in(self, start: int, end: int) -> bool:
        return self.own.overlaps(start, end)

    def other_in(self, start: int, end: int) -> bool:
        return self.other.overlaps(start, end)

    def we_in(self, start: int, end: int) -> bool:
        return self.we.overlaps(start, end)

    def about_employer(self, start: int, end: int) -> bool:
        """Whether the passage [start, end) is about the author's employer.

        Named in the passage: yes. Another company named there and not the employer:
        no. An employee's "we"/"our": yes. Otherwise it is about the employer when the
        post names the employer somewhere.
        """
        if self.own_in(start, end):
            return True
        if self.other_in(start, end):
            return False
        if self.we_in(start, end):
            return True
        return self.post_names_own


def company_refs(ctx: Context) -> CompanyRefs:
    def build() -> CompanyRefs:
        smap = sentence_map(ctx)
        own: list[Span] = [(h.start, h.end) for h in ctx.names_of(*OWN_KINDS)]
        if not ctx.compiled.disclosure_tags.empty and "#" in ctx.fold:
            own += [(h.start, h.end) for h in ctx.compiled.disclosure_tags.find(ctx.fold)]
        own += [(h.start, h.end) for h in ctx.cue("material.employer")]
        other = [(h.start, h.end) for h in ctx.names_of(*OTHER_KINDS)]
        we = [(h.start, h.end) for h in ctx.cue("material.we")]
        return CompanyRefs(
            own=SpanIndex(((s, e, None) for s, e in own), smap),
            other=SpanIndex(((s, e, None) for s, e in other), smap),
            we=SpanIndex(((s, e, None) for s, e in we), smap),
            sentences=smap,
        )

    return cached(ctx, "refs", build)


# ---- numbers ---------------------------------------------------------------------

_DIGITS = re.compile(r"\d[\d.,]*")
# Without a currency sign, "5k" is as often a race as an amount: thousands need the sign.
_MAGNITUDE = (
    r"(?:m|mm|bn|b|million|millions|billion|billions|mio|mrd|milliards?|millones|milhoes"
    r"|md|mil\s+(?:euros?|reais|dolares|pesos))\b"
)
_CURRENCY_WORD = r"(?:usd|eur|gbp|dollars?|euros?|dolares|reais|pounds)\b"
# What may follow a number that makes it an amount of money or a percentage.
_MONEY_AFTER = re.compile(r"\s?(?:" + _MAGNITUDE + r"|[$€£]|" + _CURRENCY_WORD + r")")
_PERCENT_AFTER = re.compile(
    r"\s?(?:%|percent\b|per cent\b|pour cent\b|prozent\b|por ciento\b|por cento\b)"
)
_CURRENCY = frozenset("$€£¥")


@dataclass(frozen=True)
class Numbers:
    """Fiscal-period codes (their end offsets), amounts of money and percentages."""

    fiscal_ends: tuple[int, ...]
    money: tuple[Span, ...]
    percent: tuple[Span, ...]

    def fiscal_in(self, start: int, end: int) -> list[int]:
        ends = self.fiscal_ends
        return list(ends[bisect_right(ends, start) : bisect_right(ends, end)])

    def money_in(self, start: int, end: int) -> bool:
        return _starts_in(self.money, start, end)

    def percent_in(self, start: int, end: int) -> bool:
        return _starts_in(self.percent, start, end)


def _starts_in(spans: tuple[Span, ...], start: int, end: int) -> bool:
    """Whether a span of the sorted `spans` starts inside [start, end)."""
    i = bisect_left(spans, (start, -1))
    return i < len(spans) and spans[i][0] < end


def numbers(ctx: Context) -> Numbers:
    return cached(ctx, "numbers", lambda: _find_numbers(ctx.fold))


def _find_numbers(fold: str) -> Numbers:
    fiscal: list[int] = []
    money: list[Span] = []
    percent: list[Span] = []
    n = len(fold)
    for m in _DIGITS.finditer(fold):
        start, end = m.start(), m.end()
        while end > start and fold[end - 1] in ".,":
            end -= 1  # a sentence's full stop is not part of the number
        before = fold[start - 1] if start else " "
        after = fold[end] if end < n else " "
        glued_before = before.isalnum() or before == "_"
        # Q4, H1, 3Q: a letter glued to a single digit 1-4.
        if end - start == 1 and fold[start] in "1234":
            if before in "qh" and (start < 2 or not fold[start - 2].isalnum()):
                if not (after.isalnum() or after == "_"):
                    fiscal.append(end)
            elif after == "q" and not glued_before:
                tail = fold[end + 1] if end + 1 < n else " "
                if not (tail.isalnum() or tail == "_"):
                    fiscal.append(end + 1)
        if glued_before or before in " '":
            # FY2026, FY 26, FY'26: the number follows "fy".
            pre = fold[max(0, start - 5) : start].replace("'", "").rstrip()
            if pre.endswith("fy") and (len(pre) < 3 or not pre[-3].isalnum()):
                fiscal.append(end)
                continue
        if glued_before and before not in _CURRENCY:
            continue
        prefix = fold[max(0, start - 2) : start].strip()
        if prefix[-1:] in _CURRENCY:
            money.append((fold.rfind(prefix[-1], 0, start), end))
            continue
        after_money = _MONEY_AFTER.match(fold, end)
        if after_money:
            money.append((start, after_money.end()))
            continue
        after_percent = _PERCENT_AFTER.match(fold, end)
        if after_percent:
            percent.append((start, after_percent.end()))
    if "fy" in fold:
        # A bare "FY" ("the FY outlook") is a fiscal period too.
        fiscal += [m.end() for m in re.finditer(r"(?<![\w])fy(?![\w'])", fold)]
    return Numbers(tuple(sorted(fiscal)), tuple(sorted(money)), tuple(sorted(percent)))
