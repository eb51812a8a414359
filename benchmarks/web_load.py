"""Load benchmark of the web app: PostgreSQL, gunicorn, production settings, on loopback.

    pip install -e '.[dev,server]'
    python3 benchmarks/web_load.py            # about 3 minutes

What it does, start to end:

1. starts a throwaway PostgreSQL cluster (initdb/pg_ctl in a temporary folder, fsync on,
   as the `postgres` user when run as root), or uses `--database-url` (a server whose
   role may create databases; the database `manyvoices_bench` is dropped and recreated);
2. migrates, loads the demo company (Acme), collects static files, issues one API token
   per simulated user (cycling over the demo people);
3. starts gunicorn (`--workers`, default 2 x cores + 1; sync workers; `--preload`) on
   127.0.0.1 with production settings (MANYVOICES_ENV=production, a random secret key,
   secure cookies, HSTS) except the HTTPS redirect, which is off: loopback has no TLS;
4. signs each simulated user in through the real sign-in form (session + CSRF cookie);
5. runs three scenarios one after the other, each with `--users` users that each send
   about `--rate` requests per second (an interval drawn uniformly within +-20% of
   1/rate, random phase) for `--warmup` seconds (not counted) then `--duration` seconds:
   - `POST /api/v1/review` with the user's bearer token and a draft as JSON,
   - the composer's live review, `POST /compose/review/` as htmx sends it (session
     cookie, X-CSRFToken, HX-Request, the form fields),
   - the public guidelines page, `GET /guidelines/`, not signed in;
6. prints p50/p95/p99/max, errors and the achieved rate of each, next to its target,
   with PASS/MISS.

Latency is measured from the moment a request was due, not from when it was sent, so a
load generator that falls behind cannot hide queueing (no coordinated omission). An
error is any exception, any status other than 200, or a body without what the page
must hold. The drafts are benchmarks/synthetic.py's (our own, ~300 characters, five
languages), never the evaluation corpus. Exit status 0 whatever the figures; `--check`
exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import json
import os
import random
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from tests.pgcluster import (  # noqa: E402  (after the path set-up)
    PostgresUnavailable,
    ThrowawayCluster,
    check_reachable,
    create_database,
    redact,
)

HOST = "127.0.0.1"

TARGETS = {  # scenario -> p95 target in ms; every scenario also targets zero errors
    "review API": 50.0,
    "composer htmx review": 50.0,
    "guidelines page": 30.0,
}

SETUP_SCRIPT = """
import json, sys
import django
django.setup()
from manyvoices.demo import load_demo, PEOPLE, DOMAIN
from manyvoices.api.models import ApiToken
from manyvoices.people.models import User
load_demo()
n = int(sys.argv[1])
emails = [f"{p[0]}@{DOMAIN}" for p in PEOPLE]
users = {u.email: u for u in User.objects.filter(email__in=emails)}
out = []
for i in range(n):
    email = emails[i % len(emails)]
    _token, secret = ApiToken.issue(users[email], f"load-{i}")
    out.append({"email": email, "token": secret})
print(json.dumps(out))
"""


# ---- HTTP ----------------------------------------------------------------------------


@dataclass
class User:
    email: str
    token: str
    cookies: dict[str, str] = field(default_factory=dict)

    def cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def remember(self, response: http.client.HTTPResponse) -> None:
        # The cookies are marked Secure (production settings); a browser would not send
        # them over plain HTTP, but the server does not check, and loopback has no TLS.
        for header in response.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                self.cookies[name] = morsel.value


def request(
    conn: http.client.HTTPConnection,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[http.client.HTTPResponse, bytes]:
    """One request on a kept connection; reconnect once if the server closed it."""
    for attempt in (1, 2):
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            data = response.read()
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
            return response, data
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
            conn.close()
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def sign_in(port: int, user: User, password: str) -> None:
    """Through the real sign-in form, then open the composer (as a person would)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    response, body = request(conn, "GET", "/accounts/login/")
    user.remember(response)
    marker = b'name="csrfmiddlewaretoken" value="'
    start = body.index(marker) + len(marker)
    form_token = body[start : body.index(b'"', start)].decode()
    form = urllib.parse.urlencode(
        {"username": user.email, "password": password, "csrfmiddlewaretoken": form_token}
    ).encode()
    response, body = request(
        conn,
        "POST",
        "/accounts/login/",
        form,
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": user.cookie_header(),
        },
    )
    user.remember(response)
    if response.status != 302 or "sessionid" not in user.cookies:
        raise RuntimeError(f"sign-in of {user.email} failed: {response.status} {body[:300]!r}")
    response, body = request(conn, "GET", "/compose/", headers={"Cookie": user.cookie_header()})
    user.remember(response)
    if response.status != 200:
        raise RuntimeError(f"{user.email} cannot open the composer: {response.status}")
    conn.close()


