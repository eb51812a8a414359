"""A forgotten password is reset through an emailed link."""

from __future__ import annotations

import re

from django.core import mail
from django.test import Client


def test_a_forgotten_password_is_reset_through_the_emailed_link(people):
    client = Client()
    response = client.post("/accounts/password/reset/", {"email": "alice@globodyne.example"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["alice@globodyne.example"]
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert b"Choose a new password" in form_page.content
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-brand-new-phrase-77", "new_password2": "a-brand-new-phrase-77"},
    )
    assert response.status_code == 302
    people.alice.refresh_from_db()
    assert people.alice.check_password("a-brand-new-phrase-77")


def test_an_unknown_address_gets_the_same_answer_and_no_email(people):
    response = Client().post("/accounts/password/reset/", {"email": "nobody@globodyne.example"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_the_sign_in_page_links_to_the_reset(db):
    assert b"/accounts/password/reset/" in Client().get("/accounts/login/").content
