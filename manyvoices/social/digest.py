"""The email digest of notifications: one email per person listing what happened since the
last digest (mentions, comments, replies), only about things they may still see."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from .models import Notification


def send_digests(*, limit_people: int | None = None) -> int:
    """Send each person with unsent notifications one email; returns how many were sent.
    A notification is marked sent in the same transaction as its person's email goes out,
    so a rerun after a crash sends nothing twice that was recorded as sent."""
    pending = (
        Notification.objects.filter(emailed_at__isnull=True, recipient__is_active=True)
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    recipients = list(pending[:limit_people] if limit_people else pending)
    sent = 0
    for recipient_id in recipients:
        with transaction.atomic():
            rows = list(
                Notification.objects.select_for_update()
                .filter(recipient_id=recipient_id, emailed_at__isnull=True)
                .select_related("recipient", "actor", "post")
            )
            if not rows:
                continue
            user = rows[0].recipient
            visible = set(
                Notification.objects.for_user(user)
                .filter(pk__in=[n.pk for n in rows])
                .values_list("pk", flat=True)
            )
            lines = _lines([n for n in rows if n.pk in visible])
            Notification.objects.filter(pk__in=[n.pk for n in rows]).update(
                emailed_at=timezone.now()
            )
            if lines:
                send_mail(
                    f"ManyVoices: {len(lines)} new notification{'s' if len(lines) != 1 else ''}",
                    "Since your last digest:\n\n" + "\n".join(lines) + "\n",
                    None,
                    [user.email],
                )
                sent += 1
    return sent


def _lines(rows: list[Any]) -> list[str]:
    by_kind: dict[str, list[str]] = defaultdict(list)
    for n in rows:
        link = settings.SITE_URL + n.target_url()
        by_kind[n.kind].append(f"- {n.actor} {n.get_kind_display()}: {n.post.title}\n  {link}")
    return [line for kind in ("mention", "reply", "comment") for line in by_kind[kind]]
