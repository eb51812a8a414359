"""Advocacy pages: the hub for employees, the curation pages and analytics for
communications, the short-link redirect and the digest's unsubscribe link.

Who sees what: a shareable is shown only to the people in its audience while it is live
(communications and admins see every one on the manage pages); a share is its owner's
(and communications'); analytics are communications' and admins'.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import threading
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotFound,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import get_template, render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from manyvoices.composer.coaching import fixed_text, stale_fix
from manyvoices.composer.reviewing import highlight_segments
from manyvoices.guidelines.models import current_policy
from manyvoices.lib.htmx import render_page

from . import analytics, charts, clicks
from .forms import (
    SUGGESTION_ROWS,
    CampaignForm,
    FeedForm,
    ProfileForm,
    SettingsForm,
    ShareableForm,
    suggestions_from,
)
from .models import (
    SHARE_NETWORKS,
    AdvocacySettings,
    AdvocateProfile,
    Campaign,
    Feed,
    FeedItem,
    Share,
    Shareable,
    Topic,
    can_manage_advocacy,
)
from .reviewing import MAX_TEXT, review_share
from .services import (
    ShareRefused,
    approve_feed_item,
    discard_feed_item,
    make_share,
    refresh_preview,
    save_shareable,
)
from .sharing import share_link

UNSUBSCRIBE_SALT = "manyvoices.advocacy.unsubscribe"


def comms_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_manage_advocacy(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _meant_for_me(request: HttpRequest, pk: int) -> Shareable:
    # Content not meant for the person is answered exactly like missing content.
    return get_object_or_404(
        Shareable.objects.meant_for(request.user)
        .select_related("campaign")
        .prefetch_related("suggestions", "topics"),
        pk=pk,
    )


# The hub ------------------------------------------------------------------------------


HUB_PAGE_SIZE = 20
# A card is the same for everyone it is shown to, so each is rendered once per process
# and kept (keyed by the shareable's last save) for a few seconds, which bounds how long
# a renamed topic or campaign shows under its old name. The list itself is asked of
# PostgreSQL on every page (one indexed query: the audience, what is live now, the
# order), so a card leaves the hub the moment it expires or leaves its audience.
HUB_CACHE_SECONDS = 10
_hub_generation = [0]


def forget_hub_lists(**_: Any) -> None:
    _hub_generation[0] += 1


post_save.connect(forget_hub_lists, sender=Shareable, dispatch_uid="advocacy-hub-lists")
post_delete.connect(forget_hub_lists, sender=Shareable, dispatch_uid="advocacy-hub-lists-del")
for _model in (Topic, Campaign):
    post_save.connect(forget_hub_lists, sender=_model, dispatch_uid=f"advocacy-hub-{_model}")
    post_delete.connect(forget_hub_lists, sender=_model, dispatch_uid=f"advocacy-hub-{_model}-d")


class _CardCache:
    """Rendered cards by (shareable, its updated_at, generation), each kept
    HUB_CACHE_SECONDS; at most `size` of them."""

    def __init__(self, size: int = 2000) -> None:
        self.size = size
        self.items: dict[tuple[int, Any, int], tuple[float, str]] = {}
        self.lock = threading.Lock()

    def get(self, key: tuple[int, Any, int], now: float) -> str | None:
        found = self.items.get(key)
        if found is None or found[0] <= now:
            return None
        return found[1]

    def put(self, key: tuple[int, Any, int], html: str, now: float) -> None:
        with self.lock:
            if len(self.items) >= self.size:
                self.items = {k: v for k, v in self.items.items() if v[0] > now}
                if len(self.items) >= self.size:
                    self.items.clear()
            self.items[key] = (now + HUB_CACHE_SECONDS, html)

    def clear(self) -> None:
        with self.lock:
            self.items.clear()


_cards = _CardCache()


def _hub_cards(user: Any, topic: str, campaign: str, number: int) -> str:
    qs = Shareable.objects.meant_for(user)
    if topic:
        qs = qs.filter(topics__slug=topic)
    if campaign:
        qs = qs.filter(campaign__slug=campaign)
    start = (number - 1) * HUB_PAGE_SIZE
    rows = list(qs.hub_order().values_list("pk", "updated_at")[start : start + HUB_PAGE_SIZE + 1])
    page = rows[:HUB_PAGE_SIZE]
    generation = _hub_generation[0]
    now = time.monotonic()
    html = {pk: _cards.get((pk, at, generation), now) for pk, at in page}
    missing = [pk for pk, found in html.items() if found is None]
    if missing:
        template = get_template("advocacy/_card.html")
        for item in (
            Shareable.objects.filter(pk__in=missing)
            .select_related("campaign")
            .prefetch_related("topics")
            .defer("image_data", "departments", "locations")
        ):
            html[item.pk] = template.render({"s": item})
            _cards.put((item.pk, item.updated_at, generation), html[item.pk], now)
    return render_to_string(
        "advocacy/_cards.html",
        {
            # Rendered by our own template, with every value escaped there.
            "cards": [mark_safe(html[pk]) for pk, _ in page if html.get(pk) is not None],
            "number": number,
            "has_next": len(rows) > HUB_PAGE_SIZE,
            "topic": topic,
            "campaign": campaign,
        },
    )


def _hub_filters(topic: str, campaign: str) -> str:
    """The topic and campaign choices, the same for everyone: rendered once per choice
    made and kept HUB_CACHE_SECONDS."""
    choice = hashlib.sha256(f"{topic}|{campaign}".encode()).hexdigest()
    key = f"advocacy-hub-filters:{_hub_generation[0]}:{choice}"
    html = cache.get(key)
    if html is None:
        html = render_to_string(
            "advocacy/_hub_filters.html",
            {
                "topics": list(Topic.objects.all()[:100]),
                "campaigns": list(Campaign.objects.filter(starts_at__lte=timezone.now())[:50]),
                "topic": topic,
                "campaign": campaign,
            },
        )
        cache.set(key, html, HUB_CACHE_SECONDS)
    return str(html)


@login_required
def hub(request: HttpRequest) -> HttpResponse:
    topic = request.GET.get("topic", "")[:60]
    campaign = request.GET.get("campaign", "")[:120]
    try:
        number = max(1, min(int(request.GET.get("page", 1)), 500))
    except ValueError:
        number = 1
    return render(
        request,
        "advocacy/hub.html",
        {
            # Rendered by our own templates, with every value escaped there.
            "filters": mark_safe(_hub_filters(topic, campaign)),
            "cards": mark_safe(_hub_cards(request.user, topic, campaign, number)),
        },
    )


def _compose_context(
    request: HttpRequest, shareable: Shareable, network: str, text: str
) -> dict[str, Any]:
    version, policy = current_policy()
    config = AdvocacySettings.current()
    result = None
    if policy is not None and text.strip():
        result = review_share(
            text,
            network,
            policy,
            user=request.user,
            link=shareable.url,
            incentivized=config.incentivized,
        )
    return {
        "shareable": shareable,
        "network": network,
        "networks": list(SHARE_NETWORKS.items()),
        "text": text,
        "review": result,
        "segments": highlight_segments(text, result.findings) if result else [(text, None)],
        "policy_version": version,
        "incentivized": config.incentivized,
        "max_text": MAX_TEXT,
    }


def _network(request: HttpRequest, data: Any) -> str:
    network = data.get("network", "linkedin")
    return network if network in SHARE_NETWORKS else "linkedin"


@login_required
def compose(request: HttpRequest, pk: int) -> HttpResponse:
    """Pick a suggested text (or write your own) for a network, with the live review."""
    shareable = _meant_for_me(request, pk)
    network = _network(request, request.GET)
    text = shareable.suggestion_for(network)
    if "suggestion" in request.GET:
        wanted = request.GET["suggestion"]
        for s in shareable.suggestions.all():
            if str(s.pk) == wanted:
                network, text = s.network, s.text
    ctx = _compose_context(request, shareable, network, text)
    ctx["suggestions"] = list(shareable.suggestions.all())
    return render(request, "advocacy/compose.html", ctx)


def _posted(request: HttpRequest) -> tuple[str, str]:
    text = request.POST.get("text", "").replace("\r\n", "\n")[:MAX_TEXT]
    return _network(request, request.POST), text


@login_required
@require_POST
def live_review(request: HttpRequest, pk: int) -> HttpResponse:
    shareable = _meant_for_me(request, pk)
    network, text = _posted(request)
    ctx = _compose_context(request, shareable, network, text)
    ctx["oob"] = True
    return render_page(request, "advocacy/compose.html", "advocacy/_review.html", ctx)


@login_required
@require_POST
def fix(request: HttpRequest, pk: int) -> HttpResponse:
    shareable = _meant_for_me(request, pk)
    network, text = _posted(request)
    ctx = _compose_context(request, shareable, network, text)
    review = ctx["review"]
    fixed = fixed_text(review, request.POST.get("key", ""), text) if review else None
    status = 200
    if fixed is None:
        status = stale_fix(request)
    else:
        text = fixed
        ctx = _compose_context(request, shareable, network, text)
    ctx["suggestions"] = list(shareable.suggestions.all())
    return render_page(
        request, "advocacy/compose.html", "advocacy/_editor.html", ctx, status=status
    )


@login_required
@require_POST
def share(request: HttpRequest, pk: int) -> HttpResponse:
    shareable = _meant_for_me(request, pk)
    network, text = _posted(request)
    try:
        made = make_share(user=request.user, shareable=shareable, network=network, text=text)
    except ShareRefused as exc:
        messages.error(request, f"Not shared: {exc}.")
        ctx = _compose_context(request, shareable, network, text)
        ctx["suggestions"] = list(shareable.suggestions.all())
        return render(request, "advocacy/compose.html", ctx, status=409)
    messages.success(request, "Your share is ready: open it on the network to post it.")
    return redirect("advocacy:share", pk=made.pk)


@login_required
def share_detail(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(
        Share.objects.visible_to(request.user).select_related("shareable", "user"), pk=pk
    )
    profile = AdvocateProfile.of(found.user)
    link = share_link(
        found.network,
        found.text,
        found.short_url,
        instance=profile.mastodon_instance,
        subject=found.shareable.display_title,
    )
    connection = _connection_for(found) if found.user_id == request.user.pk else None
    return render(
        request,
        "advocacy/share.html",
        {
            "share": found,
            "connection": connection,
            "published": _published_post(found),
            "link": link,
            "clicks": analytics.share_clicks(found),
            "network_label": SHARE_NETWORKS[found.network],
            "mine": found.user_id == request.user.pk,
        },
    )


def _connection_for(share: Share) -> Any:
    """The sharer's connected account on the share's network (manyvoices.networks), if any."""
    try:
        from manyvoices.networks.models import Connection
    except ImportError:  # the networks app is not installed
        return None
    return (
        Connection.objects.filter(
            owner_id=share.user_id, network=share.network, status=Connection.Status.ACTIVE
        )
        .order_by("created_at")
        .first()
    )


def _published_post(share: Share) -> Any:
    try:
        from manyvoices.networks.models import Post
    except ImportError:
        return None
    return Post.objects.filter(advocacy_share_id=share.pk).first()


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Post a share through the sharer's connected account, once: a second press shows the
    post already made instead of posting again."""
    found = get_object_or_404(
        Share.objects.filter(user=request.user).select_related("shareable"), pk=pk
    )
    existing = _published_post(found)
    if existing is not None:
        return redirect("networks:post", pk=existing.pk)
    connection = _connection_for(found)
    if connection is None:
        messages.error(request, "No connected account on this network: use the share link.")
        return redirect("advocacy:share", pk=found.pk)
    from manyvoices.networks.publishing import PublishError, create_post

    try:
        post = create_post(
            author=request.user,
            text=found.text,
            connection_ids=[connection.pk],
            link=found.short_url,
            link_title=found.shareable.display_title,
            link_description=found.shareable.description[:1000],
            advocacy_share_id=found.pk,
        )
    except PublishError as exc:
        messages.error(request, f"Not posted: {exc}.")
        return redirect("advocacy:share", pk=found.pk)
    messages.success(request, "Queued for posting from your connected account.")
    return redirect("networks:post", pk=post.pk)


