"""A real `manyvoices worker` process is killed (SIGKILL) while the network holds its
publish request open, after the network has posted. Another worker's reaper finds the
expired lease and reconciles: the post ends up on the server exactly once (Mastodon by
its Idempotency-Key, LinkedIn by reading the author's posts back)."""

from __future__ import annotations

import threading

import pytest

from tests.networks.fakes import FakeLinkedIn, FakeMastodon
from tests.networks.processes import World, all_final


@pytest.mark.slow
@pytest.mark.parametrize("network", ["mastodon", "linkedin"])
def test_a_worker_killed_mid_publish_never_posts_twice_nor_drops_the_post(network):
    server = (FakeMastodon() if network == "mastodon" else FakeLinkedIn()).start()
    member = "abc123" if network == "linkedin" else "1"
    route = "POST /api/v1/statuses" if network == "mastodon" else "POST /rest/posts"
    release = threading.Event()
    server.fault(route, hold=release, after=True)  # posted; the answer never comes back
    world = World(
        lease=3,
        timeout=30,  # the worker would wait far longer than the lease: it must be the reaper
        extra={
            "MANYVOICES_LINKEDIN_API_URL": server.url,
            "MANYVOICES_LINKEDIN_AUTH_URL": server.url,
            "MANYVOICES_LINKEDIN_CLIENT_ID": "li-client",
            "MANYVOICES_LINKEDIN_CLIENT_SECRET": "li-secret",
        },
    )
    try:
        token = server.issue_token(member)
        world.drive("setup", "--server", server.url, "--network", network, "--token", token)
        first = world.start_worker()
        assert server.arrived.wait(60), world.logs()  # the request is in, the post is made
        world.kill(first)
        release.set()
        assert len(server.posts) == 1
        status = world.drive("status")
        assert status["states"] == {"sending": 1}  # the intent, left behind by the dead worker
        world.start_worker()
        status = world.wait_until(all_final, timeout=60)
        [delivery] = status["deliveries"]
        assert delivery["state"] == "published", delivery
        assert len(server.posts) == 1  # exactly once on the server
        [post] = server.posts
        assert delivery["remote_id"] == str(post["id"])
        posted = server.count(*route.split(" "))
        assert posted == (2 if network == "mastodon" else 1)  # Mastodon: resent, same key
    finally:
        release.set()
        world.stop()
        server.stop()
