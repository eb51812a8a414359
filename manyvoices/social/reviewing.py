"""The coach on the internal network: posts and comments are reviewed with the network
`internal` (the engine leaves out its external-only rules there), and a blocked text
cannot be published."""

from __future__ import annotations

from typing import Any

from manyvoices.composer.reviewing import MultiReview, review_for_networks
from manyvoices.guidelines.models import current_policy

NETWORK = "internal"


class Blocked(Exception):
    """The text crosses a hard line of the guidelines; it was not published."""

    def __init__(self, review: MultiReview) -> None:
        self.review = review
        rules = sorted({m.finding.rule for m in review.findings if m.finding.severity == "block"})
        super().__init__(
            f"this text is blocked by the guidelines ({', '.join(rules)}); fix it to publish"
        )


def post_text(title: str, body: str) -> str:
    """The one text a post is reviewed as: its title, a blank line, its body."""
    return f"{title}\n\n{body}" if title else body


def review_internal(text: str, user: Any) -> MultiReview | None:
    """The review of `text` on the internal network, or None before any policy is published."""
    _version, policy = current_policy()
    if policy is None or not text.strip():
        return None
    return review_for_networks(text, [NETWORK], policy, user=user)


def ensure_publishable(text: str, user: Any) -> MultiReview | None:
    """Raise Blocked when the internal review blocks; the review otherwise."""
    result = review_internal(text, user)
    if result is not None and result.verdict == "block":
        raise Blocked(result)
    return result
