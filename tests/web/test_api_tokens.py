"""Personal API tokens: created and revoked in the pages and by the command line; stored only
as a hash; shown once."""

from __future__ import annotations

import hashlib

from django.test import Client

from manyvoices.api.models import ApiToken
from manyvoices.cli import main


def test_creating_a_token_shows_it_once_and_stores_only_its_hash(people, client_for):
    client = client_for(people.alice)
    page = client.post("/settings/tokens/", {"name": "browser extension"}).content.decode()
    token = ApiToken.objects.get()
    secret = page.split('id="new-token" class="code" readonly value="')[1].split('"')[0]
    assert secret.startswith("mv_")
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {token.name, token.hint, token.token_hash}
    again = client.get("/settings/tokens/").content.decode()
    assert secret not in again and "browser extension" in again
    response = Client().get("/api/v1/drafts", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200


def test_a_token_needs_a_name(people, client_for):
    response = client_for(people.alice).post("/settings/tokens/", {"name": " "})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_revoking_a_token_stops_it_working(people, client_for):
    token, secret = ApiToken.issue(people.alice, "ci")
    response = client_for(people.alice).post(f"/settings/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    assert Client().get("/api/v1/drafts", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


def test_nobody_can_see_or_revoke_someone_elses_token(people, client_for):
    token, _secret = ApiToken.issue(people.alice, "alice-bot")
    for user in (people.bob, people.charlie, people.admin):
        client = client_for(user)
        assert "alice-bot" not in client.get("/settings/tokens/").content.decode()
        assert client.post(f"/settings/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.is_active


def test_anonymous_visitors_cannot_manage_tokens(people):
    assert Client().get("/settings/tokens/").status_code == 302
    assert Client().post("/settings/tokens/", {"name": "x"}).status_code == 302
    assert not ApiToken.objects.exists()


def test_a_deactivated_persons_token_stops_working(people):
    _token, secret = ApiToken.issue(people.alice, "ci")
    people.alice.is_active = False
    people.alice.save()
    assert Client().get("/api/v1/drafts", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


def test_the_command_line_creates_a_token(people, capsys):
    assert main(["token", "create", "--email", "ALICE@globodyne.example", "--name", "ci"]) == 0
    secret = capsys.readouterr().out.strip()
    assert ApiToken.authenticate(secret).user == people.alice


def test_the_command_line_refuses_an_unknown_email(people, capsys):
    assert main(["token", "create", "--email", "nobody@x.example"]) == 2
    assert "no person with email" in capsys.readouterr().err


def test_the_command_line_revokes_tokens_by_name(people, capsys):
    _token, secret = ApiToken.issue(people.alice, "ci")
    assert main(["token", "revoke", "--email", "alice@globodyne.example", "--name", "ci"]) == 0
    assert ApiToken.authenticate(secret) is None


def test_the_rate_limit_counts_per_token_per_minute_in_the_database(people):
    token, _secret = ApiToken.issue(people.alice, "bot")
    minute = 29_000_000 * 60.0
    assert [token.consume(2, now=minute + s) for s in (1, 2)] == [None, None]
    assert token.consume(2, now=minute + 50) == 10  # seconds to the next window
    assert token.consume(2, now=minute + 61) is None  # a new minute starts afresh
    token.refresh_from_db()
    assert (token.rate_window, token.rate_count) == (29_000_001, 1)
    # Another object for the same token (another worker) shares the count.
    ApiToken.objects.get(pk=token.pk).consume(2, now=minute + 62)
    assert token.consume(2, now=minute + 63) is not None
