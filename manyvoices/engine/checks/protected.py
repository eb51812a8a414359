"""`protected.concerted-activity`: not written yet (see the catalogue entry in catalogue.py)."""

from __future__ import annotations

from ..context import Context
from ..types import Finding

RULES = ("protected.concerted-activity",)


def check(ctx: Context) -> list[Finding]:
    return []
