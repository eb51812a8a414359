"""The click writer (group commit, manyvoices/advocacy/clicks.py): clicks handed over by
concurrent requests are stored together in one transaction, none is lost, each request
returns only once its click is committed, and a failing click fails only its own request.

The writer serves PostgreSQL in production (tests/web/test_advocacy_clicks_on_postgresql.py
runs it there, in a real server); here it runs on the test database, with its own thread
and connection, as in a server."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from manyvoices.advocacy import analytics, clicks
from manyvoices.advocacy.models import Click

from .advocacy_helpers import BROWSER_UA, PREVIEW_UA, make_share, make_shareable

pytestmark = pytest.mark.django_db(transaction=True)


def _row(share_id: int, agent: str, address: str) -> list[Any]:
    ua_class, is_bot = clicks.classify(agent)
    now = timezone.now()
    visitor = clicks.visitor_hash(address, agent, now.date())
    return [share_id, connection.ops.adapt_datetimefield_value(now), visitor, ua_class, is_bot]


@pytest.fixture
def share(people: Any, policy: Any) -> Any:
    clicks.forget_salt()
    return make_share(people.alice, make_shareable())


@pytest.fixture
def writer() -> Any:
    made = clicks.ClickWriter()
    yield made
    made.close()  # its own connection, before the test database goes


def test_concurrent_clicks_are_stored_together_and_none_is_lost(
    share: Any, writer: Any, monkeypatch: Any
) -> None:
    # Hold the first batch until everyone else has queued behind it.
    first_in, release = threading.Event(), threading.Event()
    real_insert = clicks._insert
    sizes: list[int] = []

    def insert(rows: list[list[Any]]) -> None:
        sizes.append(len(rows))
        if len(sizes) == 1:
            first_in.set()
            release.wait(10)
        real_insert(rows)

    monkeypatch.setattr(clicks, "_insert", insert)
    rows = [_row(share.pk, BROWSER_UA, f"198.51.100.{i % 7}") for i in range(30)]
    rows += [_row(share.pk, PREVIEW_UA, "203.0.113.1") for _ in range(10)]
    with ThreadPoolExecutor(40) as pool:
        first = pool.submit(writer.store, rows[0])
        assert first_in.wait(10)
        rest = [pool.submit(writer.store, row) for row in rows[1:]]
        while len(writer.pending) < len(rest):  # all queued behind the held batch
            threading.Event().wait(0.01)
        assert not any(f.done() for f in rest)  # nobody answered before the commit
        release.set()
        for f in [first, *rest]:
            f.result(timeout=30)
    assert sizes == [1, 39]  # two transactions for forty clicks
    assert writer.batches == 2
    assert Click.objects.filter(share=share).count() == 40
    assert analytics.share_clicks(share) == {"total": 40, "human": 30, "bots": 10, "unique": 7}


def test_a_click_that_cannot_be_stored_fails_only_its_own_request(share: Any, writer: Any) -> None:
    good = [_row(share.pk, BROWSER_UA, f"198.51.100.{i}") for i in range(5)]
    bad = _row(share.pk + 1000, BROWSER_UA, "198.51.100.9")  # no such share
    errors: list[BaseException] = []

    def store(row: list[Any]) -> None:
        try:
            writer.store(row)
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=store, args=(row,)) for row in [*good, bad]]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert len(errors) == 1
    assert Click.objects.filter(share=share).count() == 5


def test_the_writer_serves_postgresql_and_sqlite_writes_in_the_request(
    share: Any, client_for: Any
) -> None:
    before = clicks.writer.batches
    response = client_for(None).get(f"/l/{share.code}", HTTP_USER_AGENT=BROWSER_UA)
    assert response.status_code == 302
    assert Click.objects.filter(share=share).count() == 1  # stored before the answer
    through_writer = clicks.writer.batches - before
    assert through_writer == (1 if connection.vendor == "postgresql" else 0)


def test_a_closed_writer_stores_what_it_held_and_starts_again_on_the_next_click(
    share: Any, writer: Any
) -> None:
    writer.store(_row(share.pk, BROWSER_UA, "198.51.100.1"))
    writer.close()
    assert writer.thread is None
    writer.store(_row(share.pk, BROWSER_UA, "198.51.100.2"))
    assert writer.thread is not None and writer.thread.is_alive()
    assert Click.objects.filter(share=share).count() == 2
