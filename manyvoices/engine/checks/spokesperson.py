"""`conduct.spokesperson`: a non-spokesperson writes in the company's official voice.

Official voice is a phrase that puts the company's name in the speaker's place,
in one of four shapes (groups of lexicons/voice.yaml):

- `behalf`: "on behalf of <Company>", "en nombre de <Company>", "im Namen von";
- `official_of`: "official announcement from <Company>", "position officielle de";
- `official_after`: "<Company>'s official position";
- `announces`: "<Company> is proud to announce", "<Company> a le plaisir d'annoncer".

The name is any of the policy's company names, handles or products, so the
rule follows whatever company the policy describes. Spokespeople are exempt.
A sarcastic "<Company> is proud to announce... no bonus again" inside a complaint about
pay is reported too; review.py's protected-activity downgrade softens it.
The fix rewrites the phrase in the first person ("Personally, ...").
"""

from __future__ import annotations

import re

from ..compiled import COMPANY, HANDLE, PRODUCT, NameHit
from ..context import Context
from ..lexicon import Cue, Hit
from ..near import register_groups, scan_groups, scan_window
from ..types import Finding
from ..wording import capitalise_for, first_at_or_after, words_after, words_before

RULES = ("conduct.spokesperson",)

_NAME_KINDS = (COMPANY, HANDLE, PRODUCT)
_GROUPS = register_groups(
    "voice.behalf", "voice.official_of", "voice.official_after", "voice.announces"
)

# What may sit between "on behalf of" and the name: articles, "everyone at", ...
_GAP_BEFORE_NAME = re.compile(
    r"^[\s'\"]*(?:(?:the|la|le|l'|les|der|die|das|dem|den|des|el|los|las|a|o|as|os|d'|de|"
    r"do|da|von|all of us at|everyone at|all of|the (?:whole |entire )?team (?:at|of)|"
    r"toute l'equipe (?:de|d')|todo el equipo de|toda a equipe (?:da|do)|"
    r"dem (?:ganzen )?team von)\s*)*[@#]?$"
)
# Between the name and "official position": a possessive.
_GAP_POSSESSIVE = re.compile(r"^(?:'s?)?\s+$")
_GAP_SPACE = re.compile(r"^\s+$")
# "on behalf of the Anvil Cloud team": the team goes with the name.
_TEAM_AFTER = re.compile(r"^\s+(?:team|teams|folks|crew|family|equipe|equipo|equipa)\b")
# "We at Acme are proud to announce": the "we at" goes into the fix too.
_WE_AT = re.compile(r"\b(?:we|nous|wir|nosotros|nos)\s+(?:at|chez|bei|en|na|no)\s+$")

_PERSONALLY = {
    "en": "personally",
    "fr": "personnellement",
    "de": "persönlich",
    "es": "personalmente",
    "pt": "pessoalmente",
}
_FOR_MYSELF = {
    "speaking for": "speaking for myself",
    "speaking on behalf of": "speaking for myself",
    "i speak for": "I speak for myself",
    "as the voice of": "speaking for myself",
}
_NEWS_FROM = {
    "en": "news from",
    "fr": "des nouvelles de",
    "de": "Neuigkeiten von",
    "es": "novedades de",
    "pt": "novidades de",
}
_MY_VIEW = {
    "en": "my personal view",
    "fr": "mon avis personnel",
    "de": "meine persönliche Meinung",
    "es": "mi opinión personal",
    "pt": "minha opinião pessoal",
}
_HAPPY_TO_SHARE = {
    "en": "I'm happy to share",
    "fr": "j'ai le plaisir de partager",
    "de": "ich freue mich, zu teilen",
    "es": "me alegra compartir",
    "pt": "fico feliz em compartilhar",
}
# "official position of" is a view; "official announcement from" is news.
_VIEW_WORDS = re.compile(r"position|stance|view|policy|posicion|posicao|haltung")
# A determiner before "official position of" goes into the fix.
_DETERMINER = re.compile(r"\b(?:the|la|le|die|el|a)\s+$")


