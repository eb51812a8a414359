"""Link previews: a link's page is fetched once for its Open Graph (else Twitter) card,
with a time limit and a size cap, never from a private address, and a failure is saved
with a clear message instead of losing the shareable."""

from __future__ import annotations

import socket
from typing import Any

import pytest

from manyvoices.advocacy import fetching
from manyvoices.advocacy.fetching import FetchError, fetch_card
from manyvoices.advocacy.models import Shareable

from .advocacy_helpers import OG_PAGE, TWITTER_ONLY_PAGE, Route, local_site


@pytest.fixture
def loopback(settings: Any) -> None:
    settings.PREVIEW_ALLOW_LOOPBACK = True


def test_the_open_graph_card_is_read(loopback: None) -> None:
    with local_site({"/news": Route(body=OG_PAGE)}) as site:
        card = fetch_card(site.url("/news"))
    assert card.title == "Globodyne opens its Lisbon office"
    assert card.description == "Two hundred new jobs & a rooftop garden."
    assert card.image == site.url("/static/lisbon.png")


def test_a_twitter_card_is_the_fallback(loopback: None) -> None:
    with local_site({"/t": Route(body=TWITTER_ONLY_PAGE)}) as site:
        card = fetch_card(site.url("/t"))
    assert (card.title, card.description) == ("Only a Twitter card", "Described for Twitter")


def test_redirects_are_followed_and_checked(loopback: None) -> None:
    with local_site() as site:
        site.routes["/old"] = Route(301, headers={"Location": "/news"})
        site.routes["/news"] = Route(body=OG_PAGE)
        assert fetch_card(site.url("/old")).title == "Globodyne opens its Lisbon office"


def test_a_redirect_to_a_private_address_is_refused(loopback: None) -> None:
    redirect = Route(302, headers={"Location": "http://10.1.2.3/admin"})
    with (
        local_site({"/go": redirect}) as site,
        pytest.raises(FetchError, match="private or local address"),
    ):
        fetch_card(site.url("/go"))


def test_loopback_is_refused_unless_the_test_setting_allows_it(settings: Any) -> None:
    settings.PREVIEW_ALLOW_LOOPBACK = False
    with local_site({"/news": Route(body=OG_PAGE)}) as site:
        with pytest.raises(FetchError, match=r"private or local address \(127\.0\.0\.1\)"):
            fetch_card(site.url("/news"))
        assert site.requests == []  # refused before any connection
    with pytest.raises(FetchError, match="private or local address"):
        fetching.fetch("http://[::1]/")


@pytest.mark.parametrize(
    "address",
    [
        "10.0.0.7",
        "192.168.1.1",
        "172.16.5.4",
        "169.254.169.254",
        "fd00::1",
        "::ffff:10.0.0.1",
        "0.0.0.0",
    ],
)
def test_private_addresses_are_refused_even_with_the_loopback_setting(
    loopback: None, address: str
) -> None:
    host = f"[{address}]" if ":" in address else address
    with pytest.raises(FetchError, match="private or local address"):
        fetching.fetch(f"http://{host}/")


def test_every_address_of_a_host_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    def resolve(host: str, port: int, **kw: Any) -> list[Any]:
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.5", port)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    with pytest.raises(FetchError, match=r"10\.0\.0\.5"):
        fetching.fetch("http://mixed.example/")


@pytest.mark.parametrize(
    ("route", "message"),
    [
        (Route(404, body=b"gone"), "answered 404"),
        (Route(content_type="application/pdf", body=b"%PDF-1.7"), "not a web page"),
        (Route(body=b"<html><body>no card</body></html>"), "no title, description or image"),
    ],
)
def test_a_failed_fetch_says_why(loopback: None, route: Route, message: str) -> None:
    with local_site({"/x": route}) as site, pytest.raises(FetchError, match=message):
        fetch_card(site.url("/x"))


def test_a_page_over_the_size_cap_is_refused(
    loopback: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fetching, "MAX_BYTES", 1000)
    big = Route(body=b"<title>x</title>" + b"a" * 5000)
    with local_site({"/big": big}) as site, pytest.raises(FetchError, match="larger than"):
        fetch_card(site.url("/big"))


def test_a_slow_page_times_out(loopback: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetching, "TIMEOUT", 0.5)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # accepts the connection, never answers
    try:
        with pytest.raises(FetchError, match="longer than"):
            fetch_card(f"http://127.0.0.1:{listener.getsockname()[1]}/slow")
    finally:
        listener.close()


def test_only_web_links_are_fetched() -> None:
    with pytest.raises(FetchError, match="only http and https"):
        fetching.fetch("file:///etc/passwd")


def test_comms_adding_a_link_gets_its_card_once(
    people: Any, policy: Any, client_for: Any, loopback: None
) -> None:
    with local_site({"/news": Route(body=OG_PAGE)}) as site:
        response = client_for(people.comms).post(
            "/hub/manage/new/", {"kind": "link", "url": site.url("/news")}
        )
        assert response.status_code == 302
        item = Shareable.objects.get()
        assert item.preview_status == "ok"
        assert item.title == "Globodyne opens its Lisbon office"
        assert item.image_url == site.url("/static/lisbon.png")
        # Saving again without changing the link does not fetch again.
        client_for(people.comms).post(
            f"/hub/manage/{item.pk}/", {"kind": "link", "url": site.url("/news"), "title": "Mine"}
        )
        assert len([r for r in site.requests if r[1] == "/news"]) == 1
    item.refresh_from_db()
    assert item.title == "Mine"


def test_a_shareable_whose_link_fetch_fails_is_saved_with_a_clear_message(
    people: Any, policy: Any, client_for: Any, loopback: None
) -> None:
    with local_site({"/gone": Route(500, body=b"oops")}) as site:
        client = client_for(people.comms)
        response = client.post(
            "/hub/manage/new/",
            {"kind": "link", "url": site.url("/gone"), "title": "Our news"},
            follow=True,
        )
    page = response.content.decode()
    item = Shareable.objects.get()
    assert (item.preview_status, item.title) == ("failed", "Our news")
    assert "answered 500" in item.preview_error
    assert "could not be fetched: the page answered 500" in page
    assert "Fill in the title and description yourself" in page
