"""Every visibility rule of the internal network, on every surface: pages, feed, search,
notifications and the API. Private community content never reaches outsiders."""

from __future__ import annotations

from typing import Any

import pytest

from manyvoices.api.models import ApiToken
from manyvoices.social import services
from manyvoices.social.feed import feed
from manyvoices.social.models import Comment, Notification, Post
from manyvoices.social.search import search

from .conftest import People
from .social_world import (
    BLOG_WORD,
    DRAFT_WORD,
    NEWS_WORD,
    OPEN_WORD,
    PRIVATE_COMMENT_WORD,
    PRIVATE_WORD,
    World,
)

pytestmark = pytest.mark.django_db


def _bearer(user: Any) -> dict[str, str]:
    _token, secret = ApiToken.issue(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_the_visible_posts_are_exactly_those_the_rules_allow(people: People, world: World) -> None:
    everyone_sees = {world.blog_post.pk, world.open_post.pk, world.news_post.pk}
    members_see = everyone_sees | {world.private_post.pk}
    for name, expected in (
        ("alice", members_see),
        ("bob", members_see),
        ("charlie", everyone_sees),
        ("comms", everyone_sees),
        ("admin", everyone_sees),
    ):
        user = getattr(people, name)
        assert set(Post.objects.visible_to(user).values_list("pk", flat=True)) == expected, name


def test_nobody_signed_out_sees_anything(world: World) -> None:
    from django.contrib.auth.models import AnonymousUser

    anon = AnonymousUser()
    assert not Post.objects.visible_to(anon).exists()
    assert not Comment.objects.visible_to(anon).exists()
    assert feed(anon).posts == []
    assert not search(anon, BLOG_WORD)


def test_an_outsider_gets_404_for_private_pages_and_a_member_gets_them(
    people: People, world: World, client_for: Any
) -> None:
    urls = [
        f"/network/posts/{world.private_post.pk}/",
        "/network/c/skunkworks/",
        f"/network/posts/{world.private_post.pk}/history/",
    ]
    for url in urls:
        assert client_for(people.charlie).get(url).status_code == 404, url
        assert client_for(people.admin).get(url).status_code == 404, url
        assert client_for(people.bob).get(url).status_code == 200, url
        response = client_for(None).get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_outsider_cannot_comment_react_or_report_on_a_private_post(
    people: People, world: World, client_for: Any
) -> None:
    c = client_for(people.charlie)
    pk = world.private_post.pk
    assert c.post(f"/network/posts/{pk}/comment/", {"body": "hi"}).status_code == 404
    assert c.post(f"/network/posts/{pk}/react/", {"kind": "like"}).status_code == 404
    assert c.post(f"/network/posts/{pk}/report/", {"reason": "x"}).status_code == 404
    assert world.private_post.comments.count() == 1
    assert not world.private_post.reactions.exists()


def test_a_draft_is_its_authors_alone(people: People, world: World, client_for: Any) -> None:
    url = f"/network/posts/{world.draft.pk}/"
    assert client_for(people.alice).get(url).status_code == 200
    for who in (people.bob, people.charlie, people.admin):
        assert client_for(who).get(url).status_code == 404
        assert client_for(who).get(f"/network/posts/{world.draft.pk}/edit/").status_code == 404
    assert not search(people.bob, DRAFT_WORD).posts
    assert not search(people.alice, DRAFT_WORD).posts  # not published: not in any list


def test_the_feed_never_shows_an_outsider_private_posts_even_when_following(
    people: People, world: World
) -> None:
    from manyvoices.social.models import Follow

    Follow.objects.create(follower=people.charlie, user=people.alice)
    Follow.objects.create(follower=people.charlie, tag="testing")
    ids = [p.pk for p in feed(people.charlie).posts]
    assert world.private_post.pk not in ids
    assert world.blog_post.pk in ids
    Follow.objects.create(follower=people.bob, user=people.alice)
    assert world.private_post.pk in [p.pk for p in feed(people.bob).posts]


def test_the_feed_page_and_its_htmx_pages_leave_private_posts_out(
    people: People, world: World, client_for: Any, htmx: dict[str, str]
) -> None:
    page = client_for(people.charlie).get("/network/").content.decode()
    assert "Secret plans" not in page and "On testing" in page
    part = client_for(people.charlie).get("/network/", **htmx).content.decode()
    assert "Secret plans" not in part and "<html" not in part


def test_search_leaves_out_what_the_searcher_may_not_see(people: People, world: World) -> None:
    assert [h.id for h in search(people.bob, PRIVATE_WORD).posts] == [world.private_post.pk]
    assert search(people.charlie, PRIVATE_WORD).posts == []
    assert [h.id for h in search(people.bob, PRIVATE_COMMENT_WORD).comments] == [
        world.private_comment.pk
    ]
    assert search(people.charlie, PRIVATE_COMMENT_WORD).comments == []
    for word in (BLOG_WORD, OPEN_WORD, NEWS_WORD):
        assert len(search(people.charlie, word).posts) == 1, word


def test_search_pages_are_filled_with_visible_posts_only(people: People, world: World) -> None:
    """Visibility is in the query: a page of 1 for the outsider is the public post, not an
    empty page left after filtering out the private one."""
    services.save_post(
        author=people.alice,
        title="More",
        body=f"{PRIVATE_WORD} again",
        community=world.skunkworks,
        publish=True,
    )
    services.save_post(
        author=people.alice, title="Public", body=f"{PRIVATE_WORD} in public", publish=True
    )
    first = search(people.charlie, PRIVATE_WORD, kinds=["posts"], limit=1)
    assert [h.obj.title for h in first.posts] == ["Public"]


def test_the_search_page_answers_like_the_search_function(
    people: People, world: World, client_for: Any
) -> None:
    assert (
        "Secret plans"
        not in client_for(people.charlie)
        .get("/network/search/", {"q": PRIVATE_WORD})
        .content.decode()
    )
    assert (
        "Secret plans"
        in client_for(people.bob).get("/network/search/", {"q": PRIVATE_WORD}).content.decode()
    )


def test_a_mention_in_a_private_community_does_not_notify_an_outsider(
    people: People, world: World
) -> None:
    post = services.save_post(
        author=people.alice,
        title="Ping",
        body="Hello @charlie and @bob",
        community=world.skunkworks,
        publish=True,
    )
    assert Notification.objects.filter(recipient=people.bob, post=post, kind="mention").exists()
    assert not Notification.objects.filter(recipient=people.charlie).exists()


def test_a_person_who_leaves_a_private_community_no_longer_sees_its_notifications(
    people: People, world: World
) -> None:
    assert Notification.objects.for_user(people.alice).filter(post=world.private_post).exists()
    world.skunkworks.memberships.filter(user=people.alice).delete()
    assert not Notification.objects.for_user(people.alice).filter(post=world.private_post).exists()


def test_the_api_keeps_private_posts_from_outsiders(
    people: People, world: World, client_for: Any
) -> None:
    c = client_for(None)
    out = _bearer(people.charlie)
    listed = c.get("/api/v1/blog-posts", **out).json()
    assert world.private_post.pk not in [p["id"] for p in listed]
    assert c.get(f"/api/v1/blog-posts/{world.private_post.pk}", **out).status_code == 404
    assert c.get(f"/api/v1/blog-posts/{world.draft.pk}", **out).status_code == 404
    assert world.private_post.pk not in [
        p["id"] for p in c.get("/api/v1/feed", **out).json()["posts"]
    ]
    found = c.get("/api/v1/search", {"q": PRIVATE_WORD}, **out).json()
    assert found["posts"] == [] and found["comments"] == []
    found = c.get("/api/v1/search", {"q": PRIVATE_COMMENT_WORD}, **out).json()
    assert found["comments"] == []
    inside = _bearer(people.bob)
    assert c.get(f"/api/v1/blog-posts/{world.private_post.pk}", **inside).status_code == 200
    found = c.get("/api/v1/search", {"q": PRIVATE_WORD}, **inside).json()
    assert [p["id"] for p in found["posts"]] == [world.private_post.pk]


def test_the_api_refuses_a_post_in_a_private_community_from_an_outsider(
    people: People, world: World, client_for: Any
) -> None:
    c = client_for(None)
    response = c.post(
        "/api/v1/blog-posts",
        {"title": "x", "body": "y", "community": "skunkworks"},
        content_type="application/json",
        **_bearer(people.charlie),
    )
    assert response.status_code == 404
    response = c.post(
        "/api/v1/blog-posts",
        {"title": "x", "body": "y", "community": "news"},
        content_type="application/json",
        **_bearer(people.charlie),
    )
    assert response.status_code == 403  # restricted: anyone reads, members write
    assert not Post.objects.filter(author=people.charlie).exists()


def test_the_api_needs_a_token(world: World, client_for: Any) -> None:
    c = client_for(None)
    for url in ("/api/v1/feed", "/api/v1/search?q=x", "/api/v1/blog-posts", "/api/v1/experts?q=x"):
        assert c.get(url).status_code == 401, url


def test_private_posts_do_not_make_an_expert_for_outsiders(
    people: People, world: World, client_for: Any
) -> None:
    for i in range(3):
        services.save_post(
            author=people.bob,
            title=f"Plan {i}",
            body=f"{PRIVATE_WORD} work",
            community=world.skunkworks,
            publish=True,
        )
    from manyvoices.social.experts import find_experts

    assert people.bob.pk in [e.user.pk for e in find_experts(people.alice, PRIVATE_WORD)]
    assert find_experts(people.charlie, PRIVATE_WORD) == []
    got = client_for(None).get("/api/v1/experts", {"q": PRIVATE_WORD}, **_bearer(people.charlie))
    assert got.json() == []


def test_restricted_communities_are_read_by_all_and_written_by_members(
    people: People, world: World, client_for: Any
) -> None:
    assert (
        client_for(people.charlie).get(f"/network/posts/{world.news_post.pk}/").status_code == 200
    )
    r = client_for(people.charlie).post(
        f"/network/posts/{world.news_post.pk}/comment/", {"body": "hi"}
    )
    assert r.status_code == 403
    r = client_for(people.alice).post(
        f"/network/posts/{world.news_post.pk}/comment/", {"body": "hi"}
    )
    assert r.status_code == 302
    assert world.news_post.comments.count() == 1


def test_an_open_community_takes_posts_and_members_from_anyone(
    people: People, world: World, client_for: Any
) -> None:
    c = client_for(people.charlie)
    assert c.post("/network/c/guild/membership/", {"action": "join"}).status_code == 302
    assert world.guild.role_of(people.charlie) == "member"
    r = c.post(
        "/network/write/",
        {"title": "Hi", "body": "Hello guild", "community": "guild", "action": "publish"},
    )
    assert r.status_code == 302
    assert Post.objects.filter(author=people.charlie, community=world.guild).exists()


def test_a_private_community_cannot_be_joined_only_added_to_by_a_moderator(
    people: People, world: World, client_for: Any
) -> None:
    c = client_for(people.charlie)
    assert c.post("/network/c/skunkworks/membership/", {"action": "join"}).status_code == 404
    r = client_for(people.bob).post(
        "/network/c/skunkworks/membership/", {"action": "add", "email": people.charlie.email}
    )
    assert r.status_code == 403
    r = client_for(people.alice).post(
        "/network/c/skunkworks/membership/", {"action": "add", "email": people.charlie.email}
    )
    assert r.status_code == 302
    assert c.get(f"/network/posts/{world.private_post.pk}/").status_code == 200
