"""Short-link clicks: who is a bot, a salted visitor hash, and the group-committed INSERT.

The redirect must never wait on anything slow and never lose a click: the short code's
target is kept in a small in-process cache (a share's target never changes), and the
click is committed before the redirect is answered, by the process's `ClickWriter`,
which stores the clicks of concurrent requests in one transaction. No address is stored: the
visitor is sha256(the day's random salt, address, user-agent), cut to 32 hex digits.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import re
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection
from django.utils import timezone

from .models import Click, Share, VisitorSalt

# Link-preview fetchers: networks and chat apps read a link to draw its card.
_PREVIEW = re.compile(
    r"facebookexternalhit|facebookcatalog|meta-externalagent|linkedinbot|twitterbot|"
    r"slackbot|slack-imgproxy|discordbot|telegrambot|whatsapp|skypeuripreview|"
    r"mastodon|pleroma|akkoma|misskey|bluesky|cardyb|embedly|iframely|"
    r"redditbot|pinterest|vkshare|quora link preview|microsoftpreview|teams|"
    r"google-pagerenderer|bingpreview|snapchat|viber|line-poker|kakaotalk|"
    r"manyvoices link preview",
    re.IGNORECASE,
)
# Crawlers, monitors and scripts.
_BOT = re.compile(
    r"bot\b|bot/|bot;|crawl|spider|slurp|archiver|headless|lighthouse|pingdom|uptime|"
    r"monitor|scanner|checker|feedfetcher|python-|curl/|wget/|go-http-client|okhttp|"
    r"java/|libwww|httpclient|http\.rb|axios|node-fetch|undici|scrapy|aiohttp|httpx",
    re.IGNORECASE,
)


def classify(user_agent: str, method: str = "GET") -> tuple[str, bool]:
    """(class, is_bot): browser, preview (a link-preview fetcher), bot, or unknown (no
    user-agent). HEAD requests are previews whatever they claim to be."""
    found = _classify(user_agent)
    if method == "HEAD" and not found[1]:
        return "preview", True
    return found


@functools.lru_cache(maxsize=4096)  # a few browsers' strings make most clicks
def _classify(user_agent: str) -> tuple[str, bool]:
    ua = user_agent.strip()
    if not ua:
        return "unknown", True
    if _PREVIEW.search(ua):
        return "preview", True
    if _BOT.search(ua):
        return "bot", True
    return "browser", False


_salt_lock = threading.Lock()
_salt: tuple[dt.date, str] | None = None


def salt_for(day: dt.date) -> str:
    """The day's random salt: made by whichever process asks first, kept in each process."""
    global _salt
    with _salt_lock:
        if _salt is not None and _salt[0] == day:
            return _salt[1]
    row = VisitorSalt.objects.filter(day=day).first()
    if row is None:
        try:
            row = VisitorSalt.objects.create(day=day, salt=secrets.token_hex(32))
        except IntegrityError:  # another process made it first
            row = VisitorSalt.objects.get(day=day)
    with _salt_lock:
        _salt = (day, row.salt)
    return row.salt


def forget_salt() -> None:
    global _salt
    with _salt_lock:
        _salt = None


def client_address(request: Any) -> str:
    if getattr(settings, "USE_X_FORWARDED_HOST", False):
        # Behind our own proxy: the last address is the one the proxy saw.
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return str(forwarded.split(",")[-1].strip())
    return str(request.META.get("REMOTE_ADDR", ""))


def visitor_hash(address: str, user_agent: str, day: dt.date) -> str:
    salt = salt_for(day)
    digest = hashlib.sha256(f"{salt}\x00{address}\x00{user_agent}".encode()).hexdigest()
    return digest[:32]


@dataclass(frozen=True)
class Target:
    share_id: int
    url: str


class _TargetCache:
    """A small LRU of short code -> target. A share's target never changes once made."""

    def __init__(self, size: int = 20_000) -> None:
        self.size = size
        self.items: OrderedDict[str, Target] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, code: str) -> Target | None:
        with self.lock:
            found = self.items.get(code)
            if found is not None:
                self.items.move_to_end(code)
            return found

    def put(self, code: str, target: Target) -> None:
        with self.lock:
            self.items[code] = target
            if len(self.items) > self.size:
                self.items.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.items.clear()


targets = _TargetCache()


def resolve(code: str) -> Target | None:
    found = targets.get(code)
    if found is not None:
        return found
    share = (
        Share.objects.select_related("shareable", "shareable__campaign")
        .only(
            "id",
            "network",
            "shareable__id",
            "shareable__url",
            "shareable__campaign__slug",
        )
        .filter(code=code)
        .first()
    )
    if share is None:
        return None
    found = Target(share.pk, share.destination())
    targets.put(code, found)
    return found


