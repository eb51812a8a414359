"""The advocacy hub: what communications curates, what employees share, and what it achieved.

- a Shareable is a link (with its page's Open Graph card), an original post or an image,
  with suggested texts per network, topics, a campaign, an audience (departments,
  locations), a start and an expiry;
- a Share is one employee's text for one network, reviewed by the engine, with its own
  short link (`/l/<code>`);
- a Click is one request to a short link: every request is stored (a salted visitor hash,
  never an address; the user-agent's class; a bot flag). "Unique per visitor per day" is
  counted from them, never a filter on what is stored;
- AdvocacySettings holds what the company sets: points, per-network reach caps, CPM and CPC.
"""

from __future__ import annotations

import datetime as dt
import secrets
import string
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

# The networks a share can go to, with their labels; "email" is reviewed as a blog post
# (an external text with no length limit): the engine has no email network.
SHARE_NETWORKS: dict[str, str] = {
    "linkedin": "LinkedIn",
    "x": "X",
    "bluesky": "Bluesky",
    "mastodon": "Mastodon",
    "facebook": "Facebook",
    "email": "Email",
}
ENGINE_NETWORK = {"email": "blog"}

DEFAULT_REACH_CAP = {
    "linkedin": 5000,
    "x": 5000,
    "bluesky": 3000,
    "mastodon": 3000,
    "facebook": 2000,
    "email": 200,
}
# US dollars; illustrative defaults the company replaces with its own media prices.
DEFAULT_CPM = {
    "linkedin": 6.0,
    "x": 3.0,
    "bluesky": 2.0,
    "mastodon": 2.0,
    "facebook": 7.0,
    "email": 0.0,
}
DEFAULT_CPC = {
    "linkedin": 5.0,
    "x": 0.4,
    "bluesky": 0.3,
    "mastodon": 0.3,
    "facebook": 1.0,
    "email": 0.5,
}

CODE_ALPHABET = string.ascii_letters + string.digits
CODE_LENGTH = 8


def engine_network(network: str) -> str:
    return ENGINE_NETWORK.get(network, network)


def _audience_key(values: list[str]) -> str:
    """'|Engineering|Sales|': a plain text column that one LIKE can match on any database."""
    clean = sorted({v.replace("|", "").strip() for v in values if v.replace("|", "").strip()})
    return "|" + "|".join(clean) + "|" if clean else ""


class Topic(models.Model):
    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    @classmethod
    def named(cls, names: list[str]) -> list[Topic]:
        topics = []
        for name in names:
            name = name.strip()[:60]
            slug = slugify(name)[:60]
            if not slug:
                continue
            topic, _ = cls.objects.get_or_create(slug=slug, defaults={"name": name})
            topics.append(topic)
        return topics


