"""Writes that the pages and the API share."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from manyvoices.engine import Policy

from .models import Dismissal, Draft
from .reviewing import MultiReview, review_for_networks


class DismissError(ValueError):
    """Why a finding could not be dismissed, in words for its author."""


@transaction.atomic
def dismiss_finding(
    *,
    user: Any,
    policy: Policy,
    text: str,
    networks: list[str],
    dismissed: set[str],
    key: str,
    reason: str,
    draft: Draft | None = None,
) -> MultiReview:
    """Dismiss the finding `key` ("rule:start:end") of the review of `text`, with a reason.

    Only warn and coach findings can be dismissed. The dismissal is recorded (marked
    protected when the review is, so it is never counted), and the draft, if any, keeps
    it. Returns the review with the finding set aside; raises DismissError otherwise."""
    reason = reason.strip()[:500]
    result = review_for_networks(text, networks, policy, user=user, dismissed=dismissed)
    found = result.find(key)
    if found is None:
        raise DismissError("That finding is no longer in the review.")
    if found.finding.severity not in ("warn", "coach"):
        raise DismissError("Only warnings and coaching can be dismissed; a block must be fixed.")
    if not reason:
        raise DismissError("Say why you dismiss it: the reason helps compliance improve the rule.")
    Dismissal.objects.create(
        author=user,
        draft=draft,
        rule=found.finding.rule,
        severity=found.finding.severity,
        reason=reason,
        protected=result.protected,
    )
    dismissed.add(found.dismiss_key)
    if draft is not None:
        draft.dismissed = sorted(set(draft.dismissed) | {found.dismiss_key})
        draft.run_review(policy)
        draft.save()
    return review_for_networks(text, networks, policy, user=user, dismissed=dismissed)
