"""`finance.recommendation`: investment advice and promised returns (FINRA 2210, SEC).

Three ways a post recommends (cue classes in `lexicons/finance.yaml`):

- trade advice: a trading verb with a security right after it ("sell your
  <TICKER> shares", "compren Bitcoin"), a call on a name ("<Company> is a
  short"), or advice phrases ("I'd get out", "strong buy") in a post about a
  security;
- promised returns ("can't lose", "guaranteed", "to the moon") in a post about
  investing;
- for a registered representative (`ctx.regulated`, which already combines the
  policy's flag with the author's), also any opinion on a security and any
  claim about investment performance ("the portfolio returned 14%").

A report of one's own trade, the company's business results (that is
`confidential.material-info`) and sourced market news are not advice.
"""

from __future__ import annotations

import re

from ..context import Context
from ..types import Finding
from ._company import SpanIndex, cue_index, has_cue_in, hits_in, names_in, sentence_map, trim

RULE = "finance.recommendation"
RULES = (RULE,)

# Cashtags such as $NMBS (on folded text); amounts such as $80M start with a digit.
CASHTAG = re.compile(r"(?<![\w$])\$[a-z]{1,6}\b")
# "<name> is a short", "looks like a buy": a call on a security. Not "a short walk",
# "a hard sell" or "a buy-in": the word must not be followed by the noun it modifies.
_SHORT_NOUNS = (
    "walk|drive|post|video|film|movie|story|list|read|trip|ride|way|time|term|run|answer|break"
    "|version|guide|thread|intro|introduction|summary|clip|flight|distance|bit|while|cut|one"
    "|ones|notice|period|circuit|stay|talk|presentation|demo|course|session|hop|note|form"
    "|description|history|overview|window|sprint|pause|delay|wait|reminder|update|letter"
)
CALL = re.compile(
    r"\b(?:is|looks like|'s|as)\s+(?:a|an)\s+"
    r"(?:screaming\s+|clear\s+|obvious\s+|strong\s+|no-brainer\s+)?(?:short|buy|sell)\b"
    r"(?![-'])(?!\s+(?:to|for|of|on|with|in|and sweet|" + _SHORT_NOUNS + r")\b)"
)
PERCENT_OR_MONEY = re.compile(r"\d\s?%|[$€£]\s?\d|\b\d+(?:[.,]\d+)?\s?(?:k|m|bn|x)\b")
# Words between a trading verb and its security: short, with no clause break.
GAP = re.compile(r"^\s*(?:[\w$'.&-]+\s+){0,4}$")
GAP_BREAKS = frozenset(
    (
        "while",
        "if",
        "when",
        "because",
        "before",
        "after",
        "and",
        "or",
        "but",
        "than",
        "out",
        "of",
        "from",
        "with",
        "without",
        "that",
        "mientras",
        "si",
        "cuando",
        "porque",
        "y",
        "o",
        "pero",
        "pendant",
        "quand",
        "parce",
        "et",
        "ou",
        "mais",
        "wahrend",
        "wenn",
        "weil",
        "und",
        "oder",
        "aber",
        "enquanto",
        "se",
        "quando",
        "e",
        "mas",
    )
)
MAX_GAP = 40