@login_required
def my_shares(request: HttpRequest) -> HttpResponse:
    shares = Share.objects.filter(user=request.user).select_related("shareable")[:200]
    return render(
        request,
        "advocacy/my_shares.html",
        {"shares": shares, "badges": analytics.badges_for(request.user)},
    )


@login_required
def me(request: HttpRequest) -> HttpResponse:
    profile = AdvocateProfile.of(request.user)
    initial = {
        "on_leaderboard": profile.on_leaderboard,
        "weekly_digest": profile.weekly_digest,
        "mastodon_instance": profile.mastodon_instance,
        **{f"reach_{n}": profile.reach.get(n) for n in SHARE_NETWORKS},
    }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        profile.on_leaderboard = d["on_leaderboard"]
        profile.weekly_digest = d["weekly_digest"]
        profile.mastodon_instance = d["mastodon_instance"]
        profile.reach = {n: d[f"reach_{n}"] for n in SHARE_NETWORKS if d.get(f"reach_{n}")}
        profile.save()
        messages.success(request, "Saved.")
        return redirect("advocacy:me")
    return render(
        request,
        "advocacy/me.html",
        {"form": form, "caps": AdvocacySettings.current().reach_cap},
        status=400 if form.errors else 200,
    )


@login_required
def leaderboard(request: HttpRequest) -> HttpResponse:
    period = "month" if request.GET.get("period") == "month" else "week"
    profile = AdvocateProfile.of(request.user)
    return render(
        request,
        "advocacy/leaderboard.html",
        {
            "period": period,
            "people": analytics.leaderboard(period),
            "departments": analytics.department_board(period),
            "on_leaderboard": profile.on_leaderboard,
            "config": AdvocacySettings.current(),
            "badges": analytics.badges_for(request.user),
        },
    )


