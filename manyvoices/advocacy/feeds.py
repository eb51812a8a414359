"""RSS and Atom feeds: read with feedparser from bytes fetched by our own safe fetcher
(the same rules as link previews: no private addresses, a time limit, a size cap).
New items land in the queue communications approves or discards; an item already
seen (same feed, same id) is never added twice."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

import feedparser
from django.db import IntegrityError, transaction
from django.utils import timezone

from .fetching import FetchError, fetch
from .models import Feed, FeedItem

_TAGS = re.compile(r"<[^>]+>")


def _plain(value: str) -> str:
    return " ".join(html.unescape(_TAGS.sub(" ", value or "")).split())


def _when(entry: Any) -> dt.datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return dt.datetime(*parsed[:6], tzinfo=dt.UTC)


def poll(feed: Feed) -> int:
    """Read the feed once; the number of new items queued. Errors are kept on the feed."""
    try:
        fetched = fetch(
            feed.url,
            accept="application/rss+xml, application/atom+xml, application/xml, text/xml",
        )
    except FetchError as exc:
        Feed.objects.filter(pk=feed.pk).update(
            last_polled_at=timezone.now(), last_error=str(exc)[:500]
        )
        return 0
    parsed = feedparser.parse(fetched.body)
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        reason = str(parsed.get("bozo_exception") or "it is not an RSS or Atom feed")
        Feed.objects.filter(pk=feed.pk).update(
            last_polled_at=timezone.now(), last_error=f"the feed cannot be read: {reason}"[:500]
        )
        return 0
    added = 0
    for entry in parsed.entries[:200]:
        link = entry.get("link", "") or ""
        guid = (entry.get("id") or link or entry.get("title", ""))[:500]
        if not guid or not link.startswith(("http://", "https://")):
            continue
        try:
            with transaction.atomic():
                FeedItem.objects.create(
                    feed=feed,
                    guid=guid,
                    url=link[:2000],
                    title=_plain(entry.get("title", ""))[:300],
                    summary=_plain(entry.get("summary", ""))[:2000],
                    published_at=_when(entry),
                )
            added += 1
        except IntegrityError:
            continue  # seen before
    title = feed.title or _plain(parsed.feed.get("title", ""))[:300]
    Feed.objects.filter(pk=feed.pk).update(
        last_polled_at=timezone.now(), last_error="", title=title
    )
    return added
