"""`attribution.quote`: a long quotation with no source (coaching).

A quotation is "more than a sentence" when the words between quotation marks
(straight, curly, « », „ “) hold two sentences or more than 25 words, or when
a block quote ("> " lines) does. It needs a source: a link anywhere in the
post, a source word (lexicons/quote.yaml: "said", "according to", "via",
"selon", "laut", "según", "segundo"...), a dash and a name right after it
("— Octavia Butler"), "by <Name>" after it, or "<Name>:" right before it.
"""

from __future__ import annotations

import re

from ..context import Context
from ..types import Finding

RULES = ("attribution.quote",)

RULE = "attribution.quote"

MESSAGE = (
    "This quotes more than a sentence of someone else's words without saying whose. Name or "
    "link the source."
)

MAX_WORDS = 25
CLOSERS = frozenset('"\u201d\u201c\u00bb\u00ab\u201e')
OPENERS = CLOSERS | {">"}
# A sentence ends inside the quotation and another one starts.
INNER_SENTENCE = re.compile(r"[.!?\u2026][\"')\]]*\s+\S")
WORD = re.compile(r"\w+")
BLOCK = re.compile(r"(?m)^[ \t]*>[ \t]?(.*)$")
# Right after the quotation: "— Name", "- Name", "~ Name", ", by Name", "(Name, 1998)".
AFTER = re.compile(
    r"^[,]?\s*(?:[\u2014\u2013\u2015~-]{1,2}\s*\S|by\s+[A-Z@]|par\s+[A-Z]|von\s+[A-Z]|"
    r"de\s+[A-Z]|\(\s*[A-Z@])"
)
# Right before it: "Name:" or "@handle:".
BEFORE = re.compile(r"(?:@[\w.]+|[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3})\s*:\s*$")


def check(ctx: Context) -> list[Finding]:
    fold = ctx.fold
    if '"' not in fold and ">" not in fold:
        return []
    passages = _quoted(fold) + _blocks(ctx.norm)
    long_ones = [(s, e) for s, e in passages if _long(ctx.norm[s:e])]
    if not long_ones or ctx.links or ctx.has_cue("quote.source"):
        return []
    norm = ctx.norm
    findings = []
    for s, e in long_ones:
        after = _after_close(norm, e)
        before = _before_open(norm, s)
        if AFTER.match(norm[after : after + 40]) or BEFORE.search(
            norm[max(0, before - 60) : before]
        ):
            continue
        findings.append(ctx.finding(RULE, s, e, MESSAGE))
    return findings


def _quoted(fold: str) -> list[tuple[int, int]]:
    """Spans inside pairs of double quotation marks (folded, so every kind is '"')."""
    marks = [i for i, ch in enumerate(fold) if ch == '"']
    spans = []
    for i in range(0, len(marks) - 1, 2):
        start, end = marks[i] + 1, marks[i + 1]
        # « with spaces inside » points at the words only
        while start < end and fold[start].isspace():
            start += 1
        while end > start and fold[end - 1].isspace():
            end -= 1
        spans.append((start, end))
    return spans


def _blocks(norm: str) -> list[tuple[int, int]]:
    """Runs of consecutive "> " lines, as one span each (from the first quoted character)."""
    spans: list[tuple[int, int]] = []
    for m in BLOCK.finditer(norm):
        start, end = m.start(1), m.end(1)
        if spans and norm[spans[-1][1] : m.start()].strip() == "":
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return [(s, e) for s, e in spans if e > s]


def _long(text: str) -> bool:
    if "\n" in text.strip():
        return True  # several lines of someone else's text
    return len(WORD.findall(text)) > MAX_WORDS or INNER_SENTENCE.search(text.strip()) is not None


def _after_close(norm: str, end: int) -> int:
    """Just past the closing quotation mark and the spaces around it."""
    while end < len(norm) and (norm[end].isspace() or norm[end] in CLOSERS):
        end += 1
    return end


def _before_open(norm: str, start: int) -> int:
    """Just before the opening quotation mark and the spaces around it."""
    while start > 0 and (norm[start - 1].isspace() or norm[start - 1] in OPENERS):
        start -= 1
    return start
