"""`disclosure.affiliation`: praise or promotion of the company without saying you work there.

Two things must meet for the rule to fire:

1. A company thing: one of the policy's company names, products, handles or
   ticker, a public link to one of its domains, or a client the policy lists as
   public (praising a client's work is endorsing the company's business too).
2. A praise or promotion cue aimed at it (lexicons/praise.yaml): "best", "love",
   "recommend", "check it out", "go apply", "don't miss", "10/10", ... in the same
   sentence as the thing, or the sentence before or after, with no other name
   (a competitor, say) nearer to the cue in its sentence. Negated cues ("not the
   best", "wouldn't recommend") and set phrases ("best regards", "I'd love to")
   do not count. Stock cues ("buy", "to the moon") count only next to the ticker
   or a word for shares.

A neutral mention (a fact, a news link) has no cue and passes. A draft shared
from the advocacy hub for points (`incentivized`) is an endorsement whatever
its words, so any mention of the company triggers (clarifications.md).

The post itself must disclose (a profile does not count): a policy disclosure
tag, or words that say the author works there (lexicons/disclosure.yaml): "my
employer", "I work at <Company>", "we at <Company>", "(<Company> employee)", in
the post's language. Vague tags and a bare "we"/"our" are not disclosures.
Spokespeople are exempt. The fix appends the policy's first disclosure tag, or
"(I work at <Company>)" when the policy has none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..compiled import (
    CLIENT_CONFIDENTIAL,
    CLIENT_PUBLIC,
    CODENAME,
    COMPANY,
    COMPETITOR,
    HANDLE,
    PRODUCT,
    TICKER,
    NameHit,
)
from ..context import Context
from ..lexicon import Cue, Hit
from ..near import folded, register_groups, scan_groups, scan_window, word_set
from ..types import Finding
from ..wording import SentenceIndex, SpanIndex, first_at_or_after, words_after, words_before

RULES = ("disclosure.affiliation",)

_OWN_KINDS = (COMPANY, PRODUCT, HANDLE, TICKER)
_GROUPS = register_groups(
    "praise.praise",
    "praise.promote",
    "praise.stock",
    "disclosure.standalone",
    "disclosure.before_name",
    "disclosure.employee",
    "disclosure.self_intro",
    "views.disclaimer",
)
_OTHER_KINDS = (COMPETITOR, CLIENT_CONFIDENTIAL, CODENAME)
# "a client", "a customer": someone else, named without a name (near/praise.yaml).
_OTHER_PARTY = "other_party"

# "Take a (close, good, hard) look at ...": a call to try something.
_TAKE_A_LOOK = re.compile(r"\b(?:take|have|give it)\s+a\s+(?:[a-z]+\s+)?look\b")
_LOOK_CUE = Cue("praise.promote", "en", "take a look")
# A negation just before a cue: "not the best", "wouldn't recommend", "nicht empfehlen".
_NEGATED = re.compile(
    r"(?:\b(?:not|never|no|hardly|nicht|kein\w*|pas|jamais|nunca|nao|nem|ni)|n't)"
    r"\s+(?:\w+\s+)?$"
)
# "can't recommend it enough", "nicht genug loben": a negation that praises more.
_ENOUGH_AFTER = re.compile(
    r"[^.!?\n]{0,60}?\b(?:enough|highly enough|assez|genug|lo suficiente|o suficiente"
    r"|suficiente)\b"
)
# "I'd love to", "would love": a wish, not praise.
_WISH_BEFORE = re.compile(r"(?:'d|\bwould|\bwe'd|\bi'd)\s+$")
_WISH_AFTER = re.compile(r"^\s+(?:to|it if|if)\b")
# "best" in set phrases: "best regards", "all the best", "at best", "do my best".
_BEST_AFTER = re.compile(
    r"^\s+(?:regards|wishes|practices?|efforts?|of luck|friends?|way to|"
    r"to\b)"
)
_BEST_BEFORE = re.compile(
    r"(?:\ball the|\bat|\b(?:do|did|doing|try|tried|trying)\s+"
    r"(?:my|our|your|their|his|her))\s+$"
)

# Between "I work at" and the name: an article at most.
_GAP_BEFORE_NAME = re.compile(
    r"^[\s'\"]*(?:(?:the|la|le|les|der|die|das|dem|den|el|los|las|a|o|as|os)\s+)?[@#]?$"
)
_GAP_EMPLOYEE = re.compile(r"^[\s-]+$")
# How far from a praise cue the thing it praises may be named (characters each side).
REACH = 300
# "I'm a senior data engineer at <Company>": at most this many words after "I'm a".
SELF_INTRO_WORDS = 5
_WORD = re.compile(r"\w+(?:'\w+)?")
# A sentence of at most this many words is a fragment ("Highly recommend.").
FRAGMENT_WORDS = 5
# How far from a stock cue a word for shares may be ("buy Acme shares").
_SHARES_REACH = 80
_NOT_BEFORE = re.compile(r"\b(?:not|nicht|pas|no|nao)\s+$")


@dataclass(frozen=True)
class Target:
    """Something of the company's (or a public client's) in the text, in norm offsets."""

    start: int
    end: int
    kind: str
    label: str


def check(ctx: Context) -> list[Finding]:
    if ctx.spokesperson:
        return []
    targets = _targets(ctx)
    if not targets:
        return []
    cues = _cues(ctx)
    if ctx.draft.incentivized:
        own = [t for t in targets if t.kind != CLIENT_PUBLIC]
        if own and not _disclosed(ctx, cues):
            target = own[0]
            return [
                _finding(
                    ctx,
                    target,
                    f"This post shares {target.label} from the advocacy hub, where sharing "
                    "earns rewards: that makes it an endorsement, so it must say that you "
                    "work for the company.",
                )
            ]
    praised = _praised_target(ctx, targets, cues)
    if praised is None or _disclosed(ctx, cues):
        return []
    return [
        _finding(
            ctx,
            praised,
            f"This praises or promotes {praised.label} without saying that you work for "
            f"{ctx.policy.model.company.name}. Readers have a right to know; a note in your "
            "profile or a vague tag is not enough.",
        )
    ]


def _finding(ctx: Context, target: Target, message: str) -> Finding:
    tags = ctx.policy.model.disclosure.tags
    disclosure = tags[0] if tags else f"(I work at {ctx.policy.model.company.name})"
    return ctx.finding(
        "disclosure.affiliation",
        target.start,
        target.end,
        f"{message} Add a disclosure such as {disclosure}.",
        fix=ctx.append_fix(disclosure),
    )


def _targets(ctx: Context) -> list[Target]:
    """The company's things (and public clients) named or linked in the text."""
    targets = [
        Target(h.start, h.end, h.kind, h.name) for h in ctx.names_of(*_OWN_KINDS, CLIENT_PUBLIC)
    ]
    domains = ctx.compiled.company_domains
    if domains and ("." in ctx.norm):
        for link in ctx.links:
            if link.internal:
                continue
            if any(link.host == d or link.host.endswith("." + d) for d in domains):
                targets.append(Target(link.start, link.end, "link", link.url))
    targets.sort(key=lambda t: (t.start, -t.end))
    return targets


