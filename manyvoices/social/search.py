"""Full-text search over posts, comments and people: one Python interface, two backends
chosen by the database vendor.

    from manyvoices.social.search import search
    results = search(user, "kubernetes upgrade", kinds=("posts", "people"), limit=20)
    results.posts, results.comments, results.people   # lists of Hit, best first

- PostgreSQL: a stored, generated `tsvector` column on each searched table (title weighted
  over body) with a GIN index, queried with `plainto_tsquery('english', ...)`; the newest
  WINDOW matches are ranked with `ts_rank`, so a word found in 100,000 posts costs no more
  than a rare one (migration 0002 adds them, on PostgreSQL only);
- SQLite (the embedded default): FTS5 tables with the Porter stemmer, external-content
  tables kept in step by triggers (migration 0002, on SQLite only), ranked with bm25.

Visibility is part of the query (the querysets' `visible_to`), so a page of results
never holds, nor counts, anything the searcher may not see.
"""

from __future__ import annotations

import html
import json
import re
import time
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from .models import Comment, Post, Profile, signed_in

KINDS = ("posts", "comments", "people")
MAX_TERMS = 12
WINDOW = 100  # newest matches ranked per kind (PostgreSQL); a page shows 20
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class Hit:
    kind: str
    obj: Any
    rank: float
    snippet: str

    @property
    def id(self) -> int:
        return int(self.obj.pk)


@dataclass
class Results:
    query: str
    posts: list[Hit] = field(default_factory=list)
    comments: list[Hit] = field(default_factory=list)
    people: list[Hit] = field(default_factory=list)

    @property
    def hits(self) -> list[Hit]:
        return [*self.posts, *self.comments, *self.people]

    def __bool__(self) -> bool:
        return bool(self.hits)


def terms_of(q: str) -> list[str]:
    return [t.lower() for t in _WORD.findall(q or "")][:MAX_TERMS]


