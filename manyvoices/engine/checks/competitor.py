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
after it (a quoted claim of theirs or a one-word aside extends that by one
sentence), and aimed at the competitor: a put-down that follows "we", "our" or
the company's own product is self-criticism, and one in another clause before
the name ("a nightmare until <X> helped") is about something else. Naming a
competitor, congratulating it or comparing figures carries no such words and
does not trigger.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ..context import Context
from ..types import Finding
from ..wording import SentenceIndex
from ._people import word_classes

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
# The confidence of a finding resting on hints of sarcasm alone (below the second
# opinion's borderline mark, so a language model may be asked about it).
HINTED = 0.6

# "lol", profanity, a quoted claim: harmless one at a time.
WEAK_GROUPS = ("disparage.weak", "profanity.obscene")

# The author's own side as subject or owner: a put-down after these is about us
# ("our release was a mess"). "I" and "us" are left out: "every engineer I've
# met", "they beat us" still talk about the competitor.
OWN = re.compile(
    r"(?<![\w'])(?:we|we're|we've|our|ours|my|mine|nous|notre|nos|wir|unser\w*|"
    r"nosotros|nuestr[oa]s?|nosso|nossa|nossos|nossas)(?![\w'])"
)
WORD = re.compile(r"[\w']+")
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
    strong = sorted(
        ((h.start, h.end) for g in STRONG_GROUPS for h in ctx.cue(g)),
        key=lambda se: (se[0], -se[1]),
    )
    weak = sorted((h.start, h.end) for g in WEAK_GROUPS for h in ctx.cue(g))
    typical = {h.end: h.start for h in ctx.cue("disparage.typical")}
    if not (strong or weak or typical or '"' in ctx.fold or "'" in ctx.fold):
        return []
    draft = Draft(ctx, mentions, strong, weak, typical)
    findings: list[Finding] = []
    reported: set[tuple[int, int]] = set()
    for mention in mentions:
        span = draft.put_down(mention)
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
                # two hints of sarcasm are a judgement call: borderline for a second opinion
                confidence=HINTED if span == (mention.start, mention.end) else 1.0,
            )
        )
    return findings


class Draft:
    """One draft's cues and mentions, sorted so each lookup is a binary search (long posts
    stay linear)."""

    def __init__(
        self,
        ctx: Context,
        mentions: list[Mention],
        strong: list[tuple[int, int]],
        weak: list[tuple[int, int]],
        typical: dict[int, int],
    ) -> None:
        self.fold = ctx.fold
        self.sentences = SentenceIndex(ctx.sentences, len(ctx.fold))
        self.connectors = word_classes(ctx.review_languages)["connector"]
        self.strong, self.strong_starts = strong, [s for s, _ in strong]
        self.weak, self.weak_starts = weak, [s for s, _ in weak]
        self.typical = typical
        # who each stretch of text is about, by where it ends: the competitor or us
        markers = [(m.end, m.start, "them") for m in mentions]
        markers += [(e, s, "us") for s, e in _own_spans(ctx)]
        markers.sort()
        self.markers = markers
        self.marker_ends = [e for e, _, _ in markers]

    def put_down(self, mention: Mention) -> tuple[int, int] | None:
        """The span of the put-down aimed at this mention, if there is one."""
        fold = self.fold
        # "classic <X>", "peak <X>"
        for gap in (0, 1):
            start = self.typical.get(mention.start - gap)
            if start is not None and not fold[mention.start - gap : mention.start].strip():
                return start, mention.end
        spans = self.sentences.spans
        index = self.sentences.of(mention.start)
        lo, hi = spans[index][0], spans[index][1]
        if index + 1 < len(spans):
            nxt = spans[index + 1]
            hi = nxt[1]
            # a quoted claim of theirs, or a one-word aside ("Again."), then the comment
            if index + 2 < len(spans) and (
                fold[nxt[0] : nxt[1]].lstrip()[:1] in ('"', "'")
                or len(fold[nxt[0] : nxt[1]].split()) <= 2
            ):
                hi = spans[index + 2][1]
        first = bisect_left(self.strong_starts, lo)
        for start, end in self.strong[first:]:
            if start >= hi:
                break
            if mention.start <= start < mention.end or not self._aimed(start):
                continue
            if end <= mention.start and self._new_clause(end, mention.start):
                continue  # "the migration was a nightmare until <X> helped"
            return start, end
        first = bisect_left(self.weak_starts, lo)
        kinds = set()
        for start, end in self.weak[first:]:
            if start >= hi:
                break
            if self._aimed(start):
                kinds.add(fold[start:end])
        if any(m.start() >= mention.start for m in QUOTED.finditer(fold, lo, hi)):
            kinds.add("a quoted claim")
        if len(kinds) >= 2:
            # sarcasm spread over the passage: point at the competitor it is about
            return mention.start, mention.end
        return None

    def _new_clause(self, start: int, end: int) -> bool:
        """True when a word like "until" or "but" (or a semicolon) lies between start and end."""
        between = self.fold[start:end]
        if ";" in between:
            return True
        return any(m.group() in self.connectors for m in WORD.finditer(between))

    def _aimed(self, pos: int) -> bool:
        """True unless the nearest subject before `pos` in its sentence is our own side."""
        sentence_start = self.sentences.spans[self.sentences.of(pos)][0]
        last = bisect_right(self.marker_ends, pos) - 1
        if last < 0:
            return True
        if "," in self.fold[sentence_start:pos] and EXCLAIM_AFTER_COMMA.search(
            self.fold, max(sentence_start, pos - 40), pos + 12
        ):
            # "<X> copies all our games, what a bunch of amateurs": an exclamation after
            # the clause is said of its subject, not of the nearest owner ("our games")
            first = bisect_left(self.marker_ends, sentence_start + 1)
            if first <= last and self.markers[first][1] >= sentence_start:
                return self.markers[first][2] == "them"
        _end, start, side = self.markers[last]
        return start < sentence_start or side == "them"


