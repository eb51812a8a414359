"""The REST API, /api/v1/ (OpenAPI docs at /api/docs).

Every request carries a personal token: `Authorization: Bearer TOKEN` (created on the
tokens page or with `manyvoices token create`). Each token has a rate limit per minute.
Every error answers with JSON `{"detail": "..."}` and a 4xx status that says what kind.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema, Status
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer
from pydantic import Field

from manyvoices.composer.models import Draft as DraftModel
from manyvoices.composer.models import DraftBlocked, ReviewStat
from manyvoices.composer.reviewing import MultiReview, clean_networks
from manyvoices.composer.services import DismissError, dismiss_finding
from manyvoices.composer.stats import review_statistics
from manyvoices.engine import CATALOGUE, DraftError, review
from manyvoices.engine.types import NETWORKS
from manyvoices.guidelines.models import Acknowledgement, PolicyVersion, current_policy

from .models import ApiToken


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after


class TokenAuth(HttpBearer):
    """A personal API token, with a fixed-window rate limit per token."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = ApiToken.authenticate(token)
        if found is None:
            return None
        retry_after = found.consume(settings.API_RATE_PER_MINUTE)
        if retry_after is not None:
            raise RateLimited(retry_after=retry_after)
        request.user = found.user
        request.api_token = found  # type: ignore[attr-defined]
        return found


api = NinjaAPI(
    title="ManyVoices API",
    version="1",
    description=__doc__ or "",
    auth=TokenAuth(),
    urls_namespace="api",
    docs_url="/docs",
)


