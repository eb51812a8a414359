"""Drafts, dismissed findings and review statistics.

Privacy, by construction:
- a Draft is private to its author: no view, export or API outside its author's own
  lists it, and it is not registered in the Django admin;
- a review that found protected activity is private to its author: it is kept only on the
  author's own draft, never written to ReviewStat, and its dismissals are stored with
  `protected=True` and left out of every count.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from manyvoices.engine import Policy
from manyvoices.lib.db import commit_without_waiting

from .reviewing import MultiReview, clean_networks, review_for_networks


class DraftBlocked(Exception):
    """A draft with a blocking finding cannot be marked ready."""

    def __init__(self, review: MultiReview | None = None) -> None:
        self.review = review
        rules = ""
        if review is not None:
            rules = (
                " ("
                + ", ".join(
                    sorted(
                        {m.finding.rule for m in review.findings if m.finding.severity == "block"}
                    )
                )
                + ")"
            )
        super().__init__(f"this draft is blocked{rules}; fix it before marking it ready")


class DraftQuerySet(models.QuerySet["Draft"]):
    def of(self, user: Any) -> DraftQuerySet:
        """The only way views and the API list drafts: their own author's."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(author=user)


class Draft(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        READY = "ready", "Ready"

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drafts"
    )
    text = models.TextField(blank=True)
    networks = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    last_review = models.JSONField(null=True, blank=True)
    protected = models.BooleanField(default=False)
    dismissed = models.JSONField(default=list, blank=True)  # ["rule::excerpt", ...]
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DraftQuerySet.as_manager()

    class Meta:
        ordering = (
            "-updated_at",
            "-pk",
        )

    def __str__(self) -> str:
        return f"draft {self.pk}"

    @property
    def verdict(self) -> str:
        return (self.last_review or {}).get("verdict", "")

    @property
    def title(self) -> str:
        first = self.text.strip().splitlines()[0] if self.text.strip() else "(empty draft)"
        return first if len(first) <= 80 else first[:77] + "…"

    def run_review(self, policy: Policy) -> MultiReview:
        result = review_for_networks(
            self.text, self.networks, policy, user=self.author, dismissed=set(self.dismissed)
        )
        self.text = result.text
        self.networks = result.networks
        self.last_review = result.to_dict()
        self.protected = result.protected
        return result

    def save_reviewed(self, policy: Policy, *, policy_version: Any = None) -> MultiReview:
        """Review with the policy in force, save, and count the review in the statistics
        (unless it is protected). A ready draft whose new text blocks goes back to draft."""
        result = self.run_review(policy)
        if self.status == self.Status.READY and result.verdict == "block":
            self.status = self.Status.DRAFT
        with transaction.atomic():
            self.save()
            ReviewStat.record(
                result,
                author=self.author,
                policy_version=policy_version,
                source=ReviewStat.Source.COMPOSER,
            )
        return result

    def mark_ready(self, policy: Policy, *, policy_version: Any = None) -> MultiReview:
        """Mark the draft ready to post. Raises DraftBlocked when the review blocks: enforced
        here, whatever the page or the API allowed."""
        result = self.run_review(policy)
        if result.verdict == "block":
            self.status = self.Status.DRAFT
            self.save()
            raise DraftBlocked(result)
        self.status = self.Status.READY
        with transaction.atomic():
            self.save()
            ReviewStat.record(
                result,
                author=self.author,
                policy_version=policy_version,
                source=ReviewStat.Source.COMPOSER,
            )
        return result

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.networks = clean_networks(self.networks or [])
        if self.status == self.Status.READY and self.verdict == "block":
            # The model's own guard, for any code path that skips mark_ready().
            raise DraftBlocked()
        super().save(*args, **kwargs)


class ReviewStat(models.Model):
    """One review counted for the statistics compliance sees: verdict and rules only, no
    text, no author. Protected reviews are never recorded here."""

    class Source(models.TextChoices):
        COMPOSER = "composer", "Composer"
        API = "api", "API"

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    department = models.CharField(max_length=100, blank=True)
    networks = models.JSONField(default=list)
    verdict = models.CharField(max_length=10)
    rules = models.JSONField(default=list)  # [[rule, severity], ...]
    policy_version = models.ForeignKey(
        "guidelines.PolicyVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.COMPOSER)

    class Meta:
        ordering = ("-created_at",)

    @classmethod
    def add(cls, **fields: Any) -> ReviewStat:
        """Write one statistics row without making the review wait for the disk."""
        with commit_without_waiting():
            return cls.objects.create(**fields)

    @classmethod
    def record(
        cls, result: MultiReview, *, author: Any, policy_version: Any, source: str
    ) -> ReviewStat | None:
        if result.protected:
            return None  # private to its author: not even counted
        return cls.add(
            department=getattr(author, "department", "") or "",
            networks=result.networks,
            verdict=result.verdict,
            rules=[[m.finding.rule, m.finding.severity] for m in result.findings],
            policy_version=policy_version,
            source=source,
        )


class DismissalQuerySet(models.QuerySet["Dismissal"]):
    def countable(self) -> DismissalQuerySet:
        """Dismissals compliance may count: never those of protected reviews."""
        return self.filter(protected=False)

    def counts_by_rule(self) -> list[dict[str, Any]]:
        return list(
            self.countable()
            .values("rule")
            .annotate(count=models.Count("id"))
            .order_by("-count", "rule")
        )


class Dismissal(models.Model):
    """An author dismissed a warn or coach finding, with a reason: the signal that a rule
    misfires. Compliance sees counts per rule; the reasons stay with the author's draft."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dismissals"
    )
    draft = models.ForeignKey(
        Draft, null=True, blank=True, on_delete=models.SET_NULL, related_name="dismissals"
    )
    rule = models.CharField(max_length=100, db_index=True)
    severity = models.CharField(max_length=10)
    reason = models.CharField(max_length=500)
    protected = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    objects = DismissalQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at",)
