"""Publishing throughput and delay with real `manyvoices worker` processes.

    python3 benchmarks/publish.py            # about 2 minutes; --check exits 1 on a MISS

On loopback only: a local Mastodon server (tests/networks/fakes.py, the documented
endpoints, answering at once), a throwaway PostgreSQL cluster (fsync on) or
--database-url, and 4 worker processes. Two runs:

1. throughput: N posts all due at once, then the workers start; posts per second from
   the workers' start to the last publication;
2. delay: N posts scheduled over a window while the workers run; for each, the time
   from its due time to its publication (p50/p95/p99/max); target p95 <= 2 s.

Figures are printed with their targets and PASS/MISS; the exit status is 0 whatever
they are unless --check is given.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.networks.fakes import FakeMastodon  # noqa: E402
from tests.networks.processes import World, all_final  # noqa: E402
from tests.pgcluster import (  # noqa: E402
    PostgresUnavailable,
    ThrowawayCluster,
    create_database,
    redact,
)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def run(database_url: str, *, posts: int, workers: int, start_in: float, spread: float,
        interval: float, start_workers_first: bool) -> tuple[list[dict], float, float]:  # fmt: skip
    with FakeMastodon() as server:
        world = World(database_url=database_url, lease=60, timeout=10)
        try:
            token = server.issue_token("1")
            if start_workers_first:
                world.drive("setup", "--server", server.url, "--token", token, "--posts", "0")
                for _ in range(workers):
                    world.start_worker(interval)
                time.sleep(3)  # let them load the app and the engine
                idle_cpu = world.cpu_seconds()
                world.drive(
                    "setup", "--server", server.url, "--token", token, "--posts", str(posts),
                    "--start-in", str(start_in), "--spread", str(spread),
                )  # fmt: skip
                started = time.time()
            else:
                world.drive(
                    "setup", "--server", server.url, "--token", token, "--posts", str(posts),
                )  # fmt: skip
                started = time.time()
                for _ in range(workers):
                    world.start_worker(interval)
                idle_cpu = 0.0
            status = world.wait_until(all_final, timeout=600, every=1)
            cpu = world.cpu_seconds() - idle_cpu
        finally:
            world.stop()
        if len(server.posts) != posts:
            raise SystemExit(f"expected {posts} posts on the server, found {len(server.posts)}")
    return status["deliveries"], started, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url", default="", help="a server whose role may create databases"
    )
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--interval", type=float, default=0.2, help="worker poll interval")
    parser.add_argument("--spread", type=float, default=60.0, help="seconds the delay run spans")
    parser.add_argument("--delay-posts", type=int, default=300, help="posts in the delay run")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()

    cluster = None
    if args.database_url:
        base = args.database_url
    else:
        try:
            cluster = ThrowawayCluster(durable=True)
            base = cluster.start()
        except PostgresUnavailable as exc:
            raise SystemExit(f"PostgreSQL is needed ({exc}); or give --database-url") from None
    try:
        print(f"PostgreSQL: {redact(base)}; {args.workers} workers, poll every {args.interval} s")
        url = create_database(base, "manyvoices_publish_bench")
        rows, started, cpu_all = run(
            url, posts=args.posts, workers=args.workers, start_in=0, spread=0,
            interval=args.interval, start_workers_first=False,
        )  # fmt: skip
        last = max(r["published"] for r in rows)
        throughput = len(rows) / (last - started)
        first = min(r["published"] for r in rows) - started
        steady = (len(rows) - 1) / max(1e-9, last - min(r["published"] for r in rows))
        url = create_database(base, "manyvoices_publish_bench")
        rows, _, _cpu = run(
            url, posts=args.delay_posts, workers=args.workers, start_in=5, spread=args.spread,
            interval=args.interval, start_workers_first=True,
        )  # fmt: skip
        delays = [r["published"] - r["due"] for r in rows]
    finally:
        if cluster is not None:
            cluster.stop()

    p95 = percentile(delays, 95)
    cores = os.cpu_count() or 1
    load = os.getloadavg()[0]
    cpu_ms = 1000 * cpu_all / args.posts
    lines = [
        ("throughput (all due at once)", f"{throughput:.1f} posts/s", "none", None),
        ("  first publication after start", f"{first:.1f} s", "", None),
        ("  steady: first to last publication", f"{steady:.1f} posts/s", "", None),
        ("worker CPU per publish", f"{cpu_ms:.1f} ms", "", None),
        ("  => posts/s per core, CPU-bound", f"{1000 / cpu_ms:.1f}", "", None),
        ("delay run: posts due per second", f"{args.delay_posts / args.spread:.1f}", "", None),
        ("delay p50", f"{percentile(delays, 50):.3f} s", "", None),
        ("delay p95", f"{p95:.3f} s", "<= 2 s", p95 <= 2.0),
        ("delay p99", f"{percentile(delays, 99):.3f} s", "", None),
        ("delay max", f"{max(delays):.3f} s", "", None),
        ("delay mean", f"{statistics.fmean(delays):.3f} s", "", None),
    ]
    print(f"\n{args.posts} posts, {args.workers} workers, local Mastodon server, loopback")
    print(f"machine: {cores} cores, load average {load:.1f} (shared machines move these figures)")
    print(f"{'figure':32} {'value':>16}  {'target':8} result")
    missed = False
    for name, value, target, ok in lines:
        mark = "" if ok is None else ("PASS" if ok else "MISS")
        missed |= ok is False
        print(f"{name:32} {value:>16}  {target:8} {mark}")
    return 1 if (args.check and missed) else 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    raise SystemExit(main())
