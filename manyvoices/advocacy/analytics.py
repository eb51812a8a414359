"""What the hub achieved: shares, clicks, reach, earned media value; points and badges.

Definitions (also shown on the analytics page):
- clicks are human clicks: every click is stored, bots and link-preview fetchers are
  flagged and left out of every figure here;
- unique clicks: distinct visitors per share per day (the visitor hash changes daily);
- estimated reach: the audience size each employee reported for the network when they
  shared, capped per network by the company;
- click-through rate = unique clicks / estimated reach;
- earned media value = sum over networks of reach / 1000 x CPM + unique clicks x CPC;
- likes, reposts, replies and views: what the networks' APIs report for the posts
  published through connected accounts (manyvoices.networks fetches them on a schedule);
  a share posted by hand, or on a network that does not report a figure, counts 0.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import CharField, Count, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Cast, Concat, TruncDate
from django.utils import timezone

from .models import SHARE_NETWORKS, AdvocacySettings, AdvocateProfile, Click, Share

ENGAGEMENT = ("likes", "reposts", "replies", "views")

FORMULA = (
    "Earned media value = Σ per network (estimated reach ÷ 1,000 × CPM + unique clicks × CPC). "
    "Estimated reach = the audience each employee reported for the network, capped per "
    "network. Click-through rate = unique clicks ÷ estimated reach. Bots and link previews "
    "are never counted. Likes, reposts, replies and views are what each network's API "
    "reports for posts published through connected accounts, refreshed on a schedule."
)


def _unique_key() -> Any:
    # One click per visitor per share per day: the visitor hash already changes each day.
    return Concat(Cast("share_id", CharField()), Value(":"), "visitor", output_field=CharField())


@dataclass
class Row:
    key: Any
    label: str
    shares: int = 0
    clicks: int = 0
    unique: int = 0
    reach: int = 0
    advocates: int = 0
    emv: float = 0.0
    by_network: dict[str, list[int]] = field(default_factory=dict)  # network -> [reach, unique]
    likes: int = 0
    reposts: int = 0
    replies: int = 0
    views: int = 0

    @property
    def ctr(self) -> float:
        return self.unique / self.reach if self.reach else 0.0


def _value(config: AdvocacySettings, by_network: dict[str, list[int]]) -> float:
    return round(
        sum(
            reach / 1000 * config.cpm_for(n) + unique * config.cpc_for(n)
            for n, (reach, unique) in by_network.items()
        ),
        2,
    )


def _engagement(name: str) -> Subquery:
    """One share's `name` count, summed over its published deliveries (networks' hook:
    Post.advocacy_share_id); NULL when it has none."""
    from manyvoices.networks.models import Delivery

    return Subquery(
        Delivery.objects.filter(post__advocacy_share_id=OuterRef("pk"), state="published")
        .order_by()
        .values("post__advocacy_share_id")
        .annotate(total=Sum(name))
        .values("total")[:1]
    )


def grouped(
    shares: QuerySet[Share],
    key: str | None,
    label: str | None = None,
    *,
    config: AdvocacySettings | None = None,
) -> list[Row]:
    """Figures for the shares in `shares`, grouped by the Share field path `key` (None: one
    row for all), labelled by `label`."""
    config = config or AdvocacySettings.current()
    fields = [f for f in (key, label) if f]
    rows: dict[Any, Row] = {}

    def row(values: dict[str, Any]) -> Row:
        k = values.get(key) if key else "all"
        if k not in rows:
            name = values.get(label) if label else k
            rows[k] = Row(k, "—" if name in (None, "") else str(name))
        return rows[k]

    for v in shares.values(*fields, "network").annotate(n=Count("id"), reach_sum=Sum("reach")):
        r = row(v)
        r.shares += v["n"]
        r.reach += v["reach_sum"] or 0
        r.by_network.setdefault(v["network"], [0, 0])[0] += v["reach_sum"] or 0
    if fields:
        for v in shares.values(*fields).annotate(people=Count("user", distinct=True)):
            row(v).advocates = v["people"]
    elif rows:
        row({}).advocates = shares.aggregate(people=Count("user", distinct=True))["people"]
    click_fields = [f"share__{f}" for f in fields]
    clicks = Click.objects.filter(is_bot=False, share__in=shares.values("pk"))
    for v in clicks.values(*click_fields, "share__network").annotate(
        n=Count("id"), u=Count(_unique_key(), distinct=True)
    ):
        r = row({f: v[f"share__{f}"] for f in fields})
        r.clicks += v["n"]
        r.unique += v["u"]
        r.by_network.setdefault(v["share__network"], [0, 0])[1] += v["u"]
    engaged = shares.annotate(**{f"e_{n}": _engagement(n) for n in ENGAGEMENT})
    sums = {n: Sum(f"e_{n}") for n in ENGAGEMENT}
    if fields:
        for v in engaged.values(*fields).annotate(**sums):
            r = row(v)
            for n in ENGAGEMENT:
                setattr(r, n, int(v[n] or 0))
    elif rows:
        v = engaged.aggregate(**sums)
        for n in ENGAGEMENT:
            setattr(row({}), n, int(v[n] or 0))
    for r in rows.values():
        r.emv = _value(config, r.by_network)
    return sorted(rows.values(), key=lambda r: (-r.unique, -r.shares, r.label))


def by_day(shares: QuerySet[Share], since: dt.datetime) -> list[dict[str, Any]]:
    """Shares and human clicks per day since `since`, every day present (zeros too)."""
    counts: dict[dt.date, dict[str, int]] = defaultdict(lambda: {"shares": 0, "clicks": 0})
    for v in (
        shares.filter(created_at__gte=since)
        .annotate(day=TruncDate("created_at"))
        .values("day")
        .annotate(n=Count("id"))
    ):
        counts[v["day"]]["shares"] = v["n"]
    for v in (
        Click.objects.filter(is_bot=False, created_at__gte=since, share__in=shares.values("pk"))
        .annotate(day=TruncDate("created_at"))
        .values("day")
        .annotate(n=Count(_unique_key(), distinct=True))
    ):
        counts[v["day"]]["clicks"] = v["n"]
    day, end = since.date(), timezone.now().date()
    out = []
    while day <= end:
        out.append({"day": day, **counts[day]})
        day += dt.timedelta(days=1)
    return out


def summary(since: dt.datetime, *, config: AdvocacySettings | None = None) -> dict[str, Any]:
    """Everything the analytics page and API show for the shares made since `since`."""
    config = config or AdvocacySettings.current()
    shares = Share.objects.filter(created_at__gte=since)
    total = grouped(shares, None, config=config)
    t = total[0] if total else Row("all", "all")
    bots = Click.objects.filter(is_bot=True, share__in=shares.values("pk")).count()
    return {
        "since": since,
        "totals": {
            "shares": t.shares,
            "clicks": t.clicks,
            "unique_clicks": t.unique,
            "bot_clicks": bots,
            "active_advocates": t.advocates,
            "estimated_reach": t.reach,
            "click_through_rate": round(t.ctr, 4),
            "earned_media_value": t.emv,
            "currency": config.currency,
            **{n: getattr(t, n) for n in ENGAGEMENT},
        },
        "by_campaign": grouped(shares, "shareable__campaign_id", "shareable__campaign__name",
                               config=config),
        "by_shareable": grouped(shares, "shareable_id", "shareable__title", config=config)[:50],
        "by_department": grouped(shares, "department", config=config),
        "by_network": [
            _relabel(r, SHARE_NETWORKS) for r in grouped(shares, "network", config=config)
        ],
        "by_day": by_day(Share.objects.all(), since),
        "formula": FORMULA,
    }  # fmt: skip


def _relabel(row: Row, labels: dict[str, str]) -> Row:
    row.label = labels.get(str(row.key), row.label)
    return row


# Points, leaderboards and badges ---------------------------------------------------


def period_start(period: str, now: dt.datetime | None = None) -> dt.datetime:
    """The start of this week (Monday) or this month, in the server's time zone."""
    now = timezone.localtime(now or timezone.now())
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    if period == "month":
        return midnight.replace(day=1)
    return midnight - dt.timedelta(days=midnight.weekday())