class Campaign(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    starts_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField(null=True, blank=True)
    # Set once the start was announced to the chat webhook: the announcement is sent once.
    announced_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("-starts_at",)

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            base = slugify(self.name)[:100] or "campaign"
            slug, n = base, 2
            while Campaign.objects.filter(slug=slug).exclude(pk=self.pk).exists():
                slug, n = f"{base}-{n}", n + 1
            self.slug = slug
        super().save(*args, **kwargs)

    @property
    def is_running(self) -> bool:
        now = timezone.now()
        return self.starts_at <= now and (self.ends_at is None or self.ends_at > now)


class ShareableQuerySet(models.QuerySet["Shareable"]):
    def live(self, now: dt.datetime | None = None) -> ShareableQuerySet:
        now = now or timezone.now()
        return self.filter(starts_at__lte=now).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )

    def meant_for(self, user: Any) -> ShareableQuerySet:
        """Live shareables whose audience includes `user`: the only way the hub and the API
        list them. An empty audience list means everyone; both lists must match."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        qs = self.live()
        department = (user.department or "").replace("|", "").strip()
        location = (user.location or "").replace("|", "").strip()
        dept_q = Q(audience_departments="")
        if department:
            dept_q |= Q(audience_departments__contains=f"|{department}|")
        loc_q = Q(audience_locations="")
        if location:
            loc_q |= Q(audience_locations__contains=f"|{location}|")
        return qs.filter(dept_q, loc_q)

    def hub_order(self) -> ShareableQuerySet:
        return self.order_by("-highlighted", "-starts_at", "-pk")


class Shareable(models.Model):
    class Kind(models.TextChoices):
        LINK = "link", "Link"
        POST = "post", "Original post"
        IMAGE = "image", "Image"

    class Preview(models.TextChoices):
        NONE = "none", "Not fetched"
        OK = "ok", "Fetched"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.LINK)
    title = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    url = models.URLField(max_length=2000, blank=True)
    image_url = models.URLField(max_length=2000, blank=True)  # from the page's card
    body = models.TextField(blank=True)  # an original post's text
    image_data = models.BinaryField(null=True, blank=True, editable=True)
    image_type = models.CharField(max_length=40, blank=True)
    image_alt = models.CharField(max_length=500, blank=True)
    preview_status = models.CharField(max_length=10, choices=Preview.choices, default=Preview.NONE)
    preview_error = models.CharField(max_length=500, blank=True)
    preview_fetched_at = models.DateTimeField(null=True, blank=True)

    topics = models.ManyToManyField(Topic, blank=True, related_name="shareables")
    campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.SET_NULL, related_name="shareables"
    )
    departments = models.JSONField(default=list, blank=True)
    locations = models.JSONField(default=list, blank=True)
    audience_departments = models.CharField(max_length=2000, blank=True, editable=False)
    audience_locations = models.CharField(max_length=2000, blank=True, editable=False)
    starts_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)
    highlighted = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ShareableQuerySet.as_manager()

    class Meta:
        ordering = ("-highlighted", "-starts_at", "-pk")
        indexes = (
            models.Index(fields=["-highlighted", "-starts_at", "-id"], name="shareable_hub_order"),
            models.Index(fields=["expires_at"], name="shareable_expiry"),
        )

    def __str__(self) -> str:
        return self.display_title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.audience_departments = _audience_key(self.departments or [])
        self.audience_locations = _audience_key(self.locations or [])
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and (
            "departments" in update_fields or "locations" in update_fields
        ):
            kwargs["update_fields"] = {
                *update_fields,
                "audience_departments",
                "audience_locations",
            }
        super().save(*args, **kwargs)

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        text = (self.body or self.url or self.image_alt or f"shareable {self.pk}").strip()
        return text if len(text) <= 80 else text[:77] + "…"

    @property
    def is_live(self) -> bool:
        now = timezone.now()
        return self.starts_at <= now and (self.expires_at is None or self.expires_at > now)

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    def is_meant_for(self, user: Any) -> bool:
        return Shareable.objects.meant_for(user).filter(pk=self.pk).exists()

    @property
    def audience_label(self) -> str:
        parts = []
        if self.departments:
            parts.append(", ".join(self.departments))
        if self.locations:
            parts.append("in " + ", ".join(self.locations))
        return "; ".join(parts) or "everyone"

    def target_url(self) -> str:
        """Where a share's short link leads: the link, else the shareable's public page."""
        if self.url:
            return self.url
        from django.urls import reverse

        return settings.SITE_URL + reverse("advocacy:public", args=[self.pk])

    def suggestion_for(self, network: str) -> str:
        for s in self.suggestions.all():
            if s.network == network:
                return s.text
        return ""


class SuggestedText(models.Model):
    """A text communications suggests for one network, reviewed by the engine when saved."""

    shareable = models.ForeignKey(Shareable, on_delete=models.CASCADE, related_name="suggestions")
    network = models.CharField(max_length=20, choices=list(SHARE_NETWORKS.items()))
    text = models.TextField()
    verdict = models.CharField(max_length=10, blank=True)
    review = models.JSONField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("position", "pk")

    def __str__(self) -> str:
        return f"{self.network}: {self.text[:40]}"


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class ShareQuerySet(models.QuerySet["Share"]):
    def visible_to(self, user: Any) -> ShareQuerySet:
        """Owners see their own shares; communications (and admins) see all."""
        if user is None or not user.is_authenticated:
            return self.none()
        if can_manage_advocacy(user):
            return self
        return self.filter(user=user)


class Share(models.Model):
    shareable = models.ForeignKey(Shareable, on_delete=models.CASCADE, related_name="shares")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="advocacy_shares"
    )
    network = models.CharField(max_length=20, choices=list(SHARE_NETWORKS.items()))
    text = models.TextField()
    code = models.CharField(max_length=16, unique=True)
    verdict = models.CharField(max_length=10)
    review = models.JSONField(null=True, blank=True)
    incentivized = models.BooleanField(default=True)
    # The audience size the employee reported for the network, capped, when they shared.
    reach = models.PositiveIntegerField(default=0)
    department = models.CharField(max_length=100, blank=True)  # the sharer's, at the time
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = ShareQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at", "-pk")
        indexes = (models.Index(fields=["user", "created_at"], name="share_user_time"),)

    def __str__(self) -> str:
        return f"share {self.code}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.verdict == "block":
            raise ValueError("a blocked text cannot be shared")
        if self.code:
            super().save(*args, **kwargs)
            return
        for _attempt in range(5):
            self.code = _new_code()
            try:
                with transaction.atomic():
                    super().save(*args, **kwargs)
                return
            except IntegrityError:
                if Share.objects.filter(code=self.code).exists():
                    self.code = ""
                    continue
                raise
        raise IntegrityError("could not find a free short code")

    @property
    def short_path(self) -> str:
        return f"/l/{self.code}"

    @property
    def short_url(self) -> str:
        return settings.SITE_URL + self.short_path

    def campaign_slug(self) -> str:
        campaign = self.shareable.campaign
        return campaign.slug if campaign else f"shareable-{self.shareable_id}"

    def destination(self) -> str:
        return with_utm(
            self.shareable.target_url(), source=self.network, campaign=self.campaign_slug()
        )

    @property
    def post_text(self) -> str:
        """The text as posted: the employee's words and the short link."""
        return f"{self.text.rstrip()}\n\n{self.short_url}"


