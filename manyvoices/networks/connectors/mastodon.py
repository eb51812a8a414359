"""Mastodon, on any instance, with Mastodon.py.

ManyVoices registers itself as an app on each instance the first time someone connects
one (`POST /api/v1/apps`, kept in AppRegistration), then OAuth (`/oauth/authorize`,
`/oauth/token`). Posts go to `POST /api/v1/statuses` with an `Idempotency-Key` header (the
delivery's intent key), so a retry after a timeout or a dead worker returns the same
status instead of a second one. Mastodon keeps the key for an hour: a retry later than
that is not attempted blindly (publishing.py marks it uncertain). Images go first to
`POST /api/v2/media` with their description (alt text); content warnings are
`spoiler_text`. Metrics: favourites, reblogs and replies from `GET /api/v1/statuses/:id`.
"""

from __future__ import annotations

from typing import Any

import requests
from django.conf import settings

from . import (
    AuthStart,
    Connector,
    Intent,
    Metrics,
    Published,
    RateLimited,
    Rejected,
    Revoked,
    ServerError,
    TimedOut,
    Unreachable,
    retry_after_seconds,
)
from ._servers import check_server

SCOPES = ["read:accounts", "read:statuses", "write:statuses", "write:media"]


def _client(server: str, **kwargs: Any) -> Any:
    from mastodon import Mastodon

    session = requests.Session()
    session.manyvoices_last = None  # type: ignore[attr-defined]

    def remember(response: requests.Response, *args: Any, **kw: Any) -> None:
        session.manyvoices_last = response  # type: ignore[attr-defined]

    session.hooks["response"].append(remember)
    client = Mastodon(
        api_base_url=server,
        session=session,
        ratelimit_method="throw",
        request_timeout=float(getattr(settings, "NETWORK_TIMEOUT_SECONDS", 10)),
        version_check_mode="none",
        mastodon_version="4.0.0",
        **kwargs,
    )
    # Every instance in use today has the v2 media API (3.1.4+): no version probing, and
    # with checks off Mastodon.py would otherwise take the instance for 1.0.0.
    client.mastodon_major, client.mastodon_minor, client.mastodon_patch = 4, 0, 0
    return client


def _translate(exc: Exception, client: Any = None) -> Exception:
    """Mastodon.py's exceptions as the connectors' kinds."""
    from mastodon import errors

    if isinstance(exc, errors.MastodonRatelimitError):
        last = getattr(getattr(client, "session", None), "manyvoices_last", None)
        retry_after = None
        if last is not None:
            retry_after = retry_after_seconds(last.headers.get("Retry-After"))
            if retry_after is None:
                retry_after = retry_after_seconds(last.headers.get("X-RateLimit-Reset"))
        return RateLimited("Mastodon asked us to slow down", retry_after)
    if isinstance(exc, errors.MastodonUnauthorizedError):
        return Revoked("your Mastodon instance no longer accepts this connection: please reconnect")
    if isinstance(exc, errors.MastodonServerError):
        return ServerError(f"Mastodon had an error ({exc.args[1] if len(exc.args) > 1 else ''})")
    if isinstance(exc, errors.MastodonNetworkError):
        text = str(exc)
        if (
            "ConnectionRefused" in text
            or "NewConnectionError" in text
            or "Failed to resolve" in text
        ):
            return Unreachable("your Mastodon instance could not be reached")
        return TimedOut("your Mastodon instance did not answer in time")
    if isinstance(exc, errors.MastodonAPIError):
        detail = exc.args[3] if len(exc.args) > 3 and exc.args[3] else str(exc)
        status = exc.args[1] if len(exc.args) > 1 else ""
        if status == 403 and "token" in str(detail).lower():
            return Revoked(f"Mastodon refused the connection ({detail}): please reconnect")
        return Rejected(f"Mastodon refused it ({status}: {detail})")
    if isinstance(exc, errors.MastodonError):
        return Rejected(f"Mastodon: {exc}")
    return exc


