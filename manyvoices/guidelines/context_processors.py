"""The acknowledgement banner: shown to a signed-in person until they acknowledge the
published version in force."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .models import Acknowledgement, current_version


def acknowledgement_banner(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if request.headers.get("HX-Request") == "true":
        return {}  # partials have no banner; the composer posts on every pause in typing
    current = current_version()  # remembered a few seconds, as the composer's policy
    if current is None:
        return {}
    acknowledged = Acknowledgement.objects.filter(user=user, policy_version=current).exists()
    return {"ack_needed": not acknowledged, "ack_version": current}
