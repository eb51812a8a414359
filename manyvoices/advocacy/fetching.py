"""Fetching a page from the internet safely: link previews and feeds.

- only http and https, on their usual or any port;
- the host is resolved and EVERY address checked: a private, loopback, link-local,
  reserved or multicast address refuses the fetch (so a link cannot make the server
  read its own network). The connection goes to the vetted address itself, so a second
  DNS answer cannot swap it (https still verifies the certificate for the host name);
- redirects are followed by hand, at most 3, each checked the same way;
- a time limit for the whole fetch and a cap on the bytes read.

`settings.PREVIEW_ALLOW_LOOPBACK` lets tests fetch from a server on 127.0.0.1 (and only
loopback; other private ranges stay refused).
"""

from __future__ import annotations

import contextlib
import html
import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.conf import settings

TIMEOUT = 5.0
MAX_BYTES = 1024 * 1024
MAX_REDIRECTS = 3
USER_AGENT = "ManyVoices link preview (+https://github.com/manyvoices)"


class FetchError(Exception):
    """Why a page could not be fetched, in words for the person who gave the link."""


def _allowed(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback and getattr(settings, "PREVIEW_ALLOW_LOOPBACK", False):
        return True
    return bool(
        ip.is_global
        and not ip.is_private
        and not ip.is_loopback
        and not ip.is_link_local
        and not ip.is_multicast
        and not ip.is_reserved
        and not ip.is_unspecified
    )


def vetted_address(host: str, port: int) -> str:
    """Resolve `host`; the first address if every address is public, else FetchError."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"the address {host} cannot be found ({exc})") from None
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise FetchError(f"the address {host} cannot be found")
    for address in addresses:
        if not _allowed(address):
            raise FetchError(
                f"{host} points to a private or local address ({address}); "
                "only public web pages can be previewed"
            )
    return str(addresses[0])


class _PinnedHTTPS(http.client.HTTPSConnection):
    """HTTPS to a vetted address, verifying the certificate for the original host name."""

    def __init__(self, host: str, address: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host: str, address: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


@dataclass
class Fetched:
    url: str  # after redirects
    content_type: str
    body: bytes


def fetch(url: str, *, accept: str = "text/html,application/xhtml+xml") -> Fetched:
    """GET `url` under the rules above; FetchError with a clear message otherwise."""
    deadline = time.monotonic() + TIMEOUT
    current = url.strip()
    for _hop in range(MAX_REDIRECTS + 1):
        parts = urlsplit(current)
        if parts.scheme not in ("http", "https"):
            raise FetchError(f"only http and https links can be previewed, not {parts.scheme!r}")
        host = parts.hostname
        if not host:
            raise FetchError("the link has no host name")
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            raise FetchError("the link's port is not a number") from None
        address = vetted_address(host, port)
        left = deadline - time.monotonic()
        if left <= 0:
            raise FetchError(f"the page took longer than {TIMEOUT:g} s to answer")
        cls = _PinnedHTTPS if parts.scheme == "https" else _PinnedHTTP
        conn = cls(host, address, port, timeout=left)
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        try:
            conn.request(
                "GET",
                path,
                headers={"User-Agent": USER_AGENT, "Accept": accept, "Accept-Encoding": "identity"},
            )
            response = conn.getresponse()
            if response.status in (301, 302, 303, 307, 308):
                location = response.getheader("Location")
                response.close()
                if not location:
                    raise FetchError(f"the page redirects ({response.status}) without a target")
                current = urljoin(current, location)
                continue
            if response.status != 200:
                raise FetchError(f"the page answered {response.status} {response.reason}")
            body = b""
            while len(body) <= MAX_BYTES:
                if time.monotonic() > deadline:
                    raise FetchError(f"the page took longer than {TIMEOUT:g} s to load")
                chunk = response.read(65536)
                if not chunk:
                    break
                body += chunk
            if len(body) > MAX_BYTES:
                raise FetchError(f"the page is larger than {MAX_BYTES // 1024} KB")
            return Fetched(current, response.getheader("Content-Type", ""), body)
        except TimeoutError:
            raise FetchError(f"the page took longer than {TIMEOUT:g} s to answer") from None
        except ssl.SSLError as exc:
            raise FetchError(f"the page's secure connection failed ({exc.reason})") from None
        except (OSError, http.client.HTTPException) as exc:
            raise FetchError(f"the page could not be reached ({exc})") from None
        finally:
            conn.close()
    raise FetchError(f"the page redirects more than {MAX_REDIRECTS} times")


class _CardParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            a = {k.lower(): (v or "") for k, v in attrs}
            key = (a.get("property") or a.get("name") or "").strip().lower()
            if key and key not in self.meta and a.get("content"):
                self.meta[key] = a["content"].strip()
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title and len(self.title) < 500:
            self.title += data


@dataclass
class Card:
    title: str
    description: str
    image: str


def parse_card(body: bytes, base_url: str) -> Card:
    """The Open Graph card of a page, else its Twitter card, else its <title>."""
    text = body.decode("utf-8", errors="replace")
    parser = _CardParser()
    # A broken page still gives what was read before the break.
    with contextlib.suppress(Exception):
        parser.feed(text)
    m = parser.meta
    title = m.get("og:title") or m.get("twitter:title") or parser.title.strip()
    description = (
        m.get("og:description") or m.get("twitter:description") or m.get("description", "")
    )
    image = m.get("og:image") or m.get("og:image:url") or m.get("twitter:image", "")
    if image:
        image = urljoin(base_url, image)
        if urlsplit(image).scheme not in ("http", "https"):
            image = ""
    return Card(
        title=html.unescape(" ".join(title.split()))[:300],
        description=html.unescape(" ".join(description.split()))[:2000],
        image=image[:2000],
    )


def fetch_card(url: str) -> Card:
    fetched = fetch(url)
    kind = fetched.content_type.split(";")[0].strip().lower()
    if kind and kind not in ("text/html", "application/xhtml+xml"):
        raise FetchError(f"the link is not a web page (it is {kind})")
    card = parse_card(fetched.body, fetched.url)
    if not (card.title or card.description or card.image):
        raise FetchError("the page has no title, description or image to show")
    return card
