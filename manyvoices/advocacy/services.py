"""Writes of the advocacy hub that span several models, shared by the pages and the API."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from manyvoices.composer.reviewing import MultiReview
from manyvoices.engine import Policy
from manyvoices.guidelines.models import current_policy

from .fetching import FetchError, fetch_card
from .models import (
    SHARE_NETWORKS,
    AdvocacySettings,
    AdvocateProfile,
    Campaign,
    FeedItem,
    Share,
    Shareable,
    SuggestedText,
    Topic,
)
from .reviewing import MAX_TEXT, review_share


class ShareRefused(Exception):
    """A share that cannot be made; `review` is set when the engine blocked the text."""

    def __init__(self, message: str, review: MultiReview | None = None) -> None:
        super().__init__(message)
        self.review = review


def refresh_preview(shareable: Shareable) -> str:
    """Fetch the link's card once and keep it; returns "" or the reason it failed (kept on
    the shareable too, so the page can say it). What communications typed is kept."""
    try:
        card = fetch_card(shareable.url)
    except FetchError as exc:
        shareable.preview_status = Shareable.Preview.FAILED
        shareable.preview_error = str(exc)[:500]
    else:
        shareable.preview_status = Shareable.Preview.OK
        shareable.preview_error = ""
        shareable.title = shareable.title or card.title
        shareable.description = shareable.description or card.description
        shareable.image_url = card.image
    shareable.preview_fetched_at = timezone.now()
    shareable.save()
    return shareable.preview_error


@dataclass
class SuggestionReview:
    network: str
    text: str
    review: MultiReview | None


@dataclass
class SaveResult:
    shareable: Shareable | None
    reviews: list[SuggestionReview] = field(default_factory=list)
    blocked: list[SuggestionReview] = field(default_factory=list)
    preview_error: str = ""


def review_suggestions(
    suggestions: list[tuple[str, str]], *, link: str, policy: Policy | None
) -> list[SuggestionReview]:
    incentivized = AdvocacySettings.current().incentivized
    out = []
    for network, text in suggestions:
        result = (
            review_share(text, network, policy, link=link, incentivized=incentivized)
            if policy is not None
            else None
        )
        out.append(SuggestionReview(network, text, result))
    return out


def save_shareable(
    *,
    by: Any,
    shareable: Shareable | None,
    fields: dict[str, Any],
    topics: list[str],
    suggestions: list[tuple[str, str]],
    fetch: bool = True,
) -> SaveResult:
    """Create or update a shareable with its suggested texts, each reviewed by the engine.

    A suggestion the engine blocks refuses the whole save (nothing is written, and the
    form keeps everything typed); other findings are kept with each suggestion for the
    page to show. A new link's card is fetched once; a failed fetch is saved with its
    reason and does not refuse the save."""
    _version, policy = current_policy()
    link = fields.get("url") or ""
    reviews = review_suggestions(suggestions, link=link, policy=policy)
    blocked = [r for r in reviews if r.review is not None and r.review.verdict == "block"]
    if blocked:
        return SaveResult(None, reviews, blocked)
    with transaction.atomic():
        new = shareable is None
        if shareable is None:
            shareable = Shareable(created_by=by)
        old_url = shareable.url
        for name, value in fields.items():
            setattr(shareable, name, value)
        if shareable.kind != Shareable.Kind.LINK and not shareable.url:
            shareable.preview_status = Shareable.Preview.NONE
            shareable.preview_error = ""
        shareable.save()
        shareable.topics.set(Topic.named(topics))
        shareable.suggestions.all().delete()
        SuggestedText.objects.bulk_create(
            SuggestedText(
                shareable=shareable,
                network=r.network,
                text=r.text,
                verdict=r.review.verdict if r.review else "",
                review=r.review.to_dict() if r.review else None,
                position=i,
            )
            for i, r in enumerate(reviews)
        )
    error = ""
    if fetch and shareable.url and (new or shareable.url != old_url):
        error = refresh_preview(shareable)
    return SaveResult(shareable, reviews, [], error)


def make_share(*, user: Any, shareable: Shareable, network: str, text: str) -> Share:
    """Share `text` to `network`: reviewed (incentivised when sharing earns points), refused
    when blocked, when the shareable is not meant for the person or no longer live."""
    if network not in SHARE_NETWORKS:
        raise ShareRefused(f"network must be one of {', '.join(SHARE_NETWORKS)}; got {network!r}")
    if not shareable.is_meant_for(user):
        raise ShareRefused("this content is not (or no longer) offered to you")
    text = text.strip()
    if not text:
        raise ShareRefused("write a text or pick a suggested one before sharing")
    if len(text) > MAX_TEXT:
        raise ShareRefused(f"the text is {len(text)} characters; the limit is {MAX_TEXT}")
    _version, policy = current_policy()
    if policy is None:
        raise ShareRefused("no guidelines are published yet, so nothing can be reviewed")
    config = AdvocacySettings.current()
    result = review_share(
        text,
        network,
        policy,
        user=user,
        link=shareable.url,
        incentivized=config.incentivized,
    )
    if result.verdict == "block":
        raise ShareRefused(
            "this text is blocked by the guidelines (" + ", ".join(result.rules) + "); "
            "fix it before sharing",
            result,
        )
    profile = AdvocateProfile.of(user)
    reach = min(profile.reach_for(network), config.cap_for(network))
    return Share.objects.create(
        shareable=shareable,
        user=user,
        network=network,
        text=result.text,
        verdict=result.verdict,
        review=None if result.protected else result.to_dict(),
        incentivized=config.incentivized,
        reach=reach,
        department=user.department or "",
    )


@transaction.atomic
def approve_feed_item(item: FeedItem, *, by: Any, campaign: Campaign | None = None) -> Shareable:
    """Turn a waiting feed item into a link shareable (once: approving twice is a no-op)."""
    item = FeedItem.objects.select_for_update().get(pk=item.pk)
    if item.status == FeedItem.Status.APPROVED and item.shareable is not None:
        return item.shareable
    shareable = Shareable.objects.create(
        kind=Shareable.Kind.LINK,
        title=item.title[:300],
        description=item.summary[:2000],
        url=item.url,
        campaign=campaign,
        created_by=by,
    )
    item.status = FeedItem.Status.APPROVED
    item.shareable = shareable
    item.decided_by = by
    item.save(update_fields=["status", "shareable", "decided_by"])
    return shareable


def discard_feed_item(item: FeedItem, *, by: Any) -> None:
    FeedItem.objects.filter(pk=item.pk, status=FeedItem.Status.NEW).update(
        status=FeedItem.Status.DISCARDED, decided_by=by
    )
