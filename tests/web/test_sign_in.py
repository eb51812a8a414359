"""Signing in with an email and a password, and the throttle against guessing."""

from __future__ import annotations

from django.test import Client

from .conftest import PASSWORD


def test_it_signs_in_with_email_and_password(people):
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": "Alice@Globodyne.example", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/compose/"
    assert client.get("/drafts/").status_code == 200


def test_a_wrong_password_is_refused_with_the_form_again(people):
    response = Client().post(
        "/accounts/login/", {"username": "alice@globodyne.example", "password": "nope"}
    )
    assert response.status_code == 200
    assert b"correct email and password" in response.content


def test_the_login_form_labels_its_inputs(db):
    page = Client().get("/accounts/login/").content.decode()
    assert '<label for="id_username">Email</label>' in page
    assert '<label for="id_password">Password</label>' in page


def test_repeated_failures_lock_the_account_out_even_with_the_right_password(people, settings):
    settings.AXES_FAILURE_LIMIT = 3
    client = Client()
    for _ in range(3):
        client.post(
            "/accounts/login/", {"username": "alice@globodyne.example", "password": "guess"}
        )
    response = client.post(
        "/accounts/login/", {"username": "alice@globodyne.example", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert b"Too many failed sign-ins" in response.content


def test_a_lock_out_can_be_reset(people, settings):
    from axes.utils import reset

    settings.AXES_FAILURE_LIMIT = 2
    client = Client()
    for _ in range(2):
        client.post("/accounts/login/", {"username": "alice@globodyne.example", "password": "x"})
    reset()
    response = client.post(
        "/accounts/login/", {"username": "alice@globodyne.example", "password": PASSWORD}
    )
    assert response.status_code == 302


def test_sign_out_is_a_post(people, client_for):
    client = client_for(people.alice)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/drafts/").status_code == 302


def test_the_base_layout_sets_csrf_once_on_body_for_htmx(people, policy, client_for):
    page = client_for(people.alice).get("/compose/").content.decode()
    assert page.count('hx-headers=\'{"X-CSRFToken"') == 1


def test_pages_forbid_inline_scripts_with_a_content_security_policy(people, policy, client_for):
    response = client_for(people.alice).get("/compose/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert "<script>" not in response.content.decode()  # no inline script of our own
