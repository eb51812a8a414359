"""The optional language-model second opinion, against a local fake chat-completions server."""

from __future__ import annotations

import importlib
import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from manyvoices.engine import semantic
from manyvoices.engine.context import Context
from manyvoices.engine.review import review
from manyvoices.engine.second_opinion import (
    SecondOpinion,
    SecondOpinionConfigError,
    default_client,
    locate,
)
from manyvoices.engine.types import Draft, Finding

from .nimbus import nimbus_policy

# The module, not the `review` function that manyvoices.engine re-exports under its name.
review_module = importlib.import_module("manyvoices.engine.review")

# Reads as respect.abuse to the semantic model; the checks are replaced by fixed
# findings in these tests, so the draft is borderline whatever they find.
ABUSIVE = "Honestly, the new intern is a useless moron and everyone should ignore him."
EVERYDAY = "Lovely walk around the lake with my dog this morning."


# ---- a fake OpenAI-compatible server ------------------------------------------------------


@dataclass
class FakeLLM:
    """Answers POST /v1/chat/completions with whatever `reply` returns for the request."""

    reply: Callable[[dict[str, Any]], tuple[int, bytes]]
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    delay: float = 0.0
    url: str = ""


def chat_answer(verdicts: list[dict[str, Any]]) -> tuple[int, bytes]:
    content = json.dumps({"rules": verdicts})
    body = {"choices": [{"index": 0, "message": {"role": "assistant", "content": content}}]}
    return 200, json.dumps(body).encode()


@pytest.fixture
def fake_llm() -> Iterator[FakeLLM]:
    fake = FakeLLM(reply=lambda request: chat_answer([]))

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            request = json.loads(self.rfile.read(length))
            fake.requests.append(request)
            fake.headers.append(dict(self.headers))
            if self.path != "/v1/chat/completions":
                status, body = 404, b"{}"
            else:
                status, body = fake.reply(request)
            if fake.delay:
                time.sleep(fake.delay)
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except OSError:
                pass  # the client gave up waiting

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def fixed_checks(monkeypatch) -> Callable[[list[Finding]], None]:
    """Replace the checks with fixed findings, so only the second opinion is under test."""

    def use(findings: list[Finding]) -> None:
        monkeypatch.setattr(review_module, "run_checks", lambda ctx: [*findings])

    use([])
    return use


def client_for(fake: FakeLLM, timeout: float = 3.0) -> SecondOpinion:
    return SecondOpinion(base_url=fake.url, model="fake-model", timeout=timeout)


def a_finding(rule: str, severity: str, start: int, end: int, confidence: float = 1.0) -> Finding:
    return Finding(rule, severity, start, end, "x", "a check's message", confidence=confidence)


def asked_rules(request: dict[str, Any]) -> list[str]:
    schema = request["response_format"]["json_schema"]["schema"]
    return schema["properties"]["rules"]["items"]["properties"]["rule"]["enum"]


def test_the_test_draft_is_borderline_for_abuse():
    ctx = Context(Draft(text=ABUSIVE), nimbus_policy())
    assert "respect.abuse" in semantic.borderline_rules(ctx, [])


# ---- what the answer may change ---------------------------------------------------------


def test_model_adds_a_finding_at_the_words_it_quotes(fake_llm, fixed_checks):
    fake_llm.reply = lambda request: chat_answer(
        [
            {
                "rule": "respect.abuse",
                "applies": True,
                "excerpts": ["a useless moron"],
                "reason": "It insults a colleague.",
            }
        ]
    )
    result = review(Draft(text=ABUSIVE), nimbus_policy(), second_opinion=client_for(fake_llm))
    assert result.second_opinion == "used"
    [added] = [f for f in result.findings if f.rule == "respect.abuse"]
    assert added.from_second_opinion
    assert ABUSIVE[added.start : added.end] == "a useless moron"
    assert added.severity == "block"  # the policy's severity for the rule
    assert "insults a colleague" in added.message
    assert result.verdict == "block"
    assert result.to_dict()["findings"][0]["source"] == "second_opinion"


