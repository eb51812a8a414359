"""HTTP for the connectors that speak to a network's REST API directly (LinkedIn, X):
one place that turns transport failures and status codes into the connectors' errors."""

from __future__ import annotations

from typing import Any

import httpx
from django.conf import settings

from . import (
    RateLimited,
    Rejected,
    Revoked,
    ServerError,
    TimedOut,
    Unreachable,
    retry_after_seconds,
)


def timeout() -> httpx.Timeout:
    seconds = float(getattr(settings, "NETWORK_TIMEOUT_SECONDS", 10))
    return httpx.Timeout(seconds, connect=min(seconds, 5.0))


def _detail(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:200]
    if isinstance(body, dict):
        for key in ("message", "detail", "error_description", "error", "title"):
            if body.get(key):
                return str(body[key])[:300]
    return str(body)[:200]


def request(label: str, method: str, url: str, **kwargs: Any) -> httpx.Response:
    """One request; errors raised as the connectors' kinds, each naming the network."""
    try:
        response = httpx.request(method, url, timeout=timeout(), **kwargs)
    except httpx.ConnectError as exc:
        raise Unreachable(f"{label} could not be reached ({exc})") from None
    except httpx.ConnectTimeout:
        raise Unreachable(f"{label} could not be reached in time") from None
    except httpx.TimeoutException:
        raise TimedOut(f"{label} did not answer in time") from None
    except httpx.TransportError as exc:
        # The connection broke after the request was sent: the outcome is unknown.
        raise TimedOut(f"{label}: the connection broke ({exc})") from None
    check(label, response)
    return response


def check(label: str, response: httpx.Response) -> None:
    status = response.status_code
    if status < 400:
        return
    detail = _detail(response)
    if status == 429:
        raise RateLimited(
            f"{label} asked us to slow down",
            retry_after_seconds(response.headers.get("Retry-After")),
        )
    if status == 401:
        raise Revoked(f"{label} no longer accepts this connection ({detail}): please reconnect")
    if status >= 500:
        raise ServerError(f"{label} had an error ({status}: {detail})")
    raise Rejected(f"{label} refused it ({status}: {detail})")
