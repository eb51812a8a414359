"""Composer pages: write a draft with live coaching, fix in one click, dismiss with a reason,
save, mark ready; and the review statistics compliance sees.

Every composer endpoint works without JavaScript too (the buttons are plain form
submissions); with htmx the same views answer with their partials.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from manyvoices.engine.types import NETWORKS
from manyvoices.guidelines.models import current_policy
from manyvoices.lib.htmx import is_htmx, render_page
from manyvoices.people.decorators import role_required

from .coaching import CoachPanel, coach_context, fixed_text, stale_fix
from .models import Draft, DraftBlocked, ReviewStat
from .reviewing import (
    NETWORK_LABELS,
    clean_networks,
    normalise_newlines,
    review_for_networks,
)
from .services import DismissError, dismiss_finding
from .stats import review_statistics

MAX_TEXT = 20_000  # far past any network's limit; keeps one request's work bounded


def _own_draft(request: HttpRequest, pk: Any) -> Draft | None:
    if pk in (None, ""):
        return None
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404("no such draft") from None
    # Someone else's draft is answered exactly like a missing one.
    return get_object_or_404(Draft.objects.of(request.user), pk=pk)


def _form_state(request: HttpRequest) -> tuple[Draft | None, str, list[str], set[str]]:
    draft = _own_draft(request, request.POST.get("draft"))
    text = normalise_newlines(request.POST.get("text", ""))[:MAX_TEXT]
    networks = clean_networks(request.POST.getlist("networks"))
    dismissed = set(request.POST.getlist("dismissed"))
    return draft, text, networks, dismissed


def _context(
    request: HttpRequest,
    *,
    draft: Draft | None,
    text: str,
    networks: list[str],
    dismissed: set[str],
) -> dict[str, Any]:
    version, policy = current_policy()
    result = None
    if policy is not None:
        result = review_for_networks(text, networks, policy, user=request.user, dismissed=dismissed)
    panel = CoachPanel(
        form="#composer", fix_url=reverse("composer:fix"), dismiss_url=reverse("composer:dismiss")
    )
    return {
        "draft": draft,
        "text": text,
        "networks": networks,
        "all_networks": [(n, NETWORK_LABELS[n]) for n in NETWORKS],
        **coach_context(text, result, panel, dismissed=dismissed),
        "policy_version": version,
        "max_text": MAX_TEXT,
    }


@login_required
def compose(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    draft = _own_draft(request, pk) if pk is not None else None
    if draft is not None:
        ctx = _context(
            request,
            draft=draft,
            text=draft.text,
            networks=draft.networks,
            dismissed=set(draft.dismissed),
        )
    else:
        ctx = _context(request, draft=None, text="", networks=["linkedin"], dismissed=set())
    return render(request, "composer/compose.html", ctx)


@login_required
@require_POST
def live_review(request: HttpRequest) -> HttpResponse:
    """The text as typed so far, reviewed: the review partial (with the highlights swapped
    out of band into the editor's backdrop)."""
    draft, text, networks, dismissed = _form_state(request)
    ctx = _context(request, draft=draft, text=text, networks=networks, dismissed=dismissed)
    ctx["oob"] = True
    return render_page(request, "composer/compose.html", "composer/_review.html", ctx)


@login_required
@require_POST
def fix(request: HttpRequest) -> HttpResponse:
    """Apply one finding's fix on the server and answer with the updated editor and review."""
    draft, text, networks, dismissed = _form_state(request)
    _version, policy = current_policy()
    if policy is None:
        return HttpResponse("No guidelines are published yet.", status=409)
    result = review_for_networks(text, networks, policy, user=request.user, dismissed=dismissed)
    fixed = fixed_text(result, request.POST.get("key", ""), text)
    status = 200
    if fixed is None:
        status = stale_fix(request)
    else:
        text = fixed
    ctx = _context(request, draft=draft, text=text, networks=networks, dismissed=dismissed)
    return render_page(
        request, "composer/compose.html", "composer/_editor.html", ctx, status=status
    )


@login_required
@require_POST
def dismiss(request: HttpRequest) -> HttpResponse:
    """Dismiss a warn or coach finding with a reason; the dismissal is recorded."""
    draft, text, networks, dismissed = _form_state(request)
    _version, policy = current_policy()
    if policy is None:
        return HttpResponse("No guidelines are published yet.", status=409)
    key = request.POST.get("dismiss", "")
    error = None
    try:
        dismiss_finding(
            user=request.user,
            policy=policy,
            text=text,
            networks=networks,
            dismissed=dismissed,
            key=key,
            reason=request.POST.get(f"reason:{key}", ""),
            draft=draft,
        )
    except DismissError as exc:
        error = str(exc)
    ctx = _context(request, draft=draft, text=text, networks=networks, dismissed=dismissed)
    ctx["oob"] = True
    ctx["dismiss_error"] = error
    return render_page(
        request,
        "composer/compose.html",
        "composer/_review.html",
        ctx,
        status=200 if error is None or is_htmx(request) else 400,
    )


@login_required
@require_POST
def save(request: HttpRequest) -> HttpResponse:
    """Save the draft (new or the author's own); `action=ready` also marks it ready, which a
    blocked draft cannot be."""
    draft, text, networks, dismissed = _form_state(request)
    version, policy = current_policy()
    if policy is None:
        messages.error(request, "No guidelines are published yet, so drafts cannot be reviewed.")
        return redirect("composer:new")
    if draft is None:
        draft = Draft(author=request.user)
    draft.text = text
    draft.networks = networks
    draft.dismissed = sorted(dismissed)
    if draft.status == Draft.Status.READY:
        draft.status = Draft.Status.DRAFT  # edited: it must be marked ready again
    if request.POST.get("action") == "ready":
        try:
            draft.mark_ready(policy, policy_version=version)
            messages.success(request, "Saved and marked ready to post.")
        except DraftBlocked as exc:
            if exc.review is not None:
                ReviewStat.record(
                    exc.review,
                    author=request.user,
                    policy_version=version,
                    source=ReviewStat.Source.COMPOSER,
                )
            messages.error(request, f"Saved, but not ready: {exc}.")
    else:
        draft.save_reviewed(policy, policy_version=version)
        messages.success(request, "Draft saved.")
    return redirect("composer:edit", pk=draft.pk)


@login_required
@require_POST
def ready(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _own_draft(request, pk)
    assert draft is not None
    version, policy = current_policy()
    if policy is None:
        messages.error(request, "No guidelines are published yet.")
        return redirect("composer:edit", pk=draft.pk)
    try:
        draft.mark_ready(policy, policy_version=version)
        messages.success(request, "Marked ready to post.")
    except DraftBlocked as exc:
        messages.error(request, f"Not ready: {exc}.")
        return render(
            request,
            "composer/compose.html",
            _context(
                request,
                draft=draft,
                text=draft.text,
                networks=draft.networks,
                dismissed=set(draft.dismissed),
            ),
            status=409,
        )
    return redirect("composer:edit", pk=draft.pk)


@login_required
@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _own_draft(request, pk)
    assert draft is not None
    draft.delete()
    messages.success(request, "Draft deleted.")
    return redirect("composer:drafts")


@login_required
def drafts(request: HttpRequest) -> HttpResponse:
    return render(request, "composer/drafts.html", {"drafts": Draft.objects.of(request.user)})


@role_required("can_see_statistics")
def insights(request: HttpRequest) -> HttpResponse:
    try:
        days = max(1, min(int(request.GET.get("days", 30)), 366))
    except ValueError:
        days = 30
    return render(request, "composer/insights.html", review_statistics(days))
