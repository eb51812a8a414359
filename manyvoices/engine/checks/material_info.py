"""`confidential.material-info`: material nonpublic information about the company.

A sentence is looked at for five kinds of disclosure, each built from cue
classes of `lexicons/material.yaml` rather than from fixed sentences:

- results and outlook: a business metric or a fiscal period together with an
  evaluation, a forecast or a figure ("Q3 bookings beat plan", "revenue up 9%");
- deals: a deal word with a closing verb, or an acquisition phrase;
- layoffs and reorganisations;
- launch dates: a launch verb with a date, about the company's products;
- teasers: a hint of secrecy or of big news coming.

The sentence must be about the employer (named, "my employer", an employee's
"we"), not about a competitor or client. Already-public facts (said as
announced, or with a link to the company's announcement) do not count, except
inside a policy quiet period, where any statement about financial performance
or outlook does (Regulation FD).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..context import Context
from ..types import Finding
from ._company import CompanyRefs, has_cue_in, hits_in, inside, trim

RULE = "confidential.material-info"
RULES = (RULE,)

# Fiscal periods written as codes: Q4, 3Q, H1, FY2026, FY26, FY'26.
FISCAL = re.compile(r"\b(?:q[1-4]|[1-4]q|h[12]|fy\s?'?\d{2,4}|fy)(?:\s?'?\d{2,4})?\b")

_MAGNITUDE = (
    r"(?:k|m|mm|bn|b|million|millions|billion|billions|mio|mrd|milliards?|millones|milhoes"
    r"|mil|md)\b"
)
_CURRENCY_WORD = r"(?:usd|eur|gbp|dollars?|euros?|dolares|reais|pounds)\b"
MONEY = re.compile(
    r"[$€£¥]\s?\d[\d.,]*(?:\s?" + _MAGNITUDE + r")?"
    r"|\b\d[\d.,]*\s?" + _MAGNITUDE + r"(?:\s?(?:[$€£]|" + _CURRENCY_WORD + r"))?"
    r"|\b\d[\d.,]*\s?(?:[$€£]|" + _CURRENCY_WORD + r")"
)
PERCENT = re.compile(
    r"\d(?:[\d.,]*\d)?\s?%|\b\d(?:[\d.,]*\d)?\s?(?:percent|per cent|pour cent|prozent"
    r"|por ciento|por cento)\b"
)

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
    "|janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre"
    "|januar|februar|marz|juni|juli|oktober|dezember"
    "|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre"
    "|noviembre|diciembre"
    "|janeiro|fevereiro|marco|maio|junho|julho|setembro|outubro|novembro|dezembro"
)
_WEEKDAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    "|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
    "|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag"
    "|lunes|martes|miercoles|jueves|viernes|sabado|domingo"
    "|segunda|terca|quarta|quinta|sexta"
)
_SEASONS = (
    "spring|summer|fall|autumn|winter|printemps|ete|automne|hiver|fruhling|fruhjahr|sommer"
    "|herbst|primavera|verano|otono|invierno|verao|outono|inverno"
)
# A day a launch could be announced for (on folded text).
DATE = re.compile(
    r"\b(?:" + _MONTHS + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?\b"
    r"|\b\d{1,2}(?:st|nd|rd|th|er|\.)?\s+(?:de\s+)?(?:" + _MONTHS + r")\b"
    r"|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b"
    r"|\b(?:next|this|on|coming|prochain|nachsten|proximo|proxima|el|na|no)\s+(?:"
    + _WEEKDAYS
    + r")\b"
    r"|\b(?:" + _WEEKDAYS + r")\s+(?:prochain|que vem)\b"
    r"|\b(?:next|this|in the|in|early|late|au|im|en|em|na|no)\s+(?:" + _SEASONS + r")\b"
    r"|\b(?:in|early|late|mid|en|im|em|debut|fin|ende|anfang|a finales de|a principios de)\s+(?:"
    + _MONTHS
    + r")\b"
    r"|\b(?:next week|next month|tomorrow|la semaine prochaine|le mois prochain|demain"
    r"|nachste woche|nachsten monat|morgen|la proxima semana|el proximo mes|manana"
    r"|semana que vem|proxima semana|mes que vem|amanha)\b"
)

# A fiscal period that names an event ("our Q3 offsite", "next quarter's roadmap") says
# nothing about results.
PERIOD_EVENT = re.compile(
    r"(?:'s)?\s+(?:[\w-]+\s+)?(?:offsite|off-site|planning|plans|goals|okrs?|roadmap|party"
    r"|parties|hackathon|kickoff|kick-off|retro|retrospective|all-hands|town hall|team event"
    r"|celebration|sprint|sprints|conference|summit|meetup|trip|outing|dinner|lunch|newsletter"
    r"|priorities|objectives|learning|reading|training|launch party)\b"
)
# Closing a site is a reorganisation: "closing the Austin plant".
CLOSURE = re.compile(
    r"\b(?:closing|shutting down|shutting|to close|will close|to shut down)\s+(?:down\s+)?"
    r"(?:the|our|its|their)\s+(?:[\w-]+\s+){0,2}(?:plant|office|offices|factory|site|warehouse"
    r"|store|stores|facility|facilities|data center|lab|division|hub)\b"
)

# Paths and subdomains where a company publishes its announcements.
ANNOUNCE_PLACE = re.compile(
    r"(?:^|[/.])(?:newsroom|news|press|pressroom|press-releases?|investors?|investor-relations|ir"
    r"|media|announcements?|releases?|blog|stories)(?:[/.?#_-]|$)"
)
# A link counts as the announcement when these words stand just before it.
ANNOUNCE_WORDS = re.compile(
    r"(?:announc|release|details|full story|read more|more here|more at|communiqu|annonce"
    r"|ankundigung|mitteilung|anuncio|comunicado)[^\n]{0,40}$"
)
# How far around "announced" a negation or a future time is looked for.
NEGATION_BEFORE = 28
LATER_AFTER = 24
LATER = re.compile(r"^\W{0,3}(?:next|soon|tomorrow|later|planned|scheduled)\b")

RESULTS = "results"
DEAL = "deal"
LAYOFF = "layoff"
LAUNCH = "launch"
TEASER = "teaser"

MESSAGES = {
    RESULTS: (
        "This reveals results or an outlook the company has not announced. Under SEC "
        "Regulation FD, material information must reach every investor at once, through the "
        "company's own announcement. Wait for it, then share it with a link."
    ),
    DEAL: (
        "This reveals a deal, acquisition, partnership or customer win the company has not "
        "announced. Under SEC Regulation FD that news must reach every investor at once, "
        "through the company's announcement. Wait for it, then share it with a link."
    ),
    LAYOFF: (
        "This reveals layoffs or a reorganisation the company has not announced. That is "
        "material news (SEC Regulation FD) and hurts the people affected if they read it "
        "here first. Wait for the announcement."
    ),
    LAUNCH: (
        "This gives the date of a launch the company has not announced. Launch dates can "
        "move the share price (SEC Regulation FD) and tip off competitors. Wait for the "
        "announcement, then share it with a link."
    ),
    TEASER: (
        "This hints at unannounced news. A hint is selective disclosure too (SEC Regulation "
        "FD): people trade on it. Wait for the announcement and share it then."
    ),
}

_PREFILTER_GROUPS = (
    "material.metric",
    "material.metric_weak",
    "material.period",
    "material.record",
    "material.plan",
    "material.deal_strong",
    "material.deal_noun",
    "material.layoff",
    "material.launch",
    "material.teaser_hint",
    "material.teaser_strong",
)


def check(ctx: Context) -> list[Finding]:
    """Findings for sentences that disclose or hint at material nonpublic information."""
    fold = ctx.fold
    if (
        not any(ctx.cue(g) for g in _PREFILTER_GROUPS)
        and not FISCAL.search(fold)
        and not (("clos" in fold or "shut" in fold) and CLOSURE.search(fold))
    ):
        return []
    refs = CompanyRefs(ctx)
    quiet = ctx.policy.quiet_period_on(ctx.date)
    public = _said_as_public(ctx)
    own_link = public or _links_to_company(ctx)
    findings: list[Finding] = []
    flagged: list[tuple[int, int]] = []
    for start, end in refs.sentences.spans:
        kind = _kind_of(ctx, refs, start, end)
        if kind is None:
            continue
        if kind == RESULTS and quiet is not None:
            message = _quiet_message(quiet)
        elif (kind == LAUNCH and own_link) or public:
            continue
        else:
            message = MESSAGES[kind]
        s, e = trim(ctx.norm, start, end)
        flagged.append((s, e))
        findings.append(ctx.finding(RULE, s, e, message))
    teaser = None if public else _teaser(ctx, refs)
    if teaser is not None and not inside(flagged, *teaser):
        findings.append(ctx.finding(RULE, *teaser, MESSAGES[TEASER]))
    return findings


def _kind_of(ctx: Context, refs: CompanyRefs, start: int, end: int) -> str | None:
    """Which disclosure the sentence [start, end) makes about the employer, if any."""
    if _is_performance(ctx, start, end) and (
        refs.about_employer(start, end) or has_cue_in(ctx, "material.plan", start, end)
    ):
        return RESULTS
    if _is_deal(ctx, start, end) and _deal_about_employer(refs, start, end):
        return DEAL
    layoff = has_cue_in(ctx, "material.layoff", start, end) or bool(
        CLOSURE.search(ctx.fold, start, end)
    )
    if layoff and _layoff_about_employer(ctx, refs, start, end):
        return LAYOFF
    if _is_launch(ctx, refs, start, end):
        return LAUNCH
    return None


def _is_performance(ctx: Context, start: int, end: int) -> bool:
    """A statement about how the business did or will do."""

    def has(group: str) -> bool:
        return has_cue_in(ctx, "material." + group, start, end, masked=True)

    if has("record") or has("plan"):
        return True
    fold = ctx.fold
    fiscal = _has_fiscal_period(ctx, start, end)
    money = bool(MONEY.search(fold, start, end))
    figure = money or bool(PERCENT.search(fold, start, end))
    metric = has("metric") or (has("metric_weak") and (fiscal or figure))
    evaluation = has("eval") or has("outlook")
    return (metric and (evaluation or figure)) or (fiscal and (evaluation or money))


def _has_fiscal_period(ctx: Context, start: int, end: int) -> bool:
    fold = ctx.fold
    ends = [m.end() for m in FISCAL.finditer(fold, start, end)]
    ends += [e for _, e, _ in hits_in(ctx, "material.period", start, end, masked=True)]
    return any(not PERIOD_EVENT.match(fold, e, min(end, e + 40)) for e in ends)


def _is_deal(ctx: Context, start: int, end: int) -> bool:
    if has_cue_in(ctx, "material.deal_strong", start, end):
        return True
    if not has_cue_in(ctx, "material.deal_noun", start, end):
        return False
    # "closed the deal", or a deal with its price on it.
    return has_cue_in(ctx, "material.deal_verb", start, end) or bool(
        MONEY.search(ctx.fold, start, end)
    )


def _deal_about_employer(refs: CompanyRefs, start: int, end: int) -> bool:
    # The other party of a deal is usually named ("we're buying <competitor>"); the deal
    # is the employer's when the employer or an employee's "we" is there too.
    if refs.own_in(start, end) or refs.we_in(start, end):
        return True
    return not refs.other_in(start, end) and refs.post_names_own


def _layoff_about_employer(ctx: Context, refs: CompanyRefs, start: int, end: int) -> bool:
    # Layoffs are everywhere in the news; only the employer's, named or said with
    # "we" about something still to come, are its undisclosed news.
    if refs.own_in(start, end):
        return True
    if refs.other_in(start, end):
        return False
    future = has_cue_in(ctx, "material.future", start, end)
    return future and (refs.we_in(start, end) or refs.post_names_own)


def _is_launch(ctx: Context, refs: CompanyRefs, start: int, end: int) -> bool:
    if not has_cue_in(ctx, "material.launch", start, end):
        return False
    if not DATE.search(ctx.fold, start, end):
        return False
    products = [
        (h.start, h.end) for h in ctx.names_of("product", "codename") if start <= h.start < end
    ]
    if products:
        return True
    return refs.own_in(start, end) or refs.we_in(start, end)


def _teaser(ctx: Context, refs: CompanyRefs) -> tuple[int, int] | None:
    """The passage hinting at news to come, if the post has one."""
    hints = hits_in(ctx, "material.teaser_hint", 0, len(ctx.fold))
    text_hints = [h for h in hints if any(c.isalpha() for c in h[2])]
    emoji_hints = [h for h in hints if not any(c.isalpha() for c in h[2])]
    strong = hits_in(ctx, "material.teaser_strong", 0, len(ctx.fold))
    weak = hits_in(ctx, "material.teaser_weak", 0, len(ctx.fold))
    own = refs.post_names_own
    employee_voice = own or bool(refs.we)
    cues: list[tuple[int, int, str]] = []
    if text_hints and (employee_voice or strong or weak):
        cues = text_hints + strong + weak
    elif emoji_hints and (strong or weak) and employee_voice:
        cues = emoji_hints + strong + weak
    elif strong and own:
        cues = strong
    if not cues:
        return None
    first = refs.sentence_span(min(c[0] for c in cues))
    last = refs.sentence_span(max(c[0] for c in cues))
    # Hints in a post about another company ("keep an eye on Globex 👀") are not ours.
    if refs.other_in(first[0], last[1]) and not refs.own_in(first[0], last[1]) and not refs.we:
        return None
    return trim(ctx.norm, first[0], last[1])


def _said_as_public(ctx: Context) -> bool:
    """The post presents its facts as already announced."""
    fold = ctx.fold
    negators = [(h.start, h.end) for h in ctx.cue("material.not_yet")]
    for hit in ctx.cue("material.public"):
        before = [n for n in negators if hit.start - NEGATION_BEFORE <= n[0] and n[1] <= hit.start]
        if before:
            continue
        if LATER.search(fold[hit.end : hit.end + LATER_AFTER]):
            continue
        return True
    for link in ctx.links:
        if link.internal:
            continue
        if _is_company_host(ctx, link.host) and ANNOUNCE_PLACE.search(_place_of(link.url)):
            return True
        if ANNOUNCE_WORDS.search(fold[max(0, link.start - 60) : link.start]):
            return True
    return False


def _links_to_company(ctx: Context) -> bool:
    """A public link on the company's own domain: a launch with one is on the website."""
    return any(not link.internal and _is_company_host(ctx, link.host) for link in ctx.links)


def _is_company_host(ctx: Context, host: str) -> bool:
    return any(host == d or host.endswith("." + d) for d in ctx.compiled.company_domains)


def _place_of(url: str) -> str:
    """The host and path of a URL, lower-cased, for matching announcement places."""
    candidate = url if "://" in url else "http://" + url
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return url.lower()
    return ((parts.hostname or "") + parts.path).lower()


def _quiet_message(period: object) -> str:
    reason = getattr(period, "reason", "") or "the next results"
    start = getattr(period, "start", None)
    end = getattr(period, "end", None)
    when = f" ({start:%b %d} to {end:%b %d, %Y})" if start and end else ""
    return (
        f"The company is in its quiet period before {reason}{when}. Until the results are "
        "announced, say nothing about how the company is doing or expects to do, even figures "
        "that are already public: under SEC Regulation FD any hint can be selective disclosure. "
        "Wait for the announcement and share it then."
    )
