"""A large synthetic organisation for load tests: employees with a manager tree, profiles,
expertise and endorsements, communities (open, restricted, private) with members, follows,
blog posts with tags, and comments.

    manyvoices manage generate_org --employees 100000 --posts 1000000 --comments 3000000

Loading is bulk: COPY (psycopg) on PostgreSQL, with the big tables' secondary indexes
dropped during the load and built again after (constraints stay and are checked; foreign
key triggers are skipped when the role may set session_replication_role, i.e. is a
superuser); multi-row INSERT on SQLite. Everything is deterministic for a seed. The
text is our own: words drawn from a made-up vocabulary plus a list of topics, so a search
for a topic finds a realistic share of posts. Every generated person's password is
`--password` (default: manyvoices), hashed once.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction

from manyvoices.people.models import User

from .models import (
    Comment,
    Community,
    Endorsement,
    Expertise,
    Follow,
    Membership,
    Post,
    PostTag,
    Profile,
)
from .vocabulary import DEPARTMENTS, FIRST, LAST, LOCATIONS, TITLES, TOPICS

DOMAIN = "bigcorp.example"


def vocabulary(n: int, rng: random.Random) -> list[str]:
    syllables = [
        "ba",
        "be",
        "bi",
        "bo",
        "bu",
        "da",
        "de",
        "di",
        "do",
        "du",
        "ka",
        "ke",
        "ki",
        "ko",
        "ku",
        "la",
        "le",
        "li",
        "lo",
        "lu",
        "ma",
        "me",
        "mi",
        "mo",
        "mu",
        "na",
        "ne",
        "ni",
        "no",
        "nu",
        "ra",
        "re",
        "ri",
        "ro",
        "ru",
        "sa",
        "se",
        "si",
        "so",
        "su",
        "ta",
        "te",
        "ti",
        "to",
        "tu",
        "va",
        "ve",
        "vi",
        "vo",
        "vu",
    ]
    words: set[str] = set()
    while len(words) < n:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return sorted(words)


@dataclass
class Sizes:
    employees: int
    posts: int
    comments: int
    communities: int
    follows_people: int = 8
    follows_communities: int = 2
    follows_tags: int = 2
    memberships: int = 3
    expertise: int = 3


class Loader:
    """Bulk writes for one database vendor."""

    def __init__(self) -> None:
        self.vendor = connection.vendor
        if self.vendor not in ("postgresql", "sqlite"):
            raise NotImplementedError(
                f"generate_org supports PostgreSQL and SQLite, not {self.vendor}"
            )

    def next_id(self, model: type[models.Model]) -> int:
        top = model.objects.aggregate(m=models.Max("pk"))["m"]
        return int(top or 0) + 1

    def when(self, value: dt.datetime) -> Any:
        # SQLite stores naive UTC text, PostgreSQL takes the aware datetime.
        return value if self.vendor == "postgresql" else value.replace(tzinfo=None).isoformat(" ")

    def write(
        self, model: type[models.Model], columns: list[str], rows: Iterable[tuple[Any, ...]]
    ) -> int:
        """Write rows of `columns`; columns of the model not given get their default."""
        fields = {f.column: f for f in model._meta.concrete_fields}
        # an automatic primary key left out is numbered by the database
        missing = [
            f
            for c, f in fields.items()
            if c not in columns and not isinstance(f, models.AutoField | models.BigAutoField)
        ]
        extra_cols, extra_vals = [], []
        for f in missing:
            if f.has_default():
                value = f.get_db_prep_save(f.get_default(), connection)
            elif f.null:
                value = None
            else:
                raise ValueError(f"{model._meta.db_table}.{f.column}: no value and no default")
            extra_cols.append(f.column)
            extra_vals.append(value)
        all_cols = columns + extra_cols
        extra = tuple(extra_vals)
        table = model._meta.db_table
        count = 0
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                sql = f"COPY {table} ({', '.join(all_cols)}) FROM STDIN"
                with cursor.cursor.copy(sql) as copy:
                    for row in rows:
                        copy.write_row(row + extra)
                        count += 1
            else:
                width = len(all_cols)
                per = max(1, 30000 // width)
                batch: list[Any] = []
                n_rows = 0

                def flush() -> None:
                    if n_rows:
                        marks = ", ".join(["(" + ", ".join(["%s"] * width) + ")"] * n_rows)
                        cursor.execute(
                            f"INSERT INTO {table} ({', '.join(all_cols)}) VALUES {marks}", batch
                        )

                for row in rows:
                    batch.extend(row + extra)
                    n_rows += 1
                    count += 1
                    if n_rows >= per:
                        flush()
                        batch, n_rows = [], 0
                flush()
        return count

    def secondary_indexes(self, tables: list[str]) -> list[tuple[str, str]]:
        """(name, definition) of the indexes of `tables` that back no constraint."""
        if self.vendor != "postgresql":
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) "
                "FROM pg_index i WHERE i.indrelid::regclass::text = ANY(%s) "
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
                [tables],
            )
            return list(cursor.fetchall())

    def fast_session(self) -> None:
        if self.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            cursor.execute("SET LOCAL synchronous_commit = off")
            try:
                cursor.execute("SAVEPOINT replica")
                cursor.execute("SET LOCAL session_replication_role = replica")
                cursor.execute("RELEASE SAVEPOINT replica")
            except Exception:  # not a superuser: foreign keys are checked row by row
                cursor.execute("ROLLBACK TO SAVEPOINT replica")

    def finish(self, tables: list[str]) -> None:
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                for table in tables:
                    cursor.execute(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"GREATEST((SELECT max(id) FROM {table}), 1))"
                    )


def generate(
    sizes: Sizes, *, seed: int = 1, password: str = "manyvoices", log: Callable[[str], None] = print
) -> dict[str, int]:
    rng = random.Random(seed)
    loader = Loader()
    words = vocabulary(3000, rng)
    counts: dict[str, int] = {}
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    span = dt.timedelta(days=730)
    began = time.monotonic()

    def step(name: str, n: int) -> None:
        counts[name] = n
        log(f"{name}: {n:,} rows ({time.monotonic() - began:.0f} s)")

    big = [
        "people_user",
        "social_profile",
        "social_expertise",
        "social_endorsement",
        "social_membership",
        "social_follow",
        "social_post",
        "social_posttag",
        "social_comment",
    ]
    with transaction.atomic():
        loader.fast_session()
        indexes = loader.secondary_indexes(big)
        with connection.cursor() as cursor:
            for name, _definition in indexes:
                cursor.execute(f"DROP INDEX {name}")
        if indexes:
            log(f"dropped {len(indexes)} secondary indexes for the load")

        # People, a manager tree eight wide.
        first_user = loader.next_id(User)
        hashed = make_password(password)
        tag = f"{seed}-{first_user}"
        user_ids = list(range(first_user, first_user + sizes.employees))
        joined = loader.when(now - span)

        def people() -> Iterator[tuple[Any, ...]]:
            for i, uid in enumerate(user_ids):
                name = f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]} {i}"
                manager = user_ids[(i - 1) // 8] if i else None
                yield (
                    uid,
                    f"e{i}.{tag}@{DOMAIN}",
                    name,
                    TITLES[i % len(TITLES)],
                    DEPARTMENTS[(i * 7) % len(DEPARTMENTS)],
                    manager,
                    LOCATIONS[(i * 3) % len(LOCATIONS)],
                    "employee",
                    True,
                    joined,
                    hashed,
                )

        step(
            "people",
            loader.write(
                User,
                [
                    "id",
                    "email",
                    "name",
                    "title",
                    "department",
                    "manager_id",
                    "location",
                    "role",
                    "is_active",
                    "date_joined",
                    "password",
                ],
                people(),
            ),
        )

        # Expertise (Zipf-like: a few topics are common), endorsements, profiles.
        topic_weights = [1 / (r + 1) for r in range(len(TOPICS))]
        person_tags: list[list[str]] = []
        for _ in user_ids:
            chosen = set(rng.choices(TOPICS, topic_weights, k=sizes.expertise))
            person_tags.append(sorted(chosen))
        exp_first = loader.next_id(Expertise)
        expertise_rows: list[tuple[int, int]] = []  # (expertise id, owner index)

        def expertise() -> Iterator[tuple[Any, ...]]:
            eid = exp_first
            created = loader.when(now - span)
            for i, uid in enumerate(user_ids):
                for t in person_tags[i]:
                    expertise_rows.append((eid, i))
                    yield (eid, uid, t, created)
                    eid += 1

        step(
            "expertise",
            loader.write(Expertise, ["id", "user_id", "tag", "created_at"], expertise()),
        )

        def endorsements() -> Iterator[tuple[Any, ...]]:
            created = loader.when(now - span / 2)
            for eid, owner in expertise_rows:
                seen = {owner}
                for _ in range(rng.choice((0, 0, 1, 1, 2, 3, 5))):
                    who = rng.randrange(len(user_ids))
                    if who not in seen:
                        seen.add(who)
                        yield (eid, user_ids[who], created)

        step(
            "endorsements",
            loader.write(
                Endorsement, ["expertise_id", "endorser_id", "created_at"], endorsements()
            ),
        )

        languages = [
            "English",
            "English, Spanish",
            "English, German",
            "French, English",
            "English, Japanese",
            "Portuguese, English",
        ]

        def profiles() -> Iterator[tuple[Any, ...]]:
            for i, uid in enumerate(user_ids):
                tags = person_tags[i]
                bio = f"I work on {' and '.join(tags)}. " + " ".join(rng.choices(words, k=8))
                lang = languages[i % len(languages)]
                name = f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]} {i}"
                text = " ".join(
                    [
                        name,
                        f"e{i}.{tag}",
                        TITLES[i % len(TITLES)],
                        DEPARTMENTS[(i * 7) % len(DEPARTMENTS)],
                        LOCATIONS[(i * 3) % len(LOCATIONS)],
                        lang,
                        " ".join(tags),
                        bio,
                    ]
                )
                yield (uid, bio, lang, text)

        step(
            "profiles",
            loader.write(Profile, ["user_id", "bio", "languages", "search_text"], profiles()),
        )

        # Communities and members: the first member is its moderator.
        com_first = loader.next_id(Community)
        com_ids = list(range(com_first, com_first + sizes.communities))
        # about 64% open, 22% restricted, 14% private, mixed from the first few on
        com_vis = [
            "private" if k % 7 == 2 else "restricted" if k % 4 == 1 else "open"
            for k in range(len(com_ids))
        ]

        def communities() -> Iterator[tuple[Any, ...]]:
            for k, cid in enumerate(com_ids):
                topic = TOPICS[k % len(TOPICS)]
                yield (
                    cid,
                    f"{topic}-{k}-{tag}",
                    f"{topic.title()} circle {k}",
                    f"People who care about {topic}.",
                    com_vis[k],
                    user_ids[k % len(user_ids)],
                    loader.when(now - span),
                )

        step(
            "communities",
            loader.write(
                Community,
                ["id", "slug", "name", "description", "visibility", "created_by_id", "created_at"],
                communities(),
            ),
        )
        members: list[list[int]] = [[] for _ in com_ids]  # user indexes per community
        person_coms: list[list[int]] = []
        for i in range(len(user_ids)):
            mine = {i % len(com_ids)} | {
                rng.randrange(len(com_ids)) for _ in range(sizes.memberships - 1)
            }
            person_coms.append(sorted(mine))
            for k in mine:
                members[k].append(i)

        def memberships() -> Iterator[tuple[Any, ...]]:
            created = loader.when(now - span)
            for k, cid in enumerate(com_ids):
                for n, i in enumerate(members[k]):
                    yield (cid, user_ids[i], "moderator" if n == 0 else "member", created)

        step(
            "memberships",
            loader.write(
                Membership, ["community_id", "user_id", "role", "created_at"], memberships()
            ),
        )

        def follows() -> Iterator[tuple[Any, ...]]:
            created = loader.when(now - span)
            for i, uid in enumerate(user_ids):
                others = {rng.randrange(len(user_ids)) for _ in range(sizes.follows_people)} - {i}
                # colleagues: the manager and a few in the same subtree, as people do
                if i:
                    others.add((i - 1) // 8)
                for o in others:
                    yield (uid, user_ids[o], None, "", created)
                for k in person_coms[i][: sizes.follows_communities]:
                    yield (uid, None, com_ids[k], "", created)
                for t in set(rng.choices(TOPICS, topic_weights, k=sizes.follows_tags)):
                    yield (uid, None, None, t, created)

        step(
            "follows",
            loader.write(
                Follow, ["follower_id", "user_id", "community_id", "tag", "created_at"], follows()
            ),
        )

        # Posts: 40% in a community (written by one of its members), ids in time order.
        post_first = loader.next_id(Post)
        post_com: list[int] = []  # community index or -1
        post_time: list[dt.datetime] = []
        step_time = span / max(1, sizes.posts)
        start = now - span

        def posts() -> Iterator[tuple[Any, ...]]:
            for n in range(sizes.posts):
                pid = post_first + n
                when = start + step_time * n
                if rng.random() < 0.4:
                    k = rng.randrange(len(com_ids))
                    author = rng.choice(members[k]) if members[k] else rng.randrange(len(user_ids))
                    community = com_ids[k]
                    topic = TOPICS[k % len(TOPICS)]
                else:
                    k = -1
                    author = int(rng.paretovariate(1.2) * 7919) % len(user_ids)
                    community = None
                    topic = rng.choices(TOPICS, topic_weights)[0]
                post_com.append(k)
                post_time.append(when)
                body_words = rng.choices(words, k=rng.randint(40, 80))
                for _ in range(3):
                    body_words.insert(rng.randrange(len(body_words)), topic)
                body_words.insert(rng.randrange(len(body_words)), rng.choice(TOPICS))
                body = " ".join(body_words).capitalize() + "."
                title = f"{topic.title()}: {' '.join(rng.choices(words, k=4))}"
                w = loader.when(when)
                yield (
                    pid,
                    user_ids[author],
                    community,
                    title,
                    body,
                    f"<p>{body}</p>\n",
                    "published",
                    False,
                    w,
                    w,
                    None,
                )

        step(
            "posts",
            loader.write(
                Post,
                [
                    "id",
                    "author_id",
                    "community_id",
                    "title",
                    "body",
                    "body_html",
                    "status",
                    "hidden",
                    "created_at",
                    "published_at",
                    "edited_at",
                ],
                posts(),
            ),
        )

        def post_tags() -> Iterator[tuple[Any, ...]]:
            for n in range(sizes.posts):
                k = post_com[n]
                first_tag = (
                    TOPICS[k % len(TOPICS)] if k >= 0 else rng.choices(TOPICS, topic_weights)[0]
                )
                tags = {first_tag}
                if rng.random() < 0.5:
                    tags.add(rng.choices(TOPICS, topic_weights)[0])
                for t in tags:
                    yield (post_first + n, t, loader.when(post_time[n]))

        step("post tags", loader.write(PostTag, ["post_id", "tag", "published_at"], post_tags()))

        def comments() -> Iterator[tuple[Any, ...]]:
            for _ in range(sizes.comments):
                # recent posts get more comments
                n = sizes.posts - 1 - min(sizes.posts - 1, int(rng.expovariate(3 / sizes.posts)))
                k = post_com[n]
                if k >= 0 and com_vis[k] != "open" and members[k]:
                    author = rng.choice(members[k])
                else:
                    author = rng.randrange(len(user_ids))
                body = " ".join(rng.choices(words, k=rng.randint(8, 25)))
                if rng.random() < 0.3:
                    body += " " + rng.choice(TOPICS)
                body = body.capitalize() + "."
                when = loader.when(post_time[n] + dt.timedelta(minutes=rng.randint(1, 4000)))
                yield (
                    post_first + n,
                    user_ids[author],
                    None,
                    body,
                    f"<p>{body}</p>\n",
                    False,
                    when,
                )

        step(
            "comments",
            loader.write(
                Comment,
                ["post_id", "author_id", "parent_id", "body", "body_html", "hidden", "created_at"],
                comments(),
            ),
        )

        if indexes:
            with connection.cursor() as cursor:
                # A role that may not switch foreign keys off (not a superuser) leaves
                # their deferred checks pending, and PostgreSQL refuses to build an index
                # on a table with pending trigger events: run the checks now.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                for name, definition in indexes:
                    t0 = time.monotonic()
                    cursor.execute(definition)
                    log(f"index {name} rebuilt ({time.monotonic() - t0:.0f} s)")
        loader.finish([*big, "social_community"])
    if loader.vendor == "postgresql" and connection.get_autocommit():
        # VACUUM as well as ANALYZE: a freshly loaded table would otherwise have its hint
        # bits written by the first queries that read it, and index-only scans would
        # still visit the heap (autovacuum would get there, later).
        with connection.cursor() as cursor:
            for table in [*big, "social_community"]:
                cursor.execute(f"VACUUM (ANALYZE) {table}")
    elif loader.vendor == "postgresql":  # inside a transaction (tests): ANALYZE only
        with connection.cursor() as cursor:
            for table in [*big, "social_community"]:
                cursor.execute(f"ANALYZE {table}")
    log(f"done in {time.monotonic() - began:.0f} s")
    return counts
