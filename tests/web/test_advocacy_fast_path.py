"""The short link's fast path (manyvoices/advocacy/fastlink.py, in front of the WSGI
application): it answers exactly as the whole Django stack does, with the same headers,
stores the click before answering, and leaves everything else to Django."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.test import RequestFactory, override_settings

from manyvoices.advocacy import clicks
from manyvoices.advocacy.fastlink import ShortLinkFastPath
from manyvoices.advocacy.models import Click

from .advocacy_helpers import BROWSER_UA, PREVIEW_UA, make_share, make_shareable

# What production sets (manyvoices/settings.py), with the HTTPS redirect on or off.
PRODUCTION = {
    "SECURE_HSTS_SECONDS": 31536000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_HSTS_PRELOAD": True,
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "ALLOWED_HOSTS": ["hub.globodyne.example"],
}


@pytest.fixture(autouse=True)
def _fresh_caches() -> None:
    clicks.targets.clear()
    clicks.forget_salt()


@pytest.fixture(autouse=True)
def _keep_the_test_transaction() -> Iterator[None]:
    # As Django's test client does: a request would otherwise close the connection that
    # holds the test's transaction (PostgreSQL, CONN_MAX_AGE > 0).
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def share(people: Any, policy: Any) -> Any:
    return make_share(people.alice, make_shareable(url="https://globodyne.example/n?id=7"))


class Answer:
    def __init__(self, app: Any, environ: dict[str, Any]) -> None:
        def start_response(status: str, headers: list[tuple[str, str]], *_: Any) -> None:
            self.status = status
            self.headers = headers

        body = app(environ, start_response)
        self.body = b"".join(body)
        if hasattr(body, "close"):
            body.close()  # as a WSGI server does: Django's request_finished

    def header_names(self) -> set[str]:
        return {name.lower() for name, _ in self.headers}

    def header(self, name: str) -> str:
        return next(v for n, v in self.headers if n.lower() == name.lower())

    def comparable(self) -> dict[str, str]:
        # Date-valued headers differ by the second the request was made.
        return {n.lower(): v for n, v in self.headers if n.lower() not in ("expires", "date")}


def environ(path: str, method: str = "GET", **extra: Any) -> dict[str, Any]:
    factory = RequestFactory()
    request = factory.generic(method, path, **extra)
    return dict(request.environ)


def both(path: str, **extra: Any) -> tuple[Answer, Answer]:
    """The same request answered by the whole Django stack, then by the fast path."""
    django_app = WSGIHandler()
    fast = ShortLinkFastPath(django_app)
    return Answer(django_app, environ(path, **extra)), Answer(fast, environ(path, **extra))


@override_settings(**PRODUCTION, SECURE_SSL_REDIRECT=True)
def test_the_fast_path_answers_a_redirect_exactly_as_django_does(share: Any) -> None:
    slow, fast = both(
        f"/l/{share.code}",
        HTTP_USER_AGENT=BROWSER_UA,
        HTTP_HOST="hub.globodyne.example",
        secure=True,
    )
    assert slow.status == fast.status == "302 Found"
    assert fast.comparable() == slow.comparable()
    assert fast.header_names() == slow.header_names()
    assert "strict-transport-security" in fast.header_names()
    assert fast.header("Location").startswith("https://globodyne.example/n?id=7&utm_source=")
    assert fast.body == slow.body == b""
    assert Click.objects.filter(share=share).count() == 2  # one for each


@override_settings(**PRODUCTION, SECURE_SSL_REDIRECT=False)
def test_over_plain_http_the_fast_path_has_the_same_headers_without_hsts(share: Any) -> None:
    slow, fast = both(
        f"/l/{share.code}?fbclid=abc", HTTP_USER_AGENT=BROWSER_UA, HTTP_HOST="hub.globodyne.example"
    )
    assert fast.status == "302 Found"
    assert fast.comparable() == slow.comparable()
    assert "strict-transport-security" not in fast.header_names()


def test_the_click_is_stored_before_the_redirect_is_answered(share: Any) -> None:
    stored: list[int] = []

    def start_response(status: str, headers: list[tuple[str, str]], *_: Any) -> None:
        stored.append(Click.objects.filter(share=share).count())

    app = ShortLinkFastPath(WSGIHandler())
    app(environ(f"/l/{share.code}", HTTP_USER_AGENT=BROWSER_UA), start_response)
    app(environ(f"/l/{share.code}", HTTP_USER_AGENT=PREVIEW_UA), start_response)
    app(environ(f"/l/{share.code}", method="HEAD", HTTP_USER_AGENT=BROWSER_UA), start_response)
    assert stored == [1, 2, 3]
    kinds = sorted(Click.objects.filter(share=share).values_list("ua_class", "is_bot"))
    assert kinds == [("browser", False), ("preview", True), ("preview", True)]


@override_settings(**PRODUCTION, SECURE_SSL_REDIRECT=True)
@pytest.mark.parametrize(
    ("path", "method", "extra", "status"),
    [
        ("/l/NoSuchCd", "GET", {"secure": True}, "404 Not Found"),
        ("/l/{code}", "POST", {"secure": True}, "403 Forbidden"),  # CSRF refuses first
        ("/l/{code}", "GET", {}, "301 Moved Permanently"),  # to HTTPS
        ("/l/{code}", "GET", {"secure": True, "HTTP_HOST": "evil.example"}, "400 Bad Request"),
        ("/l/bad-code!", "GET", {"secure": True}, "404 Not Found"),
    ],
)
def test_what_the_fast_path_is_not_sure_of_is_answered_by_django(
    share: Any, path: str, method: str, extra: dict[str, Any], status: str
) -> None:
    extra = {"HTTP_HOST": "hub.globodyne.example", "HTTP_USER_AGENT": BROWSER_UA, **extra}
    slow, fast = both(path.format(code=share.code), method=method, **extra)
    assert fast.status == slow.status == status
    assert fast.comparable() == slow.comparable()
    assert not Click.objects.exists()
