"""Load benchmark of the internal network: a large organisation on PostgreSQL, gunicorn with
production settings, the feed and search under concurrent users on loopback.

    pip install -e '.[dev,server]'
    python3 benchmarks/social_load.py                 # full size: ~15 min to load, 2 min to run
    python3 benchmarks/social_load.py --scale 0.05    # 5,000 employees: a quick run

What it does, start to end:

1. starts a throwaway PostgreSQL cluster (fsync on; as in benchmarks/web_load.py, whose
   helpers it reuses) or uses `--database-url` (the database `manyvoices_social_bench`
   is dropped and recreated);
2. migrates, loads the demo company (for its published guidelines), then
   `manyvoices manage generate_org` with 100,000 employees, 1,000,000 posts and
   3,000,000 comments times `--scale` (the load time is printed);
3. starts gunicorn (`--workers`, sync workers, `--preload`) on 127.0.0.1 with production
   settings except the HTTPS redirect (loopback has no TLS);
4. signs `--users` generated employees in through the real sign-in form;
5. runs two scenarios one after the other, each user sending about `--rate` requests per
   second (interval uniform within +-20% of 1/rate, random phase) for `--warmup` seconds
   (not counted) then `--duration` seconds:
   - the feed: `GET /network/`, the whole page (posts of the people, communities and
     tags the user follows, visibility included), then, one time in three, the next page
     as htmx asks for it when one scrolls (`GET /network/?cursor=...`, HX-Request);
   - search: `GET /network/search/?q=...` with one or two topic words (posts, comments
     and people, each with the visibility rules in the query);
6. prints p50/p95/p99/max, errors and the achieved rate of each next to its target (feed
   p95 <= 100 ms, search p95 <= 150 ms) with PASS/MISS, and the organisation's size the
   figures are for.

Latency is measured from the moment a request was due (no coordinated omission). An error
is any exception, any status other than 200, or a body without what the page must hold.
Exit status 0 whatever the figures; `--check` exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from web_load import (  # noqa: E402  (the same server set-up as the web benchmark)
    HOST,
    Result,
    User,
    app_environment,
    free_port,
    request,
    run,
    sign_in,
    stop_server,
    users_at_rate,
    wait_until_up,
)

from tests.pgcluster import (  # noqa: E402
    PostgresUnavailable,
    ThrowawayCluster,
    check_reachable,
    create_database,
    redact,
    with_database,
)

DATABASE = "manyvoices_social_bench"
FULL = {"employees": 100_000, "posts": 1_000_000, "comments": 3_000_000}
TARGETS = {"feed": 100.0, "search": 150.0}
PASSWORD = "manyvoices"

SETUP_SCRIPT = """
import json, os, sys, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "manyvoices.settings")
django.setup()
from manyvoices.demo import load_demo
load_demo()
"""

IN_PROCESS = r"""
# One request at a time through the WSGI application, no HTTP and no queueing: the CPU
# a request costs in the app (this process) and in its PostgreSQL backend (read from
# /proc, same machine), its wall time and its SQL queries. These hardly move when other
# work shares the machine, unlike the latencies under load.
import io, json, os, random, re, sys, time, urllib.parse
import django
django.setup()
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from manyvoices.people.models import User
from manyvoices.wsgi import application

emails, words, n = json.loads(sys.stdin.read())
sessions = []
for user in User.objects.filter(email__in=emails):
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    sessions.append(store.session_key)
connection.ensure_connection()
with connection.cursor() as cursor:
    cursor.execute("SELECT pg_backend_pid()")
    backend = cursor.fetchone()[0]
tick = os.sysconf("SC_CLK_TCK")

