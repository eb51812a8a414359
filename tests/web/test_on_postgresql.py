"""The whole web test suite passes on PostgreSQL, not only on SQLite.

The suite runs again in a subprocess with `DATABASE_URL` pointing at PostgreSQL: the
server named by MANYVOICES_TEST_POSTGRES_URL (`.ci/run` starts Debian's cluster and sets
it), else a throwaway cluster started from the machine's PostgreSQL binaries. With
neither, the test skips (and fails under MANYVOICES_REQUIRE_ALL=1).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, postgres_server
from tests.pgcluster import (
    URL_VARIABLE,
    create_database,
    redact,
)

HERE = Path(__file__).resolve()


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    """A database on a PostgreSQL server whose role may create the test database."""
    with postgres_server() as url:
        # A server of one's own (CI's) is used as named; a throwaway one gets a database.
        yield (
            url if os.environ.get(URL_VARIABLE, "").strip() else create_database(url, "manyvoices")
        )


def test_the_web_suite_passes_on_postgresql(postgres_url: str) -> None:
    env = {**os.environ, "DATABASE_URL": postgres_url}
    command = [
        sys.executable,
        "-m",
        "pytest",
        str(HERE.parent),
        f"--ignore={HERE}",  # not itself again
        "-p",
        "no:cacheprovider",
        "-q",
        "-x",
    ]
    # First prove the settings really pick PostgreSQL from DATABASE_URL, so a silent
    # fallback to SQLite cannot pass for a PostgreSQL run.
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', "
            "'manyvoices.settings'); django.setup(); from django.db import connection; "
            "print(connection.vendor)",
        ],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert probe.stdout.strip() == "postgresql", probe.stderr
    result = subprocess.run(
        command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=900, check=False
    )
    tail = "\n".join(result.stdout.splitlines()[-40:])
    assert result.returncode == 0, (
        f"the web suite failed on PostgreSQL ({redact(postgres_url)}):\n"
        f"{tail}\n{result.stderr[-2000:]}"
    )
    assert " passed" in tail and "error" not in tail.splitlines()[-1], tail
