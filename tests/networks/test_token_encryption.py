"""Tokens at rest are Fernet-encrypted with MANYVOICES_TOKEN_KEYS; the first key encrypts,
all decrypt; `reencrypt_network_tokens` moves everything to the first key."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.core.management.base import CommandError

from manyvoices.networks import crypto
from manyvoices.networks.models import Connection
from tests.conftest import ROOT


def _connection(people):
    c = Connection.objects.create(
        owner=people.alice, network="linkedin", account_id="urn:li:person:1"
    )
    c.save_credentials({"access_token": "AQX-very-secret"})
    return c


def test_the_token_is_not_stored_in_clear(people):
    c = _connection(people)
    stored = Connection.objects.values_list("secret", flat=True).get(pk=c.pk)
    assert "AQX-very-secret" not in stored
    assert Connection.objects.get(pk=c.pk).credentials == {"access_token": "AQX-very-secret"}


def test_keys_rotate_and_old_keys_still_decrypt_until_reencrypted(people, settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.TOKEN_KEYS = [old]
    c = _connection(people)
    settings.TOKEN_KEYS = [new, old]  # the new key first; the old one still decrypts
    assert Connection.objects.get(pk=c.pk).credentials["access_token"] == "AQX-very-secret"
    out = io.StringIO()
    call_command("reencrypt_network_tokens", stdout=out)
    assert out.getvalue().strip() == "re-encrypted 1 secret"
    settings.TOKEN_KEYS = [new]  # the old key is gone
    assert Connection.objects.get(pk=c.pk).credentials["access_token"] == "AQX-very-secret"


def test_a_missing_key_is_a_clear_error_and_reencrypting_changes_nothing(people, settings):
    settings.TOKEN_KEYS = [Fernet.generate_key().decode()]
    c = _connection(people)
    before = Connection.objects.values_list("secret", flat=True).get(pk=c.pk)
    settings.TOKEN_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(crypto.UnreadableSecret, match="MANYVOICES_TOKEN_KEYS"):
        _ = Connection.objects.get(pk=c.pk).credentials
    with pytest.raises(CommandError, match="nothing was changed"):
        call_command("reencrypt_network_tokens")
    assert Connection.objects.values_list("secret", flat=True).get(pk=c.pk) == before


def _settings_with(env):
    return subprocess.run(
        [sys.executable, "-c", "import manyvoices.settings"],
        env={**os.environ, **env}, cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_a_bad_key_stops_start_up_naming_the_variable():
    result = _settings_with({"MANYVOICES_TOKEN_KEYS": "not-a-key"})
    assert result.returncode != 0 and "MANYVOICES_TOKEN_KEYS: key 1" in result.stderr


def test_production_requires_token_keys():
    result = _settings_with({
        "MANYVOICES_ENV": "production", "MANYVOICES_SECRET_KEY": "x" * 60,
        "MANYVOICES_ALLOWED_HOSTS": "example.org", "MANYVOICES_TOKEN_KEYS": "",
    })  # fmt: skip
    assert result.returncode != 0 and "MANYVOICES_TOKEN_KEYS is required" in result.stderr
