"""The network's blog editor and comment box coach with the composer's own panel: the
offending words highlighted, each finding with a one-click fix, reviewed with network
`internal` (so the external-only rules stay silent), for signed-in people only (and, for a
comment, only those who may comment there), with CSRF as everywhere."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.test import Client

from manyvoices.composer.models import ReviewStat
from manyvoices.composer.reviewing import review_for_networks
from manyvoices.guidelines.models import current_policy
from manyvoices.social import services
from manyvoices.social.models import Comment
from manyvoices.social.reviewing import post_text, review_internal

from .conftest import BLOCKED_TEXT, CLEAR_TEXT, People
from .social_world import World

pytestmark = pytest.mark.django_db

PHONE_BODY = "Call me on my mobile 07700 900123 tonight about the offsite"
OPINION = (
    "In my opinion, Globodyne's move into the enterprise market is exactly the right "
    "strategy for this decade."
)


def _key(title: str, body: str, user: Any, rule: str) -> str:
    review = review_internal(post_text(title, body), user)
    assert review is not None
    return next(m.key for m in review.findings if m.finding.rule == rule)


def _field(page: str, name: str) -> str:
    """The value of the editor's title input or body textarea in an answered page."""
    if name == "title":
        found = re.search(r'<input id="id_title"[^>]*value="([^"]*)"', page)
    else:
        found = re.search(r'<textarea id="id_body"[^>]*>(.*?)</textarea>', page, re.S)
    assert found is not None, f"no {name} field"
    return html.unescape(found.group(1))


def test_the_editor_review_is_the_shared_panel_with_highlights_and_a_fix(
    people: People, policy: Any, client_for: Any, htmx: Any
) -> None:
    r = client_for(people.alice).post(
        "/network/write/review/", {"title": "Offsite", "body": PHONE_BODY}, **htmx
    )
    assert r.status_code == 200
    page = r.content.decode()
    assert "Blocked" in page and "privacy.personal-data" in page
    assert 'hx-post="/network/write/fix/"' in page and 'hx-include="#post-form"' in page
    assert "Fix: replace with “[phone number removed]”" in page
    # The body's words are highlighted out of band, in the body's own coordinates.
    assert 'id="highlights" class="highlights" hx-swap-oob="true"' in page
    assert '<mark class="sev-block">07700 900123</mark>' in page
    assert "Reviewed for the internal network against Globodyne Social Guidelines" in page


def test_the_write_page_draws_the_same_editor(people: People, policy: Any, client_for: Any) -> None:
    post = services.save_post(author=people.alice, title="Offsite", body=PHONE_BODY)
    page = client_for(people.alice).get(f"/network/posts/{post.pk}/edit/").content.decode()
    assert '<div id="editor" class="editor">' in page and 'class="highlight-wrap"' in page
    assert '<mark class="sev-block">07700 900123</mark>' in page
    assert f'<input type="hidden" name="post" value="{post.pk}">' in page
    assert f'action="/network/posts/{post.pk}/edit/"' in page


def test_a_one_click_fix_in_the_body_removes_the_finding(
    people: People, policy: Any, client_for: Any, htmx: Any
) -> None:
    key = _key("Offsite", PHONE_BODY, people.alice, "privacy.personal-data")
    r = client_for(people.alice).post(
        "/network/write/fix/", {"title": "Offsite", "body": PHONE_BODY, "key": key}, **htmx
    )
    assert r.status_code == 200
    page = r.content.decode()
    assert page.lstrip().startswith('<div id="editor" class="editor">')
    body = _field(page, "body")
    assert body == PHONE_BODY.replace("07700 900123", "[phone number removed]")
    assert _field(page, "title") == "Offsite"
    assert "privacy.personal-data" not in page and "Blocked" not in page
    assert review_internal(post_text("Offsite", body), people.alice).verdict != "block"


def test_a_one_click_fix_in_the_title_changes_the_title_only(
    people: People, policy: Any, client_for: Any, htmx: Any
) -> None:
    title = "Ring 07700 900123"
    key = _key(title, CLEAR_TEXT, people.alice, "privacy.personal-data")
    page = (
        client_for(people.alice)
        .post("/network/write/fix/", {"title": title, "body": CLEAR_TEXT, "key": key}, **htmx)
        .content.decode()
    )
    assert _field(page, "title") == "Ring [phone number removed]"
    assert _field(page, "body") == CLEAR_TEXT
    assert "privacy.personal-data" not in page


