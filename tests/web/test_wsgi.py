"""The WSGI module warms the review engine at import without touching the database, so
gunicorn can load it before forking its workers (--preload)."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT

CODE = """
import time
import manyvoices.wsgi
from django.db import connections
assert connections["default"].connection is None, "the warm-up opened a database connection"
from manyvoices.engine import Draft, parse_policy, review
policy = parse_policy(open("examples/acme.policy.yaml", encoding="utf-8").read())
text = "Wir haben heute die neue Suche veröffentlicht, schaut sie euch an!"
first = time.perf_counter()
review(Draft(text=text, network="linkedin"), policy)
print(time.perf_counter() - first)
"""


def test_importing_the_wsgi_module_warms_the_engine_without_a_database(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MANYVOICES_", "DATABASE"))}
    # Nothing listens there: any database access during the import would fail.
    env.update(
        DATABASE_URL="postgres://nobody@127.0.0.1:9/nowhere",
        MANYVOICES_DATA_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="manyvoices.settings",
    )
    done = subprocess.run(
        [sys.executable, "-c", CODE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    # The first review after the warm-up (a German one, with the Acme policy's matchers
    # still to build) costs tens of ms, not the ~1.5 s of loading the language detector
    # and the semantic model (generous margin for a busy machine).
    assert float(done.stdout.strip()) < 0.5, done.stdout
