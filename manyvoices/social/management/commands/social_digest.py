"""manyvoices manage social_digest: email each person their unsent notifications (run it
from cron, e.g. daily)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from manyvoices.social.digest import send_digests


class Command(BaseCommand):
    help = "Email each person a digest of their new internal-network notifications."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_digests()
        self.stdout.write(f"sent {sent} digest{'s' if sent != 1 else ''}")
