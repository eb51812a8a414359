"""The advocacy hub in the API: GET /api/v1/shareables, POST /api/v1/shares,
GET /api/v1/shares/{id}, GET /api/v1/analytics/summary, by role."""

from __future__ import annotations

from typing import Any

import pytest

from manyvoices.advocacy.models import Click, Share
from manyvoices.api.models import ApiToken

from .advocacy_helpers import make_share, make_shareable
from .conftest import BLOCKED_TEXT


def auth(user: Any) -> dict[str, str]:
    _t, token = ApiToken.issue(user, "t")
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.fixture
def item(policy: Any) -> Any:
    return make_shareable(title="Lisbon office")


def test_every_endpoint_needs_a_token(client: Any, item: Any) -> None:
    for method, path in [
        ("get", "/api/v1/shareables"),
        ("post", "/api/v1/shares"),
        ("get", "/api/v1/shares/1"),
        ("get", "/api/v1/analytics/summary"),
    ]:
        assert getattr(client, method)(path).status_code == 401


def test_shareables_come_with_their_suggestions(people: Any, item: Any, client: Any) -> None:
    item.suggestions.create(network="x", text="Look! (Globodyne employee)")
    listed = client.get("/api/v1/shareables", **auth(people.bob)).json()
    assert listed[0]["title"] == "Lisbon office"
    assert listed[0]["suggestions"] == [{"network": "x", "text": "Look! (Globodyne employee)"}]


def test_a_share_is_made_with_its_short_url_and_share_link(
    people: Any, item: Any, client: Any
) -> None:
    response = client.post(
        "/api/v1/shares",
        {"shareable_id": item.pk, "network": "bluesky", "text": "Open now (Globodyne employee)"},
        content_type="application/json",
        **auth(people.alice),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    share = Share.objects.get()
    assert body["short_url"].endswith(f"/l/{share.code}")
    assert body["share_link"].startswith("https://bsky.app/intent/compose?text=")
    assert body["clicks"] == {"total": 0, "human": 0, "unique": 0, "bots": 0}


def test_a_blocked_text_answers_422_with_the_review(people: Any, item: Any, client: Any) -> None:
    response = client.post(
        "/api/v1/shares",
        {"shareable_id": item.pk, "network": "x", "text": BLOCKED_TEXT},
        content_type="application/json",
        **auth(people.alice),
    )
    assert response.status_code == 422
    body = response.json()
    assert "blocked" in body["detail"]
    assert body["review"]["verdict"] == "block"
    assert "confidential.codename" in {f["rule"] for f in body["review"]["findings"]}
    assert not Share.objects.exists()


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"network": "x", "text": "hi"}, "shareable_id"),
        ({"shareable_id": 1, "network": "myspace", "text": "hi"}, "'myspace'"),
        ({"shareable_id": 1, "network": "x", "text": "   "}, "write a text"),
    ],
)
def test_bad_input_is_named(
    people: Any, item: Any, client: Any, payload: dict[str, Any], message: str
) -> None:
    if "shareable_id" in payload:
        payload["shareable_id"] = item.pk
    response = client.post(
        "/api/v1/shares", payload, content_type="application/json", **auth(people.alice)
    )
    assert response.status_code == 422
    assert message in response.json()["detail"]


def test_a_share_with_its_clicks_is_seen_by_its_owner_and_comms_only(
    people: Any, item: Any, client: Any
) -> None:
    share = make_share(people.alice, item)
    Click.objects.create(share=share, visitor="a" * 32, ua_class="browser")
    Click.objects.create(share=share, visitor="b" * 32, ua_class="preview", is_bot=True)
    for user in (people.alice, people.comms, people.admin):
        response = client.get(f"/api/v1/shares/{share.pk}", **auth(user))
        assert response.status_code == 200
        assert response.json()["clicks"] == {"total": 2, "human": 1, "unique": 1, "bots": 1}
    for user in (people.bob, people.charlie, people.compliance):
        assert client.get(f"/api/v1/shares/{share.pk}", **auth(user)).status_code == 404


@pytest.mark.parametrize(
    ("role", "status"),
    [("comms", 200), ("admin", 200), ("alice", 403), ("compliance", 403)],
)
def test_the_analytics_summary_is_for_comms_and_admins(
    people: Any, item: Any, client: Any, role: str, status: int
) -> None:
    make_share(people.alice, item, reach=1000)
    response = client.get("/api/v1/analytics/summary?days=7", **auth(people.by_role(role)))
    assert response.status_code == status
    if status == 200:
        body = response.json()
        assert body["totals"]["shares"] == 1 and body["totals"]["estimated_reach"] == 1000
        assert body["by_department"][0]["name"] == "Engineering"
        assert "Earned media value" in body["formula"]
