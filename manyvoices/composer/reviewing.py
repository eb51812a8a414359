"""Reviewing a draft for several networks at once, with the engine's one review function.

The engine reviews one network at a time (rules such as internal links apply only to
external networks; lengths differ), so a draft meant for three networks is reviewed three
times and the findings are merged: the same finding on several networks is shown once,
with the networks it applies to.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from manyvoices.engine import Author, Draft, Finding, Policy, review
from manyvoices.engine.types import NETWORKS, SEVERITY_RANK, verdict_of

# Used only if the engine's length module (manyvoices/engine/lengths.py) is missing.
DEFAULT_LIMITS: dict[str, int | None] = {
    "x": 280,
    "linkedin": 3000,
    "mastodon": 500,
    "bluesky": 300,
    "threads": 500,
    "facebook": 63206,
    "instagram": 2200,
    "blog": None,
    "internal": None,
}

NETWORK_LABELS = {
    "x": "X",
    "linkedin": "LinkedIn",
    "mastodon": "Mastodon",
    "bluesky": "Bluesky",
    "threads": "Threads",
    "facebook": "Facebook",
    "instagram": "Instagram",
    "blog": "Blog",
    "internal": "Internal network",
}


def _lengths_module() -> Any:
    try:
        return importlib.import_module("manyvoices.engine.lengths")
    except ImportError:
        return None


def measure(
    text: str, network: str, limits: dict[str, int] | None = None
) -> tuple[int, int | None]:
    """(length counted the network's way, its limit or None): the engine's `lengths.measure`,
    or len() while that module is not there."""
    module = _lengths_module()
    if module is not None and hasattr(module, "measure"):
        count, limit = module.measure(text, network, limits or {})
        return int(count), limit
    limit = (limits or {}).get(network, DEFAULT_LIMITS.get(network))
    return len(text), limit


@dataclass
class MergedFinding:
    finding: Finding
    networks: list[str]

    @property
    def key(self) -> str:
        f = self.finding
        return f"{f.rule}:{f.start}:{f.end}"

    @property
    def dismiss_key(self) -> str:
        # Offsets move as the author types; the rule and the words are what they dismissed.
        return f"{self.finding.rule}::{self.finding.excerpt}"


@dataclass
class Counter:
    network: str
    label: str
    count: int
    limit: int | None

    @property
    def over(self) -> bool:
        return self.limit is not None and self.count > self.limit

    @property
    def left(self) -> int | None:
        return None if self.limit is None else self.limit - self.count


@dataclass
class MultiReview:
    text: str
    networks: list[str]
    verdict: str
    findings: list[MergedFinding]
    protected: bool
    language: str
    policy: dict[str, str]
    counters: list[Counter] = field(default_factory=list)
    dismissed: list[MergedFinding] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """What a draft keeps as its last review (the author alone ever sees it)."""
        return {
            "verdict": self.verdict,
            "protected": self.protected,
            "language": self.language,
            "policy": dict(self.policy),
            "networks": list(self.networks),
            "findings": [{**m.finding.to_dict(), "networks": m.networks} for m in self.findings],
            "dismissed": [m.dismiss_key for m in self.dismissed],
        }

    def find(self, key: str) -> MergedFinding | None:
        for m in [*self.findings, *self.dismissed]:
            if m.key == key:
                return m
        return None

    @property
    def rules(self) -> list[str]:
        return sorted({m.finding.rule for m in self.findings})


def clean_networks(values: list[str] | tuple[str, ...]) -> list[str]:
    """Known networks in the catalogue's order, without repeats; linkedin when none."""
    wanted = {v.strip().lower() for v in values}
    chosen = [n for n in NETWORKS if n in wanted]
    return chosen or ["linkedin"]


def author_of(user: Any) -> Author:
    if user is None or not getattr(user, "is_authenticated", False):
        return Author()
    return Author(
        name=user.name, title=user.title, spokesperson=user.spokesperson, regulated=user.regulated
    )


def review_for_networks(
    text: str,
    networks: list[str],
    policy: Policy,
    *,
    user: Any = None,
    dismissed: set[str] | frozenset[str] = frozenset(),
) -> MultiReview:
    """Review `text` for each network and merge the findings."""
    text = normalise_newlines(text)
    networks = clean_networks(networks)
    author = author_of(user)
    merged: dict[tuple[str, int, int], MergedFinding] = {}
    protected = False
    language = ""
    summary: dict[str, str] = policy.summary()
    counters = []
    for network in networks:
        result = review(Draft(text=text, network=network, author=author), policy)
        protected |= result.protected
        language = language or result.language
        summary = result.policy
        for f in result.findings:
            key = (f.rule, f.start, f.end)
            existing = merged.get(key)
            if existing is None:
                merged[key] = MergedFinding(f, [network])
            else:
                existing.networks.append(network)
                if SEVERITY_RANK[f.severity] > SEVERITY_RANK[existing.finding.severity]:
                    existing.finding = f
        count, limit = measure(text, network)
        counters.append(Counter(network, NETWORK_LABELS[network], count, limit))
    ordered = sorted(
        merged.values(),
        key=lambda m: (m.finding.start, m.finding.end, -SEVERITY_RANK[m.finding.severity]),
    )
    active, gone = [], []
    for m in ordered:
        # Only coaching and warnings can be dismissed; a block stays whatever was posted.
        if m.dismiss_key in dismissed and m.finding.severity in ("warn", "coach"):
            gone.append(m)
        else:
            active.append(m)
    return MultiReview(
        text=text,
        networks=networks,
        verdict=verdict_of([m.finding for m in active]),
        findings=active,
        protected=protected,
        language=language,
        policy=summary,
        counters=counters,
        dismissed=gone,
    )


def normalise_newlines(text: str) -> str:
    # Browsers send a textarea's line breaks as CRLF; offsets must match what we show.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def highlight_segments(
    text: str, findings: list[MergedFinding], *, offset: int = 0
) -> list[tuple[str, str | None]]:
    """The text cut into (piece, severity-or-None) so a template can wrap findings in <mark>
    (escaping each piece). Where findings overlap, a piece takes the gravest severity, so a
    codename inside a flagged sentence still stands out as its own mark. `text` starts at
    `offset` in the reviewed text; findings outside it are left out."""
    cuts = {0, len(text)}
    spans = []
    for m in findings:
        start = max(0, m.finding.start - offset)
        end = min(m.finding.end - offset, len(text))
        if end > start:
            spans.append((start, end, m.finding.severity))
            cuts.update((start, end))
    bounds = sorted(cuts)
    segments: list[tuple[str, str | None]] = []
    for start, end in pairwise(bounds):
        covering = [sev for s, e, sev in spans if s <= start and end <= e]
        severity = max(covering, key=SEVERITY_RANK.__getitem__) if covering else None
        segments.append((text[start:end], severity))
    return segments
