"""`platform.alt-text`: an attached image has no alt text (coaching).

Alt text is what a screen reader says instead of the image. One finding per
attachment whose alt text is missing or blank, naming it by its position
(1-based, as the author sees the attachments). The finding is about the
attachment, not the text, so its span is empty at the start of the text, and
only the author can describe the image, so there is no fix.
"""

from __future__ import annotations

from ..context import Context
from ..types import Finding

RULES = ("platform.alt-text",)
RULE = RULES[0]


def check(ctx: Context) -> list[Finding]:
    """One finding per attachment without alt text."""
    media = ctx.draft.media
    findings: list[Finding] = []
    for number, item in enumerate(media, start=1):
        if item.alt.strip():
            continue
        which = f"Attachment {number} of {len(media)}" if len(media) > 1 else "Attachment 1"
        findings.append(
            ctx.finding(
                RULE,
                0,
                0,
                f"{which} has no alt text. Describe the image in a sentence so people who "
                "use screen readers get it too.",
                original_offsets=True,
            )
        )
    return findings
