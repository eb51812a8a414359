"""Mastodon on any instance: app registration per instance, OAuth, publishing with alt text
and a content warning and the Idempotency-Key, metrics, and disconnecting revokes."""

from __future__ import annotations

from django.core import mail

from manyvoices.networks import metrics
from manyvoices.networks.models import AppRegistration, Connection, Delivery
from manyvoices.networks.publishing import create_post
from tests.networks.conftest import connect_oauth, run_due

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def test_connecting_registers_the_app_once_per_instance_and_stores_the_token_encrypted(
    people, client_for, mastodon
):
    client = client_for(people.alice)
    response = connect_oauth(client, "mastodon", mastodon.url)
    assert response.status_code == 302
    connection = Connection.objects.get(owner=people.alice)
    assert connection.handle == "@alice@" + mastodon.url.split("://")[1]
    token = connection.credentials["access_token"]
    assert token in mastodon.tokens
    assert token not in connection.secret  # encrypted at rest
    connect_oauth(client_for(people.bob), "mastodon", mastodon.url)
    assert AppRegistration.objects.filter(server=mastodon.url).count() == 1
    assert mastodon.count("POST", "/api/v1/apps") == 1


def test_a_post_goes_out_once_with_alt_text_a_content_warning_and_an_idempotency_key(
    people, policy, client_for, mastodon
):
    connect_oauth(client_for(people.alice), "mastodon", mastodon.url)
    connection = Connection.objects.get(owner=people.alice)
    post = create_post(
        author=people.alice,
        text="Lovely sunny day for a walk by the river",
        connection_ids=[connection.pk],
        content_warning="sun glare",
        images=[(PNG, "image/png", "The river at noon")],
    )
    run_due()
    delivery = post.deliveries.get()
    assert delivery.state == Delivery.State.PUBLISHED, (
        delivery.message,
        [(m, p) for m, p, _ in mastodon.requests],
    )
    assert delivery.state == Delivery.State.PUBLISHED
    [status] = mastodon.posts
    assert status["text"] == "Lovely sunny day for a walk by the river"
    assert status["spoiler_text"] == "sun glare"
    assert status["media_attachments"][0]["description"] == "The river at noon"
    assert delivery.remote_id == status["id"] and delivery.remote_url == status["url"]
    sent = [h for m, p, h in mastodon.requests if m == "POST" and p == "/api/v1/statuses"]
    assert sent[0]["idempotency-key"] == delivery.intent_key


def test_an_invalid_status_fails_with_the_instances_message(people, policy, client_for, mastodon):
    connect_oauth(client_for(people.alice), "mastodon", mastodon.url)
    connection = Connection.objects.get(owner=people.alice)
    mastodon.fault(
        "POST /api/v1/statuses",
        status=422,
        body={"error": "Validation failed: Text character limit of 500 exceeded"},
    )
    post = create_post(author=people.alice, text="Hello river", connection_ids=[connection.pk])
    run_due()
    delivery = post.deliveries.get()
    assert delivery.state == Delivery.State.FAILED
    assert "character limit of 500 exceeded" in delivery.message
    assert mastodon.posts == []
    assert "could not be published" in mail.outbox[-1].subject


def test_metrics_are_fetched_for_published_posts(people, policy, client_for, mastodon):
    connect_oauth(client_for(people.alice), "mastodon", mastodon.url)
    connection = Connection.objects.get(owner=people.alice)
    post = create_post(author=people.alice, text="Hello river", connection_ids=[connection.pk])
    run_due()
    [status] = mastodon.posts
    status.update(favourites_count=7, reblogs_count=3, replies_count=2)
    assert metrics.refresh_due() == 1
    delivery = post.deliveries.get()
    assert (delivery.likes, delivery.reposts, delivery.replies, delivery.views) == (7, 3, 2, None)
    assert metrics.refresh_due() == 0  # not again before the interval


def test_disconnecting_revokes_the_token_at_the_instance(people, client_for, mastodon):
    client = client_for(people.alice)
    connect_oauth(client, "mastodon", mastodon.url)
    connection = Connection.objects.get(owner=people.alice)
    token = connection.credentials["access_token"]
    response = client.post(f"/settings/connections/{connection.pk}/disconnect/")
    assert response.status_code == 302
    assert token in mastodon.revoked
    assert not Connection.objects.filter(pk=connection.pk).exists()
