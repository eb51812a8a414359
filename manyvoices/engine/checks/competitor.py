"""`conduct.competitor`: disparaging a competitor the policy names, or picking a fight with it.

The competitor comes from the policy (`competitors`), never from a list in
code. A post triggers the rule when a put-down sits next to a mention of one:

- mockery, insults and unverified negative claims (lexicons/disparage.yaml
  `mock`, and the insult words of lexicons/abuse.yaml): "a buggy mess",
  "smoke and mirrors", "a scam", "their support doesn't exist";
- "classic <X>", "peak <X>", "typical <X>" (`typical`), where <X> may be the
  first word of a longer name ("peak Vandelay" for "Vandelay Industries");
- fighting words ("come at me", "your days are numbered");
- two hints of sarcasm together (`weak`: "lol", "🙄", "by whom", a quoted
  claim of theirs, profanity), which alone mean little.

"Next to" means in the sentence that names the competitor or the one right
after it (a quoted claim of theirs extends that by one sentence), and aimed at
the competitor: a put-down that follows "we", "our" or the company's own
product is self-criticism. Naming a competitor, congratulating it or comparing
figures carries no such words and does not trigger.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..context import Context
from ..types import Finding

RULES = ("conduct.competitor",)

RULE = "conduct.competitor"

STRONG_GROUPS = (
    "disparage.mock",
    "disparage.fight",
    "abuse.insult_strong",
    "abuse.insult_weak",
    "abuse.insult_adj",
    "abuse.slur",
    "abuse.hostile",
)
# "lol", profanity, a quoted claim: harmless one at a time.
WEAK_GROUPS = ("disparage.weak", "profanity.obscene")

# The author's own side as subject or owner: a put-down after these is about us
# ("our release was a mess"). "I" and "us" are left out: "every engineer I've
# met", "they beat us" still talk about the competitor.
OWN = re.compile(
    r"(?<![\w'])(?:we|we're|we've|our|ours|my|mine|nous|notre|nos|wir|unser\w*|"
    r"nosotros|nuestr[oa]s?|nosso|nossa|nossos|nossas)(?![\w'])"
)
QUOTED = re.compile(r"\"[^\"\n]{3,}\"|(?<!\w)'[^'\n]{3,}'(?!\w)")


@dataclass(frozen=True)
class Mention:
    start: int  # norm offsets
    end: int
    name: str


def check(ctx: Context) -> list[Finding]:
    mentions = _mentions(ctx)
    if not mentions:
        return []
    strong = [(h.start, h.end) for g in STRONG_GROUPS for h in ctx.cue(g)]
    weak = [(h.start, h.end) for g in WEAK_GROUPS for h in ctx.cue(g)]
    typical = [(h.start, h.end) for h in ctx.cue("disparage.typical")]
    if not (strong or weak or typical or '"' in ctx.fold or "'" in ctx.fold):
        return []
    sentences = ctx.sentences or [(0, len(ctx.norm))]
    findings: list[Finding] = []
    reported: set[tuple[int, int]] = set()
    own = _own_spans(ctx)
    for mention in mentions:
        span = _put_down(ctx, mention, mentions, own, sentences, strong, weak, typical)
        if span is None or span in reported:
            continue
        reported.add(span)
        findings.append(
            ctx.finding(
                RULE,
                span[0],
                span[1],
                f"This mocks or disparages {mention.name}. Don't pick fights with competitors: "
                "compare facts (figures, method, a source) or leave it out.",
            )
        )
    return findings


def _put_down(
    ctx: Context,
    mention: Mention,
    mentions: list[Mention],
    own: list[tuple[int, int]],
    sentences: list[tuple[int, int]],
    strong: list[tuple[int, int]],
    weak: list[tuple[int, int]],
    typical: list[tuple[int, int]],
) -> tuple[int, int] | None:
    """The span of the put-down aimed at this mention, if there is one."""
    fold = ctx.fold
    for start, end in typical:
        if end <= mention.start and not fold[end : mention.start].strip():
            return start, mention.end
    index = next((i for i, (s, e) in enumerate(sentences) if s <= mention.start < e), None)
    if index is None:
        return None
    scope = [sentences[index]]
    if index + 1 < len(sentences):
        nxt = sentences[index + 1]
        scope.append(nxt)
        # a quoted claim of theirs, then the comment on it
        if fold[nxt[0] : nxt[1]].lstrip()[:1] in ('"', "'") and index + 2 < len(sentences):
            scope.append(sentences[index + 2])
    lo, hi = scope[0][0], scope[-1][1]

    def aimed(pos: int) -> bool:
        sent = next(s for s in scope if s[0] <= pos < s[1])
        before = [(m.end, "them") for m in mentions if sent[0] <= m.start and m.end <= pos]
        before += [(e, "us") for s, e in own if sent[0] <= s and e <= pos]
        if not before:
            return True
        return max(before)[1] == "them"

    for start, end in sorted(strong, key=lambda se: (se[0], -se[1])):
        if lo <= start < hi and not (mention.start <= start < mention.end) and aimed(start):
            return start, end
    kinds = {fold[s:e] for s, e in weak if lo <= s < hi and aimed(s)}
    quoted = [m for m in QUOTED.finditer(fold, lo, hi) if m.start() >= mention.start]
    if quoted:
        kinds.add("a quoted claim")
    if len(kinds) >= 2:
        # sarcasm spread over the passage: point at the competitor it is about
        return mention.start, mention.end
    return None


def _own_spans(ctx: Context) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in OWN.finditer(ctx.fold)]
    spans += [(h.start, h.end) for h in ctx.names_of("company", "product", "handle")]
    return spans


def _mentions(ctx: Context) -> list[Mention]:
    """Where the draft names a competitor, including by the first word of a longer name."""
    found = [Mention(h.start, h.end, h.name) for h in ctx.names_of("competitor")]
    competitors = tuple(ctx.policy.model.competitors)
    pattern = _short_forms(competitors)
    if pattern is None:
        return found
    typical_ends = {h.end for h in ctx.cue("disparage.typical")}
    for m in pattern.finditer(ctx.norm):
        if any(f.start <= m.start() < f.end for f in found):
            continue
        name = next(n for n in competitors if n.split()[0] == m.group(1))
        # "Vandelay" counts once the post has named "Vandelay Industries", or after "peak"
        named = any(f.name == name for f in found)
        after_typical = any(0 <= m.start() - e <= 1 for e in typical_ends)
        if named or after_typical:
            found.append(Mention(m.start(), m.end(), name))
    found.sort(key=lambda f: f.start)
    return found


@lru_cache(maxsize=32)
def _short_forms(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """First words of multi-word competitor names, matched case-sensitively."""
    shorts = sorted(
        {
            n.split()[0]
            for n in names
            if len(n.split()) >= 2 and len(n.split()[0]) >= 4 and n[0].isupper()
        }
    )
    if not shorts:
        return None
    return re.compile(
        r"(?<![\w@#])(" + "|".join(map(re.escape, shorts)) + r")(?:['\u2019]s)?(?!\w)"
    )
