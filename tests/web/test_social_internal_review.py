"""The coach on the internal network: posts and comments are reviewed with network
`internal`; a blocked text cannot be published; external-only rules do not apply; 'share
outside' turns a post into a composer draft where they do."""

from __future__ import annotations

from typing import Any

import pytest

from manyvoices.composer.models import Draft
from manyvoices.social import services
from manyvoices.social.models import Comment, Post
from manyvoices.social.reviewing import Blocked, review_internal

from .conftest import BLOCKED_TEXT, CLEAR_TEXT, People

pytestmark = pytest.mark.django_db

CREDENTIAL = (
    "Our deploy key is AKIAIOSFODNN7EXAMPLE with secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
)
INTERNAL_LINK = "Details on https://wiki.globodyne.example/plans"


def test_a_credential_cannot_be_published_internally(people: People, policy: Any) -> None:
    review = review_internal(CREDENTIAL, people.alice)
    assert review is not None and review.verdict == "block"
    with pytest.raises(Blocked, match="blocked"):
        services.save_post(author=people.alice, title="Deploy", body=CREDENTIAL, publish=True)
    assert not Post.objects.exists()


def test_a_blocked_post_may_stay_a_draft(people: People, policy: Any) -> None:
    draft = services.save_post(author=people.alice, title="Deploy", body=CREDENTIAL)
    assert draft.status == "draft"
    with pytest.raises(Blocked):
        services.save_post(
            author=people.alice, title="Deploy", body=CREDENTIAL, post=draft, publish=True
        )
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_an_internal_link_is_fine_inside(people: People, policy: Any) -> None:
    review = review_internal(INTERNAL_LINK, people.alice)
    assert review is not None
    assert "confidential.internal-link" not in review.rules
    post = services.save_post(author=people.alice, title="Plans", body=INTERNAL_LINK, publish=True)
    assert post.is_published


def test_a_blocked_comment_is_refused_and_the_text_is_kept(
    people: People, policy: Any, client_for: Any
) -> None:
    post = services.save_post(author=people.alice, title="Hi", body=CLEAR_TEXT, publish=True)
    r = client_for(people.bob).post(f"/network/posts/{post.pk}/comment/", {"body": CREDENTIAL})
    assert r.status_code == 400
    page = r.content.decode()
    assert "blocked" in page and "AKIAIOSFODNN7EXAMPLE" in page  # kept in the form
    assert not Comment.objects.exists()


def test_the_write_page_shows_the_review_as_one_types(
    people: People, policy: Any, client_for: Any
) -> None:
    r = client_for(people.alice).post("/network/write/review/", {"title": "x", "body": CREDENTIAL})
    assert r.status_code == 200 and "Blocked" in r.content.decode()
    r = client_for(people.alice).post(
        "/network/write/", {"title": "x", "body": CREDENTIAL, "action": "publish"}
    )
    assert r.status_code == 400 and "Blocked" in r.content.decode()
    assert CREDENTIAL.split()[4] in r.content.decode()  # nothing lost


def test_the_api_refuses_a_blocked_post_with_its_review(
    people: People, policy: Any, client_for: Any
) -> None:
    from manyvoices.api.models import ApiToken

    _t, secret = ApiToken.issue(people.alice, "t")
    r = client_for(None).post(
        "/api/v1/blog-posts",
        {"title": "Deploy", "body": CREDENTIAL},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert r.status_code == 422
    assert r.json()["review"]["verdict"] == "block"
    assert not Post.objects.exists()


def test_share_outside_makes_a_composer_draft_reviewed_with_external_rules(
    people: People, policy: Any, client_for: Any
) -> None:
    post = services.save_post(author=people.alice, title="Launch", body=INTERNAL_LINK, publish=True)
    r = client_for(people.bob).post(f"/network/posts/{post.pk}/share-outside/")
    assert r.status_code == 403
    r = client_for(people.alice).post(f"/network/posts/{post.pk}/share-outside/")
    draft = Draft.objects.get(author=people.alice)
    assert r.status_code == 302 and r["Location"] == f"/drafts/{draft.pk}/"
    assert "Launch" in draft.text and INTERNAL_LINK in draft.text
    rules = {f["rule"] for f in draft.last_review["findings"]}
    assert "confidential.internal-link" in rules


def test_external_only_rules_such_as_codenames_do_not_apply_inside(
    people: People, policy: Any
) -> None:
    review = review_internal(BLOCKED_TEXT, people.alice)
    assert review is not None and review.verdict == "clear"
    assert "confidential.codename" not in review.rules
    post = services.save_post(author=people.alice, title="Status", body=BLOCKED_TEXT, publish=True)
    assert post.is_published
