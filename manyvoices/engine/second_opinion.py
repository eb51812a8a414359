"""An optional second opinion from a language model on borderline drafts.

Off by default. Set these environment variables to turn it on (docs/second-opinion.md):

    MANYVOICES_LLM_URL      an OpenAI-compatible base URL, e.g. http://127.0.0.1:11434/v1
                            (Ollama) or http://127.0.0.1:8000/v1 (vLLM)
    MANYVOICES_LLM_MODEL    the model name the server knows (required with the URL)
    MANYVOICES_LLM_API_KEY  optional, sent as "Authorization: Bearer ..."
    MANYVOICES_LLM_TIMEOUT  seconds for the whole exchange, default 3

Only borderline drafts are sent (`semantic.borderline_rules`): a semantic rule
whose score is near or above its threshold while no check reported it, or that a
check reported with low confidence. The request carries the draft, the guideline
text of those rules only, and asks for a JSON answer (`response_format` with a
JSON schema; a server that refuses schemas is asked for a plain JSON object).

What the answer may change:
  - add a finding of a rule it was asked about, at the words it quotes (a quote
    that cannot be found in the draft adds nothing: nothing is invented);
  - withdraw the low-confidence findings of a semantic rule it was asked about.
It can never withdraw anything else: pattern-validated findings (credentials,
personal data, codenames, internal links, length, unapproved clients), markers,
custom rules, and protected.concerted-activity (withdrawing it would take away the
author's protection).

Status in the review (`second_opinion`): "off" when no model took part (not
configured, or nothing borderline, or a protected draft, which is never sent);
"used" when the model answered and its answer was applied; "unavailable" when it
was asked but failed, timed out or answered something unusable: the fast review
then stands unchanged.

Privacy: drafts go to the configured endpoint and nowhere else; run the model on
infrastructure that keeps no logs of prompts. Drafts recognised as protected
concerted activity are never sent. Standard library only (http.client), with a
deadline on the whole exchange.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import time
import urllib.parse
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .catalogue import PROTECTED_RULE, RULES
from .context import Context
from .semantic import BORDERLINE_CONFIDENCE, SEMANTIC_RULES, borderline_rules
from .text import normalize
from .types import Finding

ENV_URL = "MANYVOICES_LLM_URL"
ENV_MODEL = "MANYVOICES_LLM_MODEL"
ENV_API_KEY = "MANYVOICES_LLM_API_KEY"
ENV_TIMEOUT = "MANYVOICES_LLM_TIMEOUT"
DEFAULT_TIMEOUT = 3.0

OFF, USED, UNAVAILABLE = "off", "used", "unavailable"

# The only findings an answer may withdraw: semantic judgements, which a model can
# correct. Everything validated by a pattern, a list or a count stays, and so does
# the author's protection.
WITHDRAWABLE = frozenset(SEMANTIC_RULES) - {PROTECTED_RULE}

# An answer larger than this is not a verdict on a social media post.
MAX_RESPONSE_BYTES = 1_000_000
MAX_REASON_CHARS = 300

_FENCE = re.compile(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", re.DOTALL)

SYSTEM_PROMPT = (
    "You check social media drafts that employees want to publish against their company's "
    "guidelines. You are given the draft and some rules. For each rule, decide whether the "
    "draft breaks it. When it does, copy the words of the draft that break it exactly, "
    "character for character, into 'excerpts' (short quotes, not the whole draft). Give a "
    "one-sentence reason addressed to the author. Employees may always discuss their pay, "
    "hours, staffing, safety and working conditions and criticise management about them: "
    "that alone breaks no rule. Answer only with JSON that follows the given schema."
)


class SecondOpinionConfigError(ValueError):
    """A MANYVOICES_LLM_* variable holds a value that cannot work; the message names it."""


class SecondOpinionUnavailable(Exception):
    """The endpoint failed, timed out or answered something unusable."""


@dataclass
class RuleVerdict:
    rule: str
    applies: bool
    excerpts: list[str]
    reason: str


@dataclass
class SecondOpinion:
    """A client for an OpenAI-compatible chat-completions endpoint."""

    base_url: str
    model: str
    api_key: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    # Cleared after a server refuses `json_schema`, so later drafts ask for a JSON
    # object straight away instead of paying for a refused request each time.
    json_schema: bool = field(default=True, compare=False)

    def __post_init__(self) -> None:
        parts = urllib.parse.urlsplit(self.base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SecondOpinionConfigError(
                f"{ENV_URL} must be an http(s) URL such as http://127.0.0.1:11434/v1; "
                f"got {self.base_url!r}"
            )
        if not self.model.strip():
            raise SecondOpinionConfigError(f"{ENV_MODEL} must name the model to ask")
        if not (0 < self.timeout <= 600):
            raise SecondOpinionConfigError(
                f"{ENV_TIMEOUT} must be a number of seconds between 0 and 600; got {self.timeout}"
            )

    # ---- the exchange ---------------------------------------------------------------

    def review(self, ctx: Context, rules: list[str]) -> list[RuleVerdict]:
        """Ask which of `rules` the draft breaks. Raises `SecondOpinionUnavailable`."""
        deadline = time.monotonic() + self.timeout
        messages = build_messages(ctx, rules)
        schema = answer_schema(rules)
        if self.json_schema:
            response_format: dict[str, Any] = {
                "type": "json_schema",
                "json_schema": {"name": "guideline_review", "strict": True, "schema": schema},
            }
            status, body = self._post(self._payload(messages, response_format), deadline)
            if status in (400, 422):
                # Structured outputs are not universal: fall back to plain JSON mode.
                self.json_schema = False
            else:
                return parse_answer(status, body, rules)
        status, body = self._post(self._payload(messages, {"type": "json_object"}), deadline)
        return parse_answer(status, body, rules)

    def _payload(self, messages: list[dict[str, str]], response_format: dict[str, Any]) -> bytes:
        return json.dumps(
            {
                "model": self.model,
                "messages": messages,
                "temperature": 0,
                "max_tokens": 800,
                "response_format": response_format,
            }
        ).encode("utf-8")

    def _post(self, body: bytes, deadline: float) -> tuple[int, bytes]:
        """POST to {base}/chat/completions; every socket wait is capped by `deadline`."""
        parts = urllib.parse.urlsplit(self.base_url)
        path = parts.path.rstrip("/") + "/chat/completions"
        if parts.query:
            path += "?" + parts.query
        connection_class = (
            http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        )
        headers = {
            "Content-Type": "application/json",
            "Accept": "application/json",
            "User-Agent": "manyvoices-second-opinion",
        }
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        host = parts.hostname or ""  # checked in __post_init__
        connection = connection_class(host, parts.port, timeout=_remaining(deadline))
        try:
            connection.request("POST", path, body, headers)
            sock = connection.sock
            if sock is not None:
                sock.settimeout(_remaining(deadline))
            response = connection.getresponse()
            chunks: list[bytes] = []
            size = 0
            while True:
                if sock is not None:
                    sock.settimeout(_remaining(deadline))
                chunk = response.read1(65536)
                if not chunk:
                    break
                size += len(chunk)
                if size > MAX_RESPONSE_BYTES:
                    raise SecondOpinionUnavailable("the answer is too large")
                chunks.append(chunk)
            return response.status, b"".join(chunks)
        except (OSError, http.client.HTTPException) as exc:
            # socket.timeout is an OSError: a slow model is simply unavailable.
            raise SecondOpinionUnavailable(f"{type(exc).__name__}: {exc}") from None
        finally:
            connection.close()


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise SecondOpinionUnavailable("timed out")
    return left


# ---- configuration ----------------------------------------------------------------------


def default_client() -> SecondOpinion | None:
    """The client configured by MANYVOICES_LLM_* variables, or None (the default: off).

    A variable with a value that cannot work raises `SecondOpinionConfigError`
    naming it, rather than silently reviewing without the second opinion.
    """
    url = os.environ.get(ENV_URL, "").strip()
    if not url:
        return None
    model = os.environ.get(ENV_MODEL, "").strip()
    if not model:
        raise SecondOpinionConfigError(f"{ENV_URL} is set but {ENV_MODEL} is not: name the model")
    raw_timeout = os.environ.get(ENV_TIMEOUT, "").strip()
    try:
        timeout = float(raw_timeout) if raw_timeout else DEFAULT_TIMEOUT
    except ValueError:
        raise SecondOpinionConfigError(
            f"{ENV_TIMEOUT} must be a number of seconds; got {raw_timeout!r}"
        ) from None
    api_key = os.environ.get(ENV_API_KEY, "").strip() or None
    return _client(url, model, api_key, timeout)


@lru_cache(maxsize=4)
def _client(url: str, model: str, api_key: str | None, timeout: float) -> SecondOpinion:
    # One client per configuration, so that a server found to refuse JSON schemas is
    # asked for a JSON object straight away on every later draft.
    return SecondOpinion(base_url=url, model=model, api_key=api_key, timeout=timeout)


# ---- the prompt and the answer ---------------------------------------------------------------


def answer_schema(rules: list[str]) -> dict[str, Any]:
    """The JSON schema of an answer: one verdict per rule asked about."""
    return {
        "type": "object",
        "properties": {
            "rules": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "rule": {"type": "string", "enum": list(rules)},
                        "applies": {"type": "boolean"},
                        "excerpts": {"type": "array", "items": {"type": "string"}},
                        "reason": {"type": "string"},
                    },
                    "required": ["rule", "applies", "excerpts", "reason"],
                    "additionalProperties": False,
                },
            }
        },
        "required": ["rules"],
        "additionalProperties": False,
    }


def build_messages(ctx: Context, rules: list[str]) -> list[dict[str, str]]:
    """The chat messages for one draft: the task, the context, the rules' text, the draft."""
    policy = ctx.policy
    model = policy.model
    lines = [f"Company: {model.company.name}"]
    if model.products:
        lines.append("Its products: " + ", ".join(model.products))
    if model.competitors:
        lines.append("Its competitors: " + ", ".join(model.competitors))
    where = "the company's internal network" if not ctx.external else f"{ctx.draft.network}"
    lines.append(f"Where the post goes: {where}, on {ctx.date.isoformat()}")
    author = ctx.draft.author
    if ctx.spokesperson:
        lines.append("The author is an official company spokesperson.")
    if ctx.regulated:
        lines.append("The author is a registered representative (securities rules apply).")
    if author.title:
        lines.append(f"The author's job title: {author.title}")
    quiet = policy.quiet_period_on(ctx.date)
    if quiet:
        lines.append(
            "The company is in a quiet period"
            + (f" ({quiet.reason})" if quiet.reason else "")
            + ": any statement about its financial performance or outlook breaks the "
            "material-information rule."
        )
    if "disclosure.affiliation" in rules and model.disclosure.tags:
        lines.append("Accepted disclosure tags: " + ", ".join(model.disclosure.tags))
    lines.append("")
    lines.append("Rules:")
    for rule in rules:
        spec = RULES[rule]
        lines.append(f"- {rule} ({spec.title}): {policy.guideline_of(rule)}")
    lines.append("")
    lines.append("Draft (between the markers):")
    lines.append("<<<")
    lines.append(ctx.draft.text)
    lines.append(">>>")
    return [
        {"role": "system", "content": SYSTEM_PROMPT},
        {"role": "user", "content": "\n".join(lines)},
    ]


