"""A PostgreSQL server for the web tests and the load benchmark.

Two ways to get one:

- `MANYVOICES_TEST_POSTGRES_URL` names a running server whose role may create
  databases (`.ci/run` starts Debian's cluster and sets it);
- otherwise `ThrowawayCluster` runs `initdb` and `pg_ctl` from the machine's PostgreSQL
  binaries into a temporary directory, listening on a free loopback port, and removes it
  all on `stop()`. initdb refuses to run as root, so as root the cluster runs as the
  `postgres` user (present wherever Debian's `postgresql` package is installed).

Nothing here is imported by the application.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

URL_VARIABLE = "MANYVOICES_TEST_POSTGRES_URL"


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server can be had on this machine; the message says why."""


def postgres_bindir() -> Path | None:
    """The folder holding initdb and pg_ctl: on PATH, else Debian's newest versioned one."""
    pg_ctl = shutil.which("pg_ctl")
    if pg_ctl and shutil.which("initdb"):
        return Path(pg_ctl).resolve().parent
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
        key=lambda p: (
            int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0
        ),
    )
    return Path(candidates[-1]).parent if candidates else None


def check_reachable(url: str, timeout: float = 5.0) -> None:
    """Connect once; raise PostgresUnavailable naming the server and the reason."""
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=max(1, int(timeout))) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        raise PostgresUnavailable(f"cannot connect to {redact(url)}: {exc}".strip()) from None


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return urlunsplit(parts._replace(netloc=netloc))


def with_database(url: str, name: str) -> str:
    """The same server and credentials, another database."""
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def create_database(url: str, name: str, *, drop_first: bool = True) -> str:
    """Create database `name` on the server of `url` (dropping an old one); its URL."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(url, autocommit=True) as conn:
        if drop_first:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return with_database(url, name)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ThrowawayCluster:
    """A private PostgreSQL cluster in a temporary directory, trust auth on loopback only.

    `durable=False` turns off fsync and synchronous commit: right for tests, wrong for a
    benchmark that should pay what a real server pays.
    """

    SUPERUSER = "manyvoices"

    def __init__(self, *, durable: bool = False, max_connections: int = 200) -> None:
        bindir = postgres_bindir()
        if bindir is None:
            raise PostgresUnavailable(
                "no PostgreSQL server binaries (initdb, pg_ctl) on this machine "
                "(Debian: apt-get install postgresql)"
            )
        self.bindir = bindir
        self.durable = durable
        self.max_connections = max_connections
        self.run_as: str | None = None
        if os.geteuid() == 0:
            try:
                pwd.getpwnam("postgres")
            except KeyError:
                raise PostgresUnavailable(
                    "running as root and there is no 'postgres' user to run initdb as"
                ) from None
            self.run_as = "postgres"
        self.port = _free_port()
        self.root = Path(tempfile.mkdtemp(prefix="manyvoices-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.url = f"postgresql://{self.SUPERUSER}@127.0.0.1:{self.port}/postgres"
        self.started = False

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.run_as:
            cmd = ["runuser", "-u", self.run_as, "--", *cmd]
        return subprocess.run(
            cmd, capture_output=True, text=True, timeout=timeout, check=False, cwd=self.root
        )

    def start(self) -> str:
        """initdb, start, wait until it answers; the URL of its `postgres` database."""
        if self.run_as:
            entry = pwd.getpwnam(self.run_as)
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
        init = self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            self.SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
            "--no-instructions",
            "--no-sync",  # a throwaway cluster: a crash during initdb loses nothing
        )
        if init.returncode != 0:
            self.stop()
            raise PostgresUnavailable(
                f"initdb failed: {init.stderr.strip() or init.stdout.strip()}"
            )
        options = [
            "-c listen_addresses=127.0.0.1",
            f"-c port={self.port}",
            f"-c unix_socket_directories={self.root}",
            f"-c max_connections={self.max_connections}",
        ]
        if not self.durable:
            options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        started = self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60",
            "-o", " ".join(options), "start",
        )  # fmt: skip
        if started.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            self.stop()
            raise PostgresUnavailable(f"pg_ctl start failed: {started.stderr.strip()}\n{log}")
        self.started = True
        deadline = time.monotonic() + 30
        while True:
            try:
                check_reachable(self.url, timeout=2)
                break
            except PostgresUnavailable:
                if time.monotonic() > deadline:
                    self.stop()
                    raise
                time.sleep(0.2)
        return self.url

    def postmaster_pid(self) -> int | None:
        """The server's main process (its backends are its children), while it runs."""
        try:
            return int((self.data / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def stop(self) -> None:
        """Stop the server (fast shutdown) and remove its directory."""
        if self.started:
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", timeout=60)
            self.started = False
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> ThrowawayCluster:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
