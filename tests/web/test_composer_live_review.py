"""The composer: the live review partial, highlights in place, one-click fixes, counters."""

from __future__ import annotations

from .conftest import BLOCKED_TEXT, CLEAR_TEXT, WARN_TEXT


def test_the_composer_page_has_a_labelled_editor_that_reviews_on_pause(people, policy, client_for):
    page = client_for(people.alice).get("/compose/").content.decode()
    assert '<label for="id_text">' in page
    assert 'hx-trigger="keyup changed delay:400ms' in page
    assert 'hx-post="/compose/review/"' in page


def test_the_review_partial_marks_the_offending_words_in_place(people, policy, client_for, htmx):
    response = client_for(people.alice).post(
        "/compose/review/", {"text": BLOCKED_TEXT, "networks": ["x"]}, **htmx
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html  # the partial, not the page
    assert 'hx-swap-oob="true"' in html
    assert '<mark class="sev-block">Bluebird</mark>' in html
    assert "confidential.codename" in html
    assert "Blocked" in html


def test_each_finding_is_marked_with_its_own_severity(people, policy, client_for, htmx):
    html = (
        client_for(people.alice)
        .post("/compose/review/", {"text": WARN_TEXT, "networks": ["x"]}, **htmx)
        .content.decode()
    )
    assert 'Sign up for the <mark class="sev-warn">beta programme</mark> now' in html


def test_user_text_is_escaped_in_the_highlights_and_findings(people, policy, client_for, htmx):
    text = "<script>alert(1)</script> Bluebird & co"
    html = (
        client_for(people.alice)
        .post("/compose/review/", {"text": text, "networks": ["x"]}, **htmx)
        .content.decode()
    )
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&amp; co" in html


def test_a_clear_draft_gets_a_clear_badge(people, policy, client_for, htmx):
    html = (
        client_for(people.alice)
        .post("/compose/review/", {"text": CLEAR_TEXT, "networks": ["linkedin"]}, **htmx)
        .content.decode()
    )
    assert "verdict-clear" in html


def test_each_chosen_network_gets_a_character_counter(people, policy, client_for, htmx):
    html = (
        client_for(people.alice)
        .post("/compose/review/", {"text": "x" * 290, "networks": ["x", "linkedin"]}, **htmx)
        .content.decode()
    )
    assert "X: <strong>290</strong> / 280" in html
    assert "over the limit" in html
    assert "LinkedIn: <strong>290</strong> / 3000" in html


def test_one_click_fix_applies_the_fix_on_the_server(people, policy, client_for, htmx):
    client = client_for(people.alice)
    start = WARN_TEXT.index("beta programme")
    key = f"custom.beta-talk:{start}:{start + len('beta programme')}"
    html = client.post(
        "/compose/fix/", {"text": WARN_TEXT, "networks": ["linkedin"], "key": key}, **htmx
    ).content.decode()
    assert 'id="editor"' in html
    assert "Sign up for the our next release now</textarea>" in html
    assert "custom.beta-talk" not in html


def test_a_stale_fix_answers_with_a_fresh_review(people, policy, client_for, htmx):
    html = (
        client_for(people.alice)
        .post(
            "/compose/fix/",
            {"text": CLEAR_TEXT, "networks": ["x"], "key": "custom.beta-talk:0:4"},
            **htmx,
        )
        .content.decode()
    )
    assert f">{CLEAR_TEXT}</textarea>" in html


def test_without_javascript_the_fix_returns_the_whole_page(people, policy, client_for):
    start = WARN_TEXT.index("beta programme")
    key = f"custom.beta-talk:{start}:{start + len('beta programme')}"
    html = (
        client_for(people.alice)
        .post("/compose/fix/", {"text": WARN_TEXT, "networks": ["x"], "key": key})
        .content.decode()
    )
    assert "<html" in html and "our next release" in html


def test_browser_line_breaks_do_not_shift_the_highlights(people, policy, client_for, htmx):
    html = (
        client_for(people.alice)
        .post(
            "/compose/review/", {"text": "Hello\r\nthe beta programme", "networks": ["x"]}, **htmx
        )
        .content.decode()
    )
    assert 'Hello\nthe <mark class="sev-warn">beta programme</mark>' in html


def test_the_composer_says_when_no_policy_is_published(people, client_for, htmx):
    client = client_for(people.alice)
    assert b"No guidelines are published yet" in client.get("/compose/").content
    response = client.post("/compose/review/", {"text": "hi"}, **htmx)
    assert response.status_code == 200


def test_the_live_review_needs_a_signed_in_person(people, policy, client_for):
    response = client_for(None).post("/compose/review/", {"text": BLOCKED_TEXT})
    assert response.status_code == 302


def test_the_live_review_refuses_get(people, policy, client_for):
    assert client_for(people.alice).get("/compose/review/").status_code == 405


def test_a_short_live_status_announces_the_verdict(people, policy, client_for, htmx):
    html = (
        client_for(people.alice)
        .post("/compose/review/", {"text": WARN_TEXT + " " + "x" * 280, "networks": ["x"]}, **htmx)
        .content.decode()
    )
    status = html.split('<p id="review-status" hx-swap-oob="innerHTML">')[1].split("</p>")[0]
    assert status.split(":")[0] in ("Warnings", "Blocked")  # the length rule may block
    assert "findings." in status
    assert "X: " in status and "over the limit" in status
    page = client_for(people.alice).get("/compose/").content.decode()
    assert '<p id="review-status" class="sr-only" role="status">' in page