def image(request: HttpRequest, pk: int) -> HttpResponse:
    """A shareable's image: public while it is live (it is meant to be shared), and always
    for communications."""
    qs = Shareable.objects.filter(image_data__isnull=False)
    if not can_manage_advocacy(request.user):
        qs = qs.live()
    found = get_object_or_404(qs, pk=pk)
    response = HttpResponse(bytes(found.image_data), content_type=found.image_type)
    response["Cache-Control"] = "public, max-age=3600"
    return response


def public(request: HttpRequest, pk: int) -> HttpResponse:
    """Where a short link leads when the shareable is an original post or an image with no
    link of its own: the content itself, while it is live."""
    found = get_object_or_404(Shareable.objects.live(), pk=pk)
    return render(request, "advocacy/public.html", {"shareable": found})


# The short link ---------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "HEAD"])
def follow(request: HttpRequest, code: str) -> HttpResponse:
    """/l/<code>: redirect to the target with its UTM parameters, after storing the click."""
    target = clicks.resolve(code)
    if target is None:
        return HttpResponseNotFound(
            "This short link does not exist.", content_type="text/plain; charset=utf-8"
        )
    clicks.record_click(target.share_id, request)
    response = HttpResponseRedirect(target.url)
    response["Referrer-Policy"] = "no-referrer-when-downgrade"
    response["X-Robots-Tag"] = "noindex"
    return response


