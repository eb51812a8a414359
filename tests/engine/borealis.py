"""A made-up company for the pattern-validated rules' tests: Borealis Foods.

It has its own public contact points, internal hosts and home country, so the
personal-data, credential, internal-link and length tests prove those rules read
the policy rather than one company's words.
"""

from __future__ import annotations

from typing import Any

from manyvoices.engine import Finding, Policy, Review, apply_fixes, parse_policy, review

BOREALIS_POLICY = """
name: Borealis Foods Social Media Guidelines
version: "3"
company:
  name: Borealis Foods
  aliases: [Borealis]
  handles: ["@borealisfoods"]
  domains: [borealis.example]
  internal_domains: [wiki.borealis.example, tickets.borealis.io, corp.borealis]
  public_contacts: [press@borealis.example, careers@borealis.example, "+1 (888) 555-0100"]
  country: US
products: [Frost Oats, Aurora Granola]
codenames: [Icebreaker]
competitors: [Tundra Mills]
"""

_POLICY: list[Policy] = []


def borealis_policy() -> Policy:
    if not _POLICY:
        _POLICY.append(parse_policy(BOREALIS_POLICY, source="borealis.policy.yaml"))
    return _POLICY[0]


def check(text: str, network: str = "linkedin", **fields: Any) -> Review:
    """Review `text` as a draft of Borealis Foods (extra draft fields as keywords)."""
    draft = {"text": text, "network": network, "date": "2026-10-06", **fields}
    return review(draft, borealis_policy())


def found(result: Review, rule: str) -> list[Finding]:
    return [f for f in result.findings if f.rule == rule]


def excerpts(result: Review, rule: str) -> list[str]:
    return [f.excerpt for f in found(result, rule)]


def fixed(text: str, rule: str, network: str = "linkedin", **fields: Any) -> str:
    """The text once every fix that `rule` suggests is applied."""
    return apply_fixes(text, found(check(text, network, **fields), rule))
