"""Feeds in: RSS and Atom feeds are read in the background (feedparser); new items wait
in a queue that communications approves (it becomes a shareable) or discards."""

from __future__ import annotations

from typing import Any

import pytest

from manyvoices.advocacy import feeds
from manyvoices.advocacy.models import Feed, FeedItem, Shareable
from manyvoices.advocacy.tasks import poll_feed, poll_feeds

from .advocacy_helpers import Route, local_site

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Globodyne News</title>
<item><title>Lisbon office opens</title><link>https://globodyne.example/news/lisbon</link>
<guid>news-1</guid>
<description>&lt;p&gt;Two hundred &lt;b&gt;new&lt;/b&gt; jobs&lt;/p&gt;</description>
<pubDate>Mon, 02 Nov 2026 09:00:00 GMT</pubDate></item>
<item><title>Quarterly results</title><link>https://globodyne.example/news/q3</link>
<guid>news-2</guid></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Globodyne Engineering</title><id>urn:eng</id><updated>2026-11-01T00:00:00Z</updated>
<entry><title>How we ship</title><id>urn:eng:1</id><link href="https://eng.globodyne.example/ship"/>
<updated>2026-11-01T00:00:00Z</updated><summary>Our release train</summary></entry>
</feed>"""


@pytest.fixture
def loopback(settings: Any) -> None:
    settings.PREVIEW_ALLOW_LOOPBACK = True


def test_rss_items_are_queued_once(people: Any, loopback: None) -> None:
    with local_site({"/rss": Route(content_type="application/rss+xml", body=RSS)}) as site:
        feed = Feed.objects.create(url=site.url("/rss"))
        assert feeds.poll(feed) == 2
        assert feeds.poll(feed) == 0  # seen before: never queued twice
    items = {i.guid: i for i in FeedItem.objects.all()}
    assert items["news-1"].title == "Lisbon office opens"
    assert items["news-1"].summary == "Two hundred new jobs"
    assert items["news-1"].published_at.isoformat() == "2026-11-02T09:00:00+00:00"
    feed.refresh_from_db()
    assert feed.title == "Globodyne News" and feed.last_error == ""


def test_atom_entries_are_queued(people: Any, loopback: None) -> None:
    with local_site({"/atom": Route(content_type="application/atom+xml", body=ATOM)}) as site:
        feed = Feed.objects.create(url=site.url("/atom"))
        assert poll_feed.call(feed.pk) == 1
    item = FeedItem.objects.get()
    assert (item.url, item.summary) == ("https://eng.globodyne.example/ship", "Our release train")


def test_a_broken_feed_keeps_its_error_and_queues_nothing(people: Any, loopback: None) -> None:
    with local_site({"/bad": Route(body=b"<html>not a feed</html>"), "/x": Route(503)}) as site:
        bad = Feed.objects.create(url=site.url("/bad"))
        down = Feed.objects.create(url=site.url("/x"))
        assert poll_feeds.call() == 0
    bad.refresh_from_db()
    down.refresh_from_db()
    assert "the feed cannot be read" in bad.last_error
    assert "answered 503" in down.last_error
    assert not FeedItem.objects.exists()


def test_a_feed_on_a_private_address_is_refused(people: Any, settings: Any) -> None:
    settings.PREVIEW_ALLOW_LOOPBACK = False
    feed = Feed.objects.create(url="http://127.0.0.1:9/rss")
    assert feeds.poll(feed) == 0
    feed.refresh_from_db()
    assert "private or local address" in feed.last_error


@pytest.fixture
def waiting(people: Any) -> FeedItem:
    feed = Feed.objects.create(url="https://globodyne.example/rss")
    return FeedItem.objects.create(
        feed=feed, guid="g1", url="https://globodyne.example/n/1", title="News", summary="S"
    )


def test_comms_approves_an_item_into_a_shareable_once(
    people: Any, policy: Any, waiting: FeedItem, client_for: Any
) -> None:
    client = client_for(people.comms)
    response = client.post(f"/hub/manage/feeds/items/{waiting.pk}/", {"action": "approve"})
    item = Shareable.objects.get()
    assert response["Location"] == f"/hub/manage/{item.pk}/"
    assert (item.url, item.title, item.description) == (
        "https://globodyne.example/n/1",
        "News",
        "S",
    )
    client.post(f"/hub/manage/feeds/items/{waiting.pk}/", {"action": "approve"})
    assert Shareable.objects.count() == 1
    waiting.refresh_from_db()
    assert waiting.status == "approved" and waiting.decided_by == people.comms


def test_comms_discards_an_item(
    people: Any, policy: Any, waiting: FeedItem, client_for: Any
) -> None:
    client_for(people.comms).post(f"/hub/manage/feeds/items/{waiting.pk}/", {"action": "discard"})
    waiting.refresh_from_db()
    assert waiting.status == "discarded" and not Shareable.objects.exists()
    assert "News" not in client_for(people.comms).get("/hub/manage/feeds/").content.decode()


@pytest.mark.parametrize("role", ["alice", "compliance", "anonymous"])
def test_only_comms_decide_on_the_queue(
    people: Any, waiting: FeedItem, client_for: Any, role: str
) -> None:
    response = client_for(people.by_role(role)).post(
        f"/hub/manage/feeds/items/{waiting.pk}/", {"action": "approve"}
    )
    assert response.status_code in (302, 403)
    waiting.refresh_from_db()
    assert waiting.status == "new"


def test_adding_a_feed_queues_its_first_read_on_commit(
    people: Any, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(people.comms).post(
            "/hub/manage/feeds/", {"url": "https://globodyne.example/rss", "title": "News"}
        )
    assert response.status_code == 302
    task = DBTaskResult.objects.get()
    assert task.task_path.endswith("poll_feed") and task.args_kwargs["args"] == [
        Feed.objects.get().pk
    ]