# Communications: curation ------------------------------------------------------------------


@comms_required
def manage(request: HttpRequest) -> HttpResponse:
    qs = (
        Shareable.objects.select_related("campaign")
        .defer("image_data")
        .order_by("-created_at", "-pk")
    )
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "advocacy/manage.html",
        {"page": page, "waiting": FeedItem.objects.filter(status=FeedItem.Status.NEW).count()},
    )


def _suggestion_rows(data: Any, shareable: Shareable | None) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    if data is not None:
        for network, text in zip(
            data.getlist("suggestion_network"), data.getlist("suggestion_text"), strict=False
        ):
            rows.append({"network": network, "text": text})
    elif shareable is not None:
        rows = [{"network": s.network, "text": s.text} for s in shareable.suggestions.all()]
    while len(rows) < SUGGESTION_ROWS:
        rows.append({"network": "", "text": ""})
    return rows


@comms_required
def edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    shareable = get_object_or_404(Shareable, pk=pk) if pk is not None else None
    form = ShareableForm(request.POST or None, request.FILES or None, instance=shareable)
    reviews: list[Any] = []
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        suggestions, errors = suggestions_from(request.POST)
        if form.is_valid() and not errors:
            result = save_shareable(
                by=request.user,
                shareable=shareable,
                fields=form.shareable_fields(),
                topics=form.topics(),
                suggestions=suggestions,
            )
            reviews = result.reviews
            if result.shareable is not None:
                if result.preview_error:
                    messages.warning(
                        request,
                        f"Saved, but the link's preview could not be fetched: "
                        f"{result.preview_error}. Fill in the title and description yourself.",
                    )
                else:
                    messages.success(request, "Saved.")
                return redirect("advocacy:edit", pk=result.shareable.pk)
            errors = [
                f"The suggested text for {SHARE_NETWORKS[b.network]} is blocked by the "
                f"guidelines ({', '.join(b.review.rules) if b.review else ''}): fix it first."
                for b in result.blocked
            ]
        status = 400
    elif shareable is not None:
        reviews = [
            {"network": s.network, "text": s.text, "stored": s.review, "verdict": s.verdict}
            for s in shareable.suggestions.all()
        ]
    return render(
        request,
        "advocacy/edit.html",
        {
            "form": form,
            "shareable": shareable,
            "rows": _suggestion_rows(request.POST if request.method == "POST" else None, shareable),
            "networks": list(SHARE_NETWORKS.items()),
            "suggestion_errors": errors,
            "reviews": reviews,
        },
        status=status,
    )


