"""Accounts: a custom user who signs in with an email address, and invitations."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models
from django.utils import timezone


class Role(models.TextChoices):
    EMPLOYEE = "employee", "Employee"
    COMMS = "comms", "Communications"
    COMPLIANCE = "compliance", "Compliance"
    ADMIN = "admin", "Administrator"


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        if not email:
            raise ValueError("an email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)  # None gives an unusable password (SSO, invitations)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.setdefault("role", Role.ADMIN)
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, username: str | None) -> User:
        # Email addresses are stored lower-case, so sign-in ignores case.
        return self.get(email__iexact=username or "")


class User(AbstractBaseUser):
    """One person. Roles are a single field: employee, comms, compliance or admin."""

    email = models.EmailField(unique=True)
    name = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=200, blank=True)
    department = models.CharField(max_length=100, blank=True, db_index=True)
    manager = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    location = models.CharField(max_length=100, blank=True)
    # {"linkedin": "in/jane", "x": "@jane", "mastodon": "@jane@example.social"}
    handles = models.JSONField(default=dict, blank=True)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.EMPLOYEE)
    spokesperson = models.BooleanField(default=False)
    regulated = models.BooleanField(default=False, help_text="FINRA-registered")
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        ordering = (
            "name",
            "email",
        )

    def __str__(self) -> str:
        return self.name or self.email

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)

    # Roles. Admins manage people; compliance manages the guidelines; both see
    # review statistics (never drafts, never protected reviews).
    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def is_compliance(self) -> bool:
        return self.role == Role.COMPLIANCE

    @property
    def is_comms(self) -> bool:
        return self.role == Role.COMMS

    @property
    def can_manage_guidelines(self) -> bool:
        return self.role in (Role.COMPLIANCE, Role.ADMIN)

    @property
    def can_see_statistics(self) -> bool:
        return self.role in (Role.COMPLIANCE, Role.ADMIN)

    @property
    def can_manage_people(self) -> bool:
        return self.role == Role.ADMIN

    # Django admin: only administrators, and only for people and guidelines (drafts and
    # reviews are never registered there).
    @property
    def is_staff(self) -> bool:
        return self.is_active and self.role == Role.ADMIN

    @property
    def is_superuser(self) -> bool:
        return False

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return self.is_staff and perm.split(".", 1)[0] in ("people", "guidelines")

    def has_perms(self, perms: Any, obj: Any = None) -> bool:
        return all(self.has_perm(p, obj) for p in perms)

    def has_module_perms(self, app_label: str) -> bool:
        return self.is_staff and app_label in ("people", "guidelines")

    def get_full_name(self) -> str:
        return self.name or self.email

    def get_short_name(self) -> str:
        return (self.name.split() or [self.email])[0]

    def management_chain(self) -> list[User]:
        """The person's managers, nearest first; stops on a loop."""
        chain: list[User] = []
        seen = {self.pk}
        boss = self.manager
        while boss is not None and boss.pk not in seen:
            chain.append(boss)
            seen.add(boss.pk)
            boss = boss.manager
        return chain


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(models.Model):
    """An invitation to join: the link carries a token; only its hash is stored."""

    email = models.EmailField()
    name = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.EMPLOYEE)
    department = models.CharField(max_length=100, blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    VALID_FOR = dt.timedelta(days=14)

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"invitation for {self.email}"

    @classmethod
    def issue(
        cls,
        *,
        email: str,
        invited_by: User | None,
        role: str = Role.EMPLOYEE,
        name: str = "",
        department: str = "",
    ) -> tuple[Invitation, str]:
        """Create an invitation; returns it with the clear token (shown once, never stored)."""
        token = secrets.token_urlsafe(32)
        invitation = cls.objects.create(
            email=email.strip().lower(),
            name=name,
            role=role,
            department=department,
            token_hash=_hash(token),
            invited_by=invited_by,
            expires_at=timezone.now() + cls.VALID_FOR,
        )
        return invitation, token

    @classmethod
    def find(cls, token: str) -> Invitation | None:
        """The open invitation this token belongs to, if it is still valid."""
        return cls.objects.filter(
            token_hash=_hash(token), accepted_at__isnull=True, expires_at__gt=timezone.now()
        ).first()

    def accept(self, *, name: str, password: str) -> User:
        user, _ = User.objects.get_or_create(
            email=self.email,
            defaults={"name": name or self.name, "role": self.role, "department": self.department},
        )
        user.name = name or user.name
        user.set_password(password)
        user.is_active = True
        user.save()
        self.accepted_at = timezone.now()
        self.save(update_fields=["accepted_at"])
        return user