def _cues(ctx: Context) -> dict[str, list[Hit[Cue]]]:
    """This rule's cue groups, in every language (see near.scan_groups), and "take a
    (close) look at", which a phrase list cannot hold with its optional word."""
    found = scan_groups(ctx.fold, _GROUPS)
    # The pattern opens with a word boundary, tried at every position: only a draft
    # with "look" in it can match.
    looks = (
        [Hit(m.start(), m.end(), _LOOK_CUE) for m in _TAKE_A_LOOK.finditer(ctx.fold)]
        if "look" in ctx.fold
        else []
    )
    if looks:
        found = dict(found)
        found["praise.promote"] = found.get("praise.promote", []) + looks
    return found


def _praised_target(
    ctx: Context, targets: list[Target], found: dict[str, list[Hit[Cue]]]
) -> Target | None:
    """The company thing a praise or promotion cue is aimed at, if any."""
    cues = [
        h
        for h in found.get("praise.praise", []) + found.get("praise.promote", [])
        if _counts(ctx, h)
    ]
    stock = [h for h in found.get("praise.stock", []) if _counts(ctx, h)]
    if not cues and not stock:
        return None
    sentences = SentenceIndex(ctx.sentences, len(ctx.norm))
    others = [Target(h.start, h.end, h.kind, h.name) for h in ctx.names_of(*_OTHER_KINDS)]
    others += [
        Target(h.start, h.end, _OTHER_PARTY, h.payload.phrase)
        for h in scan_window(ctx.fold, 0, len(ctx.fold), "praise.other_party").get(
            "praise.other_party", []
        )
    ]
    named = sorted(targets + others, key=lambda t: (t.start, -t.end))
    starts = [t.start for t in named]
    stock_starts = {h.start for h in stock}
    for cue in sorted(cues + stock, key=lambda h: h.start):
        sentence = sentences.spans[sentences.of(cue.start)]
        if _asks(ctx, sentence):
            continue  # "Is Cirrus DB the best option for logs?" asks, it does not praise
        if scan_window(
            ctx.fold, sentence[0], min(sentence[1], sentence[0] + 400), "praise.sarcasm"
        ).get("praise.sarcasm"):
            continue  # "Best decision ever, said no one."
        # Only names within REACH of the cue are looked at, so a long post stays linear.
        lo = first_at_or_after(starts, cue.start - REACH)
        hi = first_at_or_after(starts, cue.end + REACH)
        aimed = _aimed_at(ctx.fold, cue, sentences, named[lo:hi])
        if aimed is None:
            continue
        if cue.start in stock_starts and not _about_shares(ctx, cue, aimed):
            continue
        return aimed
    return None


