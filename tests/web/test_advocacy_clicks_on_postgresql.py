"""Many concurrent requests to one short link, on PostgreSQL, over real connections: every
request is answered with the redirect, and the stored clicks are exactly the requests
made (humans counted as humans, bots as bots).

The app runs in its own process (Django's threaded WSGI server serving
`manyvoices.wsgi.application`, the production entry point with its short-link fast
path; one thread and one database connection per request) against a PostgreSQL
database: the server named by MANYVOICES_TEST_POSTGRES_URL, else a throwaway cluster.
Skipped without PostgreSQL (a failure under MANYVOICES_REQUIRE_ALL=1).
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import ROOT, postgres_server
from tests.pgcluster import (
    create_database,
)

from .advocacy_helpers import BROWSER_UA, PREVIEW_UA

HUMANS = 400
BOTS = 100
THREADS = 40

SETUP = """
import django, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "manyvoices.settings")
django.setup()
from manyvoices.advocacy.models import Share, Shareable
from manyvoices.people.models import User
user = User.objects.create_user("alice@globodyne.example", "x", department="Engineering")
item = Shareable.objects.create(kind="link", title="T", url="https://globodyne.example/a")
share = Share.objects.create(shareable=item, user=user, network="x", text="t", verdict="clear")
print(share.code)
"""

# `runserver` listens with Django's backlog of 10: forty simultaneous connections overflow
# it, and on a busy machine an overflowed handshake can leave a request unanswered for
# minutes. The same threaded server with a deep backlog tests what this file is about.
SERVE = """
import os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "manyvoices.settings")
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from manyvoices.wsgi import application

class Server(ThreadedWSGIServer):
    request_queue_size = 256

httpd = Server(("127.0.0.1", int(sys.argv[1])), WSGIRequestHandler)
httpd.set_app(application)
httpd.serve_forever()
"""


@pytest.fixture(scope="module")
def server_url() -> Iterator[str]:
    with postgres_server() as url:
        yield url


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(port: int, path: str, agent: str) -> int:
    # Generous: this test proves every click is stored, not how fast (benchmarks do that).
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request("GET", path, headers={"User-Agent": agent})
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def test_concurrent_requests_to_one_short_link_are_all_stored(
    server_url: str, tmp_path: Path
) -> None:
    import psycopg

    db_url = create_database(server_url, "manyvoices_clicks")
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "MANYVOICES_ENV": "development",
        "MANYVOICES_DEBUG": "0",
        "MANYVOICES_DATA_DIR": str(tmp_path),
    }
    run = {"env": env, "cwd": ROOT, "capture_output": True, "text": True, "timeout": 300}
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"], check=False, **run
    )
    assert migrate.returncode == 0, migrate.stderr[-2000:]
    setup = subprocess.run([sys.executable, "-c", SETUP], check=False, **run)
    assert setup.returncode == 0, setup.stderr[-2000:]
    code = setup.stdout.strip().splitlines()[-1]

    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", SERVE, str(port)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("the server did not start")
                time.sleep(0.2)
        # Load the app's code once (URLs, views) with a link that stores nothing.
        assert _get(port, "/l/nothing", BROWSER_UA) == 404
        agents = [BROWSER_UA] * HUMANS + [PREVIEW_UA] * BOTS
        with ThreadPoolExecutor(THREADS) as pool:
            statuses = list(pool.map(lambda a: _get(port, f"/l/{code}", a), agents))
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert Counter(statuses) == {302: HUMANS + BOTS}
    with psycopg.connect(db_url) as conn:
        rows = dict(
            conn.execute("SELECT is_bot, count(*) FROM advocacy_click GROUP BY is_bot").fetchall()
        )
        engine = conn.execute("SELECT version()").fetchone()[0]
    assert engine.startswith("PostgreSQL")
    assert rows == {False: HUMANS, True: BOTS}
