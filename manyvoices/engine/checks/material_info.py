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
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..context import Context
from ..types import Finding
from ._company import (
    CompanyRefs,
    company_refs,
    cue_index,
    hits_in,
    in_sentences,
    inside,
    names_in,
    numbers,
    trim,
)

if TYPE_CHECKING:
    from ..policy import QuietPeriod

RULE = "confidential.material-info"
RULES = (RULE,)

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
# Closing a site is a reorganisation: "closing the Austin plant", "notre usine va fermer".
_SITES = (
    r"(?:plant|office|offices|factory|site|warehouse|store|stores|facility|facilities"
    r"|data center|lab|division|hub|usine|bureau|bureaux|entrepot|magasin|werk|standort|buro"
    r"|lager|filiale|fabrik|planta|oficina|fabrica|almacen|tienda|sede|escritorio|armazem|loja)"
)
CLOSURE = re.compile(
    r"\b(?:closing|shutting down|shutting|to close|will close|to shut down|fermer|fermeture"
    r"|schliessung|schliessen|cerrar|cierre|fechar|fechamento)\s+(?:down\s+)?"
    r"(?:the|our|its|their|l'|le|la|les|notre|nos|das|den|die|unser\w*|el|los|las|nuestr\w+"
    r"|o|a|os|as|noss\w+|d\w{0,2})\s*(?:[\w-]+\s+){0,2}" + _SITES + r"\b"
    r"|\b" + _SITES + r"\b[^.!?\n]{0,30}\b(?:will close|is closing|closes|va fermer|fermera"
    r"|ferme ses portes|wird geschlossen|schliesst|va a cerrar|cerrara|cierra|vai fechar"
    r"|fechara|fecha as portas)\b"
)
CLOSURE_HINTS = ("clos", "shut", "ferm", "schlie", "cerr", "cierr", "fech")

# Job cuts with a count or a quantifier between the verb and the jobs ("cut 200 jobs",
# "supprimer 80 postes", "150 Stellen abbauen", "recortar 300 empleos"); the jobs are the
# cue group material.job_noun, the merging verbs material.merge_verb.
_QUANTITY = r"(?:\d[\d.,]*%?|hundreds of|dozens of|thousands of|a third of|half of)"
# What stands before the jobs: a cutting verb and a count ("cut 200 jobs", "supprimer 80
# postes", "recortar 300 empleos"). Read backwards from each job noun, so the pattern
# only ever runs on a short window.
_CUT_BEFORE = re.compile(
    r"\b(?:cut|cuts|cutting|eliminat\w*|slash\w*|shed\w*|lay off|laying off|axe|axing"
    r"|supprimer|supprime\w*|suppression de|recortar|recorta\w*|eliminar|suprimir|despedir"
    r"|cortar|corta\w*|demitir)\s+(?:[\w-]+\s+){0,2}?"
    + _QUANTITY
    + r"\s+(?:of\s+(?:our|the)\s+)?(?:[\w-]+\s+)?$"
)
# German puts the count before and the verb after: "150 Stellen abbauen".
_COUNT_BEFORE = re.compile(_QUANTITY + r"\s+(?:[\w-]+\s+)?$")
_CUT_AFTER_DE = re.compile(
    r"\s+(?:\w+\s+)?(?:abbauen|streichen|gestrichen|abgebaut|wegfallen|fallen weg)\b"
)


def job_cuts(ctx: Context, start: int, end: int) -> bool:
    """Whether [start, end) cuts a counted number of jobs."""
    fold = ctx.fold
    for j_start, j_end, word in hits_in(ctx, "material.job_noun", start, end):
        before = fold[max(start, j_start - 60) : j_start]
        if _CUT_BEFORE.search(before):
            return True
        if (
            word in ("stellen", "arbeitsplatze", "jobs")
            and _COUNT_BEFORE.search(before)
            and _CUT_AFTER_DE.match(fold, j_end, min(end, j_end + 30))
        ):
            return True
    return False


