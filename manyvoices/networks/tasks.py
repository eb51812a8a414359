"""Background tasks (Django's tasks API; `manyvoices worker` runs them). Thin: each calls
one function of publishing.py or metrics.py, and running one twice changes nothing more."""

from __future__ import annotations

from django_tasks import task

from . import metrics, publishing


@task()
def publish_delivery(delivery_id: int) -> str:
    return publishing.run(delivery_id)


@task()
def fetch_metrics() -> int:
    return metrics.refresh_due()


def recover() -> int:
    return publishing.recover()


# What `manyvoices worker` does on its own, every so many seconds: a task is queued, a plain
# function is called in the worker (the reaper: one cheap query, safe from every worker).
PERIODIC = (
    (recover, 2),
    (fetch_metrics, 15 * 60),
)
