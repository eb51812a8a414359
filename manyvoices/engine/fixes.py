"""Applying suggested fixes to a draft's text (clarifications.md).

Fixes are applied from the end of the text backwards, so earlier offsets stay
valid; a fix that overlaps one already applied is skipped. Additions at the very
end of the text (a disclosure tag, a disclaimer) overlap nothing, so each
distinct one is applied, in the order the findings give them.
"""

from __future__ import annotations

from collections.abc import Iterable

from .types import Finding, Fix


def plan_fixes(text: str, fixes: Iterable[Finding | Fix]) -> list[Fix]:
    """The fixes `apply_fixes` applies, in text order (additions at the end last).

    Fixes whose span is not a slice of `text` are dropped; of fixes that overlap, the
    one nearer the end of the text wins (the first given, for equal spans).
    """
    n = len(text)
    edits = [f.fix if isinstance(f, Finding) else f for f in fixes]
    valid = [e for e in edits if e is not None and 0 <= e.start <= e.end <= n]
    appended: list[Fix] = []
    others: list[Fix] = []
    for fix in valid:
        if fix.start == fix.end == n:
            if all(a.replacement != fix.replacement for a in appended):
                appended.append(fix)
        else:
            others.append(fix)
    chosen: list[Fix] = []
    applied_from = n + 1  # the lowest start applied so far
    # sorted() is stable, so with reverse=True equal spans keep the order given.
    for fix in sorted(others, key=lambda e: (e.start, e.end), reverse=True):
        if fix.end > applied_from:
            continue  # overlaps a fix already applied
        if fix.start == fix.end == applied_from:
            continue  # an insertion where an applied fix starts: ambiguous order
        chosen.append(fix)
        applied_from = fix.start
    chosen.reverse()
    return chosen + appended


def apply_fixes(text: str, fixes: Iterable[Finding | Fix]) -> str:
    """The text with every applicable fix applied (see `plan_fixes`)."""
    parts: list[str] = []
    pos = 0
    for fix in plan_fixes(text, fixes):
        parts.append(text[pos : fix.start])
        parts.append(fix.replacement)
        pos = fix.end
    parts.append(text[pos:])
    return "".join(parts)
