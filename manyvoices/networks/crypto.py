"""Tokens at rest: Fernet (AES-128-CBC + HMAC-SHA256) with key rotation (MultiFernet).

MANYVOICES_TOKEN_KEYS holds one or more Fernet keys, comma-separated: the first encrypts,
every one decrypts. To rotate, put a new key first, keep the old ones after it, and run
`manyvoices manage reencrypt_network_tokens`; then the old keys can be dropped.
Outside production, with no keys set, one key is derived from SECRET_KEY so the demo and
the tests work; production refuses to start without MANYVOICES_TOKEN_KEYS (settings.py).
"""

from __future__ import annotations

import base64
import hashlib
import json
from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class UnreadableSecret(Exception):
    """A stored secret that none of the configured keys decrypts."""


def _keys() -> tuple[str, ...]:
    keys = tuple(getattr(settings, "TOKEN_KEYS", ()) or ())
    if keys:
        return keys
    derived = hashlib.sha256(b"manyvoices-token-key:" + settings.SECRET_KEY.encode()).digest()
    return (base64.urlsafe_b64encode(derived).decode(),)


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    fernets = []
    for index, key in enumerate(keys, 1):
        try:
            fernets.append(Fernet(key.encode()))
        except (ValueError, TypeError):
            raise ImproperlyConfigured(
                f"MANYVOICES_TOKEN_KEYS: key {index} is not a Fernet key (32 url-safe "
                'base64-encoded bytes; make one with `python -c "from cryptography.fernet '
                'import Fernet; print(Fernet.generate_key().decode())"`)'
            ) from None
    return MultiFernet(fernets)


def fernet() -> MultiFernet:
    return _fernet(_keys())


def encrypt(data: dict[str, Any]) -> str:
    return fernet().encrypt(json.dumps(data, sort_keys=True).encode()).decode()


def decrypt(token: str) -> dict[str, Any]:
    if not token:
        return {}
    try:
        return dict(json.loads(fernet().decrypt(token.encode())))
    except InvalidToken:
        raise UnreadableSecret(
            "a stored network token cannot be decrypted with MANYVOICES_TOKEN_KEYS "
            "(was a key removed before `reencrypt_network_tokens` ran?)"
        ) from None


def rotate(token: str) -> str:
    """The same secret encrypted with the first key."""
    return fernet().rotate(token.encode()).decode() if token else token
