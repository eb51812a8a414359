"""4 `manyvoices worker` processes share one queue on PostgreSQL: 1,000 scheduled posts
are each published exactly once (tasks are claimed with SELECT ... FOR UPDATE SKIP LOCKED,
deliveries with a conditional UPDATE)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest

from tests.conftest import postgres_server
from tests.networks.fakes import FakeMastodon
from tests.networks.processes import World, all_final
from tests.pgcluster import (
    create_database,
)

POSTS = 1_000
WORKERS = 4


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    with postgres_server() as url:
        yield create_database(url, "manyvoices_networks")


@pytest.mark.slow
def test_four_workers_publish_a_thousand_scheduled_posts_exactly_once(postgres_url):
    with FakeMastodon() as server:
        world = World(database_url=postgres_url, lease=30, timeout=10)
        try:
            token = server.issue_token("1")
            world.drive(
                "setup", "--server", server.url, "--token", token, "--posts", str(POSTS),
                "--start-in", "5", "--spread", "20",
            )  # fmt: skip
            for _ in range(WORKERS):
                world.start_worker()
            status = world.wait_until(all_final, timeout=300, every=2)
        finally:
            world.stop()
        assert status["states"] == {"published": POSTS}, status["states"]
        rows = status["deliveries"]
        assert len(server.posts) == POSTS  # each once on the server
        texts = Counter(p["text"] for p in server.posts)
        assert max(texts.values()) == 1 and len(texts) == POSTS
        assert len({r["remote_id"] for r in rows}) == POSTS
        assert server.count("POST", "/api/v1/statuses") == POSTS  # nothing was even retried
        assert all(r["published"] >= r["due"] for r in rows)  # none before its time
