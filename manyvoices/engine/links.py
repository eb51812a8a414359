"""Links in a draft (with or without a scheme), found with urlextract and classified by host.

urlextract scans the whole text for top-level domains, which is slow on long
drafts; a cheap pattern first picks the whitespace-delimited tokens that could
hold a link, and only those are handed to it.
"""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from .context import Context, Link

_CANDIDATE = re.compile(r"[A-Za-z0-9-]\.[A-Za-z]{2,}|://|\blocalhost\b|\b\d{1,3}(?:\.\d{1,3}){3}\b")
_TOKEN = re.compile(r"\S+")
_TRAILING = ".,;:!?)]}'\"»”’…"
INTERNAL_SUFFIXES = (".internal", ".corp", ".local", ".lan", ".intranet", ".localdomain")


@lru_cache(maxsize=1)
def _extractor() -> Any:
    from urlextract import URLExtract

    extractor = URLExtract(extract_email=False, extract_localhost=True)
    extractor.ignore_list = set()
    return extractor


def host_of(url: str) -> str:
    candidate = url if "://" in url else "http://" + url
    try:
        host = urlsplit(candidate).hostname or ""
    except ValueError:
        host = ""
    return host.lower().rstrip(".")


def classify_host(host: str, internal_domains: tuple[str, ...]) -> str:
    """Why `host` is internal, or "" when it is public."""
    if not host:
        return ""
    if host == "localhost" or host.endswith(".localhost"):
        return "localhost"
    try:
        ip = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        ip = None
    if ip is not None:
        if ip.is_private or ip.is_loopback or ip.is_link_local:
            return "a private network address"
        return ""
    for domain in internal_domains:
        if host == domain or host.endswith("." + domain):
            return "an internal host listed in the policy"
    if host.endswith(INTERNAL_SUFFIXES):
        return "a host on an internal-only domain"
    return ""


def find_links(ctx: Context) -> list[Link]:
    from .context import Link

    text = ctx.norm
    if not _CANDIDATE.search(text):
        return []
    links: list[Link] = []
    extractor = _extractor()
    for token in _TOKEN.finditer(text):
        word = token.group()
        if not _CANDIDATE.search(word):
            continue
        for url, (start, end) in extractor.find_urls(word, get_indices=True):
            start += token.start()
            end += token.start()
            if start > 0 and text[start - 1] == "@":
                continue  # the domain of an e-mail address or a handle
            while end > start and text[end - 1] in _TRAILING:
                end -= 1
            url = text[start:end]
            host = host_of(url)
            reason = classify_host(host, ctx.compiled.internal_domains)
            links.append(Link(url=url, host=host, start=start, end=end, internal=bool(reason),
                              reason=reason))
    return links