@api.exception_handler(AuthenticationError)
def _unauthorised(request: HttpRequest, exc: Exception) -> HttpResponse:
    response = api.create_response(
        request,
        {
            "detail": "a valid API token is required: send 'Authorization: Bearer TOKEN' "
            "(create one on the API tokens page)"
        },
        status=401,
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(RateLimited)
def _rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
    response = api.create_response(
        request,
        {
            "detail": f"rate limit of {settings.API_RATE_PER_MINUTE} requests per minute per "
            f"token reached; retry in {exc.retry_after} s"
        },
        status=429,
    )
    response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    parts = []
    for error in exc.errors:
        loc = [
            str(p) for p in error.get("loc", ()) if p not in ("body", "payload", "query", "path")
        ]
        parts.append(f"{'.'.join(loc) or 'body'}: {error.get('msg', 'invalid')}")
    return api.create_response(
        request,
        {"detail": "; ".join(parts) or "invalid request", "errors": exc.errors},
        status=422,
    )


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


class Error(Schema):
    detail: str


class AuthorIn(Schema):
    name: str = ""
    title: str = ""
    spokesperson: bool = False
    regulated: bool = False


class MediaIn(Schema):
    alt: str = ""


class DraftIn(Schema):
    """A draft as in the review contract; only `text` is required."""

    text: str = Field(max_length=20_000)
    network: str = "linkedin"
    date: str | None = Field(None, description="YYYY-MM-DD; default today in the policy's zone")
    author: AuthorIn | None = Field(None, description="default: the caller's own profile")
    media: list[MediaIn] = Field(default_factory=list)
    id: str | None = None
    incentivized: bool = False
    limits: dict[str, int] = Field(default_factory=dict)


class FixOut(Schema):
    start: int
    end: int
    replacement: str


class FindingOut(Schema):
    rule: str
    severity: str
    start: int
    end: int
    excerpt: str
    message: str
    guideline: str
    fix: FixOut | None = None
    downgraded_from: str | None = None


class ReviewOut(Schema):
    id: str | None = None
    verdict: str
    findings: list[FindingOut]
    policy: dict[str, str]
    language: str
    second_opinion: str
    protected: bool


def _policy_or_503() -> tuple[Any, Any]:
    version, policy = current_policy()
    if policy is None:
        raise HttpError(503, "no guidelines are published yet; compliance must publish a policy")
    return version, policy


@api.post(
    "/v1/review",
    response={200: ReviewOut, 422: Error, 503: Error},
    tags=["review"],
    summary="Review one draft",
)
def review_draft(request: HttpRequest, payload: DraftIn) -> Any:
    """The contract's draft in, its review out. The review is for the caller only: a review
    that finds protected activity is not counted anywhere."""
    version, policy = _policy_or_503()
    data = payload.dict()
    if data["network"] not in NETWORKS:
        return Status(
            422,
            {"detail": f"'network' must be one of {', '.join(NETWORKS)}; got {data['network']!r}"},
        )
    if payload.author is None:
        user = request.user
        data["author"] = {
            "name": user.name,
            "title": user.title,
            "spokesperson": user.spokesperson,
            "regulated": user.regulated,
        }
    try:
        result = review(data, policy)
    except DraftError as exc:
        return Status(422, {"detail": str(exc)})
    if not result.protected:
        ReviewStat.add(
            department=request.user.department,
            networks=[data["network"]],
            verdict=result.verdict,
            rules=[[f.rule, f.severity] for f in result.findings],
            policy_version=version,
            source=ReviewStat.Source.API,
        )
    return Status(200, result.to_dict())


class RuleOut(Schema):
    id: str
    title: str
    severity: str
    external_only: bool
    guideline: str
    why: str
    source: str


class PolicyOut(Schema):
    name: str
    version: str
    sha256: str
    published_at: dt.datetime
    rules: list[RuleOut]


@api.get(
    "/v1/policy",
    response={200: PolicyOut, 503: Error},
    tags=["guidelines"],
    summary="The published policy in force",
)
def get_policy(request: HttpRequest) -> Any:
    version, policy = _policy_or_503()
    rules = [
        {
            "id": s.id,
            "title": s.title,
            "severity": policy.severity_of(s.id),
            "external_only": s.external_only,
            "guideline": policy.guideline_of(s.id),
            "why": s.why,
            "source": s.source,
        }
        for s in CATALOGUE
    ]
    for c in policy.model.rules.custom:
        rules.append(
            {
                "id": c.id,
                "title": c.id,
                "severity": c.severity,
                "external_only": c.external_only,
                "guideline": c.guideline or c.message,
                "why": c.message,
                "source": "company policy",
            }
        )
    return {
        "name": policy.name,
        "version": policy.version,
        "sha256": policy.sha256,
        "published_at": version.published_at,
        "rules": rules,
    }


class DraftCreate(Schema):
    text: str = Field(max_length=20_000)
    networks: list[str] = Field(default_factory=lambda: ["linkedin"], min_length=1)
    status: Literal["draft", "ready"] = "draft"


class DraftOut(Schema):
    id: int
    text: str
    networks: list[str]
    status: str
    verdict: str
    protected: bool
    review: dict[str, Any] | None
    created_at: dt.datetime
    updated_at: dt.datetime


class BlockedOut(Schema):
    detail: str
    draft: DraftOut
    review: dict[str, Any]


def _draft_out(draft: DraftModel) -> dict[str, Any]:
    return {
        "id": draft.pk,
        "text": draft.text,
        "networks": draft.networks,
        "status": draft.status,
        "verdict": draft.verdict,
        "protected": draft.protected,
        "review": draft.last_review,
        "created_at": draft.created_at,
        "updated_at": draft.updated_at,
    }


def _check_networks(networks: list[str]) -> list[str]:
    unknown = [n for n in networks if n.strip().lower() not in NETWORKS]
    if unknown:
        raise HttpError(
            422, f"unknown network(s) {', '.join(map(repr, unknown))}; one of {', '.join(NETWORKS)}"
        )
    return clean_networks(networks)


def _store(request: HttpRequest, draft: DraftModel, status: str) -> Any:
    version, policy = _policy_or_503()
    if status == "ready":
        try:
            draft.mark_ready(policy, policy_version=version)
        except DraftBlocked as exc:
            review_out: MultiReview | None = exc.review
            if review_out is not None:
                ReviewStat.record(
                    review_out,
                    author=request.user,
                    policy_version=version,
                    source=ReviewStat.Source.API,
                )
            return Status(
                422,
                {
                    "detail": str(exc),
                    "draft": _draft_out(draft),
                    "review": draft.last_review or {},
                },
            )
    else:
        draft.status = DraftModel.Status.DRAFT
        draft.save_reviewed(policy, policy_version=version)
    return None


@api.get("/v1/drafts", response=list[DraftOut], tags=["drafts"], summary="Your own drafts")
def list_drafts(request: HttpRequest) -> Any:
    return [_draft_out(d) for d in DraftModel.objects.of(request.user)[:500]]


@api.post(
    "/v1/drafts",
    response={201: DraftOut, 422: BlockedOut | Error, 503: Error},
    tags=["drafts"],
    summary="Create a draft (reviewed; a blocked draft cannot be ready)",
)
def create_draft(request: HttpRequest, payload: DraftCreate) -> Any:
    networks = _check_networks(payload.networks)
    draft = DraftModel(author=request.user, text=payload.text, networks=networks)
    answer = _store(request, draft, payload.status)
    if answer is not None:
        return answer
    return Status(201, _draft_out(draft))


def _own(request: HttpRequest, draft_id: int) -> DraftModel:
    draft = DraftModel.objects.of(request.user).filter(pk=draft_id).first()
    if draft is None:
        raise HttpError(404, f"you have no draft {draft_id}")
    return draft


@api.get("/v1/drafts/{draft_id}", response={200: DraftOut, 404: Error}, tags=["drafts"])
def get_draft(request: HttpRequest, draft_id: int) -> Any:
    return Status(200, _draft_out(_own(request, draft_id)))


@api.put(
    "/v1/drafts/{draft_id}",
    response={200: DraftOut, 404: Error, 422: BlockedOut | Error, 503: Error},
    tags=["drafts"],
)
def update_draft(request: HttpRequest, draft_id: int, payload: DraftCreate) -> Any:
    draft = _own(request, draft_id)
    draft.text = payload.text
    draft.networks = _check_networks(payload.networks)
    draft.status = DraftModel.Status.DRAFT
    answer = _store(request, draft, payload.status)
    if answer is not None:
        return answer
    return Status(200, _draft_out(draft))


@api.delete("/v1/drafts/{draft_id}", response={204: None, 404: Error}, tags=["drafts"])
def delete_draft(request: HttpRequest, draft_id: int) -> Any:
    _own(request, draft_id).delete()
    return Status(204, None)


class DismissIn(Schema):
    rule: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    reason: str = Field(min_length=1, max_length=500)


@api.post(
    "/v1/drafts/{draft_id}/dismissals",
    response={200: DraftOut, 404: Error, 409: Error, 503: Error},
    tags=["drafts"],
    summary="Dismiss a warn or coach finding of your draft, with a reason",
)
def dismiss(request: HttpRequest, draft_id: int, payload: DismissIn) -> Any:
    """The finding is named as in the draft's review (rule, start, end). A block cannot be
    dismissed (409). Compliance sees how often each rule is dismissed, never the reason."""
    draft = _own(request, draft_id)
    _version, policy = _policy_or_503()
    try:
        dismiss_finding(
            user=request.user,
            policy=policy,
            text=draft.text,
            networks=draft.networks,
            dismissed=set(draft.dismissed),
            key=f"{payload.rule}:{payload.start}:{payload.end}",
            reason=payload.reason,
            draft=draft,
        )
    except DismissError as exc:
        return Status(409, {"detail": str(exc)})
    return Status(200, _draft_out(draft))


class AcknowledgementOut(Schema):
    policy_name: str
    policy_version: str
    sha256: str
    acknowledged_at: dt.datetime


@api.post(
    "/v1/policy/acknowledge",
    response={200: AcknowledgementOut, 503: Error},
    tags=["guidelines"],
    summary="Acknowledge the published guidelines",
)
def acknowledge(request: HttpRequest) -> Any:
    version, _policy = _policy_or_503()
    ack, _created = Acknowledgement.objects.get_or_create(user=request.user, policy_version=version)
    return Status(200, _ack_out(ack))


def _ack_out(ack: Acknowledgement) -> dict[str, Any]:
    return {
        "policy_name": ack.policy_version.name,
        "policy_version": ack.policy_version.version,
        "sha256": ack.policy_version.sha256,
        "acknowledged_at": ack.acknowledged_at,
    }


class MeOut(Schema):
    email: str
    name: str
    title: str
    department: str
    location: str
    role: str
    manager: str | None
    handles: dict[str, str]
    acknowledged_current_policy: bool | None


@api.get("/v1/me", response=MeOut, tags=["people"], summary="Who the token belongs to")
def me(request: HttpRequest) -> Any:
    user = request.user
    current = PolicyVersion.objects.current()
    acked = (
        None
        if current is None
        else Acknowledgement.objects.filter(user=user, policy_version=current).exists()
    )
    return {
        "email": user.email,
        "name": user.name,
        "title": user.title,
        "department": user.department,
        "location": user.location,
        "role": user.role,
        "manager": user.manager.email if user.manager else None,
        "handles": user.handles or {},
        "acknowledged_current_policy": acked,
    }


class CountOut(Schema):
    key: str
    count: int


class InsightsOut(Schema):
    days: int
    total: int
    verdicts: list[CountOut]
    rules: list[CountOut]
    dismissals: list[CountOut]
    departments: list[CountOut]


@api.get(
    "/v1/insights",
    response={200: InsightsOut, 403: Error},
    tags=["guidelines"],
    summary="Review statistics (compliance and admin; never drafts or protected reviews)",
)
def insights(request: HttpRequest, days: int = 30) -> Any:
    if not request.user.can_see_statistics:
        return Status(403, {"detail": "review statistics are for compliance and administrators"})
    if not 1 <= days <= 366:
        raise HttpError(422, "days must be between 1 and 366")
    stats = review_statistics(days)
    return Status(
        200,
        {
            "days": days,
            "total": stats["total"],
            "verdicts": [{"key": v, "count": n} for v, n in stats["verdicts"]],
            "rules": [{"key": r, "count": n} for r, _t, n in stats["rules"]],
            "dismissals": [{"key": d["rule"], "count": d["count"]} for d in stats["dismissals"]],
            "departments": [{"key": d, "count": n} for d, n in stats["departments"]],
        },
    )


class MeUpdate(Schema):
    name: str | None = Field(None, max_length=200)
    title: str | None = Field(None, max_length=200)
    location: str | None = Field(None, max_length=100)
    handles: dict[str, str] | None = None


@api.patch(
    "/v1/me",
    response={200: MeOut, 422: Error},
    tags=["people"],
    summary="Update your own profile (role, department and manager are set by admins)",
)
def update_me(request: HttpRequest, payload: MeUpdate) -> Any:
    user = request.user
    if payload.handles is not None:
        unknown = [n for n in payload.handles if n not in NETWORKS]
        if unknown:
            raise HttpError(422, f"unknown network(s) in handles: {', '.join(unknown)}")
        user.handles = {k: v.strip() for k, v in payload.handles.items() if v.strip()}
    for field in ("name", "title", "location"):
        value = getattr(payload, field)
        if value is not None:
            setattr(user, field, value.strip())
    user.save()
    return Status(200, me(request))


# The advocacy hub's endpoints (shareables, shares, analytics) live with their app.
from manyvoices.advocacy.api import router as advocacy_router  # noqa: E402

api.add_router("", advocacy_router)

# Publishing to networks (connections, posts) lives with its app.
from manyvoices.networks.api import router as networks_router  # noqa: E402

api.add_router("", networks_router)
