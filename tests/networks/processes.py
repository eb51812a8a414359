"""Real `manyvoices worker` processes against a database shared with the test, for the
tests that kill workers and run many of them, and for benchmarks/publish.py."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.conftest import ROOT


class World:
    """A throwaway database (SQLite in a temporary folder, or `database_url`) and the
    environment every process of the run shares."""

    def __init__(self, *, database_url: str = "", lease: int = 5, timeout: int = 2,
                 extra: dict[str, str] | None = None) -> None:  # fmt: skip
        self.dir = Path(tempfile.mkdtemp(prefix="manyvoices-networks-"))
        env = {
            k: v for k, v in os.environ.items() if not k.startswith(("MANYVOICES_", "DATABASE_"))
        }
        env.update(
            DJANGO_SETTINGS_MODULE="manyvoices.settings",
            MANYVOICES_ENV="test",
            MANYVOICES_DATA_DIR=str(self.dir),
            MANYVOICES_NETWORKS_ALLOW_LOOPBACK="1",
            MANYVOICES_PUBLISH_LEASE_SECONDS=str(lease),
            MANYVOICES_NETWORK_TIMEOUT_SECONDS=str(timeout),
            MANYVOICES_PUBLISH_BACKOFF_SECONDS="1",
            MANYVOICES_POLICY_CACHE_SECONDS="0",
            PYTHONPATH=str(ROOT),
        )
        if database_url:
            env["DATABASE_URL"] = database_url
        env.update(extra or {})
        self.env = env
        self.workers: list[subprocess.Popen[bytes]] = []

    def drive(self, *args: str, timeout: float = 300) -> dict[str, Any]:
        result = subprocess.run(
            [sys.executable, "-m", "tests.networks.drive", *args],
            env=self.env, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False,
        )  # fmt: skip
        if result.returncode != 0:
            raise RuntimeError(f"drive {args[0]} failed:\n{result.stderr[-3000:]}")
        return dict(json.loads(result.stdout))

    def start_worker(self, interval: float = 0.2) -> subprocess.Popen[bytes]:
        log = open(self.dir / f"worker-{len(self.workers)}.log", "wb")  # noqa: SIM115
        process = subprocess.Popen(
            [sys.executable, "-m", "manyvoices.cli", "worker", "--interval", str(interval)],
            env=self.env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        self.workers.append(process)
        return process

    def kill(self, process: subprocess.Popen[bytes]) -> None:
        process.send_signal(signal.SIGKILL)
        process.wait(10)

    def wait_until(self, done: Any, timeout: float, every: float = 0.5) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            status = self.drive("status")
            if done(status):
                return status
            if time.monotonic() > deadline:
                raise AssertionError(f"not done in {timeout} s: {status['states']}\n{self.logs()}")
            for w in self.workers:
                if w.poll() not in (None, -signal.SIGKILL):
                    raise AssertionError(f"a worker exited with {w.returncode}:\n{self.logs()}")
            time.sleep(every)

    def cpu_seconds(self) -> float:
        """User + system CPU time the live workers have used so far (Linux /proc)."""
        total = 0.0
        tick = os.sysconf("SC_CLK_TCK")
        for w in self.workers:
            try:
                fields = Path(f"/proc/{w.pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += (int(fields[11]) + int(fields[12])) / tick
        return total

    def logs(self) -> str:
        return "\n".join(
            f"--- {p.name}\n{p.read_text(errors='replace')[-2000:]}"
            for p in sorted(self.dir.glob("worker-*.log"))
        )

    def stop(self) -> None:
        for w in self.workers:
            if w.poll() is None:
                w.send_signal(signal.SIGTERM)
        for w in self.workers:
            try:
                w.wait(15)
            except subprocess.TimeoutExpired:
                w.kill()
                w.wait(5)
        import shutil

        shutil.rmtree(self.dir, ignore_errors=True)


def all_final(status: dict[str, Any]) -> bool:
    waiting = {"scheduled", "claimed", "sending", "reconcile"}
    return bool(status["deliveries"]) and not any(s in waiting for s in status["states"])
