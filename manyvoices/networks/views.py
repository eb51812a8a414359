"""Pages: your connections (connect, disconnect, reconnect), publishing a post now or at a
time, your posts with their state on each network. Everything here is the signed-in
person's own: someone else's connection or post is answered as missing (404)."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from . import publishing
from .connectors import ConnectorError, registry
from .models import Connection, Delivery, Post

SESSION_KEY = "networks_oauth"


def _redirect_uri(network: str) -> str:
    return settings.SITE_URL + reverse("networks:callback", args=[network])


def _connector_or_404(network: str) -> Any:
    connector = registry().get(network)
    if connector is None:
        raise Http404("no such network")
    return connector


@login_required
def connections(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "networks/connections.html",
        {
            "connections": Connection.objects.filter(owner=request.user),
            "connectors": sorted(registry().values(), key=lambda c: c.label),
        },
    )


@login_required
@require_POST
def connect(request: HttpRequest, network: str) -> HttpResponse:
    connector = _connector_or_404(network)
    try:
        if "app_password" in connector.auth_methods:
            connection = connector.connect_with_password(
                owner=request.user,
                server=request.POST.get("server", ""),
                handle=request.POST.get("handle", ""),
                password=request.POST.get("password", ""),
            )
            resumed = publishing.resume_after_reconnect(connection)
            messages.success(request, _connected(connection, resumed))
            return redirect("networks:connections")
        state = secrets.token_urlsafe(24)
        start = connector.start_connect(
            owner=request.user,
            server=request.POST.get("server", ""),
            redirect_uri=_redirect_uri(network),
            state=state,
        )
    except ConnectorError as exc:
        messages.error(request, exc.message)
        return redirect("networks:connections")
    pending = request.session.get(SESSION_KEY, {})
    pending[state] = {"network": network, "at": timezone.now().timestamp(), **start.pending}
    request.session[SESSION_KEY] = pending
    return redirect(start.url)


def _connected(connection: Connection, resumed: int) -> str:
    text = f"Connected {connection.label} as {connection.handle}."
    if resumed:
        text += f" {resumed} post{'s' if resumed != 1 else ''} waiting for it will go out now."
    return text


@login_required
def callback(request: HttpRequest, network: str) -> HttpResponse:
    connector = _connector_or_404(network)
    state = request.GET.get("state", "")
    pending_all = request.session.get(SESSION_KEY, {})
    pending = pending_all.pop(state, None)
    request.session[SESSION_KEY] = pending_all
    if (
        pending is None
        or pending.get("network") != network
        or timezone.now().timestamp() - float(pending.get("at", 0)) > 600
    ):
        messages.error(
            request,
            "That sign-in link is not one we started (or it is older than 10 minutes): "
            "please connect again.",
        )
        return redirect("networks:connections")
    try:
        connection = connector.finish_connect(
            owner=request.user,
            pending=pending,
            params=dict(request.GET.items()),
            redirect_uri=_redirect_uri(network),
        )
    except ConnectorError as exc:
        messages.error(request, exc.message)
        return redirect("networks:connections")
    resumed = publishing.resume_after_reconnect(connection)
    messages.success(request, _connected(connection, resumed))
    return redirect("networks:connections")


@login_required
@require_POST
def disconnect(request: HttpRequest, pk: int) -> HttpResponse:
    connection = get_object_or_404(Connection, pk=pk, owner=request.user)
    try:
        revoked = connection.connector().revoke(connection)
    except ConnectorError as exc:
        revoked = False
        messages.warning(
            request, f"{connection.label} did not confirm the revocation ({exc.message})."
        )
    label, handle = connection.label, connection.handle
    connection.delete()
    messages.success(
        request,
        f"Disconnected {label} {handle}."
        + ("" if revoked else f" Revoke ManyVoices' access in {label}'s own settings too."),
    )
    return redirect("networks:connections")


def _parse_when(raw: str) -> dt.datetime | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        when = dt.datetime.fromisoformat(raw)
    except ValueError:
        raise publishing.PublishError(f"scheduled_for: {raw!r} is not a date and time") from None
    if timezone.is_naive(when):
        when = timezone.make_aware(when, timezone.get_current_timezone())
    return when


@login_required
def posts(request: HttpRequest) -> HttpResponse:
    status = 200
    form: dict[str, Any] = {}
    if request.method == "POST":
        form = request.POST.dict()
        try:
            images = []
            upload = request.FILES.get("image")
            if upload is not None:
                images.append(
                    (upload.read(), upload.content_type or "", request.POST.get("alt", ""))
                )
            post = publishing.create_post(
                author=request.user,
                text=request.POST.get("text", ""),
                connection_ids=[int(i) for i in request.POST.getlist("connections") if i.isdigit()],
                share_link_networks=request.POST.getlist("share_links"),
                scheduled_for=_parse_when(request.POST.get("scheduled_for", "")),
                link=request.POST.get("link", "").strip(),
                content_warning=request.POST.get("content_warning", ""),
                images=images,
            )
        except publishing.PublishError as exc:
            messages.error(request, str(exc))
            status = 400
        else:
            messages.success(
                request, "Scheduled." if post.scheduled_for > timezone.now() else "Publishing now."
            )
            return redirect("networks:post", pk=post.pk)
    return render(
        request,
        "networks/posts.html",
        {
            "posts": Post.objects.filter(author=request.user).prefetch_related("deliveries")[:50],
            "connections": Connection.objects.filter(owner=request.user, status="active"),
            "share_links": [c for c in registry().values() if c.share_link("") is not None],
            "form": form,
        },
        status=status,
    )


@login_required
def post(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Post, pk=pk, author=request.user)
    return render(
        request,
        "networks/post.html",
        {"post": item, "deliveries": item.deliveries.select_related("connection")},
    )


@login_required
@require_POST
def delivery_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    delivery = get_object_or_404(Delivery, pk=pk, post__author=request.user)
    done = False
    if action == "retry":
        done = publishing.retry(delivery)
    elif action == "cancel":
        done = delivery.cancel()
    elif action == "confirm":
        done = delivery.confirm_published(request.POST.get("url", "")[:1000])
    else:
        raise Http404("no such action")
    if not done:
        messages.error(
            request,
            f"This post on {delivery.label} is {delivery.get_state_display()}: "
            "that cannot be done now.",
        )
    return redirect("networks:post", pk=delivery.post_id)
