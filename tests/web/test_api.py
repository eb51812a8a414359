"""The REST API: review, policy, drafts; authentication, rate limits and 4xx shapes."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from manyvoices.api.models import ApiToken
from manyvoices.composer.models import Draft, ReviewStat

from .conftest import BLOCKED_TEXT, CLEAR_TEXT, WARN_TEXT


@pytest.fixture
def api(people):
    """api(user) -> a function calling the API with that user's token (None: no token)."""

    def make(user):
        headers = {}
        if user is not None:
            _token, secret = ApiToken.issue(user, "tests")
            headers["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
        client = Client()

        def call(method, path, body=None, **extra):
            kwargs = {**headers, **extra}
            if body is not None:
                kwargs["data"] = body if isinstance(body, (str, bytes)) else json.dumps(body)
                kwargs["content_type"] = "application/json"
            return getattr(client, method)(path, **kwargs)

        return call

    return make


ROLES = ("alice", "bob", "charlie", "comms", "compliance", "admin")


@pytest.mark.parametrize("role", ROLES)
def test_every_role_can_review_with_its_token(role, people, policy, api):
    response = api(people.by_role(role))(
        "post", "/api/v1/review", {"text": BLOCKED_TEXT, "network": "x", "id": "d1"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == "d1" and body["verdict"] == "block"
    assert body["policy"]["name"] == "Globodyne Social Guidelines"
    assert body["policy"]["sha256"] == policy.sha256
    finding = next(f for f in body["findings"] if f["rule"] == "confidential.codename")
    assert finding["excerpt"] == "Bluebird"
    assert {"second_opinion", "language", "protected"} <= body.keys()


def test_a_review_is_counted_without_its_text(people, policy, api):
    api(people.alice)("post", "/api/v1/review", {"text": WARN_TEXT})
    stat = ReviewStat.objects.get()
    assert stat.verdict == "warn" and stat.source == "api" and stat.department == "Engineering"
    assert stat.rules == [["custom.beta-talk", "warn"]]


@pytest.mark.parametrize(
    "body, message",
    [
        ({}, "text"),
        ({"text": 5}, "text"),
        ({"text": "hi", "network": "myspace"}, "'network' must be one of"),
        ({"text": "hi", "date": "tomorrow"}, "'date' must be an ISO date"),
        ({"text": "hi", "limits": {"x": -1}}, "'limits'"),
    ],
)
def test_a_bad_draft_gets_422_with_a_clear_message(body, message, people, policy, api):
    response = api(people.alice)("post", "/api/v1/review", body)
    assert response.status_code == 422
    assert message in response.json()["detail"]


def test_a_body_that_is_not_json_gets_a_4xx_with_detail(people, policy, api):
    response = api(people.alice)("post", "/api/v1/review", "{not json")
    assert 400 <= response.status_code < 500
    assert response.json()["detail"]


def test_without_a_token_every_endpoint_answers_401(people, policy, api):
    call = api(None)
    for method, path in (
        ("post", "/api/v1/review"),
        ("get", "/api/v1/policy"),
        ("get", "/api/v1/drafts"),
        ("post", "/api/v1/drafts"),
        ("get", "/api/v1/drafts/1"),
    ):
        response = call(method, path, {"text": "x"} if method == "post" else None)
        assert response.status_code == 401, path
        assert "Bearer" in response.json()["detail"]
        assert response["WWW-Authenticate"] == "Bearer"


def test_a_wrong_or_revoked_token_answers_401(people, policy):
    token, secret = ApiToken.issue(people.alice, "old")
    token.revoke()
    for value in (f"Bearer {secret}", "Bearer mv_nonsense", "Token abc", "Bearer"):
        response = Client().get("/api/v1/policy", HTTP_AUTHORIZATION=value)
        assert response.status_code == 401, value


def test_a_signed_in_browser_session_is_not_an_api_credential(people, policy, client_for):
    assert client_for(people.alice).get("/api/v1/drafts").status_code == 401


def test_the_policy_endpoint_gives_the_published_version_and_its_rules(people, policy, api):
    body = api(people.charlie)("get", "/api/v1/policy").json()
    assert body["name"] == "Globodyne Social Guidelines" and body["version"] == "3.1"
    assert body["sha256"] == policy.sha256
    ids = {r["id"] for r in body["rules"]}
    assert {"confidential.codename", "custom.beta-talk"} <= ids


def test_without_a_published_policy_review_and_policy_answer_503(people, api):
    call = api(people.alice)
    assert call("get", "/api/v1/policy").status_code == 503
    response = call("post", "/api/v1/review", {"text": "x"})
    assert response.status_code == 503 and "published" in response.json()["detail"]


def test_drafts_are_created_reviewed_and_listed_for_their_author_only(people, policy, api):
    alice, bob = api(people.alice), api(people.bob)
    response = alice("post", "/api/v1/drafts", {"text": WARN_TEXT, "networks": ["x", "bluesky"]})
    assert response.status_code == 201
    created = response.json()
    assert created["verdict"] == "warn" and created["networks"] == ["x", "bluesky"]
    assert [d["id"] for d in alice("get", "/api/v1/drafts").json()] == [created["id"]]
    assert bob("get", "/api/v1/drafts").json() == []
    assert bob("get", f"/api/v1/drafts/{created['id']}").status_code == 404
    assert bob("put", f"/api/v1/drafts/{created['id']}", {"text": "mine now"}).status_code == 404
    assert bob("delete", f"/api/v1/drafts/{created['id']}").status_code == 404
    assert alice("get", f"/api/v1/drafts/{created['id']}").json()["text"] == WARN_TEXT


def test_a_blocked_draft_cannot_be_created_ready(people, policy, api):
    response = api(people.alice)(
        "post", "/api/v1/drafts", {"text": BLOCKED_TEXT, "networks": ["x"], "status": "ready"}
    )
    assert response.status_code == 422
    body = response.json()
    assert "blocked" in body["detail"]
    assert body["review"]["verdict"] == "block"
    assert Draft.objects.get().status == "draft"


def test_a_clear_draft_can_be_made_ready_and_edited(people, policy, api):
    call = api(people.alice)
    draft = call("post", "/api/v1/drafts", {"text": CLEAR_TEXT, "status": "ready"}).json()
    assert draft["status"] == "ready"
    updated = call("put", f"/api/v1/drafts/{draft['id']}", {"text": WARN_TEXT}).json()
    assert updated["status"] == "draft" and updated["verdict"] == "warn"
    assert call("delete", f"/api/v1/drafts/{draft['id']}").status_code == 204
    assert not Draft.objects.exists()


def test_drafts_refuse_unknown_networks(people, policy, api):
    response = api(people.alice)("post", "/api/v1/drafts", {"text": "x", "networks": ["myspace"]})
    assert response.status_code == 422
    assert "myspace" in response.json()["detail"]


def test_a_missing_draft_is_404_with_detail(people, policy, api):
    response = api(people.alice)("get", "/api/v1/drafts/424242")
    assert response.status_code == 404 and response.json()["detail"]


def test_each_token_has_a_rate_limit(people, policy, api, settings):
    settings.API_RATE_PER_MINUTE = 3
    call = api(people.alice)
    codes = [call("get", "/api/v1/drafts").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    response = call("get", "/api/v1/drafts")
    assert "rate limit" in response.json()["detail"] and int(response["Retry-After"]) >= 0
    # another token of another person is not affected
    assert api(people.bob)("get", "/api/v1/drafts").status_code == 200


def test_a_body_over_the_size_limit_gets_413(people, policy, api, settings):
    settings.MAX_BODY_BYTES = 2000
    response = api(people.alice)("post", "/api/v1/review", {"text": "x" * 5000})
    assert response.status_code == 413
    assert "limit" in response.json()["detail"]


def test_a_text_over_the_length_cap_gets_422(people, policy, api):
    response = api(people.alice)("post", "/api/v1/review", {"text": "x" * 20_001})
    assert response.status_code == 422


def test_the_openapi_schema_documents_the_endpoints(db):
    schema = Client().get("/api/openapi.json").json()
    for path in ("/api/v1/review", "/api/v1/policy", "/api/v1/drafts"):
        assert path in schema["paths"]
    assert Client().get("/api/docs").status_code == 200


def test_a_warning_on_a_draft_can_be_dismissed_with_a_reason(people, policy, api):
    call = api(people.alice)
    draft = call("post", "/api/v1/drafts", {"text": WARN_TEXT}).json()
    finding = draft["review"]["findings"][0]
    body = {
        "rule": finding["rule"],
        "start": finding["start"],
        "end": finding["end"],
        "reason": "It is a public beta",
    }
    response = call("post", f"/api/v1/drafts/{draft['id']}/dismissals", body)
    assert response.status_code == 200
    assert response.json()["verdict"] == "clear"
    assert response.json()["review"]["dismissed"] == ["custom.beta-talk::beta programme"]
    assert (
        api(people.bob)("post", f"/api/v1/drafts/{draft['id']}/dismissals", body).status_code == 404
    )


def test_a_block_cannot_be_dismissed_through_the_api(people, policy, api):
    call = api(people.alice)
    draft = call("post", "/api/v1/drafts", {"text": BLOCKED_TEXT, "networks": ["x"]}).json()
    finding = next(f for f in draft["review"]["findings"] if f["rule"] == "confidential.codename")
    response = call(
        "post",
        f"/api/v1/drafts/{draft['id']}/dismissals",
        {"rule": finding["rule"], "start": finding["start"], "end": finding["end"], "reason": "no"},
    )
    assert response.status_code == 409
    assert "block must be fixed" in response.json()["detail"]


def test_a_dismissal_needs_a_reason_through_the_api(people, policy, api):
    call = api(people.alice)
    draft = call("post", "/api/v1/drafts", {"text": WARN_TEXT}).json()
    response = call(
        "post",
        f"/api/v1/drafts/{draft['id']}/dismissals",
        {"rule": "custom.beta-talk", "start": 16, "end": 30, "reason": ""},
    )
    assert response.status_code == 422


def test_the_guidelines_can_be_acknowledged_through_the_api(people, policy, api):
    call = api(people.alice)
    assert call("get", "/api/v1/me").json()["acknowledged_current_policy"] is False
    body = call("post", "/api/v1/policy/acknowledge").json()
    assert body["policy_version"] == "3.1" and body["sha256"] == policy.sha256
    me = call("get", "/api/v1/me").json()
    assert me["acknowledged_current_policy"] is True
    assert me["email"] == "alice@globodyne.example" and me["manager"] == "lead@globodyne.example"


@pytest.mark.parametrize("role", ROLES)
def test_insights_are_for_compliance_and_admin_only(role, people, policy, api):
    response = api(people.by_role(role))("get", "/api/v1/insights")
    if role in ("compliance", "admin"):
        assert response.status_code == 200
        assert {"verdicts", "rules", "dismissals", "departments"} <= response.json().keys()
    else:
        assert response.status_code == 403
        assert response.json()["detail"]


def test_insights_through_the_api_never_count_protected_reviews(
    people, policy, api, protected_engine
):
    api(people.alice)("post", "/api/v1/drafts", {"text": protected_engine})
    api(people.bob)("post", "/api/v1/drafts", {"text": WARN_TEXT})
    body = api(people.compliance)("get", "/api/v1/insights").json()
    assert body["total"] == 1
    assert {"key": "warn", "count": 1} in body["verdicts"]


def test_insights_refuse_a_bad_period(people, policy, api):
    assert api(people.compliance)("get", "/api/v1/insights?days=0").status_code == 422
    assert api(people.compliance)("get", "/api/v1/insights?days=abc").status_code == 422


def test_unknown_endpoints_and_wrong_methods_answer_in_json(people, policy, api):
    call = api(people.alice)
    response = call("get", "/api/v1/nowhere")
    assert response.status_code == 404
    assert response.json()["detail"] == "there is no API endpoint /api/v1/nowhere"
    response = call("delete", "/api/v1/policy")
    assert response.status_code == 405
    assert "DELETE is not allowed" in response.json()["detail"]


def test_a_non_json_body_is_refused_with_detail(people, policy, api):
    response = api(people.alice)(
        "post", "/api/v1/review", "text=hi", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert response.json()["detail"]
