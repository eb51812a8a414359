"""`manyvoices worker`: runs background tasks (Django's tasks API, database backend) and
each app's periodic work.

The task loop is django-tasks-db's own worker: on PostgreSQL a task is claimed with
`SELECT ... FOR UPDATE SKIP LOCKED`, so any number of workers share the queue. It has no
lease: a task claimed by a worker that dies stays "running" forever. Work that must not
be lost therefore keeps its own lease in its own rows, and a reaper listed in the app's
PERIODIC finds it again (manyvoices.networks.publishing.recover).

Each app's `tasks` module may define PERIODIC = ((job, seconds), ...): a task is queued
every so often (not when one is already waiting, so several workers do not pile them up);
a plain function is called in the worker itself (for cheap, idempotent sweeps).
"""

from __future__ import annotations

import importlib
import logging
import threading
import time
from typing import Any

log = logging.getLogger("manyvoices.worker")


def periodic_jobs() -> list[tuple[Any, float]]:
    from django.apps import apps

    jobs: list[tuple[Any, float]] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("manyvoices."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tasks")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.tasks":
                raise
            continue
        jobs.extend((job, float(seconds)) for job, seconds in getattr(module, "PERIODIC", ()))
    return jobs


def _run_job(job: Any) -> None:
    if hasattr(job, "enqueue"):
        from django_tasks_db.compat import TaskResultStatus
        from django_tasks_db.models import DBTaskResult

        path = f"{job.func.__module__}.{job.func.__qualname__}"
        if DBTaskResult.objects.filter(task_path=path, status=TaskResultStatus.READY).exists():
            return
        job.enqueue()
    else:
        job()


class Ticker(threading.Thread):
    """Runs the periodic jobs beside the task loop, in the same process."""

    def __init__(self, jobs: list[tuple[Any, float]]) -> None:
        super().__init__(name="manyvoices-periodic", daemon=True)
        self.jobs = jobs
        self.next_run = [0.0 for _ in jobs]
        self.stopped = threading.Event()

    def run(self) -> None:
        from django.db import close_old_connections, connection

        while not self.stopped.is_set():
            now = time.monotonic()
            for index, (job, seconds) in enumerate(self.jobs):
                if now < self.next_run[index]:
                    continue
                self.next_run[index] = now + seconds
                try:
                    close_old_connections()
                    _run_job(job)
                except Exception:
                    log.exception("periodic job %r failed", job)
                    connection.close()
            self.stopped.wait(0.25)


def run(
    *,
    interval: float = 0.5,
    queues: str = "default",
    worker_id: str = "",
    max_tasks: int | None = None,
    batch: bool = False,
    periodic: bool = True,
) -> int:
    """The worker loop; returns when stopped (SIGTERM/SIGINT finish the running task first)."""
    from django.utils.crypto import get_random_string
    from django_tasks_db.compat import DEFAULT_TASK_BACKEND_ALIAS
    from django_tasks_db.management.commands.db_worker import Worker

    ticker = None
    if periodic:
        ticker = Ticker(periodic_jobs())
        ticker.start()
    worker = Worker(
        queue_names=queues.split(","),
        interval=interval,
        batch=batch,
        backend_name=DEFAULT_TASK_BACKEND_ALIAS,
        startup_delay=False,
        max_tasks=max_tasks,
        worker_id=worker_id or get_random_string(32),
        excluded_queue_names=[],
    )
    worker.configure_signals()
    try:
        worker.run()
    finally:
        if ticker is not None:
            ticker.stopped.set()
    return 0
