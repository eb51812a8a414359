"""Audience rules: nobody sees content not meant for them, in the hub, on its page, in the
API, or by sharing it; content before its start or after its expiry is offered to nobody."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from manyvoices.advocacy.models import Shareable
from manyvoices.api.models import ApiToken

from .advocacy_helpers import make_shareable


@pytest.fixture
def offers(people: Any, policy: Any) -> dict[str, Shareable]:
    people.alice.location = "Lisbon"
    people.alice.save()
    people.bob.location = "Berlin"
    people.bob.save()
    now = timezone.now()
    return {
        "everyone": make_shareable(title="For everyone"),
        "engineering": make_shareable(title="Engineering only", departments=["Engineering"]),
        "sales": make_shareable(title="Sales only", departments=["Sales"]),
        "lisbon": make_shareable(title="Lisbon only", locations=["Lisbon"]),
        "eng_berlin": make_shareable(
            title="Engineering in Berlin", departments=["Engineering"], locations=["Berlin"]
        ),
        "expired": make_shareable(
            title="Expired",
            starts_at=now - dt.timedelta(days=3),
            expires_at=now - dt.timedelta(hours=1),
        ),
        "future": make_shareable(title="Not yet", starts_at=now + dt.timedelta(days=1)),
    }


def _titles(user: Any) -> set[str]:
    return set(Shareable.objects.meant_for(user).values_list("title", flat=True))


def test_each_person_is_offered_only_what_is_meant_for_them(people: Any, offers: Any) -> None:
    assert _titles(people.alice) == {"For everyone", "Engineering only", "Lisbon only"}
    assert _titles(people.bob) == {"For everyone", "Engineering only", "Engineering in Berlin"}
    assert _titles(people.charlie) == {"For everyone", "Sales only"}


def test_a_department_name_is_matched_whole_not_as_a_part(people: Any, policy: Any) -> None:
    make_shareable(title="Eng", departments=["Eng"])
    assert "Eng" not in _titles(people.alice)  # Engineering is not "Eng"


def test_the_hub_page_lists_only_what_is_meant_for_the_reader(
    people: Any, offers: Any, client_for: Any
) -> None:
    page = client_for(people.charlie).get("/hub/").content.decode()
    assert "Sales only" in page and "For everyone" in page
    for hidden in (
        "Engineering only",
        "Lisbon only",
        "Expired",
        "Not yet",
        "Engineering in Berlin",
    ):
        assert hidden not in page


@pytest.mark.parametrize("key", ["engineering", "lisbon", "expired", "future"])
def test_content_not_meant_for_a_person_is_not_found_on_its_page_nor_shareable(
    people: Any, offers: Any, client_for: Any, key: str
) -> None:
    client = client_for(people.charlie)
    pk = offers[key].pk
    assert client.get(f"/hub/{pk}/").status_code == 404
    response = client.post(f"/hub/{pk}/share/", {"network": "x", "text": "Look at this"})
    assert response.status_code == 404
    assert not offers[key].shares.exists()


def test_the_api_lists_and_shares_only_what_is_meant_for_the_caller(
    people: Any, offers: Any, client: Any
) -> None:
    _t, token = ApiToken.issue(people.charlie, "t")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    listed = client.get("/api/v1/shareables", **auth).json()
    assert {s["title"] for s in listed} == {"For everyone", "Sales only"}
    response = client.post(
        "/api/v1/shares",
        {"shareable_id": offers["engineering"].pk, "network": "x", "text": "Hi"},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 404


def test_an_expired_shareable_leaves_the_hub_but_its_links_still_lead_on(
    people: Any, policy: Any, client_for: Any
) -> None:
    from .advocacy_helpers import make_share

    item = make_shareable(title="Soon gone")
    share = make_share(people.alice, item)
    item.expires_at = timezone.now() - dt.timedelta(minutes=1)
    item.save()
    assert "Soon gone" not in client_for(people.alice).get("/hub/").content.decode()
    assert client_for(people.alice).get(f"/hub/{item.pk}/").status_code == 404
    # Posts already out there keep working: the short link still redirects and counts.
    response = client_for(None).get(f"/l/{share.code}", HTTP_USER_AGENT="Mozilla/5.0 Firefox/128.0")
    assert response.status_code == 302
    assert share.clicks.count() == 1


def test_anonymous_visitors_are_sent_to_sign_in(offers: Any, client_for: Any) -> None:
    response = client_for(None).get("/hub/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = client_for(None).get(f"/hub/{offers['everyone'].pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_deactivated_person_is_offered_nothing(people: Any, offers: Any) -> None:
    people.charlie.is_active = False
    people.charlie.save()
    assert _titles(people.charlie) == set()


def test_the_hub_list_kept_for_one_audience_is_never_shown_to_another(
    people: Any, offers: Any, client_for: Any
) -> None:
    alice_page = client_for(people.alice).get("/hub/").content.decode()
    charlie_page = client_for(people.charlie).get("/hub/").content.decode()
    bob_page = client_for(people.bob).get("/hub/").content.decode()
    assert "Lisbon only" in alice_page and "Sales only" not in alice_page
    assert "Sales only" in charlie_page and "Engineering only" not in charlie_page
    assert "Engineering in Berlin" in bob_page and "Lisbon only" not in bob_page


def test_a_listed_shareable_leaves_the_hub_the_moment_it_expires(
    people: Any, policy: Any, client_for: Any
) -> None:
    import time

    make_shareable(title="Going soon", expires_at=timezone.now() + dt.timedelta(seconds=1.5))
    client = client_for(people.alice)
    assert "Going soon" in client.get("/hub/").content.decode()
    time.sleep(1.6)
    assert "Going soon" not in client.get("/hub/").content.decode()


def test_a_new_shareable_shows_at_once(people: Any, offers: Any, client_for: Any) -> None:
    client = client_for(people.alice)
    assert "Fresh news" not in client.get("/hub/").content.decode()
    make_shareable(title="Fresh news")
    assert "Fresh news" in client.get("/hub/").content.decode()


def test_an_edited_shareable_shows_its_new_card_at_once(
    people: Any, offers: Any, client_for: Any
) -> None:
    client = client_for(people.alice)
    assert "For everyone" in client.get("/hub/").content.decode()
    item = offers["everyone"]
    item.title = "Retitled for everyone"
    item.save()
    page = client.get("/hub/").content.decode()
    assert "Retitled for everyone" in page and ">For everyone<" not in page


def test_a_renamed_campaign_or_topic_shows_on_the_cards_at_once(
    people: Any, policy: Any, client_for: Any
) -> None:
    from manyvoices.advocacy.models import Campaign, Topic

    spring = Campaign.objects.create(name="Spring push")
    item = make_shareable(title="In spring", campaign=spring)
    item.topics.set(Topic.named(["Hiring"]))
    client = client_for(people.bob)
    page = client.get("/hub/").content.decode()
    assert "Spring push" in page and ">Hiring<" in page
    spring.name = "Summer push"
    spring.save()
    topic = Topic.objects.get(slug="hiring")
    topic.name = "Careers"
    topic.save()
    page = client.get("/hub/").content.decode()
    assert "Summer push" in page and "Spring push" not in page
    assert ">Careers<" in page and ">Hiring<" not in page


def test_each_card_is_rendered_once_and_reused_across_audiences(
    people: Any, offers: Any, client_for: Any
) -> None:
    from manyvoices.advocacy import views

    views._cards.clear()
    client_for(people.alice).get("/hub/")
    rendered = set(views._cards.items)
    assert {key[0] for key in rendered} == {
        offers[k].pk for k in ("everyone", "engineering", "lisbon")
    }
    # Bob shares two of Alice's cards: only his own one is rendered anew.
    client_for(people.bob).get("/hub/")
    assert {key[0] for key in set(views._cards.items) - rendered} == {offers["eng_berlin"].pk}