def backend_cpu():
    try:
        fields = open(f"/proc/{backend}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / tick
    except OSError:
        return float("nan")

def start_response(status, headers, exc_info=None):
    start_response.status = status

def call(path, cookie, htmx=False):
    url = urllib.parse.urlsplit(path)
    env = {"REQUEST_METHOD": "GET", "PATH_INFO": url.path, "QUERY_STRING": url.query,
           "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1",
           "REMOTE_ADDR": "127.0.0.1", "wsgi.input": io.BytesIO(b""), "wsgi.url_scheme": "http",
           "wsgi.errors": sys.stderr, "SERVER_PROTOCOL": "HTTP/1.1",
           "HTTP_COOKIE": "sessionid=" + cookie}
    if htmx:
        env["HTTP_HX_REQUEST"] = "true"
    body = b"".join(application(env, start_response))
    if not start_response.status.startswith("200"):
        raise SystemExit(f"{path}: {start_response.status}")
    return body

rng = random.Random(7)
cursors = {}
def feed_first(i):
    s = sessions[i % len(sessions)]
    body = call("/network/", s)
    found = re.search(rb'\?cursor=([^"&]+)"', body)
    if found:
        cursors[s] = urllib.parse.unquote(found.group(1).decode())
def feed_next(i):
    s = sessions[i % len(sessions)]
    if s in cursors:
        call("/network/?cursor=" + urllib.parse.quote(cursors[s]), s, htmx=True)
def search(i):
    q = " ".join(rng.sample(words, rng.choice((1, 1, 2))))
    call("/network/search/?" + urllib.parse.urlencode({"q": q}), sessions[i % len(sessions)])

out = {}
for name, fn in (("feed", feed_first), ("feed next page", feed_next), ("search", search)):
    for i in range(min(n, len(sessions))):  # warm: caches, the first query plans
        fn(i)
    connection.force_debug_cursor = True
    connection.queries_log.clear()
    walls = []
    queries = 0
    cpu, db = time.process_time(), backend_cpu()
    for i in range(n):
        t = time.perf_counter()
        fn(i)
        walls.append((time.perf_counter() - t) * 1000)
        queries += len(connection.queries_log)  # emptied as each request starts
    app_cpu = (time.process_time() - cpu) / n * 1000
    db_cpu = (backend_cpu() - db) / n * 1000
    queries /= n
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        if cursor.fetchone()[0] != backend:  # the app reconnected: another backend's CPU
            db_cpu = float("nan")
    connection.force_debug_cursor = False
    walls.sort()
    out[name] = {"app_cpu_ms": app_cpu, "db_cpu_ms": db_cpu, "queries": queries,
                 "wall_p50_ms": walls[len(walls) // 2],
                 "wall_p95_ms": walls[int(len(walls) * 0.95)]}
print(json.dumps(out))
"""

PICK_USERS = """
import json, os, sys, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "manyvoices.settings")
django.setup()
from manyvoices.people.models import User
n = int(sys.argv[1])
emails = list(User.objects.filter(email__endswith="@bigcorp.example").order_by("?")
              .values_list("email", flat=True)[:n])
print(json.dumps(emails))
"""


SIZES = """
import json, os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "manyvoices.settings")
django.setup()
from manyvoices.people.models import User
from manyvoices.social.models import Comment, Post
print(json.dumps({"employees": User.objects.filter(email__endswith="@bigcorp.example").count(),
                  "posts": Post.objects.count(), "comments": Comment.objects.count()}))
