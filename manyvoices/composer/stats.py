"""Review statistics for compliance: counts only, never drafts, never authors, and never
anything from a review that found protected activity (those are not even recorded)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.utils import timezone

from manyvoices.engine.catalogue import RULES

from .models import Dismissal, ReviewStat

# A department with only a few reviews would let a reader guess whose they were.
MIN_GROUP = 5
OTHER = "Other departments (small groups)"


def review_statistics(days: int = 30) -> dict[str, Any]:
    """Counts compliance may see: verdicts and rules of non-protected reviews, and dismissals
    per rule (never those of protected reviews). No text, no author."""
    since = timezone.now() - dt.timedelta(days=days)
    stats = ReviewStat.objects.filter(created_at__gte=since)
    verdicts: Counter[str] = Counter()
    rules: Counter[str] = Counter()
    departments: Counter[str] = Counter()
    total = 0
    for verdict, rule_list, department in stats.values_list("verdict", "rules", "department"):
        total += 1
        verdicts[verdict] += 1
        departments[department or "(no department)"] += 1
        for rule in {r[0] for r in rule_list}:
            rules[rule] += 1
    dismissals = Dismissal.objects.filter(created_at__gte=since).counts_by_rule()
    for row in dismissals:
        spec = RULES.get(row["rule"])
        row["title"] = spec.title if spec else row["rule"]
    return {
        "days": days,
        "total": total,
        "verdicts": [(v, verdicts.get(v, 0)) for v in ("clear", "warn", "block")],
        "rules": [(r, RULES[r].title if r in RULES else r, n) for r, n in rules.most_common()],
        "departments": _fold_small_groups(departments),
        "dismissals": dismissals,
    }


def _fold_small_groups(counts: Counter[str]) -> list[tuple[str, int]]:
    """Departments with at least MIN_GROUP reviews by name; the rest added up together (and
    left out altogether if even that sum is below MIN_GROUP)."""
    shown = sorted((d, n) for d, n in counts.items() if n >= MIN_GROUP)
    rest = sum(n for n in counts.values() if n < MIN_GROUP)
    if rest >= MIN_GROUP:
        shown.append((OTHER, rest))
    return shown
