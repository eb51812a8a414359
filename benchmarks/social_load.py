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
    wait_until_up,
)

from tests.pgcluster import (  # noqa: E402
    PostgresUnavailable,
    ThrowawayCluster,
    check_reachable,
    create_database,
    redact,
)

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
) -> Result:
    start = time.monotonic() + 0.5
    measure_from = start + warmup
    stop_at = measure_from + duration
    lock = threading.Lock()
    latencies: list[float] = []
    errors: list[str] = []

    def one_user(index: int, user: User) -> None:
        rng = random.Random(index)
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        due = start + rng.uniform(0, 1 / rate)
        while due < stop_at:
            pause = due - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            path, headers, must = scenario.next_request(user, rng)
            problem = None
            try:
                response, data = request(conn, "GET", path, None, headers)
                if response.status != 200:
                    problem = f"{path}: HTTP {response.status}: {data[:160]!r}"
                elif must not in data and not (b"Nothing here yet" in data or b"No posts" in data):
                    problem = f"{path}: 200 without {must!r}: {data[:160]!r}"
                elif isinstance(scenario, Feed):
                    scenario.seen(user, data)
            except Exception as exc:  # a load test counts every kind of failure
                conn.close()
                problem = f"{type(exc).__name__}: {exc}"
            elapsed_ms = (time.monotonic() - due) * 1000
            if due >= measure_from:
                with lock:
                    if problem is None:
                        latencies.append(elapsed_ms)
                    else:
                        errors.append(problem)
            due += rng.uniform(0.8, 1.2) / rate
        conn.close()

    threads = [
        threading.Thread(target=one_user, args=(i, u), daemon=True) for i, u in enumerate(users)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=warmup + duration + 120)
    return Result(scenario.name, latencies, len(errors), errors[:5], duration)


def report(
    results: list[Result], sizes: dict[str, int], load_seconds: float, args: argparse.Namespace
) -> bool:
    print()
    print(
        f"Figures for {sizes['employees']:,} employees, {sizes['posts']:,} posts, "
        f"{sizes['comments']:,} comments (scale {args.scale:g}; loaded in {load_seconds:.0f} s)"
    )
    print(
        f"{args.users} users, each ~{args.rate:g} request/s, {args.duration:g} s measured after "
        f"{args.warmup:g} s warm-up; gunicorn {args.workers} sync workers on {os.cpu_count()} "
        "cores, PostgreSQL and the load generator on the same machine"
    )
    print(
        f"{'scenario':10} {'requests':>8} {'req/s':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
        f"{'max ms':>7} {'errors':>6}  {'target':14} mark"
    )
    ok = True
    for r in results:
        target = TARGETS[r.name]
        passed = r.errors == 0 and r.pct(95) <= target
        ok &= passed
        print(
            f"{r.name:10} {len(r.latencies_ms) + r.errors:8d} {r.rate:6.1f} {r.pct(50):7.1f} "
            f"{r.pct(95):7.1f} {r.pct(99):7.1f} {max(r.latencies_ms or [0]):7.1f} {r.errors:6d}  "
            f"p95 <= {target:g} ms  {'PASS' if passed else 'MISS'}"
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
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    if not 0 < args.scale <= 1:
        raise SystemExit("social_load: --scale must be more than 0 and at most 1")
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
        database_url = create_database(server_url, "manyvoices_social_bench")
        # JIT compiling pays off for long reports, not for 5 ms page queries (it can add a
        # second to a query whose cost the planner overestimates): off, as we advise.
        import psycopg

        with psycopg.connect(database_url, autocommit=True) as conn:
            conn.execute("ALTER DATABASE manyvoices_social_bench SET jit = off")
        print(f"PostgreSQL: {redact(database_url)}" + (" (throwaway cluster)" if cluster else ""))
        env = app_environment(database_url, data_dir)
        manage = [sys.executable, "-m", "manyvoices.manage"]
        run([*manage, "migrate", "--noinput", "-v", "0"], env, "migrate")
        run([*manage, "collectstatic", "--noinput", "-v", "0"], env, "collectstatic")
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
                )
            )
        ok = report(results, sizes, load_seconds, args)
        if args.json:
            args.json.write_text(
                json.dumps(
                    {
                        "sizes": sizes,
                        "load_seconds": load_seconds,
                        **{
                            r.name: {
                                "requests": len(r.latencies_ms) + r.errors,
                                "p50_ms": r.pct(50),
                                "p95_ms": r.pct(95),
                                "p99_ms": r.pct(99),
                                "errors": r.errors,
                                "target_p95_ms": TARGETS[r.name],
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