# The subject of a price call, just before it: a ticker or a capitalised name (on norm,
# where case is kept), maybe with its security word, then a verb of being
# ("NVDA is a steal", "Die Siemens-Aktie ist unterbewertet", "Petrobras é uma pechincha").
SUBJECT = re.compile(
    r"(?:^|[\s(])(\$?[A-Z][\w&.-]*)(?:[- ](?:[Ss]tock|[Ss]hares|Aktie|[Aa]ction|[Aa]cciones"
    r"|[Aa]coes|[Aa]ções))?\s+(?:is|are|looks|'s|seems|ist|sind|est|sont|es|son|está|esta|é|e"
    r"|sao|são)\s+(?:[\w-]+\s+){0,2}$"
)
SUBJECT_SPAN = 48
_TICKER_WORD = re.compile(r"(?<![\w$@#/.-])[A-Z]{2,5}(?![\w/.-])")
# Capitalised words that start a sentence without naming anything.
_NOT_NAMES = frozenset(
    [
        "It",
        "This",
        "That",
        "There",
        "He",
        "She",
        "They",
        "We",
        "You",
        "I",
        "Everything",
        "Everyone",
        "Life",
        "Today",
        "It's",
        "This's",
        "Das",
        "Es",
        "Er",
        "Sie",
        "Ce",
        "Il",
        "Elle",
        "Cela",
        "Eso",
        "Esto",
        "Isso",
        "Isto",
        "Ela",
        "Ele",
        "Tudo",
        "Todo",
        "Alles",
        "Tout",
    ]
)
# All-capitals words that are not tickers.
_NOT_TICKERS = frozenset(
    [
        "AI",
        "CEO",
        "CFO",
        "CTO",
        "HR",
        "IT",
        "OK",
        "PR",
        "UX",
        "UI",
        "QA",
        "VP",
        "USA",
        "EU",
        "UK",
        "US",
        "PM",
        "AM",
        "FAQ",
        "API",
        "PDF",
        "ETF",
        "IPO",
        "FYI",
        "LOL",
        "OMG",
        "TBH",
        "IMO",
        "IMHO",
        "ASAP",
        "DM",
        "NYC",
    ]
)

ADVICE = (
    "This recommends buying or selling a security. Investment advice is for licensed "
    "professionals, and an employee talking up or down a stock (the company's own included) "
    "can look like market manipulation or tipping (SEC; FINRA Rule 2210). Remove the "
    "recommendation."
)
PROMISE = (
    "This promises investment returns. No investment is guaranteed: promising returns is "
    "misleading under SEC rules and FINRA Rule 2210. Remove the promise."
)
REGULATED = (
    "You are a registered representative: any securities recommendation or claim about "
    "investment performance you make in public is a communication with the public under "
    "FINRA Rule 2210 and needs your firm's compliance approval. Remove it, or have it "
    "approved first."
)


def check(ctx: Context) -> list[Finding]:
    """Findings for each sentence that gives investment advice or promises returns."""
    securities = _securities(ctx)
    has_security = bool(securities)
    context = has_security or ctx.has_cue("finance.context")
    quick = (
        has_security
        or ctx.has_cue("finance.promise", "finance.advice", "finance.slang_call")
        or (ctx.regulated and ctx.has_cue("finance.performance"))
        or "short" in ctx.fold
        or " buy" in ctx.fold
        or " sell" in ctx.fold
    )
    if not quick:
        return []
    findings: list[Finding] = []
    for start, end in sentence_map(ctx).spans:
        message = _sentence_message(ctx, start, end, securities, has_security, context)
        if message:
            s, e = trim(ctx.norm, start, end)
            findings.append(ctx.finding(RULE, s, e, message))
    return findings


def _sentence_message(
    ctx: Context,
    start: int,
    end: int,
    securities: SpanIndex[None],
    has_security: bool,
    context: bool,
) -> str | None:
    fold = ctx.fold
    if _trade_advice(ctx, start, end, securities) or _rise_and_trade(ctx, start, end, securities):
        return REGULATED if ctx.regulated else ADVICE
    if CALL.search(fold, start, end) and (context or _names_company(ctx, start, end)):
        return REGULATED if ctx.regulated else ADVICE
    if _has(ctx, "finance.advice", start, end) and has_security:
        return REGULATED if ctx.regulated else ADVICE
    if _slang_call(ctx, start, end, securities):
        return REGULATED if ctx.regulated else ADVICE
    if _has(ctx, "finance.promise", start, end) and context:
        return PROMISE
    if ctx.regulated:
        if _has(ctx, "finance.opinion", start, end) and has_security:
            return REGULATED
        if (
            _has(ctx, "finance.performance", start, end)
            and ctx.has_cue("finance.invest_object")
            # sourced market news ("up 4% after earnings, per Bloomberg") is not a claim
            and not _has(ctx, "finance.news", start, end)
            and (PERCENT_OR_MONEY.search(fold, start, end) or "s&p" in fold[start:end])
        ):
            return REGULATED
        if securities.overlaps(start, end) and _has(ctx, "finance.action", start, end):
            return REGULATED
    return None


