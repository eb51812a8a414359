"""A person's feed: posts by the colleagues, communities and tags they follow (and their
own), newest first, paged with a keyset cursor so a page is cheap however far one scrolls.

People and communities followed are read with one query, each followed tag with its own
index-ordered query, each limited to one page with visibility included in the query; the
pages are merged in Python.
Someone who follows nothing yet sees every post they may read, newest first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from .models import Follow, Post, PostTag, post_visibility, signed_in

PAGE = 20
MAX_SOURCES = 50  # communities and tags read one query each; past this, the newest follows


@dataclass
class Page:
    posts: list[Post]
    next_cursor: str | None


class BadCursor(ValueError):
    pass


def encode_cursor(post: Post) -> str:
    assert post.published_at is not None
    return f"{post.published_at.isoformat()}_{post.pk}"


def decode_cursor(raw: str) -> tuple[dt.datetime, int]:
    try:
        when, _, pk = raw.rpartition("_")
        return dt.datetime.fromisoformat(when), int(pk)
    except ValueError:
        raise BadCursor(f"cursor: {raw!r} is not a cursor this feed gave out") from None


def _older(cursor: tuple[dt.datetime, int] | None, id_field: str = "id") -> Q:
    """Strictly after the cursor in (published_at, id) descending order."""
    if cursor is None:
        return Q()
    when, pk = cursor
    return Q(published_at__lt=when) | Q(**{"published_at": when, f"{id_field}__lt": pk})


def feed(user: Any, *, cursor: str | None = None, limit: int = PAGE) -> Page:
    if not signed_in(user):
        return Page([], None)
    limit = max(1, min(limit, 100))
    after = decode_cursor(cursor) if cursor else None
    follows = list(
        Follow.objects.filter(follower=user).values_list("user_id", "community_id", "tag")
    )
    people = {u for u, _c, _t in follows if u} | {user.pk}
    communities = [c for _u, c, _t in follows if c][-MAX_SOURCES:]
    tags = [t for _u, _c, t in follows if t][-MAX_SOURCES:]
    base = Post.objects.visible_to(user).select_related("author", "community")
    order = ("-published_at", "-id")
    if len(people) == 1 and not communities and not tags:
        posts = list(base.filter(_older(after)).order_by(*order)[: limit + 1])
    else:
        found: dict[int, Post] = {}
        # People and communities in one query: their posts are few enough per source for
        # a bitmap of both indexes and a top-N sort.
        sources = Q(author_id__in=people) | Q(community_id__in=communities)
        for p in base.filter(_older(after)).filter(sources).order_by(*order)[: limit + 1]:
            found[p.pk] = p
        for t in tags:
            ids = list(
                PostTag.objects.filter(_older(after, "post_id"), tag=t)
                .filter(post_visibility(user, "post__"))
                .order_by("-published_at", "-post_id")
                .values_list("post_id", flat=True)[: limit + 1]
            )
            missing = [i for i in ids if i not in found]
            for p in base.filter(pk__in=missing):
                found[p.pk] = p
        posts = sorted(found.values(), key=lambda p: (p.published_at, p.pk), reverse=True)
        posts = posts[: limit + 1]
    more = len(posts) > limit
    posts = posts[:limit]
    return Page(posts, encode_cursor(posts[-1]) if more and posts else None)
