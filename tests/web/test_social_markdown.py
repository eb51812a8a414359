"""Markdown in posts and comments is rendered with raw HTML off and sanitised with an
allow-list: no script, event attribute, javascript: or data: URL, or SVG gets through."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest

from manyvoices.social import services
from manyvoices.social.markdown import mentioned_handles, render

from .conftest import People

ATTACKS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "<svg onload=alert(1)><circle/></svg>",
    "<iframe src=javascript:alert(1)></iframe>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "[x](vbscript:msgbox(1))",
    '<a href="x" onclick="alert(1)">x</a>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<<script>script>alert(1)<</script>/script>",
    '![x](https://example.com/a.png "t" onerror="alert(1)")',
]
FORBIDDEN_TAGS = {"script", "svg", "iframe", "style", "math", "object", "embed", "form", "div"}


class _Elements(HTMLParser):
    """Every element and attribute of the HTML as a browser would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, {k: v or "" for k, v in attrs}))


def elements(html: str) -> list[tuple[str, dict[str, str]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.found


def assert_harmless(html: str, forbidden: set[str] = FORBIDDEN_TAGS) -> None:
    for tag, attrs in elements(html):
        assert tag not in forbidden, (tag, html)
        for name, value in attrs.items():
            assert not name.startswith("on"), (name, html)
            assert name not in ("style", "srcdoc", "formaction"), (name, html)
            if name in ("href", "src"):
                scheme = value.strip().lower().split(":", 1)[0] if ":" in value else ""
                assert scheme in ("", "http", "https", "mailto"), (value, html)


@pytest.mark.parametrize("attack", ATTACKS)
def test_no_attack_survives_rendering(attack: str) -> None:
    assert_harmless(render(attack))


def test_raw_html_is_shown_as_text_not_markup() -> None:
    assert render("<b>bold</b>") == "<p>&lt;b&gt;bold&lt;/b&gt;</p>\n"


def test_ordinary_markdown_keeps_its_formatting() -> None:
    html = render("# Title\n\nSome **bold**, a [link](https://example.com) and `code`.")
    assert "<h1>Title</h1>" in html
    assert "<strong>bold</strong>" in html
    assert '<a href="https://example.com" rel="noopener noreferrer nofollow">link</a>' in html
    assert "<code>code</code>" in html


def test_a_javascript_link_loses_its_target() -> None:
    html = render("[click](javascript:alert(1))")
    assert "javascript" not in html.split("click")[0].lower()
    assert "href" not in html


def test_mentions_are_local_parts_or_addresses() -> None:
    assert mentioned_handles("Hi @bob and @alice@globodyne.example, @bob again.") == [
        "bob",
        "alice@globodyne.example",
    ]
    assert mentioned_handles("mail me at bob@globodyne.example") == []


@pytest.mark.django_db
def test_a_post_page_carries_no_script_from_its_body(
    people: People, policy: Any, client_for: Any
) -> None:
    post = services.save_post(
        author=people.alice,
        title="<script>alert(1)</script>",
        body="\n\n".join(ATTACKS),
        publish=True,
    )
    services.add_comment(author=people.bob, post=post, body="\n\n".join(ATTACKS))
    page = client_for(people.bob).get(f"/network/posts/{post.pk}/").content.decode()
    main = page.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    # the page's own forms and sections are ours; nothing from the post may add more
    assert_harmless("<main" + main, {"script", "svg", "iframe", "style", "math", "object"})
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in main  # the title, escaped