class Mastodon(Connector):
    network = "mastodon"
    label = "Mastodon"
    auth_methods = ("oauth",)
    idempotent = True
    idempotency_hours = 1.0

    def _app(self, server: str, redirect_uri: str) -> Any:
        from ..models import AppRegistration

        app = AppRegistration.objects.filter(
            network=self.network, server=server, redirect_uri=redirect_uri
        ).first()
        if app is not None:
            return app
        from mastodon import Mastodon as Client

        try:
            client_id, client_secret = Client.create_app(
                "ManyVoices",
                scopes=SCOPES,
                redirect_uris=redirect_uri,
                website=settings.SITE_URL,
                api_base_url=server,
                request_timeout=float(getattr(settings, "NETWORK_TIMEOUT_SECONDS", 10)),
            )
        except Exception as exc:  # Mastodon.py's own kinds, translated
            raise _translate(exc) from None
        app = AppRegistration(
            network=self.network, server=server, client_id=client_id, redirect_uri=redirect_uri
        )
        app.set_client_secret(client_secret)
        app.save()
        return app

    def start_connect(self, *, owner: Any, server: str, redirect_uri: str, state: str) -> AuthStart:
        server = check_server(server, label="the Mastodon instance")
        app = self._app(server, redirect_uri)
        client = _client(server, client_id=app.client_id, client_secret=app.client_secret)
        url = client.auth_request_url(
            redirect_uris=redirect_uri,
            scopes=SCOPES,
            state=state,
            skip_server_info=True,
            allow_http=server.startswith("http://"),
        )
        return AuthStart(url, {"server": server})

    def finish_connect(
        self, *, owner: Any, pending: dict[str, Any], params: dict[str, str], redirect_uri: str
    ) -> Any:
        from ..models import Connection

        if params.get("error"):
            raise Rejected(f"Mastodon said: {params.get('error_description') or params['error']}")
        server = pending["server"]
        app = self._app(server, redirect_uri)
        client = _client(server, client_id=app.client_id, client_secret=app.client_secret)
        try:
            token = client.log_in(
                code=params.get("code", ""),
                redirect_uri=redirect_uri,
                scopes=SCOPES,
                allow_http=server.startswith("http://"),
            )
            me = client.account_verify_credentials()
        except Exception as exc:
            raise _translate(exc, client) from None
        connection, _ = Connection.objects.get_or_create(
            owner=owner, network=self.network, server=server, account_id=str(me["id"])
        )
        host = server.split("://", 1)[-1]
        connection.save_credentials(
            {"access_token": token},
            handle=f"@{me['acct']}@{host}" if "@" not in me["acct"] else f"@{me['acct']}",
            profile_url=str(me.get("url") or ""),
            status=connection.Status.ACTIVE,
            status_message="",
        )
        return connection

    def _user_client(self, connection: Any) -> Any:
        return _client(connection.server, access_token=connection.credentials["access_token"])

    def publish(self, connection: Any, intent: Intent) -> Published:
        client = self._user_client(connection)
        try:
            media = [
                client.media_post(image.data, mime_type=image.mime, description=image.alt)
                for image in intent.images[:4]
            ]
            status = client.status_post(
                intent.text,
                media_ids=[m["id"] for m in media] or None,
                spoiler_text=intent.content_warning or None,
                sensitive=bool(intent.content_warning),
                visibility="public",
                idempotency_key=intent.key,
            )
        except Exception as exc:
            raise _translate(exc, client) from None
        return Published(str(status["id"]), str(status.get("url") or status.get("uri") or ""))

    def delete(self, connection: Any, remote_id: str) -> None:
        client = self._user_client(connection)
        try:
            client.status_delete(remote_id)
        except Exception as exc:
            raise _translate(exc, client) from None

    def fetch_metrics(self, connection: Any, remote_id: str) -> Metrics:
        client = self._user_client(connection)
        try:
            status = client.status(remote_id)
        except Exception as exc:
            raise _translate(exc, client) from None
        return Metrics(
            likes=status.get("favourites_count"),
            reposts=status.get("reblogs_count"),
            replies=status.get("replies_count"),
        )

    def revoke(self, connection: Any) -> bool:
        from ..models import AppRegistration

        app = AppRegistration.objects.filter(network=self.network, server=connection.server).first()
        if app is None:
            return False
        client = _client(
            connection.server,
            client_id=app.client_id,
            client_secret=app.client_secret,
            access_token=connection.credentials.get("access_token"),
        )
        try:
            client.revoke_access_token(allow_http=connection.server.startswith("http://"))
        except Exception as exc:
            raise _translate(exc, client) from None
        return True


CONNECTOR = Mastodon()
