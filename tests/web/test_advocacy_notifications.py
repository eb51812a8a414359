"""Notifications: a weekly digest of new content for each employee (Django's email
backend, sent once a week, with an unsubscribe link that works without signing in), and
one message to a Slack or Microsoft Teams incoming webhook when a campaign starts."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from manyvoices.advocacy import notifications
from manyvoices.advocacy.models import AdvocateProfile, Campaign, DigestSent
from manyvoices.advocacy.tasks import announce_campaigns, send_digests

from .advocacy_helpers import Route, local_site, make_shareable


@pytest.fixture
def fresh(people: Any, policy: Any) -> None:
    make_shareable(title="For everyone")
    make_shareable(title="Sales only", departments=["Sales"])


def _to(address: str) -> list[Any]:
    return [m for m in mail.outbox if m.to == [address]]


def test_each_employee_gets_a_digest_of_what_is_meant_for_them(people: Any, fresh: None) -> None:
    sent = send_digests.call()
    assert sent >= 2
    alice = _to(people.alice.email)[0]
    charlie = _to(people.charlie.email)[0]
    assert "For everyone" in alice.body and "Sales only" not in alice.body
    assert "For everyone" in charlie.body and "Sales only" in charlie.body
    html = alice.alternatives[0][0]
    assert "For everyone" in html and "Sales only" not in html


def test_the_digest_goes_once_a_week(people: Any, fresh: None) -> None:
    send_digests.call()
    count = len(mail.outbox)
    assert send_digests.call() == 0 and len(mail.outbox) == count
    assert DigestSent.objects.filter(user=people.alice).count() == 1


def test_nothing_new_sends_nothing(people: Any, policy: Any) -> None:
    make_shareable(title="Old", starts_at=timezone.now() - dt.timedelta(days=30))
    assert send_digests.call() == 0 and mail.outbox == []


def test_the_unsubscribe_link_works_without_signing_in(
    people: Any, fresh: None, client_for: Any
) -> None:
    notifications.send_digest(people.alice)
    message = _to(people.alice.email)[0]
    link = re.search(r"Stop these emails: (\S+)", message.body).group(1)
    assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"
    path = link.split("://", 1)[1].split("/", 1)[1]
    client = client_for(None)
    page = client.get(f"/{path}")
    assert page.status_code == 200 and "Unsubscribe" in page.content.decode()
    assert AdvocateProfile.of(people.alice).weekly_digest is True  # a GET changes nothing
    done = client.post(f"/{path}")  # as a mail client's one-click unsubscribe does
    assert done.status_code == 200 and "will no longer get" in done.content.decode()
    assert AdvocateProfile.of(people.alice).weekly_digest is False
    mail.outbox.clear()
    DigestSent.objects.all().delete()
    make_shareable(title="Newer")
    send_digests.call()
    assert _to(people.alice.email) == []


def test_a_forged_unsubscribe_link_is_refused(people: Any, client_for: Any) -> None:
    assert client_for(None).post("/hub/unsubscribe/not-a-token/").status_code == 404
    assert AdvocateProfile.of(people.alice).weekly_digest is True


@pytest.fixture
def webhook(settings: Any) -> Any:
    with local_site({"/hook": Route(body=b"ok", content_type="text/plain")}) as site:
        settings.ADVOCACY_WEBHOOK_URL = site.url("/hook")
        yield site


def test_a_started_campaign_is_announced_once(people: Any, webhook: Any) -> None:
    Campaign.objects.create(name="Spring Launch", description="Tell the world.")
    Campaign.objects.create(name="Later", starts_at=timezone.now() + dt.timedelta(days=2))
    assert announce_campaigns.call() == 1
    assert announce_campaigns.call() == 0
    assert len(webhook.posts) == 1
    body = json.loads(webhook.posts[0][1])
    assert "Spring Launch" in body["text"] and "/hub/?campaign=spring-launch" in body["text"]
    assert Campaign.objects.get(name="Later").announced_at is None


def test_a_failed_webhook_is_tried_again_later(people: Any, settings: Any) -> None:
    with local_site({"/hook": Route(500)}) as site:
        settings.ADVOCACY_WEBHOOK_URL = site.url("/hook")
        campaign = Campaign.objects.create(name="Spring")
        assert announce_campaigns.call() == 0
        campaign.refresh_from_db()
        assert campaign.announced_at is None
        site.routes["/hook"] = Route(200, body=b"ok")
        assert announce_campaigns.call() == 1


def test_teams_gets_a_connector_card() -> None:
    body = notifications.webhook_payload("https://acme.webhook.office.com/webhookb2/x", "Hi")
    assert body["@type"] == "MessageCard" and body["text"] == "Hi"
    assert notifications.webhook_payload("https://hooks.slack.com/services/x", "Hi") == {
        "text": "Hi"
    }


def test_creating_a_started_campaign_queues_the_announcement(
    people: Any, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(people.comms).post("/hub/manage/campaigns/", {"name": "Now"})
    assert response.status_code == 302
    assert DBTaskResult.objects.get().task_path.endswith("announce_campaigns")