"""


def topics() -> list[str]:
    from manyvoices.social.vocabulary import TOPICS

    return list(TOPICS)


@dataclass
class Scenario:
    name: str

    def next_request(self, user: User, rng: random.Random) -> tuple[str, dict[str, str], bytes]:
        raise NotImplementedError


class Feed(Scenario):
    """The feed page; one time in three the next page, as htmx fetches it on scrolling."""

    def __init__(self) -> None:
        super().__init__("feed")
        self.cursors: dict[str, str] = {}

    def next_request(self, user: User, rng: random.Random) -> tuple[str, dict[str, str], bytes]:
        headers = {"Cookie": user.cookie_header()}
        cursor = self.cursors.get(user.email)
        if cursor and rng.random() < 1 / 3:
            headers["HX-Request"] = "true"
            return f"/network/?cursor={urllib.parse.quote(cursor)}", headers, b'class="post-card"'
        return "/network/", headers, b'id="feed"'

    def seen(self, user: User, body: bytes) -> None:
        found = re.search(rb"\?cursor=([^\"&]+)\"", body)
        if found:
            self.cursors[user.email] = urllib.parse.unquote(found.group(1).decode())


class Search(Scenario):
    def __init__(self) -> None:
        super().__init__("search")
        self.words = topics()

    def next_request(self, user: User, rng: random.Random) -> tuple[str, dict[str, str], bytes]:
        words = rng.sample(self.words, rng.choice((1, 1, 2)))
        q = urllib.parse.urlencode({"q": " ".join(words)})
        return f"/network/search/?{q}", {"Cookie": user.cookie_header()}, b"<h2>Posts</h2>"


def run_scenario(
    scenario: Scenario,
    port: int,
    users: list[User],
    *,
    rate: float,
    warmup: float,
    duration: float,
    app_pid: int,
    db_pid: int | None,
) -> Result:
    def send(conn: http.client.HTTPConnection, user: User, rng: random.Random) -> str | None:
        path, headers, must = scenario.next_request(user, rng)
        response, data = request(conn, "GET", path, None, headers)
        if response.status != 200:
            return f"{path}: HTTP {response.status}: {data[:160]!r}"
        if must not in data and not (b"Nothing here yet" in data or b"No posts" in data):
            return f"{path}: 200 without {must!r}: {data[:160]!r}"
        if isinstance(scenario, Feed):
            scenario.seen(user, data)
        return None

    return users_at_rate(
        scenario.name,
        port,
        users,
        send,
        rate=rate,
        warmup=warmup,
        duration=duration,
        app_pid=app_pid,
        db_pid=db_pid,
    )


def postmaster_pid(database_url: str) -> int | None:
    """The PostgreSQL server's main process when it runs on this machine (the parent of
    our backend), so its CPU can be read from /proc; None otherwise."""
    import psycopg

    try:
        with psycopg.connect(database_url) as conn:
            backend = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
            status = Path(f"/proc/{backend}/status").read_text()
    except (OSError, psycopg.Error):
        return None
    found = re.search(r"^PPid:\s+(\d+)", status, re.M)
    return int(found.group(1)) if found else None


def server_cpu(r: Result) -> str:
    """gunicorn's CPU per request sent over the run (warm-up included), and PostgreSQL's
    when its processes are on this machine."""
    sent = max(1, r.sent)
    app = r.app_cpu / sent * 1000
    if r.db_cpu is None:
        return f"{app:.1f} (app)"
    db = r.db_cpu / sent * 1000
    return f"{app + db:.1f} (app {app:.1f} + PostgreSQL {db:.1f})"


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def report(
    results: list[Result],
    sizes: dict[str, int],
    load_seconds: float | None,
    args: argparse.Namespace,
    in_process: dict[str, dict[str, float]],
) -> bool:
    print()
    loaded = (
        f"scale {args.scale:g}; loaded in {load_seconds:.0f} s"
        if load_seconds is not None
        else "reused from an earlier run"
    )
    print(
        f"Figures for {sizes['employees']:,} employees, {sizes['posts']:,} posts, "
        f"{sizes['comments']:,} comments ({loaded})"
    )
    if in_process:
        print(
            f"In process, one request at a time ({args.in_process} of each): "
            "CPU of the app and of its PostgreSQL backend, wall time, SQL queries"
        )
        print(
            f"{'request':16} {'app CPU ms':>10} {'db CPU ms':>9} {'wall p50':>8} "
            f"{'wall p95':>8} {'queries':>7}"
        )
        for name, f in in_process.items():
            print(
                f"{name:16} {f['app_cpu_ms']:10.1f} {f['db_cpu_ms']:9.1f} {f['wall_p50_ms']:8.1f} "
                f"{f['wall_p95_ms']:8.1f} {f['queries']:7.1f}"
            )
    print(
        f"{args.users} users, each ~{args.rate:g} request/s, {args.duration:g} s measured after "
        f"{args.warmup:g} s warm-up; gunicorn {args.workers} sync workers on {os.cpu_count()} "
        "cores, PostgreSQL and the load generator on the same machine"
    )
    print(
        f"{'scenario':10} {'requests':>8} {'req/s':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
        f"{'max ms':>7} {'errors':>6}  {'target':14} mark  server CPU ms/request"
    )
    ok = True
    for r in results:
        target = TARGETS[r.name]
        passed = r.errors == 0 and r.pct(95) <= target
        ok &= passed
        print(
            f"{r.name:10} {len(r.latencies_ms) + r.errors:8d} {r.rate:6.1f} {r.pct(50):7.1f} "
            f"{r.pct(95):7.1f} {r.pct(99):7.1f} {max(r.latencies_ms or [0]):7.1f} {r.errors:6d}  "
            f"p95 <= {target:g} ms  {'PASS' if passed else 'MISS'}  {server_cpu(r)}"
        )
        for sample in r.error_samples:
            print(f"    error: {sample[:200]}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full size")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--rate", type=float, default=1.0, help="requests/s per user")
    parser.add_argument("--duration", type=float, default=60.0, help="measured seconds")
    parser.add_argument("--warmup", type=float, default=10.0, help="uncounted seconds first")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--database-url", help="a PostgreSQL server instead of a throwaway one")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="with --database-url: measure the organisation generated there by an earlier "
        "run (its database is kept) instead of generating one",
    )
    parser.add_argument(
        "--in-process", type=int, default=100, help="requests of each kind timed one at a time"
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    if not 0 < args.scale <= 1:
        raise SystemExit("social_load: --scale must be more than 0 and at most 1")
    if args.reuse and not args.database_url:
        raise SystemExit("social_load: --reuse needs --database-url (a kept database)")
    if shutil.which("gunicorn") is None:
        import importlib.util

        if importlib.util.find_spec("gunicorn") is None:
            raise SystemExit("social_load: gunicorn is not installed (pip install -e '.[server]')")
    sizes = {k: max(1, int(v * args.scale)) for k, v in FULL.items()}

    cluster = None
    server = None
    data_dir = Path(tempfile.mkdtemp(prefix="manyvoices-social-load-"))
    try:
        if args.database_url:
            check_reachable(args.database_url)
            server_url = args.database_url
        else:
            cluster = ThrowawayCluster(durable=True)
            server_url = cluster.start()
        if args.reuse:
            database_url = with_database(server_url, DATABASE)
            check_reachable(database_url)
        else:
            database_url = create_database(server_url, DATABASE)
        # JIT compiling pays off for long reports, not for 5 ms page queries (it can add a
        # second to a query whose cost the planner overestimates): off, as we advise.
        import psycopg

        with psycopg.connect(database_url, autocommit=True) as conn:
            conn.execute(f"ALTER DATABASE {DATABASE} SET jit = off")
        print(f"PostgreSQL: {redact(database_url)}" + (" (throwaway cluster)" if cluster else ""))
        env = app_environment(database_url, data_dir)
        manage = [sys.executable, "-m", "manyvoices.manage"]
        run([*manage, "migrate", "--noinput", "-v", "0"], env, "migrate")
        run([*manage, "collectstatic", "--noinput", "-v", "0"], env, "collectstatic")
        load_seconds = None
        if args.reuse:
            sizes = json.loads(run([sys.executable, "-c", SIZES], env, "sizes"))
            if not sizes["posts"]:
                raise SystemExit(f"social_load: no organisation in {redact(database_url)}")
            print(f"reusing the organisation in {DATABASE} (generated by an earlier run)")
        else:
            run([sys.executable, "-c", SETUP_SCRIPT], env, "demo set-up")
            print(
                f"generating {sizes['employees']:,} employees, {sizes['posts']:,} posts, "
                f"{sizes['comments']:,} comments ...",
                flush=True,
            )
            began = time.monotonic()
            generated = subprocess.run(
                [
                    *manage,
                    "generate_org",
                    f"--employees={sizes['employees']}",
                    f"--posts={sizes['posts']}",
                    f"--comments={sizes['comments']}",
                    f"--password={PASSWORD}",
                ],
                env=env,
                cwd=ROOT,
                check=False,
            )
            if generated.returncode != 0:
                raise SystemExit("social_load: generate_org failed")
            load_seconds = time.monotonic() - began
            print(f"loaded in {load_seconds:.0f} s", flush=True)
        emails = json.loads(run([sys.executable, "-c", PICK_USERS, str(args.users)], env, "pick"))
        in_process = {}
        if args.in_process > 0:
            print(f"in process: {args.in_process} requests of each kind, one at a time ...")
            done = subprocess.run(
                [sys.executable, "-c", IN_PROCESS],
                input=json.dumps([emails, topics(), args.in_process]),
                env=env,
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0:
                raise SystemExit(f"social_load: in-process run failed:\n{done.stderr[-3000:]}")
            in_process = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"load average before the load: {load_average()}")

        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "manyvoices.wsgi:application",
                "--bind",
                f"{HOST}:{port}",
                "--workers",
                str(args.workers),
                "--worker-class",
                "sync",
                "--preload",
                "--log-level",
                "warning",
                "--timeout",
                "60",
                "--backlog",
                "2048",
            ],
            env=env,
            cwd=ROOT,
            start_new_session=True,
        )
        wait_until_up(port, server)
        print(f"gunicorn on http://{HOST}:{port} ({args.workers} workers)")
        users = [User(email=e, token="") for e in emails]
        for i in range(0, len(users), 8):  # a few at a time: each hashes a password
            batch = [
                threading.Thread(target=sign_in, args=(port, u, PASSWORD)) for u in users[i : i + 8]
            ]
            for t in batch:
                t.start()
            for t in batch:
                t.join()
        missing = [u.email for u in users if "sessionid" not in u.cookies]
        if missing:
            raise SystemExit(f"social_load: sign-in failed for {missing[:3]}")
        print(f"{len(users)} sessions signed in.")

        db_pid = postmaster_pid(database_url)
        results = []
        for scenario in (Feed(), Search()):
            print(f"running: {scenario.name} ...", flush=True)
            results.append(
                run_scenario(
                    scenario,
                    port,
                    users,
                    rate=args.rate,
                    warmup=args.warmup,
                    duration=args.duration,
                    app_pid=server.pid,
                    db_pid=db_pid,
                )
            )
        print(f"load average after the load: {load_average()}")
        ok = report(results, sizes, load_seconds, args, in_process)
        if args.json:
            args.json.write_text(
                json.dumps(
                    {
                        "sizes": sizes,
                        "load_seconds": load_seconds,
                        "in_process": in_process,
                        **{
                            r.name: {
                                "requests": len(r.latencies_ms) + r.errors,
                                "p50_ms": r.pct(50),
                                "p95_ms": r.pct(95),
                                "p99_ms": r.pct(99),
                                "errors": r.errors,
                                "target_p95_ms": TARGETS[r.name],
                                "app_cpu_ms_per_request": r.app_cpu / max(1, r.sent) * 1000,
                                "db_cpu_ms_per_request": None
                                if r.db_cpu is None
                                else r.db_cpu / max(1, r.sent) * 1000,
                            }
                            for r in results
                        },
                    },
                    indent=2,
                )
            )
        return 1 if args.check and not ok else 0
    except PostgresUnavailable as exc:
        raise SystemExit(f"social_load: PostgreSQL is not available: {exc}") from None
    finally:
        if server is not None:
            stop_server(server)
        if cluster is not None:
            cluster.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
