"""Shared test helpers: where shared/ is, and skip (or fail) when a real component is absent."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
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


@contextlib.contextmanager
def postgres_server() -> Iterator[str]:
    """The URL of a PostgreSQL server whose role may create databases.

    The server named by MANYVOICES_TEST_POSTGRES_URL (`.ci/run` sets it), else a
    throwaway cluster from the machine's PostgreSQL binaries, stopped afterwards.
    With neither, the test skips (and fails under MANYVOICES_REQUIRE_ALL=1).
    """
    from tests.pgcluster import URL_VARIABLE, PostgresUnavailable, ThrowawayCluster, check_reachable

    url = os.environ.get(URL_VARIABLE, "").strip()
    if url:
        try:
            check_reachable(url)
        except PostgresUnavailable as exc:
            skip_or_fail(f"{URL_VARIABLE} is set but the server does not answer: {exc}")
        yield url
        return
    try:
        cluster = ThrowawayCluster()
        url = cluster.start()
    except PostgresUnavailable as exc:
        skip_or_fail(f"PostgreSQL is not available ({exc}); set {URL_VARIABLE} or install it")
    try:
        yield url
    finally:
        cluster.stop()
