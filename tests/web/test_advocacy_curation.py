"""Communications curates the hub: adds links, original posts and images with suggested
texts per network (reviewed when saved), topics, a campaign, an audience, a start, an
expiry and a highlight. Only communications and admins may."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from manyvoices.advocacy.models import Campaign, Shareable, SuggestedText

from .advocacy_helpers import make_shareable
from .conftest import BLOCKED_TEXT, WARN_TEXT

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.mark.parametrize(
    ("role", "status"),
    [("comms", 200), ("admin", 200), ("alice", 403), ("compliance", 403), ("anonymous", 302)],
)
@pytest.mark.parametrize(
    "path",
    [
        "/hub/manage/",
        "/hub/manage/new/",
        "/hub/manage/campaigns/",
        "/hub/manage/feeds/",
        "/hub/manage/settings/",
        "/hub/analytics/",
    ],
)
def test_curation_pages_are_for_communications_and_admins(
    people: Any, policy: Any, client_for: Any, role: str, status: int, path: str
) -> None:
    assert client_for(people.by_role(role)).get(path).status_code == status


def test_an_employee_cannot_create_edit_or_delete(
    people: Any, policy: Any, client_for: Any
) -> None:
    item = make_shareable(title="Keep me")
    client = client_for(people.alice)
    assert client.post("/hub/manage/new/", {"kind": "post", "body": "x"}).status_code == 403
    assert client.post(f"/hub/manage/{item.pk}/", {"kind": "post", "body": "x"}).status_code == 403
    assert client.post(f"/hub/manage/{item.pk}/delete/").status_code == 403
    assert Shareable.objects.get().title == "Keep me"


def test_comms_adds_a_post_with_everything(people: Any, policy: Any, client_for: Any) -> None:
    campaign = Campaign.objects.create(name="Spring")
    response = client_for(people.comms).post(
        "/hub/manage/new/",
        {
            "kind": "post",
            "body": "We opened in Lisbon",
            "title": "Lisbon",
            "topics_text": "Offices, Hiring",
            "departments_text": "Engineering, Sales",
            "locations_text": "Lisbon",
            "campaign": campaign.pk,
            "starts_at": "2026-01-01T09:00",
            "expires_at": "2030-01-01T09:00",
            "highlighted": "on",
            "suggestion_network": ["x", "linkedin", ""],
            "suggestion_text": ["Lisbon! (Globodyne employee)", WARN_TEXT, ""],
        },
    )
    assert response.status_code == 302
    item = Shareable.objects.get()
    assert (item.kind, item.highlighted, item.campaign) == ("post", True, campaign)
    assert sorted(t.name for t in item.topics.all()) == ["Hiring", "Offices"]
    assert item.departments == ["Engineering", "Sales"] and item.locations == ["Lisbon"]
    suggestions = list(item.suggestions.all())
    assert [(s.network, s.verdict) for s in suggestions] == [("x", "clear"), ("linkedin", "warn")]
    assert suggestions[1].review["findings"][0]["rule"] == "custom.beta-talk"
    page = client_for(people.comms).get(f"/hub/manage/{item.pk}/").content.decode()
    assert "custom.beta-talk" not in page or "Beta programmes" in page  # findings shown


def test_a_blocked_suggestion_refuses_the_save_and_keeps_what_was_typed(
    people: Any, policy: Any, client_for: Any
) -> None:
    response = client_for(people.comms).post(
        "/hub/manage/new/",
        {
            "kind": "post",
            "body": "Our news",
            "suggestion_network": ["x"],
            "suggestion_text": [BLOCKED_TEXT],
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "The suggested text for X is blocked" in page and "confidential.codename" in page
    assert BLOCKED_TEXT in page and "Our news" in page
    assert not Shareable.objects.exists() and not SuggestedText.objects.exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"kind": "link"}, "url", "a link shareable needs its link"),
        ({"kind": "post"}, "body", "an original post needs its text"),
        ({"kind": "image", "image_alt": "x"}, "image", "an image shareable needs its image"),
        (
            {
                "kind": "post",
                "body": "x",
                "starts_at": "2026-02-01T00:00",
                "expires_at": "2026-01-01T00:00",
            },
            "expires_at",
            "the expiry must come after the start",
        ),
        (
            {"kind": "post", "body": "x", "suggestion_network": [""], "suggestion_text": ["hi"]},
            None,
            "suggested text 1: pick a network",
        ),
    ],
)
def test_bad_input_is_named(
    people: Any, policy: Any, client_for: Any, data: dict[str, Any], field: str | None, message: str
) -> None:
    response = client_for(people.comms).post("/hub/manage/new/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    if field:
        assert field in response.context["form"].errors
    assert not Shareable.objects.exists()


def test_an_image_is_uploaded_checked_and_served_while_live(
    people: Any, policy: Any, client_for: Any
) -> None:
    client = client_for(people.comms)
    response = client.post(
        "/hub/manage/new/",
        {
            "kind": "image",
            "image_alt": "The Lisbon office",
            "image": SimpleUploadedFile("a.png", PNG),
        },
    )
    assert response.status_code == 302
    item = Shareable.objects.get()
    served = client_for(None).get(f"/hub/{item.pk}/image")
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert served.content == PNG
    bad = client.post(
        "/hub/manage/new/",
        {"kind": "image", "image_alt": "x", "image": SimpleUploadedFile("a.png", b"<svg></svg>")},
    )
    assert "the image must be a PNG, JPEG or GIF file" in bad.content.decode()


def test_comms_deletes_a_shareable(people: Any, policy: Any, client_for: Any) -> None:
    item = make_shareable()
    response = client_for(people.comms).post(f"/hub/manage/{item.pk}/delete/")
    assert response.status_code == 302 and not Shareable.objects.exists()


def test_the_hub_puts_highlighted_then_newest_first(
    people: Any, policy: Any, client_for: Any
) -> None:
    import datetime as dt

    from django.utils import timezone

    now = timezone.now()
    make_shareable(title="Old", starts_at=now - dt.timedelta(days=3))
    make_shareable(title="New", starts_at=now - dt.timedelta(hours=1))
    make_shareable(title="Pinned", starts_at=now - dt.timedelta(days=9), highlighted=True)
    page = client_for(people.bob).get("/hub/").content.decode()
    assert page.index("Pinned") < page.index("New") < page.index("Old")


def test_the_hub_filters_by_topic_and_campaign(people: Any, policy: Any, client_for: Any) -> None:
    from manyvoices.advocacy.models import Topic

    spring = Campaign.objects.create(name="Spring")
    a = make_shareable(title="In spring", campaign=spring)
    b = make_shareable(title="About hiring")
    b.topics.set(Topic.named(["Hiring"]))
    client = client_for(people.bob)
    page = client.get("/hub/?campaign=spring").content.decode()
    assert a.title in page and b.title not in page
    page = client.get("/hub/?topic=hiring").content.decode()
    assert b.title in page and a.title not in page
