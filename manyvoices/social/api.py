"""The internal network in the REST API: feed, search, blog posts and experts, with the
same visibility rules as the pages (a post one may not see answers 404, like a missing
one). Mounted on the project's API under /api/v1/ (manyvoices/urls.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.db.models import Count, prefetch_related_objects
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from manyvoices.api.api import Error

from . import services
from .experts import find_experts
from .feed import BadCursor, feed
from .models import MAX_BODY, Community, Post, PostRevision
from .reviewing import Blocked
from .search import KINDS, search

router = Router(tags=["internal network"])


class AuthorOut(Schema):
    id: int
    name: str
    email: str
    title: str
    department: str


class PostOut(Schema):
    id: int
    url: str
    title: str
    body: str = Field(description="Markdown, as written")
    body_html: str = Field(description="rendered and sanitised HTML")
    status: Literal["draft", "published"]
    author: AuthorOut
    community: str | None = Field(None, description="the community's slug; null: the author's blog")
    tags: list[str]
    created_at: dt.datetime
    published_at: dt.datetime | None
    edited_at: dt.datetime | None = Field(None, description="set when edited after publishing")
    revisions: int = Field(description="earlier versions kept in the post's history")


class FeedOut(Schema):
    posts: list[PostOut]
    next_cursor: str | None = Field(None, description="pass as ?cursor= for the next page")


class PostIn(Schema):
    title: str = Field(min_length=1, max_length=200)
    body: str = Field(min_length=1, max_length=MAX_BODY)
    tags: list[str] = Field(default_factory=list, max_length=10)
    community: str | None = Field(None, description="a community's slug; omit for your blog")
    status: Literal["draft", "published"] = "published"


class BlockedOut(Schema):
    detail: str
    review: dict[str, Any]


class HitOut(Schema):
    kind: Literal["posts", "comments", "people"]
    id: int
    title: str
    url: str
    snippet: str
    rank: float


class SearchOut(Schema):
    query: str
    posts: list[HitOut]
    comments: list[HitOut]
    people: list[HitOut]


class ExpertOut(Schema):
    person: AuthorOut
    score: float
    tags: list[str]
    endorsements: int
    posts: int = Field(description="posts on the topic that the caller may see")


def _author(u: Any) -> dict[str, Any]:
    return {
        "id": u.pk,
        "name": u.name,
        "email": u.email,
        "title": u.title,
        "department": u.department,
    }


def posts_out(posts: list[Post]) -> list[dict[str, Any]]:
    """Many posts at once: their tags and revision counts in two queries, not two each."""
    prefetch_related_objects(posts, "post_tags")
    counts = dict(
        PostRevision.objects.filter(post__in=posts)
        .values("post")
        .annotate(n=Count("id"))
        .values_list("post", "n")
    )
    return [post_out(p, revisions=counts.get(p.pk, 0)) for p in posts]


def post_out(p: Post, *, revisions: int | None = None) -> dict[str, Any]:
    return {
        "id": p.pk,
        "url": p.get_absolute_url(),
        "title": p.title,
        "body": p.body,
        "body_html": p.body_html,
        "status": p.status,
        "author": _author(p.author),
        "community": p.community.slug if p.community_id else None,
        "tags": p.tags(),
        "created_at": p.created_at,
        "published_at": p.published_at,
        "edited_at": p.edited_at,
        "revisions": p.revisions.count() if revisions is None else revisions,
    }


@router.get("/feed", response={200: FeedOut, 400: Error}, summary="Your feed, newest first")
def get_feed(
    request: HttpRequest, cursor: str | None = None, limit: int = Query(20, ge=1, le=100)
) -> Any:
    """Posts by the people, communities and tags you follow (everything you may read if you
    follow nothing), 20 a page; pass `next_cursor` back for older posts."""
    try:
        page = feed(request.user, cursor=cursor, limit=limit)
    except BadCursor as exc:
        return Status(400, {"detail": str(exc)})
    return {"posts": posts_out(page.posts), "next_cursor": page.next_cursor}


@router.get("/search", response={200: SearchOut, 422: Error}, summary="Full-text search")
def get_search(
    request: HttpRequest,
    q: str = Query(..., min_length=1, max_length=200),
    kinds: list[str] = Query(list(KINDS), description="posts, comments, people"),  # noqa: B008
    limit: int = Query(20, ge=1, le=100),
    offset: int = Query(0, ge=0, le=10_000),
) -> Any:
    """Posts, comments and people matching `q`, each kind best first; only what you may see."""
    try:
        results = search(request.user, q, kinds=kinds, limit=limit, offset=offset)
    except ValueError as exc:
        raise HttpError(422, str(exc)) from None
    out: dict[str, Any] = {"query": q, "posts": [], "comments": [], "people": []}
    for h in results.posts:
        out["posts"].append(
            {
                "kind": "posts",
                "id": h.id,
                "title": h.obj.title,
                "url": h.obj.get_absolute_url(),
                "snippet": h.snippet,
                "rank": h.rank,
            }
        )
    for h in results.comments:
        out["comments"].append(
            {
                "kind": "comments",
                "id": h.id,
                "title": h.obj.post.title,
                "url": h.obj.get_absolute_url(),
                "snippet": h.snippet,
                "rank": h.rank,
            }
        )
    for h in results.people:
        out["people"].append(
            {
                "kind": "people",
                "id": h.obj.user_id,
                "title": h.obj.user.name or h.obj.user.email,
                "url": f"/network/people/{h.obj.user_id}/",
                "snippet": h.snippet,
                "rank": h.rank,
            }
        )
    return out


@router.get("/blog-posts", response=list[PostOut], summary="Blog posts you may read")
def list_posts(
    request: HttpRequest,
    author: int | None = Query(None, description="a person's id"),
    community: str | None = Query(None, description="a community's slug"),
    mine: bool = Query(False, description="your own posts, drafts included"),
    limit: int = Query(20, ge=1, le=100),
) -> Any:
    qs = Post.objects.of_author(request.user) if mine else Post.objects.visible_to(request.user)
    if author is not None:
        qs = qs.filter(author_id=author)
    if community:
        qs = qs.filter(community__slug=community)
    qs = qs.select_related("author", "community")
    return posts_out(list(qs.order_by("-published_at", "-id")[:limit]))


@router.get("/blog-posts/{post_id}", response={200: PostOut, 404: Error}, summary="One post")
def get_post(request: HttpRequest, post_id: int) -> Any:
    post = Post.objects.select_related("author", "community").filter(pk=post_id).first()
    if post is None or not post.can_read(request.user):
        return Status(404, {"detail": f"no post {post_id}"})
    return Status(200, post_out(post))


@router.post(
    "/blog-posts",
    response={201: PostOut, 403: Error, 404: Error, 422: BlockedOut | Error},
    summary="Write a blog post (reviewed on the internal network; a blocked post is refused)",
)
def create_post(request: HttpRequest, payload: PostIn) -> Any:
    community = None
    if payload.community:
        community = (
            Community.objects.visible_to(request.user).filter(slug=payload.community).first()
        )
        if community is None:
            return Status(404, {"detail": f"community: no community {payload.community!r}"})
    try:
        post = services.save_post(
            author=request.user,
            title=payload.title,
            body=payload.body,
            tags=payload.tags,
            community=community,
            publish=payload.status == "published",
        )
    except Blocked as exc:
        return Status(422, {"detail": str(exc), "review": exc.review.to_dict()})
    except services.InvalidInput as exc:
        return Status(422, {"detail": str(exc)})
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc) or "not allowed"})
    return Status(201, post_out(post))


@router.get("/experts", response=list[ExpertOut], summary="Find an expert")
def get_experts(
    request: HttpRequest,
    q: str = Query(..., min_length=1, max_length=200),
    limit: int = Query(20, ge=1, le=100),
) -> Any:
    """People ranked by expertise tags, endorsements and posts on the topic you may see."""
    return [
        {
            "person": _author(e.user),
            "score": e.score,
            "tags": e.tags,
            "endorsements": e.endorsements,
            "posts": e.posts,
        }
        for e in find_experts(request.user, q, limit=limit)
    ]