@comms_required
@require_POST
def refetch(request: HttpRequest, pk: int) -> HttpResponse:
    shareable = get_object_or_404(Shareable, pk=pk)
    if not shareable.url:
        messages.error(request, "This shareable has no link to fetch.")
    elif error := refresh_preview(shareable):
        messages.warning(request, f"The link's preview could not be fetched: {error}.")
    else:
        messages.success(request, "Preview fetched again.")
    return redirect("advocacy:edit", pk=shareable.pk)


@comms_required
@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    shareable = get_object_or_404(Shareable, pk=pk)
    shareable.delete()
    messages.success(request, "Deleted, with its shares and their clicks.")
    return redirect("advocacy:manage")


@comms_required
def campaigns(request: HttpRequest) -> HttpResponse:
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        campaign = form.save(commit=False)
        campaign.created_by = request.user
        campaign.save()
        from .tasks import enqueue_announcements

        enqueue_announcements()
        messages.success(request, f"Campaign {campaign.name} created.")
        return redirect("advocacy:campaigns")
    return render(
        request,
        "advocacy/campaigns.html",
        {"form": form, "campaigns": Campaign.objects.all()},
        status=400 if form.errors else 200,
    )


@comms_required
def feeds(request: HttpRequest) -> HttpResponse:
    form = FeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        feed = form.save(commit=False)
        feed.added_by = request.user
        feed.save()
        from .tasks import poll_feed

        transaction.on_commit(lambda: poll_feed.enqueue(feed.pk))
        messages.success(request, "Feed added; it is read in the background.")
        return redirect("advocacy:feeds")
    return render(
        request,
        "advocacy/feeds.html",
        {
            "form": form,
            "feeds": Feed.objects.all(),
            "items": FeedItem.objects.filter(status=FeedItem.Status.NEW).select_related("feed")[
                :100
            ],
            "campaigns": Campaign.objects.all()[:50],
        },
        status=400 if form.errors else 200,
    )