def parse_answer(status: int, body: bytes, rules: list[str]) -> list[RuleVerdict]:
    """The verdicts in a chat-completions response; anything malformed is unavailable."""
    if status != 200:
        raise SecondOpinionUnavailable(f"the endpoint answered HTTP {status}")
    try:
        envelope = json.loads(body)
        message = envelope["choices"][0]["message"]
        content = message.get("content")
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        raise SecondOpinionUnavailable("not a chat-completions response") from None
    if message.get("refusal") or not isinstance(content, str):
        raise SecondOpinionUnavailable("the model gave no answer")
    fenced = _FENCE.match(content)
    if fenced:
        content = fenced.group(1)  # some models wrap JSON in a Markdown fence
    try:
        answer = json.loads(content)
    except ValueError:
        raise SecondOpinionUnavailable("the answer is not JSON") from None
    items = answer.get("rules") if isinstance(answer, dict) else None
    if not isinstance(items, list):
        raise SecondOpinionUnavailable("the answer has no 'rules' list")
    verdicts = []
    for item in items:
        if not (
            isinstance(item, dict)
            and isinstance(item.get("rule"), str)
            and isinstance(item.get("applies"), bool)
            and isinstance(item.get("excerpts", []), list)
            and all(isinstance(e, str) for e in item.get("excerpts", []))
            and isinstance(item.get("reason", ""), str)
        ):
            raise SecondOpinionUnavailable("the answer does not follow the schema")
        verdicts.append(
            RuleVerdict(
                item["rule"], item["applies"], item.get("excerpts", []), item.get("reason", "")
            )
        )
    return verdicts


