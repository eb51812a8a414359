"""Guideline pages: the public guidelines, acknowledgement, and compliance's editor,
history, publishing and acknowledgement coverage."""

from __future__ import annotations

import difflib
import logging
import threading
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from manyvoices.engine import CATALOGUE, Draft, Policy, apply_fixes, review
from manyvoices.engine.catalogue import example_for
from manyvoices.people.decorators import role_required
from manyvoices.people.models import User

from .forms import PolicyForm
from .models import Acknowledgement, PolicyVersion

logger = logging.getLogger(__name__)
_examples_lock = threading.Lock()
_examples: dict[str, list[dict[str, Any]]] = {}


def rules_of(policy: Policy) -> list[dict[str, Any]]:
    """Every rule as the policy sets it, with its example run through the engine, so the page
    shows the engine's real findings (cached per policy hash)."""
    with _examples_lock:
        cached = _examples.get(policy.sha256)
    if cached is not None:
        return cached
    rows = []
    for spec in CATALOGUE:
        severity = policy.severity_of(spec.id)
        example_review = fix_review = None
        fixed_text = ""
        # The example carries the company's own names (None when the policy has none to use).
        example = example_for(spec.id, policy) or ""
        if example:
            try:
                example_review = review(Draft(text=example, network="linkedin"), policy)
                fixed_text = apply_fixes(example, example_review.findings)
                if fixed_text == example:
                    fixed_text = ""  # no automatic fix: the page says so
                else:
                    fix_review = review(Draft(text=fixed_text, network="linkedin"), policy)
            except Exception:  # a failing check must not take the public guidelines down
                logger.exception("reviewing the example of %s failed", spec.id)
                example_review = fix_review = None
                fixed_text = ""
        rows.append(
            {
                "id": spec.id,
                "title": spec.title,
                "severity": severity,
                "external_only": spec.external_only,
                "guideline": policy.guideline_of(spec.id),
                "why": spec.why,
                "source": spec.source,
                "example": example,
                "example_findings": [f for f in example_review.findings if f.rule == spec.id]
                if example_review
                else [],
                "example_other": [f for f in example_review.findings if f.rule != spec.id]
                if example_review
                else [],
                "example_fix": fixed_text,
                "fix_verdict": fix_review.verdict if fix_review else "",
            }
        )
    for custom in policy.model.rules.custom:
        rows.append(
            {
                "id": custom.id,
                "title": custom.id,
                "severity": custom.severity,
                "external_only": custom.external_only,
                "guideline": custom.guideline or custom.message,
                "why": custom.message,
                "source": "company policy",
                "example": "",
                "example_findings": [],
                "example_other": [],
                "example_fix": "",
                "fix_verdict": "",
            }
        )
    with _examples_lock:
        _examples[policy.sha256] = rows
    return rows


def public(request: HttpRequest) -> HttpResponse:
    """The guidelines in force, readable without signing in."""
    version = PolicyVersion.objects.current()
    rules: list[dict[str, Any]] = []
    acknowledged = None
    if version is not None:
        rules = rules_of(version.policy())
        if request.user.is_authenticated:
            acknowledged = Acknowledgement.objects.filter(
                user=request.user, policy_version=version
            ).first()
    return render(
        request,
        "guidelines/public.html",
        {"version": version, "rules": rules, "acknowledged": acknowledged},
    )


@login_required
@require_POST
def acknowledge(request: HttpRequest) -> HttpResponse:
    version = PolicyVersion.objects.current()
    if version is None:
        messages.error(request, "There are no published guidelines to acknowledge yet.")
        return redirect("guidelines:public")
    Acknowledgement.objects.get_or_create(user=request.user, policy_version=version)
    messages.success(request, f"Thank you: you acknowledged {version}.")
    if _safe_next(request):
        return redirect(request.POST["next"])
    return redirect("guidelines:public")


def _safe_next(request: HttpRequest) -> bool:
    from django.utils.http import url_has_allowed_host_and_scheme

    nxt = request.POST.get("next")
    return bool(nxt) and url_has_allowed_host_and_scheme(
        nxt, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


@role_required("can_manage_guidelines")
def manage(request: HttpRequest) -> HttpResponse:
    versions = PolicyVersion.objects.select_related("created_by", "published_by")
    return render(
        request,
        "guidelines/manage.html",
        {"versions": versions, "current": PolicyVersion.objects.current()},
    )


@role_required("can_manage_guidelines")
def edit(request: HttpRequest) -> HttpResponse:
    current = PolicyVersion.objects.current() or PolicyVersion.objects.first()
    if request.method == "POST":
        form = PolicyForm(request.POST, request.FILES)
        if form.is_valid():
            version = PolicyVersion.create_from_yaml(
                form.cleaned_data["yaml"],
                by=request.user,
                note=form.cleaned_data["note"],
                source=form.cleaned_data["source"],
            )
            messages.success(
                request, f"Saved {version} as a draft version; publish it to put it in force."
            )
            return redirect("guidelines:version", pk=version.pk)
        return render(
            request,
            "guidelines/edit.html",
            {"form": form, "error": getattr(form, "policy_error", None)},
            status=400,
        )
    form = PolicyForm(initial={"yaml": current.yaml if current else ""})
    return render(request, "guidelines/edit.html", {"form": form, "error": None})


@role_required("can_manage_guidelines")
def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(PolicyVersion, pk=pk)
    current = PolicyVersion.objects.current()
    diff = ""
    if current is not None and current.pk != version.pk:
        diff = "".join(
            difflib.unified_diff(
                current.yaml.splitlines(keepends=True),
                version.yaml.splitlines(keepends=True),
                fromfile=f"in force: {current.version}",
                tofile=f"this version: {version.version}",
            )
        )
    return render(
        request,
        "guidelines/version.html",
        {"version": version, "current": current, "diff": diff},
    )


@role_required("can_manage_guidelines")
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(PolicyVersion, pk=pk)
    if version.is_published:
        messages.info(request, f"{version} was already published.")
    else:
        version.publish(by=request.user)
        messages.success(request, f"Published {version}: everyone is asked to acknowledge it.")
    return redirect("guidelines:manage")


def coverage_by_department(version: PolicyVersion) -> list[dict[str, Any]]:
    rows = (
        User.objects.filter(is_active=True)
        .values("department")
        .annotate(
            people=Count("id", distinct=True),
            acknowledged=Count(
                "acknowledgements",
                filter=Q(acknowledgements__policy_version=version),
                distinct=True,
            ),
        )
        .order_by("department")
    )
    out = []
    for row in rows:
        share = row["acknowledged"] / row["people"] if row["people"] else 0.0
        out.append(
            {
                **row,
                "department": row["department"] or "(no department)",
                "percent": round(share * 100),
            }
        )
    return out


@role_required("can_manage_guidelines")
def coverage(request: HttpRequest) -> HttpResponse:
    version = PolicyVersion.objects.current()
    rows = coverage_by_department(version) if version else []
    total = sum(r["people"] for r in rows)
    done = sum(r["acknowledged"] for r in rows)
    return render(
        request,
        "guidelines/coverage.html",
        {
            "version": version,
            "rows": rows,
            "total": total,
            "done": done,
            "percent": round(done * 100 / total) if total else 0,
        },
    )
