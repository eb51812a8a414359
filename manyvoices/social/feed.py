"""A person's feed: posts by the colleagues, communities and tags they follow (and their
own), newest first, paged with a keyset cursor so a page is cheap however far one scrolls.

The work of a page does not grow with the organisation: each source (a followed person, a
community, a tag) is read newest first from its own composite index, from the cursor on
and at most a page deep (`post_author_recent`, `post_community_recent`, `posttag_recent`),
with the visibility rule inside each read. On PostgreSQL the sources are one query: per
kind of source, the ORM's query for one key run for each key of an array by a LATERAL
join, the UNION of the three ordered and cut to a page again; elsewhere (SQLite, the
embedded default) each source is its own small query and the pages are merged here. The
page's posts, with their authors and communities, are then read by primary key: three
queries for a page (with the follows), whatever the number of posts the sources hold.

Someone who follows nothing yet sees every post they may read, newest first (the
`post_recent` index, a page deep).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

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


def _newest_lateral(sources: list[tuple[list[Any], str, QuerySet[Any]]], limit: int) -> list[int]:
    """PostgreSQL: one query for every source. Each kind of source (people, communities,
    tags) is one ORM query for one key, `src.key`, run for each key of an array by a
    LATERAL join: an index scan a page deep per key, the newest `limit` of their union
    kept. (Three subqueries to compile and plan, however many follows.)"""
    pieces: list[str] = []
    params: list[Any] = []
    for keys, sql_type, per_key in sources:
        sql, inner = per_key.query.sql_with_params()
        pieces.append(
            f"(SELECT s.* FROM unnest(%s::{sql_type}[]) AS src(key) CROSS JOIN LATERAL ({sql}) s)"
        )
        params += [keys, *inner]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM ({' UNION '.join(pieces)}) AS found(id, published_at) "
            "ORDER BY published_at DESC, id DESC LIMIT %s",
            [*params, limit],
        )
        return list(dict.fromkeys(pk for (pk,) in cursor.fetchall()))


def _newest(parts: list[QuerySet[Any]], limit: int) -> list[int]:
    """The ids of the newest `limit` posts among `parts`, each a values_list of
    (post id, published_at) already limited to `limit` newest first."""
    seen = {row for part in parts for row in part}  # a post found twice counts once
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
    key = RawSQL("src.key", [])
    if len(people) == 1 and not communities and not tags:
        ids = _newest([visible.order_by(*order).values_list("id", "published_at")[:fetch]], fetch)
    elif connection.vendor == "postgresql":
        sources: list[tuple[list[Any], str, QuerySet[Any]]] = [
            (
                people,
                "bigint",
                visible.filter(author_id=key)
                .order_by(*order)
                .values_list("id", "published_at")[:fetch],
            )
        ]
        if communities:
            per_community = visible.filter(community_id=key).order_by(*order)
            sources.append(
                (communities, "bigint", per_community.values_list("id", "published_at")[:fetch])
            )
        if tags:
            per_tag = (
                PostTag.objects.filter(_older(after, "post_id"), tag=key)
                .filter(post_visibility(user, "post__"))
                .order_by("-published_at", "-post_id")
            )
            sources.append((tags, "text", per_tag.values_list("post_id", "published_at")[:fetch]))
        ids = _newest_lateral(sources, fetch)
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
