"""The demo company's advocacy hub: a running campaign, shareables (links, an original
post, one for Engineering only, one expired), suggested texts reviewed on save, shares by
several people and clicks on them (people, and a few link previews)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from .clicks import classify
from .models import AdvocacySettings, AdvocateProfile, Campaign, Click, Share, Shareable
from .services import make_share, save_shareable

BROWSERS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Safari/604.1",
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
)
PREVIEWS = ("LinkedInBot/1.0", "Twitterbot/1.0", "facebookexternalhit/1.1")

# (title, kind, url, body, suggestions, campaign?, highlighted, departments, topics)
ITEMS: list[tuple[Any, ...]] = [
    (
        "Anvil Cloud 3.0 is out",
        "link",
        "https://acme.com/blog/anvil-cloud-3",
        "",
        [
            ("linkedin", "Anvil Cloud 3.0 is out: faster builds and a new region. #AcmeEmployee"),
            ("x", "Anvil Cloud 3.0 ships today, with faster builds. #AcmeEmployee"),
        ],
        True,
        True,
        [],
        ["Product"],
    ),
    (
        "We are hiring in Berlin",
        "link",
        "https://acme.com/careers/berlin",
        "",
        [("linkedin", "My team is hiring in Berlin: come build with us. #AcmeEmployee")],
        True,
        False,
        [],
        ["Hiring"],
    ),
    (
        "Our engineering handbook, now public",
        "link",
        "https://acme.com/engineering/handbook",
        "",
        [("mastodon", "How we work, in the open: our engineering handbook. #AcmeEmployee")],
        False,
        False,
        ["Engineering"],
        ["Engineering"],
    ),
    (
        "Volunteering day",
        "post",
        "",
        "Forty of us spent Friday planting trees along the river. Thank you, everyone!",
        [("bluesky", "Forty of us planted trees along the river on Friday. #AcmeEmployee")],
        False,
        False,
        [],
        ["Community"],
    ),
]


def load_advocacy_demo(users: dict[str, Any]) -> None:
    now = timezone.now()
    rng = random.Random(11)
    AdvocacySettings.current()
    campaign = Campaign.objects.create(
        name="Anvil Cloud 3.0 launch",
        description="Help us tell the world about Anvil Cloud 3.0.",
        starts_at=now - dt.timedelta(days=6),
        ends_at=now + dt.timedelta(days=24),
        announced_at=now - dt.timedelta(days=6),
        created_by=users["comms"],
    )
    shareables: list[Shareable] = []
    for title, kind, url, body, suggestions, in_campaign, highlighted, depts, topics in ITEMS:
        result = save_shareable(
            by=users["comms"],
            shareable=None,
            fields={
                "kind": kind,
                "title": title,
                "url": url,
                "body": body,
                "campaign": campaign if in_campaign else None,
                "highlighted": highlighted,
                "departments": depts,
                "starts_at": now - dt.timedelta(days=rng.randint(1, 6)),
            },
            topics=topics,
            suggestions=suggestions,
            fetch=False,  # no internet in the demo
        )
        assert result.shareable is not None, title
        shareables.append(result.shareable)
    Shareable.objects.create(
        kind="link",
        title="Last quarter's webinar (expired)",
        url="https://acme.com/webinars/q3",
        starts_at=now - dt.timedelta(days=60),
        expires_at=now - dt.timedelta(days=30),
        created_by=users["comms"],
    )
    sharers = ["employee", "dev2", "dev3", "sre", "marketer", "events", "sales1", "pm"]
    for local in sharers:
        profile = AdvocateProfile.of(users[local])
        profile.reach = {"linkedin": rng.randint(200, 3000), "x": rng.randint(50, 1500)}
        profile.save()
    AdvocateProfile.objects.filter(user=users["pm"]).update(on_leaderboard=False)
    for i, local in enumerate(sharers):
        user = users[local]
        for item in shareables[: 1 + i % 3]:
            if not item.is_meant_for(user):
                continue
            network = "linkedin" if i % 2 == 0 else "x"
            text = item.suggestion_for(network) or f"{item.title} #AcmeEmployee"
            share = make_share(user=user, shareable=item, network=network, text=text)
            when = now - dt.timedelta(days=rng.randint(0, 5), hours=rng.randint(0, 12))
            Share.objects.filter(pk=share.pk).update(created_at=when)
            clicks = []
            for n in range(rng.randint(2, 25)):
                agent = rng.choice(BROWSERS) if n % 6 else rng.choice(PREVIEWS)
                ua_class, is_bot = classify(agent)
                clicks.append(
                    Click(
                        share=share,
                        created_at=min(now, when + dt.timedelta(minutes=rng.randint(1, 3000))),
                        visitor=f"{rng.getrandbits(128):032x}",
                        ua_class=ua_class,
                        is_bot=is_bot,
                    )
                )
            Click.objects.bulk_create(clicks)
    _demo_network_metrics(rng)


def _demo_network_metrics(rng: random.Random) -> None:
    """A few demo shares as if posted through a connected account, with the likes, reposts,
    replies and views the networks app would have fetched (no connection: nothing is ever
    fetched for them, the demo stays offline)."""
    from manyvoices.networks.models import Delivery, Post

    for share in Share.objects.order_by("pk")[:3]:
        post = Post.objects.create(
            author=share.user, text=share.text, advocacy_share_id=share.pk,
            scheduled_for=share.created_at, created_at=share.created_at,
        )  # fmt: skip
        Delivery.objects.create(
            post=post, network=share.network, text=share.text, state=Delivery.State.PUBLISHED,
            due_at=share.created_at, published_at=share.created_at,
            remote_id=f"demo-{share.pk}", metrics_at=timezone.now(),
            likes=rng.randint(5, 80), reposts=rng.randint(0, 20), replies=rng.randint(0, 12),
            views=rng.randint(300, 6000) if share.network != "x" else None,
        )  # fmt: skip
