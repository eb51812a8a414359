"""Background tasks of the internal network (`manyvoices worker` runs them). Thin and
idempotent: a notification once emailed is marked, so a rerun sends nothing twice."""

from __future__ import annotations

from django_tasks import task

from . import digest


@task()
def send_notification_digests() -> int:
    return digest.send_digests()


# What `manyvoices worker` enqueues on its own: the digest once a day.
PERIODIC = ((send_notification_digests, 24 * 60 * 60),)
