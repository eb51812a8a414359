"""X: always through its share link (the employee's own browser posts it), and through the
API v2 when an admin configures app keys (MANYVOICES_X_CLIENT_ID / _SECRET): OAuth 2 with
PKCE, `POST /2/tweets`, `DELETE /2/tweets/:id`, public metrics from `GET /2/tweets/:id`,
read back with `GET /2/users/:id/tweets` (a 403 on tiers without reading: "uncertain").

X has no idempotency key: after a timeout or a 5xx, publishing.py reads back first.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from typing import Any
from urllib.parse import quote, urlencode

from django.conf import settings
from django.utils import timezone

from . import (
    AuthStart,
    CannotReadBack,
    Connector,
    Intent,
    Metrics,
    OAuth2Tokens,
    Published,
    Rejected,
    _http,
)

SCOPES = "tweet.read tweet.write users.read offline.access"


def _api() -> str:
    return str(settings.X_API_URL).rstrip("/")


class X(OAuth2Tokens, Connector):
    network = "x"
    label = "X"
    default_token_seconds = 7_200
    auth_methods = ("oauth",)

    def available(self) -> bool:
        return bool(settings.X_CLIENT_ID)

    def share_link(self, text: str) -> str | None:
        return "https://x.com/intent/post?" + urlencode({"text": text}, quote_via=quote)

    def start_connect(self, *, owner: Any, server: str, redirect_uri: str, state: str) -> AuthStart:
        if not self.available():
            raise Rejected("posting to X through its API is not set up here: use the share link")
        verifier = secrets.token_urlsafe(48)
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(
            b"="
        )
        query = urlencode(
            {
                "response_type": "code",
                "client_id": settings.X_CLIENT_ID,
                "redirect_uri": redirect_uri,
                "scope": SCOPES,
                "state": state,
                "code_challenge": challenge.decode(),
                "code_challenge_method": "S256",
            }
        )
        return AuthStart(
            f"{str(settings.X_AUTH_URL).rstrip('/')}/i/oauth2/authorize?{query}",
            {"verifier": verifier},
        )

    def _token(self, data: dict[str, str]) -> dict[str, Any]:
        auth = (
            (settings.X_CLIENT_ID, settings.X_CLIENT_SECRET) if settings.X_CLIENT_SECRET else None
        )
        extra = {} if auth else {"client_id": settings.X_CLIENT_ID}
        response = _http.request(
            self.label, "POST", f"{_api()}/2/oauth2/token", data={**data, **extra}, auth=auth
        )
        return dict(response.json())

    def finish_connect(
        self, *, owner: Any, pending: dict[str, Any], params: dict[str, str], redirect_uri: str
    ) -> Any:
        from ..models import Connection

        if params.get("error"):
            raise Rejected(f"X said: {params['error']}")
        tokens = self._token(
            {
                "grant_type": "authorization_code",
                "code": params.get("code", ""),
                "redirect_uri": redirect_uri,
                "code_verifier": pending.get("verifier", ""),
            }
        )
        me = _http.request(
            self.label,
            "GET",
            f"{_api()}/2/users/me",
            headers={"Authorization": f"Bearer {tokens['access_token']}"},
        ).json()["data"]
        connection, _ = Connection.objects.get_or_create(
            owner=owner, network=self.network, server="", account_id=str(me["id"])
        )
        self._store(
            connection,
            tokens,
            handle="@" + me.get("username", me["id"]),
            profile_url=f"https://x.com/{me.get('username', '')}",
        )
        return connection

    def _call(self, connection: Any, method: str, path: str, **kwargs: Any) -> Any:
        if connection.expires_at and connection.expires_at <= timezone.now():
            self.refresh(connection)
        headers = {"Authorization": f"Bearer {connection.credentials['access_token']}"}
        return _http.request(self.label, method, f"{_api()}{path}", headers=headers, **kwargs)

    def publish(self, connection: Any, intent: Intent) -> Published:
        if intent.images:
            # Media upload is the v1.1/v2 media endpoint with its own chunked protocol; not yet.
            raise Rejected(
                "images on X are not supported yet: post the text, or use the share link"
            )
        body = self._call(connection, "POST", "/2/tweets", json={"text": intent.text}).json()
        tweet_id = str(body["data"]["id"])
        return Published(tweet_id, f"https://x.com/i/web/status/{tweet_id}")

    def find(self, connection: Any, intent: Intent) -> Published | None:
        try:
            body = self._call(
                connection, "GET", f"/2/users/{connection.account_id}/tweets?max_results=20"
            ).json()
        except Rejected as exc:
            raise CannotReadBack(
                f"X does not let us read your recent posts ({exc.message})"
            ) from None
        for tweet in body.get("data", []) or []:
            if str(tweet.get("text", "")).strip() == intent.text.strip():
                return Published(str(tweet["id"]), f"https://x.com/i/web/status/{tweet['id']}")
        return None

    def delete(self, connection: Any, remote_id: str) -> None:
        self._call(connection, "DELETE", f"/2/tweets/{remote_id}")

    def fetch_metrics(self, connection: Any, remote_id: str) -> Metrics:
        data = self._call(
            connection, "GET", f"/2/tweets/{remote_id}?tweet.fields=public_metrics"
        ).json()["data"]["public_metrics"]
        return Metrics(
            likes=data.get("like_count"),
            reposts=data.get("retweet_count"),
            replies=data.get("reply_count"),
            views=data.get("impression_count"),
        )

    def revoke(self, connection: Any) -> bool:
        token = connection.credentials.get("access_token")
        if not token or not self.available():
            return False
        auth = (
            (settings.X_CLIENT_ID, settings.X_CLIENT_SECRET) if settings.X_CLIENT_SECRET else None
        )
        _http.request(
            self.label,
            "POST",
            f"{_api()}/2/oauth2/revoke",
            data={
                "token": token,
                "token_type_hint": "access_token",
                **({} if auth else {"client_id": settings.X_CLIENT_ID}),
            },
            auth=auth,
        )
        return True


CONNECTOR = X()