def test_a_fix_that_no_longer_applies_answers_with_a_fresh_review(
    people: People, policy: Any, client_for: Any
) -> None:
    # Without htmx the whole page comes back, the text untouched, with 409.
    r = client_for(people.alice).post(
        "/network/write/fix/",
        {"title": "Offsite", "body": PHONE_BODY, "key": "privacy.personal-data:0:1"},
    )
    assert r.status_code == 409
    page = r.content.decode()
    assert _field(page, "body") == PHONE_BODY
    assert "no longer applies" in page and 'action="/network/write/"' in page


def test_external_only_rules_stay_silent_in_the_network_panel(
    people: People, policy: Any, client_for: Any, htmx: Any
) -> None:
    _v, current = current_policy()
    outside = review_for_networks(f"Strategy\n\n{OPINION} {BLOCKED_TEXT}", ["linkedin"], current)
    assert {"disclosure.personal-views", "confidential.codename"} <= set(outside.rules)
    page = (
        client_for(people.alice)
        .post(
            "/network/write/review/",
            {"title": "Strategy", "body": f"{OPINION} {BLOCKED_TEXT}"},
            **htmx,
        )
        .content.decode()
    )
    assert "disclosure.personal-views" not in page and "confidential.codename" not in page
    assert "Clear" in page and "<mark" not in page


def test_signed_out_people_are_sent_to_sign_in(policy: Any, client_for: Any) -> None:
    for url in ("/network/write/review/", "/network/write/fix/"):
        r = client_for(None).post(url, {"title": "Offsite", "body": PHONE_BODY, "key": "x"})
        assert r.status_code == 302 and r["Location"].startswith("/accounts/login/")


def test_only_the_author_can_name_a_post_in_the_editor(
    people: People, policy: Any, client_for: Any, htmx: Any
) -> None:
    post = services.save_post(author=people.alice, title="Offsite", body=PHONE_BODY)
    key = _key("Offsite", PHONE_BODY, people.alice, "privacy.personal-data")
    for url in ("/network/write/review/", "/network/write/fix/"):
        r = client_for(people.charlie).post(
            url, {"post": post.pk, "title": "Offsite", "body": PHONE_BODY, "key": key}, **htmx
        )
        assert r.status_code == 404
    r = client_for(people.alice).post(
        "/network/write/fix/",
        {"post": post.pk, "title": "Offsite", "body": PHONE_BODY, "key": key},
        **htmx,
    )
    assert r.status_code == 200
    post.refresh_from_db()
    assert post.body == PHONE_BODY  # a fix changes the editor's text, not the saved post


def test_the_editor_endpoints_need_the_csrf_token(people: People, policy: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.alice)
    for url in ("/network/write/review/", "/network/write/fix/"):
        r = client.post(url, {"title": "Offsite", "body": PHONE_BODY, "key": "x"})
        assert r.status_code == 403 and b"CSRF" in r.content


def test_a_protected_review_stays_private_and_is_not_counted(
    people: People, policy: Any, client_for: Any, htmx: Any, protected_engine: str
) -> None:
    r = client_for(people.alice).post(
        "/network/write/review/", {"title": "Pay", "body": protected_engine}, **htmx
    )
    assert r.status_code == 200
    assert "This review is private to you" in r.content.decode()
    assert not ReviewStat.objects.exists()


def test_publishing_a_blocked_post_still_fails_and_keeps_the_text_in_the_editor(
    people: People, policy: Any, client_for: Any
) -> None:
    r = client_for(people.alice).post(
        "/network/write/", {"title": "Offsite", "body": PHONE_BODY, "action": "publish"}
    )
    assert r.status_code == 400
    page = r.content.decode()
    assert "blocked" in page and _field(page, "body") == PHONE_BODY
    assert "Fix: replace with “[phone number removed]”" in page


def test_pressing_enter_in_the_title_saves_rather_than_fixing(
    people: People, policy: Any, client_for: Any
) -> None:
    # The form's first submit button is what Enter in a one-line field presses.
    page = client_for(people.alice).get("/network/write/").content.decode()
    form = page.split('id="post-form"', 1)[1]
    first = re.search(r"<button[^>]*>", form)
    assert first is not None and 'name="action" value="draft"' in first.group(0)


# --- The comment box ---------------------------------------------------------------