def with_utm(url: str, *, source: str, campaign: str) -> str:
    """`url` with utm_source, utm_medium=employee_advocacy and utm_campaign (any utm_* the
    link already had are replaced; its other parameters and fragment are kept)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    query = [(k, v) for k, v in query if k not in ("utm_source", "utm_medium", "utm_campaign")]
    query += [
        ("utm_source", source),
        ("utm_medium", "employee_advocacy"),
        ("utm_campaign", campaign),
    ]
    return urlunsplit(parts._replace(query=urlencode(query)))


class Click(models.Model):
    """One request to a short link. Every request is stored; bots are flagged, not dropped."""

    share = models.ForeignKey(Share, on_delete=models.CASCADE, related_name="clicks")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    # sha256 of (the day's random salt, address, user-agent), cut to 32 hex digits: the
    # same visitor gives the same hash within a day and an unrelated one the next day.
    visitor = models.CharField(max_length=32)
    ua_class = models.CharField(max_length=10)
    is_bot = models.BooleanField(default=False)

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"click on {self.share_id}"


class VisitorSalt(models.Model):
    """One random salt per day for visitor hashes; old ones may be deleted, after which
    that day's hashes can no longer be linked to anyone."""

    day = models.DateField(unique=True)
    salt = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"salt {self.day}"


def _default_cap() -> dict[str, int]:
    return dict(DEFAULT_REACH_CAP)


def _default_cpm() -> dict[str, float]:
    return dict(DEFAULT_CPM)


def _default_cpc() -> dict[str, float]:
    return dict(DEFAULT_CPC)


class AdvocacySettings(models.Model):
    """What the company sets: one row."""

    points_per_share = models.PositiveIntegerField(default=10)
    points_per_click = models.PositiveIntegerField(default=1)
    reach_cap = models.JSONField(default=_default_cap)
    cpm = models.JSONField(default=_default_cpm)  # per network, per 1,000 reached
    cpc = models.JSONField(default=_default_cpc)  # per network, per unique human click
    currency = models.CharField(max_length=3, default="USD")

    def __str__(self) -> str:
        return "advocacy settings"

    @classmethod
    def current(cls) -> AdvocacySettings:
        found = cls.objects.order_by("pk").first()
        return found if found is not None else cls.objects.create()

    @property
    def incentivized(self) -> bool:
        """Sharing earns points: every share is then an incentivised endorsement."""
        return self.points_per_share > 0 or self.points_per_click > 0

    def cap_for(self, network: str) -> int:
        return int(self.reach_cap.get(network, DEFAULT_REACH_CAP.get(network, 0)) or 0)

    def cpm_for(self, network: str) -> float:
        return float(self.cpm.get(network, 0) or 0)

    def cpc_for(self, network: str) -> float:
        return float(self.cpc.get(network, 0) or 0)


class AdvocateProfile(models.Model):
    """An employee's own advocacy choices."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="advocate"
    )
    on_leaderboard = models.BooleanField(default=True)
    weekly_digest = models.BooleanField(default=True)
    reach = models.JSONField(default=dict, blank=True)  # {"linkedin": 850, ...} self-reported
    mastodon_instance = models.CharField(max_length=200, blank=True)
    last_digest_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"advocate {self.user_id}"

    @classmethod
    def of(cls, user: Any) -> AdvocateProfile:
        profile, _ = cls.objects.get_or_create(user=user)
        return profile

    def reach_for(self, network: str) -> int:
        try:
            return max(0, int(self.reach.get(network, 0) or 0))
        except (TypeError, ValueError):
            return 0


class Feed(models.Model):
    """An RSS or Atom feed polled in the background; new items wait in a queue."""

    url = models.URLField(max_length=2000, unique=True)
    title = models.CharField(max_length=300, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("title", "url")

    def __str__(self) -> str:
        return self.title or self.url


class FeedItem(models.Model):
    class Status(models.TextChoices):
        NEW = "new", "Waiting"
        APPROVED = "approved", "Approved"
        DISCARDED = "discarded", "Discarded"

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="items")
    guid = models.CharField(max_length=500)
    url = models.URLField(max_length=2000, blank=True)
    title = models.CharField(max_length=300, blank=True)
    summary = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    shareable = models.ForeignKey(
        Shareable, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-published_at", "-pk")
        constraints = (models.UniqueConstraint(fields=["feed", "guid"], name="one_item_per_guid"),)

    def __str__(self) -> str:
        return self.title or self.url


class DigestSent(models.Model):
    """The weekly digest went to this person for this week (so a retry never sends twice)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week = models.DateField()  # the Monday
    sent_at = models.DateTimeField(default=timezone.now)
    items = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = (models.UniqueConstraint(fields=["user", "week"], name="one_digest_a_week"),)


def can_manage_advocacy(user: Any) -> bool:
    """Communications curates the hub and sees its analytics; administrators too."""
    return bool(
        user is not None
        and user.is_authenticated
        and getattr(user, "role", "") in ("comms", "admin")
    )
