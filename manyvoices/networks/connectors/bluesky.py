"""Bluesky, with the `atproto` SDK, on any Personal Data Server (bsky.social by default).

Connecting: an app password (Settings > Privacy and security > App passwords) signs in
once (`com.atproto.server.createSession`); only the session (access and refresh tokens)
is kept, encrypted, never the app password. The SDK refreshes the session and we store
each new one. OAuth: the atproto SDK has no OAuth client, and atproto OAuth needs DPoP,
PAR and a published client metadata document: not done here, so app passwords are the one
way in (said plainly in docs/networks.md).

Publishing is idempotent: the record key is the delivery's intent key, a TID chosen when
the delivery was created, given to `com.atproto.repo.createRecord`. A retry either creates
that one record or finds it already there (`getRecord` with the same key): never two.
Posts carry facets (links, mentions resolved to DIDs, hashtags) with UTF-8 byte offsets,
images with alt text (`app.bsky.embed.images`), or a link card (`app.bsky.embed.external`).
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings

from . import (
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

DEFAULT_SERVER = "https://bsky.social"
POST = "app.bsky.feed.post"

# Facets: the same shapes Bluesky's own app finds (docs.bsky.app "Links, mentions and
# rich text"); offsets are into the UTF-8 bytes of the text.
_URL = re.compile(r"(?:^|[\s(])(https?://[^\s<>\"')\]]*[^\s<>\"')\].,;:!?])")
_MENTION = re.compile(r"(?:^|[\s(])@(([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,})")
_TAG = re.compile(r"(?:^|\s)#([^\s#.,;:!?()\[\]{}\"'`]{1,64})")


def _byte_span(text: str, start: int, end: int) -> tuple[int, int]:
    return len(text[:start].encode()), len(text[:end].encode())


def facets(text: str, resolve: Any = None) -> list[dict[str, Any]]:
    """Rich-text facets for links, mentions (when `resolve(handle)` gives a DID) and tags."""
    found: list[dict[str, Any]] = []
    for m in _URL.finditer(text):
        start, end = _byte_span(text, m.start(1), m.end(1))
        found.append(
            _facet(start, end, {"$type": "app.bsky.richtext.facet#link", "uri": m.group(1)})
        )
    for m in _MENTION.finditer(text):
        did = resolve(m.group(1)) if resolve else None
        if did:
            start, end = _byte_span(text, m.start(1) - 1, m.end(1))
            found.append(
                _facet(start, end, {"$type": "app.bsky.richtext.facet#mention", "did": did})
            )
    for m in _TAG.finditer(text):
        tag = m.group(1)
        if tag.isdigit():
            continue
        start, end = _byte_span(text, m.start(1) - 1, m.end(1))
        found.append(_facet(start, end, {"$type": "app.bsky.richtext.facet#tag", "tag": tag}))
    return sorted(found, key=lambda f: f["index"]["byteStart"])


def _facet(start: int, end: int, feature: dict[str, Any]) -> dict[str, Any]:
    return {
        "$type": "app.bsky.richtext.facet",
        "index": {"byteStart": start, "byteEnd": end},
        "features": [feature],
    }


def _translate(exc: Exception) -> Exception:
    from atproto_client import exceptions as e

    response = exc.args[0] if exc.args else None
    status = getattr(response, "status_code", None)
    content = getattr(response, "content", None)
    detail = getattr(content, "message", None) or getattr(content, "error", None) or ""
    if isinstance(exc, e.InvokeTimeoutError):
        return TimedOut("Bluesky did not answer in time")
    if isinstance(exc, e.RateLimitExceededError):
        headers = getattr(response, "headers", {}) or {}
        retry = retry_after_seconds(headers.get("retry-after") or headers.get("Retry-After"))
        reset = headers.get("ratelimit-reset") or headers.get("RateLimit-Reset")
        if retry is None and reset and str(reset).isdigit():
            import time

            retry = max(0.0, int(reset) - time.time())  # the PDS gives the epoch second
        return RateLimited("Bluesky asked us to slow down", retry)
    if isinstance(exc, (e.UnauthorizedError, e.LoginRequiredError)):
        error = getattr(content, "error", "") or ""
        if status == 403 and error not in ("ExpiredToken", "InvalidToken", "AuthMissing", ""):
            return Rejected(f"Bluesky refused it ({detail or error})")
        return Revoked(
            f"Bluesky no longer accepts this connection ({detail or error}): please reconnect"
        )
    if isinstance(exc, e.NetworkError):
        if status is None:
            cause = exc.__cause__
            import httpx

            if isinstance(cause, httpx.ConnectError):
                return Unreachable("Bluesky could not be reached")
            return TimedOut(f"the connection to Bluesky broke ({cause})")
        return ServerError(f"Bluesky had an error ({status}: {detail})")
    if isinstance(exc, e.BadRequestError):
        return Rejected(f"Bluesky refused it ({detail})")
    if isinstance(exc, e.RequestException):
        if status is not None and status >= 500:
            return ServerError(f"Bluesky had an error ({status}: {detail})")
        return Rejected(f"Bluesky refused it ({status}: {detail})")
    return exc


class Bluesky(Connector):
    network = "bluesky"
    label = "Bluesky"
    auth_methods = ("app_password",)
    idempotent = True

    def _client(self, server: str) -> Any:
        from atproto import Client
        from atproto_client.request import Request

        timeout = float(getattr(settings, "NETWORK_TIMEOUT_SECONDS", 10))
        return Client(base_url=server, request=Request(timeout=timeout))

    def connect_with_password(self, *, owner: Any, server: str, handle: str, password: str) -> Any:
        from ..models import Connection

        server = check_server(server or DEFAULT_SERVER, label="the Bluesky server")
        handle = handle.strip().lstrip("@")
        if not handle or not password.strip():
            raise Rejected("Bluesky: give your handle and an app password")
        client = self._client(server)
        try:
            client.login(handle, password.strip(), fetch_bsky_profile=False)
            me = client.com.atproto.server.get_session()
        except Exception as exc:
            raise _translate(exc) from None
        connection, _ = Connection.objects.get_or_create(
            owner=owner, network=self.network, server=server, account_id=me.did
        )
        connection.save_credentials(
            {"session": client.export_session_string()},
            handle=f"@{me.handle}",
            profile_url=f"https://bsky.app/profile/{me.handle}",
            status=connection.Status.ACTIVE,
            status_message="",
        )
        return connection

    def _session(self, connection: Any) -> Any:
        client = self._client(connection.server)
        session = connection.credentials.get("session")
        if not session:
            raise Revoked("Bluesky: this connection has no session: please reconnect")

        def keep(event: Any, new_session: Any) -> None:
            connection.save_credentials({"session": new_session.export()})

        client.on_session_change(keep)
        try:
            client.login(session_string=session, fetch_bsky_profile=False)
        except Exception as exc:
            raise _translate(exc) from None
        return client

    def refresh(self, connection: Any) -> None:
        client = self._session(connection)
        try:
            client._refresh_and_set_session()  # the SDK's own refresh; keep() stores it
        except Exception as exc:
            raise _translate(exc) from None

    def _uri(self, connection: Any, rkey: str) -> str:
        return f"at://{connection.account_id}/{POST}/{rkey}"

    def _url(self, connection: Any, rkey: str) -> str:
        handle = connection.handle.lstrip("@") or connection.account_id
        return f"https://bsky.app/profile/{handle}/post/{rkey}"

    def _existing(self, client: Any, connection: Any, rkey: str) -> dict[str, Any] | None:
        from atproto_client import exceptions as e

        try:
            record = client.com.atproto.repo.get_record(
                {"repo": connection.account_id, "collection": POST, "rkey": rkey}
            )
        except e.BadRequestError as exc:
            # RecordNotFound answers 400
            content = getattr(exc.args[0], "content", None) if exc.args else None
            if getattr(content, "error", "") in ("RecordNotFound", "InvalidRequest", ""):
                return None
            raise _translate(exc) from None
        except Exception as exc:
            raise _translate(exc) from None
        value = record.value
        return value.model_dump(by_alias=True) if hasattr(value, "model_dump") else dict(value)

    def find(self, connection: Any, intent: Intent) -> Published | None:
        client = self._session(connection)
        if self._existing(client, connection, intent.key) is None:
            return None
        return Published(self._uri(connection, intent.key), self._url(connection, intent.key))

    def _resolver(self, client: Any) -> Any:
        def resolve(handle: str) -> str | None:
            try:
                return str(client.com.atproto.identity.resolve_handle({"handle": handle}).did)
            except Exception:
                return None  # an unknown handle stays plain text

        return resolve

    def publish(self, connection: Any, intent: Intent) -> Published:
        from atproto import models

        client = self._session(connection)
        try:
            embed: Any = None
            if intent.images:
                images = []
                for image in intent.images[:4]:
                    blob = client.upload_blob(image.data).blob
                    images.append(models.AppBskyEmbedImages.Image(alt=image.alt, image=blob))
                embed = models.AppBskyEmbedImages.Main(images=images)
            elif intent.link:
                embed = models.AppBskyEmbedExternal.Main(
                    external=models.AppBskyEmbedExternal.External(
                        uri=intent.link,
                        title=intent.link_title or intent.link,
                        description=intent.link_description,
                    )
                )
            record = models.AppBskyFeedPost.Record(
                text=intent.text,
                created_at=intent.created_at.isoformat().replace("+00:00", "Z"),
                facets=[
                    models.AppBskyRichtextFacet.Main.model_validate(f)
                    for f in facets(intent.text, self._resolver(client))
                ]
                or None,
                embed=embed,
            )
            client.com.atproto.repo.create_record(
                models.ComAtprotoRepoCreateRecord.Data(
                    repo=connection.account_id, collection=POST, rkey=intent.key, record=record
                )
            )
        except Exception as exc:
            translated = _translate(exc)
            if isinstance(translated, (Rejected, ServerError)) and self._existing(
                client, connection, intent.key
            ):
                # The key is taken: an earlier attempt of this same intent made it.
                return Published(
                    self._uri(connection, intent.key), self._url(connection, intent.key)
                )
            raise translated from None
        return Published(self._uri(connection, intent.key), self._url(connection, intent.key))

    def delete(self, connection: Any, remote_id: str) -> None:
        client = self._session(connection)
        try:
            client.com.atproto.repo.delete_record(
                {
                    "repo": connection.account_id,
                    "collection": POST,
                    "rkey": remote_id.rsplit("/", 1)[-1],
                }
            )
        except Exception as exc:
            raise _translate(exc) from None

    def fetch_metrics(self, connection: Any, remote_id: str) -> Metrics:
        """Counts come from the AppView (the PDS proxies app.bsky.feed.getPosts to it)."""
        client = self._session(connection)
        try:
            posts = client.app.bsky.feed.get_posts({"uris": [remote_id]}).posts
        except Exception as exc:
            raise _translate(exc) from None
        if not posts:
            return Metrics()
        post = posts[0]
        return Metrics(likes=post.like_count, reposts=post.repost_count, replies=post.reply_count)

    def revoke(self, connection: Any) -> bool:
        """Ends the stored session (`deleteSession`); the app password itself can only be
        revoked by its owner in Bluesky's settings."""
        client = self._session(connection)
        try:
            client.com.atproto.server.delete_session(
                headers=client._get_refresh_auth_headers(), ignore_session_check=True
            )
        except Exception as exc:
            raise _translate(exc) from None
        return True


CONNECTOR = Bluesky()
