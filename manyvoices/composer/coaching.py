"""The coaching panel's one view helper, shared by every page that coaches a text as it is
typed (the composer, the internal network's blog editor and comment box).

The panel itself is one partial, `composer/_review.html`: the verdict badge, each finding
with its message, guideline and one-click fix, and the highlights swapped out of band into
the editor's backdrop. A page says where the panel's buttons post with a `CoachPanel`;
`coach_context` gives the partial what it draws, `fixed_text` applies one fix and
`stale_fix` answers a fix that no longer applies.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from django.contrib import messages
from django.http import HttpRequest

from manyvoices.engine import apply_fixes
from manyvoices.lib.htmx import is_htmx

from .reviewing import MultiReview, highlight_segments


@dataclass(frozen=True)
class CoachPanel:
    """Where the panel's buttons post: `form` is the selector of the form whose fields each
    request sends (htmx `hx-include`); `fix_url` answers with the whole editor (`#editor`);
    `dismiss_url` is None where dismissing is not offered."""

    form: str
    fix_url: str
    dismiss_url: str | None = None
    scope: str = ""  # e.g. "for the internal network", shown with the policy's version


def coach_context(
    text: str,
    review: MultiReview | None,
    panel: CoachPanel,
    *,
    highlighted: tuple[int, int] | None = None,
    dismissed: set[str] | frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """What `composer/_review.html` draws. `highlighted` is the (start, end) of the part of
    the reviewed text that sits in the highlighted textarea (all of it by default): an
    editor whose title and body are reviewed together highlights the body only."""
    start, end = highlighted if highlighted is not None else (0, len(text))
    shown = text[start:end]
    return {
        "review": review,
        "coach": panel,
        "segments": highlight_segments(shown, review.findings, offset=start)
        if review
        else [(shown, None)],
        "dismissed_keys": sorted(dismissed),
    }


def fixed_text(
    review: MultiReview, key: str, text: str, *, within: tuple[int, int] | None = None
) -> str | None:
    """`text` with the fix of the finding `key` applied, or None when that finding is gone
    or has no fix (the text changed since the page was drawn).

    With `within=(start, end)`, `text` is only that part of the reviewed text: the fix must
    lie wholly inside it, and is applied with its offsets moved to match."""
    found = review.find(key)
    if found is None or found.finding.fix is None:
        return None
    fix = found.finding.fix
    if within is not None:
        start, end = within
        if fix.start < start or fix.end > end:
            return None
        fix = replace(fix, start=fix.start - start, end=fix.end - start)
    return apply_fixes(text, [fix])


def stale_fix(request: HttpRequest) -> int:
    """Tell the person that the fix they clicked no longer applies (the text changed since
    the page was drawn: the page shows the fresh review instead), and return the status to
    answer with: 200 for htmx, which swaps in only a 2xx answer; 409 for a plain form post."""
    messages.info(request, "That suggestion no longer applies to the text; here is a fresh review.")
    return 200 if is_htmx(request) else 409
