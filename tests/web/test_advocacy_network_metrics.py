"""Likes, reposts, replies and views that manyvoices.networks fetches for posts published
through connected accounts appear in the advocacy analytics: the page's figures and tables,
every CSV export and GET /api/v1/analytics/summary, for communications and admins only.
Shares without metrics count zero."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.utils import timezone

from manyvoices.advocacy.models import Campaign
from manyvoices.api.models import ApiToken
from manyvoices.networks.models import Connection, Delivery, Post

from .advocacy_helpers import make_share, make_shareable


def auth(user: Any) -> dict[str, str]:
    _t, token = ApiToken.issue(user, "t")
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def published(share: Any, state: str = "published", **counts: int) -> Delivery:
    """The networks app's record of `share` posted through its author's connected account."""
    connection, _ = Connection.objects.get_or_create(
        owner=share.user, network=share.network, server="https://social.example", account_id="1"
    )
    post = Post.objects.create(author=share.user, text=share.text, advocacy_share_id=share.pk)
    return Delivery.objects.create(
        post=post,
        connection=connection,
        network=share.network,
        text=share.text,
        state=state,
        remote_id=f"remote-{share.pk}",
        published_at=timezone.now(),
        metrics_at=timezone.now(),
        **counts,
    )


@pytest.fixture
def engaged(people: Any, policy: Any) -> dict[str, Any]:
    spring = Campaign.objects.create(name="Spring")
    news = make_shareable(title="Spring news", campaign=spring)
    other = make_shareable(title="Other news")
    s1 = make_share(people.alice, news, network="mastodon")
    published(s1, likes=7, reposts=3, replies=2, views=100)
    s2 = make_share(people.charlie, news, network="bluesky")
    published(s2, likes=5, reposts=1, replies=0)  # Bluesky reports no views: stays NULL
    published(s2, state="failed", likes=1000)  # not published: never counted
    make_share(people.bob, other, network="linkedin")  # shared by hand: no metrics
    return {"spring": spring}


def test_the_summary_adds_up_likes_reposts_replies_and_views(people: Any, engaged: Any) -> None:
    from manyvoices.advocacy import analytics

    data = analytics.summary(timezone.now() - dt.timedelta(days=1))
    t = data["totals"]
    assert (t["likes"], t["reposts"], t["replies"], t["views"]) == (12, 4, 2, 100)
    campaigns = {r.label: (r.likes, r.reposts, r.replies, r.views) for r in data["by_campaign"]}
    assert campaigns == {"Spring": (12, 4, 2, 100), "—": (0, 0, 0, 0)}
    departments = {r.label: (r.likes, r.views) for r in data["by_department"]}
    assert departments == {"Engineering": (7, 100), "Sales": (5, 0)}
    shareables = {r.label: r.likes for r in data["by_shareable"]}
    assert shareables == {"Spring news": 12, "Other news": 0}
    networks = {r.key: (r.likes, r.reposts) for r in data["by_network"]}
    assert networks == {"mastodon": (7, 3), "bluesky": (5, 1), "linkedin": (0, 0)}


def test_the_page_shows_the_engagement_figures_to_comms(
    people: Any, engaged: Any, client_for: Any
) -> None:
    response = client_for(people.comms).get("/hub/analytics/?days=7")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<dd id="total-likes">12</dd>' in page
    assert '<dd id="total-reposts">4</dd>' in page
    assert '<dd id="total-replies">2</dd>' in page
    assert '<dd id="total-views">100</dd>' in page
    assert '<th scope="col">Likes</th>' in page
    assert "<td>Spring</td>" in page and "<td>12</td><td>4</td><td>2</td><td>100</td>" in page


@pytest.mark.parametrize("table", ["campaigns", "shareables", "departments", "networks"])
def test_every_table_exports_its_engagement_as_csv(
    people: Any, engaged: Any, client_for: Any, table: str
) -> None:
    response = client_for(people.admin).get(f"/hub/analytics/?days=7&export={table}")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert sum(int(r["likes"]) for r in rows) == 12
    assert sum(int(r["reposts"]) for r in rows) == 4
    assert sum(int(r["replies"]) for r in rows) == 2
    assert sum(int(r["views"]) for r in rows) == 100
    if table != "departments":  # bob's hand-made share shares Engineering with alice's
        assert any(r["likes"] == "0" and r["views"] == "0" for r in rows)


def test_the_api_summary_reports_engagement(people: Any, engaged: Any, client: Any) -> None:
    response = client.get("/api/v1/analytics/summary?days=7", **auth(people.comms))
    assert response.status_code == 200
    body = response.json()
    assert {k: body["totals"][k] for k in ("likes", "reposts", "replies", "views")} == {
        "likes": 12,
        "reposts": 4,
        "replies": 2,
        "views": 100,
    }
    spring = next(r for r in body["by_campaign"] if r["name"] == "Spring")
    assert (spring["likes"], spring["views"]) == (12, 100)
    sales = next(r for r in body["by_department"] if r["name"] == "Sales")
    assert (sales["likes"], sales["views"]) == (5, 0)
    schema = client.get("/api/openapi.json").json()["components"]["schemas"]
    assert {"likes", "reposts", "replies", "views"} <= set(
        schema["AnalyticsTotalsOut"]["properties"]
    )


def test_shares_without_metrics_show_zeros(people: Any, policy: Any, client_for: Any) -> None:
    share = make_share(people.alice, make_shareable(title="Quiet news"), network="mastodon")
    published(share)  # published, but the network has not reported anything yet
    page = client_for(people.comms).get("/hub/analytics/?days=7").content.decode()
    assert '<dd id="total-likes">0</dd>' in page and '<dd id="total-views">0</dd>' in page
    csv_rows = list(
        csv.DictReader(
            io.StringIO(
                client_for(people.comms).get("/hub/analytics/?export=shareables").content.decode()
            )
        )
    )
    assert [(r["name"], r["likes"], r["views"]) for r in csv_rows] == [("Quiet news", "0", "0")]


@pytest.mark.parametrize("role", ["alice", "bob", "charlie", "compliance", "anonymous"])
def test_engagement_is_not_for_others(
    people: Any, engaged: Any, client_for: Any, client: Any, role: str
) -> None:
    user = people.by_role(role)
    page = client_for(user).get("/hub/analytics/?days=7")
    assert page.status_code in (302, 403)
    export = client_for(user).get("/hub/analytics/?export=campaigns")
    assert export.status_code in (302, 403)
    assert not export.get("Content-Type", "").startswith("text/csv")
    api = client.get("/api/v1/analytics/summary", **(auth(user) if user else {}))
    assert api.status_code == (401 if user is None else 403)
    assert "likes" not in api.content.decode()


def test_the_demo_shows_network_engagement(db: Any, client: Any) -> None:
    from manyvoices.demo import load_demo
    from manyvoices.people.models import User

    assert load_demo()
    comms = User.objects.get(email="comms@acme.example")
    totals = client.get("/api/v1/analytics/summary", **auth(comms)).json()["totals"]
    assert totals["likes"] > 0 and totals["views"] > 0
    # demo posts have no connection, so the offline demo never tries to fetch for them
    assert not Delivery.objects.filter(remote_id__startswith="demo-", connection__isnull=False)
