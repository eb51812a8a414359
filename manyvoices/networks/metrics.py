"""Likes, reposts, replies and views of published deliveries, where a network's API gives
them, fetched on a schedule (the `fetch_metrics` task). The advocacy hub reads them with
`totals_for_shares` (its hook: Post.advocacy_share_id)."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.db.models import Q, Sum
from django.utils import timezone

from .connectors import ConnectorError, Revoked, get
from .models import Delivery

log = logging.getLogger(__name__)


def due(now: dt.datetime | None = None, limit: int = 200) -> list[Delivery]:
    """Published deliveries in their first 30 days whose counts are older than the interval."""
    now = now or timezone.now()
    stale = now - dt.timedelta(seconds=settings.METRICS_INTERVAL_SECONDS)
    return list(
        Delivery.objects.filter(
            state=Delivery.State.PUBLISHED,
            connection__isnull=False,
            connection__status="active",
            published_at__gte=now - dt.timedelta(days=30),
        )
        .filter(Q(metrics_at__isnull=True) | Q(metrics_at__lt=stale))
        .exclude(remote_id="")
        .select_related("connection")
        .order_by("metrics_at")[:limit]
    )


def refresh(delivery: Delivery) -> bool:
    connection = delivery.connection
    if connection is None:
        return False
    try:
        counts = get(delivery.network).fetch_metrics(connection, delivery.remote_id)
    except Revoked as exc:
        connection.mark_revoked(exc.message)
        return False
    except ConnectorError as exc:
        log.info("metrics for delivery %s: %s", delivery.pk, exc.message)
        return False
    fields: dict[str, Any] = {"metrics_at": timezone.now()}
    for name in ("likes", "reposts", "replies", "views"):
        value = getattr(counts, name)
        if value is not None:
            fields[name] = int(value)
    Delivery.objects.filter(pk=delivery.pk).update(**fields)
    return True


def refresh_due() -> int:
    return sum(refresh(d) for d in due())


def totals_for_shares(share_ids: list[int]) -> dict[int, dict[str, int]]:
    """For the advocacy analytics: {share_id: {likes, reposts, replies, views}}."""
    rows = (
        Delivery.objects.filter(post__advocacy_share_id__in=share_ids, state="published")
        .values("post__advocacy_share_id")
        .annotate(
            likes=Sum("likes"), reposts=Sum("reposts"), replies=Sum("replies"), views=Sum("views")
        )
    )
    return {
        r["post__advocacy_share_id"]: {
            k: int(r[k] or 0) for k in ("likes", "reposts", "replies", "views")
        }
        for r in rows
    }
