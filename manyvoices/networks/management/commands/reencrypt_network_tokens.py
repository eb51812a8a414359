"""Re-encrypt every stored network token with the first key of MANYVOICES_TOKEN_KEYS.

Key rotation: put the new key first in MANYVOICES_TOKEN_KEYS (keep the old ones after
it), run this, then remove the old keys."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from manyvoices.networks import crypto
from manyvoices.networks.models import AppRegistration, Connection


class Command(BaseCommand):
    help = "Re-encrypt stored network tokens with the first MANYVOICES_TOKEN_KEYS key"

    def handle(self, *args: Any, **options: Any) -> None:
        count = 0
        try:
            with transaction.atomic():
                for model in (Connection, AppRegistration):
                    for row in model.objects.select_for_update().exclude(secret=""):
                        row.secret = crypto.rotate(row.secret)
                        model.objects.filter(pk=row.pk).update(secret=row.secret)
                        count += 1
        except Exception as exc:  # InvalidToken: a key that was needed is gone
            raise CommandError(
                "nothing was changed: a stored token cannot be decrypted with the keys "
                f"given ({exc!r})"
            ) from None
        self.stdout.write(f"re-encrypted {count} secret{'s' if count != 1 else ''}")
