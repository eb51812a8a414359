"""Reports and moderation: anyone who sees a post or comment can report it; its moderators
(the community's, or compliance and admins for the whole network) hide or restore it; every
action is in the audit trail."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from manyvoices.social import services
from manyvoices.social.models import ModerationAction, Post, Report
from manyvoices.social.search import search

from .conftest import People
from .social_world import OPEN_WORD, World

pytestmark = pytest.mark.django_db


def test_anyone_who_sees_a_post_may_report_it(
    people: People, world: World, client_for: Any
) -> None:
    r = client_for(people.charlie).post(
        f"/network/posts/{world.open_post.pk}/report/", {"reason": "off topic"}
    )
    assert r.status_code == 302
    assert Report.objects.get().reporter == people.charlie
    r = client_for(people.charlie).post(
        f"/network/posts/{world.open_post.pk}/report/", {"reason": ""}
    )
    assert Report.objects.count() == 1  # a report needs a reason


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("alice", True),
        ("compliance", True),
        ("admin", True),
        ("bob", False),
        ("charlie", False),
        ("comms", False),
    ],
)
def test_who_may_hide_a_community_post(
    people: People, world: World, client_for: Any, who: str, allowed: bool
) -> None:
    r = client_for(getattr(people, who)).post(
        f"/network/posts/{world.open_post.pk}/moderate/", {"action": "hide", "reason": "spam"}
    )
    world.open_post.refresh_from_db()
    assert world.open_post.hidden is allowed
    assert r.status_code == (302 if allowed else 403)
    assert ModerationAction.objects.exists() is allowed


def test_a_hidden_post_leaves_every_list_and_comes_back_when_restored(
    people: People, world: World, client_for: Any
) -> None:
    services.report(reporter=people.charlie, post=world.open_post, comment=None, reason="spam")
    services.moderate(
        moderator=people.alice, post=world.open_post, comment=None, action="hide", reason="spam"
    )
    assert not Report.objects.filter(resolved_at__isnull=True).exists()
    assert not Post.objects.visible_to(people.charlie).filter(pk=world.open_post.pk).exists()
    assert not search(people.charlie, OPEN_WORD).posts
    assert (
        client_for(people.charlie).get(f"/network/posts/{world.open_post.pk}/").status_code == 404
    )
    author_view = client_for(people.alice).get(f"/network/posts/{world.open_post.pk}/")
    assert (
        author_view.status_code == 200 and "Hidden by a moderator" in author_view.content.decode()
    )
    services.moderate(
        moderator=people.compliance,
        post=world.open_post,
        comment=None,
        action="restore",
        reason="a misunderstanding",
    )
    assert search(people.charlie, OPEN_WORD).posts
    trail = list(
        ModerationAction.objects.order_by("created_at", "id").values_list(
            "moderator__email", "action", "reason"
        )
    )
    assert trail == [
        ("alice@globodyne.example", "hide", "spam"),
        ("compliance@globodyne.example", "restore", "a misunderstanding"),
    ]


def test_a_hidden_comment_disappears_for_readers_not_for_its_moderator(
    people: People, world: World, client_for: Any
) -> None:
    comment = services.add_comment(author=people.charlie, post=world.open_post, body="rude words")
    r = client_for(people.bob).post(
        f"/network/posts/{world.open_post.pk}/report/", {"reason": "rude", "comment": comment.pk}
    )
    assert r.status_code == 302 and Report.objects.get().comment == comment
    services.moderate(
        moderator=people.alice, post=world.open_post, comment=comment, action="hide", reason="rude"
    )
    assert (
        "rude words"
        not in client_for(people.bob).get(f"/network/posts/{world.open_post.pk}/").content.decode()
    )
    assert (
        "rude words"
        in client_for(people.alice).get(f"/network/posts/{world.open_post.pk}/").content.decode()
    )
    assert not search(people.bob, "rude").comments


def test_compliance_cannot_moderate_inside_a_private_community(
    people: People, world: World, client_for: Any
) -> None:
    r = client_for(people.compliance).post(
        f"/network/posts/{world.private_post.pk}/moderate/", {"action": "hide", "reason": "x"}
    )
    assert r.status_code == 404
    with pytest.raises(PermissionDenied):
        services.moderate(
            moderator=people.admin, post=world.private_post, comment=None, action="hide", reason="x"
        )


def test_moderating_needs_a_reason(people: People, world: World) -> None:
    with pytest.raises(services.InvalidInput, match="reason"):
        services.moderate(
            moderator=people.alice, post=world.open_post, comment=None, action="hide", reason=" "
        )


def test_the_moderation_queue_is_for_moderators(
    people: People, world: World, client_for: Any
) -> None:
    services.report(reporter=people.bob, post=world.open_post, comment=None, reason="spam here")
    services.report(reporter=people.bob, post=world.private_post, comment=None, reason="leak")
    assert client_for(people.charlie).get("/network/moderation/").status_code == 403
    assert client_for(None).get("/network/moderation/").status_code == 302
    page = client_for(people.comms).get("/network/moderation/")  # moderates `news` only
    assert page.status_code == 200 and "spam here" not in page.content.decode()
    page = client_for(people.alice).get("/network/moderation/").content.decode()
    assert "spam here" in page and "leak" in page
    page = client_for(people.compliance).get("/network/moderation/").content.decode()
    assert "spam here" in page
    assert "leak" not in page and "Secret plans" not in page  # a private community's own