def test_model_withdraws_a_low_confidence_semantic_finding(fake_llm, fixed_checks):
    fixed_checks([a_finding("respect.abuse", "block", 27, 42, confidence=0.5)])
    fake_llm.reply = lambda request: chat_answer(
        [{"rule": "respect.abuse", "applies": False, "excerpts": [], "reason": "Banter."}]
    )
    result = review(Draft(text=ABUSIVE), nimbus_policy(), second_opinion=client_for(fake_llm))
    assert result.second_opinion == "used"
    assert result.findings == []
    assert result.verdict == "clear"


def test_model_cannot_withdraw_a_credential_finding(fake_llm, fixed_checks):
    text = ABUSIVE + " The admin password is hunter2-Qx9!"
    credential = a_finding("security.credential", "block", len(ABUSIVE) + 23, len(text))
    fixed_checks([credential])
    fake_llm.reply = lambda request: chat_answer(
        [
            {"rule": "security.credential", "applies": False, "excerpts": [], "reason": "Fine."},
            {"rule": "respect.abuse", "applies": False, "excerpts": [], "reason": "Fine."},
        ]
    )
    result = review(Draft(text=text), nimbus_policy(), second_opinion=client_for(fake_llm))
    assert result.second_opinion == "used"
    assert [f.rule for f in result.findings] == ["security.credential"]
    assert result.verdict == "block"
    assert "security.credential" not in asked_rules(fake_llm.requests[0])


def test_model_cannot_withdraw_a_confident_finding_of_a_semantic_rule(fake_llm, fixed_checks):
    confident = a_finding("respect.abuse", "block", 27, 42)
    low = a_finding("conduct.crisis", "warn", 0, 8, confidence=0.4)
    fixed_checks([confident, low])
    fake_llm.reply = lambda request: chat_answer(
        [
            {"rule": "respect.abuse", "applies": False, "excerpts": [], "reason": "Fine."},
            {"rule": "conduct.crisis", "applies": False, "excerpts": [], "reason": "Fine."},
        ]
    )
    result = review(Draft(text=ABUSIVE), nimbus_policy(), second_opinion=client_for(fake_llm))
    assert [f.rule for f in result.findings] == ["respect.abuse"]


def test_an_addition_quoting_words_not_in_the_draft_is_dropped(fake_llm, fixed_checks):
    fake_llm.reply = lambda request: chat_answer(
        [
            {
                "rule": "respect.abuse",
                "applies": True,
                "excerpts": ["words the author never wrote"],
                "reason": "Made up.",
            }
        ]
    )
    result = review(Draft(text=ABUSIVE), nimbus_policy(), second_opinion=client_for(fake_llm))
    assert result.second_opinion == "used"
    assert result.findings == []


def test_a_verdict_on_a_rule_not_asked_about_is_ignored(fake_llm, fixed_checks):
    fake_llm.reply = lambda request: chat_answer(
        [
            {
                "rule": "finance.recommendation",
                "applies": True,
                "excerpts": ["the new intern"],
                "reason": "?",
            }
        ]
    )
    result = review(Draft(text=ABUSIVE), nimbus_policy(), second_opinion=client_for(fake_llm))
    assert "finance.recommendation" not in asked_rules(fake_llm.requests[0])
    assert result.findings == []


# ---- when the endpoint fails ------------------------------------------------------------


def test_a_server_error_leaves_the_fast_review_and_says_unavailable(fake_llm, fixed_checks):
    fixed_checks([a_finding("respect.abuse", "block", 27, 42, confidence=0.5)])
    fake_llm.reply = lambda request: (500, b'{"error": "boom"}')
    result = review(Draft(text=ABUSIVE), nimbus_policy(), second_opinion=client_for(fake_llm))
    assert result.second_opinion == "unavailable"
    assert [f.rule for f in result.findings] == ["respect.abuse"]


def test_a_slow_model_times_out_and_says_unavailable(fake_llm, fixed_checks):
    fake_llm.delay = 2.0
    fake_llm.reply = lambda request: chat_answer(
        [{"rule": "respect.abuse", "applies": True, "excerpts": ["moron"], "reason": "r"}]
    )
    started = time.monotonic()
    result = review(
        Draft(text=ABUSIVE), nimbus_policy(), second_opinion=client_for(fake_llm, timeout=0.3)
    )
    assert time.monotonic() - started < 1.5
    assert result.second_opinion == "unavailable"
    assert result.findings == []