# ---- scenarios -----------------------------------------------------------------------


@dataclass
class Scenario:
    name: str
    method: str
    path: str
    must_contain: bytes

    def build(self, user: User, draft: dict[str, Any]) -> tuple[bytes | None, dict[str, str]]:
        raise NotImplementedError


class ReviewApi(Scenario):
    def build(self, user: User, draft: dict[str, Any]) -> tuple[bytes | None, dict[str, str]]:
        body = json.dumps({"text": draft["text"], "network": draft["network"]}).encode()
        return body, {
            "Authorization": f"Bearer {user.token}",
            "Content-Type": "application/json",
        }


class ComposerReview(Scenario):
    def build(self, user: User, draft: dict[str, Any]) -> tuple[bytes | None, dict[str, str]]:
        body = urllib.parse.urlencode({"text": draft["text"], "networks": draft["network"]})
        return body.encode(), {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": user.cookie_header(),
            "X-CSRFToken": user.cookies["csrftoken"],
            "HX-Request": "true",
            "HX-Target": "review",
            "HX-Current-URL": f"http://{HOST}/compose/",
        }


class GuidelinesPage(Scenario):
    def build(self, user: User, draft: dict[str, Any]) -> tuple[bytes | None, dict[str, str]]:
        return None, {}


@dataclass
class Result:
    name: str
    latencies_ms: list[float]
    errors: int
    error_samples: list[str]
    seconds: float
    sent: int = 0  # every request, warm-up included
    app_cpu: float = 0.0  # CPU seconds of gunicorn (master and workers) over the run
    db_cpu: float | None = None  # of the PostgreSQL server, when it is ours to watch

    def pct(self, p: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
        return ordered[index]

    @property
    def rate(self) -> float:
        return (len(self.latencies_ms) + self.errors) / self.seconds


def users_at_rate(
    name: str,
    port: int,
    users: list[User],
    send: Callable[[http.client.HTTPConnection, User, random.Random], str | None],
    *,
    rate: float,
    warmup: float,
    duration: float,
    app_pid: int,
    db_pid: int | None,
) -> Result:
    """Each user sends a request about every 1/rate s (intervals within +-20%, random
    phases) on a connection of its own, through `send` (which returns a problem or None);
    latency runs from when a request was due. Also used by benchmarks/social_load.py."""
    sent = [0]
    app_before = tree_cpu(app_pid)
    db_before = tree_cpu(db_pid) if db_pid else {}
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
            try:
                problem = send(conn, user, rng)
            except Exception as exc:  # a load test counts every kind of failure
                conn.close()
                problem = f"{type(exc).__name__}: {exc}"
            elapsed_ms = (time.monotonic() - due) * 1000
            with lock:
                sent[0] += 1
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
    return Result(
        name,
        latencies,
        len(errors),
        errors[:5],
        duration,
        sent=sent[0],  # warm-up included, like the CPU
        app_cpu=cpu_used(app_before, tree_cpu(app_pid)),
        db_cpu=cpu_used(db_before, tree_cpu(db_pid)) if db_pid else None,
    )


def run_scenario(
    scenario: Scenario,
    port: int,
    users: list[User],
    drafts: list[dict[str, Any]],
    *,
    rate: float,
    warmup: float,
    duration: float,
    app_pid: int,
    db_pid: int | None,
) -> Result:
    def send(conn: http.client.HTTPConnection, user: User, rng: random.Random) -> str | None:
        draft = drafts[rng.randrange(len(drafts))]
        body, headers = scenario.build(user, draft)
        response, data = request(conn, scenario.method, scenario.path, body, headers)
        if response.status != 200:
            return f"HTTP {response.status}: {data[:160]!r}"
        if scenario.must_contain not in data:
            return f"200 without {scenario.must_contain!r}: {data[:160]!r}"
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


def service_times(
    scenario: Scenario, port: int, users: list[User], drafts: list[dict[str, Any]], n: int
) -> list[float]:
    """One request at a time, back to back: what a request costs with no queueing. The
    requests rotate over the users, so no token nears its rate limit."""
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    times = []
    for i in range(n):
        body, headers = scenario.build(users[i % len(users)], drafts[i % len(drafts)])
        began = time.monotonic()
        response, data = request(conn, scenario.method, scenario.path, body, headers)
        times.append((time.monotonic() - began) * 1000)
        if response.status != 200 or scenario.must_contain not in data:
            raise SystemExit(f"web_load: {scenario.name}: {response.status} {data[:300]!r}")
    conn.close()
    return times


def tree_cpu(root: int) -> dict[int, float]:
    """User + system CPU seconds of a process and each of its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    cpu: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        pid = int(entry)
        children.setdefault(int(fields[1]), []).append(pid)
        cpu[pid] = (int(fields[11]) + int(fields[12])) / tick
    found, todo = {}, [root]
    while todo:
        pid = todo.pop()
        found[pid] = cpu.get(pid, 0.0)
        todo.extend(children.get(pid, []))
    return found


def cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds spent between two readings by the processes alive at the second (a
    process that ended meanwhile takes its time with it: a slight undercount)."""
    return sum(max(0.0, t - before.get(pid, 0.0)) for pid, t in after.items())


# ---- the server ----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def app_environment(database_url: str, data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MANYVOICES_")}
    env.update(
        DJANGO_SETTINGS_MODULE="manyvoices.settings",
        DATABASE_URL=database_url,
        MANYVOICES_ENV="production",
        MANYVOICES_SECRET_KEY=secrets.token_urlsafe(50),
        # A Fernet key (32 random bytes, URL-safe base64) for the stored network tokens.
        MANYVOICES_TOKEN_KEYS=base64.urlsafe_b64encode(os.urandom(32)).decode(),
        MANYVOICES_ALLOWED_HOSTS=f"{HOST},localhost",
        MANYVOICES_SSL_REDIRECT="0",  # loopback has no TLS; everything else as deployed
        MANYVOICES_DATA_DIR=str(data_dir),
        MANYVOICES_STATIC_ROOT=str(data_dir / "static"),
        # One token per user at ~60 requests a minute stays under the default API rate
        # limit (120 a minute), as a real person's would.
        MANYVOICES_LOG_LEVEL="ERROR",
    )
    return env


def run(cmd: list[str], env: dict[str, str], what: str) -> str:
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"web_load: {what} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    return done.stdout


def wait_until_up(port: int, server: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"web_load: gunicorn exited with status {server.returncode}")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=5)
            response, _ = request(conn, "GET", "/guidelines/")
            conn.close()
            if response.status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("web_load: gunicorn did not answer within a minute")


