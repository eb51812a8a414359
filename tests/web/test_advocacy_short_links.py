"""Short links: /l/<code> redirects to the target with UTM parameters and stores every
request as a Click (a salted visitor hash, never the address; bots flagged, not dropped);
"unique per visitor per day" is counted from the stored clicks."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from manyvoices.advocacy import analytics, clicks
from manyvoices.advocacy.models import Campaign, Click, VisitorSalt

from .advocacy_helpers import BROWSER_UA, PREVIEW_UA, make_share, make_shareable


@pytest.fixture(autouse=True)
def _fresh_caches() -> None:
    clicks.targets.clear()
    clicks.forget_salt()


@pytest.fixture
def share(people: Any, policy: Any) -> Any:
    campaign = Campaign.objects.create(name="Lisbon Launch")
    item = make_shareable(
        url="https://globodyne.example/news?id=7&utm_source=old#top", campaign=campaign
    )
    return make_share(people.alice, item, network="x")


def test_the_short_link_redirects_to_the_target_with_utm_parameters(
    share: Any, client_for: Any
) -> None:
    response = client_for(None).get(f"/l/{share.code}", HTTP_USER_AGENT=BROWSER_UA)
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert (target.scheme, target.netloc, target.path) == ("https", "globodyne.example", "/news")
    query = parse_qs(target.query)
    assert query == {
        "id": ["7"],
        "utm_source": ["x"],
        "utm_medium": ["employee_advocacy"],
        "utm_campaign": ["lisbon-launch"],
    }
    assert target.fragment == "top"
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_a_shareable_without_campaign_names_itself_in_utm_campaign(
    people: Any, policy: Any, client_for: Any
) -> None:
    item = make_shareable(url="https://globodyne.example/a")
    share = make_share(people.bob, item, network="linkedin")
    location = client_for(None).get(f"/l/{share.code}", HTTP_USER_AGENT=BROWSER_UA)["Location"]
    assert parse_qs(urlsplit(location).query)["utm_campaign"] == [f"shareable-{item.pk}"]


def test_an_original_post_leads_to_its_public_page(
    people: Any, policy: Any, client_for: Any
) -> None:
    item = make_shareable(kind="post", url="", body="We are hiring in Lisbon")
    share = make_share(people.bob, item)
    location = client_for(None).get(f"/l/{share.code}", HTTP_USER_AGENT=BROWSER_UA)["Location"]
    assert urlsplit(location).path == f"/hub/p/{item.pk}/"
    assert (
        "We are hiring in Lisbon" in client_for(None).get(urlsplit(location).path).content.decode()
    )


def test_every_request_is_stored_and_no_address_is(share: Any, client_for: Any) -> None:
    client = client_for(None)
    for _ in range(3):
        client.get(f"/l/{share.code}", HTTP_USER_AGENT=BROWSER_UA, REMOTE_ADDR="203.0.113.9")
    stored = list(Click.objects.filter(share=share))
    assert len(stored) == 3
    assert {c.ua_class for c in stored} == {"browser"} and not any(c.is_bot for c in stored)
    assert len({c.visitor for c in stored}) == 1 and len(stored[0].visitor) == 32
    for c in stored:
        assert "203.0.113.9" not in c.visitor
    # Counted once as a unique visitor for the day; all three as clicks.
    assert analytics.share_clicks(share) == {"total": 3, "human": 3, "bots": 0, "unique": 1}


@pytest.mark.parametrize(
    ("agent", "kind"),
    [
        (PREVIEW_UA, "preview"),
        (
            "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
            "preview",
        ),
        ("Twitterbot/1.0", "preview"),
        ("Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", "preview"),
        ("http.rb/5.1.1 (Mastodon/4.2.8; +https://mastodon.social/)", "preview"),
        ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "bot"),
        ("curl/8.5.0", "bot"),
        ("", "unknown"),
    ],
)
def test_bots_and_link_previews_are_stored_but_flagged(
    share: Any, client_for: Any, agent: str, kind: str
) -> None:
    response = client_for(None).get(f"/l/{share.code}", HTTP_USER_AGENT=agent)
    assert response.status_code == 302  # a preview still gets the page's card
    click = Click.objects.get(share=share)
    assert (click.ua_class, click.is_bot) == (kind, True)
    assert analytics.share_clicks(share)["human"] == 0


def test_a_head_request_is_a_preview(share: Any, client_for: Any) -> None:
    client_for(None).head(f"/l/{share.code}", HTTP_USER_AGENT=BROWSER_UA)
    assert Click.objects.get().is_bot


def test_unique_visitors_are_counted_per_day_from_stored_clicks(
    share: Any, client_for: Any
) -> None:
    client = client_for(None)
    for address in ("198.51.100.1", "198.51.100.2", "198.51.100.1"):
        client.get(f"/l/{share.code}", HTTP_USER_AGENT=BROWSER_UA, REMOTE_ADDR=address)
    assert analytics.share_clicks(share)["unique"] == 2
    # The next day the same visitor has a new hash (a new salt): counted again.
    tomorrow = timezone.now() + dt.timedelta(days=1)
    visitor = clicks.visitor_hash("198.51.100.1", BROWSER_UA, tomorrow.date())
    Click.objects.create(share=share, created_at=tomorrow, visitor=visitor, ua_class="browser")
    assert analytics.share_clicks(share) == {"total": 4, "human": 4, "bots": 0, "unique": 3}
    assert VisitorSalt.objects.count() == 2


def test_an_unknown_code_is_not_found_and_stores_nothing(people: Any, client_for: Any) -> None:
    response = client_for(None).get("/l/NoSuchCd", HTTP_USER_AGENT=BROWSER_UA)
    assert response.status_code == 404
    assert not Click.objects.exists()


def test_only_get_and_head_are_answered(share: Any, client_for: Any) -> None:
    assert client_for(None).post(f"/l/{share.code}").status_code == 405
    assert not Click.objects.exists()


def test_classify_tells_browsers_from_bots() -> None:
    assert clicks.classify(BROWSER_UA) == ("browser", False)
    assert clicks.classify(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Safari/604.1"
    ) == (
        "browser",
        False,
    )
    assert clicks.classify(PREVIEW_UA)[1] is True
