"""Personal API tokens. The token is shown once when created; only its sha256 is stored."""

from __future__ import annotations

import hashlib
import secrets
import time
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F
from django.utils import timezone

from manyvoices.lib.db import commit_without_waiting

PREFIX = "mv_"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    token_hash = models.CharField(max_length=64, unique=True)
    # The first characters, so a person can tell their tokens apart without the secret.
    hint = models.CharField(max_length=12)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # The rate limit's fixed one-minute window (minutes since the epoch) and the requests
    # counted in it. Kept in the database, so every worker process shares one count.
    rate_window = models.BigIntegerField(default=0)
    rate_count = models.PositiveIntegerField(default=0)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @classmethod
    def issue(cls, user: Any, name: str) -> tuple[ApiToken, str]:
        """Create a token; returns it with the clear secret, which is never stored."""
        secret = PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user, name=name.strip() or "token", token_hash=hash_token(secret), hint=secret[:10]
        )
        return token, secret

    @classmethod
    def authenticate(cls, secret: str) -> ApiToken | None:
        if not secret.startswith(PREFIX) or len(secret) > 200:
            return None
        token = (
            cls.objects.active()
            .select_related("user")
            .filter(token_hash=hash_token(secret))
            .first()
        )
        if token is not None:
            now = timezone.now()
            # Written at most once a minute, so a busy bot does not write on every call.
            if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
                with commit_without_waiting():
                    cls.objects.filter(pk=token.pk).update(last_used_at=now)
                token.last_used_at = now
        return token

    def consume(self, limit: int, *, now: float | None = None) -> int | None:
        """Count one request against the limit per minute. Returns None when it is allowed,
        else the seconds until the next window. Atomic conditional UPDATEs, so concurrent
        requests in several processes cannot slip past the limit."""
        now = time.time() if now is None else now
        window = int(now // 60)
        # A counter, not a record: its commit need not wait for the disk (a crash forgets
        # at most the last moment's counts).
        with commit_without_waiting():
            return self._consume(limit, now, window)

    def _consume(self, limit: int, now: float, window: int) -> int | None:
        tokens = ApiToken.objects.filter(pk=self.pk)
        for _attempt in range(2):
            if tokens.filter(rate_window=window, rate_count__lt=limit).update(
                rate_count=F("rate_count") + 1
            ):
                return None
            # A new window starts at one; if another request started it first, count again.
            if tokens.exclude(rate_window=window).update(rate_window=window, rate_count=1):
                return None
            if tokens.filter(rate_window=window, rate_count__gte=limit).exists():
                break
        return max(1, 60 - int(now) % 60)

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])
