"""The demo company has an advocacy hub to look at: shareables in a running campaign,
shares with clicks, and the API shows them."""

from __future__ import annotations

from typing import Any

from manyvoices.advocacy.models import Campaign, Click, Share, Shareable
from manyvoices.api.models import ApiToken
from manyvoices.demo import load_demo
from manyvoices.people.models import User


def test_the_demo_has_a_running_campaign_with_shares_and_clicks(db: Any, client: Any) -> None:
    assert load_demo()
    campaign = Campaign.objects.get()
    assert campaign.is_running and campaign.shareables.exists()
    assert Share.objects.count() >= 5
    assert (
        Click.objects.filter(is_bot=False).exists() and Click.objects.filter(is_bot=True).exists()
    )
    assert Shareable.objects.filter(expires_at__isnull=False).exists()
    employee = User.objects.get(email="employee@acme.example")
    _t, token = ApiToken.issue(employee, "t")
    listed = client.get("/api/v1/shareables", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert any(s["campaign"] == campaign.name for s in listed)
    comms = User.objects.get(email="comms@acme.example")
    _t, token = ApiToken.issue(comms, "t")
    summary = client.get("/api/v1/analytics/summary", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert summary["totals"]["unique_clicks"] > 0