def _aimed_at(
    fold: str, cue: Hit[Cue], sentences: SentenceIndex, nearby: list[Target]
) -> Target | None:
    def distance(t: Target) -> int:
        return max(t.start - cue.end, cue.start - t.end, 0)

    ci = sentences.of(cue.start)
    where = [(t, sentences.of(t.start)) for t in nearby]
    same = [t for t, si in where if si == ci]
    if same:
        nearest = min(same, key=distance)
        # The cue is about whatever is named nearest to it in its sentence.
        return nearest if nearest.kind not in (*_OTHER_KINDS, _OTHER_PARTY) else None
    if not _points_elsewhere(fold, sentences.spans[ci]):
        return None
    beside = [
        t for t, si in where if abs(si - ci) == 1 and t.kind not in (*_OTHER_KINDS, _OTHER_PARTY)
    ]
    if not beside:
        return None
    target = min(beside, key=distance)
    t_start, t_end = sentences.spans[sentences.of(target.start)]
    if scan_window(fold, t_start, min(t_end, t_start + 400), "praise.complaint").get(
        "praise.complaint"
    ):
        return None  # "Locked out of Acme Vault again. Fantastic."
    return target


def _asks(ctx: Context, sentence: tuple[int, int]) -> bool:
    """True for a question that opens with a question word ("Is it the best?"), not a
    rhetorical one ("Best gadget of the year? This one.")."""
    if not ctx.norm[sentence[0] : sentence[1]].rstrip().endswith("?"):
        return False
    first = words_after(ctx.fold, sentence[0], 1, clause=False)
    return bool(first) and ctx.fold[first[0][0] : first[0][1]] in word_set("praise.question_opener")


def _points_elsewhere(fold: str, sentence: tuple[int, int]) -> bool:
    """True when a cue's sentence can be about a thing named in the next or previous one:
    a fragment ("10/10, would recommend.") or a sentence that refers back ("Try it!")."""
    words = _WORD.findall(fold, sentence[0], min(sentence[1], sentence[0] + 400))
    if len(words) <= FRAGMENT_WORDS:
        return True
    pronouns = word_set("praise.pronoun")
    return any(w in pronouns for w in words)


def _about_shares(ctx: Context, cue: Hit[Cue], target: Target) -> bool:
    if target.kind == TICKER:
        return True
    if target.kind not in (COMPANY, HANDLE):
        return False
    lo, hi = min(cue.start, target.start), max(cue.end, target.end)
    return bool(
        scan_window(ctx.fold, lo - _SHARES_REACH, hi + _SHARES_REACH, "praise.shares").get(
            "praise.shares"
        )
    )


def _counts(ctx: Context, hit: Hit[Cue]) -> bool:
    """False for cues inside a link, negated, or in a set phrase that is not praise."""
    if ctx.in_link(hit.start, hit.end):
        return False
    fold = ctx.fold
    before = fold[max(0, hit.start - 24) : hit.start]
    after = fold[hit.end : hit.end + 12]
    if _NEGATED.search(before) and not _ENOUGH_AFTER.match(fold, hit.end, hit.end + 70):
        return False
    phrase = hit.payload.phrase
    if phrase.startswith("lov") and (_WISH_BEFORE.search(before) or _WISH_AFTER.match(after)):
        return False
    return not (
        phrase in ("best", "the best") and (_BEST_AFTER.match(after) or _BEST_BEFORE.search(before))
    )


