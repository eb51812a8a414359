"""The advocacy hub in the REST API (mounted on the one API at /api/v1/)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from . import analytics
from .models import SHARE_NETWORKS, AdvocateProfile, Share, Shareable, can_manage_advocacy
from .services import ShareRefused, make_share
from .sharing import share_link

router = Router(tags=["advocacy"])


class SuggestionOut(Schema):
    network: str
    text: str


class ShareableOut(Schema):
    id: int
    kind: str
    title: str
    description: str
    url: str
    image_url: str
    body: str
    topics: list[str]
    campaign: str | None
    highlighted: bool
    starts_at: dt.datetime
    expires_at: dt.datetime | None
    suggestions: list[SuggestionOut]


def _shareable(s: Shareable) -> dict[str, Any]:
    return {
        "id": s.pk,
        "kind": s.kind,
        "title": s.display_title,
        "description": s.description,
        "url": s.url,
        "image_url": s.image_url,
        "body": s.body,
        "topics": [t.name for t in s.topics.all()],
        "campaign": s.campaign.name if s.campaign else None,
        "highlighted": s.highlighted,
        "starts_at": s.starts_at,
        "expires_at": s.expires_at,
        "suggestions": [{"network": x.network, "text": x.text} for x in s.suggestions.all()],
    }


@router.get(
    "/v1/shareables",
    response=list[ShareableOut],
    summary="The live shareables meant for you, highlighted and newest first",
)
def list_shareables(
    request: HttpRequest, topic: str = "", campaign: str = "", limit: int = 50, offset: int = 0
) -> Any:
    qs = Shareable.objects.meant_for(request.user)
    if topic:
        qs = qs.filter(topics__slug=topic)
    if campaign:
        qs = qs.filter(campaign__slug=campaign)
    limit = max(1, min(limit, 200))
    offset = max(0, offset)
    qs = (
        qs.hub_order()
        .select_related("campaign")
        .prefetch_related("topics", "suggestions")
        .defer("image_data")
    )
    return [_shareable(s) for s in qs[offset : offset + limit]]


class ShareIn(Schema):
    shareable_id: int
    network: str = Field(description=", ".join(SHARE_NETWORKS))
    text: str = Field(max_length=5000)


class ClicksOut(Schema):
    total: int
    human: int
    unique: int
    bots: int


class ShareOut(Schema):
    id: int
    shareable_id: int
    network: str
    text: str
    verdict: str
    short_url: str
    share_link: str
    created_at: dt.datetime
    clicks: ClicksOut


class Blocked(Schema):
    detail: str
    review: dict[str, Any]


class Error(Schema):
    detail: str


def _share(s: Share) -> dict[str, Any]:
    profile = AdvocateProfile.of(s.user)
    return {
        "id": s.pk,
        "shareable_id": s.shareable_id,
        "network": s.network,
        "text": s.text,
        "verdict": s.verdict,
        "short_url": s.short_url,
        "share_link": share_link(
            s.network,
            s.text,
            s.short_url,
            instance=profile.mastodon_instance,
            subject=s.shareable.display_title,
        ),
        "created_at": s.created_at,
        "clicks": analytics.share_clicks(s),
    }


@router.post(
    "/v1/shares",
    response={201: ShareOut, 404: Error, 422: Blocked | Error},
    summary="Share a shareable: the text is reviewed; a blocked text answers 422 with the review",
)
def create_share(request: HttpRequest, payload: ShareIn) -> Any:
    shareable = Shareable.objects.meant_for(request.user).filter(pk=payload.shareable_id).first()
    if shareable is None:
        raise HttpError(404, f"no shareable {payload.shareable_id} is offered to you")
    try:
        made = make_share(
            user=request.user, shareable=shareable, network=payload.network, text=payload.text
        )
    except ShareRefused as exc:
        if exc.review is not None:
            return Status(422, {"detail": str(exc), "review": exc.review.to_dict()})
        return Status(422, {"detail": str(exc)})
    return Status(201, _share(made))


@router.get(
    "/v1/shares/{share_id}",
    response={200: ShareOut, 404: Error},
    summary="One share with its clicks (its owner, and communications)",
)
def get_share(request: HttpRequest, share_id: int) -> Any:
    found = (
        Share.objects.visible_to(request.user)
        .select_related("shareable", "user")
        .filter(pk=share_id)
        .first()
    )
    if found is None:
        raise HttpError(404, f"no share {share_id} of yours")
    return _share(found)


class EngagementOut(Schema):
    likes: int = Field(description="likes the networks' APIs report (0 where none)")
    reposts: int = Field(description="reposts, boosts or retweets the networks report")
    replies: int = Field(description="replies the networks report")
    views: int = Field(description="views or impressions the networks report")


class AnalyticsRowOut(EngagementOut):
    name: str
    shares: int
    clicks: int
    unique_clicks: int
    active_advocates: int
    estimated_reach: int
    click_through_rate: float
    earned_media_value: float


class AnalyticsTotalsOut(EngagementOut):
    shares: int
    clicks: int
    unique_clicks: int
    bot_clicks: int
    active_advocates: int
    estimated_reach: int
    click_through_rate: float
    earned_media_value: float
    currency: str


class AnalyticsDayOut(Schema):
    day: str
    shares: int
    unique_clicks: int


class AnalyticsSummaryOut(Schema):
    days: int
    since: str
    totals: AnalyticsTotalsOut
    by_campaign: list[AnalyticsRowOut]
    by_network: list[AnalyticsRowOut]
    by_department: list[AnalyticsRowOut]
    by_shareable: list[AnalyticsRowOut]
    by_day: list[AnalyticsDayOut]
    formula: str


@router.get(
    "/v1/analytics/summary",
    response={200: AnalyticsSummaryOut, 403: Error},
    summary="Shares, clicks, reach, earned media value, and likes, reposts, replies and views "
    "where the networks report them (communications and admins)",
)
def analytics_summary(request: HttpRequest, days: int = 30) -> Any:
    if not can_manage_advocacy(request.user):
        raise HttpError(403, "advocacy analytics are for communications and administrators")
    days = max(1, min(days, 366))
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    data = analytics.summary(start - dt.timedelta(days=days - 1))

    def rows(items: list[analytics.Row]) -> list[dict[str, Any]]:
        return [
            {
                "name": r.label,
                "shares": r.shares,
                "clicks": r.clicks,
                "unique_clicks": r.unique,
                "active_advocates": r.advocates,
                "estimated_reach": r.reach,
                "click_through_rate": round(r.ctr, 4),
                "earned_media_value": r.emv,
                **{n: getattr(r, n) for n in analytics.ENGAGEMENT},
            }
            for r in items
        ]

    return {
        "days": days,
        "since": data["since"].isoformat(),
        "totals": data["totals"],
        "by_campaign": rows(data["by_campaign"]),
        "by_network": rows(data["by_network"]),
        "by_department": rows(data["by_department"]),
        "by_shareable": rows(data["by_shareable"]),
        "by_day": [
            {"day": d["day"].isoformat(), "shares": d["shares"], "unique_clicks": d["clicks"]}
            for d in data["by_day"]
        ],
        "formula": data["formula"],
    }
