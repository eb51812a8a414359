"""Load benchmark of the advocacy hub: short-link redirects and the hub page, on
PostgreSQL, with gunicorn and production settings, on loopback.

    pip install -e '.[dev,server]'
    python3 benchmarks/advocacy_load.py            # about 3 minutes

What it does, start to end:

1. starts a throwaway PostgreSQL cluster (initdb/pg_ctl in a temporary folder, fsync
   and synchronous commit ON: every click is durable before its redirect is answered),
   or uses `--database-url` (a server whose role may create databases; the database
   `manyvoices_advocacy_bench` is dropped and recreated);
2. migrates, collects static files, and generates the data with bulk inserts (timed):
   100,000 employees in 20 departments and 30 locations, 10,000 shareables (a quarter
   for some departments, some for some locations, 5 % highlighted, 10 % expired, 30
   topics, 50 campaigns, one or two suggested texts each), 1,000 shares to click on,
   and signed-in sessions for 200 employees;
3. starts gunicorn (`--workers` x `--threads`, gthread workers, `--preload`; cores + 1
   workers of 8 threads by default) on
   127.0.0.1 with production settings (MANYVOICES_ENV=production, a random secret
   key, secure cookies, HSTS) except the HTTPS redirect, which is off: loopback has no
   TLS;
4. short links, `GET /l/<code>` with a browser's user-agent over the 1,000 codes,
   a new connection per request (as readers arrive), from an asyncio load generator in
   this process (a lean one: an asyncio protocol per request, closing the connection
   once the whole response is in; it shares the cores with the server). First a
   warm-up sends each code through each worker (3 x workers times), so the figures are
   those of a hub whose links are known to every worker; then:
   - throughput: `--concurrency` requests in flight for `--duration` seconds;
   - latency at the target rate: requests sent at `--rate` per second (open loop)
     for `--duration` seconds, latency counted from when each was due, so a
     generator that falls behind cannot hide queueing;
   then every click is checked: the clicks stored must equal the redirects answered;
5. first, in one process with no HTTP and one request at a time, the CPU and wall time
   of a redirect (2,000) and of the hub page (200): figures that hold on a busy machine;
   the hub page, `GET /hub/` with a signed-in employee's session cookie, `--hub-users`
   users each sending about one request per second (open loop) for `--duration`
   seconds, each page checked to hold the hub's cards;
6. prints each figure with its target and PASS/MISS, the clicks per commit (the click
   writer's group commit, from the rows' xmin), and for each scenario the CPU per
   request of the load generator, gunicorn and PostgreSQL (read from /proc: a figure
   that hardly moves when other work shares the machine). Exit status 0 whatever the
   figures; `--check` exits 1 when a target is missed.

The load generator shares the machine's cores with gunicorn and PostgreSQL: the
figures are for the whole machine doing all three.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from web_load import tree_cpu  # noqa: E402  (CPU of a process tree, as the web benchmark reads it)

from tests.pgcluster import (  # noqa: E402  (after the path set-up)
    PostgresUnavailable,
    ThrowawayCluster,
    check_reachable,
    create_database,
    redact,
)

HOST = "127.0.0.1"
DB_NAME = "manyvoices_advocacy_bench"
UA = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Safari/537.36"
)

TARGET_REDIRECTS_PER_S = 1500.0
TARGET_REDIRECT_P99_MS = 20.0
TARGET_HUB_P95_MS = 100.0

GENERATE = r"""
import json, random, sys, time, datetime as dt
import django
django.setup()
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db import connection
from django.utils import timezone
from manyvoices.advocacy.models import (
    Campaign, Share, Shareable, SuggestedText, Topic, _audience_key, _new_code,
)
from manyvoices.people.models import User
from manyvoices.guidelines.models import PolicyVersion

employees, shareables, shares, sessions = (int(x) for x in sys.argv[1:5])
rng = random.Random(2026)
started = time.monotonic()
now = timezone.now()
DEPTS = [f"Department {i:02d}" for i in range(20)]
PLACES = [f"City {i:02d}" for i in range(30)]
password = make_password("bench-password-not-used")
admin = User.objects.create(email="comms@bench.example", role="comms", password=password)
policy = open(sys.argv[5]).read()
version = PolicyVersion.create_from_yaml(policy, by=admin, note="bench")
version.publish(by=admin)
batch = []
for i in range(employees):
    batch.append(User(
        email=f"e{i:06d}@bench.example", name=f"Employee {i}", password=password,
        department=rng.choice(DEPTS), location=rng.choice(PLACES),
    ))
    if len(batch) == 10000:
        User.objects.bulk_create(batch)
        batch = []
