"""Only the owner sees and uses their connections and posts: pages and API by role."""

from __future__ import annotations

import pytest

from manyvoices.api.models import ApiToken
from manyvoices.networks.models import Connection, Delivery
from manyvoices.networks.publishing import create_post


@pytest.fixture
def connection(people):
    c = Connection.objects.create(
        owner=people.alice, network="mastodon", server="https://example.social",
        account_id="1", handle="@alice@example.social",
    )  # fmt: skip
    c.save_credentials({"access_token": "secret-token-value"})
    return c


def _bearer(user):
    _token, secret = ApiToken.issue(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.mark.parametrize("role", ["alice", "bob", "charlie", "comms", "compliance", "admin"])
def test_the_connections_page_lists_only_your_own(role, people, connection, client_for):
    page = client_for(people.by_role(role)).get("/settings/connections/")
    assert page.status_code == 200
    assert ("@alice@example.social" in page.content.decode()) == (role == "alice")
    assert "secret-token-value" not in page.content.decode()


def test_anonymous_people_are_sent_to_sign_in(client_for, connection):
    for url in ("/settings/connections/", "/publish/", f"/publish/{1}/"):
        response = client_for(None).get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", ["bob", "charlie", "admin"])
def test_no_one_else_can_disconnect_your_account(role, people, connection, client_for):
    response = client_for(people.by_role(role)).post(
        f"/settings/connections/{connection.pk}/disconnect/"
    )
    assert response.status_code == 404
    assert Connection.objects.filter(pk=connection.pk).exists()


@pytest.mark.parametrize("role", ["bob", "charlie", "admin"])
def test_no_one_else_can_publish_with_your_connection(role, people, policy, connection, client_for):
    user = people.by_role(role)
    response = client_for(user).post(
        "/publish/", {"text": "Hello river", "connections": [connection.pk]}
    )
    assert response.status_code == 400
    assert "no connection of yours" in response.content.decode()
    api = client_for(None).post(
        "/api/v1/posts", {"text": "Hello river", "connections": [connection.pk]},
        content_type="application/json", **_bearer(user),
    )  # fmt: skip
    assert api.status_code == 422 and "connections" in api.json()["detail"]
    assert not Delivery.objects.exists()


@pytest.mark.parametrize("role", ["bob", "charlie", "compliance", "admin"])
def test_no_one_else_sees_your_post_or_acts_on_it(role, people, policy, connection, client_for):
    post = create_post(author=people.alice, text="Hello river", connection_ids=[connection.pk])
    delivery = post.deliveries.get()
    client = client_for(people.by_role(role))
    assert client.get(f"/publish/{post.pk}/").status_code == 404
    assert client.post(f"/publish/deliveries/{delivery.pk}/cancel/").status_code == 404
    api = client_for(None).get(f"/api/v1/posts/{post.pk}", **_bearer(people.by_role(role)))
    assert api.status_code == 404
    assert client_for(people.alice).get(f"/publish/{post.pk}/").status_code == 200


def test_the_api_lists_only_your_connections_without_secrets(people, connection, client_for):
    mine = client_for(None).get("/api/v1/connections", **_bearer(people.alice)).json()
    assert [c["handle"] for c in mine] == ["@alice@example.social"]
    assert "secret" not in mine[0] and "secret-token-value" not in str(mine)
    assert client_for(None).get("/api/v1/connections", **_bearer(people.bob)).json() == []
    assert client_for(None).get("/api/v1/connections").status_code == 401
