"""The default rule catalogue (shared/spec/rules.md): ids, severities and guidelines.

This is the one place a rule's metadata lives. The policy template that
`manyvoices init-policy` writes, `manyvoices rules`, the published guidelines
page and every finding's `guideline` text all come from here, unless a
company's policy rewords a guideline in its own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .policy import Policy


@dataclass(frozen=True)
class RuleSpec:
    id: str
    title: str
    severity: str
    external_only: bool
    # Downgraded to coach when the post is protected concerted activity.
    downgradable: bool
    guideline: str
    why: str
    source: str
    # A draft that breaks the rule, with {company}, {product}, {codename}, {client},
    # {competitor}, {ticker} and {internal_domain} filled in from a policy by
    # `example_for()`, so the published guidelines show the company's own names.
    example: str = ""


PROTECTED_RULE = "protected.concerted-activity"

CATALOGUE: tuple[RuleSpec, ...] = (
    RuleSpec(
        id="disclosure.affiliation",
        title="Say that you work here",
        severity="block",
        external_only=True,
        downgradable=False,
        guideline=(
            "When you praise, promote or recommend our products, services, events, jobs or "
            "stock, say in the post itself that you work for us."
        ),
        why=(
            "Readers have a right to know about your connection to the company. Regulators treat "
            "an employee's praise without that disclosure as a deceptive endorsement; a note in "
            "your profile is not enough, and vague tags such as #sp or #partner do not count."
        ),
        source="US FTC Endorsement Guides, 16 CFR 255.5; IBM Social Computing Guidelines "
        "(identify yourself)",
        example=(
            "Just tried the new {product} at home and it is easily the best in its class. "
            "Highly recommend!"
        ),
    ),
    RuleSpec(
        id="disclosure.personal-views",
        title="Speak for yourself",
        severity="coach",
        external_only=True,
        downgradable=True,
        guideline=(
            "When you give your opinion of the company's strategy or of matters in our industry, "
            "make clear that the views are your own."
        ),
        why=(
            "People read an employee's opinion as the company's unless told otherwise. A short "
            "disclaimer keeps your voice yours."
        ),
        source="IBM Social Computing Guidelines (use a disclaimer)",
        example=(
            "In my opinion, {company}'s move into the enterprise market is exactly the right "
            "strategy for this decade."
        ),
    ),
    RuleSpec(
        id="confidential.marker",
        title="Nothing marked confidential",
        severity="block",
        external_only=True,
        downgradable=True,
        guideline=(
            "Do not post anything labelled confidential, internal only, under NDA, embargoed or "
            "otherwise not public."
        ),
        why=(
            "A label says the owner has not agreed to publish it. Posting it can breach contracts "
            "and trust, whatever the content looks like."
        ),
        source="IBM Social Computing Guidelines (don't disclose confidential or proprietary "
        "information)",
        example=(
            "Sharing this slide even though it is marked internal use only: the new office "
            "layout looks great."
        ),
    ),
    RuleSpec(
        id="confidential.codename",
        title="No internal codenames",
        severity="block",
        external_only=True,
        downgradable=False,
        guideline="Do not name internal project codenames outside the company.",
        why=(
            "Codenames reveal unannounced work and who works on it. Competitors and journalists "
            "collect them."
        ),
        source="IBM Social Computing Guidelines (don't disclose confidential or proprietary "
        "information)",
        example="{codename} hit its first milestone this week, proud of the team!",
    ),
    RuleSpec(
        id="confidential.internal-link",
        title="No internal links",
        severity="block",
        external_only=True,
        downgradable=False,
        guideline=(
            "Do not post links to internal systems: the intranet, wikis, ticket trackers, "
            "private addresses."
        ),
        why=(
            "Internal links reveal system names and structure, and invite strangers to probe "
            "them. Colleagues can find the link inside."
        ),
        source="IBM Social Computing Guidelines (don't disclose confidential or proprietary "
        "information)",
        example="Handy runbook for everyone on call: https://{internal_domain}/runbooks/on-call",
    ),
    RuleSpec(
        id="confidential.material-info",
        title="No material nonpublic information",
        severity="block",
        external_only=True,
        downgradable=True,
        guideline=(
            "Do not reveal or hint at unannounced results, forecasts, deals, reorganisations or "
            "launch dates. In a quiet period, say nothing about how the company is doing."
        ),
        why=(
            "Selective disclosure of material information is unlawful for a listed company and "
            "can amount to insider tipping. Already-public facts, said as announced or with a "
            "link to the announcement, are fine."
        ),
        source="SEC Regulation FD, 17 CFR 243; IBM Social Computing Guidelines (business "
        "performance)",
        example="Between us, next quarter's revenue is going to smash the forecast.",
    ),
    RuleSpec(
        id="clients.unapproved",
        title="Name clients only with approval",
        severity="block",
        external_only=True,
        downgradable=False,
        guideline=(
            "Do not name clients, partners or suppliers unless they are approved as public "
            "references."
        ),
        why=(
            "Many clients forbid being named in their contracts, and naming them can reveal deals "
            "or strategy."
        ),
        source="IBM Social Computing Guidelines (don't cite clients, partners or suppliers "
        "without their approval)",
        example="Spent the week onsite with {client}, great people to work with.",
    ),
    RuleSpec(
        id="privacy.personal-data",
        title="Respect privacy",
        severity="block",
        external_only=False,
        downgradable=False,
        guideline=(
            "Do not publish anyone's personal data: email addresses, phone numbers, ID numbers, "
            "card or bank numbers, home addresses, or health details about a named person."
        ),
        why=(
            "Personal data belongs to the person it describes. Publishing it can cause real harm "
            "and breaks data-protection law; your own card and bank numbers invite fraud."
        ),
        source="GDPR (personal data of others); IBM Social Computing Guidelines (respect privacy)",
        example="Ping Jordan at jordan.lee@example.org if you want the spare concert tickets.",
    ),
    RuleSpec(
        id="security.credential",
        title="Never share credentials",
        severity="block",
        external_only=False,
        downgradable=False,
        guideline=(
            "Never post passwords, API keys, tokens, private keys, session cookies or connection "
            "strings with secrets."
        ),
        why=(
            "A posted secret is compromised the moment it is seen, and copies live on in caches "
            "and archives. Rotate it, then share access through the proper channel."
        ),
        source="IBM Business Conduct Guidelines (protect company assets)",
        example="Staging admin login for the demo: admin / Wint3r-Demo-42",
    ),
    RuleSpec(
        id="respect.abuse",
        title="Respect your audience",
        severity="block",
        external_only=False,
        downgradable=False,
        guideline="No slurs, threats, harassment or insults aimed at people or groups.",
        why=(
            "Attacks on people hurt them, and they reflect on you and on every colleague. "
            "Criticise ideas and decisions, not people."
        ),
        source="IBM Social Computing Guidelines (respect your audience)",
        example="Our new vendor's account manager is a complete idiot.",
    ),
    RuleSpec(
        id="respect.profanity",
        title="Mind your language",
        severity="warn",
        external_only=False,
        downgradable=True,
        guideline="Avoid obscene or profane words, even as an intensifier.",
        why="Your post may be read by customers, future employers and your grandmother.",
        source="IBM Social Computing Guidelines (respect your audience)",
        example="This release is fucking brilliant.",
    ),
    RuleSpec(
        id="respect.sensitive-topic",
        title="Care with politics and religion",
        severity="coach",
        external_only=False,
        downgradable=True,
        guideline=(
            "Taking sides on party politics or religion is your right; take care that it reads as "
            "your view, not the company's."
        ),
        why="Such topics divide audiences, and readers may attribute your view to your employer.",
        source="IBM Social Computing Guidelines (be careful with politics and religion)",
        example="Everyone should vote for the Green Party candidate next Tuesday.",
    ),
    RuleSpec(
        id="conduct.competitor",
        title="Don't pick fights",
        severity="warn",
        external_only=True,
        downgradable=True,
        guideline=(
            "Do not disparage competitors or pick fights with them. Fair, factual comparisons "
            "are fine."
        ),
        why=(
            "Mockery and unverified claims about a competitor can be defamatory, and they make "
            "us look small."
        ),
        source="IBM Social Computing Guidelines (don't pick fights)",
        example="{competitor}'s new release is a joke, as usual.",
    ),
    RuleSpec(
        id="conduct.crisis",
        title="Let spokespeople speak on crises",
        severity="warn",
        external_only=True,
        downgradable=True,
        guideline=(
            "On lawsuits, investigations, security incidents, outages or accidents involving the "
            "company, share the official statement rather than your own commentary."
        ),
        why=(
            "What employees say in a crisis can be quoted as the company's position, used in "
            "court, or contradict the facts as they are established."
        ),
        source="IBM Social Computing Guidelines (let the company's spokespeople speak for it)",
        example=(
            "About the {product} outage this morning: it was a botched database migration, typical."
        ),
    ),
    RuleSpec(
        id="conduct.spokesperson",
        title="Speak in the first person",
        severity="warn",
        external_only=True,
        downgradable=True,
        guideline=(
            "Unless you are an official spokesperson, write as yourself, not in the company's "
            "official voice."
        ),
        why=(
            "Announcing 'on behalf of' the company makes your post read as an official statement "
            "that the company never approved."
        ),
        source="IBM Social Computing Guidelines (speak in the first person)",
        example="On behalf of {company}, we thank every customer who joined us this year.",
    ),
    RuleSpec(
        id="finance.recommendation",
        title="No investment advice",
        severity="block",
        external_only=False,
        downgradable=False,
        guideline=(
            "Do not recommend buying or selling securities, including our stock, and never "
            "promise returns. Registered representatives make no performance claims at all."
        ),
        why=(
            "Investment recommendations and promised returns are regulated communications; from "
            "an insider they can also look like tipping."
        ),
        source="FINRA Rule 2210 and Regulatory Notices 10-06, 11-39; SEC",
        example="Buy {ticker} before earnings, it's free money!",
    ),
    RuleSpec(
        id="attribution.quote",
        title="Credit your sources",
        severity="coach",
        external_only=False,
        downgradable=False,
        guideline="When you quote more than a sentence of someone else's words, name or link them.",
        why="Respecting copyright and crediting others keeps discussions honest.",
        source="IBM Social Computing Guidelines (respect copyright, cite others)",
        example=(
            '"Good design is as little design as possible. Less, but better, because it '
            'concentrates on the essential aspects." Words to live by.'
        ),
    ),
    RuleSpec(
        id="platform.length",
        title="Fits the network",
        severity="block",
        external_only=False,
        downgradable=False,
        guideline="A post must fit within its network's length limit.",
        why="Networks reject or cut longer posts, and a cut post can say something you did not.",
        source="each network's own limit",
    ),
    RuleSpec(
        id="platform.alt-text",
        title="Describe your images",
        severity="coach",
        external_only=False,
        downgradable=False,
        guideline="Give every image a short description (alt text).",
        why="Alt text lets people who use screen readers take part in the conversation.",
        source="accessibility (WCAG 2.2, 1.1.1 Non-text content)",
    ),
    RuleSpec(
        id=PROTECTED_RULE,
        title="Your right to discuss work",
        severity="info",
        external_only=False,
        downgradable=False,
        guideline=(
            "You may discuss your pay, benefits, hours, staffing, safety and other working "
            "conditions with colleagues and in public, organise, and criticise management about "
            "them. Nothing in these guidelines limits that right."
        ),
        why=(
            "Employees' right to act together about their working conditions is protected by "
            "law. This review stays private to you and is never reported to anyone."
        ),
        source="National Labor Relations Act, Section 7; NLRB, Stericycle, 372 NLRB No. 113 (2023)",
        example=(
            "A few of us on the night shift are asking management for paid rest breaks. Sign "
            "our petition if you agree."
        ),
    ),
)

RULES: dict[str, RuleSpec] = {r.id: r for r in CATALOGUE}

# Rules that keep their severity when the post is protected activity (rules.md).
HARD_LINES = frozenset(r.id for r in CATALOGUE if not r.downgradable) - {PROTECTED_RULE}


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def example_for(rule_id: str, policy: Policy) -> str | None:
    """The rule's example draft with the policy's own names, or None when the policy has
    nothing to fill it with (no codenames listed, say)."""
    spec = RULES.get(rule_id)
    if spec is None or not spec.example:
        return None
    m = policy.model
    values = {
        "company": m.company.aliases[0] if m.company.aliases else m.company.name,
        "product": m.products[0] if m.products else None,
        "codename": m.codenames[0] if m.codenames else None,
        "client": m.clients.confidential[0] if m.clients.confidential else None,
        "competitor": m.competitors[0] if m.competitors else None,
        "ticker": m.company.ticker,
        "internal_domain": m.company.internal_domains[0] if m.company.internal_domains else None,
    }
    missing = False

    def fill(match: re.Match[str]) -> str:
        nonlocal missing
        value = values.get(match.group(1))
        if not value:
            missing = True
            return match.group(0)
        return value

    text = _PLACEHOLDER.sub(fill, spec.example)
    return None if missing else text