@dataclass
class Standing:
    key: Any
    name: str
    department: str
    shares: int
    unique_clicks: int
    points: int


def points_by_user(
    since: dt.datetime, *, config: AdvocacySettings | None = None
) -> dict[int, Standing]:
    """Points earned since `since`: per share made, and per unique human click earned."""
    config = config or AdvocacySettings.current()
    out: dict[int, Standing] = {}
    for v in (
        Share.objects.filter(created_at__gte=since)
        .values("user_id", "user__name", "user__email", "user__department")
        .annotate(n=Count("id"))
    ):
        out[v["user_id"]] = Standing(
            v["user_id"], v["user__name"] or v["user__email"], v["user__department"], v["n"], 0, 0
        )
    for v in (
        Click.objects.filter(is_bot=False, created_at__gte=since)
        .values("share__user_id", "share__user__name", "share__user__email",
                "share__user__department")
        .annotate(u=Count(_unique_key(), distinct=True))
    ):  # fmt: skip
        s = out.setdefault(
            v["share__user_id"],
            Standing(
                v["share__user_id"],
                v["share__user__name"] or v["share__user__email"],
                v["share__user__department"],
                0,
                0,
                0,
            ),
        )
        s.unique_clicks = v["u"]
    for s in out.values():
        s.points = s.shares * config.points_per_share + s.unique_clicks * config.points_per_click
    return out