User.objects.bulk_create(batch)
t_users = time.monotonic() - started
topics = Topic.objects.bulk_create(Topic(name=f"Topic {i}", slug=f"topic-{i}") for i in range(30))
campaigns = Campaign.objects.bulk_create(
    Campaign(name=f"Campaign {i}", slug=f"campaign-{i}", starts_at=now - dt.timedelta(days=i * 7),
             announced_at=now)
    for i in range(50)
)
items = []
for i in range(shareables):
    depts = rng.sample(DEPTS, rng.randint(1, 3)) if rng.random() < 0.25 else []
    places = rng.sample(PLACES, rng.randint(1, 4)) if rng.random() < 0.15 else []
    starts = now - dt.timedelta(minutes=rng.randint(1, 365 * 24 * 60))
    expired = rng.random() < 0.10
    items.append(Shareable(
        kind="link", title=f"News item {i}: something worth sharing",
        description="A short description of the page, as its Open Graph card gives it.",
        url=f"https://globodyne.example/news/{i}", preview_status="ok",
        campaign=rng.choice(campaigns) if rng.random() < 0.3 else None,
        departments=depts, locations=places,
        audience_departments=_audience_key(depts), audience_locations=_audience_key(places),
        starts_at=starts, expires_at=(starts + dt.timedelta(days=1)) if expired else None,
        highlighted=rng.random() < 0.05, created_by=admin,
    ))
items = Shareable.objects.bulk_create(items, batch_size=5000)
Through = Shareable.topics.through
Through.objects.bulk_create(
    [Through(shareable_id=s.pk, topic_id=t.pk) for s in items for t in rng.sample(topics, 2)],
    batch_size=10000,
)
SuggestedText.objects.bulk_create(
    [SuggestedText(shareable=s, network=n, text=f"Worth a read. #GlobodyneEmployee ({n})",
                   verdict="clear") for s in items for n in ("linkedin", "x")[: rng.randint(1, 2)]],
    batch_size=10000,
)
people = list(User.objects.filter(email__startswith="e").values_list("pk", "department")[:5000])
open_items = [s for s in items if not s.departments and not s.locations]
codes = []
rows = []
for i in range(shares):
    pk, dept = rng.choice(people)
    code = _new_code()
    codes.append(code)
    rows.append(Share(shareable=rng.choice(open_items), user_id=pk, network="linkedin",
                      text="Worth a read. #GlobodyneEmployee", code=code, verdict="clear",
                      reach=rng.randint(100, 3000), department=dept))
Share.objects.bulk_create(rows, batch_size=5000)
cookies = []
for user in User.objects.filter(email__startswith="e").order_by("?")[:sessions]:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    cookies.append(store.session_key)
with connection.cursor() as cursor:
    cursor.execute("VACUUM ANALYZE")
print(json.dumps({"codes": codes, "sessions": cookies, "seconds": time.monotonic() - started,
                  "users_seconds": t_users}))
"""


CPU_SCRIPT = r"""
import io, json, sys, time
import django
django.setup()
from manyvoices.wsgi import application
codes, sessions = json.loads(sys.stdin.read())
ua = sys.argv[1]

def environ(path, cookie=""):
    env = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "",
           "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1",
           "REMOTE_ADDR": "127.0.0.1", "HTTP_USER_AGENT": ua, "wsgi.input": io.BytesIO(b""),
           "wsgi.url_scheme": "http", "wsgi.errors": sys.stderr, "SERVER_PROTOCOL": "HTTP/1.1"}
    if cookie:
        env["HTTP_COOKIE"] = "sessionid=" + cookie
    return env

def start_response(status, headers, exc_info=None):
    start_response.status = status

def measure(make, n):
    for i in range(min(n, 50)):
        b"".join(application(make(i), start_response))
    wall, cpu = time.perf_counter(), time.process_time()
    for i in range(n):
        b"".join(application(make(i), start_response))
    return ((time.process_time() - cpu) / n * 1000, (time.perf_counter() - wall) / n * 1000,
            start_response.status)

