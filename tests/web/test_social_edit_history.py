"""Editing a published post shows that it was updated and keeps every earlier text; a
draft is edited freely; only its author edits a post."""

from __future__ import annotations

from typing import Any

import pytest

from manyvoices.social import services
from manyvoices.social.models import Post, PostRevision

from .conftest import People

pytestmark = pytest.mark.django_db


def _publish(people: People) -> Post:
    return services.save_post(author=people.alice, title="First", body="Version one", publish=True)


def test_editing_a_published_post_keeps_the_earlier_text_and_marks_it_updated(
    people: People, policy: Any
) -> None:
    post = _publish(people)
    assert post.edited_at is None
    services.save_post(author=people.alice, title="First", body="Version two", post=post)
    services.save_post(author=people.alice, title="Renamed", body="Version three", post=post)
    post.refresh_from_db()
    assert post.body == "Version three" and post.title == "Renamed"
    assert post.edited_at is not None
    assert [(r.title, r.body) for r in post.revisions.all()] == [
        ("First", "Version two"),
        ("First", "Version one"),
    ]


def test_saving_a_published_post_unchanged_adds_no_revision(people: People, policy: Any) -> None:
    post = _publish(people)
    services.save_post(author=people.alice, title="First", body="Version one", post=post)
    post.refresh_from_db()
    assert post.edited_at is None and not post.revisions.exists()


def test_a_draft_is_edited_without_history(people: People, policy: Any) -> None:
    draft = services.save_post(author=people.alice, title="D", body="one")
    services.save_post(author=people.alice, title="D", body="two", post=draft)
    services.save_post(author=people.alice, title="D", body="three", post=draft, publish=True)
    draft.refresh_from_db()
    assert draft.is_published and draft.edited_at is None
    assert not PostRevision.objects.exists()


def test_the_post_page_says_updated_and_the_history_shows_every_version(
    people: People, policy: Any, client_for: Any
) -> None:
    post = _publish(people)
    client_for(people.alice).post(
        f"/network/posts/{post.pk}/edit/",
        {"title": "First", "body": "Version two", "action": "publish"},
    )
    page = client_for(people.bob).get(f"/network/posts/{post.pk}/").content.decode()
    assert "updated" in page and "Version two" in page
    assert f"/network/posts/{post.pk}/history/" in page
    history = client_for(people.bob).get(f"/network/posts/{post.pk}/history/").content.decode()
    assert "Version one" in history


def test_only_the_author_edits_a_post(people: People, policy: Any, client_for: Any) -> None:
    post = _publish(people)
    for who in (people.bob, people.charlie, people.admin):
        r = client_for(who).post(
            f"/network/posts/{post.pk}/edit/", {"title": "Mine", "body": "now", "action": "publish"}
        )
        assert r.status_code == 404
    with pytest.raises(Exception, match="only its author"):
        services.save_post(author=people.bob, title="x", body="y", post=post)
    post.refresh_from_db()
    assert post.body == "Version one" and not post.revisions.exists()


def test_the_api_shows_edits_and_revision_counts(
    people: People, policy: Any, client_for: Any
) -> None:
    from manyvoices.api.models import ApiToken

    post = _publish(people)
    services.save_post(author=people.alice, title="First", body="Version two", post=post)
    _t, secret = ApiToken.issue(people.bob, "t")
    got = (
        client_for(None)
        .get(f"/api/v1/blog-posts/{post.pk}", HTTP_AUTHORIZATION=f"Bearer {secret}")
        .json()
    )
    assert got["edited_at"] is not None and got["revisions"] == 1
