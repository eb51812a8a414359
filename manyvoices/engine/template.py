"""The default policy template that `manyvoices init-policy` writes.

Rendered from the catalogue so the template and the engine can never disagree
about rule ids, severities or guideline texts.
"""

from __future__ import annotations

import json
import textwrap

from .catalogue import CATALOGUE

HEADER = """\
# ManyVoices policy: your company's social computing guidelines, as code.
# Fill in the company section, then review a draft:
#     manyvoices review --policy policy.yaml draft.txt
# Every rule below is on with its default severity. Set `severity: "off"` to
# switch one off, or reword its guideline in your own words.
name: Example Social Computing Guidelines
version: "1"

company:
  name: Example Corporation
  aliases: [Example, Example Corp]
  ticker: EXMP                    # your stock ticker, or remove this line
  handles: ["@example"]           # the company's own accounts
  domains: [example.com]          # public web sites
  internal_domains: [intranet.example.com, wiki.example.com]
  public_contacts: [press@example.com, "+1 800 555 0100"]
  country: US                     # reads national phone numbers (ISO 3166)
  timezone: UTC                   # "today" and quiet periods (IANA name)

disclosure:
  tags: ["#ExampleEmployee"]      # accepted disclosure hashtags
  disclaimer: "Views are my own."

products: [Example Cloud]
codenames: []                     # internal project codenames, as written
competitors: []
clients:
  public: []                      # approved as public references
  confidential: []                # never to be named

quiet_periods: []                 # - {start: 2026-12-15, end: 2027-01-28, reason: Q4 earnings}
regulated: false                  # true: the whole company is under FINRA rules

rules:
"""

CUSTOM_EXAMPLE = """\
  # Custom rules of your own (ids start with custom.):
  # custom:
  #   - id: custom.no-beta-talk
  #     words: [beta programme, early access]      # or: pattern: '(?i)\\bbeta\\b'  (RE2)
  #     message: Beta programmes are announced by product marketing.
  #     severity: warn
  #     replacement: our upcoming release
  #     external_only: true
"""


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar: a JSON string is one, with quotes and backslashes escaped."""
    return json.dumps(text, ensure_ascii=False)


def policy_template() -> str:
    parts = [HEADER]
    for spec in CATALOGUE:
        parts.append(f"  # {spec.title}. Source: {spec.source}.\n")
        for line in textwrap.wrap(spec.why, 86):
            parts.append(f"  #   {line}\n")
        parts.append(f"  {spec.id}:\n")
        parts.append(f"    severity: {spec.severity}\n")
        parts.append(f"    guideline: {_quoted(spec.guideline)}\n")
        parts.append(f"    source: {_quoted(spec.source)}\n")
    parts.append(CUSTOM_EXAMPLE)
    return "".join(parts)
