"""Checking a server address an employee typed (a Mastodon instance, a Bluesky PDS): HTTPS
only, and never a private address, so ManyVoices cannot be used to reach the company's
own network. Tests allow loopback with MANYVOICES_NETWORKS_ALLOW_LOOPBACK."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings

from . import Rejected


def check_server(raw: str, *, label: str) -> str:
    """The server's base URL (scheme://host[:port]), or Rejected naming what is wrong."""
    value = (raw or "").strip().rstrip("/")
    if not value:
        raise Rejected(f"{label}: give its address, e.g. mastodon.social")
    if "://" not in value:
        value = "https://" + value
    parts = urlsplit(value)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise Rejected(f"{label}: {raw!r} is not a web address")
    if parts.path not in ("", "/") or parts.query or parts.username:
        raise Rejected(f"{label}: give only the server's address, without a path ({raw!r})")
    allow_loopback = bool(getattr(settings, "NETWORKS_ALLOW_LOOPBACK", False))
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except OSError:
        raise Rejected(f"{label}: {parts.hostname} could not be found") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if address.is_loopback and allow_loopback:
            continue
        if (
            address.is_private
            or address.is_loopback
            or address.is_link_local
            or address.is_reserved
        ):
            raise Rejected(f"{label}: {parts.hostname} is a private address")
    if parts.scheme == "http" and not allow_loopback:
        raise Rejected(f"{label}: only https:// servers can be connected")
    return f"{parts.scheme}://{parts.netloc.lower()}"
