"""The internal network in a real browser (Playwright driving Debian's Chromium, the demo
company on pytest-django's live server): an employee writes a blog post that mentions a
colleague; the colleague sees the notification, comments, and finds the author through
'find an expert'. Skipped (a failure under MANYVOICES_REQUIRE_ALL=1) without Playwright
or Chromium, like tests/web/test_browser.py, whose browser fixture it reuses."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from .test_browser import browser, demo, new_page, shots  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Reading query plans without tears"
BODY = (
    "Three habits that made our query planner work visible:\n\n"
    "1. `EXPLAIN (ANALYZE, BUFFERS)` on a copy of production data\n"
    "2. one index per access path\n"
    "3. asking @sre for the slow query log\n"
)
COMMENT = "Happy to share the slow query log any time."
PHONE = "07700 900123"


def sign_in(page: Any, base: str, email: str) -> None:
    from manyvoices.demo import DEMO_PASSWORD

    page.goto(f"{base}/accounts/login/?next=/network/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/network/$"))


def test_a_mention_a_notification_a_comment_and_find_an_expert(
    browser: Any,  # noqa: F811
    live_server: Any,
    demo: None,  # noqa: F811
    shots: Path,  # noqa: F811
) -> None:
    base = live_server.url
    author = new_page(browser)
    sign_in(author, base, "employee@acme.example")
    author.get_by_role("link", name="Write a post").click()
    author.get_by_label("Title").fill(TITLE)
    text = author.get_by_label("Text (Markdown; mention colleagues with @name)")
    text.fill(f"{BODY}\nOr ring my mobile on {PHONE}.\n")
    author.get_by_label("Tags").fill("postgresql, query-planning")
    # the coach reviews the text for the internal network as it is typed: the personal
    # phone number is highlighted in place and one click fixes it
    author.locator("#highlights mark.sev-block").wait_for()
    assert author.locator("#highlights mark.sev-block").inner_text() == PHONE
    assert "internal network" in author.locator("#review").inner_text()
    author.get_by_role("button", name=re.compile(r"^Fix: replace with")).click()
    author.locator("#review .badge.verdict-clear").wait_for()
    fixed = text.input_value()
    assert PHONE not in fixed and "[phone number removed]" in fixed and fixed.startswith(BODY)
    assert author.locator("#highlights mark").count() == 0
    assert author.get_by_label("Title").input_value() == TITLE
    author.get_by_role("button", name="Publish").click()
    author.wait_for_url(re.compile(r"/network/posts/\d+/$"))
    assert author.get_by_role("heading", level=1).inner_text() == TITLE
    assert author.locator(".post-body code").first.inner_text().startswith("EXPLAIN")
    author.screenshot(path=str(shots / "social-post.png"), full_page=True)
    post_url = author.url
    author.context.close()

    colleague = new_page(browser)
    sign_in(colleague, base, "sre@acme.example")
    colleague.get_by_role("link", name=re.compile(r"\d+ new notifications?")).click()
    colleague.wait_for_url(re.compile(r"/network/notifications/$"))
    note = colleague.get_by_role("link", name=f"Alex Rivera mentioned you: {TITLE}")
    note.click()
    colleague.wait_for_url(post_url)
    colleague.get_by_label("Add a comment (Markdown)").fill(COMMENT)
    colleague.get_by_role("button", name="Comment", exact=True).click()
    colleague.wait_for_url(post_url)
    assert COMMENT in colleague.locator(".comments").inner_text()

    colleague.get_by_role("link", name="Find an expert").click()
    colleague.get_by_label("Topic").fill("query planner")
    colleague.get_by_role("button", name="Find").click()
    first = colleague.locator("ol.experts > li").first
    assert first.get_by_role("link").inner_text() == "Alex Rivera"
    colleague.screenshot(path=str(shots / "social-experts.png"), full_page=True)
    first.get_by_role("link").click()
    colleague.wait_for_url(re.compile(r"/network/people/\d+/$"))
    assert colleague.get_by_role("heading", level=1).inner_text() == "Alex Rivera"
    assert TITLE in colleague.locator("main").inner_text()
    colleague.context.close()

    from manyvoices.social.models import Comment, Notification

    comment = Comment.objects.get(body=COMMENT)
    assert comment.author.email == "sre@acme.example"
    assert Notification.objects.filter(
        recipient__email="employee@acme.example", kind="comment", comment=comment
    ).exists()
