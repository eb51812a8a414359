"""`confidential.marker`: not written yet (see the catalogue entry in catalogue.py)."""

from __future__ import annotations

from ..context import Context
from ..types import Finding

RULES = ("confidential.marker",)


def check(ctx: Context) -> list[Finding]:
    return []
