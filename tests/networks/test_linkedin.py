"""LinkedIn: OAuth 2 with the member's id from userinfo, the Posts API (a link as an
article, an image with alt text), its error answers, token refresh, and revocation."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from manyvoices.networks import metrics
from manyvoices.networks.models import Connection, Delivery
from manyvoices.networks.publishing import create_post
from tests.networks.conftest import connect_oauth, run_due

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def _connect(client_for, people, linkedin):
    connect_oauth(client_for(people.alice), "linkedin")
    return Connection.objects.get(owner=people.alice, network="linkedin")


def test_connecting_stores_the_member_urn_and_encrypted_tokens(people, client_for, linkedin):
    connection = _connect(client_for, people, linkedin)
    assert connection.account_id == "urn:li:person:abc123"
    assert connection.handle == "Alice Archer"
    credentials = connection.credentials
    assert credentials["access_token"] in linkedin.tokens
    assert credentials["access_token"] not in connection.secret
    assert credentials["refresh_token"] not in connection.secret


def test_a_post_with_a_link_is_an_article_and_goes_out_once(people, policy, client_for, linkedin):
    connection = _connect(client_for, people, linkedin)
    post = create_post(
        author=people.alice,
        text="Lovely sunny day for a walk by the river #outdoors",
        link="https://example.org/river",
        link_title="The river",
        connection_ids=[connection.pk],
    )
    run_due()
    delivery = post.deliveries.get()
    assert delivery.state == Delivery.State.PUBLISHED, delivery.message
    [item] = linkedin.posts
    assert item["author"] == "urn:li:person:abc123"
    assert item["commentary"].startswith("Lovely sunny day for a walk by the river \\#outdoors")
    assert item["content"]["article"] == {
        "source": "https://example.org/river",
        "title": "The river",
    }
    assert item["lifecycleState"] == "PUBLISHED" and item["visibility"] == "PUBLIC"
    assert delivery.remote_id == item["id"]
    sent = [h for m, p, h in linkedin.requests if (m, p) == ("POST", "/rest/posts")]
    assert sent[0]["linkedin-version"] and sent[0]["x-restli-protocol-version"] == "2.0.0"


def test_an_image_is_uploaded_and_posted_with_its_alt_text(people, policy, client_for, linkedin):
    connection = _connect(client_for, people, linkedin)
    create_post(
        author=people.alice,
        text="Lovely sunny day for a walk by the river",
        connection_ids=[connection.pk],
        images=[(PNG, "image/png", "The river at noon")],
    )
    run_due()
    [item] = linkedin.posts
    media = item["content"]["media"]
    assert media["altText"] == "The river at noon"
    assert linkedin.images[media["id"]] == PNG


def test_a_refused_post_fails_with_linkedins_message(people, policy, client_for, linkedin):
    connection = _connect(client_for, people, linkedin)
    linkedin.fault(
        "POST /rest/posts", status=422,
        body={"status": 422, "message": "ERROR :: /commentary :: length exceeds 3000"},
    )  # fmt: skip
    post = create_post(author=people.alice, text="Hello river", connection_ids=[connection.pk])
    run_due()
    delivery = post.deliveries.get()
    assert delivery.state == Delivery.State.FAILED
    assert "length exceeds 3000" in delivery.message
    assert linkedin.posts == []


def test_an_expired_token_is_refreshed_before_posting(people, policy, client_for, linkedin):
    connection = _connect(client_for, people, linkedin)
    old = connection.credentials["access_token"]
    Connection.objects.filter(pk=connection.pk).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    post = create_post(author=people.alice, text="Hello river", connection_ids=[connection.pk])
    run_due()
    assert post.deliveries.get().state == Delivery.State.PUBLISHED
    connection.refresh_from_db()
    assert connection.credentials["access_token"] != old
    assert connection.expires_at > timezone.now()


def test_likes_and_comments_are_fetched(people, policy, client_for, linkedin):
    connection = _connect(client_for, people, linkedin)
    post = create_post(author=people.alice, text="Hello river", connection_ids=[connection.pk])
    run_due()
    linkedin.posts[0].update(likes=12, comments=4)
    assert metrics.refresh_due() == 1
    delivery = post.deliveries.get()
    assert (delivery.likes, delivery.replies, delivery.reposts) == (12, 4, None)


def test_disconnecting_revokes_the_token_at_linkedin(people, client_for, linkedin):
    client = client_for(people.alice)
    connection = _connect(client_for, people, linkedin)
    token = connection.credentials["access_token"]
    client.post(f"/settings/connections/{connection.pk}/disconnect/")
    assert token in linkedin.revoked
