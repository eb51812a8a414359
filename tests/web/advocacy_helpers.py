"""Helpers for the advocacy tests: a local web site (http.server on 127.0.0.1) and quick
ways to make shareables and shares. Nothing here reaches the internet."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from django.utils import timezone

OG_PAGE = b"""<!doctype html><html><head>
<title>Plain title</title>
<meta property="og:title" content="Globodyne opens its Lisbon office">
<meta property="og:description" content="Two hundred new jobs &amp; a rooftop garden.">
<meta property="og:image" content="/static/lisbon.png">
<meta name="twitter:title" content="Twitter title, not used">
</head><body><p>Hello</p></body></html>"""

TWITTER_ONLY_PAGE = b"""<html><head>
<meta name="twitter:title" content="Only a Twitter card">
<meta name="twitter:description" content="Described for Twitter">
</head></html>"""


@dataclass
class Route:
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class LocalSite:
    """A web site on a free loopback port: `routes` maps a path to what it answers;
    `posts` keeps every POST body it received."""

    routes: dict[str, Route] = field(default_factory=dict)
    posts: list[tuple[str, bytes, dict[str, str]]] = field(default_factory=list)
    requests: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    port: int = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


@contextmanager
def local_site(routes: dict[str, Route] | None = None) -> Iterator[LocalSite]:
    site = LocalSite(routes=dict(routes or {}))

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _answer(self) -> None:
            site.requests.append((self.command, self.path, dict(self.headers)))
            route = site.routes.get(self.path.split("?")[0])
            if route is None:
                route = Route(404, "text/plain", b"not found")
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(route.body)))
            for k, v in route.headers.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(route.body)

        def do_GET(self) -> None:
            self._answer()

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            site.posts.append((self.path, self.rfile.read(length), dict(self.headers)))
            self._answer()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


def make_shareable(**kw: Any) -> Any:
    from manyvoices.advocacy.models import Shareable

    kw.setdefault("kind", Shareable.Kind.LINK)
    kw.setdefault("title", "Globodyne opens a Lisbon office")
    kw.setdefault("url", "https://globodyne.example/news/lisbon")
    kw.setdefault("starts_at", timezone.now() - dt.timedelta(hours=1))
    return Shareable.objects.create(**kw)


def make_share(user: Any, shareable: Any, network: str = "linkedin", **kw: Any) -> Any:
    from manyvoices.advocacy.models import Share

    kw.setdefault("text", "Our new office! (I work at Globodyne)")
    kw.setdefault("verdict", "clear")
    kw.setdefault("department", user.department)
    return Share.objects.create(user=user, shareable=shareable, network=network, **kw)


BROWSER_UA = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Safari/537.36"
)
PREVIEW_UA = "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)"
