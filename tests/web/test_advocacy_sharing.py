"""An employee shares: picks a suggested text or writes their own, the review runs on it
(incentivised: the disclosure is required), a blocked text cannot be shared, a fix
applies in one click, and the share gets its short link and the network's share link."""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from manyvoices.advocacy.models import AdvocacySettings, AdvocateProfile, Share, SuggestedText

from .advocacy_helpers import make_shareable
from .conftest import BLOCKED_TEXT, CLEAR_TEXT, WARN_TEXT


@pytest.fixture
def item(policy: Any) -> Any:
    shareable = make_shareable(title="Lisbon office")
    SuggestedText.objects.create(
        shareable=shareable, network="x", text="Our Lisbon office is open! (Globodyne employee)"
    )
    return shareable


def test_the_page_offers_the_suggested_text_for_the_network(
    people: Any, item: Any, client_for: Any
) -> None:
    page = client_for(people.alice).get(f"/hub/{item.pk}/?network=x").content.decode()
    assert "Our Lisbon office is open!" in page
    assert 'value="x" checked' in page


def test_a_blocked_text_cannot_be_shared(people: Any, item: Any, client_for: Any) -> None:
    response = client_for(people.alice).post(
        f"/hub/{item.pk}/share/", {"network": "x", "text": BLOCKED_TEXT}
    )
    assert response.status_code == 409
    assert "confidential.codename" in response.content.decode()
    assert not Share.objects.exists()


def test_sharing_company_content_for_points_needs_the_disclosure(
    people: Any, item: Any, client_for: Any
) -> None:
    # The link is the company's own site: sharing it for points is an endorsement.
    response = client_for(people.alice).post(
        f"/hub/{item.pk}/share/", {"network": "linkedin", "text": "Have a look at this!"}
    )
    assert response.status_code == 409
    assert "disclosure.affiliation" in response.content.decode()


def test_without_points_the_same_share_is_not_incentivised(
    people: Any, item: Any, client_for: Any
) -> None:
    config = AdvocacySettings.current()
    config.points_per_share = config.points_per_click = 0
    config.save()
    response = client_for(people.alice).post(
        f"/hub/{item.pk}/share/", {"network": "linkedin", "text": CLEAR_TEXT}
    )
    assert response.status_code == 302
    assert Share.objects.get().incentivized is False


def test_a_fix_applies_in_one_click_and_the_text_can_then_be_shared(
    people: Any, item: Any, client_for: Any, htmx: Any
) -> None:
    client = client_for(people.alice)
    review = client.post(
        f"/hub/{item.pk}/review/", {"network": "linkedin", "text": "Have a look at this!"}, **htmx
    ).content.decode()
    assert "disclosure.affiliation" in review and "Fix: add" in review
    from manyvoices.advocacy.reviewing import review_share
    from manyvoices.guidelines.models import current_policy

    _v, policy = current_policy()
    found = review_share("Have a look at this!", "linkedin", policy, link=item.url)
    key = next(m.key for m in found.findings if m.finding.rule == "disclosure.affiliation")
    fixed = client.post(
        f"/hub/{item.pk}/fix/",
        {"network": "linkedin", "text": "Have a look at this!", "key": key},
        **htmx,
    ).content.decode()
    assert "Have a look at this!" in fixed and "disclosure.affiliation" not in fixed
    after = fixed.split('aria-describedby="text-hint"', 1)[1]
    text = html.unescape(after.split(">", 1)[1].split("</textarea>")[0])
    response = client.post(f"/hub/{item.pk}/share/", {"network": "linkedin", "text": text})
    assert response.status_code == 302
    share = Share.objects.get()
    assert share.text.startswith("Have a look at this!") and share.verdict != "block"


def test_a_warning_does_not_stop_a_share(people: Any, item: Any, client_for: Any) -> None:
    response = client_for(people.alice).post(
        f"/hub/{item.pk}/share/", {"network": "x", "text": WARN_TEXT + " (Globodyne employee)"}
    )
    assert response.status_code == 302
    assert Share.objects.get().verdict == "warn"


def test_a_share_gets_its_short_link_and_the_networks_share_link(
    people: Any, item: Any, client_for: Any
) -> None:
    client = client_for(people.alice)
    text = "Our Lisbon office is open! (Globodyne employee)"
    response = client.post(f"/hub/{item.pk}/share/", {"network": "x", "text": text})
    share = Share.objects.get()
    assert response["Location"] == f"/hub/shares/{share.pk}/"
    assert len(share.code) == 8 and share.short_url.endswith(f"/l/{share.code}")
    page = client.get(response["Location"]).content.decode()
    assert share.short_url in page
    assert "https://x.com/intent/post?" in page


