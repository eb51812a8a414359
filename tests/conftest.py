"""Shared test helpers: where shared/ is, and skip (or fail) when a real component is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def require_all() -> bool:
    """In CI every real component must be there: a skip for a missing one is a failure."""
    return os.environ.get("MANYVOICES_REQUIRE_ALL") == "1"


def skip_or_fail(reason: str) -> None:
    if require_all():
        pytest.fail(f"MANYVOICES_REQUIRE_ALL=1 but {reason}")
    pytest.skip(reason)