def leaderboard(period: str, *, limit: int = 20) -> list[Standing]:
    """People by points this week or month; those who left the leaderboards are not listed
    (their points still count for their department)."""
    standings = points_by_user(period_start(period))
    hidden = set(
        AdvocateProfile.objects.filter(on_leaderboard=False, user_id__in=standings).values_list(
            "user_id", flat=True
        )
    )
    ranked = [s for s in standings.values() if s.key not in hidden and s.points > 0]
    return sorted(ranked, key=lambda s: (-s.points, s.name))[:limit]


def department_board(period: str) -> list[Standing]:
    totals: dict[str, Standing] = {}
    for s in points_by_user(period_start(period)).values():
        d = totals.setdefault(s.department or "—", Standing(s.department, s.department or "—",
                                                            s.department, 0, 0, 0))  # fmt: skip
        d.shares += s.shares
        d.unique_clicks += s.unique_clicks
        d.points += s.points
    return sorted(totals.values(), key=lambda s: (-s.points, s.name))


@dataclass(frozen=True)
class Badge:
    slug: str
    name: str
    why: str


BADGES = (
    Badge("first-share", "First share", "shared something from the hub"),
    Badge("regular", "Regular", "10 shares"),
    Badge("first-click", "Conversation starter", "a person followed one of your links"),
    Badge("crowd", "Crowd puller", "100 unique clicks on your links"),
    Badge("networks", "Everywhere", "shared to 3 different networks"),
    Badge("campaigner", "Campaigner", "shared in a campaign"),
)


def badges_for(user: Any) -> list[Badge]:
    shares = Share.objects.filter(user=user)
    agg = shares.aggregate(
        n=Count("id"),
        networks=Count("network", distinct=True),
        campaigns=Count("id", filter=Q(shareable__campaign__isnull=False)),
    )
    unique = (
        Click.objects.filter(share__user=user, is_bot=False).aggregate(
            u=Count(_unique_key(), distinct=True)
        )["u"]
        or 0
    )
    earned = {
        "first-share": agg["n"] >= 1,
        "regular": agg["n"] >= 10,
        "first-click": unique >= 1,
        "crowd": unique >= 100,
        "networks": agg["networks"] >= 3,
        "campaigner": agg["campaigns"] >= 1,
    }
    return [b for b in BADGES if earned[b.slug]]


def share_clicks(share: Share) -> dict[str, int]:
    agg = Click.objects.filter(share=share).aggregate(
        total=Count("id"),
        human=Count("id", filter=Q(is_bot=False)),
        bots=Count("id", filter=Q(is_bot=True)),
        unique=Count(_unique_key(), distinct=True, filter=Q(is_bot=False)),
    )
    return {k: int(v or 0) for k, v in agg.items()}
