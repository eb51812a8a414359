"""A company's own rules from its policy: word lists and RE2 patterns (clarifications.md).

RE2 guarantees linear-time matching, so no policy can make a review hang.
"""

from __future__ import annotations

from .context import Context
from .types import Finding


def run_custom_rules(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    for compiled in ctx.compiled.custom:
        rule = compiled.rule
        if rule.external_only and not ctx.external:
            continue
        spans: list[tuple[int, int]] = []
        if compiled.matcher is not None:
            spans = [(h.start, h.end) for h in compiled.matcher.find(ctx.fold)]
        else:
            spans = [
                (m.start(), m.end())
                for m in compiled.pattern.finditer(ctx.norm)
                if m.end() > m.start()
            ]
        for start, end in spans:
            f = ctx.finding(
                rule.id,
                start,
                end,
                rule.message,
                replacement=rule.replacement,
                severity=rule.severity,
            )
            f.guideline = rule.guideline or rule.message
            f.hard = rule.hard
            findings.append(f)
    return findings