@pytest.mark.parametrize(
    ("network", "host", "param"),
    [
        ("linkedin", "www.linkedin.com", "text"),
        ("x", "x.com", "url"),
        ("bluesky", "bsky.app", "text"),
        ("facebook", "www.facebook.com", "u"),
        ("mastodon", "mastodon.example", "text"),
    ],
)
def test_every_network_has_a_share_link_that_needs_no_account_with_us(
    people: Any, item: Any, client_for: Any, network: str, host: str, param: str
) -> None:
    from manyvoices.advocacy.sharing import share_link

    link = share_link(network, "Hello", "https://mv.example/l/abc", instance="mastodon.example")
    parts = urlsplit(link)
    assert parts.scheme == "https" and parts.hostname == host
    assert "https://mv.example/l/abc" in parse_qs(parts.query)[param][0]


def test_email_sharing_is_a_mailto_link_with_the_short_link() -> None:
    from manyvoices.advocacy.sharing import share_link

    link = share_link("email", "Hello", "https://mv.example/l/abc", subject="News")
    assert link.startswith("mailto:?") and "https%3A%2F%2Fmv.example%2Fl%2Fabc" in link


def test_mastodon_opens_the_employees_own_instance(people: Any, item: Any, client_for: Any) -> None:
    profile = AdvocateProfile.of(people.alice)
    profile.mastodon_instance = "social.example.org"
    profile.save()
    client = client_for(people.alice)
    client.post(
        f"/hub/{item.pk}/share/", {"network": "mastodon", "text": "Open! (Globodyne employee)"}
    )
    page = client.get(f"/hub/shares/{Share.objects.get().pk}/").content.decode()
    assert "https://social.example.org/share?text=" in page


def test_a_share_is_seen_by_its_owner_and_communications_only(
    people: Any, item: Any, client_for: Any
) -> None:
    from .advocacy_helpers import make_share

    share = make_share(people.alice, item)
    assert client_for(people.alice).get(f"/hub/shares/{share.pk}/").status_code == 200
    assert client_for(people.comms).get(f"/hub/shares/{share.pk}/").status_code == 200
    assert client_for(people.admin).get(f"/hub/shares/{share.pk}/").status_code == 200
    for other in (people.bob, people.charlie, people.compliance):
        assert client_for(other).get(f"/hub/shares/{share.pk}/").status_code == 404
    assert client_for(None).get(f"/hub/shares/{share.pk}/").status_code == 302


def test_the_reported_reach_is_capped_per_network(people: Any, item: Any, client_for: Any) -> None:
    profile = AdvocateProfile.of(people.alice)
    profile.reach = {"x": 1_000_000}
    profile.save()
    client_for(people.alice).post(
        f"/hub/{item.pk}/share/", {"network": "x", "text": "Open! (Globodyne employee)"}
    )
    assert Share.objects.get().reach == AdvocacySettings.current().cap_for("x")


def test_an_unknown_network_is_refused_with_its_name(people: Any, item: Any) -> None:
    from manyvoices.advocacy.services import ShareRefused, make_share

    with pytest.raises(ShareRefused, match="'myspace'"):
        make_share(user=people.alice, shareable=item, network="myspace", text="Hi")


def test_a_share_posts_once_through_a_connected_account(
    people: Any, item: Any, client_for: Any
) -> None:
    from manyvoices.networks.models import Connection, Post

    from .advocacy_helpers import make_share

    share = make_share(people.alice, item, network="mastodon")
    Connection.objects.create(
        owner=people.alice, network="mastodon", server="https://social.example", account_id="1"
    )
    client = client_for(people.alice)
    assert "Post it now from" in client.get(f"/hub/shares/{share.pk}/").content.decode()
    assert client_for(people.bob).post(f"/hub/shares/{share.pk}/publish/").status_code == 404
    first = client.post(f"/hub/shares/{share.pk}/publish/")
    second = client.post(f"/hub/shares/{share.pk}/publish/")
    post = Post.objects.get()
    assert first["Location"] == second["Location"] == f"/publish/{post.pk}/"
    assert post.advocacy_share_id == share.pk and post.link == share.short_url
    assert [d.connection.network for d in post.deliveries.all()] == ["mastodon"]


def test_without_a_connected_account_only_share_links_are_offered(
    people: Any, item: Any, client_for: Any
) -> None:
    from .advocacy_helpers import make_share

    share = make_share(people.alice, item, network="x")
    client = client_for(people.alice)
    assert "Post it now from" not in client.get(f"/hub/shares/{share.pk}/").content.decode()
    response = client.post(f"/hub/shares/{share.pk}/publish/", follow=True)
    assert "No connected account on this network" in response.content.decode()
