"""`respect.sensitive-topic`: the post takes a side on party politics or religion (coaching).

Cues are in lexicons/politics.yaml. A post takes a side when it:

- says how to vote or how the author votes on a ballot ("vote yes on Prop 9",
  "vote them out"), or asks for votes with a political word in the same
  sentence ("I'm voting for Dana Reyes for mayor");
- praises or attacks a party or movement ("the Tories are corrupt");
- attacks a religion or its followers ("religion is a fairy tale");
- urges others to a faith ("accept Jesus", "repent").

A reminder to vote, news about an election, or a mention of a faith takes
no side. The check only coaches, so it leans on plain cues rather than
exhaustive coverage.
"""

from __future__ import annotations

from ..context import Context
from ..lexicon import Cue, Hit
from ..types import Finding
from ..wording import SentenceIndex

RULES = ("respect.sensitive-topic",)

RULE = "respect.sensitive-topic"

MESSAGES = {
    "politics": (
        "This takes a side in party politics. That is your right; make sure it reads as your "
        "personal view, not the company's."
    ),
    "religion": (
        "This takes a side on religion. That is your right; make sure it reads as your personal "
        "view, and consider how it lands with colleagues and customers of other beliefs."
    ),
}

# (cue group, a group that must share its sentence or None, topic)
RULE_PAIRS = (
    ("politics.stance", None, "politics"),
    ("politics.proselytise", None, "religion"),
    ("politics.vote", "politics.context", "politics"),
    ("politics.vote", "politics.party", "politics"),
    ("politics.party", "politics.attack", "politics"),
    ("politics.party", "politics.endorse", "politics"),
    ("politics.religion", "politics.religion_attack", "religion"),
)


def check(ctx: Context) -> list[Finding]:
    if not ctx.has_cue(
        "politics.stance",
        "politics.proselytise",
        "politics.vote",
        "politics.party",
        "politics.religion",
    ):
        return []
    sentences = SentenceIndex(ctx.sentences, len(ctx.norm))
    findings: list[Finding] = []
    done: set[int] = set()  # one finding per sentence is enough coaching
    for group, partner, topic in RULE_PAIRS:
        partners = _by_sentence(ctx.cue(partner), sentences) if partner else {}
        for hit in ctx.cue(group):
            index = sentences.of(hit.start)
            if index in done:
                continue
            span = (hit.start, hit.end)
            if partner is not None:
                other = next(
                    (
                        h
                        for h in partners.get(index, ())
                        if h.end <= hit.start or h.start >= hit.end
                    ),
                    None,
                )
                if other is None:
                    continue
                span = (min(hit.start, other.start), max(hit.end, other.end))
            done.add(index)
            findings.append(ctx.finding(RULE, span[0], span[1], MESSAGES[topic]))
    return findings


def _by_sentence(hits: list[Hit[Cue]], sentences: SentenceIndex) -> dict[int, list[Hit[Cue]]]:
    out: dict[int, list[Hit[Cue]]] = {}
    for h in hits:
        out.setdefault(sentences.of(h.start), []).append(h)
    return out
