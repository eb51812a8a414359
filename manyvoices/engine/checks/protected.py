"""`protected.concerted-activity`: the post is employees' protected speech (NLRA Section 7).

Judged on what the post as a whole is about (clarifications.md), from cue
classes of `lexicons/protected.yaml`:

- a working-conditions topic (pay, benefits, hours, staffing, safety) or
  collective action (union, petition, joint letter, works council);
- something that makes it concerted or a complaint: collective action, speaking
  with or for co-workers ("a few of us", "our crew"), criticism of management,
  or a substantial discussion of several working conditions;
- the protected sentences are the main part of the post: more of them than of
  the rest, where a sentence that carries business news (figures, deals,
  launch dates, codenames) weighs double, so "we deserve better pay" tacked
  onto a leak does not turn the leak into protected speech;
- not a job advertisement or recruiting post, unless it also organises or
  complains.

This check only reports; `review.py` applies the downgrade of the other
findings and keeps the review private.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..catalogue import CATALOGUE, PROTECTED_RULE
from ..context import Context
from ..types import Finding
from ._company import SpanIndex, in_sentences, names_in, numbers, sentence_map, span_index, trim

RULE = PROTECTED_RULE
RULES = (RULE,)

TOPICS = {
    "protected.pay": "pay",
    "protected.benefits": "benefits",
    "protected.hours": "hours",
    "protected.staffing": "staffing",
    "protected.safety": "safety",
}
UNION = "protected.union"
TOGETHER = "protected.together"
GRIEVANCE = "protected.grievance"
MANAGEMENT = "protected.management"
RECRUITING = "protected.recruiting"
CONCERTED = (UNION, TOGETHER, GRIEVANCE)
ALL_GROUPS = (*TOPICS, *CONCERTED, MANAGEMENT)

# Business news that a protected sentence must outweigh.
NEWS_GROUPS = (
    "material.metric",
    "material.record",
    "material.plan",
    "material.deal_strong",
    "material.launch",
    "material.teaser_hint",
    "material.teaser_strong",
)
# Careers pages: a post that links to one advertises jobs.
JOB_PATH = re.compile(
    r"[/.](?:careers?|jobs?|join-us|joinus|hiring|recrutement|karriere|stellen|empleo|trabaja"
    r"|vagas|carreiras)(?:[/.?#_-]|$)"
)
# Sentences shorter than this many words (an emoji line, a hashtag line) do not count.
MIN_WORDS = 3
# Several distinct working-conditions cues make a discussion without any other sign.
MANY_TOPIC_CUES = 3


def check(ctx: Context) -> list[Finding]:
    """One info finding over the main protected passage, when the post is protected speech."""
    if not ctx.has_cue(*TOPICS, UNION):
        return []
    cues = _cues_outside_links(ctx)
    union = cues[UNION]
    grievance = cues[GRIEVANCE]
    if not union and not any(cues[g] for g in TOPICS):
        return []
    if (ctx.cue(RECRUITING) or _links_to_jobs(ctx)) and not union and not grievance:
        return []
    topic_phrases = {phrase for g in TOPICS for _, _, phrase in cues[g]}
    # Naming management is a complaint's target, and a sign only with working conditions.
    concerted = (
        union
        or grievance
        or cues[TOGETHER]
        or len(topic_phrases) >= MANY_TOPIC_CUES
        or (cues[MANAGEMENT] and len(topic_phrases) >= 2)
    )
    if not concerted:
        return []
    passage = _main_passage(ctx, cues)
    if passage is None:
        return []
    topics = [name for group, name in TOPICS.items() if cues[group]]
    if union:
        topics.append("acting together")
    return [ctx.finding(RULE, *passage, _message(topics))]


Cue = tuple[int, int, str]


def _cues_outside_links(ctx: Context) -> dict[str, list[Cue]]:
    """The protected cues by group, without those inside links ("/HR/" in a URL path)."""
    links = span_index(ctx, "links", lambda: ((link.start, link.end) for link in ctx.links))
    return {
        g: [
            (h.start, h.end, h.payload.phrase)
            for h in ctx.cue(g)
            if not (links and links.overlaps(h.start, h.end))
        ]
        for g in ALL_GROUPS
    }


def _main_passage(ctx: Context, cues: dict[str, list[Cue]]) -> tuple[int, int] | None:
    """The longest run of protected sentences, when they are the main part of the post."""
    smap = sentence_map(ctx)
    spans = smap.spans
    by_group = {g: SpanIndex(hits, smap) for g, hits in cues.items()}

    def here(groups: tuple[str, ...], start: int, end: int) -> list[Cue]:
        return [c for g in groups for c in by_group[g].within(start, end)]

    protected_weight = other_weight = 0
    protected_words = other_words = 0
    cue_phrases: set[str] = set()
    union_said = False
    marks: list[bool | None] = []  # True protected, False other, None too short to count
    for i, (start, end) in enumerate(spans):
        words = len(ctx.norm[start:end].split())
        phrases = {p for _, _, p in here(ALL_GROUPS, start, end)}
        pay_here = bool(here(("protected.pay",), start, end))
        news = _carries_news(ctx, i, start, end, money_is_pay=pay_here)
        # A sentence with business news in it is protected only when it is said as a
        # complaint or to co-workers, or is itself about working conditions, not because
        # it mentions one topic word ("layoffs").
        concerted = bool(here(CONCERTED, start, end))
        topical = _distinct_spans([(s, e) for s, e, _ in here(tuple(TOPICS), start, end)])
        if phrases and (not news or concerted or topical >= 2):
            union_said = union_said or bool(here((UNION,), start, end))
            cue_phrases |= phrases
            protected_weight += 1
            protected_words += words
            marks.append(True)
        elif words >= MIN_WORDS:
            other_weight += 2 if news else 1
            other_words += words
            marks.append(False)
        else:
            marks.append(None)
    # A tie goes to the protected passage when it says more and carries several cues or
    # a collective action (a union, a petition).
    main = protected_weight > other_weight or (
        protected_weight == other_weight
        and protected_words >= other_words
        and (len(cue_phrases) >= MANY_TOPIC_CUES or union_said)
    )
    if not main:
        return None
    best: tuple[int, int] | None = None
    run_start: int | None = None
    run_end = 0
    for (start, end), mark in [*zip(spans, marks, strict=True), ((0, 0), False)]:
        if mark is False:
            if run_start is not None and (best is None or run_end - run_start > best[1] - best[0]):
                best = (run_start, run_end)
            run_start = None
        elif mark:
            if run_start is None:
                run_start = start
            run_end = end
    return trim(ctx.norm, *best) if best else None


def _links_to_jobs(ctx: Context) -> bool:
    """A link to a careers or jobs page makes the post a job ad."""
    return any(JOB_PATH.search(link.url.lower()) for link in ctx.links)


def _distinct_spans(spans: list[tuple[int, int]]) -> int:
    """How many non-overlapping groups the cue spans form."""
    count = 0
    last_end = -1
    for s, e in sorted(spans):
        if s >= last_end:
            count += 1
            last_end = e
        else:
            last_end = max(last_end, e)
    return count


def _carries_news(
    ctx: Context, i: int, start: int, end: int, *, money_is_pay: bool = False
) -> bool:
    """Whether sentence `i` carries business news; amounts next to pay words are pay."""
    if any(i in in_sentences(ctx, g, masked=True) for g in NEWS_GROUPS):
        return True
    if names_in(ctx, ("codename", "client_confidential"), start, end):
        return True
    nums = numbers(ctx)
    if not money_is_pay and nums.money_in(start, end):
        return True
    return bool(nums.fiscal_in(start, end))


@lru_cache(maxsize=1)
def _softened_and_kept() -> tuple[str, str]:
    softened = [r.title.lower() for r in CATALOGUE if r.downgradable]
    # Only the hard lines that can block or warn: coaching rules stay coaching anyway.
    kept = [
        r.title.lower()
        for r in CATALOGUE
        if not r.downgradable and r.id != PROTECTED_RULE and r.severity in ("block", "warn")
    ]
    return "; ".join(softened), "; ".join(kept)


def _message(topics: list[str]) -> str:
    about = ", ".join(topics[:-1]) + (" and " if len(topics) > 1 else "") + topics[-1]
    softened, kept = _softened_and_kept()
    return (
        f"This post discusses working conditions ({about}). Talking about pay, benefits, "
        "hours, staffing, safety and other working conditions, acting together about them and "
        "criticising management about them is your legal right (NLRA Section 7), and nothing "
        "in these guidelines limits it. This review stays private to you: it is never shown to "
        "managers or compliance, and nothing about it is reported. So the other findings are "
        f"only coaching here ({softened}); these still apply as usual: {kept}."
    )
