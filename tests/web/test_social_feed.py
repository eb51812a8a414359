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
