"""Connections to networks, posts to publish, and one delivery per post and network.

A delivery is a small state machine kept in the database (fat model; the steps that call
a network are in publishing.py):

    scheduled --claim--> claimed --review passes--> sending --network says yes--> published
        ^                   |                           |
        |                   +--review blocks--> held    +--429 / unreachable--> scheduled (later)
        |                                               +--5xx / timeout / killed--> reconcile
        +-- author edits, reconnects, or asks again         (read back or resend the same intent,
                                                             never blindly: else uncertain)

`sending` is the recorded intent: it is committed before the network is called, with a
lease; a worker that dies leaves it behind and the reaper finds it when the lease runs out.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from . import crypto

NETWORK_CHOICES = [
    ("bluesky", "Bluesky"),
    ("mastodon", "Mastodon"),
    ("linkedin", "LinkedIn"),
    ("x", "X"),
]
NETWORK_LABELS = dict(NETWORK_CHOICES)


class Connection(models.Model):
    """An employee's own account on a network; its tokens encrypted at rest."""

    class Status(models.TextChoices):
        ACTIVE = "active", "connected"
        REVOKED = "revoked", "needs reconnecting"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_connections"
    )
    network = models.CharField(max_length=20, choices=NETWORK_CHOICES)
    server = models.CharField(
        max_length=300, blank=True
    )  # PDS or instance URL; "" for one-host networks
    account_id = models.CharField(
        max_length=300
    )  # did:plc:..., Mastodon account id, urn:li:person:...
    handle = models.CharField(max_length=300, blank=True)
    profile_url = models.URLField(max_length=500, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    status_message = models.CharField(max_length=500, blank=True)
    secret = models.TextField(blank=True, editable=False)  # Fernet token of a JSON object
    expires_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=["owner", "network", "server", "account_id"],
                name="one_connection_per_account",
            ),
        )
        ordering = ("network", "handle")

    def __str__(self) -> str:
        return f"{self.label} {self.handle}"

    @property
    def label(self) -> str:
        return NETWORK_LABELS.get(self.network, self.network)

    @property
    def credentials(self) -> dict[str, Any]:
        return crypto.decrypt(self.secret)

    def set_credentials(self, data: dict[str, Any]) -> None:
        self.secret = crypto.encrypt(data)

    def save_credentials(self, data: dict[str, Any], **fields: Any) -> None:
        self.set_credentials(data)
        for name, value in fields.items():
            setattr(self, name, value)
        self.save(update_fields=["secret", "updated_at", *fields])

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    def mark_revoked(self, message: str) -> None:
        self.status = self.Status.REVOKED
        self.status_message = message[:500]
        self.save(update_fields=["status", "status_message", "updated_at"])

    def connector(self) -> Any:
        from .connectors import get

        return get(self.network)


class AppRegistration(models.Model):
    """ManyVoices registered as an OAuth app on one server (each Mastodon instance)."""

    network = models.CharField(max_length=20, choices=NETWORK_CHOICES)
    server = models.CharField(max_length=300)
    client_id = models.CharField(max_length=300)
    secret = models.TextField(blank=True, editable=False)
    redirect_uri = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=["network", "server", "redirect_uri"], name="one_app_per_server"
            ),
        )

    @property
    def client_secret(self) -> str:
        return str(crypto.decrypt(self.secret).get("client_secret", ""))

    def set_client_secret(self, value: str) -> None:
        self.secret = crypto.encrypt({"client_secret": value})


class Post(models.Model):
    """What an employee publishes, now or at a chosen time, to one or several networks."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_posts"
    )
    text = models.TextField()
    link = models.URLField(max_length=2000, blank=True)
    link_title = models.CharField(max_length=300, blank=True)
    link_description = models.CharField(max_length=1000, blank=True)
    content_warning = models.CharField(max_length=500, blank=True)
    scheduled_for = models.DateTimeField(default=timezone.now, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Hook for manyvoices.advocacy: the Share this post publishes, when it came from the hub.
    advocacy_share_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ("-scheduled_for", "-pk")

    def __str__(self) -> str:
        return f"post {self.pk} by {self.author_id}"

    @property
    def state(self) -> str:
        """One word for the whole post, from its deliveries."""
        states = {d.state for d in self.deliveries.all()}
        if not states:
            return "empty"
        if len(states) == 1:
            return states.pop()
        if states <= {Delivery.State.PUBLISHED, Delivery.State.HANDOFF}:
            return "published"
        if states & Delivery.ATTENTION:
            return "needs attention"
        return "in progress"


class PostImage(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="images")
    data = models.BinaryField()
    mime = models.CharField(max_length=40)
    alt = models.CharField(max_length=1500)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("position", "pk")


class DeliveryQuerySet(models.QuerySet["Delivery"]):
    def of(self, user: Any) -> DeliveryQuerySet:
        return self.filter(post__author=user)

    def stale(self, now: dt.datetime | None = None) -> DeliveryQuerySet:
        """Claimed or sending, and the worker's lease has run out: the worker died."""
        now = now or timezone.now()
        return self.filter(
            state__in=[Delivery.State.CLAIMED, Delivery.State.SENDING], lease_until__lt=now
        )

    def overdue(self, now: dt.datetime, grace: dt.timedelta) -> DeliveryQuerySet:
        """Due some time ago and still waiting: its task was lost (or the queue is behind)."""
        return self.filter(
            state__in=[Delivery.State.SCHEDULED, Delivery.State.RECONCILE], due_at__lt=now - grace
        )


