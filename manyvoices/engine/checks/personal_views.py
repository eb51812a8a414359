"""`disclosure.personal-views`: an opinion on the company's strategy or the industry
without a personal-views disclaimer.

An opinion cue ("I think", "in my opinion", "the right call", "à mon avis",
"meiner Meinung nach", ...) counts when, in its sentence or the one before or after, it
sits next to the company (one of the policy's names) together with a strategy
word ("strategy", "bet", "pricing", "acquisition"), or next to an industry
matter ("the industry", "AI", "regulation"). A disclaimer anywhere in the post
("views are my own", "opinions personnelles", the policy's own disclaimer text)
answers it. The fix appends the policy's disclaimer.
"""

from __future__ import annotations

from ..compiled import COMPANY, HANDLE, PRODUCT, TICKER
from ..context import Context
from ..lexicon import Cue, Hit
from ..near import folded, register_groups, scan_groups, scan_window
from ..types import Finding
from ..wording import SentenceIndex, first_at_or_after

RULES = ("disclosure.personal-views",)

DEFAULT_DISCLAIMER = "Views are my own."
_GROUPS = register_groups("views.opinion", "views.disclaimer")
# How far from an opinion its subject is looked for (characters each side).
REACH = 250


def check(ctx: Context) -> list[Finding]:
    # Every language's words: detection is unreliable on a short post.
    cues = scan_groups(ctx.fold, _GROUPS)
    opinions = [h for h in cues.get("views.opinion", []) if not ctx.in_link(h.start, h.end)]
    if not opinions or _has_disclaimer(ctx, cues):
        return []
    sentences = SentenceIndex(ctx.sentences, len(ctx.norm))
    company = sorted(h.start for h in ctx.names_of(COMPANY, HANDLE, PRODUCT, TICKER))
    for hit in opinions:
        # The opinion's sentence and its neighbours, at most REACH characters away.
        i = sentences.of(hit.start)
        lo = max(sentences.spans[max(0, i - 1)][0], hit.start - REACH)
        hi = min(sentences.spans[min(len(sentences.spans) - 1, i + 1)][1], hit.end + REACH)
        near = scan_window(ctx.fold, lo, hi, "views.industry", "views.strategy")
        industry = [h for h in near.get("views.industry", []) if not _elided(ctx.fold, h.start)]
        j = first_at_or_after(company, lo)
        about_company = j < len(company) and company[j] < hi and near.get("views.strategy")
        if not (industry or about_company):
            continue
        disclaimer = ctx.policy.model.disclosure.disclaimer.strip() or DEFAULT_DISCLAIMER
        what = "the industry" if industry and not about_company else "the company's choices"
        return [
            ctx.finding(
                "disclosure.personal-views",
                hit.start,
                hit.end,
                f"This gives your opinion on {what}. Readers may take an employee's opinion "
                f'for the company\'s; a short disclaimer such as "{disclaimer}" keeps it yours.',
                fix=ctx.append_fix(disclaimer),
            )
        ]
    return []


def _has_disclaimer(ctx: Context, cues: dict[str, list[Hit[Cue]]]) -> bool:
    if cues.get("views.disclaimer"):
        return True
    own = folded(ctx.policy.model.disclosure.disclaimer).rstrip(".! ")
    return bool(own) and own in ctx.fold


def _elided(fold: str, start: int) -> bool:
    # French "j'ai" is not "AI": a word right after an apostrophe is an elision.
    return start > 0 and fold[start - 1] == "'"
