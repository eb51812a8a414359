"""POST /api/v1/posts publishes now or at scheduled_for; GET /api/v1/posts/{id} gives the
state on each network; bad requests are 422 naming the field."""

from __future__ import annotations

import base64
import datetime as dt

from django.utils import timezone

from manyvoices.api.models import ApiToken
from manyvoices.networks.models import Connection
from tests.networks.conftest import connect_oauth, run_due


def _bearer(user):
    _token, secret = ApiToken.issue(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def _post(client, headers, body):
    return client.post("/api/v1/posts", body, content_type="application/json", **headers)


def test_publish_now_then_read_its_state(people, policy, client_for, mastodon):
    connect_oauth(client_for(people.alice), "mastodon", mastodon.url)
    connection = Connection.objects.get(owner=people.alice)
    client, headers = client_for(None), _bearer(people.alice)
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 16).decode()
    created = _post(client, headers, {
        "text": "Lovely sunny day for a walk by the river",
        "connections": [connection.pk], "share_links": ["x"],
        "images": [{"data_base64": png, "mime": "image/png", "alt": "The river"}],
    })  # fmt: skip
    assert created.status_code == 201, created.content
    body = created.json()
    states = {d["network"]: d["state"] for d in body["deliveries"]}
    assert states == {"mastodon": "scheduled", "x": "handoff"}
    run_due()
    got = client.get(f"/api/v1/posts/{body['id']}", **headers).json()
    mastodon_state = next(d for d in got["deliveries"] if d["network"] == "mastodon")
    assert mastodon_state["state"] == "published"
    assert mastodon_state["url"] == mastodon.posts[0]["url"]
    assert got["state"] == "published"


def test_a_scheduled_post_waits_for_its_time(people, policy, client_for, mastodon):
    connect_oauth(client_for(people.alice), "mastodon", mastodon.url)
    connection = Connection.objects.get(owner=people.alice)
    when = (timezone.now() + dt.timedelta(hours=1)).isoformat()
    created = _post(client_for(None), _bearer(people.alice), {
        "text": "Hello river", "connections": [connection.pk], "scheduled_for": when,
    })  # fmt: skip
    assert created.status_code == 201
    assert run_due() == []
    assert mastodon.posts == []


def test_bad_requests_name_the_field(people, policy, client_for, mastodon):
    connect_oauth(client_for(people.alice), "mastodon", mastodon.url)
    connection = Connection.objects.get(owner=people.alice)
    client, headers = client_for(None), _bearer(people.alice)
    cases = [
        ({"text": "", "connections": [connection.pk]}, "text"),
        ({"text": "Hi"}, "connections"),
        ({"text": "Hi", "connections": [connection.pk], "scheduled_for": "2020-01-01T00:00:00Z"},
         "scheduled_for"),
        ({"text": "Hi", "connections": [connection.pk],
          "images": [{"data_base64": "!!", "mime": "image/png", "alt": "x"}]}, "images[1]"),
        ({"text": "Hi", "connections": [connection.pk],
          "images": [{"data_base64": "AAAA", "mime": "image/png", "alt": " "}]}, "images[1]"),
    ]  # fmt: skip
    for body, field in cases:
        response = _post(client, headers, body)
        assert response.status_code == 422, (body, response.content)
        assert field in response.json()["detail"], (field, response.json())
    assert _post(client, {}, {"text": "Hi"}).status_code == 401
