"""`confidential.marker`: the text carries a confidentiality label or says it is not public.

Labels are matched in every language whatever the draft's own (`marker.label`
in lexicons/marker.yaml). The bare adjective ("confidential", "vertraulich",
...) has other senses, told apart by the words next to it:

- a service that is private for its users: "our confidential helpline",
  "ligne d'écoute confidentielle" (`marker.other_sense`, in the same clause);
- an assurance or advice to the reader: "keep your password confidential",
  "your answers stay confidential" (a second-person word before it in the clause);
- a title: "Kitchen Confidential" (title case after a capitalised word that is not
  a label word such as "Strictly", or near "book", "show", "reading").

"Do not share" is a label when it is about this text ("do not share this",
"(do not forward)") and advice when it is about the reader's things ("do not
share your codes"), and only as an imperative ("we don't share data" is a
statement). A hint that news is coming ("can't say more") is material-info's
business, not a label. No fix is offered: deleting the label would leave the
labelled content in place.
"""

from __future__ import annotations

import re

from ..context import Context
from ..lexicon import Cue, Hit
from ..near import scan_window, word_set
from ..types import Finding
from ..wording import at_sentence_start, words_after, words_before

RULES = ("confidential.marker",)

# The adjective forms whose sense must be checked.
_ADJECTIVE = re.compile(r"^(?:confiden[ct]\w*|vertraulich\w*)$")


def check(ctx: Context) -> list[Finding]:
    spans: list[tuple[int, int, str]] = []
    for hit in ctx.cue("marker.label"):
        if ctx.in_link(hit.start, hit.end):
            continue
        word = ctx.fold[hit.start : hit.end]
        if _ADJECTIVE.match(word) and _other_sense(ctx, hit):
            continue
        spans.append((hit.start, hit.end, "label"))
    for hit in ctx.cue("marker.dont_share"):
        if ctx.in_link(hit.start, hit.end):
            continue
        if _is_label_request(ctx, hit):
            spans.append((hit.start, hit.end, "request"))
    findings: list[Finding] = []
    for start, end, kind in _longest(spans):
        label = ctx.norm[start:end]
        if kind == "label":
            message = (
                f'"{label}" marks what follows as confidential or not yet public. Labelled '
                "material must not be posted outside the company; take it out of the post, "
                "not just the label."
            )
        else:
            message = (
                f'"{label}" says this is not meant to travel. Material that must not be '
                "shared has no place in a public post; take it out, not just the request."
            )
        findings.append(ctx.finding("confidential.marker", start, end, message))
    return findings


def _other_sense(ctx: Context, hit: Hit[Cue]) -> bool:
    """True when "confidential" here is not a label on the text."""
    fold, norm = ctx.fold, ctx.norm
    before = words_before(fold, hit.start, 4)
    after = words_after(fold, hit.end, 3)
    # A private service: "confidential helpline", "ligne d'écoute confidentielle".
    lo = before[-1][0] if before else hit.start
    hi = after[-1][1] if after else hit.end
    near = scan_window(fold, lo, hi, "marker.other_sense")
    if any(
        h for h in near.get("marker.other_sense", []) if h.end <= hit.start or h.start >= hit.end
    ):
        return True
    # Advice or an assurance to the reader: "keep your password confidential".
    if any(fold[s:e] in word_set("marker.second_person") for s, e in before):
        return True
    # Talk about such things in general: "never post confidential information online".
    before_words = {fold[s:e] for s, e in words_before(fold, hit.start, 6)}
    around = {fold[s:e] for s, e in before[:1] + after[:1]}
    if around & word_set("marker.generic_noun") and before_words & word_set("marker.advice_word"):
        return True
    # A title: "Kitchen Confidential", "L.A. Confidential".
    word = norm[hit.start : hit.end]
    if word[:1].isupper() and not word.isupper() and not at_sentence_start(norm, hit.start):
        prev = words_before(fold, hit.start, 1, clause=False)
        if prev:
            ps, pe = prev[0]
            prev_word = norm[ps:pe]
            named = any(n.start <= ps < n.end for n in ctx.all_names)
            if (
                prev_word[:1].isupper()
                and fold[ps:pe] not in word_set("marker.label_qualifier")
                and not named
                and not prev_word.isupper()
            ):
                return True
        media = scan_window(fold, hit.start - 80, hit.end + 80, "marker.media").get("marker.media")
        if media:
            return True
    return False


def _is_label_request(ctx: Context, hit: Hit[Cue]) -> bool:
    """True when "do not share" asks readers not to pass this text on."""
    fold = ctx.fold
    # Only an imperative: "we don't share data" states a practice.
    prev = [fold[s:e] for s, e in words_before(fold, hit.start, 2)]
    if prev:
        leads = word_set("marker.imperative_lead")
        two = " ".join(reversed(prev)) if len(prev) > 1 else ""
        if prev[0] not in leads and two not in leads:
            return False
    rest = fold[hit.end :].lstrip(" ")
    if not rest or not (rest[0].isalnum()):
        return True  # "(do not distribute)", "do not share!", at the end
    nxt = words_after(fold, hit.end, 4)
    if not nxt:
        return True
    objects = scan_window(fold, nxt[0][0], nxt[-1][1], "marker.share_object").get(
        "marker.share_object", []
    )
    if any(obj.start == nxt[0][0] for obj in objects):
        return True  # "do not share this", "do not forward outside the team"
    if fold[nxt[0][0] : nxt[0][1]] in word_set("marker.share_with"):
        # "with anyone outside the team" is about this text; "with anyone who calls" is advice
        return any(fold[o.start : o.end] in word_set("marker.share_outside") for o in objects)
    return False


def _longest(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """One span per overlapping group of labels, the longest ("strictly confidential"
    rather than "confidential" inside it)."""
    out: list[tuple[int, int, str]] = []
    for start, end, kind in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if out and start < out[-1][1]:
            last = out[-1]
            if end - start > last[1] - last[0]:
                out[-1] = (start, end, kind)
            continue
        out.append((start, end, kind))
    return out
