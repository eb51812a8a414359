"""Drafts: saved by their author, private to them, and never ready while blocked."""

from __future__ import annotations

import pytest

from manyvoices.composer.models import Draft, DraftBlocked

from .conftest import BLOCKED_TEXT, CLEAR_TEXT, WARN_TEXT


def save(client, text, networks=("linkedin",), **extra):
    return client.post("/compose/save/", {"text": text, "networks": list(networks), **extra})


def test_saving_creates_a_reviewed_draft_for_its_author(people, policy, client_for):
    response = save(client_for(people.alice), WARN_TEXT, ("x", "mastodon"))
    draft = Draft.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/drafts/{draft.pk}/"
    assert draft.author == people.alice
    assert draft.networks == ["x", "mastodon"]
    assert draft.verdict == "warn"
    assert draft.last_review["findings"][0]["rule"] == "custom.beta-talk"
    assert draft.status == "draft"


def test_a_clear_draft_can_be_marked_ready(people, policy, client_for):
    save(client_for(people.alice), CLEAR_TEXT, action="ready")
    assert Draft.objects.get().status == "ready"


def test_a_blocked_draft_cannot_be_marked_ready_from_the_page(people, policy, client_for):
    client = client_for(people.alice)
    response = save(client, BLOCKED_TEXT, action="ready")
    draft = Draft.objects.get()
    assert draft.status == "draft"
    page = client.get(response["Location"]).content.decode()
    assert "not ready" in page and "confidential.codename" in page


def test_the_ready_button_refuses_a_blocked_draft(people, policy, client_for):
    draft = Draft.objects.create(author=people.alice, text=BLOCKED_TEXT, networks=["x"])
    response = client_for(people.alice).post(f"/drafts/{draft.pk}/ready/")
    assert response.status_code == 409
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_the_model_refuses_ready_for_a_blocked_draft(people, policy):
    draft = Draft(author=people.alice, text=BLOCKED_TEXT, networks=["x"])
    with pytest.raises(DraftBlocked):
        draft.mark_ready(policy.policy())
    assert draft.status == "draft"


def test_the_model_refuses_to_store_ready_with_a_blocking_review(people, policy):
    draft = Draft(author=people.alice, text=BLOCKED_TEXT, networks=["x"])
    draft.run_review(policy.policy())
    draft.status = Draft.Status.READY
    with pytest.raises(DraftBlocked):
        draft.save()


def test_editing_a_ready_draft_puts_it_back_to_draft(people, policy, client_for):
    client = client_for(people.alice)
    save(client, CLEAR_TEXT, action="ready")
    draft = Draft.objects.get()
    client.post("/compose/save/", {"draft": draft.pk, "text": BLOCKED_TEXT, "networks": ["x"]})
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.verdict == "block"


def test_my_drafts_lists_only_my_own(people, policy, client_for):
    Draft.objects.create(author=people.alice, text="alice's words", networks=["x"])
    Draft.objects.create(author=people.bob, text="bob's words", networks=["x"])
    page = client_for(people.alice).get("/drafts/").content.decode()
    assert "alice&#x27;s words" in page and "bob&#x27;s words" not in page


@pytest.mark.parametrize("role", ["bob", "charlie", "comms", "compliance", "admin"])
def test_nobody_else_can_open_save_ready_or_delete_a_draft(role, people, policy, client_for):
    draft = Draft.objects.create(author=people.alice, text=CLEAR_TEXT, networks=["x"])
    client = client_for(people.by_role(role))
    assert client.get(f"/drafts/{draft.pk}/").status_code == 404
    assert client.post(f"/drafts/{draft.pk}/ready/").status_code == 404
    assert client.post(f"/drafts/{draft.pk}/delete/").status_code == 404
    response = client.post("/compose/save/", {"draft": draft.pk, "text": "taken over"})
    assert response.status_code == 404
    assert client.post("/compose/review/", {"draft": draft.pk, "text": "x"}).status_code == 404
    draft.refresh_from_db()
    assert draft.text == CLEAR_TEXT and draft.status == "draft"


def test_anonymous_visitors_are_sent_to_sign_in(people, policy, client_for):
    draft = Draft.objects.create(author=people.alice, text=CLEAR_TEXT, networks=["x"])
    client = client_for(None)
    for url in (f"/drafts/{draft.pk}/", "/drafts/"):
        assert client.get(url)["Location"].startswith("/accounts/login/")
    assert client.post("/compose/save/", {"text": "x"})["Location"].startswith("/accounts/login/")


def test_the_owner_can_open_and_delete_a_draft(people, policy, client_for):
    draft = Draft.objects.create(author=people.alice, text=CLEAR_TEXT, networks=["x"])
    client = client_for(people.alice)
    page = client.get(f"/drafts/{draft.pk}/").content.decode()
    assert f">{CLEAR_TEXT}</textarea>" in page
    assert client.post(f"/drafts/{draft.pk}/delete/").status_code == 302
    assert not Draft.objects.exists()


def test_a_bad_draft_id_is_not_found(people, policy, client_for):
    client = client_for(people.alice)
    assert client.post("/compose/save/", {"draft": "abc", "text": "x"}).status_code == 404
    assert client.get("/drafts/999/").status_code == 404


def test_unknown_networks_are_ignored_and_none_means_linkedin(people, policy, client_for):
    save(client_for(people.alice), CLEAR_TEXT, ("myspace",))
    assert Draft.objects.get().networks == ["linkedin"]
