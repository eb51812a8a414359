"""Policy versions and acknowledgements.

A PolicyVersion holds the YAML exactly as compliance wrote or uploaded it (its sha256 is
the engine's policy hash). It is validated by the engine before it is saved, and reviews
use it only once it is explicitly published. The newest published version is the one in
force; the older ones are the history.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from manyvoices.engine import Policy, PolicyError, parse_policy

_cache_lock = threading.Lock()
_parsed: OrderedDict[str, Policy] = OrderedDict()  # sha256 -> Policy, a few at most


def parse_cached(yaml_text: str, *, source: str = "policy") -> Policy:
    """Parse a policy once per distinct content: the engine's compiled matchers are built per
    policy, and rebuilding them per request would cost more than the review itself."""
    key = hashlib.sha256(yaml_text.encode("utf-8")).hexdigest()
    with _cache_lock:
        policy = _parsed.get(key)
        if policy is not None:
            _parsed.move_to_end(key)
            return policy
    policy = parse_policy(yaml_text, source=source)
    with _cache_lock:
        _parsed[key] = policy
        while len(_parsed) > 8:
            _parsed.popitem(last=False)
    return policy


class PolicyVersionQuerySet(models.QuerySet["PolicyVersion"]):
    def published(self) -> PolicyVersionQuerySet:
        return self.filter(published_at__isnull=False)

    def current(self) -> PolicyVersion | None:
        return self.published().order_by("-published_at", "-pk").first()


class PolicyVersion(models.Model):
    name = models.CharField(max_length=200)
    version = models.CharField(max_length=100)
    yaml = models.TextField()
    sha256 = models.CharField(max_length=64, db_index=True)
    note = models.CharField(max_length=300, blank=True, help_text="What changed, for the history")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = PolicyVersionQuerySet.as_manager()

    class Meta:
        ordering = (
            "-created_at",
            "-pk",
        )

    def __str__(self) -> str:
        return f"{self.name} {self.version}"

    @classmethod
    def create_from_yaml(
        cls, yaml_text: str, *, by: Any, note: str = "", source: str = "policy.yaml"
    ) -> PolicyVersion:
        """Validate with the engine (PolicyError names line and key) and store a draft version."""
        policy = parse_policy(yaml_text, source=source)
        return cls.objects.create(
            name=policy.name,
            version=policy.version,
            yaml=yaml_text,
            sha256=policy.sha256,
            note=note,
            created_by=by,
        )

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def publish(self, *, by: Any) -> None:
        """Put this version in force. Everyone is asked to acknowledge it."""
        if self.published_at is None:
            self.published_at = timezone.now()
            self.published_by = by
            self.save(update_fields=["published_at", "published_by"])
            forget_current()

    def policy(self) -> Policy:
        return parse_cached(self.yaml, source=f"{self.name} {self.version}")


_current_lock = threading.Lock()
_current: tuple[float, PolicyVersion | None] | None = None


def forget_current() -> None:
    """Drop this process's memory of the version in force (on publish)."""
    global _current
    with _current_lock:
        _current = None


def current_version() -> PolicyVersion | None:
    """The published version in force, or None before compliance publishes one.

    The composer asks on every pause in typing and every page's acknowledgement banner
    asks too, so the answer is kept for MANYVOICES_POLICY_CACHE_SECONDS (default 5): a
    version published in another process is in force everywhere within that time; in
    this process at once."""
    global _current
    ttl = settings.POLICY_CACHE_SECONDS
    now = time.monotonic()
    with _current_lock:
        cached = _current
    if cached is not None and ttl > 0 and now - cached[0] < ttl:
        return cached[1]
    version = PolicyVersion.objects.current()
    with _current_lock:
        _current = (now, version)
    return version


def current_policy() -> tuple[PolicyVersion | None, Policy | None]:
    """The published policy in force (`current_version`), or (None, None)."""
    version = current_version()
    if version is None:
        return None, None
    return version, version.policy()


class Acknowledgement(models.Model):
    """A person's acknowledgement that they read one published version."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="acknowledgements"
    )
    policy_version = models.ForeignKey(
        PolicyVersion, on_delete=models.CASCADE, related_name="acknowledgements"
    )
    acknowledged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["user", "policy_version"], name="one_ack_per_version"),
        )

    def __str__(self) -> str:
        return f"{self.user} acknowledged {self.policy_version}"


__all__ = ["Acknowledgement", "PolicyError", "PolicyVersion", "current_policy", "parse_cached"]
