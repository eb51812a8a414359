"""The short link's fast path: `/l/<code>` answered before Django's request machinery.

A redirect is the request that comes by the thousand a second (every reader of every
share), and it needs nothing of what the middleware does for pages: no session, no user,
no CSRF token, no messages, no static files, no lock-out. Through the whole stack it cost
about 1 ms of CPU in process; here a fraction of that. It does what the view does (the
same `clicks.resolve` and `clicks.record_click`: the click is stored and committed
before the redirect is answered) and answers with the headers the whole stack gives a
redirect (tests/web/test_advocacy_fast_path.py compares the two). Anything it is not
sure of goes to Django as before: another path or method, a code that is not a plain
one, a host not allowed, a plain-HTTP request when HTTPS is required, an unknown code.
`manyvoices.wsgi` wraps the WSGI application with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core import signals
from django.core.exceptions import DisallowedHost
from django.core.handlers.exception import response_for_exception
from django.core.handlers.wsgi import WSGIRequest, get_script_name
from django.urls import get_script_prefix, set_script_prefix
from django.utils.http import http_date

from manyvoices.lib.middleware import CONTENT_SECURITY_POLICY

from . import clicks

# The codes `models._new_code` makes (letters and digits); others take the slow path.
_PATH = re.compile(r"/l/([A-Za-z0-9]{1,16})")
_NEVER_CACHE = "max-age=0, no-cache, no-store, must-revalidate, private"

StartResponse = Callable[..., Any]


class _Request:
    """What `clicks.record_click` reads of a request."""

    __slots__ = ("META", "method")

    def __init__(self, environ: dict[str, Any], method: str) -> None:
        self.META = environ
        self.method = method


class ShortLinkFastPath:
    """WSGI middleware: answers a short link's redirect itself, the rest goes to `app`."""

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app
        self._static: list[tuple[str, str]] | None = None
        self._hsts = ""

    def _headers(self) -> list[tuple[str, str]]:
        """The headers every redirect gets from the view and the middleware, in production
        settings (read once: settings do not change while a process serves)."""
        if self._static is None:
            static = [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Cache-Control", _NEVER_CACHE),
                ("Referrer-Policy", "no-referrer-when-downgrade"),
                ("X-Robots-Tag", "noindex"),
                ("Content-Length", "0"),
            ]
            if settings.SECURE_CONTENT_TYPE_NOSNIFF:
                static.append(("X-Content-Type-Options", "nosniff"))
            if settings.SECURE_CROSS_ORIGIN_OPENER_POLICY:
                static.append(
                    ("Cross-Origin-Opener-Policy", settings.SECURE_CROSS_ORIGIN_OPENER_POLICY)
                )
            static.append(("Content-Security-Policy", CONTENT_SECURITY_POLICY))
            static.append(("X-Frame-Options", settings.X_FRAME_OPTIONS.upper()))
            if settings.SECURE_HSTS_SECONDS:
                hsts = f"max-age={settings.SECURE_HSTS_SECONDS}"
                if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
                    hsts += "; includeSubDomains"
                if settings.SECURE_HSTS_PRELOAD:
                    hsts += "; preload"
                self._hsts = hsts
            self._static = static
        return self._static

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Any:
        method = environ.get("REQUEST_METHOD", "")
        if method not in ("GET", "HEAD"):
            return self.app(environ, start_response)
        match = _PATH.fullmatch(environ.get("PATH_INFO", ""))
        if match is None:
            return self.app(environ, start_response)
        request = WSGIRequest(environ)
        try:
            request.get_host()  # ALLOWED_HOSTS, as CommonMiddleware checks it
        except DisallowedHost:
            return self.app(environ, start_response)
        secure = request.is_secure()
        if settings.SECURE_SSL_REDIRECT and not secure:
            return self.app(environ, start_response)  # Django redirects to HTTPS
        headers = self._headers()
        prefix = get_script_prefix()
        set_script_prefix(get_script_name(environ))
        signals.request_started.send(sender=self.__class__, environ=environ)
        try:
            target = clicks.resolve(match.group(1))
            if target is not None:
                clicks.record_click(target.share_id, _Request(environ, method))
        except Exception as exc:  # as Django answers it: logged, its 500 page
            failed = response_for_exception(request, exc)
            start_response(f"{failed.status_code} {failed.reason_phrase}", list(failed.items()))
            return failed
        finally:
            signals.request_finished.send(sender=self.__class__)
            set_script_prefix(prefix)
        if target is None:
            return self.app(environ, start_response)  # Django's 404 page
        response = [("Location", target.url), ("Expires", http_date()), *headers]
        if secure and self._hsts:
            response.append(("Strict-Transport-Security", self._hsts))
        start_response("302 Found", response)
        return [b""]
