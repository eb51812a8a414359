"""The review runs again when a post is published, with the policy and the date of that
moment: a quiet period that began after scheduling holds the post, and its author is told."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from manyvoices.guidelines.models import PolicyVersion
from manyvoices.networks.models import Connection, Delivery
from manyvoices.networks.publishing import create_post
from tests.networks.conftest import connect_oauth, make_due, run_due
from tests.web.conftest import BLOCKED_TEXT, TEST_POLICY

RESULTS = (
    "As announced today, Globodyne revenue grew 12% last quarter: https://globodyne.example/news"
)


def _connection(people, client_for, mastodon):
    connect_oauth(client_for(people.alice), "mastodon", mastodon.url)
    return Connection.objects.get(owner=people.alice, network="mastodon")


def test_a_quiet_period_that_began_after_scheduling_holds_the_post(
    people, policy, client_for, mastodon, mailoutbox
):
    connection = _connection(people, client_for, mastodon)
    post = create_post(
        author=people.alice, text=RESULTS, connection_ids=[connection.pk],
        scheduled_for=timezone.now() + dt.timedelta(hours=2),
    )  # fmt: skip
    today = timezone.now().date()
    quiet = TEST_POLICY.replace('version: "3.1"', 'version: "3.2"') + (
        f"\nquiet_periods:\n  - start: {today - dt.timedelta(days=1)}\n"
        f"    end: {today + dt.timedelta(days=20)}\n    reason: Q4 FY2026 earnings\n"
    )
    newer = PolicyVersion.create_from_yaml(quiet, by=people.compliance, note="quiet period")
    newer.publish(by=people.compliance)
    make_due()
    run_due()
    delivery = post.deliveries.get()
    assert delivery.state == Delivery.State.HELD
    assert "quiet period" in delivery.message and "3.2" in delivery.message
    assert mastodon.posts == []
    assert mailoutbox[-1].to == [people.alice.email]
    assert "held" in mailoutbox[-1].subject


def test_the_same_post_goes_out_when_no_quiet_period_is_in_force(
    people, policy, client_for, mastodon
):
    connection = _connection(people, client_for, mastodon)
    post = create_post(author=people.alice, text=RESULTS, connection_ids=[connection.pk])
    run_due()
    assert post.deliveries.get().state == Delivery.State.PUBLISHED


def test_a_hard_line_is_held_even_when_posted_through_the_api_at_once(
    people, policy, client_for, mastodon
):
    connection = _connection(people, client_for, mastodon)
    post = create_post(author=people.alice, text=BLOCKED_TEXT, connection_ids=[connection.pk])
    run_due()
    delivery = post.deliveries.get()
    assert delivery.state == Delivery.State.HELD and "Bluebird" in delivery.message
    assert mastodon.posts == []