# ---- applying the answer ----------------------------------------------------------------


def consult(client: Any, ctx: Context, findings: list[Finding]) -> tuple[list[Finding], str]:
    """Ask `client` about a borderline draft and apply its answer; see the module docstring.

    Returns the findings (the fast review's own when the model was not asked or
    failed) and the review's `second_opinion` status.
    """
    if client is None:
        return findings, OFF
    if any(f.rule == PROTECTED_RULE for f in findings):
        return findings, OFF  # protected speech stays between the author and the engine
    rules = borderline_rules(ctx, findings)
    if not rules:
        return findings, OFF
    try:
        verdicts = client.review(ctx, rules)
    except SecondOpinionUnavailable:
        return findings, UNAVAILABLE
    return apply_verdicts(ctx, findings, rules, verdicts), USED


def apply_verdicts(
    ctx: Context, findings: list[Finding], asked: list[str], verdicts: list[RuleVerdict]
) -> list[Finding]:
    """The findings after the model's verdicts on the rules it was asked about."""
    out = list(findings)
    for verdict in verdicts:
        if verdict.rule not in asked:
            continue  # never asked: e.g. an attempt to withdraw a credential
        current = [f for f in out if f.rule == verdict.rule]
        if verdict.applies:
            if current:
                continue  # already reported; the model agrees
            out.extend(_added_findings(ctx, verdict))
        elif verdict.rule in WITHDRAWABLE:
            withdrawn = {id(f) for f in current if f.confidence < BORDERLINE_CONFIDENCE}
            out = [f for f in out if id(f) not in withdrawn]
    return out


