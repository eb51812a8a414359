"""Analytics for communications: shares, clicks, click-through rate, active advocates,
estimated reach and earned media value (per-network CPM and CPC the company sets, the
formula on the page), by campaign, shareable, department, network and day, drawn as SVG
with text alternatives, and every table as CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.utils import timezone

from manyvoices.advocacy import analytics
from manyvoices.advocacy.models import AdvocacySettings, Campaign, Click

from .advocacy_helpers import make_share, make_shareable


def human(share: Any, visitor: str, n: int = 1) -> None:
    for _ in range(n):
        Click.objects.create(share=share, visitor=visitor.ljust(32, "0"), ua_class="browser")


@pytest.fixture
def activity(people: Any, policy: Any) -> dict[str, Any]:
    config = AdvocacySettings.current()
    config.cpm = {"linkedin": 10.0, "x": 4.0}
    config.cpc = {"linkedin": 2.0, "x": 0.5}
    config.save()
    spring = Campaign.objects.create(name="Spring")
    a = make_shareable(title="Spring news", campaign=spring)
    b = make_shareable(title="Other news")
    s1 = make_share(people.alice, a, network="linkedin", reach=2000)
    s2 = make_share(people.charlie, a, network="x", reach=1000)
    s3 = make_share(people.alice, b, network="x", reach=500)
    human(s1, "v1", 3)  # one visitor three times: 3 clicks, 1 unique
    human(s1, "v2")
    human(s2, "v1")  # the same visitor on another share counts for that share too
    Click.objects.create(share=s3, visitor="b" * 32, ua_class="preview", is_bot=True)
    return {"spring": spring, "a": a, "b": b}


def test_the_totals_follow_the_stated_formula(activity: Any) -> None:
    since = timezone.now() - dt.timedelta(days=1)
    t = analytics.summary(since)["totals"]
    assert t["shares"] == 3 and t["active_advocates"] == 2
    assert (t["clicks"], t["unique_clicks"], t["bot_clicks"]) == (5, 3, 1)
    assert t["estimated_reach"] == 3500
    assert t["click_through_rate"] == round(3 / 3500, 4)
    # linkedin: 2000/1000*10 + 2 unique*2 = 24; x: 1500/1000*4 + 1 unique*0.5 = 6.5
    assert t["earned_media_value"] == 30.5


def test_figures_by_campaign_department_and_shareable(activity: Any) -> None:
    data = analytics.summary(timezone.now() - dt.timedelta(days=1))
    campaigns = {r.label: (r.shares, r.unique, r.reach) for r in data["by_campaign"]}
    assert campaigns == {"Spring": (2, 3, 3000), "—": (1, 0, 500)}
    departments = {r.label: (r.shares, r.unique, r.advocates) for r in data["by_department"]}
    assert departments == {"Engineering": (2, 2, 1), "Sales": (1, 1, 1)}
    shareables = {r.label: r.shares for r in data["by_shareable"]}
    assert shareables == {"Spring news": 2, "Other news": 1}
    days = data["by_day"]
    assert days[-1]["shares"] == 3 and days[-1]["clicks"] == 3


def test_the_page_shows_the_figures_the_formula_and_readable_charts(
    people: Any, activity: Any, client_for: Any
) -> None:
    page = client_for(people.comms).get("/hub/analytics/?days=7").content.decode()
    assert '<dd id="total-unique">3</dd>' in page
    assert "30.50 USD" in page
    assert "Earned media value = Σ per network" in page
    assert page.count('<svg class="chart" role="img"') == 3
    assert "<desc" in page and "Unique human clicks by campaign: Spring, 3" in page


@pytest.mark.parametrize("table", ["campaigns", "shareables", "departments", "networks", "days"])
def test_every_table_exports_as_csv(
    people: Any, activity: Any, client_for: Any, table: str
) -> None:
    response = client_for(people.comms).get(f"/hub/analytics/?days=7&export={table}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert f"advocacy-{table}-7d.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert len(rows) >= 2 and rows[0][0] in ("name", "day")


def test_an_unknown_export_is_named(people: Any, activity: Any, client_for: Any) -> None:
    response = client_for(people.comms).get("/hub/analytics/?export=secrets")
    assert response.status_code == 400
    assert "export must be one of" in response.content.decode()


def test_a_csv_cell_cannot_become_a_formula(people: Any, policy: Any, client_for: Any) -> None:
    item = make_shareable(title='=HYPERLINK("http://evil.example")')
    make_share(people.alice, item)
    body = client_for(people.comms).get("/hub/analytics/?export=shareables").content.decode()
    assert "'=HYPERLINK" in body


@pytest.mark.parametrize("role", ["alice", "compliance", "anonymous"])
def test_analytics_and_exports_are_not_for_others(
    people: Any, activity: Any, client_for: Any, role: str
) -> None:
    response = client_for(people.by_role(role)).get("/hub/analytics/?export=departments")
    assert response.status_code in (302, 403)
    assert not response.get("Content-Type", "").startswith("text/csv")


def test_comms_sets_cpm_cpc_caps_and_points(people: Any, policy: Any, client_for: Any) -> None:
    from manyvoices.advocacy.models import SHARE_NETWORKS

    data: dict[str, Any] = {"points_per_share": 5, "points_per_click": 2, "currency": "EUR"}
    for n in SHARE_NETWORKS:
        data.update({f"cap_{n}": 100, f"cpm_{n}": "1.50", f"cpc_{n}": "0.25"})
    response = client_for(people.comms).post("/hub/manage/settings/", data)
    assert response.status_code == 302
    config = AdvocacySettings.current()
    assert (config.points_per_share, config.points_per_click, config.currency) == (5, 2, "EUR")
    assert config.cap_for("x") == 100 and config.cpm_for("linkedin") == 1.5
    data["cpm_x"] = "-1"
    bad = client_for(people.comms).post("/hub/manage/settings/", data)
    assert bad.status_code == 400
    assert "cpm_x" in bad.context["form"].errors
    assert AdvocacySettings.current().cpm_for("x") == 1.5  # nothing saved
