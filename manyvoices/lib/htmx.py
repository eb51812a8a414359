"""The one place htmx plumbing lives: pick the partial on htmx requests.

Pages render a full template; an htmx request for the same view gets only its
partial (`_thing.html`). CSRF is set once on <body> in base.html via hx-headers.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def render_page(
    request: HttpRequest,
    page: str,
    partial: str,
    context: dict[str, Any],
    *,
    status: int = 200,
) -> HttpResponse:
    """Render `partial` for an htmx request, the whole `page` otherwise."""
    template = partial if is_htmx(request) else page
    return render(request, template, context, status=status)
