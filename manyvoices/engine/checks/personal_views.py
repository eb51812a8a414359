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
from ..lexicon import Cue, Hit, fold_phrase
from ..near import scan_groups, scan_window
from ..types import Finding
from ..wording import sentence_index

RULES = ("disclosure.personal-views",)

DEFAULT_DISCLAIMER = "Views are my own."
_GROUPS = ("views.opinion", "views.disclaimer")


def check(ctx: Context) -> list[Finding]:
    # Every language's words: detection is unreliable on a short post.
    cues = scan_groups(ctx.fold, _GROUPS)
    opinions = [h for h in cues.get("views.opinion", []) if not ctx.in_link(h.start, h.end)]
    if not opinions or _has_disclaimer(ctx, cues):
        return []
    sentences = ctx.sentences or [(0, len(ctx.norm))]
    company = ctx.names_of(COMPANY, HANDLE, PRODUCT, TICKER)
    for hit in opinions:
        i = sentence_index(sentences, hit.start)
        lo = sentences[max(0, i - 1)][0]
        hi = sentences[min(len(sentences) - 1, i + 1)][1]
        near = scan_window(ctx.fold, lo, hi)
        industry = [h for h in near.get("views.industry", []) if not _elided(ctx.fold, h.start)]
        about_company = any(lo <= n.start < hi for n in company) and near.get("views.strategy")
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
    own = fold_phrase(ctx.policy.model.disclosure.disclaimer).rstrip(".! ")
    return bool(own) and own in ctx.fold


def _elided(fold: str, start: int) -> bool:
    # French "j'ai" is not "AI": a word right after an apostrophe is an elision.
    return start > 0 and fold[start - 1] == "'"
