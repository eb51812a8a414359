"""Points and recognition: points per share and per unique click (set by the company),
leaderboards by week, month and department, badges, and leaving the leaderboards while
still sharing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from manyvoices.advocacy import analytics
from manyvoices.advocacy.models import AdvocacySettings, AdvocateProfile, Click

from .advocacy_helpers import make_share, make_shareable


@pytest.fixture
def scores(people: Any, policy: Any) -> None:
    config = AdvocacySettings.current()
    config.points_per_share, config.points_per_click = 10, 3
    config.save()
    item = make_shareable()
    s = make_share(people.alice, item)
    make_share(people.alice, item, network="x")
    make_share(people.charlie, item)
    for v in ("a", "b", "a"):  # two unique visitors
        Click.objects.create(share=s, visitor=v * 32, ua_class="browser")
    Click.objects.create(share=s, visitor="c" * 32, ua_class="bot", is_bot=True)
    old = make_share(people.bob, item)
    Share = type(old)
    Share.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=40))


def test_points_count_shares_and_unique_human_clicks(people: Any, scores: None) -> None:
    board = {s.name: s.points for s in analytics.leaderboard("week")}
    assert board == {"Alice Archer": 2 * 10 + 2 * 3, "Charlie Chen": 10}


def test_the_month_board_leaves_out_older_shares(people: Any, scores: None) -> None:
    assert "Bob Baker" not in {s.name for s in analytics.leaderboard("month")}


def test_departments_add_up_their_people(people: Any, scores: None) -> None:
    board = {d.name: d.points for d in analytics.department_board("week")}
    assert board == {"Engineering": 26, "Sales": 10}


def test_a_person_may_leave_the_leaderboards_and_still_share(
    people: Any, scores: None, client_for: Any
) -> None:
    client = client_for(people.alice)
    response = client.post("/hub/me/", {"weekly_digest": "on"})
    assert response.status_code == 302
    assert AdvocateProfile.of(people.alice).on_leaderboard is False
    page = client_for(people.bob).get("/hub/leaderboard/").content.decode()
    assert "Alice Archer" not in page and "Charlie Chen" in page
    # Still counted in the department's total, never shown by name.
    assert {d.name: d.points for d in analytics.department_board("week")}["Engineering"] == 26
    item = make_shareable(title="More")
    shared = client.post(
        f"/hub/{item.pk}/share/", {"network": "x", "text": "Good read (Globodyne employee)"}
    )
    assert shared.status_code == 302


def test_badges_are_earned(people: Any, scores: None) -> None:
    names = {b.name for b in analytics.badges_for(people.alice)}
    assert names == {"First share", "Conversation starter"}
    assert analytics.badges_for(people.compliance) == []


def test_the_leaderboard_page_switches_between_week_and_month(
    people: Any, scores: None, client_for: Any
) -> None:
    client = client_for(people.charlie)
    assert "Leaderboard: this week" in client.get("/hub/leaderboard/").content.decode()
    assert (
        "Leaderboard: this month" in client.get("/hub/leaderboard/?period=month").content.decode()
    )
    assert client_for(None).get("/hub/leaderboard/").status_code == 302


def test_the_sharing_settings_name_a_bad_value(people: Any, policy: Any, client_for: Any) -> None:
    response = client_for(people.alice).post(
        "/hub/me/", {"mastodon_instance": "not a server!", "reach_x": "-5"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "like mastodon.social" in page and "greater than or equal to 0" in page
