"""Notifications for mentions, comments and replies: in the app and in an email digest."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command

from manyvoices.social import services
from manyvoices.social.digest import send_digests
from manyvoices.social.models import Notification

from .conftest import People
from .social_world import World

pytestmark = pytest.mark.django_db


def test_a_mention_a_comment_and_a_reply_each_notify_the_right_person(
    people: People, policy: Any
) -> None:
    post = services.save_post(
        author=people.alice, title="Hello", body="Thoughts, @bob?", publish=True
    )
    first = services.add_comment(author=people.bob, post=post, body="Yes! cc @charlie")
    services.add_comment(author=people.alice, post=post, body="Thanks", parent=first)
    got = sorted(Notification.objects.values_list("recipient__email", "kind"))
    assert got == [
        ("alice@globodyne.example", "comment"),
        ("bob@globodyne.example", "mention"),
        ("bob@globodyne.example", "reply"),
        ("charlie@globodyne.example", "mention"),
    ]


def test_nobody_is_notified_of_their_own_act(people: People, policy: Any) -> None:
    post = services.save_post(author=people.alice, title="Me", body="@alice", publish=True)
    services.add_comment(author=people.alice, post=post, body="me again @alice")
    assert not Notification.objects.exists()


def test_a_draft_notifies_nobody_until_it_is_published(people: People, policy: Any) -> None:
    draft = services.save_post(author=people.alice, title="Soon", body="@bob look")
    assert not Notification.objects.exists()
    services.save_post(
        author=people.alice, title="Soon", body="@bob look", post=draft, publish=True
    )
    assert Notification.objects.filter(recipient=people.bob, kind="mention").count() == 1
    services.save_post(author=people.alice, title="Soon", body="@bob look!", post=draft)
    assert Notification.objects.filter(recipient=people.bob).count() == 1  # not twice


def test_the_notifications_page_lists_and_marks_read(
    people: People, policy: Any, client_for: Any
) -> None:
    services.save_post(author=people.alice, title="Ping", body="@bob", publish=True)
    c = client_for(people.bob)
    assert "1 new notification" in c.get("/network/").content.decode()
    page = c.get("/network/notifications/").content.decode()
    assert "Alice Archer mentioned you: Ping" in page
    assert c.post("/network/notifications/").status_code == 302
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    assert client_for(None).get("/network/notifications/").status_code == 302


def test_the_digest_emails_each_person_once(people: People, policy: Any) -> None:
    post = services.save_post(author=people.alice, title="Ping", body="@bob @charlie", publish=True)
    services.add_comment(author=people.bob, post=post, body="pong")
    assert send_digests() == 3
    by_to = {m.to[0]: m.body for m in mail.outbox}
    assert set(by_to) == {people.alice.email, people.bob.email, people.charlie.email}
    assert f"/network/posts/{post.pk}/" in by_to[people.bob.email]
    assert send_digests() == 0  # nothing twice
    call_command("social_digest")
    assert len(mail.outbox) == 3


def test_the_digest_leaves_out_what_the_person_no_longer_sees(people: People, world: World) -> None:
    Notification.objects.update(emailed_at=None)
    world.skunkworks.memberships.filter(user=people.alice).delete()
    send_digests()
    assert not [m for m in mail.outbox if people.alice.email in m.to]


def test_the_worker_sends_the_digest_once_a_day(people: People, policy: Any) -> None:
    from manyvoices.social import tasks
    from manyvoices.worker import periodic_jobs

    assert (tasks.send_notification_digests, 86400.0) in periodic_jobs()
    services.save_post(author=people.alice, title="Ping", body="@bob", publish=True)
    assert tasks.send_notification_digests.call() == 1
    assert tasks.send_notification_digests.call() == 0
    assert [m.to for m in mail.outbox] == [[people.bob.email]]


def test_a_reply_from_the_post_page_notifies_the_comments_author(
    people: People, policy: Any, client_for: Any
) -> None:
    post = services.save_post(author=people.alice, title="Q", body="Any ideas?", publish=True)
    first = services.add_comment(author=people.bob, post=post, body="One idea")
    page = client_for(people.charlie).get(f"/network/posts/{post.pk}/").content.decode()
    assert f'name="parent" value="{first.pk}"' in page
    r = client_for(people.charlie).post(
        f"/network/posts/{post.pk}/comment/", {"body": "Good one", "parent": first.pk}
    )
    assert r.status_code == 302
    assert Notification.objects.filter(recipient=people.bob, kind="reply").exists()