# "<Company> is thrilled to launch", "<Company> officially condemns": the company's voice
# as a class (an emotion of announcing and a verb of announcing, or "officially" and a
# verb), read right after the company's name, in each language.
_VOICE_AFTER_NAME = re.compile(
    r"(?P<en>"
    r"\s+(?:is|are)\s+(?:so\s+|very\s+|really\s+)?(?:proud|pleased|excited|thrilled"
    r"|delighted|happy|honou?red|glad)\s+to\s+(?:announce|share|introduce|present|launch"
    r"|unveil|release|welcome|reveal|open|debut|bring)\b"
    r"|\s+(?:officially|formally|hereby)\s+(?:condemns|opposes|supports|rejects|welcomes"
    r"|apologi[sz]es|denies|backs|endorses|commits|stands|objects|disputes)\b"
    r")"
    r"|(?P<fr>"
    r"\s+(?:est|sont)\s+(?:tres\s+)?(?:fier|fiere|fiers|heureux|heureuse|ravie?s?)\s+"
    r"(?:d'|de\s+)(?:annoncer|presenter|lancer|devoiler|accueillir|partager)\b"
    r"|\s+(?:condamne|soutient|rejette|s'oppose|denonce|conteste|s'excuse)\s+officiellement\b"
    r")"
    r"|(?P<de>"
    r"\s+(?:freut|freuen)\s+sich,?\s+(?:[a-z]+\s+){0,4}(?:vorzustellen|anzukundigen"
    r"|bekanntzugeben|zu\s+prasentieren|zu\s+launchen)\b"
    r"|\s+(?:verurteilt|unterstutzt|lehnt|begrusst|bestreitet|entschuldigt)\s+"
    r"(?:heute\s+)?offiziell\b"
    r")"
    r"|(?P<es>"
    r"\s+(?:esta|estan)\s+(?:muy\s+)?(?:orgullos[oa]s?|feliz|felices|encantad[oa]s?)\s+de\s+"
    r"(?:anunciar|presentar|lanzar|compartir)\b"
    r"|\s+(?:condena|apoya|rechaza|denuncia|respalda|niega)\s+oficialmente\b"
    r")"
    r"|(?P<pt>"
    r"\s+(?:esta|estao)\s+(?:muito\s+)?(?:orgulhos[oa]s?|feliz|felizes|animad[oa]s?)\s+"
    r"(?:em|de)\s+(?:anunciar|apresentar|lancar|compartilhar)\b"
    r"|\s+(?:condena|apoia|rejeita|denuncia|nega|repudia)\s+oficialmente\b"
    r")"
)


def _voice_cues(ctx: Context, names: list[NameHit]) -> list[Hit[Cue]]:
    """Announcing phrases right after the company's own name (not a product's)."""
    fold = ctx.fold
    out: list[Hit[Cue]] = []
    for name in names:
        if name.kind == PRODUCT:
            continue
        m = _VOICE_AFTER_NAME.match(fold, name.end, min(len(fold), name.end + 60))
        if m and m.lastgroup:
            text = m.group()
            start = m.start() + len(text) - len(text.lstrip())
            out.append(Hit(start, m.end(), Cue("voice.announces", m.lastgroup, text.strip())))
    return out


def check(ctx: Context) -> list[Finding]:
    if ctx.spokesperson:
        return []
    names = sorted(ctx.names_of(*_NAME_KINDS), key=lambda h: (h.start, -h.end))
    if not names:
        return []
    # Every language's phrases: detection is unreliable on a short post.
    cues = scan_groups(ctx.fold, _GROUPS)
    voice = _voice_cues(ctx, names)
    if voice:
        cues = dict(cues)
        known = {h.start for h in cues.get("voice.announces", [])}
        cues["voice.announces"] = cues.get("voice.announces", []) + [
            h for h in voice if h.start not in known
        ]
    if not cues:
        return []
    starts = [n.start for n in names]
    by_end = sorted(names, key=lambda h: (h.end, h.start))
    ends = [n.end for n in by_end]
    findings: list[Finding] = []
    for group in ("voice.behalf", "voice.official_of"):
        for cue in cues.get(group, []):
            name = _name_after(ctx, names, starts, cue.end)
            if name is None:
                continue
            if group == "voice.official_of" and _points_at(ctx, cue.start, name.end):
                continue
            findings.append(_finding(ctx, group, cue, name))
    for group in ("voice.official_after", "voice.announces"):
        for cue in cues.get(group, []):
            name = _name_before(ctx, by_end, ends, cue.start, possessive=group.endswith("after"))
            if name is None:
                continue
            if group == "voice.official_after" and _points_at(ctx, name.start, cue.end):
                continue
            if _quoted(ctx, name.start):
                continue  # '"Nimbus is proud to announce" is how every release starts
            findings.append(_finding(ctx, group, cue, name))
    return _one_per_phrase(findings)


def _name_after(ctx: Context, names: list[NameHit], starts: list[int], pos: int) -> NameHit | None:
    """The name right after `pos`, past nothing but articles ("on behalf of the Acme ...")."""
    i = first_at_or_after(starts, pos)
    if i < len(names):
        name = names[i]
        if name.start - pos <= 40 and _GAP_BEFORE_NAME.match(ctx.fold[pos : name.start]):
            return name
    return None