def snippet(text: str, terms: list[str], width: int = 160) -> str:
    """A plain-text excerpt around the first term found (the template escapes it)."""
    flat = re.sub(r"\s+", " ", re.sub(r"[#*_`>\[\]()!]", " ", text or "")).strip()
    lowered = flat.lower()
    at = min((i for i in (lowered.find(t) for t in terms) if i >= 0), default=0)
    start = max(0, at - width // 3)
    piece = flat[start : start + width]
    return ("…" if start else "") + piece + ("…" if start + width < len(flat) else "")


class Backend:
    """Matches for one kind, best first. `window`: on a large table, how many of the newest
    matches are ranked (ranking every match of a common word would read them all)."""

    vendor = ""

    def match(self, qs: QuerySet[Any], terms: list[str], window: int) -> QuerySet[Any]:
        raise NotImplementedError

    def posts(self, qs: QuerySet[Post], terms: list[str], window: int = 0) -> QuerySet[Post]:
        return self.match(qs, terms, window)

    def comments(
        self, qs: QuerySet[Comment], terms: list[str], window: int = 0
    ) -> QuerySet[Comment]:
        return self.match(qs, terms, window)

    def people(self, qs: QuerySet[Profile], terms: list[str], window: int = 0) -> QuerySet[Profile]:
        return self.match(qs, terms, window)


class PostgresBackend(Backend):
    """Each kind is ranked in two queries: the ids of the newest `window` matches, then
    those the searcher may see, ranked with ts_rank. How to find the newest matches of a
    word in a large table (posts, comments) is chosen here from the planner's estimate of
    its matches E among the table's N rows (one EXPLAIN, not run; the planner's own choice
    between its plans cost 70-290 ms on a million posts or three million comments):

    - a common word (window x N / E rows to test, cheaper than reading its E postings
      from the GIN index): the primary key read backwards, each row tested, until
      `window` match, visibility in the same query;
    - otherwise: the GIN index ANDed with the BRIN index on id (migration 0004) for the
      newest ids only, a range expected to hold about SPAN x window matches (widened if
      it held fewer): the heap pages visited are those of the newest matches, not of
      every match, so a page's cost is about constant whatever the word and the table's
      size. Visibility is then left to the ranking query (a page never shows what the
      searcher may not see; a word whose newest `window` matches all sit where the
      searcher cannot read would find fewer).
    """

    vendor = "postgresql"
    QUERY = "plainto_tsquery('english', %s)"
    LARGE = 200_000  # rows: below this the planner's own choice is good enough
    SCAN_ROW = 25.0  # a row tested newest first costs about as much as 25 GIN postings
    SPAN = 2.0  # the id range first read holds about SPAN x window matches

    def match(self, qs: QuerySet[Any], terms: list[str], window: int) -> QuerySet[Any]:
        table = qs.model._meta.db_table
        text = " ".join(terms)
        condition = f"{table}.search @@ {self.QUERY}"
        if not window:
            matching = qs.extra(where=[condition], params=[text])
        else:
            rows, top = table_size(table)
            estimate = estimated_matches(table, text) if rows >= self.LARGE else None
            if estimate is not None and window * rows / max(estimate, 1.0) * self.SCAN_ROW > (
                estimate
            ):
                newest = newest_matches(table, text, window, rows, top, estimate, self.SPAN)
            else:
                # `IS TRUE` keeps the GIN index out of a large table's plan: the rows are
                # read newest first and tested. (On a small table, the planner picks.)
                test = f"({condition}) IS TRUE" if estimate is not None else condition
                newest = list(
                    qs.extra(where=[test], params=[text])
                    .order_by("-pk")
                    .values_list("pk", flat=True)[:window]
                )
            # Fetched first as ids, since a subquery would be re-aliased away from the
            # table named in the condition.
            matching = qs.filter(pk__in=newest)
        return matching.extra(
            select={"rank": f"ts_rank({table}.search, {self.QUERY})"}, select_params=[text]
        ).order_by("-rank", "-pk")


def newest_matches(
    table: str, text: str, window: int, rows: float, top: int, estimate: float, span: float
) -> list[int]:
    """The ids of the newest `window` rows of `table` matching `text`, reading the GIN
    index ANDed with the BRIN index on id over the newest ids only: first a range expected
    to hold `span` x window matches, eight times wider while it holds too few, then all."""
    width = int(span * window * rows / max(estimate, 1.0)) + window
    while True:
        bounded = top - width > 0 and width < rows
        with connection.cursor() as cursor:
            # MATERIALIZED: the matches in the range are found first (bitmaps, no order),
            # then sorted; otherwise the planner may walk the primary key instead.
            cursor.execute(
                f"WITH found AS MATERIALIZED (SELECT id FROM {table} "
                f"WHERE search @@ {PostgresBackend.QUERY}"
                + (" AND id > %s" if bounded else "")
                + ") SELECT id FROM found ORDER BY id DESC LIMIT %s",
                [text, top - width, window] if bounded else [text, window],
            )
            newest = [pk for (pk,) in cursor.fetchall()]
        if len(newest) >= window or not bounded:
            return newest
        width *= 8


_SIZES: dict[str, tuple[float, int, float]] = {}
SIZE_TTL = 60.0  # seconds a table's size and newest id are remembered


def table_size(table: str) -> tuple[float, int]:
    """The table's rows as the planner knows them (its last ANALYZE) and its highest id,
    remembered a minute (ids above a stale highest id are still searched: the range read
    is `id > highest - width`, open above)."""
    now = time.monotonic()
    known = _SIZES.get(table)
    if known is None or now - known[2] > SIZE_TTL:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT (SELECT reltuples FROM pg_class WHERE oid = %s::regclass), "
                f"(SELECT max(id) FROM {table})",
                [table],
            )
            reltuples, top = cursor.fetchone()
        known = (max(0.0, float(reltuples or 0)), int(top or 0), now)
        _SIZES[table] = known
    return known[0], known[1]


_ESTIMATES: dict[tuple[str, str], tuple[float | None, float]] = {}
ESTIMATE_TTL = 300.0  # seconds an estimate is reused (it only chooses a plan)
ESTIMATES_KEPT = 2_000