# Teams merged or folded together, which is a reorganisation when it has a date.
_UNITS = re.compile(
    r"\b(?:teams?|departments?|divisions?|units?|orgs?|groups?|equipes?|services"
    r"|directions|abteilungen|abteilung|bereiche|bereich|equipos|departamentos|areas|divisiones"
    r"|divisoes|times|setores|branches|offices|sites|plants|stores|regions|agences|filiales"
    r"|sucursales|filiais|agencias|standorte|niederlassungen|filialen)\b"
)
# "merging branches" in a repository is code, not a reorganisation.
CODE_WORDS = re.compile(
    r"\b(?:repo|repos|repository|git|github|gitlab|code|codebase|commit|commits|pull request"
    r"|pr|prs|rebase|main|master|project|side project|dev)\b"
)
# How far from the merging verb the units may stand, each side.
MERGE_REACH = 60


def team_merge(ctx: Context, start: int, end: int) -> bool:
    """Whether [start, end) merges teams, departments or divisions."""
    fold = ctx.fold
    for m_start, m_end, _ in hits_in(ctx, "material.merge_verb", start, end):
        lo, hi = max(start, m_start - MERGE_REACH), min(end, m_end + MERGE_REACH)
        if _UNITS.search(fold, lo, hi):
            return True
    return False


# Teams outside work (sport, school, games) merge without it being anyone's reorganisation.
LEISURE_TEAMS = re.compile(
    r"\b(?:football|soccer|sports?|kids'?|children'?s?|school|youth|hockey|basketball|volleyball"
    r"|rugby|baseball|chess|quiz|league|tournament|club|choir|band|guild|clan|raid|fantasy"
    r"|fussball|verein|futbol|futebol|escola|colegio|ecole|equipes? de foot|jugend)\b"
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
# How far around "announced" a negation or a later time is looked for.
NEGATION_BEFORE = 28
LATER_AFTER = 24
# What follows "announced"/"reported" and makes it not public: a time still to come, or an
# audience inside the company ("reported internally", "published to staff").
LATER = re.compile(
    r"^\W{0,3}(?:next|soon|tomorrow|later|planned|scheduled|internally|in-house|to the board"
    r"|to staff|to employees|to the team|to us|at the all-hands|in the all-hands|in our all-hands"
    r"|en interne|intern|internamente)\b"
)

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
    "material.deal_soon",
    "material.layoff",
    "material.launch",
    "material.teaser_hint",
    "material.teaser_strong",
)


def check(ctx: Context) -> list[Finding]:
    """Findings for sentences that disclose or hint at material nonpublic information."""
    fold = ctx.fold
    closure = any(h in fold for h in CLOSURE_HINTS) and bool(CLOSURE.search(fold))
    # Hints are cheap substring tests; the patterns run only when one is there.
    n = len(fold)
    reorg = bool(ctx.cue("material.job_noun") or ctx.cue("material.merge_verb")) and (
        job_cuts(ctx, 0, n) or team_merge(ctx, 0, n)
    )
    if (
        not closure
        and not reorg
        and not any(ctx.cue(g) for g in _PREFILTER_GROUPS)
        and not numbers(ctx).fiscal_ends
    ):
        return []
    refs = company_refs(ctx)
    kinds = [(i, _kind_of(ctx, refs, i, closure, reorg)) for i in range(len(refs.sentences))]
    candidates = [(i, kind) for i, kind in kinds if kind is not None]
    teaser = _teaser(ctx, refs)
    if not candidates and teaser is None:
        return []
    quiet = ctx.policy.quiet_period_on(ctx.date)
    public = _said_as_public(ctx)
    own_link = public or _links_to_company(ctx)
    findings: list[Finding] = []
    flagged: list[tuple[int, int]] = []
    for i, kind in candidates:
        if kind == RESULTS and quiet is not None:
            message = _quiet_message(quiet)
        elif (
            (kind == LAUNCH and own_link)
            or public
            or (kind == RESULTS and _only_a_trade(ctx, refs, i))
        ):
            continue
        else:
            message = MESSAGES[kind]
        s, e = trim(ctx.norm, *refs.sentences.spans[i])
        flagged.append((s, e))
        findings.append(ctx.finding(RULE, s, e, message))
    if teaser is not None and not public and not inside(flagged, *teaser):
        findings.append(ctx.finding(RULE, *teaser, MESSAGES[TEASER]))
    return findings


def _has(ctx: Context, group: str, i: int, *, masked: bool = False) -> bool:
    return i in in_sentences(ctx, "material." + group, masked=masked)