def _name_before(
    ctx: Context, names: list[NameHit], ends: list[int], pos: int, *, possessive: bool
) -> NameHit | None:
    """The longest name ending right before `pos` ("Acme Corp is proud ..."), or None."""
    gap_pattern = _GAP_POSSESSIVE if possessive else _GAP_SPACE
    best: NameHit | None = None
    i = first_at_or_after(ends, pos - 4)  # a possessive "'s " is the widest gap allowed
    while i < len(names) and names[i].end <= pos:
        name = names[i]
        if gap_pattern.match(ctx.fold[name.end : pos]) and (
            best is None or name.start < best.start
        ):
            best = name
        i += 1
    return best


def _quoted(ctx: Context, start: int) -> bool:
    return start > 0 and ctx.norm[start - 1] in "\"“«'‘"


def _points_at(ctx: Context, start: int, end: int) -> bool:
    """True when "<Company>'s official statement" is pointed at, not spoken: quoted, a
    link after it in its sentence, or "read"/"per" before it, "is here"/"below" after."""
    if _quoted(ctx, start):
        return True
    sentence_end = next((e for s, e in ctx.sentences if s <= start < e), len(ctx.norm))
    if any(start < link.start < sentence_end for link in ctx.links):
        return True
    before = words_before(ctx.fold, start, 2)
    after = words_after(ctx.fold, end, 3)
    lo = before[-1][0] if before else start
    hi = after[-1][1] if after else end
    near = scan_window(ctx.fold, lo, hi, "voice.reference_before", "voice.reference_after")
    if any(
        h.end == start or ctx.fold[h.end : start].strip() == ""
        for h in near.get("voice.reference_before", [])
        if h.end <= start
    ):
        return True
    return any(
        ctx.fold[end : h.start].strip(" ,:") == ""
        for h in near.get("voice.reference_after", [])
        if h.start >= end
    )


def _finding(ctx: Context, group: str, cue: Hit[Cue], name: NameHit) -> Finding:
    lang = cue.payload.lang if cue.payload.lang in _PERSONALLY else "en"
    phrase = cue.payload.phrase
    if group == "voice.behalf":
        start, end = cue.start, name.end
        team = _TEAM_AFTER.match(ctx.fold[end : end + 12])
        if team:
            end += team.end()
        fix_start, fix_end = start, end
        text = _FOR_MYSELF.get(phrase, _PERSONALLY[lang])
        message = (
            f'"{ctx.norm[start:end]}" speaks for the company, which only its spokespeople '
            "do. Speak for yourself, in the first person."
        )
    elif group == "voice.official_of":
        start, end = cue.start, name.end
        if _VIEW_WORDS.search(phrase):
            det = _DETERMINER.search(ctx.fold[max(0, start - 5) : start])
            fix_start = (
                start - (len(ctx.fold[max(0, start - 5) : start]) - det.start()) if det else start
            )
            fix_end, text = end, _MY_VIEW[lang]
        else:
            fix_start, fix_end, text = cue.start, cue.end, _NEWS_FROM[lang]
        message = (
            f'"{ctx.norm[start:end]}" presents the post as the company\'s official word, '
            "which only its spokespeople give. Say it as your own view or share the "
            "official source."
        )
    elif group == "voice.official_after":
        start, end = name.start, cue.end
        fix_start, fix_end, text = start, end, _MY_VIEW[lang]
        message = (
            f'"{ctx.norm[start:end]}": only the company\'s spokespeople state its official '
            "positions. Give it as your own view, or link to the company's statement."
        )
    else:
        start, end = name.start, cue.end
        fix_start = start
        we_at = _WE_AT.search(ctx.fold[max(0, start - 12) : start])
        if we_at:
            fix_start = start - (len(ctx.fold[max(0, start - 12) : start]) - we_at.start())
        fix_end, text = end, _HAPPY_TO_SHARE[lang]
        message = (
            f'"{ctx.norm[start:end]}" announces in the company\'s name, which only its '
            "spokespeople do. Share the news in your own words, in the first person."
        )
    return ctx.finding(
        "conduct.spokesperson",
        start,
        end,
        message,
        replacement=capitalise_for(ctx.norm, fix_start, text),
        fix_span=(fix_start, fix_end),
    )


def _one_per_phrase(findings: list[Finding]) -> list[Finding]:
    """Overlapping phrases ("speaking on behalf of" and "on behalf of") make one finding."""
    out: list[Finding] = []
    for f in sorted(findings, key=lambda f: (f.start, -(f.end - f.start))):
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out