def test_the_comment_box_reviews_with_the_shared_panel_and_fixes_in_one_click(
    people: People, policy: Any, client_for: Any, htmx: Any
) -> None:
    post = services.save_post(author=people.alice, title="Hi", body=CLEAR_TEXT, publish=True)
    client = client_for(people.bob)
    page = client.get(f"/network/posts/{post.pk}/").content.decode()
    assert f'hx-post="/network/posts/{post.pk}/comment/review/"' in page
    review = client.post(
        f"/network/posts/{post.pk}/comment/review/", {"body": PHONE_BODY}, **htmx
    ).content.decode()
    fix_url = f"/network/posts/{post.pk}/comment/fix/"
    assert f'hx-post="{fix_url}"' in review and 'hx-include="#comment-form"' in review
    assert '<mark class="sev-block">07700 900123</mark>' in review
    key = _key("", PHONE_BODY, people.bob, "privacy.personal-data")
    fixed = client.post(fix_url, {"body": PHONE_BODY, "key": key}, **htmx).content.decode()
    box = re.search(r'<textarea id="id_comment"[^>]*>(.*?)</textarea>', fixed, re.S)
    assert box is not None
    body = html.unescape(box.group(1))
    assert body == PHONE_BODY.replace("07700 900123", "[phone number removed]")
    assert "privacy.personal-data" not in fixed
    assert not Comment.objects.exists()  # fixing is not commenting
    assert client.post(f"/network/posts/{post.pk}/comment/", {"body": body}).status_code == 302


def test_external_only_rules_stay_silent_in_the_comment_box(
    people: People, policy: Any, client_for: Any, htmx: Any
) -> None:
    post = services.save_post(author=people.alice, title="Hi", body=CLEAR_TEXT, publish=True)
    page = (
        client_for(people.bob)
        .post(f"/network/posts/{post.pk}/comment/review/", {"body": OPINION}, **htmx)
        .content.decode()
    )
    assert "disclosure.personal-views" not in page and "Clear" in page


def test_a_blocked_comment_shows_the_shared_panel_with_its_fix(
    people: People, policy: Any, client_for: Any
) -> None:
    post = services.save_post(author=people.alice, title="Hi", body=CLEAR_TEXT, publish=True)
    r = client_for(people.bob).post(f"/network/posts/{post.pk}/comment/", {"body": PHONE_BODY})
    assert r.status_code == 400
    page = r.content.decode()
    assert "blocked" in page and "Fix: replace with “[phone number removed]”" in page
    assert not Comment.objects.exists()


def test_the_comment_box_endpoints_follow_who_may_comment(
    people: People, world: World, client_for: Any, htmx: Any
) -> None:
    for action in ("review", "fix"):
        data = {"body": PHONE_BODY, "key": "x"}
        # charlie reads the restricted community's post but is not a member: 403
        url = f"/network/posts/{world.news_post.pk}/comment/{action}/"
        assert client_for(people.charlie).post(url, data, **htmx).status_code == 403
        assert client_for(people.alice).post(url, data, **htmx).status_code == 200
        # a private community's post is not there for him at all, nor someone's draft: 404
        for hidden in (world.private_post, world.draft):
            url = f"/network/posts/{hidden.pk}/comment/{action}/"
            assert client_for(people.charlie).post(url, data, **htmx).status_code == 404
        r = client_for(None).post(f"/network/posts/{world.blog_post.pk}/comment/{action}/", data)
        assert r.status_code == 302 and r["Location"].startswith("/accounts/login/")
        csrf = Client(enforce_csrf_checks=True)
        csrf.force_login(people.bob)
        r = csrf.post(f"/network/posts/{world.blog_post.pk}/comment/{action}/", data)
        assert r.status_code == 403 and b"CSRF" in r.content


def test_a_keystroke_review_costs_a_few_queries_and_a_fix_swaps_nothing_out_of_band(
    people: People,
    policy: Any,
    client_for: Any,
    htmx: Any,
    django_assert_max_num_queries: Any,
) -> None:
    post = services.save_post(author=people.alice, title="Hi", body=CLEAR_TEXT, publish=True)
    client = client_for(people.alice)
    client.post("/network/write/review/", {"title": "Hi", "body": PHONE_BODY}, **htmx)  # warm
    # the session, the person, the post named; never the page's communities or comments
    with django_assert_max_num_queries(3):
        client.post("/network/write/review/", {"title": "Hi", "body": PHONE_BODY}, **htmx)
    with django_assert_max_num_queries(3):
        client.post(f"/network/posts/{post.pk}/comment/review/", {"body": PHONE_BODY}, **htmx)
    key = _key("Hi", PHONE_BODY, people.alice, "privacy.personal-data")
    page = client.post(
        "/network/write/fix/", {"title": "Hi", "body": PHONE_BODY, "key": key}, **htmx
    ).content.decode()
    assert "hx-swap-oob" not in page and page.count('id="highlights"') == 1


def test_reviewing_without_javascript_keeps_a_long_body_whole(
    people: People, policy: Any, client_for: Any
) -> None:
    body = PHONE_BODY + "\n\n" + "All well here. " * 2_000  # past what a keystroke reviews
    r = client_for(people.alice).post("/network/write/review/", {"title": "Long", "body": body})
    assert r.status_code == 200 and _field(r.content.decode(), "body") == body