@pytest.mark.parametrize(
    "body",
    [
        b"this is not JSON at all",
        b'{"choices": []}',
        json.dumps({"choices": [{"message": {"content": "not json {"}}]}).encode(),
        json.dumps({"choices": [{"message": {"content": '{"verdicts": []}'}}]}).encode(),
        json.dumps(
            {
                "choices": [
                    {
                        "message": {
                            "content": '{"rules": [{"rule": "respect.abuse", "applies": "yes"}]}'
                        }
                    }
                ]
            }
        ).encode(),
    ],
    ids=["not-json", "no-choices", "content-not-json", "no-rules-list", "applies-not-boolean"],
)
def test_a_garbled_answer_says_unavailable_and_invents_nothing(fake_llm, fixed_checks, body):
    fake_llm.reply = lambda request: (200, body)
    result = review(Draft(text=ABUSIVE), nimbus_policy(), second_opinion=client_for(fake_llm))
    assert result.second_opinion == "unavailable"
    assert result.findings == []


def test_an_unreachable_endpoint_says_unavailable(fixed_checks):
    client = SecondOpinion(base_url="http://127.0.0.1:9/v1", model="m", timeout=0.5)
    result = review(Draft(text=ABUSIVE), nimbus_policy(), second_opinion=client)
    assert result.second_opinion == "unavailable"


def test_a_server_refusing_json_schema_is_asked_for_a_json_object(fake_llm, fixed_checks):
    def reply(request: dict[str, Any]) -> tuple[int, bytes]:
        if request["response_format"]["type"] == "json_schema":
            return 400, b'{"error": "response_format json_schema is not supported"}'
        return chat_answer(
            [{"rule": "respect.abuse", "applies": True, "excerpts": ["moron"], "reason": "r"}]
        )

    fake_llm.reply = reply
    client = client_for(fake_llm)
    result = review(Draft(text=ABUSIVE), nimbus_policy(), second_opinion=client)
    assert result.second_opinion == "used"
    assert [f.rule for f in result.findings] == ["respect.abuse"]
    assert [r["response_format"]["type"] for r in fake_llm.requests] == [
        "json_schema",
        "json_object",
    ]
    review(Draft(text=ABUSIVE), nimbus_policy(), second_opinion=client)
    assert fake_llm.requests[-1]["response_format"]["type"] == "json_object"


def test_an_answer_in_a_markdown_fence_is_read(fake_llm, fixed_checks):
    content = (
        '```json\n{"rules": [{"rule": "respect.abuse", "applies": true, '
        '"excerpts": ["moron"], "reason": "r"}]}\n```'
    )
    body = json.dumps({"choices": [{"message": {"content": content}}]}).encode()
    fake_llm.reply = lambda request: (200, body)
    result = review(Draft(text=ABUSIVE), nimbus_policy(), second_opinion=client_for(fake_llm))
    assert [f.rule for f in result.findings] == ["respect.abuse"]


# ---- what is sent, and when ---------------------------------------------------------------


def test_the_request_carries_the_draft_the_rules_text_and_a_schema(fake_llm, fixed_checks):
    review(Draft(text=ABUSIVE), nimbus_policy(), second_opinion=client_for(fake_llm))
    [request] = fake_llm.requests
    assert request["model"] == "fake-model"
    prompt = request["messages"][-1]["content"]
    assert ABUSIVE in prompt
    assert "No slurs, threats, harassment or insults" in prompt  # the rule's guideline
    assert "respect.abuse" in asked_rules(request)
    assert request["response_format"]["json_schema"]["strict"] is True


def test_a_draft_that_is_not_borderline_is_not_sent(fake_llm, fixed_checks):
    result = review(Draft(text=EVERYDAY), nimbus_policy(), second_opinion=client_for(fake_llm))
    assert result.second_opinion == "off"
    assert fake_llm.requests == []


def test_a_protected_draft_is_never_sent(fake_llm, fixed_checks):
    fixed_checks([a_finding("protected.concerted-activity", "info", 0, 10)])
    result = review(Draft(text=ABUSIVE), nimbus_policy(), second_opinion=client_for(fake_llm))
    assert result.second_opinion == "off"
    assert fake_llm.requests == []


