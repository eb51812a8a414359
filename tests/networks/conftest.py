"""Shared fixtures for the publishing tests: the web tests' people and policy, local fake
networks, and helpers that connect accounts through the real pages and run deliveries the
way the worker does."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from django.test import Client
from django.utils import timezone

from tests.networks.fakes import FakeLinkedIn, FakeMastodon, FakeX
from tests.web.conftest import *  # noqa: F403  (people, policy, client_for, ...)
from tests.web.conftest import _fast_and_isolated  # noqa: F401  (autouse; * skips it)


@pytest.fixture(autouse=True)
def _network_settings(settings: Any) -> None:
    settings.NETWORKS_ALLOW_LOOPBACK = True
    settings.NETWORK_TIMEOUT_SECONDS = 3  # generous: the machine may be busy
    settings.PUBLISH_BACKOFF_SECONDS = 1
    settings.PUBLISH_LEASE_SECONDS = 30
    settings.SITE_URL = "http://testserver"
    settings.LINKEDIN_CLIENT_ID = "li-client"
    settings.LINKEDIN_CLIENT_SECRET = "li-secret"


@pytest.fixture
def mastodon() -> Iterator[FakeMastodon]:
    with FakeMastodon() as server:
        yield server


@pytest.fixture
def linkedin(settings: Any) -> Iterator[FakeLinkedIn]:
    with FakeLinkedIn() as server:
        settings.LINKEDIN_API_URL = server.url
        settings.LINKEDIN_AUTH_URL = server.url
        yield server


@pytest.fixture
def x_api(settings: Any) -> Iterator[FakeX]:
    with FakeX() as server:
        settings.X_API_URL = server.url
        settings.X_AUTH_URL = server.url
        settings.X_CLIENT_ID = "x-client"
        settings.X_CLIENT_SECRET = ""
        yield server


def follow_oauth(client: Client, response: Any) -> Any:
    """The browser's part: go to the network's authorise page (the fake approves at once)
    and come back to our callback with its code."""
    assert response.status_code == 302, response
    at_network = httpx.get(response["Location"], follow_redirects=False)
    assert at_network.status_code == 302, at_network.text
    back = urlsplit(at_network.headers["location"])
    return client.get(f"{back.path}?{back.query}")


def connect_oauth(client: Client, network: str, server: str = "") -> Any:
    response = client.post(f"/settings/connections/{network}/connect/", {"server": server})
    return follow_oauth(client, response)


def run_due() -> list[str]:
    """Run every due delivery once, as workers would (in this process)."""
    from manyvoices.networks import publishing
    from manyvoices.networks.models import Delivery

    states = []
    for pk in Delivery.objects.filter(due_at__lte=timezone.now()).values_list("pk", flat=True):
        states.append(publishing.run(pk))
    return states


def make_due() -> None:
    """Time passes: whatever waits for a later time is due now."""
    from manyvoices.networks.models import Delivery

    Delivery.objects.filter(state__in=["scheduled", "reconcile"]).update(due_at=timezone.now())
