"""Every page of the internal network by role: signed-out people are sent to sign in;
each signed-in role gets the page."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import People
from .social_world import World

pytestmark = pytest.mark.django_db

ROLES = ("alice", "bob", "charlie", "comms", "compliance", "admin")


def _urls(world: World, people: People) -> list[str]:
    return [
        "/network/",
        "/network/write/",
        "/network/mine/",
        "/network/communities/",
        "/network/c/guild/",
        "/network/c/news/",
        f"/network/posts/{world.blog_post.pk}/",
        f"/network/posts/{world.blog_post.pk}/history/",
        "/network/tags/testing/",
        f"/network/people/{people.alice.pk}/",
        "/network/profile/",
        "/network/experts/?q=testing",
        "/network/search/?q=testing",
        "/network/notifications/",
    ]


@pytest.mark.parametrize("role", ROLES)
def test_every_signed_in_role_gets_every_page(
    people: People, world: World, client_for: Any, role: str
) -> None:
    c = client_for(getattr(people, role))
    for url in _urls(world, people):
        assert c.get(url).status_code == 200, url


def test_signed_out_people_are_sent_to_sign_in(
    people: People, world: World, client_for: Any
) -> None:
    c = client_for(None)
    for url in _urls(world, people):
        r = c.get(url)
        assert r.status_code == 302 and "/accounts/login/" in r["Location"], url
    for url in (
        "/network/write/",
        f"/network/posts/{world.blog_post.pk}/comment/",
        "/network/follow/",
        "/network/communities/",
    ):
        r = c.post(url, {"title": "x", "body": "y"})
        assert r.status_code == 302 and "/accounts/login/" in r["Location"], url


def test_writing_publishing_and_commenting_through_the_pages(
    people: People, world: World, client_for: Any
) -> None:
    from manyvoices.social.models import Post

    r = client_for(people.bob).post(
        "/network/write/",
        {"title": "Hi all", "body": "**Hello**", "tags": "intro, Hello", "action": "draft"},
    )
    post = Post.objects.get(title="Hi all")
    assert r.status_code == 302 and post.status == "draft" and post.tags() == ["hello", "intro"]
    client_for(people.bob).post(
        f"/network/posts/{post.pk}/edit/",
        {"title": "Hi all", "body": "**Hello**", "tags": "intro", "action": "publish"},
    )
    post.refresh_from_db()
    assert post.is_published and post.edited_at is None
    r = client_for(people.charlie).post(f"/network/posts/{post.pk}/comment/", {"body": "Welcome!"})
    assert r.status_code == 302
    page = client_for(people.alice).get(f"/network/posts/{post.pk}/").content.decode()
    assert "<strong>Hello</strong>" in page and "Welcome!" in page


def test_bad_input_is_named_and_kept(people: People, world: World, client_for: Any) -> None:
    r = client_for(people.bob).post(
        "/network/write/", {"title": "", "body": "my long text", "action": "publish"}
    )
    assert r.status_code == 400
    page = r.content.decode()
    assert "title:" in page and "my long text" in page


def test_reacting_toggles_and_answers_htmx_with_the_partial(
    people: People, world: World, client_for: Any, htmx: dict[str, str]
) -> None:
    c = client_for(people.bob)
    url = f"/network/posts/{world.blog_post.pk}/react/"
    r = c.post(url, {"kind": "like"}, **htmx)
    assert r.status_code == 200 and 'aria-pressed="true"' in r.content.decode()
    assert world.blog_post.reactions.count() == 1
    c.post(url, {"kind": "like"}, **htmx)
    assert world.blog_post.reactions.count() == 0
    assert c.post(url, {"kind": "angry"}).status_code == 400


def test_creating_a_community_makes_its_creator_moderator(
    people: People, policy: Any, client_for: Any
) -> None:
    from manyvoices.social.models import Community

    r = client_for(people.bob).post(
        "/network/communities/",
        {"name": "Runners", "visibility": "private", "description": "We run"},
    )
    c = Community.objects.get(slug="runners")
    assert r.status_code == 302 and c.visibility == "private"
    assert c.role_of(people.bob) == "moderator"
    r = client_for(people.bob).post("/network/communities/", {"name": "Runners"})
    assert r.status_code == 400
    r = client_for(people.bob).post("/network/communities/", {"name": "X", "visibility": "secret"})
    assert r.status_code == 400 and "visibility" in r.content.decode()


def test_the_openapi_schema_documents_the_network_endpoints(
    people: People, policy: Any, client_for: Any
) -> None:
    schema = client_for(None).get("/api/openapi.json").json()
    for path in (
        "/api/v1/feed",
        "/api/v1/search",
        "/api/v1/blog-posts",
        "/api/v1/experts",
        "/api/v1/blog-posts/{post_id}",
    ):
        assert path in schema["paths"], path
    assert "post" in schema["paths"]["/api/v1/blog-posts"]


def test_the_api_writes_a_post_in_a_community(
    people: People, world: World, client_for: Any
) -> None:
    from manyvoices.api.models import ApiToken

    _t, secret = ApiToken.issue(people.bob, "t")
    r = client_for(None).post(
        "/api/v1/blog-posts",
        {"title": "From a bot", "body": "Hi @alice", "community": "skunkworks", "tags": ["Bots"]},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert r.status_code == 201
    body = r.json()
    assert body["community"] == "skunkworks" and body["tags"] == ["bots"]
    assert body["status"] == "published" and body["author"]["email"] == people.bob.email
    r = client_for(None).post(
        "/api/v1/blog-posts",
        {"title": "", "body": "x"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert r.status_code == 422 and "title" in r.json()["detail"]
    mine = (
        client_for(None)
        .get("/api/v1/blog-posts", {"mine": "true"}, HTTP_AUTHORIZATION=f"Bearer {secret}")
        .json()
    )
    assert [p["title"] for p in mine] == ["From a bot"]


def test_the_demo_has_blogs_communities_comments_and_endorsed_experts(db: Any) -> None:
    from manyvoices.demo import load_demo
    from manyvoices.people.models import User
    from manyvoices.social.experts import find_experts
    from manyvoices.social.models import Comment, Community, Endorsement, Post

    assert load_demo()
    assert Post.objects.filter(status="published").count() >= 8
    assert Post.objects.filter(edited_at__isnull=False).exists()
    assert Community.objects.filter(visibility="private").count() == 1
    assert Comment.objects.count() >= 5 and Endorsement.objects.count() >= 10
    outsider = User.objects.get(email="sales1@acme.example")
    member = User.objects.get(email="employee@acme.example")
    private = Post.objects.filter(community__visibility="private")
    assert private.exists()
    assert not Post.objects.visible_to(outsider).filter(community__visibility="private").exists()
    assert Post.objects.visible_to(member).filter(community__visibility="private").exists()
    experts = find_experts(outsider, "kubernetes")
    assert experts and experts[0].endorsements >= 1
