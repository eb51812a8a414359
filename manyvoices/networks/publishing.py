"""Publishing exactly once: the steps of a delivery's state machine (models.py draws it).

    run(delivery_id)   what the `publish_delivery` task does: claim the delivery with a
                       conditional UPDATE (one worker wins), review it again with the policy
                       and the date of this moment, record the intent (state `sending`,
                       committed, with a lease), call the network, record the outcome.
    recover()          the reaper, run by every `manyvoices worker` every few seconds:
                       a claim whose lease ran out belonged to a worker that died; it goes
                       back to `scheduled` (nothing was sent yet) or to `reconcile` (the
                       network may have it); overdue deliveries whose task was lost are
                       queued again.

Never twice: Bluesky and Mastodon retries carry the same key (a record key, an
Idempotency-Key), so the network itself refuses a second post; LinkedIn and X have no key,
so after any unknown outcome we read the author's recent posts back before trying again,
and where that cannot be done the delivery is `uncertain` and its author is asked.
Never dropped: every state that is not final has either a queued task or a lease the
reaper watches.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import uuid
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from .connectors import (
    CannotReadBack,
    ConnectorError,
    Image,
    Intent,
    Published,
    RateLimited,
    Rejected,
    Revoked,
    ServerError,
    TimedOut,
    Unreachable,
    get,
)
from .models import Connection, Delivery, Post, PostImage

log = logging.getLogger(__name__)
State = Delivery.State


# --- fitting the text to each network -------------------------------------------------


def compose(text: str, network: str, *, link: str = "", content_warning: str = "") -> str:
    """The text as it will be posted on `network`, cut to fit its length rules.

    The link (when not already in the text) goes at the end and is never cut; on Bluesky,
    which has no content-warning field, the warning leads the text; LinkedIn and Mastodon
    carry it in their own way (Mastodon's spoiler text) or not at all."""
    from manyvoices.engine.lengths import measure

    text = text.replace("\r\n", "\n").strip()
    head = f"CW: {content_warning.strip()}\n\n" if content_warning and network == "bluesky" else ""
    tail = f"\n\n{link}" if link and link not in text else ""

    def fits(body: str) -> bool:
        count, limit = measure(head + body + tail, network)
        return limit is None or count <= limit

    if fits(text):
        return head + text + tail
    words = text.split(" ")
    lo, hi = 0, len(words)
    while lo < hi:  # the most words that fit with an ellipsis
        mid = (lo + hi + 1) // 2
        if fits(" ".join(words[:mid]).rstrip() + "…"):
            lo = mid
        else:
            hi = mid - 1
    body = " ".join(words[:lo]).rstrip()
    if not body:  # one very long word: cut by characters
        cut = len(text)
        while cut > 0 and not fits(text[:cut] + "…"):
            cut = max(0, cut - max(1, cut // 8))
        body = text[:cut]
    return head + body + "…" + tail


# --- creating posts ---------------------------------------------------------------------


class PublishError(ValueError):
    """A request to publish that cannot be accepted; the message names the field."""


def networks_for(user: Any) -> dict[str, Connection]:
    """The person's active connections by network (their first one on each)."""
    found: dict[str, Connection] = {}
    for connection in Connection.objects.filter(owner=user).order_by("created_at"):
        found.setdefault(connection.network, connection)
    return found


@transaction.atomic
def create_post(
    *,
    author: Any,
    text: str,
    connection_ids: Iterable[int] = (),
    share_link_networks: Iterable[str] = (),
    scheduled_for: dt.datetime | None = None,
    link: str = "",
    link_title: str = "",
    link_description: str = "",
    content_warning: str = "",
    images: Iterable[tuple[bytes, str, str]] = (),
    advocacy_share_id: int | None = None,
) -> Post:
    """A post and one delivery per chosen connection (and per network posted through its
    share link), queued for its time once the transaction commits."""
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise PublishError("text: write something to publish")
    if len(text) > 10_000:
        raise PublishError("text: at most 10,000 characters")
    now = timezone.now()
    when = scheduled_for or now
    if timezone.is_naive(when):
        raise PublishError("scheduled_for: give a time zone (e.g. 2026-12-01T09:00:00+01:00)")
    if when < now - dt.timedelta(minutes=5):
        raise PublishError("scheduled_for: that time has passed")
    ids = list(dict.fromkeys(int(i) for i in connection_ids))
    connections = {c.pk: c for c in Connection.objects.filter(owner=author, pk__in=ids)}
    missing = [i for i in ids if i not in connections]
    if missing:
        raise PublishError(f"connections: no connection of yours with id {missing[0]}")
    handoffs = [n for n in dict.fromkeys(share_link_networks)]
    for network in handoffs:
        if get(network).share_link("") is None:
            raise PublishError(f"share_link: {network} has no share link")
    if not connections and not handoffs:
        raise PublishError("connections: choose at least one network")
    image_rows = list(images)
    for index, (data, mime, alt) in enumerate(image_rows, 1):
        if not alt.strip():
            raise PublishError(
                f"images[{index}]: describe the image (alt text) for people who cannot see it"
            )
        if mime not in ("image/jpeg", "image/png", "image/gif", "image/webp"):
            raise PublishError(
                f"images[{index}]: {mime or 'this file'} is not a JPEG, PNG, GIF or WebP image"
            )
        if len(data) > 1_000_000:
            raise PublishError(f"images[{index}]: at most 1 MB (Bluesky's limit)")
    if len(image_rows) > 4:
        raise PublishError("images: at most 4")
    post = Post.objects.create(
        author=author,
        text=text,
        link=link,
        link_title=link_title[:300],
        link_description=link_description[:1000],
        content_warning=content_warning[:500],
        scheduled_for=when,
        advocacy_share_id=advocacy_share_id,
    )
    for position, (data, mime, alt) in enumerate(image_rows):
        PostImage.objects.create(
            post=post, data=data, mime=mime, alt=alt.strip(), position=position
        )
    deliveries = []
    for connection in connections.values():
        deliveries.append(
            Delivery(
                post=post,
                connection=connection,
                network=connection.network,
                text=compose(text, connection.network, link=link, content_warning=content_warning),
                due_at=when,
                intent_key=new_tid(),
            )
        )
    for network in handoffs:
        body = compose(text, network, link=link, content_warning=content_warning)
        deliveries.append(
            Delivery(
                post=post,
                network=network,
                text=body,
                state=State.HANDOFF,
                due_at=when,
                intent_key=new_tid(),
                remote_url=get(network).share_link(body) or "",
                message="Open the share link to post it from your own account.",
            )
        )
    Delivery.objects.bulk_create(deliveries)
    queue([d for d in post.deliveries.all() if d.state == State.SCHEDULED])
    return post


def queue(deliveries: Iterable[Delivery]) -> None:
    """Queue each delivery's task for its due time, once the transaction commits."""
    items = [(d.pk, d.due_at) for d in deliveries]
    if not items:
        return

    def enqueue() -> None:
        from .tasks import publish_delivery

        now = timezone.now()
        for pk, due in items:
            task = publish_delivery if due <= now else publish_delivery.using(run_after=due)
            task.enqueue(pk)

    transaction.on_commit(enqueue)


_TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"


def new_tid() -> str:
    """A fresh atproto TID (13 characters of sortable base32: 53 bits of microseconds and
    10 bits of clock id): Bluesky's record key, and every network's intent key."""
    micros = int(timezone.now().timestamp() * 1_000_000)
    value = (micros << 10) | random.getrandbits(10)
    value &= (1 << 63) - 1
    out = []
    for _ in range(13):
        out.append(_TID_ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(out))


# --- one step of a delivery ---------------------------------------------------------------


def _lease() -> dt.timedelta:
    return dt.timedelta(seconds=settings.PUBLISH_LEASE_SECONDS)


def backoff(attempts: int, retry_after: float | None = None) -> dt.timedelta:
    """Exponential backoff with jitter, never sooner than the network's Retry-After."""
    base = float(settings.PUBLISH_BACKOFF_SECONDS)
    wait = min(base * 2 ** max(0, attempts - 1), 3600.0) * (0.75 + random.random() / 2)
    if retry_after is not None:
        wait = max(float(retry_after), min(wait, base))
    return dt.timedelta(seconds=wait)


def intent_of(delivery: Delivery) -> Intent:
    post = delivery.post
    return Intent(
        key=delivery.intent_key,
        text=delivery.text,
        created_at=post.created_at,
        link=post.link,
        link_title=post.link_title,
        link_description=post.link_description,
        content_warning=post.content_warning if delivery.network != "bluesky" else "",
        images=tuple(
            Image(i.data if isinstance(i.data, bytes) else bytes(i.data), i.mime, i.alt)
            for i in post.images.all()
        ),
    )


def claim(delivery_id: int, *, now: dt.datetime | None = None) -> tuple[Delivery, str, str] | None:
    """Take a due delivery for this worker: (delivery, the state it was in, claim token)."""
    now = now or timezone.now()
    delivery = (
        Delivery.objects.select_related("post", "post__author", "connection")
        .prefetch_related("post__images")
        .filter(pk=delivery_id)
        .first()
    )
    if delivery is None or delivery.state not in (State.SCHEDULED, State.RECONCILE):
        return None
    if delivery.due_at > now:
        return None
    previous = delivery.state
    token = uuid.uuid4().hex
    target = State.SENDING if previous == State.RECONCILE else State.CLAIMED
    won = Delivery.objects.filter(
        pk=delivery.pk, state=previous, claim_token=delivery.claim_token, due_at__lte=now
    ).update(
        state=target,
        claim_token=token,
        lease_until=now + _lease(),
        attempts=F("attempts") + 1,
        updated_at=now,
    )
    if not won:
        return None
    delivery.state, delivery.claim_token = target, token
    delivery.lease_until, delivery.attempts = now + _lease(), delivery.attempts + 1
    return delivery, previous, token


def run(delivery_id: int) -> str:
    """Take one step for a delivery if it is due and no one else has it; its state after."""
    claimed = claim(delivery_id)
    if claimed is None:
        return "not due or taken"
    delivery, previous, token = claimed
    try:
        if previous == State.RECONCILE:
            return _reconcile(delivery, token)
        return _fresh(delivery, token)
    except Exception as exc:  # a bug, or the database: the outcome of any call is unknown
        log.exception("delivery %s: unexpected error", delivery.pk)
        _unknown(delivery, token, f"Something went wrong ({type(exc).__name__}); checking again.")
        return delivery.state


def _fresh(delivery: Delivery, token: str) -> str:
    connection = delivery.connection
    if connection is None:
        _fail(delivery, token, "The connection to this network was removed before publishing.")
        return delivery.state
    if not connection.is_active:
        _needs_reconnect(delivery, token, connection.status_message)
        return delivery.state
    blocked = review_now(delivery)
    if blocked is not None:
        delivery.move(token, State.HELD, message=blocked, lease_until=None, review=delivery.review)
        _tell_author(delivery, "held", blocked)
        return delivery.state
    # The intent: committed before the network is called, so a dead worker leaves a trace.
    if not delivery.move(
        token,
        State.SENDING,
        review=delivery.review,
        sent_at=delivery.sent_at or timezone.now(),
        lease_until=timezone.now() + _lease(),
    ):
        return "taken over"
    return _call(delivery, token, reconciling=False)


def _reconcile(delivery: Delivery, token: str) -> str:
    """The network may already have this post: find out before anything else."""
    connection = delivery.connection
    if connection is None:
        _uncertain(delivery, token, "The connection was removed while the outcome was unknown.")
        return delivery.state
    if not connection.is_active:
        _needs_reconnect(delivery, token, connection.status_message)
        return delivery.state
    connector = get(delivery.network)
    intent = intent_of(delivery)
    window = connector.idempotency_hours
    sent_at = delivery.sent_at or delivery.updated_at
    within_window = window is None or timezone.now() - sent_at < dt.timedelta(hours=window) * 0.9
    readable = True
    try:
        found = connector.find(connection, intent)
    except CannotReadBack as exc:
        readable, found, why = False, None, exc.message
    except Revoked as exc:
        connection.mark_revoked(exc.message)
        _needs_reconnect(delivery, token, exc.message)
        return delivery.state
    except (RateLimited, Unreachable, ServerError, TimedOut) as exc:
        _retry_or_give_up(delivery, token, exc, reconciling=True)
        return delivery.state
    except Rejected as exc:
        readable, found, why = False, None, exc.message
    if found is not None:
        _published(delivery, token, found)
        return delivery.state
    if connector.idempotent and within_window:
        return _call(delivery, token, reconciling=True)  # the same key: never a second post
    if readable:
        # Read back, and not there: trying again is no longer blind.
        return _call(delivery, token, reconciling=True)
    _uncertain(delivery, token, why)
    return delivery.state


def _call(delivery: Delivery, token: str, *, reconciling: bool) -> str:
    connector = get(delivery.network)
    connection = delivery.connection
    assert connection is not None
    try:
        published = connector.publish(connection, intent_of(delivery))
    except Revoked as exc:
        connection.mark_revoked(exc.message)
        # A 401 means nothing was posted: unless an earlier try is still unknown, the
        # delivery starts afresh (reviewed again) once its author reconnects.
        _needs_reconnect(delivery, token, exc.message, unsent=not reconciling)
    except Rejected as exc:
        if reconciling and not connector.idempotent:
            _uncertain(delivery, token, exc.message)
        else:
            _fail(delivery, token, exc.message)
    except (RateLimited, Unreachable) as exc:
        # Never reached the network's posting: the earlier state (unknown or not) stands.
        _retry_or_give_up(delivery, token, exc, reconciling=reconciling)
    except (ServerError, TimedOut) as exc:
        _retry_or_give_up(delivery, token, exc, reconciling=True)
    except ConnectorError as exc:
        _retry_or_give_up(delivery, token, exc, reconciling=True)
    else:
        _published(delivery, token, published)
    return delivery.state


def _published(delivery: Delivery, token: str, published: Published) -> None:
    delivery.move(
        token,
        State.PUBLISHED,
        remote_id=published.remote_id,
        remote_url=published.url,
        published_at=timezone.now(),
        lease_until=None,
        message="",
    )


def _retry_or_give_up(
    delivery: Delivery, token: str, exc: ConnectorError, *, reconciling: bool
) -> None:
    retry_after = getattr(exc, "retry_after", None)
    if delivery.attempts >= settings.PUBLISH_MAX_ATTEMPTS:
        if reconciling:
            _uncertain(delivery, token, f"{exc.message}, {delivery.attempts} times.")
        else:
            _fail(delivery, token, f"{exc.message}, {delivery.attempts} times; giving up.")
        return
    due = timezone.now() + backoff(delivery.attempts, retry_after)
    state = State.RECONCILE if reconciling else State.SCHEDULED
    if delivery.move(
        token, state, due_at=due, lease_until=None, message=f"{exc.message}; trying again."
    ):
        queue([delivery])


def _unknown(delivery: Delivery, token: str, message: str) -> None:
    due = timezone.now() + backoff(delivery.attempts)
    if delivery.move(token, State.RECONCILE, due_at=due, lease_until=None, message=message):
        queue([delivery])


def _needs_reconnect(delivery: Delivery, token: str, message: str, *, unsent: bool = False) -> None:
    text = message or f"{delivery.label} no longer accepts this connection: please reconnect."
    extra = {"sent_at": None} if unsent else {}
    delivery.move(token, State.RECONNECT, lease_until=None, message=text, **extra)
    _tell_author(delivery, "reconnect", text)


def _uncertain(delivery: Delivery, token: str, message: str) -> None:
    text = (
        f"We could not tell whether {delivery.label} published this post ({message}). "
        f"Please look at your profile, then tell us: it is there, or publish it again."
    )
    delivery.move(token, State.UNCERTAIN, lease_until=None, message=text)
    _tell_author(delivery, "uncertain", text)


def _fail(delivery: Delivery, token: str, message: str) -> None:
    delivery.move(token, State.FAILED, lease_until=None, message=message)
    _tell_author(delivery, "failed", message)


def review_now(delivery: Delivery) -> str | None:
    """Review the delivery's text with the policy in force and today's date, now: a message
    for the author when it is blocked (a quiet period may have begun since scheduling)."""
    from manyvoices.composer.reviewing import author_of
    from manyvoices.engine import Draft, Media, review
    from manyvoices.guidelines.models import PolicyVersion

    version = PolicyVersion.objects.current()  # not the per-process cache: this moment's
    if version is None:
        return "No guidelines are published yet, so nothing can be published."
    post = delivery.post
    engine_network = delivery.network
    draft = Draft(
        text=delivery.text,
        network=engine_network,
        author=author_of(post.author),
        media=tuple(Media(alt=i.alt) for i in post.images.all()),
    )
    result = review(draft, version.policy())
    # Kept with the delivery's next move (author-only, like every review).
    delivery.review = result.to_dict()
    if result.verdict != "block":
        return None
    reasons = "; ".join(
        f"{f.message} ('{f.excerpt}')" for f in result.findings if f.severity == "block"
    )
    return (
        f"Held at publishing time by the guidelines in force ({version.name} "
        f"{version.version}): {reasons}"
    )


def _tell_author(delivery: Delivery, kind: str, message: str) -> None:
    """An email to the author; the post's page shows the same message with what to do."""
    post = delivery.post
    url = settings.SITE_URL + reverse("networks:post", args=[post.pk])
    subjects = {
        "held": f"Your {delivery.label} post was held",
        "reconnect": f"Reconnect {delivery.label} to publish your post",
        "uncertain": f"Is your {delivery.label} post there?",
        "failed": f"Your {delivery.label} post could not be published",
    }
    body = f"{message}\n\nYour post: {url}\n"
    if kind == "reconnect":
        body += f"Reconnect: {settings.SITE_URL}{reverse('networks:connections')}\n"
    try:
        send_mail(subjects[kind], body, None, [post.author.email], fail_silently=False)
    except Exception:  # the message stays on the post's page either way
        log.warning("could not email %s about delivery %s", post.author.email, delivery.pk)


# --- the reaper ---------------------------------------------------------------------------


def recover(now: dt.datetime | None = None) -> int:
    """Find work a dead worker left behind, and deliveries whose task was lost; queue them
    again. Safe from any number of workers at once: each move is a conditional UPDATE."""
    now = now or timezone.now()
    moved = []
    for delivery in Delivery.objects.stale(now).only("pk", "state", "claim_token"):
        target = State.RECONCILE if delivery.state == State.SENDING else State.SCHEDULED
        won = Delivery.objects.filter(
            pk=delivery.pk, state=delivery.state, claim_token=delivery.claim_token
        ).update(
            state=target,
            due_at=now,
            lease_until=None,
            claim_token="",
            updated_at=now,
            message="The worker publishing this stopped; checking and finishing it.",
        )
        if won:
            delivery.due_at = now
            moved.append(delivery)
    grace = dt.timedelta(seconds=settings.PUBLISH_OVERDUE_SECONDS)
    for delivery in Delivery.objects.overdue(now, grace).only("pk", "state", "due_at"):
        touched = Delivery.objects.filter(
            pk=delivery.pk, state=delivery.state, due_at=delivery.due_at
        ).update(due_at=now)
        if touched:
            delivery.due_at = now
            moved.append(delivery)
    if moved:
        with transaction.atomic():
            queue(moved)
    _close_dead_task_rows(now)
    return len(moved)


def _close_dead_task_rows(now: dt.datetime) -> int:
    """django-tasks-db leaves a task whose worker died "running" forever. A publish task
    still running after twice the lease cannot be alive (its delivery was reaped and
    queued again above): mark its row failed, so the queue's table tells the truth."""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING,
        task_path="manyvoices.networks.tasks.publish_delivery",
        started_at__lt=now - 2 * _lease(),
    ).update(
        status=TaskResultStatus.FAILED,
        finished_at=now,
        exception_class_path="manyvoices.networks.publishing.WorkerLost",
        traceback="The worker running this task stopped (its lease ran out); "
        "the delivery was reaped and queued again.",
    )


def resume_after_reconnect(connection: Connection) -> int:
    """Deliveries that waited for this account to be reconnected go on now."""
    count = 0
    waiting = Delivery.objects.filter(
        state=State.RECONNECT,
        post__author=connection.owner,
        network=connection.network,
    ).select_related("connection")
    resumed = []
    for delivery in waiting:
        same_account = delivery.connection_id in (None, connection.pk) or (
            delivery.connection is not None
            and delivery.connection.account_id == connection.account_id
        )
        if not same_account:
            continue
        target = State.RECONCILE if delivery.sent_at else State.SCHEDULED
        if Delivery.objects.filter(pk=delivery.pk, state=State.RECONNECT).update(
            state=target,
            connection=connection,
            due_at=timezone.now(),
            claim_token="",
            message="",
        ):
            delivery.due_at = timezone.now()
            resumed.append(delivery)
            count += 1
    queue(resumed)
    return count


def retry(delivery: Delivery) -> bool:
    """The author asks again (after editing a held post, or saying an uncertain one is not
    there): back to scheduled, reviewed again when it runs. The intent key stays, so on
    Bluesky and Mastodon a post that was there after all is found, not doubled."""
    if delivery.state == State.UNCERTAIN:
        ok = bool(
            Delivery.objects.filter(pk=delivery.pk, state=State.UNCERTAIN).update(
                state=State.SCHEDULED,
                due_at=timezone.now(),
                claim_token="",
                message="",
            )
        )
    else:
        ok = delivery.reschedule()
    if ok:
        delivery.refresh_from_db()
        queue([delivery])
    return ok
