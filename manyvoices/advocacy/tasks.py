"""Background tasks (Django's tasks API, the django-tasks backport; `manyvoices worker`
runs them). Each is thin and idempotent: running one twice changes nothing more."""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from . import feeds, notifications
from .models import Feed


@task()
def poll_feed(feed_id: int) -> int:
    feed = Feed.objects.filter(pk=feed_id).first()
    return feeds.poll(feed) if feed is not None else 0


@task()
def poll_feeds() -> int:
    return sum(feeds.poll(feed) for feed in Feed.objects.all())


@task()
def announce_campaigns() -> int:
    return notifications.announce_started()


@task()
def send_digests() -> int:
    return notifications.send_digests()


def enqueue_announcements() -> None:
    transaction.on_commit(lambda: announce_campaigns.enqueue())


# What `manyvoices worker` enqueues on its own, every so many seconds.
PERIODIC = (
    (poll_feeds, 15 * 60),
    (announce_campaigns, 60),
    (send_digests, 60 * 60),
)
