"""Applying suggested fixes to a draft's text (clarifications.md).

Fixes are applied from the end of the text backwards, so earlier offsets stay
valid; a fix that overlaps one already applied is skipped.
"""

from __future__ import annotations

from collections.abc import Iterable

from .types import Finding, Fix


def apply_fixes(text: str, fixes: Iterable[Finding | Fix]) -> str:
    edits = [f.fix if isinstance(f, Finding) else f for f in fixes]
    ordered = sorted(
        (e for e in edits if e is not None), key=lambda e: (e.start, e.end), reverse=True
    )
    applied_from = len(text) + 1  # the lowest start applied so far
    for fix in ordered:
        if fix.end > applied_from or fix.start < 0 or fix.end > len(text):
            continue
        if fix.end == fix.start == applied_from and fix.start != len(text):
            continue
        text = text[: fix.start] + fix.replacement + text[fix.end :]
        applied_from = fix.start
    return text
