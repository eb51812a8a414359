"""X: the share link always; the API (OAuth 2 with PKCE, POST /2/tweets) when an admin has
set its keys; without reading access an unknown outcome is 'uncertain', never retried."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from manyvoices.networks.models import Connection, Delivery
from manyvoices.networks.publishing import create_post
from tests.networks.conftest import connect_oauth, make_due, run_due


def test_without_api_keys_x_is_a_share_link_with_the_fitted_text(people, policy, settings):
    settings.X_CLIENT_ID = ""
    text = "Lovely sunny day for a walk by the river " * 10
    post = create_post(author=people.alice, text=text, share_link_networks=["x"])
    delivery = post.deliveries.get()
    assert delivery.state == Delivery.State.HANDOFF
    link = urlsplit(delivery.remote_url)
    assert (link.netloc, link.path) == ("x.com", "/intent/post")
    shared = parse_qs(link.query)["text"][0]
    assert shared == delivery.text and shared.endswith("…") and len(shared) <= 280


def test_with_api_keys_x_connects_with_pkce_and_publishes(people, policy, client_for, x_api):
    connect_oauth(client_for(people.alice), "x")
    connection = Connection.objects.get(owner=people.alice, network="x")
    assert connection.handle == "@alice"
    post = create_post(author=people.alice, text="Hello river", connection_ids=[connection.pk])
    run_due()
    delivery = post.deliveries.get()
    assert delivery.state == Delivery.State.PUBLISHED, delivery.message
    [tweet] = x_api.posts
    assert tweet["text"] == "Hello river" and delivery.remote_id == tweet["id"]


def test_a_timeout_without_reading_access_is_uncertain_and_asks_the_author(
    people, policy, client_for, x_api, mailoutbox
):
    connect_oauth(client_for(people.alice), "x")
    connection = Connection.objects.get(owner=people.alice, network="x")
    x_api.read_forbidden = True
    x_api.fault("POST /2/tweets", hang=4.5, after=True)  # posted, but no answer in time
    post = create_post(author=people.alice, text="Hello river", connection_ids=[connection.pk])
    run_due()
    delivery = post.deliveries.get()
    assert delivery.state == Delivery.State.RECONCILE
    make_due()
    run_due()
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.UNCERTAIN
    assert len(x_api.posts) == 1  # never retried blindly
    assert "Is your X post there?" in mailoutbox[-1].subject