@comms_required
@require_POST
def feed_item(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(FeedItem, pk=pk)
    if request.POST.get("action") == "approve":
        campaign = Campaign.objects.filter(pk=request.POST.get("campaign") or None).first()
        shareable = approve_feed_item(item, by=request.user, campaign=campaign)
        messages.success(request, "Approved: add suggested texts and an audience, then save.")
        return redirect("advocacy:edit", pk=shareable.pk)
    discard_feed_item(item, by=request.user)
    messages.success(request, "Discarded.")
    return redirect("advocacy:feeds")


@comms_required
def settings_page(request: HttpRequest) -> HttpResponse:
    form = SettingsForm(request.POST or None, instance=AdvocacySettings.current())
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Saved.")
        return redirect("advocacy:settings")
    rows = [
        (label, form[f"cap_{n}"], form[f"cpm_{n}"], form[f"cpc_{n}"])
        for n, label in SHARE_NETWORKS.items()
    ]
    return render(
        request,
        "advocacy/settings.html",
        {"form": form, "rows": rows},
        status=400 if form.errors else 200,
    )


# Communications: analytics ----------------------------------------------------------------

TABLES = ("campaigns", "shareables", "departments", "networks", "days")


def _since(request: HttpRequest) -> tuple[int, dt.datetime]:
    try:
        days = max(1, min(int(request.GET.get("days", 30)), 366))
    except ValueError:
        days = 30
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return days, start - dt.timedelta(days=days - 1)


@comms_required
def analytics_page(request: HttpRequest) -> HttpResponse:
    days, since = _since(request)
    data = analytics.summary(since)
    table = request.GET.get("export")
    if table:
        if table not in TABLES:
            return HttpResponse(
                f"export must be one of {', '.join(TABLES)}; got {table!r}",
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        return _csv(table, data, days)
    return render(
        request,
        "advocacy/analytics.html",
        {
            "days": days,
            "data": data,
            "t": data["totals"],
            "tables": [
                ("campaigns", "By campaign", data["by_campaign"]),
                ("networks", "By network", data["by_network"]),
                ("departments", "By department", data["by_department"]),
                ("shareables", "By shareable", data["by_shareable"]),
            ],
            "day_chart": charts.columns(
                [(d["day"].strftime("%d %b"), d["clicks"]) for d in data["by_day"]],
                title="Unique human clicks per day",
            ),
            "campaign_chart": charts.bars(
                [(r.label, r.unique) for r in data["by_campaign"][:10]],
                title="Unique human clicks by campaign",
            ),
            "network_chart": charts.bars(
                [(r.label, r.unique) for r in data["by_network"]],
                title="Unique human clicks by network",
            ),
            "config": AdvocacySettings.current(),
        },
    )


def _csv(table: str, data: dict[str, Any], days: int) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="advocacy-{table}-{days}d.csv"'
    writer = csv.writer(response)
    if table == "days":
        writer.writerow(["day", "shares", "unique_clicks"])
        for d in data["by_day"]:
            writer.writerow([d["day"].isoformat(), d["shares"], d["clicks"]])
        return response
    key = {
        "campaigns": "by_campaign",
        "shareables": "by_shareable",
        "departments": "by_department",
        "networks": "by_network",
    }[table]
    writer.writerow(
        ["name", "shares", "clicks", "unique_clicks", "active_advocates", "estimated_reach",
         "click_through_rate", "earned_media_value", *analytics.ENGAGEMENT]
    )  # fmt: skip
    for r in data[key]:
        writer.writerow(
            [_cell(r.label), r.shares, r.clicks, r.unique, r.advocates, r.reach,
             f"{r.ctr:.4f}", f"{r.emv:.2f}", r.likes, r.reposts, r.replies, r.views]
        )  # fmt: skip
    return response


def _cell(value: str) -> str:
    # A cell that starts like a formula is read as text by spreadsheets.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


# The digest's unsubscribe link ----------------------------------------------------------------


def unsubscribe_token(user: Any) -> str:
    return signing.dumps({"u": user.pk}, salt=UNSUBSCRIBE_SALT)


@csrf_exempt  # the signed token is the authority; mail clients post without a CSRF token
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Works without signing in: the signed token names the person. GET asks, POST (the
    button, or a mail client's one-click List-Unsubscribe-Post) unsubscribes."""
    try:
        user_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)["u"]
    except (signing.BadSignature, KeyError, TypeError):
        raise Http404("this unsubscribe link is not valid") from None
    from manyvoices.people.models import User

    user = get_object_or_404(User, pk=user_id)
    done = False
    if request.method == "POST":
        profile = AdvocateProfile.of(user)
        profile.weekly_digest = False
        profile.save(update_fields=["weekly_digest"])
        done = True
    return render(request, "advocacy/unsubscribe.html", {"done": done, "email": user.email})