# ---- configuration -------------------------------------------------------------------------


def test_not_configured_means_off(monkeypatch, fixed_checks):
    for name in ("MANYVOICES_LLM_URL", "MANYVOICES_LLM_MODEL", "MANYVOICES_LLM_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    assert default_client() is None
    assert review(Draft(text=ABUSIVE), nimbus_policy()).second_opinion == "off"


def test_environment_variables_configure_the_endpoint(monkeypatch, fake_llm, fixed_checks):
    monkeypatch.setenv("MANYVOICES_LLM_URL", fake_llm.url)
    monkeypatch.setenv("MANYVOICES_LLM_MODEL", "llama-local")
    monkeypatch.setenv("MANYVOICES_LLM_API_KEY", "sk-test-123")
    monkeypatch.setenv("MANYVOICES_LLM_TIMEOUT", "2.5")
    fake_llm.reply = lambda request: chat_answer(
        [{"rule": "respect.abuse", "applies": True, "excerpts": ["moron"], "reason": "r"}]
    )
    result = review(Draft(text=ABUSIVE), nimbus_policy())
    assert result.second_opinion == "used"
    assert fake_llm.requests[0]["model"] == "llama-local"
    assert fake_llm.headers[0]["Authorization"] == "Bearer sk-test-123"
    assert default_client().timeout == 2.5
    assert default_client() is default_client()  # one client per configuration


@pytest.mark.parametrize(
    ("variables", "named"),
    [
        ({"MANYVOICES_LLM_URL": "ftp://example.org"}, "MANYVOICES_LLM_URL"),
        ({"MANYVOICES_LLM_URL": "http://127.0.0.1:1/v1"}, "MANYVOICES_LLM_MODEL"),
        (
            {
                "MANYVOICES_LLM_URL": "http://127.0.0.1:1/v1",
                "MANYVOICES_LLM_MODEL": "m",
                "MANYVOICES_LLM_TIMEOUT": "soon",
            },
            "MANYVOICES_LLM_TIMEOUT",
        ),
        (
            {
                "MANYVOICES_LLM_URL": "http://127.0.0.1:1/v1",
                "MANYVOICES_LLM_MODEL": "m",
                "MANYVOICES_LLM_TIMEOUT": "-1",
            },
            "MANYVOICES_LLM_TIMEOUT",
        ),
    ],
)
def test_a_bad_setting_is_a_clear_error_naming_the_variable(monkeypatch, variables, named):
    for name in ("MANYVOICES_LLM_URL", "MANYVOICES_LLM_MODEL", "MANYVOICES_LLM_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(SecondOpinionConfigError, match=named):
        default_client()


def test_the_command_refuses_a_bad_setting_once_before_any_draft(monkeypatch, tmp_path, capsys):
    from manyvoices.cli import main

    for name in ("MANYVOICES_LLM_URL", "MANYVOICES_LLM_MODEL", "MANYVOICES_LLM_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MANYVOICES_LLM_URL", "http://127.0.0.1:1/v1")
    monkeypatch.setenv("MANYVOICES_LLM_MODEL", "m")
    monkeypatch.setenv("MANYVOICES_LLM_TIMEOUT", "soon")
    drafts = tmp_path / "drafts.jsonl"
    drafts.write_text('{"id": "a", "text": "hello"}\n{"id": "b", "text": "again"}\n')
    policy = Path(__file__).resolve().parents[2] / "examples" / "acme.policy.yaml"
    assert main(["review", "--policy", str(policy), "--jsonl", str(drafts)]) == 2
    out, err = capsys.readouterr()
    assert out == ""  # no draft was reviewed, none came out as clear
    assert err.count("MANYVOICES_LLM_TIMEOUT") == 1


# ---- locating quotes -----------------------------------------------------------------------


def test_quotes_are_found_ignoring_case_accents_and_spacing():
    ctx = Context(Draft(text="Le  Directeur est un IDIOT complet."), nimbus_policy())
    start, end = locate(ctx, "directeur est un idiot")
    assert ctx.draft.text[start:end] == "Directeur est un IDIOT"
    assert locate(ctx, "x") is None
    assert locate(ctx, "not in the text") is None