def _securities(ctx: Context) -> SpanIndex[None]:
    """Spans naming something traded: security words, the policy ticker, cashtags."""
    masks = cue_index(ctx, "finance.mask")
    spans = [
        (h.start, h.end)
        for h in ctx.cue("finance.security")
        if not (masks and masks.overlaps(h.start, h.end))
    ]
    spans += [(h.start, h.end) for h in ctx.names_of("ticker")]
    if ctx.has_cue("finance.action") and ctx.has_cue(
        "finance.advice", "finance.slang_call", "finance.promise", "finance.context"
    ):
        # A bare ticker ("grab some TSLA while it's cheap") is a security in a post that
        # talks about investing; alone, capitals are as often an acronym.
        spans += [
            (m.start(), m.end())
            for m in _TICKER_WORD.finditer(ctx.norm)
            if m.group() not in _NOT_TICKERS
        ]
    if "$" in ctx.fold:
        spans += [(m.start(), m.end()) for m in CASHTAG.finditer(ctx.fold)]
    return SpanIndex(((s, e, None) for s, e in spans), sentence_map(ctx))


def _trade_advice(ctx: Context, start: int, end: int, securities: SpanIndex[None]) -> bool:
    """A trading verb followed closely by a security, not a report of one's own trade."""
    if not securities:
        return False
    own_trades = cue_index(ctx, "finance.first_person")
    fold = ctx.fold
    for a_start, a_end, _ in hits_in(ctx, "finance.action", start, end):
        if own_trades and own_trades.overlaps(a_start, a_end):
            continue
        for s_start, _, _ in securities.starting_in(a_end, min(end, a_end + MAX_GAP + 1)):
            gap = fold[a_end:s_start]
            if GAP.match(gap + " ") and not (set(gap.split()) & GAP_BREAKS):
                return True
    return False


def _rise_and_trade(ctx: Context, start: int, end: int, securities: SpanIndex[None]) -> bool:
    """A security, a claim that its price will jump and a trading verb in one sentence.

    "Les actions X vont exploser, achetez maintenant": the verb comes after the security,
    so `_trade_advice` does not see it; the rise claim is what makes it advice.
    """
    if not securities.overlaps(start, end) or not _has(ctx, "finance.rise", start, end):
        return False
    own_trades = cue_index(ctx, "finance.first_person")
    return any(
        not (own_trades and own_trades.overlaps(a_start, a_end))
        for a_start, a_end, _ in hits_in(ctx, "finance.action", start, end)
    )


COMPANY_KINDS = ("company", "competitor", "client_public", "client_confidential", "ticker")


def _names_company(ctx: Context, start: int, end: int) -> bool:
    return names_in(ctx, COMPANY_KINDS, start, end)


def _slang_call(ctx: Context, start: int, end: int, securities: SpanIndex[None]) -> bool:
    """A price call ("a steal", "undervalued") said of a security or a named thing."""
    for h_start, _, _ in hits_in(ctx, "finance.slang_call", start, end):
        w_start = max(start, h_start - SUBJECT_SPAN)
        if securities.overlaps(w_start, h_start) or _names_company(ctx, w_start, h_start):
            return True
        m = SUBJECT.search(ctx.norm[w_start:h_start])
        if m and m.group(1).upper() not in _NOT_TICKERS and m.group(1) not in _NOT_NAMES:
            return True
    return False


def _has(ctx: Context, group: str, start: int, end: int) -> bool:
    return has_cue_in(ctx, group, start, end)
