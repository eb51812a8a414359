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

# Neutral words, in no one's voice: "our network" in a fix made the post speak for the
# company, and a launch in the same post then read as the company's unannounced launch.
REPLACEMENT = {
    "en": "(internal link removed)",
    "fr": "(lien interne retiré)",
    "de": "(interner Link entfernt)",
    "es": "(enlace interno eliminado)",
    "pt": "(link interno removido)",
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
