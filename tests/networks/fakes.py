"""Local servers that implement the documented endpoints our connectors use, with the
networks' own error answers, and faults to order: Mastodon (docs.joinmastodon.org:
apps, OAuth, statuses with Idempotency-Key, media v2), LinkedIn (Microsoft Learn: OAuth 2,
userinfo, Posts API, Images API, socialActions) and X (API v2: OAuth 2, tweets).

Each runs in a thread on 127.0.0.1 (ThreadingHTTPServer). `server.posts` is what the
network holds, so a test can count each post on the server. Faults:

    server.fault("POST /api/v1/statuses", status=500)               answer 500, post nothing
    server.fault("POST /api/v1/statuses", status=429, headers={"Retry-After": "1"})
    server.fault("POST /rest/posts", hang=5)                         no answer for 5 s
    server.fault("POST /rest/posts", hang=5, after=True)             post, then no answer
    server.fault("POST /api/v1/statuses", hold=event, after=True)    post, answer when set
    server.revoke_all()                                              every token now 401

Used by tests/networks and benchmarks/publish.py. Nothing here is imported by the app.
"""

from __future__ import annotations

import email.parser
import email.policy
import itertools
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlencode, urlsplit


@dataclass
class Fault:
    route: str  # "METHOD /path-prefix"
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: Any = None
    hang: float = 0.0
    hold: threading.Event | None = None
    after: bool = False  # do the work first, then misbehave
    times: int = 1


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def server_bind(self) -> None:
        # HTTPServer.server_bind looks up the host's FQDN: seconds without a DNS server.
        import socketserver

        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = "127.0.0.1", self.server_address[1]


class Handled(Exception):
    def __init__(
        self, status: int, body: Any = None, headers: dict[str, str] | None = None
    ) -> None:
        self.status, self.body, self.headers = status, body, headers or {}


class FakeServer:
    """The shared machinery: routing, parsing, faults, tokens."""

    name = "fake"

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.faults: list[Fault] = []
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.tokens: dict[str, str] = {}  # access token -> account id
        self.revoked: set[str] = set()
        self.ids = itertools.count(1000)
        self.in_flight = 0
        self.arrived = threading.Event()  # set when a held request arrives
        handler = self._handler_class()
        self.httpd = _Server(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self) -> FakeServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> FakeServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def fault(self, route: str, **kw: Any) -> Fault:
        f = Fault(route, **kw)
        with self.lock:
            self.faults.append(f)
        return f

    def revoke_all(self) -> None:
        with self.lock:
            self.revoked.update(self.tokens)

    def issue_token(self, account: str) -> str:
        token = secrets.token_urlsafe(16)
        with self.lock:
            self.tokens[token] = account
        return token

    def count(self, method: str, path_prefix: str) -> int:
        with self.lock:
            return sum(1 for m, p, _ in self.requests if m == method and p.startswith(path_prefix))

    # --- request plumbing ---

    def _take_fault(self, method: str, path: str) -> Fault | None:
        with self.lock:
            for f in self.faults:
                m, prefix = f.route.split(" ", 1)
                if m == method and path.startswith(prefix) and f.times > 0:
                    f.times -= 1
                    return f
        return None

    def account_of(self, headers: dict[str, str]) -> str:
        auth = headers.get("authorization", "")
        token = auth[7:] if auth.lower().startswith("bearer ") else ""
        with self.lock:
            if token and token in self.tokens and token not in self.revoked:
                return self.tokens[token]
        raise self.unauthorised()

    def unauthorised(self) -> Handled:
        return Handled(401, {"error": "unauthorised"})

    def route(
        self, method: str, path: str, query: dict[str, str], headers: dict[str, str], body: bytes
    ) -> tuple[int, Any, dict[str, str]]:
        raise Handled(404, {"error": "Record not found"})

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _serve(self, method: str) -> None:
                parts = urlsplit(self.path)
                path = unquote(parts.path)
                query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
                headers = {k.lower(): v for k, v in self.headers.items()}
                length = int(headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                with server.lock:
                    server.requests.append((method, path, headers))
                fault = server._take_fault(method, path)
                if fault is not None and not fault.after:
                    self._misbehave(fault)
                    if fault.status is None:
                        return
                    self._send(
                        fault.status,
                        fault.body if fault.body is not None else {"error": "fault"},
                        fault.headers,
                    )
                    return
                try:
                    status, payload, extra = server.route(method, path, query, headers, body)
                except Handled as h:
                    status, payload, extra = h.status, h.body, h.headers
                if fault is not None:  # after=True: the work is done; now misbehave
                    self._misbehave(fault)
                    if fault.status is not None:
                        status, payload, extra = (
                            fault.status,
                            fault.body or {"error": "fault"},
                            fault.headers,
                        )
                self._send(status, payload, extra)

            def _misbehave(self, fault: Fault) -> None:
                server.arrived.set()
                if fault.hold is not None:
                    fault.hold.wait(60)
                elif fault.hang:
                    time.sleep(fault.hang)

            def _send(self, status: int, payload: Any, headers: dict[str, str]) -> None:
                data = (
                    b""
                    if payload is None
                    else (payload if isinstance(payload, bytes) else json.dumps(payload).encode())
                )
                try:
                    self.send_response(status)
                    for k, v in headers.items():
                        self.send_header(k, v)
                    if status in (301, 302, 303):
                        pass
                    elif data:
                        self.send_header("Content-Type", "application/json; charset=utf-8")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    if data:
                        self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout, or a killed worker)

            def do_GET(self) -> None:
                self._serve("GET")

            def do_POST(self) -> None:
                self._serve("POST")

            def do_PUT(self) -> None:
                self._serve("PUT")

            def do_DELETE(self) -> None:
                self._serve("DELETE")

        return Handler


