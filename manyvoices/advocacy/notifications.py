"""Notifications: the weekly digest email, and the chat message when a campaign starts.

Both are idempotent, so a task that runs twice never sends twice: a digest is recorded
per person and week (DigestSent, unique) before the mail goes; a campaign is claimed with
a conditional UPDATE of `announced_at`, and released again if the webhook fails.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from .models import AdvocateProfile, Campaign, DigestSent, Shareable

log = logging.getLogger(__name__)
WEBHOOK_TIMEOUT = 5.0


def week_of(now: dt.datetime | None = None) -> dt.date:
    today = timezone.localdate(now or timezone.now())
    return today - dt.timedelta(days=today.weekday())


def digest_items(user: Any, since: dt.datetime) -> list[Shareable]:
    return list(
        Shareable.objects.meant_for(user)
        .filter(starts_at__gte=since)
        .hub_order()
        .defer("image_data")[:20]
    )


def send_digest(user: Any, *, now: dt.datetime | None = None) -> bool:
    """Send this week's digest to `user` if they want it, have something new and have not
    had it yet this week. True when a mail went."""
    now = now or timezone.now()
    profile = AdvocateProfile.of(user)
    if not profile.weekly_digest or not user.is_active or not user.email:
        return False
    since = profile.last_digest_at or (now - dt.timedelta(days=7))
    items = digest_items(user, since)
    if not items:
        return False
    week = week_of(now)
    try:
        with transaction.atomic():
            DigestSent.objects.create(user=user, week=week, items=len(items))
            profile.last_digest_at = now
            profile.save(update_fields=["last_digest_at"])
            _mail_digest(user, items)
    except IntegrityError:
        return False  # already sent this week
    return True


def _mail_digest(user: Any, items: list[Shareable]) -> None:
    from .views import unsubscribe_token

    unsubscribe = settings.SITE_URL + reverse(
        "advocacy:unsubscribe", args=[unsubscribe_token(user)]
    )
    context = {
        "user": user,
        "items": items,
        "site": settings.SITE_URL,
        "hub": settings.SITE_URL + reverse("advocacy:hub"),
        "unsubscribe": unsubscribe,
    }
    message = EmailMultiAlternatives(
        subject=f"New to share this week: {len(items)} item{'s' if len(items) != 1 else ''}",
        body=render_to_string("advocacy/email/digest.txt", context),
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(render_to_string("advocacy/email/digest.html", context), "text/html")
    message.send()


def send_digests(*, now: dt.datetime | None = None) -> int:
    from manyvoices.people.models import User

    sent = 0
    week = week_of(now)
    already = DigestSent.objects.filter(week=week).values("user_id")
    for user in User.objects.filter(is_active=True).exclude(pk__in=already).iterator():
        sent += send_digest(user, now=now)
    return sent


def webhook_payload(url: str, text: str) -> dict[str, Any]:
    host = (urlsplit(url).hostname or "").lower()
    if host.endswith(("office.com", "office365.com", "logic.azure.com", "powerplatform.com")):
        # Microsoft Teams incoming webhook (connector card).
        return {
            "@type": "MessageCard",
            "@context": "https://schema.org/extensions",
            "summary": text[:80],
            "text": text,
        }
    return {"text": text}  # Slack, Mattermost, Rocket.Chat and friends


def post_webhook(url: str, text: str) -> None:
    body = json.dumps(webhook_payload(url, text)).encode()
    request = urllib.request.Request(
        url, data=body, headers={"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT) as response:
        if response.status >= 300:
            raise OSError(f"the webhook answered {response.status}")


def announce(campaign: Campaign) -> bool:
    """Tell the chat webhook a campaign started, once. True when this call announced it."""
    url = settings.ADVOCACY_WEBHOOK_URL
    now = timezone.now()
    if not url or campaign.starts_at > now:
        return False
    claimed = Campaign.objects.filter(pk=campaign.pk, announced_at__isnull=True).update(
        announced_at=now
    )
    if not claimed:
        return False
    hub = settings.SITE_URL + reverse("advocacy:hub") + f"?campaign={campaign.slug}"
    text = f"The campaign “{campaign.name}” has started. {campaign.description}".strip()
    try:
        post_webhook(url, f"{text}\nShare it from the hub: {hub}")
    except (OSError, urllib.error.URLError, ValueError) as exc:
        Campaign.objects.filter(pk=campaign.pk).update(announced_at=None)  # try again later
        log.warning("campaign %s: the webhook failed: %s", campaign.pk, exc)
        return False
    return True


def announce_started() -> int:
    now = timezone.now()
    due = Campaign.objects.filter(announced_at__isnull=True, starts_at__lte=now).exclude(
        ends_at__lte=now
    )
    return sum(announce(c) for c in due)
