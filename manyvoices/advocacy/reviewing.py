"""Reviewing a share's text with the engine's one review function.

A share is one text for one network. Where sharing earns points the draft carries
`incentivized: true`, so the engine asks for the employee disclosure on any post that
shares company content (clarifications.md). The engine reads the text followed by the
link being shared, because that is what the post shares: a link to the company's own
site is company content even when the words do not name the company. Findings and fixes
are mapped back to the employee's own words: a fix that appends goes at the end of their
text, and nothing in the link is offered for editing.
"""

from __future__ import annotations

from typing import Any

from manyvoices.composer.reviewing import (
    NETWORK_LABELS,
    Counter,
    MergedFinding,
    MultiReview,
    author_of,
    measure,
    normalise_newlines,
)
from manyvoices.engine import Draft, Fix, Policy, review
from manyvoices.engine.types import SEVERITY_RANK, verdict_of

from .models import SHARE_NETWORKS, engine_network

MAX_TEXT = 5_000


def review_share(
    text: str,
    network: str,
    policy: Policy,
    *,
    user: Any = None,
    link: str = "",
    incentivized: bool = True,
) -> MultiReview:
    """The review of `text` shared to `network` with `link`; offsets are into `text`."""
    text = normalise_newlines(text)[:MAX_TEXT]
    net = engine_network(network)
    suffix = f"\n\n{link}" if link and link not in text else ""
    result = review(
        Draft(text=text + suffix, network=net, author=author_of(user), incentivized=incentivized),
        policy,
    )
    n = len(text)
    findings = []
    for f in result.findings:
        if f.start >= n and f.fix is not None and not (f.fix.start == f.fix.end == n + len(suffix)):
            f.fix = None
        elif f.fix is not None and f.fix.start == f.fix.end == n + len(suffix):
            sep = "" if not text or text[-1].isspace() else " "
            f.fix = Fix(n, n, sep + f.fix.replacement.lstrip())
        elif f.fix is not None and f.fix.end > n:
            f.fix = None
        if f.start >= n:
            # It points at the link: show it on the whole text's end, not past it.
            f.start, f.end = max(0, n - 1), n
        else:
            f.end = min(f.end, n)
        findings.append(MergedFinding(f, [network]))
    findings.sort(
        key=lambda m: (m.finding.start, m.finding.end, -SEVERITY_RANK[m.finding.severity])
    )
    count, limit = measure(text + (f"\n\n{link}" if link else ""), net)
    return MultiReview(
        text=text,
        networks=[network],
        verdict=verdict_of([m.finding for m in findings]),
        findings=findings,
        protected=result.protected,
        language=result.language,
        policy=result.policy,
        counters=[
            Counter(net, SHARE_NETWORKS.get(network, NETWORK_LABELS.get(net, net)), count, limit)
        ],
    )