def form_or_json(headers: dict[str, str], body: bytes) -> dict[str, Any]:
    """The body of a POST as a dict: JSON, url-encoded form (with a[] lists) or multipart."""
    ctype = headers.get("content-type", "")
    if not body:
        return {}
    if ctype.startswith("application/json"):
        return dict(json.loads(body))
    if ctype.startswith("multipart/form-data"):
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            b"Content-Type: " + ctype.encode() + b"\r\n\r\n" + body
        )
        out: dict[str, Any] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True)
            if part.get_filename():
                out[name] = {
                    "filename": part.get_filename(),
                    "data": payload,
                    "type": part.get_content_type(),
                }
            else:
                out[name] = (payload or b"").decode()
        return out
    out = {}
    for key, values in parse_qs(body.decode(), keep_blank_values=True).items():
        out[key] = values if key.endswith("[]") else values[-1]
    return out


class FakeMastodon(FakeServer):
    name = "mastodon"

    def __init__(self) -> None:
        super().__init__()
        self.apps: dict[str, dict[str, str]] = {}
        self.codes: dict[str, str] = {}
        self.accounts = {
            "1": {
                "id": "1",
                "username": "alice",
                "acct": "alice",
                "url": "",
                "display_name": "Alice",
            }
        }
        self.statuses: dict[str, dict[str, Any]] = {}
        self.media: dict[str, dict[str, Any]] = {}
        self.idempotency: dict[tuple[str, str], str] = {}

    @property
    def posts(self) -> list[dict[str, Any]]:
        with self.lock:
            return [s for s in self.statuses.values() if not s.get("deleted")]

    def unauthorised(self) -> Handled:
        return Handled(401, {"error": "The access token is invalid"})

    def approve(self, account: str = "1") -> str:
        code = secrets.token_urlsafe(8)
        self.codes[code] = account
        return code

    def route(self, method, path, query, headers, body):  # type: ignore[no-untyped-def]
        data = form_or_json(headers, body) if method in ("POST", "PUT") else {}
        if path in ("/api/v1/instance", "/api/v2/instance"):
            return (
                200,
                {
                    "uri": "127.0.0.1",
                    "domain": "127.0.0.1",
                    "version": "4.3.0",
                    "title": "Fake Mastodon",
                    "api_versions": {"mastodon": 2},
                    "configuration": {"statuses": {"max_characters": 500}},
                },
                {},
            )
        if method == "POST" and path == "/api/v1/apps":
            if not data.get("client_name") or not data.get("redirect_uris"):
                raise Handled(422, {"error": "Validation failed: Application name can't be blank"})
            client_id = secrets.token_urlsafe(12)
            app = {
                "id": str(next(self.ids)),
                "name": data["client_name"],
                "client_id": client_id,
                "client_secret": secrets.token_urlsafe(20),
                "redirect_uri": data["redirect_uris"],
                "website": data.get("website"),
            }
            self.apps[client_id] = app
            return 200, app, {}
        if method == "GET" and path == "/oauth/authorize":
            app = self.apps.get(query.get("client_id", ""))
            if app is None or query.get("redirect_uri") != app["redirect_uri"]:
                raise Handled(400, {"error": "invalid_client"})
            code = self.approve()
            target = (
                query["redirect_uri"]
                + "?"
                + urlencode({"code": code, "state": query.get("state", "")})
            )
            return 302, None, {"Location": target}
        if method == "POST" and path == "/oauth/token":
            app = self.apps.get(data.get("client_id", ""))
            if app is None or data.get("client_secret") != app["client_secret"]:
                raise Handled(
                    401,
                    {
                        "error": "invalid_client",
                        "error_description": "Client authentication failed",
                    },
                )
            account = self.codes.pop(data.get("code", ""), None)
            if data.get("grant_type") != "authorization_code" or account is None:
                raise Handled(
                    400,
                    {
                        "error": "invalid_grant",
                        "error_description": "The provided authorization grant is invalid",
                    },
                )
            token = self.issue_token(account)
            return (
                200,
                {
                    "access_token": token,
                    "token_type": "Bearer",
                    "scope": data.get("scope", ""),
                    "created_at": int(time.time()),
                },
                {},
            )
        if method == "POST" and path == "/oauth/revoke":
            with self.lock:
                self.revoked.add(data.get("token", ""))
            return 200, {}, {}
        account = self.account_of(headers)
        if method == "GET" and path == "/api/v1/accounts/verify_credentials":
            return 200, self.accounts[account], {}
        if method == "POST" and path == "/api/v2/media":
            file = data.get("file")
            if not isinstance(file, dict):
                raise Handled(422, {"error": "Validation failed: File can't be blank"})
            media_id = str(next(self.ids))
            item = {
                "id": media_id,
                "type": "image",
                "url": f"{self.url}/media/{media_id}",
                "description": data.get("description"),
                "size": len(file["data"]),
            }
            self.media[media_id] = item
            return 200, item, {}
        if method == "POST" and path == "/api/v1/statuses":
            key = headers.get("idempotency-key")
            with self.lock:
                if key and (account, key) in self.idempotency:
                    return 200, self.statuses[self.idempotency[(account, key)]], {}
                text = data.get("status", "")
                media_ids = data.get("media_ids[]") or data.get("media_ids") or []
                if not text and not media_ids:
                    raise Handled(422, {"error": "Validation failed: Text can't be blank"})
                if len(text) > 500:
                    raise Handled(
                        422, {"error": "Validation failed: Text character limit of 500 exceeded"}
                    )
                status_id = str(next(self.ids))
                status = {
                    "id": status_id,
                    "content": f"<p>{text}</p>",
                    "text": text,
                    "url": f"{self.url}/@alice/{status_id}",
                    "uri": f"{self.url}/users/alice/statuses/{status_id}",
                    "spoiler_text": data.get("spoiler_text") or "",
                    "sensitive": data.get("sensitive") in (True, "true", "True"),
                    "visibility": data.get("visibility", "public"),
                    "media_attachments": [self.media[m] for m in media_ids if m in self.media],
                    "favourites_count": 0,
                    "reblogs_count": 0,
                    "replies_count": 0,
                    "account": self.accounts[account],
                    "created_at": "2026-11-27T08:00:00.000Z",
                }
                self.statuses[status_id] = status
                if key:
                    self.idempotency[(account, key)] = status_id
            return 200, status, {}
        if path.startswith("/api/v1/statuses/"):
            status_id = path.rsplit("/", 1)[-1]
            status = self.statuses.get(status_id)
            if status is None or status.get("deleted"):
                raise Handled(404, {"error": "Record not found"})
            if method == "DELETE":
                status["deleted"] = True
            return 200, status, {}
        raise Handled(404, {"error": "Record not found"})


