"""`confidential.codename`: an internal codename from the policy.

The compiled policy already applies the codename's case rules (as listed or in
capitals, whole words, no plurals, nothing inside a link). What is left here is
the ordinary sense: a one-word codename is often an ordinary word too (a bird,
a cactus, a town). When the words of its sentence are about nature, animals or
places and none is about work on a project, it is read in its ordinary sense and
not reported. Project words win over ordinary ones, because a leaked codename costs
more than a needless warning; a codename of several words ("Project Mesa") is
never an ordinary phrase.
"""

from __future__ import annotations

import re

from ..compiled import CODENAME
from ..context import Context
from ..lexicon import Cue, Hit
from ..near import scan_window
from ..types import Finding
from ..wording import SentenceIndex, capitalise_for

RULES = ("confidential.codename",)

# How far around a codename, within its sentence, its context is read (characters each side).
WINDOW = 150

_OUR_PROJECT = {
    "en": "our project",
    "fr": "notre projet",
    "de": "unser Projekt",
    "es": "nuestro proyecto",
    "pt": "nosso projeto",
}
# A determiner before the codename goes into the fix: "the Tumbleweed review" ->
# "our project review", not "the our project review".
_DETERMINER = re.compile(r"\b(?:the|this|that|a|an|le|la|ce|cette|das|dem|den|el|o)\s+$")


def check(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    hits = ctx.names_of(CODENAME)
    if not hits:
        return findings
    sentences = SentenceIndex(ctx.sentences, len(ctx.norm))
    for hit in hits:
        if " " not in hit.name and _ordinary_sense(ctx, sentences, hit.start, hit.end):
            continue
        start = hit.start
        if start > 0 and ctx.norm[start - 1] in "#@":
            start -= 1
        before = ctx.fold[max(0, start - 8) : start]
        fix_start = start
        det = _DETERMINER.search(before)
        if det:
            fix_start = start - (len(before) - det.start())
        replacement = _OUR_PROJECT.get(ctx.reviewed_language, _OUR_PROJECT["en"])
        findings.append(
            ctx.finding(
                "confidential.codename",
                start,
                hit.end,
                f"{hit.name} is an internal codename. Codenames are confidential until the "
                'product is announced under its public name; say "our project" instead.',
                replacement=capitalise_for(ctx.norm, fix_start, replacement),
                fix_span=(fix_start, hit.end),
            )
        )
    return findings


def _ordinary_sense(ctx: Context, sentences: SentenceIndex, start: int, end: int) -> bool:
    """True when the words of its sentence show a one-word codename's ordinary sense.

    Only its own sentence counts: a word about the weather two sentences later says
    nothing about it (and another rule's fix elsewhere must not change the answer).
    """
    s_start, s_end = sentences.spans[sentences.of(start)]
    near = scan_window(
        ctx.fold,
        max(s_start, start - WINDOW),
        min(s_end, end + WINDOW),
        "codename.ordinary",
        "codename.project",
    )
    ordinary = [h for h in near.get("codename.ordinary", []) if not _inside(h, start, end)]
    if not ordinary:
        return False
    project = [h for h in near.get("codename.project", []) if not _inside(h, start, end)]
    return not project


def _inside(hit: Hit[Cue], start: int, end: int) -> bool:
    return start <= hit.start and hit.end <= end
