"""One module per rule, each with the same two names:

    RULES = ("confidential.codename",)     # the catalogue ids it reports
    def check(ctx: Context) -> list[Finding]: ...

A new rule is one new module listed in `CHECKS` below (and its entry in
`catalogue.py`). Checks never decide severities beyond what the policy says,
and never apply the protected-activity downgrade themselves: `review.py`
does both in one place.
"""

from __future__ import annotations

from types import ModuleType

from . import (
    affiliation,
    alt_text,
    clients,
    codename,
    competitor,
    credential,
    crisis,
    internal_link,
    length,
    marker,
    material_info,
    personal_data,
    personal_views,
    profanity_abuse,
    protected,
    quote,
    recommendation,
    sensitive_topic,
    spokesperson,
)

CHECKS: tuple[ModuleType, ...] = (
    protected,
    affiliation,
    personal_views,
    marker,
    codename,
    internal_link,
    material_info,
    clients,
    personal_data,
    credential,
    profanity_abuse,
    sensitive_topic,
    competitor,
    crisis,
    spokesperson,
    recommendation,
    quote,
    length,
    alt_text,
)