# An exclamation opening a clause after a comma ("..., quelle bande d'amateurs").
EXCLAIM_AFTER_COMMA = re.compile(
    r",\s*(?:what|quel|quelle|quels|quelles|que|qu[eé]|was|welch\w*)\b"
)


def _own_spans(ctx: Context) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in OWN.finditer(ctx.fold)]
    spans += [(h.start, h.end) for h in ctx.names_of("company", "product", "handle")]
    return spans


def _mentions(ctx: Context) -> list[Mention]:
    """Where the draft names a competitor, including by the first word of a longer name."""
    found = sorted(
        (Mention(h.start, h.end, h.name) for h in ctx.names_of("competitor")), key=lambda f: f.start
    )
    forms = _short_forms_of(ctx)
    if forms is None:
        return found
    typical_ends = {h.end for h in ctx.cue("disparage.typical")}
    named = {f.name for f in found}
    covered = [(f.start, f.end) for f in found]
    for start, end, short in forms.finditer(ctx.norm):
        k = bisect_right(covered, (start, len(ctx.norm))) - 1
        if k >= 0 and covered[k][0] <= start < covered[k][1]:
            continue  # part of the full name
        name = forms.name_of[short]
        # the first word counts once the post has used the full name, or after "peak"
        after_typical = start in typical_ends or start - 1 in typical_ends
        if name in named or after_typical:
            found.append(Mention(start, end, name))
    found.sort(key=lambda f: f.start)
    return found


class _ShortForms:
    r"""First words of multi-word competitor names, matched case-sensitively.

    Finds what `(?<![\w@#])(<short>|...)(?:['’]s)?(?!\w)` (shorts sorted) would find,
    but locates the shorts with one Aho-Corasick pass: an alternation of thousands of
    names tried at every position cost ~200 us a draft with a 10,000-name policy.
    """

    def __init__(self, shorts: list[str], name_of: dict[str, str]) -> None:
        import ahocorasick

        self.name_of = name_of
        self._automaton = ahocorasick.Automaton()
        for short in shorts:
            self._automaton.add_word(short, short)
        self._automaton.make_automaton()

    def finditer(self, norm: str) -> list[tuple[int, int, str]]:
        at: dict[int, list[str]] = {}
        for end_index, short in self._automaton.iter(norm):
            at.setdefault(end_index + 1 - len(short), []).append(short)
        out: list[tuple[int, int, str]] = []
        n = len(norm)
        pos = 0
        for start in sorted(at):
            if start < pos:
                continue  # inside the previous match, as finditer would skip it
            if start and (_is_w(norm[start - 1]) or norm[start - 1] in "@#"):
                continue
            # The regex tries the alternatives in sorted order; the first that fits wins.
            for short in sorted(at[start]):
                end = start + len(short)
                if (
                    end + 1 < n
                    and norm[end] in "'’"
                    and norm[end + 1] == "s"
                    and not (end + 2 < n and _is_w(norm[end + 2]))
                ):
                    out.append((start, end + 2, short))
                    pos = end + 2
                    break
                if not (end < n and _is_w(norm[end])):
                    out.append((start, end, short))
                    pos = end
                    break
        return out


def _is_w(c: str) -> bool:
    # What the regex module's \w matches in a str pattern.
    return c.isalnum() or c == "_"


def _short_forms_of(ctx: Context) -> _ShortForms | None:
    # Built once per policy: a policy never changes once loaded.
    cache = ctx.policy.__dict__.setdefault("_competitor_short_forms", {})
    competitors = ctx.policy.model.competitors
    entry = cache.get("forms")
    if entry is None or entry[0] is not competitors:
        entry = cache["forms"] = (competitors, _short_forms(tuple(competitors)))
    return entry[1]


def _short_forms(names: tuple[str, ...]) -> _ShortForms | None:
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
    name_of: dict[str, str] = {}
    for n in names:  # the first name listed with that first word, as a scan would find
        words = n.split()
        if words:
            name_of.setdefault(words[0], n)
    return _ShortForms(shorts, name_of)
