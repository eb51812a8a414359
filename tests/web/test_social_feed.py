"""The feed: posts by followed people, communities and tags (and one's own), newest first,
paged with a cursor; the page's htmx requests get the next page only."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from manyvoices.social import services
from manyvoices.social.feed import BadCursor, feed
from manyvoices.social.models import Follow, Post

from .conftest import People
from .social_world import World

pytestmark = pytest.mark.django_db


def _posts(author: Any, n: int, **kw: Any) -> list[Post]:
    made = []
    start = timezone.now() - dt.timedelta(days=1)
    for i in range(n):
        p = services.save_post(
            author=author, title=f"{author.name} {i}", body="text", publish=True, **kw
        )
        Post.objects.filter(pk=p.pk).update(published_at=start + dt.timedelta(minutes=i))
        made.append(p)
    return made


def test_the_feed_holds_followed_people_communities_and_tags_newest_first(
    people: People, world: World
) -> None:
    Follow.objects.create(follower=people.charlie, user=people.bob)
    Follow.objects.create(follower=people.charlie, community=world.news)
    Follow.objects.create(follower=people.charlie, tag="clubs")
    bob_post = services.save_post(author=people.bob, title="Bob's", body="hi", publish=True)
    ids = [p.pk for p in feed(people.charlie).posts]
    assert set(ids) == {bob_post.pk, world.news_post.pk, world.open_post.pk}
    times = [p.published_at for p in feed(people.charlie).posts]
    assert times == sorted(times, reverse=True)


def test_following_nothing_shows_everything_one_may_read(people: People, world: World) -> None:
    ids = {p.pk for p in feed(people.charlie).posts}
    assert ids == {world.blog_post.pk, world.open_post.pk, world.news_post.pk}


def test_pages_follow_each_other_without_gaps_or_repeats(people: People, policy: Any) -> None:
    made = _posts(people.bob, 25)
    Follow.objects.create(follower=people.charlie, user=people.bob)
    first = feed(people.charlie, limit=10)
    second = feed(people.charlie, cursor=first.next_cursor, limit=10)
    third = feed(people.charlie, cursor=second.next_cursor, limit=10)
    got = [p.pk for p in first.posts + second.posts + third.posts]
    assert got == [p.pk for p in reversed(made)]
    assert third.next_cursor is None


def test_a_bad_cursor_is_a_clear_error(people: People, client_for: Any) -> None:
    with pytest.raises(BadCursor, match="cursor"):
        feed(people.alice, cursor="nonsense")
    r = client_for(people.alice).get("/network/", {"cursor": "nonsense"})
    assert r.status_code == 400 and "cursor" in r.content.decode()
    from manyvoices.api.models import ApiToken

    _t, secret = ApiToken.issue(people.alice, "t")
    r = client_for(None).get("/api/v1/feed", {"cursor": "x"}, HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert r.status_code == 400 and "cursor" in r.json()["detail"]


def test_scrolling_loads_the_next_page_with_htmx(
    people: People, policy: Any, client_for: Any, htmx: dict[str, str]
) -> None:
    _posts(people.bob, 25)
    c = client_for(people.charlie)
    page = c.get("/network/").content.decode()
    assert page.count('class="post-card"') == 20
    assert 'hx-trigger="revealed"' in page
    cursor = page.split("?cursor=", 1)[1].split('"', 1)[0]
    from urllib.parse import unquote

    more = c.get("/network/", {"cursor": unquote(cursor)}, **htmx).content.decode()
    assert more.count('class="post-card"') == 5
    assert "<html" not in more and 'hx-trigger="revealed"' not in more


def test_following_and_unfollowing_from_the_pages(
    people: People, world: World, client_for: Any
) -> None:
    c = client_for(people.charlie)
    c.post("/network/follow/", {"kind": "user", "value": people.bob.pk})
    c.post("/network/follow/", {"kind": "community", "value": "guild"})
    c.post("/network/follow/", {"kind": "tag", "value": "#Testing"})
    assert set(
        Follow.objects.filter(follower=people.charlie).values_list("user_id", "community_id", "tag")
    ) == {(people.bob.pk, None, ""), (None, world.guild.pk, ""), (None, None, "testing")}
    # following a private community one cannot read is answered as missing
    assert (
        c.post("/network/follow/", {"kind": "community", "value": "skunkworks"}).status_code == 404
    )
    c.post("/network/follow/", {"kind": "tag", "value": "testing", "stop": "1"})
    assert not Follow.objects.filter(follower=people.charlie, tag="testing").exists()


def _walk(user: Any, limit: int) -> list[int]:
    """Every page of `user`'s feed, following the cursors to the end."""
    got: list[int] = []
    cursor = None
    for _ in range(100):
        page = feed(user, cursor=cursor, limit=limit)
        got += [p.pk for p in page.posts]
        cursor = page.next_cursor
        if cursor is None:
            return got
    raise AssertionError("the feed never ended")


