"""Keep each person's search text in step with their name, title, bio and expertise."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Expertise, Profile


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def _user_saved(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        Profile.of(instance).save()


@receiver(post_save, sender=Expertise)
@receiver(post_delete, sender=Expertise)
def _expertise_changed(sender: Any, instance: Expertise, **kwargs: Any) -> None:
    if not kwargs.get("raw"):
        Profile.of(instance.user).save()
