"""Invitations: an administrator invites, the invitee sets a password and is signed in."""

from __future__ import annotations

from django.core import mail

from manyvoices.people.models import Invitation, User


def invite(client, email="newbie@globodyne.example", **extra):
    return client.post(
        "/people/invite/",
        {
            "email": email,
            "name": "New Bie",
            "role": "comms",
            "department": "Communications",
            **extra,
        },
    )


def test_an_invitation_is_emailed_and_accepted(people, client_for):
    client = client_for(people.admin)
    page = invite(client).content.decode()
    assert len(mail.outbox) == 1
    link = mail.outbox[0].body.split("\n\n")[1].strip()
    assert link in page
    path = link.split("8000", 1)[1]
    visitor = client_for(None)
    response = visitor.post(
        path,
        {
            "name": "Nora New",
            "password1": "a-long-pass-phrase-42",
            "password2": "a-long-pass-phrase-42",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="newbie@globodyne.example")
    assert (
        user.name == "Nora New"
        and user.role == "comms"
        and user.check_password("a-long-pass-phrase-42")
    )
    assert visitor.get("/drafts/").status_code == 200
    assert visitor.get(path).status_code == 404  # used once


def test_only_the_tokens_hash_is_stored(people, client_for):
    invite(client_for(people.admin))
    link = mail.outbox[0].body.split("\n\n")[1].strip()
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert token not in Invitation.objects.get().token_hash


def test_an_invitation_needs_matching_strong_passwords(people):
    _inv, token = Invitation.issue(email="x@globodyne.example", invited_by=people.admin)
    from django.test import Client

    response = Client().post(
        f"/invitations/{token}/", {"name": "X", "password1": "abc", "password2": "abd"}
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="x@globodyne.example").exists()


def test_a_wrong_link_is_not_found(db, client_for):
    assert client_for(None).get("/invitations/nonsense/").status_code == 404


def test_someone_with_an_account_cannot_be_invited_again(people, client_for):
    page = invite(client_for(people.admin), email=people.alice.email).content.decode()
    assert "already has an account" in page
    assert not mail.outbox


def test_only_administrators_invite(people, client_for):
    for user in (people.alice, people.comms, people.compliance):
        assert invite(client_for(user)).status_code == 403
    assert not Invitation.objects.exists()
