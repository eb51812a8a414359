"""Faults while publishing: 500s, timeouts, 429 with Retry-After and a revoked token. Each
post ends up on the server exactly once (or, where that cannot be known, asks its author)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from manyvoices.networks.models import Connection, Delivery
from manyvoices.networks.publishing import create_post
from tests.networks.conftest import connect_oauth, make_due, run_due


def _mastodon(people, client_for, mastodon):
    connect_oauth(client_for(people.alice), "mastodon", mastodon.url)
    return Connection.objects.get(owner=people.alice, network="mastodon")


def _linkedin(people, client_for):
    connect_oauth(client_for(people.alice), "linkedin")
    return Connection.objects.get(owner=people.alice, network="linkedin")


def _publish(people, connection, text="Lovely sunny day for a walk by the river"):
    return create_post(author=people.alice, text=text, connection_ids=[connection.pk])


def test_a_500_after_mastodon_posted_is_retried_with_the_same_key_and_posts_once(
    people, policy, client_for, mastodon
):
    connection = _mastodon(people, client_for, mastodon)
    mastodon.fault("POST /api/v1/statuses", status=500, after=True)
    post = _publish(people, connection)
    run_due()
    delivery = post.deliveries.get()
    assert delivery.state == Delivery.State.RECONCILE and "error" in delivery.message
    make_due()
    run_due()
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.PUBLISHED
    assert len(mastodon.posts) == 1 and mastodon.count("POST", "/api/v1/statuses") == 2


def test_a_mastodon_timeout_is_retried_with_the_same_key_and_posts_once(
    people, policy, client_for, mastodon
):
    connection = _mastodon(people, client_for, mastodon)
    mastodon.fault("POST /api/v1/statuses", hang=4.5, after=True)
    post = _publish(people, connection)
    run_due()
    assert post.deliveries.get().state == Delivery.State.RECONCILE
    make_due()
    run_due()
    assert post.deliveries.get().state == Delivery.State.PUBLISHED
    assert len(mastodon.posts) == 1


def test_a_429_waits_at_least_retry_after_then_publishes(people, policy, client_for, mastodon):
    connection = _mastodon(people, client_for, mastodon)
    mastodon.fault(
        "POST /api/v1/statuses", status=429, headers={"Retry-After": "120"},
        body={"error": "Too many requests"},
    )  # fmt: skip
    before = timezone.now()
    post = _publish(people, connection)
    run_due()
    delivery = post.deliveries.get()
    assert delivery.state == Delivery.State.SCHEDULED  # nothing was posted: a plain retry
    assert delivery.due_at >= before + dt.timedelta(seconds=120)
    assert run_due() == []  # not before its time
    make_due()
    run_due()
    assert post.deliveries.get().state == Delivery.State.PUBLISHED
    assert len(mastodon.posts) == 1


def test_a_429_with_an_http_date_is_honoured_too(people, policy, client_for, linkedin):
    connection = _linkedin(people, client_for)
    when = timezone.now() + dt.timedelta(minutes=10)
    linkedin.fault(
        "POST /rest/posts", status=429,
        headers={"Retry-After": when.strftime("%a, %d %b %Y %H:%M:%S GMT")},
        body={"status": 429, "message": "Resource level throttle limit exceeded"},
    )  # fmt: skip
    post = _publish(people, connection)
    run_due()
    delivery = post.deliveries.get()
    assert delivery.due_at >= when - dt.timedelta(seconds=2)
    assert linkedin.posts == []


def test_a_500_after_linkedin_posted_is_found_by_reading_back_not_posted_again(
    people, policy, client_for, linkedin
):
    connection = _linkedin(people, client_for)
    linkedin.fault("POST /rest/posts", status=500, after=True)
    post = _publish(people, connection)
    run_due()
    assert post.deliveries.get().state == Delivery.State.RECONCILE
    make_due()
    run_due()
    delivery = post.deliveries.get()
    assert delivery.state == Delivery.State.PUBLISHED
    assert len(linkedin.posts) == 1 and linkedin.count("POST", "/rest/posts") == 1
    assert delivery.remote_id == linkedin.posts[0]["id"]


def test_a_500_before_linkedin_posted_is_read_back_then_posted_once(
    people, policy, client_for, linkedin
):
    connection = _linkedin(people, client_for)
    linkedin.fault("POST /rest/posts", status=503)
    post = _publish(people, connection)
    run_due()
    make_due()
    run_due()
    assert post.deliveries.get().state == Delivery.State.PUBLISHED
    assert len(linkedin.posts) == 1 and linkedin.count("GET", "/rest/posts") == 1


def test_a_linkedin_timeout_without_reading_access_is_uncertain(
    people, policy, client_for, linkedin, mailoutbox
):
    connection = _linkedin(people, client_for)
    linkedin.read_forbidden = True
    linkedin.fault("POST /rest/posts", hang=4.5, after=True)
    post = _publish(people, connection)
    run_due()
    make_due()
    run_due()
    delivery = post.deliveries.get()
    assert delivery.state == Delivery.State.UNCERTAIN
    assert "could not tell" in delivery.message
    assert len(linkedin.posts) == 1 and linkedin.count("POST", "/rest/posts") == 1
    assert "Is your LinkedIn post there?" in mailoutbox[-1].subject


def test_the_author_settles_an_uncertain_post(people, policy, client_for, linkedin):
    connection = _linkedin(people, client_for)
    linkedin.read_forbidden = True
    linkedin.fault("POST /rest/posts", hang=4.5, after=True)
    post = _publish(people, connection)
    run_due()
    make_due()
    run_due()
    delivery = post.deliveries.get()
    client = client_for(people.alice)
    assert (
        client_for(people.bob).post(f"/publish/deliveries/{delivery.pk}/confirm/").status_code
        == 404
    )
    client.post(f"/publish/deliveries/{delivery.pk}/confirm/", {"url": "https://example.org/p/1"})
    delivery.refresh_from_db()
    assert (
        delivery.state == Delivery.State.PUBLISHED
        and delivery.remote_url == "https://example.org/p/1"
    )


def test_a_revoked_token_waits_for_reconnecting_then_publishes(
    people, policy, client_for, mastodon, mailoutbox
):
    connection = _mastodon(people, client_for, mastodon)
    mastodon.revoke_all()
    post = _publish(people, connection)
    run_due()
    delivery = post.deliveries.get()
    assert delivery.state == Delivery.State.RECONNECT
    connection.refresh_from_db()
    assert connection.status == Connection.Status.REVOKED
    assert "/settings/connections/" in mailoutbox[-1].body
    page = client_for(people.alice).get(f"/publish/{post.pk}/").content.decode()
    assert "Reconnect Mastodon" in page and 'href="/settings/connections/"' in page
    assert mastodon.posts == []
    connect_oauth(client_for(people.alice), "mastodon", mastodon.url)  # the same account again
    assert post.deliveries.get().state == Delivery.State.SCHEDULED
    run_due()
    assert post.deliveries.get().state == Delivery.State.PUBLISHED
    assert len(mastodon.posts) == 1


def test_an_unreachable_network_is_retried_with_growing_waits(people, policy, client_for, settings):
    from tests.networks.fakes import FakeMastodon

    with FakeMastodon() as mastodon:
        connection = _mastodon(people, client_for, mastodon)
    # The server is gone: connection refused.
    post = _publish(people, connection)
    waits = []
    for _ in range(3):
        start = timezone.now()
        run_due()
        delivery = post.deliveries.get()
        assert delivery.state == Delivery.State.SCHEDULED, delivery.message
        waits.append((delivery.due_at - start).total_seconds())
        make_due()
    assert waits[0] < waits[2]
    settings.PUBLISH_MAX_ATTEMPTS = 4
    run_due()
    delivery = post.deliveries.get()
    assert delivery.state == Delivery.State.FAILED and "giving up" in delivery.message