# ---- report --------------------------------------------------------------------------


def report(
    results: list[Result],
    alone: dict[str, list[float]],
    load: tuple[tuple[float, ...], tuple[float, ...]],
    args: argparse.Namespace,
) -> bool:
    print()
    print(
        f"{args.users} users, each ~{args.rate:g} request/s, {args.duration:g} s measured "
        f"after {args.warmup:g} s warm-up; gunicorn {args.workers} sync workers on "
        f"{os.cpu_count()} cores (load generator on the same machine)"
    )
    head = (
        f"{'scenario':24} {'requests':>8} {'req/s':>6} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'p99 ms':>7} {'max ms':>7} {'errors':>6}  {'target':16} mark"
    )
    print(head)
    print("-" * len(head))
    all_pass = True
    for r in results:
        target = TARGETS[r.name]
        ok = r.errors == 0 and r.pct(95) <= target and bool(r.latencies_ms)
        all_pass &= ok
        print(
            f"{r.name:24} {len(r.latencies_ms) + r.errors:>8} {r.rate:>6.1f} {r.pct(50):>7.1f} "
            f"{r.pct(95):>7.1f} {r.pct(99):>7.1f} {max(r.latencies_ms or [0]):>7.1f} "
            f"{r.errors:>6}  {f'p95<={target:g}, 0 errors':16} {'PASS' if ok else 'MISS'}"
        )
    for r in results:
        for sample in r.error_samples:
            print(f"  {r.name} error: {sample}")
    print()
    print(
        "Server CPU per request (gunicorn + PostgreSQL processes, warm-up included), and the"
        " share of the machine's cores it takes at the offered rate:"
    )
    cores = os.cpu_count() or 1
    for r in results:
        per = (r.app_cpu + (r.db_cpu or 0.0)) / max(1, r.sent) * 1000
        db = f" + PostgreSQL {r.db_cpu / max(1, r.sent) * 1000:.2f}" if r.db_cpu is not None else ""
        print(
            f"  {r.name:24} {per:5.2f} ms (app {r.app_cpu / max(1, r.sent) * 1000:.2f}{db})"
            f"  -> {per * args.users * args.rate / 1000 / cores:.0%} of {cores} cores"
        )
    print()
    print("One request at a time (no concurrency), for the cost of a request without queueing:")
    for name, times in alone.items():
        ordered = sorted(times)
        print(
            f"  {name:24} p50 {statistics.median(ordered):6.1f} ms   "
            f"p95 {ordered[int(0.95 * (len(ordered) - 1))]:6.1f} ms   ({len(ordered)} requests)"
        )
    before, after = load
    print(
        "Machine load average (1, 5, 15 min) before: "
        + ", ".join(f"{x:.2f}" for x in before)
        + "; after: "
        + ", ".join(f"{x:.2f}" for x in after)
        + f"  ({os.cpu_count()} cores; above ~1 per core, other work shares the CPU)"
    )
    return all_pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--rate", type=float, default=1.0, help="requests/s per user")
    parser.add_argument("--duration", type=float, default=30.0, help="measured seconds")
    parser.add_argument("--warmup", type=float, default=5.0, help="uncounted seconds first")
    parser.add_argument(
        "--workers",
        type=int,
        default=2 * (os.cpu_count() or 1) + 1,
        help="gunicorn workers (default: gunicorn's advice, 2 x cores + 1)",
    )
    parser.add_argument(
        "--database-url", help="a PostgreSQL server to use instead of a throwaway cluster"
    )
    parser.add_argument("--only", choices=sorted(TARGETS), action="append")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    if shutil.which("gunicorn") is None and not _has_module("gunicorn"):
        raise SystemExit("web_load: gunicorn is not installed (pip install -e '.[server]')")

    cluster = None
    server = None
    data_dir = Path(tempfile.mkdtemp(prefix="manyvoices-load-"))
    try:
        if args.database_url:
            check_reachable(args.database_url)
            server_url = args.database_url
        else:
            cluster = ThrowawayCluster(durable=True)
            server_url = cluster.start()
        database_url = create_database(server_url, "manyvoices_bench")
        print(f"PostgreSQL: {redact(database_url)}" + (" (throwaway cluster)" if cluster else ""))
        env = app_environment(database_url, data_dir)
        manage = [sys.executable, "-m", "manyvoices.manage"]
        run([*manage, "migrate", "--noinput", "-v", "0"], env, "migrate")
        run([*manage, "collectstatic", "--noinput", "-v", "0"], env, "collectstatic")
        users = [
            User(**u)
            for u in json.loads(
                run([sys.executable, "-c", SETUP_SCRIPT, str(args.users)], env, "demo set-up")
            )
        ]
        print(f"Demo company loaded; {len(users)} API tokens issued.")

        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "manyvoices.wsgi:application",
                "--bind", f"{HOST}:{port}", "--workers", str(args.workers),
                "--worker-class", "sync", "--preload", "--log-level", "warning",
                "--timeout", "60", "--backlog", "2048",
            ],
            env=env, cwd=ROOT, start_new_session=True,
        )  # fmt: skip
        wait_until_up(port, server)
        print(f"gunicorn on http://{HOST}:{port} ({args.workers} workers)")

        from manyvoices.demo import DEMO_PASSWORD

        began = time.monotonic()
        sign_ins = [threading.Thread(target=sign_in, args=(port, u, DEMO_PASSWORD)) for u in users]
        for i in range(0, len(sign_ins), 8):  # a few at a time: each hashes a password
            batch = sign_ins[i : i + 8]
            for t in batch:
                t.start()
            for t in batch:
                t.join()
        missing = [u.email for u in users if "sessionid" not in u.cookies]
        if missing:
            raise SystemExit(f"web_load: sign-in failed for {missing[:3]}")
        print(f"{len(users)} sessions signed in ({time.monotonic() - began:.1f} s).")

        from synthetic import ACME_POOL, make_drafts

        drafts = make_drafts(400, ACME_POOL, seed=31)
        scenarios: list[Scenario] = [
            ReviewApi("review API", "POST", "/api/v1/review", b'"verdict"'),
            ComposerReview("composer htmx review", "POST", "/compose/review/", b"badge verdict-"),
            GuidelinesPage("guidelines page", "GET", "/guidelines/", b"</h1>"),
        ]
        scenarios = [s for s in scenarios if not args.only or s.name in args.only]
        load_before = os.getloadavg()
        alone = {}
        for scenario in scenarios:
            # Warm every worker (each builds the policy's matchers on its first review):
            # a burst from several users at once reaches all of them.
            burst = [
                threading.Thread(target=service_times, args=(scenario, port, [u], drafts, 2))
                for u in users[: 2 * args.workers]
            ]
            for t in burst:
                t.start()
            for t in burst:
                t.join()
            alone[scenario.name] = service_times(scenario, port, users, drafts, 100)
        results = []
        for scenario in scenarios:
            print(f"running: {scenario.name} ...", flush=True)
            results.append(
                run_scenario(
                    scenario,
                    port,
                    users,
                    drafts,
                    rate=args.rate,
                    warmup=args.warmup,
                    duration=args.duration,
                    app_pid=server.pid,
                    db_pid=cluster.postmaster_pid() if cluster else None,
                )
            )
        all_pass = report(results, alone, (load_before, os.getloadavg()), args)
        if args.json:
            args.json.write_text(
                json.dumps(
                    {
                        r.name: {
                            "requests": len(r.latencies_ms) + r.errors,
                            "p50_ms": r.pct(50),
                            "p95_ms": r.pct(95),
                            "p99_ms": r.pct(99),
                            "max_ms": max(r.latencies_ms or [0]),
                            "mean_ms": statistics.fmean(r.latencies_ms or [0]),
                            "errors": r.errors,
                            "target_p95_ms": TARGETS[r.name],
                            "server_cpu_ms_per_request": (r.app_cpu + (r.db_cpu or 0.0))
                            / max(1, r.sent)
                            * 1000,
                        }
                        for r in results
                    },
                    indent=2,
                )
            )
        return 1 if args.check and not all_pass else 0
    except PostgresUnavailable as exc:
        raise SystemExit(f"web_load: PostgreSQL is not available: {exc}") from None
    finally:
        if server is not None:
            stop_server(server)
        if cluster is not None:
            cluster.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


def stop_server(server: subprocess.Popen[bytes]) -> None:
    """Stop the server's whole process group: politely, then for good after 30 s."""
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def _has_module(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


if __name__ == "__main__":
    sys.exit(main())
