"""Drive a ManyVoices database from outside for the worker-process tests and the publish
benchmark: `python -m tests.networks.drive setup|status ...` with the database chosen by
the environment (MANYVOICES_DATA_DIR for SQLite, or DATABASE_URL), exactly as the
`manyvoices worker` processes it is shared with see it.

    setup --server URL --network mastodon|linkedin --token TOKEN --posts N
          [--start-in SECONDS] [--spread SECONDS]     migrate, people, policy, connection,
                                                       N posts due from start-in over spread
    status                                             one JSON object: deliveries by state,
                                                       and each one's due, published, remote id
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from typing import Any


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "manyvoices.settings")
    import django

    django.setup()


def setup(args: argparse.Namespace) -> dict[str, Any]:
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    call_command("migrate", interactive=False, verbosity=0)
    from manyvoices.guidelines.models import PolicyVersion
    from manyvoices.networks.models import Connection
    from manyvoices.networks.publishing import create_post
    from manyvoices.people.models import Role, User
    from tests.web.conftest import TEST_POLICY

    compliance = User.objects.filter(email="compliance@globodyne.example").first()
    if compliance is None:  # a second setup in the same database adds posts only
        compliance = User.objects.create_user(
            "compliance@globodyne.example", "x-password-1", name="Carl", role=Role.COMPLIANCE
        )
        User.objects.create_user("alice@globodyne.example", "x-password-1", name="Alice")
        version = PolicyVersion.create_from_yaml(TEST_POLICY, by=compliance, note="first")
        version.publish(by=compliance)
    alice = User.objects.get(email="alice@globodyne.example")
    account = "urn:li:person:abc123" if args.network == "linkedin" else "1"
    connection, _ = Connection.objects.get_or_create(
        owner=alice,
        network=args.network,
        server=args.server if args.network == "mastodon" else "",
        account_id=account,
        defaults={"handle": "@alice"},
    )
    connection.save_credentials({"access_token": args.token})
    start = timezone.now() + dt.timedelta(seconds=args.start_in)
    step = dt.timedelta(seconds=args.spread / max(1, args.posts))
    ids = []
    with transaction.atomic():  # one commit; each post's task is queued on it
        for i in range(args.posts):
            post = create_post(
                author=alice,
                text=f"Walk number {i} by the river, lovely and sunny",
                connection_ids=[connection.pk],
                scheduled_for=start + step * i,
            )
            ids.append(post.pk)
    return {"posts": ids, "first_due": start.isoformat()}


def status(args: argparse.Namespace) -> dict[str, Any]:
    from django.db.models import Count

    from manyvoices.networks.models import Delivery

    by_state = dict(
        Delivery.objects.values_list("state").annotate(n=Count("pk")).values_list("state", "n")
    )
    rows = [
        {
            "id": d.pk,
            "state": d.state,
            "due": d.due_at.timestamp(),
            "published": d.published_at.timestamp() if d.published_at else None,
            "remote_id": d.remote_id,
            "attempts": d.attempts,
            "message": d.message,
        }
        for d in Delivery.objects.order_by("pk")
    ]
    return {"states": by_state, "deliveries": rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="drive")
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("setup")
    s.add_argument("--server", required=True)
    s.add_argument("--network", default="mastodon", choices=["mastodon", "linkedin"])
    s.add_argument("--token", required=True)
    s.add_argument("--posts", type=int, default=1)
    s.add_argument("--start-in", type=float, default=0.0)
    s.add_argument("--spread", type=float, default=0.0)
    sub.add_parser("status")
    args = parser.parse_args(argv)
    _django()
    result = setup(args) if args.command == "setup" else status(args)
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