class FakeLinkedIn(FakeServer):
    name = "linkedin"

    def __init__(self) -> None:
        super().__init__()
        self.codes: dict[str, str] = {}
        self.refresh_tokens: dict[str, str] = {}
        self.members = {
            "abc123": {"sub": "abc123", "name": "Alice Archer", "email": "alice@example.com"}
        }
        self.post_store: dict[str, dict[str, Any]] = {}
        self.images: dict[str, bytes] = {}
        self.read_forbidden = False  # r_member_social is for approved partners only

    @property
    def posts(self) -> list[dict[str, Any]]:
        with self.lock:
            return [p for p in self.post_store.values() if not p.get("deleted")]

    def unauthorised(self) -> Handled:
        return Handled(
            401,
            {
                "status": 401,
                "serviceErrorCode": 65601,
                "code": "REVOKED_ACCESS_TOKEN",
                "message": "The token used in the request has been revoked by the user",
            },
        )

    def route(self, method, path, query, headers, body):  # type: ignore[no-untyped-def]
        data = form_or_json(headers, body) if method == "POST" else {}
        if method == "GET" and path == "/oauth/v2/authorization":
            code = secrets.token_urlsafe(8)
            self.codes[code] = "abc123"
            target = (
                query["redirect_uri"]
                + "?"
                + urlencode({"code": code, "state": query.get("state", "")})
            )
            return 302, None, {"Location": target}
        if method == "POST" and path == "/oauth/v2/accessToken":
            if data.get("client_id") != "li-client" or data.get("client_secret") != "li-secret":
                raise Handled(
                    401,
                    {
                        "error": "invalid_client",
                        "error_description": "Client authentication failed",
                    },
                )
            if data.get("grant_type") == "authorization_code":
                member = self.codes.pop(data.get("code", ""), None)
            else:
                member = self.refresh_tokens.pop(data.get("refresh_token", ""), None)
            if member is None:
                raise Handled(
                    400,
                    {
                        "error": "invalid_grant",
                        "error_description": "The provided authorization grant or refresh "
                        "token is invalid, expired or revoked",
                    },
                )
            refresh = secrets.token_urlsafe(16)
            self.refresh_tokens[refresh] = member
            return (
                200,
                {
                    "access_token": self.issue_token(member),
                    "expires_in": 5183999,
                    "refresh_token": refresh,
                    "refresh_token_expires_in": 31535999,
                    "scope": "openid,profile,w_member_social",
                },
                {},
            )
        if method == "POST" and path == "/oauth/v2/revoke":
            with self.lock:
                self.revoked.add(data.get("token", ""))
            return 200, None, {}
        if method == "PUT" and path.startswith("/upload/"):
            self.account_of(headers)
            self.images[path.rsplit("/", 1)[-1]] = body
            return 201, None, {}
        member = self.account_of(headers)
        if path.startswith("/rest/") and not headers.get("linkedin-version"):
            raise Handled(
                426,
                {
                    "status": 426,
                    "code": "NONEXISTENT_VERSION",
                    "message": "Requested version  is not active",
                },
            )
        if method == "GET" and path == "/v2/userinfo":
            return 200, self.members[member], {}
        if (
            method == "POST"
            and path == "/rest/images"
            and query.get("action") == "initializeUpload"
        ):
            image = f"urn:li:image:{next(self.ids)}"
            return (
                200,
                {
                    "value": {
                        "uploadUrlExpiresAt": 0,
                        "uploadUrl": f"{self.url}/upload/{quote(image)}",
                        "image": image,
                    }
                },
                {},
            )
        if method == "POST" and path == "/rest/posts":
            if data.get("author") != f"urn:li:person:{member}":
                raise Handled(
                    403,
                    {
                        "status": 403,
                        "serviceErrorCode": 100,
                        "code": "ACCESS_DENIED",
                        "message": "Not enough permissions to access: "
                        "partnerApiPostsExternal.CREATE.20240501",
                    },
                )
            if not data.get("commentary") and not data.get("content"):
                raise Handled(
                    422, {"status": 422, "message": "ERROR :: /commentary :: is required"}
                )
            if len(data.get("commentary", "")) > 3000:
                raise Handled(
                    422, {"status": 422, "message": "ERROR :: /commentary :: length exceeds 3000"}
                )
            urn = f"urn:li:share:{next(self.ids)}"
            with self.lock:
                self.post_store[urn] = {"id": urn, **data, "likes": 0, "comments": 0}
            return 201, None, {"x-restli-id": urn}
        if method == "GET" and path == "/rest/posts" and query.get("q") == "author":
            if self.read_forbidden:
                raise Handled(
                    403,
                    {
                        "status": 403,
                        "serviceErrorCode": 100,
                        "code": "ACCESS_DENIED",
                        "message": "Not enough permissions to access: "
                        "partnerApiPostsExternal.FINDER-author",
                    },
                )
            mine = [p for p in self.posts if p["author"] == query.get("author")]
            return (
                200,
                {"elements": list(reversed(mine))[: int(query.get("count", 10))], "paging": {}},
                {},
            )
        if path.startswith("/rest/posts/") and method == "DELETE":
            urn = path[len("/rest/posts/") :]
            with self.lock:
                if urn not in self.post_store:
                    raise Handled(404, {"status": 404, "message": "Not Found"})
                self.post_store[urn]["deleted"] = True
            return 204, None, {}
        if method == "GET" and path.startswith("/v2/socialActions/"):
            urn = path[len("/v2/socialActions/") :]
            item = self.post_store.get(urn)
            if item is None:
                raise Handled(404, {"status": 404, "message": "Not Found"})
            return (
                200,
                {
                    "likesSummary": {"totalLikes": item["likes"]},
                    "commentsSummary": {"aggregatedTotalComments": item["comments"]},
                },
                {},
            )
        raise Handled(404, {"status": 404, "message": "Not Found"})


