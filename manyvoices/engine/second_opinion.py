"""An optional second opinion from a language model (placeholder until it is written).

Off unless MANYVOICES_LLM_URL is set.
"""

from __future__ import annotations

from typing import Any

from .context import Context
from .types import Finding


def default_client() -> Any | None:
    return None


def consult(client: Any, ctx: Context, findings: list[Finding]) -> tuple[list[Finding], str]:
    return findings, "off"
