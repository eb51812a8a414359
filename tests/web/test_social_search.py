"""The search interface: one function, the database's own full-text engine (FTS5 on
SQLite, tsvector + GIN on PostgreSQL), words never read as query syntax."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from manyvoices.social import services
from manyvoices.social.models import Profile
from manyvoices.social.search import backend, search

from .conftest import People

pytestmark = pytest.mark.django_db


def test_the_backend_matches_the_database(db: Any) -> None:
    assert backend().vendor == connection.vendor


def test_posts_are_found_by_stemmed_words_and_the_title_ranks_first(
    people: People, policy: Any
) -> None:
    body_only = services.save_post(
        author=people.alice,
        title="Notes",
        body="We are migrating databases this week.",
        publish=True,
    )
    in_title = services.save_post(
        author=people.bob, title="Database migrations", body="How we did it.", publish=True
    )
    got = [h.id for h in search(people.charlie, "database migration").posts]
    assert got == [in_title.pk, body_only.pk]


def test_every_word_must_match(people: People, policy: Any) -> None:
    services.save_post(author=people.alice, title="Cats", body="cats only", publish=True)
    assert not search(people.bob, "cats dogs").posts


@pytest.mark.parametrize("q", ['"', "a OR b", "NEAR(", "*", "col:x", "') OR 1=1 --", "&|!"])
def test_query_syntax_in_the_words_is_harmless(people: People, policy: Any, q: str) -> None:
    services.save_post(author=people.alice, title="Plain", body="plain words", publish=True)
    search(people.bob, q)  # no error from the database


def test_people_are_found_by_name_title_department_bio_and_expertise(
    people: People, policy: Any
) -> None:
    profile = Profile.of(people.bob)
    profile.bio = "I keep the build farm happy."
    profile.save()
    services.add_expertise(user=people.bob, tag="Kubernetes")
    for q in ("Baker", "farm", "kubernetes", "Engineering"):
        assert people.bob.pk in [h.obj.user_id for h in search(people.alice, q).people], q


def test_kinds_limit_what_is_searched(people: People, policy: Any) -> None:
    post = services.save_post(author=people.alice, title="Baker", body="x", publish=True)
    services.add_comment(author=people.bob, post=post, body="Baker here")
    only = search(people.alice, "baker", kinds=["comments"])
    assert only.posts == [] and only.people == [] and len(only.comments) == 1
    with pytest.raises(ValueError, match="kinds"):
        search(people.alice, "x", kinds=["drafts"])


def test_an_edit_is_searchable_at_once_and_the_old_words_are_gone(
    people: People, policy: Any
) -> None:
    post = services.save_post(author=people.alice, title="T", body="walrus", publish=True)
    services.save_post(author=people.alice, title="T", body="manatee", post=post)
    assert not search(people.bob, "walrus").posts
    assert [h.id for h in search(people.bob, "manatee").posts] == [post.pk]
    post.delete()
    assert not search(people.bob, "manatee").posts


def test_the_search_api_answers_with_hits(people: People, policy: Any, client_for: Any) -> None:
    from manyvoices.api.models import ApiToken

    services.save_post(author=people.alice, title="Walrus facts", body="tusks", publish=True)
    _t, secret = ApiToken.issue(people.bob, "t")
    got = (
        client_for(None)
        .get(
            "/api/v1/search",
            {"q": "walrus", "kinds": "posts"},
            HTTP_AUTHORIZATION=f"Bearer {secret}",
        )
        .json()
    )
    assert [h["title"] for h in got["posts"]] == ["Walrus facts"]
    assert got["posts"][0]["url"].startswith("/network/posts/")
    bad = client_for(None).get(
        "/api/v1/search", {"q": "x", "kinds": "drafts"}, HTTP_AUTHORIZATION=f"Bearer {secret}"
    )
    assert bad.status_code == 422 and "kinds" in bad.json()["detail"]


@pytest.fixture(params=["index", "newest-first"])
def large_table_plan(request: Any, monkeypatch: pytest.MonkeyPatch) -> str:
    """On PostgreSQL, make every table count as large and force one of the two ways of
    finding the newest matches (search.PostgresBackend): every match from the GIN index,
    or the rows read newest first and tested."""
    if connection.vendor != "postgresql":
        pytest.skip("the large-table plans are PostgreSQL's")
    from manyvoices.social import search as search_module

    real = search_module.table_size
    monkeypatch.setattr(search_module.PostgresBackend, "LARGE", 0)
    monkeypatch.setattr(search_module, "table_size", lambda table: (1e6, real(table)[1]))
    scan_row = 1e18 if request.param == "index" else 0.0
    monkeypatch.setattr(search_module.PostgresBackend, "SCAN_ROW", scan_row)
    search_module._SIZES.clear()
    search_module._ESTIMATES.clear()
    return str(request.param)


def test_both_large_table_plans_find_posts_and_comments_best_first(
    people: People, policy: Any, large_table_plan: str
) -> None:
    older = services.save_post(
        author=people.alice, title="Notes", body="The okapi moved house.", publish=True
    )
    titled = services.save_post(
        author=people.bob, title="Okapi sightings", body="Twice this week.", publish=True
    )
    services.save_post(author=people.bob, title="Other", body="nothing here", publish=True)
    said = services.add_comment(author=people.charlie, post=older, body="An okapi, really?")
    found = search(people.charlie, "okapi")
    assert [h.id for h in found.posts] == [titled.pk, older.pk]
    assert [h.id for h in found.comments] == [said.pk]
    assert not search(people.charlie, "okapi giraffe").posts


def test_both_large_table_plans_keep_private_communities_private(
    people: People, world: Any, large_table_plan: str
) -> None:
    from .social_world import PRIVATE_COMMENT_WORD, PRIVATE_WORD

    outsider = search(people.charlie, PRIVATE_WORD)
    assert outsider.posts == [] and search(people.charlie, PRIVATE_COMMENT_WORD).comments == []
    assert [h.id for h in search(people.bob, PRIVATE_WORD).posts] == [world.private_post.pk]
    assert [h.id for h in search(people.bob, PRIVATE_COMMENT_WORD).comments] == [
        world.private_comment.pk
    ]


def test_the_planners_estimate_of_matches_is_read(people: People, policy: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's planner")
    from manyvoices.social.search import _ESTIMATES, _SIZES, estimated_matches, table_size

    post = services.save_post(author=people.alice, title="Tapir", body="tapir", publish=True)
    _ESTIMATES.clear()
    estimate = estimated_matches("social_post", "tapir")
    assert estimate is not None and estimate >= 1
    assert _ESTIMATES[("social_post", "tapir")][0] == estimate  # remembered
    _SIZES.clear()
    rows, top = table_size("social_post")
    assert rows >= 0 and top == post.pk


def test_the_newest_matches_are_found_by_widening_the_id_range(people: People, policy: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's GIN and BRIN indexes")
    from manyvoices.social.models import Post
    from manyvoices.social.search import newest_matches

    matching = []
    for i in range(6):
        p = services.save_post(author=people.alice, title=f"Ibis {i}", body="ibis", publish=True)
        matching.append(p.pk)
        for _ in range(3):
            services.save_post(author=people.bob, title="Other", body="heron", publish=True)
    top = Post.objects.order_by("-pk").values_list("pk", flat=True).first()
    # an estimate far too high: the first range (the newest 2 ids) holds no match
    got = newest_matches("social_post", "ibis", 2, 1e6, top, 1e9, 2.0)
    assert got == [matching[-1], matching[-2]]
    # and a range that must grow past the whole table
    assert newest_matches("social_post", "ibis", 10, 1e6, top, 1e9, 2.0) == matching[::-1]