class Delivery(models.Model):
    """One post on one network: the unit that is published exactly once."""

    class State(models.TextChoices):
        SCHEDULED = "scheduled", "scheduled"
        CLAIMED = "claimed", "being reviewed"
        SENDING = "sending", "publishing"
        RECONCILE = "reconcile", "checking whether it was published"
        PUBLISHED = "published", "published"
        HELD = "held", "held by the review"
        RECONNECT = "reconnect", "waiting for you to reconnect"
        UNCERTAIN = "uncertain", "unknown: please check"
        FAILED = "failed", "failed"
        CANCELLED = "cancelled", "cancelled"
        HANDOFF = "handoff", "ready to post with the share link"

    ATTENTION = frozenset({State.HELD, State.RECONNECT, State.UNCERTAIN, State.FAILED})
    FINAL = frozenset({State.PUBLISHED, State.CANCELLED, State.HANDOFF, State.FAILED})

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="deliveries")
    connection = models.ForeignKey(
        Connection, on_delete=models.SET_NULL, null=True, blank=True, related_name="deliveries"
    )
    network = models.CharField(max_length=20, choices=NETWORK_CHOICES)
    text = models.TextField()  # fitted to the network's rules
    state = models.CharField(max_length=12, choices=State.choices, default=State.SCHEDULED)
    due_at = models.DateTimeField(default=timezone.now)
    intent_key = models.CharField(max_length=64, unique=True, default="")
    attempts = models.PositiveIntegerField(default=0)
    claim_token = models.CharField(max_length=64, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)  # first time the network was called
    remote_id = models.CharField(max_length=500, blank=True)
    remote_url = models.URLField(max_length=1000, blank=True)
    message = models.TextField(blank=True)  # for the author: why held, what failed, what to do
    review = models.JSONField(null=True, blank=True)  # the publish-time review, author-only
    published_at = models.DateTimeField(null=True, blank=True)
    likes = models.PositiveIntegerField(null=True, blank=True)
    reposts = models.PositiveIntegerField(null=True, blank=True)
    replies = models.PositiveIntegerField(null=True, blank=True)
    views = models.PositiveBigIntegerField(null=True, blank=True)
    metrics_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        indexes = (
            models.Index(fields=["state", "due_at"], name="delivery_due"),
            models.Index(fields=["state", "lease_until"], name="delivery_lease"),
        )
        ordering = ("pk",)

    def __str__(self) -> str:
        return f"delivery {self.pk} ({self.network}, {self.state})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.intent_key:
            self.intent_key = uuid.uuid4().hex
        super().save(*args, **kwargs)

    @property
    def label(self) -> str:
        return NETWORK_LABELS.get(self.network, self.network)

    @property
    def needs_attention(self) -> bool:
        return self.state in self.ATTENTION

    def move(self, token: str, state: str, **fields: Any) -> bool:
        """Leave the state this worker claimed, if it still holds the claim (a worker whose
        lease was taken over by the reaper changes nothing)."""
        updated = Delivery.objects.filter(pk=self.pk, claim_token=token).update(
            state=state, updated_at=timezone.now(), **fields
        )
        if updated:
            self.state = state
            for name, value in fields.items():
                setattr(self, name, value)
        return bool(updated)

    def reschedule(self, *, due_at: dt.datetime | None = None, message: str = "") -> bool:
        """Author's 'try again' on a delivery that waits for them (held, reconnect, ...)."""
        updated = Delivery.objects.filter(
            pk=self.pk, state__in=[*self.ATTENTION, self.State.SCHEDULED]
        ).update(
            state=self.State.SCHEDULED,
            due_at=due_at or timezone.now(),
            message=message,
            claim_token="",
            updated_at=timezone.now(),
        )
        return bool(updated)

    def cancel(self) -> bool:
        updated = (
            Delivery.objects.filter(pk=self.pk, state__in=[self.State.SCHEDULED, *self.ATTENTION])
            .exclude(state=self.State.UNCERTAIN)
            .update(state=self.State.CANCELLED, updated_at=timezone.now())
        )
        return bool(updated)

    def confirm_published(self, url: str = "") -> bool:
        """The author says an uncertain delivery is on the network after all."""
        updated = Delivery.objects.filter(pk=self.pk, state=self.State.UNCERTAIN).update(
            state=self.State.PUBLISHED,
            remote_url=url,
            published_at=timezone.now(),
            message="You confirmed it is published.",
        )
        return bool(updated)


def claim_filter(now: dt.datetime) -> Q:
    """Deliveries a worker may claim now."""
    return Q(state__in=[Delivery.State.SCHEDULED, Delivery.State.RECONCILE], due_at__lte=now) | Q(
        state__in=[Delivery.State.CLAIMED, Delivery.State.SENDING], lease_until__lt=now
    )
