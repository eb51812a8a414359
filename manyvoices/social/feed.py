"""A person's feed: posts by the colleagues, communities and tags they follow (and their
own), newest first, paged with a keyset cursor so a page is cheap however far one scrolls.

The work of a page does not grow with the organisation: each source (a followed person, a
community, a tag) is read newest first from its own composite index, from the cursor on
and at most a page deep (`post_author_recent`, `post_community_recent`, `posttag_recent`),
with the visibility rule inside each read. On PostgreSQL the sources are one query, a
UNION of those per-source LIMITs ordered and cut to a page again; elsewhere (SQLite, the
embedded default) each source is its own small query and the pages are merged here. The
page's posts, with their authors and communities, are then read by primary key: two
queries for a page, whatever the number of posts the sources hold.

Someone who follows nothing yet sees every post they may read, newest first (the
`post_recent` index, a page deep).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet

from .models import Follow, Post, PostTag, post_visibility, signed_in

PAGE = 20
MAX_SOURCES = 50  # communities and tags read one query each; past this, the newest follows
MAX_PEOPLE = 200  # followed people read one index each; the rest share one query


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
    """Strictly after the cursor in (published_at, id) descending order.

    `published_at <= when` comes first on its own so an index on (..., published_at, id)
    starts its scan at the cursor (a bare OR would be a filter, read from the newest post
    down to the cursor: a cost growing with how far one has scrolled)."""
    if cursor is None:
        return Q()
    when, pk = cursor
    return Q(published_at__lte=when) & (
        Q(published_at__lt=when) | Q(**{"published_at": when, f"{id_field}__lt": pk})
    )


def _newest(parts: list[QuerySet[Any]], limit: int) -> list[int]:
    """The ids of the newest `limit` posts among `parts`, each a values_list of
    (post id, published_at) already limited to `limit` newest first."""
    if not parts:
        return []
    if len(parts) > 1 and connection.features.supports_slicing_ordering_in_compound:
        union = parts[0].union(*parts[1:])  # UNION: a post by a followed person in a
        rows = list(union.order_by("-published_at", "-id")[:limit])  # followed community once
    else:
        seen = {row for part in parts for row in part}
        rows = sorted(seen, key=lambda r: (r[1], r[0]), reverse=True)[:limit]
    return list(dict.fromkeys(pk for pk, _when in rows))


def feed(user: Any, *, cursor: str | None = None, limit: int = PAGE) -> Page:
    if not signed_in(user):
        return Page([], None)
    limit = max(1, min(limit, 100))
    after = decode_cursor(cursor) if cursor else None
    follows = list(
        Follow.objects.filter(follower=user)
        .order_by("-created_at", "-id")
        .values_list("user_id", "community_id", "tag")
    )
    people = [user.pk, *dict.fromkeys(u for u, _c, _t in follows if u and u != user.pk)]
    communities = [c for _u, c, _t in follows if c][:MAX_SOURCES]
    tags = [t for _u, _c, t in follows if t][:MAX_SOURCES]
    visible = Post.objects.visible_to(user).filter(_older(after))
    order = ("-published_at", "-id")
    fetch = limit + 1
    if len(people) == 1 and not communities and not tags:
        parts = [visible.order_by(*order).values_list("id", "published_at")[:fetch]]
    else:
        by_index = [Q(author_id=p) for p in people[:MAX_PEOPLE]]
        if people[MAX_PEOPLE:]:  # a rare follower of hundreds: one shared, slower read
            by_index.append(Q(author_id__in=people[MAX_PEOPLE:]))
        by_index += [Q(community_id=c) for c in communities]
        parts = [
            visible.filter(q).order_by(*order).values_list("id", "published_at")[:fetch]
            for q in by_index
        ]
        parts += [
            PostTag.objects.filter(_older(after, "post_id"), tag=t)
            .filter(post_visibility(user, "post__"))
            .order_by("-published_at", "-post_id")
            .values_list("post_id", "published_at")[:fetch]
            for t in tags
        ]
    ids = _newest(parts, fetch)
    # Visibility again: a post hidden since the first query stays out.
    found = Post.objects.visible_to(user).select_related("author", "community").in_bulk(ids[:limit])
    posts = [found[pk] for pk in ids[:limit] if pk in found]
    more = len(ids) > limit
    return Page(posts, encode_cursor(posts[-1]) if more and posts else None)