_COLUMNS = "(share_id, created_at, visitor, ua_class, is_bot)"
_ROW = "(%s, %s, %s, %s, %s)"


def _insert(rows: list[list[Any]]) -> None:
    """One INSERT of `rows` in this thread's connection."""
    table = connection.ops.quote_name(Click._meta.db_table)
    values = ", ".join([_ROW] * len(rows))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} {_COLUMNS} VALUES {values}", [v for row in rows for v in row]
        )


class _Pending:
    __slots__ = ("done", "error", "row")

    def __init__(self, row: list[Any]) -> None:
        self.row = row
        self.done = threading.Event()
        self.error: BaseException | None = None


class ClickWriter:
    """Group commit of clicks, one writer thread per process.

    A request hands its click over and waits; the writer stores every click that arrived
    while it was busy in one INSERT and one transaction, then wakes each request, which
    only then answers its redirect. So a click is still on disk before its redirect
    leaves (synchronous commit, as before), but a hundred concurrent clicks cost one
    commit and one flush of the write-ahead log instead of a hundred. Should a batch
    fail (a share deleted meanwhile, a lost connection), its clicks are stored one by one,
    so only the failing click's request fails, with the error.
    """

    MAX_BATCH = 500
    WAIT_SECONDS = 60.0

    def __init__(self) -> None:
        self._reset()
        os.register_at_fork(after_in_child=self._reset)

    def _reset(self) -> None:
        self.lock = threading.Lock()
        self.ready = threading.Condition(self.lock)
        self.pending: list[_Pending] = []
        self.thread: threading.Thread | None = None
        self.stopping = False
        self.batches = 0  # transactions committed, for tests and benchmarks

    def store(self, row: list[Any]) -> None:
        item = _Pending(row)
        with self.lock:
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._run, name="click-writer", daemon=True)
                self.thread.start()
            self.pending.append(item)
            self.ready.notify()
        if not item.done.wait(self.WAIT_SECONDS):
            raise TimeoutError("the click writer did not store the click in time")
        if item.error is not None:
            raise item.error

    def close(self, timeout: float = 30.0) -> None:
        """Let the writer thread store what it holds, close its database connection and
        end (for tests, whose database is dropped at the end; in a server the writer
        lives as long as its process). The next click starts a new one."""
        with self.lock:
            thread = self.thread
            if thread is None:
                return
            self.stopping = True
            self.ready.notify()
        thread.join(timeout)
        with self.lock:
            self.stopping = False
            if self.thread is thread:
                self.thread = None

    def _run(self) -> None:
        while True:
            with self.lock:
                while not self.pending:
                    if self.stopping:
                        connection.close()
                        return
                    self.ready.wait()
                batch = self.pending[: self.MAX_BATCH]
                del self.pending[: self.MAX_BATCH]
            try:
                self._write(batch)
            finally:
                for item in batch:
                    item.done.set()

    def _write(self, batch: list[_Pending]) -> None:
        try:
            # One statement in autocommit is one transaction: all its rows or none, and
            # no BEGIN and COMMIT round trips (a third of the writer's cost per batch).
            _insert([item.row for item in batch])
            self.batches += 1
            return
        except Exception as exc:
            connection.close_if_unusable_or_obsolete()
            if len(batch) == 1:
                batch[0].error = exc
                return
        for item in batch:
            try:
                _insert([item.row])  # autocommit: each its own transaction
                self.batches += 1
            except Exception as exc:
                connection.close_if_unusable_or_obsolete()
                item.error = exc


writer = ClickWriter()


def record_click(share_id: int, request: Any) -> None:
    """Store the click, committed, before returning: on PostgreSQL through the process's
    click writer (group commit); in the request's own connection on SQLite (whose commits
    in WAL mode do not wait for the disk, and which has one writer at a time anyway) or
    when the request is inside a transaction (ATOMIC_REQUESTS, a test), where the click
    commits or rolls back with it."""
    now = timezone.now()
    user_agent = request.META.get("HTTP_USER_AGENT", "")[:1000]
    ua_class, is_bot = classify(user_agent, request.method)
    visitor = visitor_hash(client_address(request), user_agent, now.date())
    row = [share_id, connection.ops.adapt_datetimefield_value(now), visitor, ua_class, is_bot]
    if connection.in_atomic_block or connection.vendor != "postgresql":
        _insert([row])
    else:
        writer.store(row)
