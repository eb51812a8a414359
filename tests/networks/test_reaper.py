"""The reaper (run by every worker): a claim whose lease ran out belonged to a dead worker;
its delivery goes back to scheduled (only reviewed) or to reconcile (maybe sent) and a task
is queued again; the dead worker's task row stops claiming to run; lost tasks are requeued."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from manyvoices.networks import publishing
from manyvoices.networks.models import Connection, Delivery
from manyvoices.networks.publishing import create_post


def _delivery(people, **fields):
    connection = Connection.objects.create(
        owner=people.alice, network="mastodon", server="https://example.social", account_id="1"
    )
    post = create_post(author=people.alice, text="Hello river", connection_ids=[connection.pk])
    delivery = post.deliveries.get()
    Delivery.objects.filter(pk=delivery.pk).update(**fields)
    return delivery


def test_an_expired_claim_goes_back_to_scheduled_and_is_queued_again(
    people, django_capture_on_commit_callbacks
):
    past = timezone.now() - dt.timedelta(seconds=1)
    delivery = _delivery(people, state="claimed", claim_token="dead", lease_until=past)
    with django_capture_on_commit_callbacks(execute=True):
        assert publishing.recover() == 1
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.SCHEDULED and delivery.claim_token == ""
    assert DBTaskResult.objects.filter(args_kwargs__args=[delivery.pk]).exists()


def test_an_expired_send_goes_to_reconcile_never_straight_back_to_sending(people):
    past = timezone.now() - dt.timedelta(seconds=1)
    delivery = _delivery(people, state="sending", claim_token="dead", lease_until=past)
    publishing.recover()
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.RECONCILE


def test_a_live_lease_is_left_alone(people):
    future = timezone.now() + dt.timedelta(seconds=60)
    delivery = _delivery(people, state="sending", claim_token="alive", lease_until=future)
    assert publishing.recover() == 0
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.SENDING and delivery.claim_token == "alive"


def test_the_dead_workers_task_row_is_marked_failed(people, settings):
    row = DBTaskResult.objects.create(
        task_path="manyvoices.networks.tasks.publish_delivery",
        args_kwargs={"args": [1], "kwargs": {}},
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - dt.timedelta(seconds=3 * settings.PUBLISH_LEASE_SECONDS),
        backend_name="default",
        queue_name="default",
        priority=0,
    )
    publishing.recover()
    row.refresh_from_db()
    assert row.status == TaskResultStatus.FAILED and "lease ran out" in row.traceback


def test_an_overdue_delivery_whose_task_was_lost_is_queued_again(
    people, settings, django_capture_on_commit_callbacks
):
    long_ago = timezone.now() - dt.timedelta(seconds=settings.PUBLISH_OVERDUE_SECONDS + 5)
    delivery = _delivery(people, due_at=long_ago)
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        assert publishing.recover() == 1
    assert DBTaskResult.objects.filter(args_kwargs__args=[delivery.pk]).exists()
    assert publishing.recover() == 0  # not again at once