def test_paging_through_many_sources_returns_every_post_once_newest_first(
    people: People, world: World
) -> None:
    """People, a community and a tag overlap (a followed person's post in a followed
    community with a followed tag); posts share timestamps, so the id breaks ties."""
    charlie = people.charlie
    Follow.objects.create(follower=charlie, user=people.bob)
    Follow.objects.create(follower=charlie, user=people.alice)
    Follow.objects.create(follower=charlie, community=world.guild)
    Follow.objects.create(follower=charlie, tag="clubs")
    same_time = timezone.now() - dt.timedelta(hours=2)
    made = _posts(people.bob, 7) + _posts(people.alice, 5, community=world.guild, tags="clubs")
    made += _posts(people.comms, 4, tags="clubs") + _posts(people.comms, 3, community=world.guild)
    Post.objects.filter(pk__in=[p.pk for p in made[::3]]).update(published_at=same_time)
    from manyvoices.social.models import PostTag

    for p in Post.objects.filter(pk__in=[p.pk for p in made]):
        PostTag.objects.filter(post=p).update(published_at=p.published_at)
    unrelated = _posts(people.compliance, 3)
    expected = list(
        Post.objects.visible_to(charlie)
        .exclude(pk__in=[p.pk for p in unrelated])
        .order_by("-published_at", "-id")
        .values_list("pk", flat=True)
    )
    assert len(expected) == len(made) + 3  # and alice's blog, guild and news posts
    for limit in (1, 2, 3, 7, 20):
        assert _walk(charlie, limit) == expected, limit


def test_a_followed_person_or_tag_never_brings_a_private_communitys_post_to_an_outsider(
    people: People, world: World
) -> None:
    charlie = people.charlie
    Follow.objects.create(follower=charlie, user=people.alice)
    Follow.objects.create(follower=charlie, tag="testing")
    got = set(_walk(charlie, 2))
    assert world.private_post.pk not in got and world.draft.pk not in got
    assert world.blog_post.pk in got
    # bob, a member, sees it through the same follows
    Follow.objects.create(follower=people.bob, user=people.alice)
    assert world.private_post.pk in set(_walk(people.bob, 2))


def test_a_hidden_post_leaves_the_feed(people: People, world: World) -> None:
    Follow.objects.create(follower=people.charlie, user=people.alice)
    Post.objects.filter(pk=world.blog_post.pk).update(hidden=True)
    assert world.blog_post.pk not in set(_walk(people.charlie, 3))


def test_a_page_costs_a_fixed_number_of_queries(
    people: People, world: World, django_assert_max_num_queries: Any
) -> None:
    charlie = people.charlie
    for who in (people.bob, people.alice, people.comms):
        Follow.objects.create(follower=charlie, user=who)
        _posts(who, 12, community=world.guild if who == people.alice else None)
    Follow.objects.create(follower=charlie, community=world.guild)
    Follow.objects.create(follower=charlie, tag="clubs")
    from django.db import connection

    # the follows, the newest ids (one UNION on PostgreSQL, one per source elsewhere), the
    # page's posts with authors and communities
    most = 3 if connection.vendor == "postgresql" else 2 + 6
    with django_assert_max_num_queries(most):
        page = feed(charlie)
        for p in page.posts:
            str(p.author), p.community and p.community.name
    assert len(page.posts) == 20
