"""A person edits their own profile (name, title, location, network handles), in the pages
and through the API; role, department and manager stay an administrator's to set."""

from __future__ import annotations

import json

from django.test import Client

from manyvoices.api.models import ApiToken


def test_a_person_edits_their_own_profile_and_handles(people, client_for):
    client = client_for(people.alice)
    response = client.post(
        "/settings/profile/",
        {
            "name": "Alice A. Archer",
            "title": "Staff Engineer",
            "location": "Lyon",
            "handles_text": "linkedin:in/alice; mastodon:@alice@example.social",
            "role": "admin",
            "department": "Board",
        },
    )
    assert response.status_code == 302
    people.alice.refresh_from_db()
    assert people.alice.name == "Alice A. Archer" and people.alice.location == "Lyon"
    assert people.alice.handles == {"linkedin": "in/alice", "mastodon": "@alice@example.social"}
    assert people.alice.role == "employee" and people.alice.department == "Engineering"


def test_bad_handles_are_explained(people, client_for):
    response = client_for(people.alice).post(
        "/settings/profile/", {"name": "A", "handles_text": "friendster:@a"}
    )
    assert response.status_code == 400
    assert "unknown network" in response.content.decode()


def test_the_api_updates_the_callers_profile_only(people):
    _t, secret = ApiToken.issue(people.bob, "t")
    response = Client().patch(
        "/api/v1/me",
        json.dumps({"title": "Tech Lead", "handles": {"x": "@bob"}}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert response.status_code == 200
    assert response.json()["title"] == "Tech Lead" and response.json()["handles"] == {"x": "@bob"}
    people.bob.refresh_from_db()
    assert people.bob.title == "Tech Lead"
    people.alice.refresh_from_db()
    assert people.alice.title == "Engineer"
    bad = Client().patch(
        "/api/v1/me",
        json.dumps({"handles": {"myspace": "b"}}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert bad.status_code == 422


def test_manage_passes_through_to_django(db, capsys):
    from manyvoices.cli import main

    assert main(["manage", "showmigrations", "people"]) == 0
    assert "0001_initial" in capsys.readouterr().out
