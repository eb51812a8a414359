"""Markdown for blog posts and comments: markdown-it-py with raw HTML off, then nh3 with an
allow-list, so neither the Markdown nor anything smuggled through it can run a script.

Defence in depth: markdown-it already escapes raw HTML (html=False) and refuses
javascript:/vbscript:/data: links by its own validateLink; nh3 then keeps only the tags
and attributes below and only http(s)/mailto link schemes, whatever produced the HTML.
"""

from __future__ import annotations

import re

import nh3
from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    ["table", "strikethrough"]
)

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "em",
    "del",
    "s",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "img",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "th": {"align"},
    "td": {"align"},
}
URL_SCHEMES = {"http", "https", "mailto"}

MENTION = re.compile(
    r"(?<![\w@.])@([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}|[A-Za-z0-9][A-Za-z0-9._-]{1,63})"
)


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def render(text: str) -> str:
    """Markdown to safe HTML."""
    return sanitise(_md.render(text or ""))


def mentioned_handles(text: str) -> list[str]:
    """The @handles in a text, in order, without repeats: `@alice` (the local part of an
    email address) or `@alice@example.com` (a whole address)."""
    seen: list[str] = []
    for match in MENTION.finditer(text or ""):
        handle = match.group(1).rstrip(".").lower()
        if handle and handle not in seen:
            seen.append(handle)
    return seen
