"""LinkedIn: OAuth 2 (authorization code), and the Posts API for members (w_member_social).

Endpoints used (Microsoft Learn, "Sign In with LinkedIn using OpenID Connect", "Posts API",
"Images API", "Social Actions API"):

    GET  {auth}/oauth/v2/authorization            the employee authorises
    POST {auth}/oauth/v2/accessToken              code or refresh token -> tokens
    POST {auth}/oauth/v2/revoke                   on disconnect
    GET  {api}/v2/userinfo                        the member's id (sub) and name
    POST {api}/rest/images?action=initializeUpload, then PUT the bytes
    POST {api}/rest/posts                         201, the post's URN in x-restli-id
    GET  {api}/rest/posts?q=author&author=URN     read back (needs r_member_social; a 403
                                                  means we cannot know: the post is "uncertain")
    DELETE {api}/rest/posts/{URN}
    GET  {api}/v2/socialActions/{URN}             likes and comments

LinkedIn has no idempotency key: after a timeout or a 5xx, publishing.py reads back
before any retry.
"""

from __future__ import annotations

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

VERSION = "202405"
SCOPES = "openid profile w_member_social"


def _api() -> str:
    return str(settings.LINKEDIN_API_URL).rstrip("/")


def _auth() -> str:
    return str(settings.LINKEDIN_AUTH_URL).rstrip("/")


def _headers(token: str) -> dict[str, str]:
    return {
        "Authorization": f"Bearer {token}",
        "LinkedIn-Version": VERSION,
        "X-Restli-Protocol-Version": "2.0.0",
    }


class LinkedIn(OAuth2Tokens, Connector):
    network = "linkedin"
    label = "LinkedIn"
    default_token_seconds = 5_184_000
    auth_methods = ("oauth",)

    def available(self) -> bool:
        return bool(settings.LINKEDIN_CLIENT_ID and settings.LINKEDIN_CLIENT_SECRET)

    def start_connect(self, *, owner: Any, server: str, redirect_uri: str, state: str) -> AuthStart:
        if not self.available():
            raise Rejected("LinkedIn is not set up here yet: an admin must add its app keys")
        query = urlencode(
            {
                "response_type": "code",
                "client_id": settings.LINKEDIN_CLIENT_ID,
                "redirect_uri": redirect_uri,
                "state": state,
                "scope": SCOPES,
            }
        )
        return AuthStart(url=f"{_auth()}/oauth/v2/authorization?{query}")

    def _token(self, data: dict[str, str]) -> dict[str, Any]:
        response = _http.request(
            self.label,
            "POST",
            f"{_auth()}/oauth/v2/accessToken",
            data={
                **data,
                "client_id": settings.LINKEDIN_CLIENT_ID,
                "client_secret": settings.LINKEDIN_CLIENT_SECRET,
            },
        )
        return dict(response.json())

    def finish_connect(
        self, *, owner: Any, pending: dict[str, Any], params: dict[str, str], redirect_uri: str
    ) -> Any:
        from ..models import Connection

        if params.get("error"):
            raise Rejected(f"LinkedIn said: {params.get('error_description') or params['error']}")
        tokens = self._token(
            {
                "grant_type": "authorization_code",
                "code": params.get("code", ""),
                "redirect_uri": redirect_uri,
            }
        )
        me = _http.request(
            self.label, "GET", f"{_api()}/v2/userinfo", headers=_headers(tokens["access_token"])
        ).json()
        connection, _ = Connection.objects.get_or_create(
            owner=owner, network=self.network, server="", account_id=f"urn:li:person:{me['sub']}"
        )
        self._store(connection, tokens, handle=me.get("name") or me.get("email") or me["sub"])
        return connection

    def _call(self, connection: Any, method: str, path: str, **kwargs: Any) -> Any:
        if connection.expires_at and connection.expires_at <= timezone.now():
            self.refresh(connection)
        token = connection.credentials["access_token"]
        return _http.request(
            self.label, method, f"{_api()}{path}", headers=_headers(token), **kwargs
        )

    def _upload(self, connection: Any, image: Any) -> str:
        started = self._call(
            connection,
            "POST",
            "/rest/images?action=initializeUpload",
            json={"initializeUploadRequest": {"owner": connection.account_id}},
        ).json()["value"]
        _http.request(
            self.label,
            "PUT",
            started["uploadUrl"],
            content=image.data,
            headers={
                "Authorization": f"Bearer {connection.credentials['access_token']}",
                "Content-Type": image.mime,
            },
        )
        return str(started["image"])

    def publish(self, connection: Any, intent: Intent) -> Published:
        body: dict[str, Any] = {
            "author": connection.account_id,
            "commentary": _escape(intent.text),
            "visibility": "PUBLIC",
            "distribution": {
                "feedDistribution": "MAIN_FEED",
                "targetEntities": [],
                "thirdPartyDistributionChannels": [],
            },
            "lifecycleState": "PUBLISHED",
            "isReshareDisabledByAuthor": False,
        }
        if intent.images:
            image = intent.images[0]  # a single image post; LinkedIn's multiImage needs 2+
            body["content"] = {
                "media": {"id": self._upload(connection, image), "altText": image.alt}
            }
        elif intent.link:
            article = {"source": intent.link, "title": intent.link_title or intent.link}
            if intent.link_description:
                article["description"] = intent.link_description
            body["content"] = {"article": article}
        response = self._call(connection, "POST", "/rest/posts", json=body)
        urn = response.headers.get("x-restli-id") or response.headers.get("x-linkedin-id", "")
        if not urn:
            raise Rejected("LinkedIn answered without the new post's id")
        return Published(urn, f"https://www.linkedin.com/feed/update/{urn}/")

    def find(self, connection: Any, intent: Intent) -> Published | None:
        try:
            response = self._call(
                connection,
                "GET",
                f"/rest/posts?q=author&author={quote(connection.account_id, safe='')}"
                "&count=20&sortBy=LAST_MODIFIED",
            )
        except Rejected as exc:
            raise CannotReadBack(
                f"LinkedIn does not let us read your recent posts ({exc.message})"
            ) from None
        wanted = _escape(intent.text).strip()
        for element in response.json().get("elements", []):
            if str(element.get("commentary", "")).strip() == wanted:
                urn = str(element["id"])
                return Published(urn, f"https://www.linkedin.com/feed/update/{urn}/")
        return None

    def delete(self, connection: Any, remote_id: str) -> None:
        self._call(connection, "DELETE", f"/rest/posts/{quote(remote_id, safe='')}")

    def fetch_metrics(self, connection: Any, remote_id: str) -> Metrics:
        body = self._call(
            connection, "GET", f"/v2/socialActions/{quote(remote_id, safe='')}"
        ).json()
        likes = body.get("likesSummary", {}).get("totalLikes")
        comments = body.get("commentsSummary", {}).get("aggregatedTotalComments")
        return Metrics(likes=likes, replies=comments)

    def revoke(self, connection: Any) -> bool:
        token = connection.credentials.get("access_token")
        if not token or not self.available():
            return False
        _http.request(
            self.label,
            "POST",
            f"{_auth()}/oauth/v2/revoke",
            data={
                "token": token,
                "client_id": settings.LINKEDIN_CLIENT_ID,
                "client_secret": settings.LINKEDIN_CLIENT_SECRET,
            },
        )
        return True


# The Posts API reads commentary as "little text": these characters must be escaped.
_RESERVED = "\\|{}@[]()<>#*_~"


def _escape(text: str) -> str:
    return "".join("\\" + ch if ch in _RESERVED else ch for ch in text)


CONNECTOR = LinkedIn()
