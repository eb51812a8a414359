"""`conduct.crisis`: commentary on an ongoing crisis involving the company.

A crisis is a lawsuit, a regulatory investigation, a security incident, an
outage or an accident (`lexicons/crisis.yaml`). It involves the company when
its sentence, or the one next to it, names the employer (policy names, "my
employer", an employee's "we"/"us": a competitor suing us counts), and not
when only a competitor or client is named there.

Sharing the official word is fine: a spokesperson's statement without opinion,
or a plain pointer to the status page or statement. Anything beyond that
(opinions, speculation, causes, blame, predictions) is commentary.
"""

from __future__ import annotations

import re

from ..context import Context
from ..types import Finding
from ._company import CompanyRefs, company_refs, cue_index, in_sentences, span_index, trim
from ._wording import in_language

RULE = "conduct.crisis"
RULES = (RULE,)

EVENTS = {
    "crisis.lawsuit": "a lawsuit",
    "crisis.regulator": "a regulatory investigation",
    "crisis.security": "a security incident",
    "crisis.outage": "an outage",
    "crisis.accident": "an accident",
}

POINTER = {
    "en": "For the latest, please see the company's official statement.",
    "fr": "Pour les dernières informations, voir la déclaration officielle de l'entreprise.",
    "de": "Aktuelle Informationen gibt es in der offiziellen Stellungnahme des Unternehmens.",
    "es": "Para la información más reciente, consulten el comunicado oficial de la empresa.",
    "pt": "Para as informações mais recentes, consultem o comunicado oficial da empresa.",
}


def check(ctx: Context) -> list[Finding]:
    """One finding spanning the commentary, when the post comments on the company's crisis."""
    if not any(ctx.cue(g) for g in EVENTS):
        return []
    refs = company_refs(ctx)
    spans = refs.sentences.spans
    excluded = cue_index(ctx, "crisis.not_event")
    kinds: list[str] = []
    event_sentences: set[int] = set()
    for group, what in EVENTS.items():
        for hit in ctx.cue(group):
            if excluded.overlaps(hit.start, hit.end) or _negated(ctx.fold, hit.start):
                continue
            i = refs.sentences.index_of(hit.start)
            if _involves_employer(refs, spans, i):
                event_sentences.add(i)
                if what not in kinds:
                    kinds.append(what)
    if not event_sentences:
        return []
    opinion = in_sentences(ctx, "crisis.opinion")
    detail = in_sentences(ctx, "crisis.detail")
    if ctx.spokesperson and not opinion:
        # The company's voice sharing its own statement is the official word.
        return []
    if not opinion and not detail and _points_to_official_word(ctx):
        return []
    # The commentary runs from the first mention to the end of the post, less a closing
    # pointer ("updates on the status page") or a line of links and hashtags.
    first = min(event_sentences | opinion | detail)
    last = len(spans) - 1
    while last > first and _is_closing_pointer(ctx, spans[last], opinion | detail, last):
        last -= 1
    start, end = trim(ctx.norm, spans[first][0], spans[last][1])
    what = " and ".join(kinds[:2])
    message = (
        f"This comments on {what} involving the company. While it is ongoing, only the "
        "company's spokespeople speak about it: an employee's opinion, guess at the cause, "
        "blame or prediction is quoted as the company's view and can hurt its position. "
        "Point to the official statement or status page instead."
    )
    return [
        ctx.finding(
            RULE,
            start,
            end,
            message,
            replacement=in_language(ctx, POINTER),
        )
    ]


# "500 days without an accident", "zero outages this year": the event did not happen.
NEGATED = re.compile(
    r"(?:\bwithout|\bno|\bzero|\bnever|\bfree of|\bsans|\bohne|\bkein\w*|\bsin|\bsem"
    r"|\bnenhum\w*|\baucun\w*|\bningun\w*)\W+(?:[\w-]+\W+){0,2}$"
)


def _negated(fold: str, start: int) -> bool:
    return bool(NEGATED.search(fold, max(0, start - 30), start))


def _involves_employer(refs: CompanyRefs, spans: list[tuple[int, int]], i: int) -> bool:
    start, end = spans[i]
    if refs.own_in(start, end) or refs.we_in(start, end):
        return True
    if refs.other_in(start, end):
        return False
    # "Six hours down. What a mess, <product>." names the product in the next sentence.
    lo = spans[max(i - 1, 0)][0]
    hi = spans[min(i + 1, len(spans) - 1)][1]
    return refs.own_in(lo, hi)


def _is_closing_pointer(
    ctx: Context, span: tuple[int, int], commentary: frozenset[int], i: int
) -> bool:
    if i in commentary:
        return False
    if i in in_sentences(ctx, "crisis.pointer"):
        return True
    # Only links, hashtags, handles and emoji: nothing said.
    start, end = span
    text = ctx.norm[start:end]
    links = span_index(ctx, "links", lambda: ((link.start, link.end) for link in ctx.links))
    for s, e, _ in links.starting_in(start, end):
        text = text.replace(ctx.norm[s:e], " ")
    return not any(word[0].isalnum() for word in text.split())


def _points_to_official_word(ctx: Context) -> bool:
    if ctx.has_cue("crisis.pointer"):
        return True
    return any(not link.internal for link in ctx.links)
