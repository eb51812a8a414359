"""The one review function every caller uses: CLI, web app, API, workers.

Order of work: run each enabled check, add the company's custom rules, apply
the protected-activity downgrade (rules.md), then ask the optional second
opinion about borderline drafts, then settle the verdict.
"""

from __future__ import annotations

import os
from typing import Any

from .catalogue import HARD_LINES, PROTECTED_RULE, RULES
from .checks import CHECKS
from .context import Context
from .policy import Policy
from .types import SEVERITY_RANK, Draft, Finding, Review, verdict_of


def review(draft: Draft | dict, policy: Policy, *, second_opinion: object | None = None) -> Review:
    """Review one draft against a policy.

    `draft` may be a `Draft` or the contract's JSON object (a `DraftError` names a bad
    field). `second_opinion` is a `SecondOpinion` client; by default the one configured in
    the environment is used (off unless MANYVOICES_LLM_URL is set).
    """
    if not isinstance(draft, Draft):
        draft = Draft.from_dict(draft)
    ctx = Context(draft, policy)
    findings = run_checks(ctx)
    protected = any(f.rule == PROTECTED_RULE for f in findings)
    second = "off"
    client = second_opinion
    # The second-opinion module loads the embedding model's code (numpy, ~0.2 s of a
    # cold start): import it only when a client is given or one is configured.
    if client is None and os.environ.get("MANYVOICES_LLM_URL", "").strip():
        from .second_opinion import default_client

        client = default_client()
    if client is not None:
        from .second_opinion import consult

        findings, second = consult(client, ctx, findings)
        protected = any(f.rule == PROTECTED_RULE for f in findings)
    if protected:
        findings = downgrade(findings)
    findings.sort(key=lambda f: (f.start, f.end, -SEVERITY_RANK[f.severity], f.rule))
    return Review(
        id=draft.id,
        verdict=verdict_of(findings),
        findings=findings,
        policy=policy.summary(),
        language=ctx.reviewed_language,
        second_opinion=second,
        protected=protected,
    )


def run_checks(ctx: Context) -> list[Finding]:
    """Every enabled rule's findings, before the protected-activity downgrade."""
    findings: list[Finding] = []
    for module, enabled in _enabled_checks(ctx.policy, ctx.external):
        for finding in module.check(ctx):
            if finding.rule in enabled:
                findings.append(finding)
    from .custom import run_custom_rules

    findings.extend(run_custom_rules(ctx))
    return _dedupe(findings)


def _enabled_checks(policy: Policy, external: bool) -> list[tuple[Any, frozenset[str]]]:
    """The rule modules to run and the rules each may report, for a policy on an external
    or the internal network. A policy never changes once loaded, so this is worked out
    once per policy rather than for every draft."""
    cache = policy.__dict__.setdefault("_enabled_checks", {})
    entry = cache.get(external)
    if entry is None or entry[0] is not CHECKS:  # CHECKS is replaced in some tests
        plan = []
        for module in CHECKS:
            enabled = frozenset(
                r
                for r in module.RULES
                if policy.severity_of(r) != "off" and (external or not RULES[r].external_only)
            )
            if enabled:
                plan.append((module, enabled))
        entry = cache[external] = (CHECKS, plan)
    return entry[1]


def downgrade(findings: list[Finding]) -> list[Finding]:
    """Protected activity: soften every rule that could chill it to coaching; hard lines stay."""
    for f in findings:
        if f.rule == PROTECTED_RULE or f.rule in HARD_LINES or f.hard:
            continue
        if SEVERITY_RANK[f.severity] > SEVERITY_RANK["coach"]:
            f.downgraded_from = f.severity
            f.severity = "coach"
    return findings


def _dedupe(findings: list[Finding]) -> list[Finding]:
    # The message is part of the key: findings about attachments all sit at (0, 0)
    # and differ only in which attachment they name.
    seen: set[tuple[str, int, int, str]] = set()
    out = []
    for f in findings:
        key = (f.rule, f.start, f.end, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
