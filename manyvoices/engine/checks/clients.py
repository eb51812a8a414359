"""`clients.unapproved`: naming a client the policy lists as confidential.

The policy's `clients.confidential` names are matched by the compiled policy
(whole words, any case, a possessive 's or a # or @ prefix allowed). Clients
listed as public are approved references and never reported here. The fix
replaces the name with "a client" in the post's language, taking a determiner
in front of it along ("the Initech team" becomes "a client's team").
"""

from __future__ import annotations

import re

from ..compiled import CLIENT_CONFIDENTIAL
from ..context import Context
from ..types import Finding
from ..wording import capitalise_for

RULES = ("clients.unapproved",)

# "a client" in each language; German depends on the preposition before it.
_A_CLIENT = {
    "en": "a client",
    "fr": "un client",
    "es": "un cliente",
    "pt": "um cliente",
    "de": "ein Kunde",
}
_DE_DATIVE = re.compile(r"\b(?:bei|mit|von|zu|aus|nach|fur|uber)\s+$")
# A determiner right before the name, taken into the fix ("the Initech folks").
_EN_DETERMINER = re.compile(r"\b(?:the|this|that)\s+$")
# Portuguese contractions of "em"/"de" with an article: "na Initech" -> "em um cliente".
_PT_CONTRACTION = re.compile(r"\b(n|d)([ao])\s+$")


def check(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    lang = ctx.reviewed_language
    for hit in ctx.names_of(CLIENT_CONFIDENTIAL):
        start, end = hit.start, hit.end
        if start > 0 and ctx.norm[start - 1] in "#@":
            start -= 1  # "#Initech": the tag goes with the name
        fix_start, replacement = _replacement(ctx, start, end, lang)
        findings.append(
            ctx.finding(
                "clients.unapproved",
                start,
                end,
                f"{hit.name} is a client we may not name in public: it has not approved being "
                'cited as a reference. Say "a client" instead, or ask the account team '
                "whether it can be named.",
                replacement=replacement,
                fix_span=(fix_start, end),
            )
        )
    return findings


def _replacement(ctx: Context, start: int, end: int, lang: str) -> tuple[int, str]:
    """Where the fix starts and what it writes, in the post's language."""
    before = ctx.fold[max(0, start - 12) : start]
    text = _A_CLIENT.get(lang, _A_CLIENT["en"])
    fix_start = start
    if lang == "en":
        det = _EN_DETERMINER.search(before)
        followed_by_word = re.match(r" +[a-z0-9]", ctx.fold[end : end + 3]) is not None
        if det and followed_by_word:
            # "the Initech team" -> "a client's team"
            fix_start = start - (len(before) - det.start())
            text = "a client's"
    elif lang == "de" and _DE_DATIVE.search(before):
        text = "einem Kunden"
    elif lang == "pt":
        contraction = _PT_CONTRACTION.search(before)
        if contraction:
            fix_start = start - (len(before) - contraction.start())
            text = ("em " if contraction.group(1) == "n" else "de ") + text
    elif lang == "fr" and re.search(r"\bd'$", before):
        fix_start = start - 2
        text = "d'un client"
    return fix_start, capitalise_for(ctx.norm, fix_start, text)
