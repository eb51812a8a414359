"""Bookkeeping never makes a request wait for the disk: a review counted for the
statistics and an API token's rate-limit count commit with synchronous_commit off on
PostgreSQL, in their own transaction only."""

from __future__ import annotations

from typing import Any

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from manyvoices.api.models import ApiToken
from manyvoices.composer.models import ReviewStat
from manyvoices.people.models import User

RELAX = "SET LOCAL synchronous_commit TO OFF"


def add_one() -> ReviewStat:
    return ReviewStat.add(
        department="Engineering",
        networks=["linkedin"],
        verdict="warn",
        rules=[["custom.beta-talk", "warn"]],
        source=ReviewStat.Source.API,
    )


def test_a_statistics_row_commits_without_waiting_for_the_disk(transactional_db: Any) -> None:
    with CaptureQueriesContext(connection) as queries:
        stat = add_one()
    sql = [q["sql"] for q in queries.captured_queries]
    assert ReviewStat.objects.filter(pk=stat.pk, verdict="warn").exists()
    if connection.vendor == "postgresql":
        assert sql[:2] == ["BEGIN", RELAX], sql  # first in its own transaction
    else:
        assert RELAX not in sql


def test_inside_a_callers_transaction_durability_is_left_alone(db: Any) -> None:
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        stat = add_one()
    assert RELAX not in [q["sql"] for q in queries.captured_queries]
    assert ReviewStat.objects.filter(pk=stat.pk).exists()


def test_the_rate_limit_count_commits_without_waiting_for_the_disk(transactional_db: Any) -> None:
    user = User.objects.create_user("bot@globodyne.example", "not used here", name="Bot")
    token, _secret = ApiToken.issue(user, "ci")
    with CaptureQueriesContext(connection) as queries:
        assert token.consume(limit=2) is None
    sql = [q["sql"] for q in queries.captured_queries]
    if connection.vendor == "postgresql":
        assert sql[:2] == ["BEGIN", RELAX], sql
    else:
        assert RELAX not in sql
    # Still a real, shared count: the third request in the minute is refused.
    assert token.consume(limit=2) is None
    assert token.consume(limit=2) is not None
    assert ApiToken.objects.get(pk=token.pk).rate_count == 2
