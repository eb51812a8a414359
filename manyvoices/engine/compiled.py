"""What a policy turns into for fast reviews: one name matcher, compiled custom rules.

Built once per policy (`Policy.compiled`) and shared by every review, so a
policy of 10,000 names costs its Aho-Corasick build once, not per draft.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .lexicon import Hit, PhraseMatcher, fold_phrase

if TYPE_CHECKING:
    from .policy import CustomRule, Policy

# Kinds of policy names.
COMPANY = "company"
PRODUCT = "product"
CODENAME = "codename"
CLIENT_PUBLIC = "client_public"
CLIENT_CONFIDENTIAL = "client_confidential"
COMPETITOR = "competitor"
HANDLE = "handle"
TICKER = "ticker"


@dataclass(frozen=True)
class Name:
    kind: str
    name: str


@dataclass(frozen=True)
class NameHit:
    kind: str
    name: str
    start: int  # offsets into NormalizedText.norm
    end: int


@dataclass
class CompiledCustomRule:
    rule: CustomRule
    matcher: PhraseMatcher[str] | None
    pattern: Any  # re2 compiled pattern, or None


class CompiledPolicy:
    def __init__(self, policy: Policy) -> None:
        m = policy.model
        names: list[Name] = [Name(COMPANY, m.company.name)]
        names += [Name(COMPANY, a) for a in m.company.aliases]
        names += [Name(PRODUCT, p) for p in m.products]
        names += [Name(CODENAME, c) for c in m.codenames]
        names += [Name(CLIENT_PUBLIC, c) for c in m.clients.public]
        names += [Name(CLIENT_CONFIDENTIAL, c) for c in m.clients.confidential]
        names += [Name(COMPETITOR, c) for c in m.competitors]
        names += [Name(HANDLE, h) for h in m.company.handles]
        if m.company.ticker:
            names.append(Name(TICKER, m.company.ticker))
            names.append(Name(TICKER, "$" + m.company.ticker))
        self._folded_lengths: dict[str, int] = {}
        self.names = PhraseMatcher((n.name, n) for n in names if n.name.strip())
        self.company_domains = tuple(m.company.domains)
        self.internal_domains = tuple(m.company.internal_domains)
        self.disclosure_tags = PhraseMatcher((t, t) for t in m.disclosure.tags)
        self.public_contacts_folded = frozenset(fold_phrase(c) for c in m.company.public_contacts)
        # Phone numbers among the public contacts, as digits ("+1 800 555 0199" has no
        # run of five digits, so count them all).
        self.public_contact_digits = frozenset(
            re.sub(r"\D", "", c)
            for c in m.company.public_contacts
            if "@" not in c and len(re.sub(r"\D", "", c)) >= 7
        )
        self.custom: list[CompiledCustomRule] = []
        for rule in m.rules.custom:
            if rule.words:
                self.custom.append(
                    CompiledCustomRule(rule, PhraseMatcher((w, w) for w in rule.words), None)
                )
            else:
                import re2

                self.custom.append(CompiledCustomRule(rule, None, re2.compile(rule.pattern)))

    def _folded_length(self, name: str) -> int:
        # Folding a name is slow (NFKC, character by character); once per name is enough.
        length = self._folded_lengths.get(name)
        if length is None:
            length = self._folded_lengths[name] = len(fold_phrase(name))
        return length

    def find_names(self, norm: str, fold: str) -> list[NameHit]:
        """Policy names in the text, applying each kind's case rules."""
        out: list[NameHit] = []
        for hit in self.names.find(fold):
            name: Name = hit.payload
            if hit.end - hit.start != self._folded_length(name.name):
                continue  # prefix matches are for cue lexicons only
            found = norm[hit.start : hit.end]
            if name.kind == CODENAME and found not in (name.name, name.name.upper()):
                # lowercase "roadrunner" is a bird; codenames match as listed or in capitals
                continue
            if name.kind == TICKER and found != name.name and found != name.name.upper():
                continue
            out.append(NameHit(name.kind, name.name, hit.start, hit.end))
        return out


def hits_to_spans(hits: list[Hit[Any]]) -> list[tuple[int, int]]:
    return [(h.start, h.end) for h in hits]