class FakeX(FakeServer):
    name = "x"

    def __init__(self) -> None:
        super().__init__()
        self.codes: dict[str, tuple[str, str]] = {}
        self.tweets: dict[str, dict[str, Any]] = {}
        self.read_forbidden = False

    @property
    def posts(self) -> list[dict[str, Any]]:
        with self.lock:
            return [t for t in self.tweets.values() if not t.get("deleted")]

    def unauthorised(self) -> Handled:
        return Handled(
            401,
            {
                "title": "Unauthorized",
                "type": "about:blank",
                "status": 401,
                "detail": "Unauthorized",
            },
        )

    def route(self, method, path, query, headers, body):  # type: ignore[no-untyped-def]
        data = form_or_json(headers, body) if method == "POST" else {}
        if method == "GET" and path == "/i/oauth2/authorize":
            code = secrets.token_urlsafe(8)
            self.codes[code] = ("42", query.get("code_challenge", ""))
            target = (
                query["redirect_uri"]
                + "?"
                + urlencode({"code": code, "state": query.get("state", "")})
            )
            return 302, None, {"Location": target}
        if method == "POST" and path == "/2/oauth2/token":
            import base64
            import hashlib

            user, challenge = self.codes.pop(data.get("code", ""), (None, ""))
            verifier = data.get("code_verifier", "")
            expected = (
                base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
                .rstrip(b"=")
                .decode()
            )
            if user is None or expected != challenge:
                raise Handled(
                    400,
                    {
                        "error": "invalid_request",
                        "error_description": "Value passed for the authorization code was invalid.",
                    },
                )
            return (
                200,
                {
                    "token_type": "bearer",
                    "expires_in": 7200,
                    "access_token": self.issue_token(user),
                    "scope": "tweet.write tweet.read users.read offline.access",
                    "refresh_token": secrets.token_urlsafe(12),
                },
                {},
            )
        if method == "POST" and path == "/2/oauth2/revoke":
            with self.lock:
                self.revoked.add(data.get("token", ""))
            return 200, {"revoked": True}, {}
        user = self.account_of(headers)
        if method == "GET" and path == "/2/users/me":
            return 200, {"data": {"id": user, "name": "Alice", "username": "alice"}}, {}
        if method == "POST" and path == "/2/tweets":
            text = data.get("text", "")
            if len(text) > 280:
                raise Handled(
                    400,
                    {
                        "title": "Invalid Request",
                        "detail": "One or more parameters to your request was invalid.",
                        "errors": [{"message": "text is too long"}],
                    },
                )
            tweet_id = str(next(self.ids))
            with self.lock:
                self.tweets[tweet_id] = {
                    "id": tweet_id,
                    "text": text,
                    "author_id": user,
                    "public_metrics": {
                        "like_count": 0,
                        "retweet_count": 0,
                        "reply_count": 0,
                        "impression_count": 0,
                    },
                }
            return 201, {"data": {"id": tweet_id, "text": text}}, {}
        if method == "GET" and path.startswith("/2/users/") and path.endswith("/tweets"):
            if self.read_forbidden:
                raise Handled(
                    403,
                    {
                        "title": "Client Forbidden",
                        "status": 403,
                        "detail": "This endpoint is not available on your access level",
                    },
                )
            mine = [t for t in self.posts if t["author_id"] == user]
            return 200, {"data": list(reversed(mine))[:20], "meta": {}}, {}
        if path.startswith("/2/tweets/"):
            tweet = self.tweets.get(path.rsplit("/", 1)[-1])
            if tweet is None or tweet.get("deleted"):
                raise Handled(404, {"title": "Not Found Error", "status": 404})
            if method == "DELETE":
                tweet["deleted"] = True
                return 200, {"data": {"deleted": True}}, {}
            return 200, {"data": tweet}, {}
        raise Handled(404, {"title": "Not Found Error", "status": 404})
