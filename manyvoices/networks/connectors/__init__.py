"""One module per network, each with the same small interface (healthchecks' integrations
style): a new network is one new module in this folder defining `CONNECTOR`.

Every connector answers:

    connect(...)            store a Connection (app password, or the OAuth code's exchange)
    refresh(connection)     renew its tokens where the network allows it
    publish(connection, intent) -> Published     post once; the intent carries a stable key
    find(connection, intent) -> Published | None read back: is this intent already posted?
    delete(connection, remote_id)
    fetch_metrics(connection, remote_id) -> Metrics
    revoke(connection)      on disconnect, where the network allows it

and raises only the errors below, so publishing.py decides retries the same way for all:
RateLimited (retry after), Unreachable (never arrived: retry), ServerError and TimedOut
(the outcome is unknown: reconcile), Revoked (reconnect), Rejected (permanent).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import importlib
import pkgutil
from dataclasses import dataclass, field
from typing import Any, ClassVar


class ConnectorError(Exception):
    """A network said no, or did not answer. `message` is for the author."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class RateLimited(ConnectorError):
    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class Unreachable(ConnectorError):
    """The request never reached the network (connection refused, DNS): nothing happened."""


class ServerError(ConnectorError):
    """5xx: the network may or may not have done it."""


class TimedOut(ConnectorError):
    """No answer in time: the network may or may not have done it."""


class Revoked(ConnectorError):
    """The token is revoked or expired and cannot be refreshed: the author must reconnect."""


class Rejected(ConnectorError):
    """The network refused this post for good (too long, bad media, ...)."""


class CannotReadBack(ConnectorError):
    """The network gives no way to see the author's recent posts (or refused to)."""


@dataclass(frozen=True)
class Image:
    data: bytes
    mime: str
    alt: str


@dataclass(frozen=True)
class Intent:
    """One post for one network, with the key that makes a retry the same post."""

    key: str
    text: str
    created_at: dt.datetime
    link: str = ""
    link_title: str = ""
    link_description: str = ""
    content_warning: str = ""
    images: tuple[Image, ...] = ()


@dataclass(frozen=True)
class Published:
    remote_id: str
    url: str = ""


@dataclass(frozen=True)
class Metrics:
    likes: int | None = None
    reposts: int | None = None
    replies: int | None = None
    views: int | None = None


@dataclass
class AuthStart:
    """Where to send the employee to authorise, and what to remember until they return."""

    url: str
    pending: dict[str, Any] = field(default_factory=dict)


class Connector:
    network: ClassVar[str]
    label: ClassVar[str]
    # "app_password" (a form), "oauth" (a redirect), or both
    auth_methods: ClassVar[tuple[str, ...]] = ("oauth",)
    # A retry with the same intent can never make a second post (Bluesky rkey, Mastodon key).
    idempotent: ClassVar[bool] = False
    # Hours a network remembers an idempotency key; after that a resend could duplicate.
    idempotency_hours: ClassVar[float | None] = None

    # May a person use it right now (an admin may have to configure app keys)?
    def available(self) -> bool:
        return True

    def share_link(self, text: str) -> str | None:
        """A link that opens the network's own composer with `text` (no API needed)."""
        return None

    def start_connect(self, *, owner: Any, server: str, redirect_uri: str, state: str) -> AuthStart:
        raise Rejected(f"{self.label} is not connected with OAuth here")

    def finish_connect(
        self, *, owner: Any, pending: dict[str, Any], params: dict[str, str], redirect_uri: str
    ) -> Any:
        raise Rejected(f"{self.label} is not connected with OAuth here")

    def connect_with_password(self, *, owner: Any, server: str, handle: str, password: str) -> Any:
        raise Rejected(f"{self.label} does not take app passwords")

    def refresh(self, connection: Any) -> None:
        return None

    def publish(self, connection: Any, intent: Intent) -> Published:
        raise NotImplementedError

    def find(self, connection: Any, intent: Intent) -> Published | None:
        raise CannotReadBack(f"{self.label} gives no way to read back recent posts")

    def delete(self, connection: Any, remote_id: str) -> None:
        raise NotImplementedError

    def fetch_metrics(self, connection: Any, remote_id: str) -> Metrics:
        return Metrics()

    def revoke(self, connection: Any) -> bool:
        """Revoke the tokens at the network; False where the network has no way to."""
        return False


def retry_after_seconds(value: str | None, *, now: float | None = None) -> float | None:
    """Retry-After as seconds: a number of seconds, or an HTTP date."""
    import time

    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


_REGISTRY: dict[str, Connector] | None = None


def registry() -> dict[str, Connector]:
    """Every module in this package that defines CONNECTOR, by network name."""
    global _REGISTRY
    if _REGISTRY is None:
        found: dict[str, Connector] = {}
        for info in pkgutil.iter_modules(__path__):
            if info.name.startswith("_"):
                continue
            module = importlib.import_module(f"{__name__}.{info.name}")
            connector = getattr(module, "CONNECTOR", None)
            if isinstance(connector, Connector):
                found[connector.network] = connector
        _REGISTRY = found
    return _REGISTRY


def get(network: str) -> Connector:
    try:
        return registry()[network]
    except KeyError:
        raise Rejected(f"no connector for the network {network!r}") from None


class OAuth2Tokens:
    """Storing and renewing OAuth 2 tokens, for connectors whose network hands out an access
    token with a refresh token (LinkedIn, X). The connector provides `label` and `_token()`,
    which posts a grant to the network's token endpoint."""

    label: ClassVar[str]
    # How long an access token lives when the network does not say.
    default_token_seconds: ClassVar[int] = 3600

    def _token(self, data: dict[str, str]) -> dict[str, Any]:
        raise NotImplementedError

    def _store(self, connection: Any, tokens: dict[str, Any], **fields: Any) -> None:
        from django.utils import timezone

        old = connection.credentials if connection.secret else {}
        data = {
            "access_token": tokens["access_token"],
            "refresh_token": tokens.get("refresh_token") or old.get("refresh_token", ""),
        }
        seconds = int(tokens.get("expires_in", self.default_token_seconds))
        expires = timezone.now() + dt.timedelta(seconds=seconds)
        connection.save_credentials(
            data, expires_at=expires, status=connection.Status.ACTIVE, status_message="", **fields
        )

    def refresh(self, connection: Any) -> None:
        refresh_token = connection.credentials.get("refresh_token")
        if not refresh_token:
            raise Revoked(f"{self.label}'s access has expired: please reconnect {self.label}")
        try:
            tokens = self._token({"grant_type": "refresh_token", "refresh_token": refresh_token})
        except Rejected as exc:
            raise Revoked(
                f"{self.label} would not renew access ({exc.message}): please reconnect"
            ) from None
        self._store(connection, tokens)
