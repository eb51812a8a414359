"""`confidential.internal-link`: links to internal systems and private addresses.

Links come from `ctx.links` (see `links.py`): with or without a scheme, bare
domains and paths included. A link is internal when its host is listed in the
policy's `company.internal_domains` (or is a subdomain of one), is a private,
loopback or link-local address, is `localhost`, or sits under an internal-only
suffix such as `.internal`, `.corp`, `.local` or `.lan`. The fix replaces the
link with neutral words, so the post can still say that the thing exists.
"""

from __future__ import annotations

from ..context import Context
from ..types import Finding
from ._wording import in_language

RULES = ("confidential.internal-link",)
RULE = RULES[0]

REPLACEMENT = {
    "en": "(link on our internal network)",
    "fr": "(lien sur notre réseau interne)",
    "de": "(Link in unserem internen Netz)",
    "es": "(enlace de nuestra red interna)",
    "pt": "(link da nossa rede interna)",
}


def check(ctx: Context) -> list[Finding]:
    """One finding per internal link, each with a fix that replaces the link."""
    findings: list[Finding] = []
    for link in ctx.links:
        if not link.internal:
            continue
        findings.append(
            ctx.finding(
                RULE,
                link.start,
                link.end,
                f"This link points at {link.host}, {link.reason}: people outside the company "
                "cannot open it, and it reveals how our systems are named.",
                replacement=in_language(ctx, REPLACEMENT),
            )
        )
    return findings