def estimated_matches(table: str, text: str) -> float | None:
    """The planner's estimate of the rows matching `text` (from the lexeme frequencies
    ANALYZE keeps for the tsvector column), without running the query; remembered a few
    minutes per process, since people search for the same words again."""
    now = time.monotonic()
    known = _ESTIMATES.get((table, text))
    if known is not None and now - known[1] < ESTIMATE_TTL:
        return known[0]
    if len(_ESTIMATES) >= ESTIMATES_KEPT:
        _ESTIMATES.clear()
    estimate = _planner_estimate(table, text)
    _ESTIMATES[(table, text)] = (estimate, now)
    return estimate


def _planner_estimate(table: str, text: str) -> float | None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"EXPLAIN (FORMAT JSON) SELECT id FROM {table} WHERE search @@ {PostgresBackend.QUERY}",
            [text],
        )
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    try:
        return float(plan[0]["Plan"]["Plan Rows"])
    except (LookupError, TypeError, ValueError):
        return None


class SqliteBackend(Backend):
    vendor = "sqlite"

    def match(self, qs: QuerySet[Any], terms: list[str], window: int) -> QuerySet[Any]:
        # FTS5 ranks with bm25 inside its own index; the embedded default holds a small
        # company, so every match is ranked.
        table = qs.model._meta.db_table
        fts = f"{table}_fts"
        # Each term quoted: the searcher's words are words, never FTS5 syntax.
        match = " ".join('"' + t.replace('"', "") + '"' for t in terms)
        return qs.extra(
            select={"rank": f"{fts}.rank"},
            tables=[fts],
            where=[f"{fts}.rowid = {table}.id", f"{fts} MATCH %s"],
            params=[match],
        ).order_by("rank", "-pk")


BACKENDS: dict[str, type[Backend]] = {"postgresql": PostgresBackend, "sqlite": SqliteBackend}


def backend() -> Backend:
    try:
        return BACKENDS[connection.vendor]()
    except KeyError:
        raise NotImplementedError(
            f"search supports PostgreSQL and SQLite, not {connection.vendor}"
        ) from None


def post_matches(user: Any, q: str, window: int = 200) -> QuerySet[Post]:
    """Visible posts matching `q`, best first among the newest `window` matches on
    PostgreSQL (a queryset: slice it). 'Find an expert' counts their authors."""
    terms = terms_of(q)
    if not terms or not signed_in(user):
        return Post.objects.none()
    return backend().posts(Post.objects.visible_to(user), terms, window)


def search(
    user: Any,
    q: str,
    *,
    kinds: tuple[str, ...] | list[str] = KINDS,
    limit: int = 20,
    offset: int = 0,
) -> Results:
    """Search what `user` may see. `kinds`: any of posts, comments, people; each kind gets
    its own page of `limit` hits from `offset`."""
    results = Results(query=q)
    terms = terms_of(q)
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise ValueError(f"kinds: unknown {', '.join(unknown)}; use {', '.join(KINDS)}")
    if not terms or not signed_in(user):
        return results
    engine = backend()
    window = slice(offset, offset + limit)
    ranked = max(WINDOW, offset + limit)
    if "posts" in kinds:
        qs = engine.posts(
            # a hit shows a title, a snippet of the Markdown and who wrote it where: the
            # rendered HTML is not read (half of a post's row)
            Post.objects.visible_to(user).select_related("author", "community").defer("body_html"),
            terms,
            ranked,
        )
        results.posts = [Hit("posts", p, float(p.rank), snippet(p.body, terms)) for p in qs[window]]
    if "comments" in kinds:
        qs_c = engine.comments(
            Comment.objects.visible_to(user)
            .select_related("author", "post")
            .defer("body_html", "post__body", "post__body_html"),
            terms,
            ranked,
        )
        results.comments = [
            Hit("comments", c, float(c.rank), snippet(c.body, terms)) for c in qs_c[window]
        ]
    if "people" in kinds:
        qs_p = engine.people(
            Profile.objects.filter(user__is_active=True).select_related("user"), terms, ranked
        )
        results.people = [
            Hit("people", p, float(p.rank), snippet(p.bio or p.search_text, terms))
            for p in qs_p[window]
        ]
    return results


def escape(text: str) -> str:
    return html.escape(text)