def _disclosed(ctx: Context, cues: dict[str, list[Hit[Cue]]]) -> bool:
    """True when the post itself says that its author works for the company."""
    fold = ctx.fold
    if ctx.compiled.disclosure_tags.find(fold):
        return True
    disclaimers = SpanIndex(_disclaimer_spans(ctx, cues))
    for hit in cues.get("disclosure.standalone", []):
        if ctx.in_link(hit.start, hit.end) or disclaimers.covers(hit.start, hit.start + 1):
            continue
        # "Views are mine, not my employer's" is a disclaimer, not a disclosure.
        if not _NOT_BEFORE.search(fold[max(0, hit.start - 5) : hit.start]):
            return True
    names = sorted(ctx.names_of(COMPANY, HANDLE, PRODUCT), key=lambda h: (h.start, -h.end))
    if not names:
        return False
    starts = [n.start for n in names]
    for cue in cues.get("disclosure.before_name", []):
        i = first_at_or_after(starts, cue.end)
        if i < len(names):
            name = names[i]
            if (
                name.start - cue.end <= 8
                and _GAP_BEFORE_NAME.match(fold[cue.end : name.start])
                and not _names_an_event(ctx, name.kind, name.end)
            ):
                return True
    for cue in cues.get("disclosure.self_intro", []):
        # "I'm a data engineer at Nimbus": a few words, then "at" and the company.
        i = first_at_or_after(starts, cue.end)
        if i < len(names) and names[i].kind != PRODUCT and _introduces(ctx, cue.end, names[i]):
            return True
    by_end = sorted((n for n in names if n.kind != PRODUCT), key=lambda n: n.end)
    ends = [n.end for n in by_end]
    for cue in cues.get("disclosure.employee", []):
        # The names ending just before the cue ("Acme employee", "Acme-Mitarbeiter").
        i = first_at_or_after(ends, cue.start - 3)
        while i < len(by_end) and by_end[i].end <= cue.start:
            name = by_end[i]
            if _GAP_EMPLOYEE.match(fold[name.end : cue.start]) and _said_of_self(fold, name.start):
                return True
            i += 1
    return False


def _introduces(ctx: Context, pos: int, name: NameHit) -> bool:
    """True when at most SELF_INTRO_WORDS words, the last an employer preposition ("at",
    "chez", "bei"), stand in one clause between a self-introduction and the name."""
    if name.start - pos > 80:
        return False
    words = [w for w in words_after(ctx.fold, pos, SELF_INTRO_WORDS + 1) if w[1] <= name.start]
    if not words or len(words) > SELF_INTRO_WORDS or words[-1][1] < name.start - 2:
        return False
    last = ctx.fold[words[-1][0] : words[-1][1]]
    return last in word_set("disclosure.employer_preposition")


def _disclaimer_spans(ctx: Context, cues: dict[str, list[Hit[Cue]]]) -> list[tuple[int, int]]:
    """Where the post says its views are the author's own (the policy's disclaimer too)."""
    spans = [(h.start, h.end) for h in cues.get("views.disclaimer", [])]
    own = folded(ctx.policy.model.disclosure.disclaimer).rstrip(".! ")
    if own:
        at = ctx.fold.find(own)
        while at >= 0:
            spans.append((at, at + len(own)))
            at = ctx.fold.find(own, at + 1)
    return spans


def _names_an_event(ctx: Context, kind: str, end: int) -> bool:
    """'here at Acme Summit': a capitalised word right after the company's name makes it
    the name of an event or a place, not the employer."""
    return kind == COMPANY and re.match(r" [A-Z][a-z]", ctx.norm[end : end + 3]) is not None


def _said_of_self(fold: str, name_start: int) -> bool:
    """Before "<Company> employee": nothing, or "I'm an" / "as an", not "the" or "an"."""
    before = [fold[s:e] for s, e in words_before(fold, name_start, 2)]
    if not before:
        return True  # "(Acme employee)", "Acme employee here"
    if before[0] in word_set("disclosure.indefinite"):
        return len(before) > 1 and before[1] in word_set("disclosure.self")
    return before[0] not in word_set("disclosure.others_determiner")
