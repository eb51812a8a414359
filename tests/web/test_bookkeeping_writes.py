"""Counting a review for the statistics never makes its author wait for the disk: on
PostgreSQL the row commits with synchronous_commit off, in its own transaction only."""

from __future__ import annotations

from typing import Any

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from manyvoices.composer.models import ReviewStat

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