def _kind_of(
    ctx: Context, refs: CompanyRefs, i: int, closure: bool, reorg: bool = False
) -> str | None:
    """Which disclosure sentence `i` makes about the employer, if any."""
    start, end = refs.sentences.spans[i]
    if _is_performance(ctx, i) and (
        refs.about_employer(start, end)
        or _has(ctx, "plan", i)
        # "between you and me, bookings ...": only an insider has figures to confide
        or (_has(ctx, "confidence", i) and not refs.other_in(start, end))
    ):
        return RESULTS
    if _is_deal(ctx, i) and _deal_about_employer(refs, start, end):
        return DEAL
    layoff = _has(ctx, "layoff", i) or (closure and bool(CLOSURE.search(ctx.fold, start, end)))
    if layoff and _layoff_about_employer(ctx, refs, i):
        return LAYOFF
    if reorg and _dated_reorg(ctx, refs, i):
        return LAYOFF
    if _is_launch(ctx, refs, i):
        return LAUNCH
    return None


def _is_performance(ctx: Context, i: int) -> bool:
    """A statement about how the business did or will do."""
    if _has(ctx, "record", i, masked=True) or _has(ctx, "plan", i, masked=True):
        return True
    start, end = _span(ctx, i)
    nums = numbers(ctx)
    fiscal = _has_fiscal_period(ctx, i)
    money = nums.money_in(start, end)
    figure = money or nums.percent_in(start, end)
    metric = _has(ctx, "metric", i, masked=True) or (
        _has(ctx, "metric_weak", i, masked=True) and (fiscal or figure)
    )
    if not (metric or fiscal):
        return False
    if metric and ctx.has_cue("material.confidence"):
        # "Between us, revenue is ..." : the author says the figure is not for the public.
        return True
    evaluation = _has(ctx, "eval", i, masked=True) or _has(ctx, "outlook", i, masked=True)
    return (metric and (evaluation or figure)) or (fiscal and (evaluation or money))


def _span(ctx: Context, i: int) -> tuple[int, int]:
    """Sentence `i` as a norm span."""
    return company_refs(ctx).sentences.spans[i]


def _has_fiscal_period(ctx: Context, i: int) -> bool:
    start, end = _span(ctx, i)
    ends = numbers(ctx).fiscal_in(start, end)
    if _has(ctx, "period", i, masked=True):
        ends += [e for _, e, _ in hits_in(ctx, "material.period", start, end, masked=True)]
    fold = ctx.fold
    return any(not PERIOD_EVENT.match(fold, e, min(end, e + 40)) for e in ends)


def _dated_reorg(ctx: Context, refs: CompanyRefs, i: int) -> bool:
    """Teams merged or jobs cut, with a date or said as coming, in the employer's post.

    A team merger is internal news by nature: unless another company is named in the
    sentence, it is the author's employer that reorganises.
    """
    fold = ctx.fold
    start, end = refs.sentences.spans[i]
    cuts = job_cuts(ctx, start, end)
    merge = not cuts and team_merge(ctx, start, end)
    if not (cuts or merge):
        return False
    if refs.other_in(start, end) and not refs.own_in(start, end):
        return False
    if merge and (LEISURE_TEAMS.search(fold, start, end) or CODE_WORDS.search(fold, start, end)):
        return False
    dated = bool(DATE.search(fold, start, end)) or _has(ctx, "future", i)
    if cuts:
        return dated and (refs.own_in(start, end) or refs.we_in(start, end) or refs.post_names_own)
    return dated


def _is_deal(ctx: Context, i: int) -> bool:
    if _has(ctx, "deal_strong", i):
        return True
    start, end = _span(ctx, i)
    if _has(ctx, "deal_soon", i) and (
        _has(ctx, "deal_noun", i)
        or any(
            NAMED_PARTY.match(ctx.norm, e)
            for _, e, _ in hits_in(ctx, "material.deal_soon", start, end)
        )
    ):
        # "we're about to sign <Name>", "a punto de firmar un contrato": a signing to come
        return True
    if not _has(ctx, "deal_noun", i):
        return False
    # "closed the deal", or a deal with its price on it.
    return _has(ctx, "deal_verb", i) or numbers(ctx).money_in(start, end)


# A named party right after "about to sign" (on norm, where case is kept).
NAMED_PARTY = re.compile(r"\s+(?:(?:with|avec|mit|con|com)\s+)?[A-Z][\w&'-]")


