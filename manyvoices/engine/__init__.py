"""The ManyVoices review engine: guidelines as code, in pure Python with no Django.

    from manyvoices.engine import load_policy, review, apply_fixes

    policy = load_policy("acme.policy.yaml")
    result = review({"text": "Roadrunner ships Tuesday!", "network": "x"}, policy)
    result.verdict            # "block"
    apply_fixes(text, result.findings)

The CLI, the web app, the API and the workers all call these same functions.
"""

from .catalogue import CATALOGUE, RULES, RuleSpec
from .fixes import apply_fixes
from .policy import Policy, PolicyError, load_policy, parse_policy
from .review import review
from .types import Author, Draft, DraftError, Finding, Fix, Media, Review

__all__ = [
    "CATALOGUE",
    "RULES",
    "Author",
    "Draft",
    "DraftError",
    "Finding",
    "Fix",
    "Media",
    "Policy",
    "PolicyError",
    "Review",
    "RuleSpec",
    "apply_fixes",
    "load_policy",
    "parse_policy",
    "review",
]
