"""A made-up listed company for the business-rule tests: Larkspur Robotics.

Unlike the evaluation's Acme it has its own names, ticker, domain and a quiet
period, so the material-information, crisis, recommendation and protected
activity tests prove those rules read the policy rather than one company's words.
"""

from __future__ import annotations

from typing import Any

from manyvoices.engine import Policy, Review, parse_policy, review

LARKSPUR_POLICY = """
name: Larkspur Robotics Social Media Guidelines
version: "7"
company:
  name: Larkspur Robotics
  aliases: [Larkspur]
  ticker: LRKS
  handles: ["@larkspurbots"]
  domains: [larkspur.ai]
  internal_domains: [wiki.larkspur.ai]
  public_contacts: [press@larkspur.ai]
disclosure:
  tags: ["#LarkspurTeam"]
products: [Wren Arm, Kestrel Vision, Larkspur Fleet]
codenames: [Bluebell, Project Foxglove]
clients:
  public: [Tamsin Freight]
  confidential: [Orrin Medical]
competitors: [Halcyon Dynamics]
quiet_periods:
  - start: 2027-03-20
    end: 2027-04-22
    reason: Q1 FY2027 results
regulated: false
"""

# A day outside the quiet period, the first and last days inside it, and the day after.
OUTSIDE = "2027-02-10"
QUIET_FIRST = "2027-03-20"
QUIET_INSIDE = "2027-04-01"
QUIET_LAST = "2027-04-22"
AFTER_QUIET = "2027-04-23"

_POLICIES: dict[str, Policy] = {}


def larkspur_policy(*, regulated: bool = False) -> Policy:
    """The Larkspur policy; `regulated` sets the company-wide FINRA flag."""
    text = LARKSPUR_POLICY.replace("regulated: false", f"regulated: {str(regulated).lower()}")
    if text not in _POLICIES:
        _POLICIES[text] = parse_policy(text, source="larkspur.policy.yaml")
    return _POLICIES[text]


def run(text: str, *, date: str = OUTSIDE, network: str = "linkedin", **draft: Any) -> Review:
    """Review an external post (LinkedIn, outside the quiet period unless told)."""
    policy = draft.pop("policy", None) or larkspur_policy()
    return review({"text": text, "date": date, "network": network, **draft}, policy)


def reported(result: Review) -> set[str]:
    """Rules reported at block or warn, as the evaluation counts them."""
    return {f.rule for f in result.findings if f.severity in ("block", "warn")}


def flagged(result: Review, rule: str) -> bool:
    """Whether `rule` was found at any severity."""
    return any(f.rule == rule for f in result.findings)
