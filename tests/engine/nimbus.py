"""A made-up company's policy for the engine's tests, unlike the evaluation's Acme.

Nimbus Labs has its own names, tags and disclaimer, so a test that passes with
it proves a rule reads the policy rather than knowing one company's words.
"""

from __future__ import annotations

from typing import Any

from manyvoices.engine import Finding, Policy, Review, apply_fixes, parse_policy, review

NIMBUS_POLICY = """
name: Nimbus Labs Social Media Policy
version: "3"
company:
  name: Nimbus Labs
  aliases: [Nimbus]
  ticker: NMBL
  handles: ["@nimbuslabs"]
  domains: [nimbuslabs.io]
  internal_domains: [wiki.nimbuslabs.io, nimbus.corp]
  public_contacts: [hello@nimbuslabs.io]
disclosure:
  tags: ["#NimbusStaff", "#TeamNimbus"]
  disclaimer: "Opinions are mine, not my employer's."
products: [Cirrus DB, Stratus Sync, Nimbus Notebook]
codenames: [Heron, Project Juniper, Osprey]
clients:
  public: [Pemberton Rail]
  confidential: [Halvorsen Pharma, Quillfeather Bank]
competitors: [Cumulus Systems]
"""

_POLICIES: dict[str, Policy] = {}


def nimbus_policy(**changes: str) -> Policy:
    """The Nimbus policy, with top-level YAML lines replaced (e.g. a disclosure block)."""
    text = NIMBUS_POLICY
    for key, block in changes.items():
        lines = text.splitlines()
        start = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
        end = start + 1
        while end < len(lines) and lines[end].startswith("  "):
            end += 1
        text = "\n".join(lines[:start] + block.strip("\n").splitlines() + lines[end:])
    if text not in _POLICIES:
        _POLICIES[text] = parse_policy(text, source="nimbus.policy.yaml")
    return _POLICIES[text]


def check(text: str, *, policy: Policy | None = None, **draft: Any) -> Review:
    """Review `text` as an external post (LinkedIn unless told) against the Nimbus policy."""
    return review({"text": text, **draft}, policy or nimbus_policy())


def found(result: Review, rule: str) -> list[Finding]:
    return [f for f in result.findings if f.rule == rule]


def excerpts(result: Review, rule: str) -> list[str]:
    return [f.excerpt for f in found(result, rule)]


def fixed_text(text: str, rule: str, *, policy: Policy | None = None, **draft: Any) -> str:
    """The text after applying the fixes of `rule`'s findings."""
    result = check(text, policy=policy, **draft)
    return apply_fixes(text, found(result, rule))