redirect = measure(lambda i: environ("/l/" + codes[i % len(codes)]), 2000)
hub = measure(lambda i: environ("/hub/", sessions[i % len(sessions)]), 200)
print(json.dumps({"redirect": redirect, "hub": hub}))
"""


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)  # seconds
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    elapsed: float = 0.0

    def add(self, status: int, latency: float, ok: bool) -> None:
        self.statuses[status] = self.statuses.get(status, 0) + 1
        if ok:
            self.latencies.append(latency)
        else:
            self.errors += 1

    def pct(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0


class _Get(asyncio.Protocol):
    """One request on a new connection, read until its whole response is in (by its
    Content-Length, else to the end); then the connection is closed, as a browser
    would once it has the redirect. A protocol rather than asyncio's streams: the
    generator shares the two cores with the server, so its own CPU counts."""

    def __init__(self, request: bytes, done: asyncio.Future[bytes]) -> None:
        self.request = request
        self.done = done
        self.data = bytearray()
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        transport.write(self.request)  # type: ignore[attr-defined]

    def data_received(self, data: bytes) -> None:
        self.data += data
        end = self.data.find(b"\r\n\r\n")
        if end < 0:
            return
        head = bytes(self.data[:end]).lower()
        at = head.find(b"\r\ncontent-length:")
        if at < 0:
            return  # no length: read to the end
        stop = head.find(b"\r\n", at + 2)
        if len(self.data) - end - 4 >= int(head[at + 17 : stop if stop > 0 else None]):
            self.finish()

    def finish(self) -> None:
        if not self.done.done():
            self.done.set_result(bytes(self.data))
        if self.transport is not None:
            self.transport.close()

    def eof_received(self) -> bool:
        self.finish()
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.done.done():
            if self.data:
                self.done.set_result(bytes(self.data))
            else:
                self.done.set_exception(exc or ConnectionResetError("closed, no answer"))


async def fetch(port: int, path: str, headers: str) -> tuple[int, bytes]:
    loop = asyncio.get_running_loop()
    done: asyncio.Future[bytes] = loop.create_future()
    request = (
        f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nUser-Agent: {UA}\r\n{headers}"
        "Connection: close\r\n\r\n"
    ).encode()
    await loop.create_connection(lambda: _Get(request, done), HOST, port)
    data = await done
    return int(data[9:12]), data


async def closed_loop(
    port: int,
    paths: list[str],
    concurrency: int,
    seconds: float,
    count: int = 0,
    headers: str = "",
    expect: int = 302,
) -> Result:
    """`concurrency` requests in flight for `seconds`, or until `count` were sent."""
    result = Result()
    end = time.monotonic() + seconds

    async def worker(i: int) -> None:
        n = i
        while time.monotonic() < end and (not count or n < count):
            path = paths[n % len(paths)]
            n += concurrency
            t = time.monotonic()
            try:
                status, _body = await fetch(port, path, headers)
                result.add(status, time.monotonic() - t, status == expect)
            except OSError:
                result.add(0, 0.0, False)

    start = time.monotonic()
    await asyncio.gather(*(worker(i) for i in range(concurrency)))
    result.elapsed = time.monotonic() - start
    return result


async def open_loop(
    port: int,
    plan: list[tuple[float, str, str]],
    check: Any,
) -> Result:
    """Send each request of `plan` (due time offset, path, extra headers) when it is due;
    latency counts from the due time.

    Each request's task is made when it falls due, not all of them up front: making tens
    of thousands of tasks at the start kept the event loop busy past the first requests'
    due times, and the generator's own start-up showed as the server's p99. The garbage
    collector is paused for the run for the same reason (its pauses are the generator's,
    not the server's); the latency still runs from the due time, so a generator that
    falls behind cannot hide it.
    """
    result = Result()
    limit = asyncio.Semaphore(1000)
    running: set[asyncio.Task[None]] = set()
    start = time.monotonic()
    last = [start]

    async def one(due_at: float, path: str, headers: str) -> None:
        async with limit:
            try:
                status, data = await fetch(port, path, headers)
                result.add(status, time.monotonic() - due_at, check(status, data))
            except OSError:
                result.add(0, 0.0, False)
            last[0] = max(last[0], time.monotonic())

    collecting = gc.isenabled()
    gc.disable()
    try:
        for n, (due, path, headers) in enumerate(sorted(plan, key=lambda item: item[0])):
            due_at = start + due
            delay = due_at - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            elif n % 16 == 0:
                await asyncio.sleep(0)  # behind: still let the requests in flight run
            task = asyncio.create_task(one(due_at, path, headers))
            running.add(task)
            task.add_done_callback(running.discard)
        while running:
            await asyncio.gather(*list(running))
    finally:
        if collecting:
            gc.enable()
    result.elapsed = last[0] - start  # the rate achieved: done / time until the last one
    return result


def wait_for_port(port: int, process: subprocess.Popen[Any], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped with status {process.returncode}")
        try:
            socket.create_connection((HOST, port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def run(cmd: list[str], env: dict[str, str], timeout: float = 900) -> str:
    done = subprocess.run(
        cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:3])} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def count_clicks(url: str) -> int:
    import psycopg

    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT count(*) FROM advocacy_click WHERE NOT is_bot").fetchone()
    return int(row[0]) if row else 0


def last_click_id(url: str) -> int:
    import psycopg

    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT coalesce(max(id), 0) FROM advocacy_click").fetchone()
    return int(row[0]) if row else 0


def click_transactions(url: str, after_id: int) -> int:
    """How many transactions stored the clicks after `after_id` (rows written by one
    transaction share its xmin): the clicks per commit of the group commit."""
    import psycopg

    with psycopg.connect(url) as conn:
        row = conn.execute(
            "SELECT count(DISTINCT xmin::text) FROM advocacy_click WHERE id > %s", [after_id]
        ).fetchone()
    return int(row[0]) if row else 0


class CpuMeter:
    """CPU seconds spent by the load generator (this process), gunicorn (master and
    workers) and PostgreSQL (the throwaway cluster's processes; unknown with
    --database-url) between start() and per_request(): where each request's CPU goes
    on the whole machine, a figure that hardly moves when other work shares it."""

    def __init__(self, gunicorn_pid: int, postgres_pid: int | None) -> None:
        self.pids = {"gunicorn": gunicorn_pid, "postgres": postgres_pid}
        self.before: dict[str, Any] = {}

    def _read(self) -> dict[str, Any]:
        own = os.times()
        return {
            "generator": own.user + own.system,
            **{name: tree_cpu(pid) if pid else {} for name, pid in self.pids.items()},
        }

    def start(self) -> None:
        self.before = self._read()

    def per_request(self, requests: int) -> dict[str, float]:
        """Milliseconds of CPU per request for each part (NaN for an unknown part)."""
        after, n = self._read(), max(1, requests)
        used = {"generator": (after["generator"] - self.before["generator"]) / n * 1000}
        for name, pid in self.pids.items():
            if pid is None:
                used[name] = float("nan")
                continue
            spent = sum(max(0.0, t - self.before[name].get(p, 0.0)) for p, t in after[name].items())
            used[name] = spent / n * 1000
        return used


def cpu_line(used: dict[str, float]) -> str:
    total = sum(v for v in used.values() if v == v)
    return (
        f"{used['generator']:.2f} + {used['gunicorn']:.2f} + {used['postgres']:.2f} = {total:.2f}"
    )


def line(name: str, value: str, target: str, ok: bool | None) -> str:
    mark = "" if ok is None else ("PASS" if ok else "MISS")
    return f"  {name:<44} {value:>14}   {target:<14} {mark}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default="")
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--shareables", type=int, default=10_000)
    parser.add_argument(
        "--workers",
        type=int,
        default=(os.cpu_count() or 1) + 1,
        help="gunicorn workers (default: cores + 1): fewer processes keep their caches "
        "(short-link targets, hub cards) warmer and their click batches larger",
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=8,
        help="threads per gunicorn worker (gthread): each click waits for its batch's "
        "commit, so the clicks of a worker's threads share one commit and one flush",
    )
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--rate", type=float, default=TARGET_REDIRECTS_PER_S)
    parser.add_argument("--duration", type=float, default=15.0)
    parser.add_argument("--hub-users", type=int, default=100)
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    if shutil.which("gunicorn") is None:
        try:
            import gunicorn
        except ImportError:
            print("gunicorn is not installed: pip install -e '.[server]'", file=sys.stderr)
            return 2

    cluster = None
    if args.database_url:
        check_reachable(args.database_url)
        server_url = args.database_url
    else:
        try:
            cluster = ThrowawayCluster(durable=True, max_connections=300)
            server_url = cluster.start()
        except PostgresUnavailable as exc:
            print(f"PostgreSQL is not available: {exc}", file=sys.stderr)
            return 2
    workdir = Path(tempfile.mkdtemp(prefix="manyvoices-advocacy-bench-"))
    gunicorn = None
    try:
        db_url = create_database(server_url, DB_NAME)
        from cryptography.fernet import Fernet

        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "manyvoices.settings",
            "DATABASE_URL": db_url,
            "MANYVOICES_ENV": "production",
            "MANYVOICES_SECRET_KEY": secrets.token_urlsafe(50),
            "MANYVOICES_ALLOWED_HOSTS": HOST,
            "MANYVOICES_SSL_REDIRECT": "0",
            "MANYVOICES_DATA_DIR": str(workdir),
            "MANYVOICES_STATIC_ROOT": str(workdir / "static"),
            "MANYVOICES_TOKEN_KEYS": Fernet.generate_key().decode(),
            "MANYVOICES_LOG_LEVEL": "ERROR",
        }
        print(f"PostgreSQL: {redact(db_url)}  (durable commits)")
        run([sys.executable, "manage.py", "migrate", "--noinput"], env)
        run([sys.executable, "manage.py", "collectstatic", "--noinput"], env)
        print(f"Generating {args.employees:,} employees and {args.shareables:,} shareables ...")
        policy = ROOT / "examples" / "acme.policy.yaml"
        out = run(
            [sys.executable, "-c", GENERATE, str(args.employees), str(args.shareables),
             "1000", "200", str(policy)],
            env,
        )  # fmt: skip
        data = json.loads(out.strip().splitlines()[-1])
        print(f"  generated in {data['seconds']:.1f} s (employees: {data['users_seconds']:.1f} s)")

        print("In process (one request at a time, no HTTP): CPU per request ...")
        cpu = json.loads(
            subprocess.run(
                [sys.executable, "-c", CPU_SCRIPT, UA],
                input=json.dumps([data["codes"], data["sessions"]]),
                env=env, cwd=ROOT, capture_output=True, text=True, timeout=600, check=True,
            ).stdout.strip().splitlines()[-1]
        )  # fmt: skip

        port = free_port()
        gunicorn = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "manyvoices.wsgi:application",
             "--bind", f"{HOST}:{port}", "--workers", str(args.workers), "--preload",
             "--worker-class", "gthread", "--threads", str(args.threads),
             "--backlog", "4096", "--error-logfile", str(workdir / "gunicorn.log")],
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for_port(port, gunicorn)
        paths = [f"/l/{code}" for code in data["codes"]]
        # Warm every worker: connections, the salt of the day, and the target cache
        # (each code through each worker, as a live hub's links are after a while):
        # each code sent 3 x workers times, 16 in flight, 60 s at most.
        print("Warming up: every short code through every worker ...")
        asyncio.run(closed_loop(port, paths, 16, 60.0, count=len(paths) * 3 * args.workers))
        before, last_id = count_clicks(db_url), last_click_id(db_url)
        pg_root = cluster.postmaster_pid() if cluster is not None else None
        meter = CpuMeter(gunicorn.pid, pg_root)

        print(f"Short links: {args.concurrency} in flight for {args.duration:g} s ...")
        meter.start()
        burst = asyncio.run(closed_loop(port, paths, args.concurrency, args.duration))
        burst_cpu = meter.per_request(len(burst.latencies) + burst.errors)
        n = int(args.rate * args.duration)
        rng = random.Random(7)
        plan = [(i / args.rate, rng.choice(paths), "") for i in range(n)]
        print(f"Short links: {args.rate:g}/s for {args.duration:g} s ...")
        meter.start()
        steady = asyncio.run(open_loop(port, plan, lambda status, body: status == 302))
        steady_cpu = meter.per_request(len(steady.latencies) + steady.errors)
        stored = count_clicks(db_url) - before
        answered = len(burst.latencies) + len(steady.latencies)
        commits = click_transactions(db_url, last_id)

        hub_plan = []
        sessions = data["sessions"][: args.hub_users]
        for key in sessions:
            phase = rng.random()
            t = phase
            while t < args.duration:
                hub_plan.append((t, "/hub/", f"Cookie: sessionid={key}\r\n"))
                t += rng.uniform(0.8, 1.2)
        # Warm-up: each user's page once (templates compiled, cards rendered per worker).
        for key in sessions:
            asyncio.run(
                closed_loop(port, ["/hub/"], 1, 10.0, 1, f"Cookie: sessionid={key}\r\n", 200)
            )
        print(f"Hub page: {len(sessions)} users, about 1 request/s each, {args.duration:g} s ...")
        meter.start()
        hub = asyncio.run(
            open_loop(port, hub_plan, lambda status, body: status == 200 and b'class="card' in body)
        )
        hub_cpu = meter.per_request(len(hub.latencies) + hub.errors)
    finally:
        if gunicorn is not None:
            gunicorn.send_signal(signal.SIGTERM)
            try:
                gunicorn.wait(timeout=30)
            except subprocess.TimeoutExpired:
                gunicorn.kill()
        if cluster is not None:
            cluster.stop()
        shutil.rmtree(workdir, ignore_errors=True)

    checks = [
        ("in process: redirect CPU / wall ms", f"{cpu['redirect'][0]:.2f} / "
         f"{cpu['redirect'][1]:.2f}", "", None),
        ("in process: hub page CPU / wall ms", f"{cpu['hub'][0]:.1f} / {cpu['hub'][1]:.1f}",
         "", None),
        ("redirects/s, 32 in flight", f"{burst.rate:,.0f}", f">= {TARGET_REDIRECTS_PER_S:,.0f}",
         burst.rate >= TARGET_REDIRECTS_PER_S),
        ("  p50 / p99 ms", f"{burst.pct(50):.1f} / {burst.pct(99):.1f}", "", None),
        ("  errors", f"{burst.errors}", "0", burst.errors == 0),
        (f"redirects at {args.rate:g}/s: achieved/s", f"{steady.rate:,.0f}",
         f">= {args.rate * 0.98:,.0f}", steady.rate >= args.rate * 0.98),
        ("  p50 / p95 ms", f"{steady.pct(50):.1f} / {steady.pct(95):.1f}", "", None),
        ("  p99 ms", f"{steady.pct(99):.1f}", f"<= {TARGET_REDIRECT_P99_MS:g}",
         steady.pct(99) <= TARGET_REDIRECT_P99_MS),
        ("  max ms", f"{max(steady.latencies or [0]) * 1000:.1f}", "", None),
        ("  errors", f"{steady.errors}", "0", steady.errors == 0),
        ("clicks stored / redirects answered", f"{stored:,} / {answered:,}", "equal",
         stored == answered),
        ("  clicks per commit (group commit)", f"{stored / max(1, commits):.1f}", "", None),
        ("CPU ms per redirect, 32 in flight", cpu_line(burst_cpu), "", None),
        (f"CPU ms per redirect at {args.rate:g}/s", cpu_line(steady_cpu), "", None),
        ("CPU ms per hub page", cpu_line(hub_cpu), "", None),
        (f"hub page, {len(sessions)} users: p50 / p99 ms", f"{hub.pct(50):.1f} / {hub.pct(99):.1f}",
         "", None),
        ("  p95 ms", f"{hub.pct(95):.1f}", f"<= {TARGET_HUB_P95_MS:g}",
         hub.pct(95) <= TARGET_HUB_P95_MS),
        ("  requests / errors", f"{len(hub.latencies)} / {hub.errors}", "0 errors",
         hub.errors == 0),
    ]  # fmt: skip
    load = os.getloadavg()[0]
    print()
    print(
        f"Advocacy load on {os.cpu_count()} cores: gunicorn {args.workers} workers x "
        f"{args.threads} threads, "
        f"PostgreSQL, {args.employees:,} employees, {args.shareables:,} shareables"
    )
    print(f"  (the machine's load average at the end: {load:.1f} on {os.cpu_count()} cores;")
    print("   CPU ms per request: load generator + gunicorn + PostgreSQL = the machine's share)")
    for name, value, target, ok in checks:
        print(line(name, value, target, ok))
    missed = [c[0] for c in checks if c[3] is False]
    print(f"\n{'All targets met.' if not missed else 'Missed: ' + '; '.join(missed)}")
    return 1 if (args.check and missed) else 0


if __name__ == "__main__":
    sys.exit(main())
