"""The shapes a review takes in and gives out (see shared/spec/review-contract.md).

Plain dataclasses so the engine stays free of any framework; `Review.to_dict()`
gives the contract's JSON shape.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("block", "warn", "coach", "info")
SEVERITY_RANK = {"info": 0, "coach": 1, "warn": 2, "block": 3}

NETWORKS = (
    "x",
    "linkedin",
    "mastodon",
    "bluesky",
    "threads",
    "facebook",
    "instagram",
    "blog",
    "internal",
)


class DraftError(ValueError):
    """A draft that cannot be reviewed: the message names the field and what was wrong."""


@dataclass(frozen=True)
class Author:
    name: str = ""
    title: str = ""
    spokesperson: bool = False
    regulated: bool = False


@dataclass(frozen=True)
class Media:
    alt: str = ""


@dataclass(frozen=True)
class Draft:
    """One post to review. Only `text` is required."""

    text: str
    network: str = "linkedin"
    date: dt.date | None = None  # None: "today" in the policy's time zone
    author: Author = field(default_factory=Author)
    media: tuple[Media, ...] = ()
    id: str | None = None
    incentivized: bool = False
    limits: dict[str, int] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: Any) -> Draft:
        """Build a draft from the contract's JSON shape, naming any field that is wrong."""
        if not isinstance(data, dict):
            raise DraftError("a draft must be a JSON object")
        draft_id = data.get("id")
        if draft_id is not None and not isinstance(draft_id, (str, int)):
            raise DraftError("'id' must be a string")
        text = data.get("text")
        if not isinstance(text, str):
            raise DraftError("'text' is required and must be a string")
        network = data.get("network", "linkedin")
        if network is None:
            network = "linkedin"
        if not isinstance(network, str) or network.lower() not in NETWORKS:
            raise DraftError(f"'network' must be one of {', '.join(NETWORKS)}; got {network!r}")
        date = data.get("date")
        parsed_date: dt.date | None = None
        if date is not None:
            if not isinstance(date, str):
                raise DraftError("'date' must be a string like 2026-12-01")
            try:
                parsed_date = dt.date.fromisoformat(date)
            except ValueError:
                raise DraftError(
                    f"'date' must be an ISO date like 2026-12-01; got {date!r}"
                ) from None
        author_data = data.get("author") or {}
        if not isinstance(author_data, dict):
            raise DraftError("'author' must be an object")
        for flag in ("spokesperson", "regulated"):
            if flag in author_data and not isinstance(author_data[flag], bool):
                raise DraftError(f"'author.{flag}' must be true or false")
        for key in ("name", "title"):
            if author_data.get(key) is not None and not isinstance(author_data[key], str):
                raise DraftError(f"'author.{key}' must be a string")
        author = Author(
            name=author_data.get("name") or "",
            title=author_data.get("title") or "",
            spokesperson=bool(author_data.get("spokesperson", False)),
            regulated=bool(author_data.get("regulated", False)),
        )
        media_data = data.get("media") or []
        if not isinstance(media_data, list):
            raise DraftError("'media' must be a list of objects with an 'alt' text")
        media = []
        for i, item in enumerate(media_data):
            if not isinstance(item, dict):
                raise DraftError(f"'media[{i}]' must be an object")
            alt = item.get("alt", "")
            if alt is None:
                alt = ""
            if not isinstance(alt, str):
                raise DraftError(f"'media[{i}].alt' must be a string")
            media.append(Media(alt=alt))
        incentivized = data.get("incentivized", False)
        if not isinstance(incentivized, bool):
            raise DraftError("'incentivized' must be true or false")
        limits = data.get("limits") or {}
        if not isinstance(limits, dict) or not all(
            isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) and v > 0
            for k, v in limits.items()
        ):
            raise DraftError("'limits' must map network names to positive whole numbers")
        return cls(
            text=text,
            network=network.lower(),
            date=parsed_date,
            author=author,
            media=tuple(media),
            id=None if draft_id is None else str(draft_id),
            incentivized=incentivized,
            limits={k.lower(): v for k, v in limits.items()},
        )


@dataclass(frozen=True)
class Fix:
    start: int
    end: int
    replacement: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "replacement": self.replacement}


@dataclass
class Finding:
    """One thing the engine noticed, pointing at `text[start:end]`."""

    rule: str
    severity: str
    start: int
    end: int
    excerpt: str
    message: str
    guideline: str = ""
    fix: Fix | None = None
    # True when a language model's second opinion added this finding.
    from_second_opinion: bool = False
    # How sure the engine is (1.0 for validated patterns). Semantic rules use it
    # to mark borderline findings for the second opinion.
    confidence: float = 1.0
    # The severity before the protected-activity downgrade, kept for the author.
    downgraded_from: str | None = None
    # A company's custom rule marked `hard: true` is never downgraded.
    hard: bool = False

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
            "excerpt": self.excerpt,
            "message": self.message,
            "guideline": self.guideline,
            "fix": self.fix.to_dict() if self.fix else None,
        }
        if self.downgraded_from:
            out["downgraded_from"] = self.downgraded_from
        if self.from_second_opinion:
            out["source"] = "second_opinion"
        return out


@dataclass
class Review:
    id: str | None
    verdict: str
    findings: list[Finding]
    policy: dict[str, str]
    language: str
    second_opinion: str = "off"
    # True when protected.concerted-activity was found: the review is private to
    # its author and must never be reported to anyone else.
    protected: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "verdict": self.verdict,
            "findings": [f.to_dict() for f in self.findings],
            "policy": dict(self.policy),
            "language": self.language,
            "second_opinion": self.second_opinion,
            "protected": self.protected,
        }


def verdict_of(findings: list[Finding]) -> str:
    severities = {f.severity for f in findings}
    if "block" in severities:
        return "block"
    if "warn" in severities:
        return "warn"
    return "clear"
