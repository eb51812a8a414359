"""`platform.length`: the text is longer than the network allows.

Counting is in `lengths.py`, shared with the web app's counter so both show
the same numbers. The finding points at the part that does not fit (from the
first character beyond the limit to the end), in the author's own offsets.
There is no fix: only the author can say what to cut.
"""

from __future__ import annotations

from ..context import Context
from ..lengths import UNITS, overflow
from ..types import Finding

RULES = ("platform.length",)
RULE = RULES[0]

NETWORK_NAMES = {
    "x": "X",
    "bluesky": "Bluesky",
    "mastodon": "Mastodon",
    "threads": "Threads",
    "linkedin": "LinkedIn",
    "instagram": "Instagram",
    "facebook": "Facebook",
    "blog": "the blog",
    "internal": "the internal network",
}


def check(ctx: Context) -> list[Finding]:
    """One finding when the draft is over its network's limit (or the draft's own limit)."""
    draft = ctx.draft
    result = overflow(draft.text, draft.network, draft.limits)
    if result is None or result.limit is None or result.overflow_at is None:
        return []
    unit = UNITS.get(draft.network, "characters")
    where = NETWORK_NAMES.get(draft.network, draft.network)
    extra = result.length - result.limit
    own = " (this draft's own limit)" if draft.network in draft.limits else ""
    message = (
        f"This post counts {result.length} {unit}; {where} allows {result.limit}{own}. "
        f"Cut {extra}: the highlighted part does not fit."
    )
    return [ctx.finding(RULE, result.overflow_at, len(draft.text), message, original_offsets=True)]
