"""Neutral replacement words for fixes, in the language the draft is reviewed in.

A fix is text the author will post, so it is written in their language; the
finding's message stays in English like every other message of the engine.
"""

from __future__ import annotations

from ..context import Context


def in_language(ctx: Context, table: dict[str, str]) -> str:
    """`table[lang]` for the draft's language, falling back to English."""
    return table.get(ctx.reviewed_language, table["en"])
