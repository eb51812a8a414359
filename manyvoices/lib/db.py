"""Database helpers shared by the apps."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def commit_without_waiting() -> Iterator[None]:
    """A transaction whose commit does not wait for the disk.

    For bookkeeping a request should not wait on: statistics rows, rate-limit counters.
    On PostgreSQL the transaction runs with `synchronous_commit` off, so the answer goes
    out without waiting for the WAL flush (several ms on slow disks, with stalls of
    hundreds under load). A server crash can lose the last fraction of a second of such
    writes, never corrupt anything. Inside a caller's transaction nothing is relaxed,
    since that would relax the caller's own writes too; other databases are unaffected.
    """
    outer = connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and not outer:
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        yield
