"""Who a sentence talks about: the author's employer, another company, or nobody named.

Shared by the business rules (material information, crisis commentary,
protected activity). The employer is recognised from the policy (company
names, products, ticker, handles, codenames, disclosure tags) and from words
that say "my employer"; other companies are the policy's competitors and
clients. Everything here is in `ctx.norm` coordinates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

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

# Cue groups that mask others: a cue word inside a set phrase ("for the record",
# "sales team") is not the cue.
MASK_GROUP = "material.mask"


def inside(spans: Iterable[Span], start: int, end: int) -> bool:
    """True when [start, end) overlaps any of `spans`."""
    return any(s < end and start < e for s, e in spans)


@dataclass
class Sentences:
    """The draft's sentences, with a fast lookup from an offset to its sentence."""

    spans: list[Span]

    def index_of(self, pos: int) -> int:
        for i, (start, end) in enumerate(self.spans):
            if pos < end:
                return i if pos >= start else max(i - 1, 0)
        return len(self.spans) - 1

    def __len__(self) -> int:
        return len(self.spans)


class CompanyRefs:
    """Mentions of the employer and of other companies in one draft."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        own: list[Span] = [(h.start, h.end) for h in ctx.names_of(*OWN_KINDS)]
        own += [(h.start, h.end) for h in ctx.compiled.disclosure_tags.find(ctx.fold)]
        own += [(h.start, h.end) for h in ctx.cue("material.employer")]
        self.named_own = sorted(own)
        self.other: list[Span] = sorted((h.start, h.end) for h in ctx.names_of(*OTHER_KINDS))
        self.we: list[Span] = [(h.start, h.end) for h in ctx.cue("material.we")]
        self.sentences = Sentences(ctx.sentences or [(0, len(ctx.norm))])

    @cached_property
    def post_names_own(self) -> bool:
        return bool(self.named_own)

    def sentence_span(self, pos: int) -> Span:
        if not self.sentences.spans:
            return (0, 0)
        return self.sentences.spans[self.sentences.index_of(pos)]

    def own_in(self, start: int, end: int) -> bool:
        return inside(self.named_own, start, end)

    def other_in(self, start: int, end: int) -> bool:
        return inside(self.other, start, end)

    def we_in(self, start: int, end: int) -> bool:
        return inside(self.we, start, end)

    def about_employer(self, start: int, end: int, *, plural_counts: bool = True) -> bool:
        """Whether the passage [start, end) is about the author's employer.

        Named in the passage: yes. Another company named there and not the employer:
        no. An employee's "we"/"our": yes (when `plural_counts`). Otherwise it is
        about the employer when the post names the employer somewhere.
        """
        if self.own_in(start, end):
            return True
        if self.other_in(start, end):
            return False
        if plural_counts and self.we_in(start, end):
            return True
        return self.post_names_own


def hits_in(
    ctx: Context, group: str, start: int, end: int, *, masked: bool = False
) -> list[tuple[int, int, str]]:
    """(start, end, phrase) of the cue hits of `group` inside [start, end); with `masked`,
    hits inside a set phrase of `material.mask` are dropped."""
    masks = [(h.start, h.end) for h in ctx.cue(MASK_GROUP)] if masked else []
    out = []
    for h in ctx.cue(group):
        if start <= h.start and h.end <= end and not inside(masks, h.start, h.end):
            out.append((h.start, h.end, h.payload.phrase))
    return out


def has_cue_in(ctx: Context, group: str, start: int, end: int, *, masked: bool = False) -> bool:
    return bool(hits_in(ctx, group, start, end, masked=masked))


def regex_in(pattern: re.Pattern[str], text: str, start: int, end: int) -> re.Match[str] | None:
    return pattern.search(text, start, end)


def trim(text: str, start: int, end: int) -> Span:
    """The span without surrounding white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