def _added_findings(ctx: Context, verdict: RuleVerdict) -> list[Finding]:
    reason = " ".join(verdict.reason.split())[:MAX_REASON_CHARS]
    message = reason or RULES[verdict.rule].guideline
    added: list[Finding] = []
    seen: set[tuple[int, int]] = set()
    for excerpt in verdict.excerpts:
        span = locate(ctx, excerpt)
        if span is None or span in seen:
            continue
        seen.add(span)
        f = ctx.finding(
            verdict.rule,
            span[0],
            span[1],
            f"Second opinion: {message}",
            original_offsets=True,
            confidence=0.5,
        )
        f.from_second_opinion = True
        added.append(f)
    return added


def locate(ctx: Context, excerpt: str) -> tuple[int, int] | None:
    """Where a quoted excerpt sits in the author's text, or None when it is not there.

    Tried as given, then ignoring case, accents and runs of white space; quotes of
    fewer than three characters are too vague to point at.
    """
    excerpt = excerpt.strip().strip("\"'“”‘’«»").strip()
    if len(excerpt) < 3:
        return None
    text = ctx.draft.text
    at = text.find(excerpt)
    if at >= 0:
        return at, at + len(excerpt)
    words = normalize(excerpt).fold.split()
    if not words:
        return None
    match = re.search(r"\s+".join(re.escape(w) for w in words), ctx.fold)
    if match is None:
        return None
    return ctx.text.to_original(match.start(), match.end())
