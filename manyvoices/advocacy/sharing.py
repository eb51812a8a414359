"""Share links: sharing with no network account at all, through each network's own
"share" address (the person's browser posts, signed in to the network as themselves).

Each function takes the text and the short link and returns the address to open. One
small function per network, so adding one means copying one.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

_INSTANCE = re.compile(r"^[a-z0-9.-]+\.[a-z]{2,}(?::\d+)?$", re.IGNORECASE)


def linkedin(text: str, url: str, **_: str) -> str:
    # LinkedIn's share box takes the text (the link inside it draws the card).
    return "https://www.linkedin.com/feed/?" + urlencode(
        {"shareActive": "true", "text": f"{text}\n\n{url}"}, quote_via=quote
    )


def x(text: str, url: str, **_: str) -> str:
    return "https://x.com/intent/post?" + urlencode({"text": text, "url": url}, quote_via=quote)


def bluesky(text: str, url: str, **_: str) -> str:
    return "https://bsky.app/intent/compose?" + urlencode(
        {"text": f"{text}\n\n{url}"}, quote_via=quote
    )


def mastodon(text: str, url: str, *, instance: str = "", **_: str) -> str:
    """Mastodon has no central site: the person's own instance's /share page."""
    instance = clean_instance(instance)
    if not instance:
        return ""
    return f"https://{instance}/share?" + urlencode({"text": f"{text}\n\n{url}"}, quote_via=quote)


def facebook(text: str, url: str, **_: str) -> str:
    # Facebook's sharer takes only the link; the person pastes the text (shown beside it).
    return "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}, quote_via=quote)


def email(text: str, url: str, *, subject: str = "", **_: str) -> str:
    return "mailto:?" + urlencode({"subject": subject, "body": f"{text}\n\n{url}"}, quote_via=quote)


SHARE_LINKS = {
    "linkedin": linkedin,
    "x": x,
    "bluesky": bluesky,
    "mastodon": mastodon,
    "facebook": facebook,
    "email": email,
}


def clean_instance(value: str) -> str:
    """'https://mastodon.social/@me' or '@me@mastodon.social' -> 'mastodon.social'; '' if it
    is not a host name."""
    value = value.strip().lower()
    if "@" in value and "://" not in value:
        value = value.rsplit("@", 1)[1]
    value = value.split("://", 1)[-1].split("/", 1)[0]
    return value if _INSTANCE.match(value) else ""


def share_link(network: str, text: str, url: str, **extra: str) -> str:
    make = SHARE_LINKS.get(network)
    return make(text, url, **extra) if make else ""