def _deal_about_employer(refs: CompanyRefs, start: int, end: int) -> bool:
    # The other party of a deal is usually named ("we're buying <competitor>"); the deal
    # is the employer's when the employer or an employee's "we" is there too.
    if refs.own_in(start, end) or refs.we_in(start, end):
        return True
    return not refs.other_in(start, end) and refs.post_names_own


def _layoff_about_employer(ctx: Context, refs: CompanyRefs, i: int) -> bool:
    # Layoffs are everywhere in the news; only the employer's, named or said with
    # "we" about something still to come, are its undisclosed news.
    start, end = refs.sentences.spans[i]
    if refs.own_in(start, end):
        return True
    if refs.other_in(start, end):
        return False
    future = _has(ctx, "future", i)
    return future and (refs.we_in(start, end) or refs.post_names_own)


def _is_launch(ctx: Context, refs: CompanyRefs, i: int) -> bool:
    if not _has(ctx, "launch", i):
        return False
    start, end = refs.sentences.spans[i]
    if not DATE.search(ctx.fold, start, end):
        return False
    if names_in(ctx, ("product", "codename"), start, end):
        return True
    return refs.own_in(start, end) or refs.we_in(start, end)


# The author speaking of themselves, in the five review languages (on folded text).
SPEAKING_FOR_SELF = re.compile(
    r"\b(?:i|i'm|i've|i'd|my|me|mine|myself|je|j'|mon|ma|mes|moi|ich|mein|meine|meinen|meinem"
    r"|meiner|mir|mich|yo|mi|mis|eu|meu|minha|meus|minhas)\b"
)


def _teaser(ctx: Context, refs: CompanyRefs) -> tuple[int, int] | None:
    """The passage hinting at news to come, if the post has one."""
    if not ctx.has_cue("material.teaser_hint", "material.teaser_strong"):
        return None
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
    if (
        not employee_voice
        and not strong
        and SPEAKING_FOR_SELF.search(ctx.fold)
        and not any(link.internal for link in ctx.links)
    ):
        # A hint ("more soon", "no spoilers") in a post the author writes about
        # themselves ("I", "my"), with nothing tying it to the employer (no name, no
        # "we", no link into the internal network): a personal project teases too. The
        # model compares the post with teasers of business news and of personal news
        # (arbiter.py).
        from ..arbiter import decide

        decision = decide(ctx, "material.teaser", 0, len(ctx.fold))
        if decision is not None and not decision.applies:
            return None
    first = refs.sentences.span_of(min(c[0] for c in cues))
    last = refs.sentences.span_of(max(c[0] for c in cues))
    # Hints in a post about another company ("keep an eye on Globex 👀") are not ours.
    if refs.other_in(first[0], last[1]) and not refs.own_in(first[0], last[1]) and not refs.we:
        return None
    return trim(ctx.norm, first[0], last[1])


def _only_a_trade(ctx: Context, refs: CompanyRefs, i: int) -> bool:
    """Whether results sentence `i` may only be a trading tip, as the model reads it.

    "Buy before the earnings" has a metric and a forward word, as a leak does, but
    tells nothing about how the business is doing. When the sentence says to buy or
    sell, gives no figure and does not name the employer or speak as "we", the model
    compares it with leaks and with tips (arbiter.py); finance.recommendation reports
    the tip either way.
    """
    start, end = refs.sentences.spans[i]
    if not hits_in(ctx, "finance.action", start, end):
        return False
    nums = numbers(ctx)
    if nums.money_in(start, end) or nums.percent_in(start, end):
        return False
    if refs.we_in(start, end) or _has(ctx, "confidence", i):
        return False
    from ..arbiter import decide

    decision = decide(ctx, "material.stock_tip", start, end)
    return decision is not None and not decision.applies


def _said_as_public(ctx: Context) -> bool:
    """The post presents its facts as already announced."""
    fold = ctx.fold
    negators = cue_index(ctx, "material.not_yet")
    for hit in ctx.cue("material.public"):
        if negators.within(hit.start - NEGATION_BEFORE, hit.start):
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


def _quiet_message(period: QuietPeriod) -> str:
    reason = period.reason or "the next results"
    when = f" ({period.start:%b %d} to {period.end:%b %d, %Y})"
    return (
        f"The company is in its quiet period before {reason}{when}. Until the results are "
        "announced, say nothing about how the company is doing or expects to do, even figures "
        "that are already public: under SEC Regulation FD any hint can be selective disclosure. "
        "Wait for the announcement and share it then."
    )
