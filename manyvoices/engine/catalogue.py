"""The default rule catalogue (shared/spec/rules.md): ids, severities and guidelines.

This is the one place a rule's metadata lives. The policy template that
`manyvoices init-policy` writes, `manyvoices rules`, the published guidelines
page and every finding's `guideline` text all come from here, unless a
company's policy rewords a guideline in its own words.
"""

from __future__ import annotations

from dataclasses import dataclass


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
    example: str = ""
    example_fix: str = ""


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
        example="These Rocket Skates are the best on the boardwalk, go get a pair!",
        example_fix="These Rocket Skates are the best on the boardwalk, go get a pair! "
        "#AcmeEmployee",
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
        example="Acme's bet on edge computing is the right call for the next decade.",
        example_fix="Acme's bet on edge computing is the right call for the next decade. "
        "Views are my own.",
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
        example="Internal only, but the new brand colours are orange and teal!",
        example_fix="Wait for the public launch before sharing the new brand colours.",
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
        example="Roadrunner demo went perfectly today!",
        example_fix="Our team's demo went perfectly today!",
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
        example="The postmortem is at https://wiki.acme.com/display/SRE/PM-311",
        example_fix="The postmortem is on our internal wiki.",
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
        example="Q4 bookings beat plan by a mile!",
        example_fix="Proud of the team's work this quarter.",
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
        example="Three days onsite at Initech this week!",
        example_fix="Three days onsite at a client this week!",
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
        example="Text Lupe at 775-555-0122 for the address.",
        example_fix="Message Lupe for the address.",
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
        example="The staging login is admin / St4ging!",
        example_fix="The staging login is in the team's password vault.",
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
        example="The new QA lead is the dumbest person I've ever worked with.",
        example_fix="I disagree with how the new QA process is being run.",
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
        example="This launch is fucking great.",
        example_fix="This launch is really great.",
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
        example="Vote yes on Prop 412!",
        example_fix="Vote yes on Prop 412! (my personal view)",
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
        example="Zentrix's product is a buggy mess.",
        example_fix="We think our product is the better fit; here is how they compare.",
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
        example="The outage was caused by a botched migration, typical.",
        example_fix="For updates on the outage, see the official status page.",
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
        example="On behalf of Acme, thank you to all our customers.",
        example_fix="Personally, thank you to all our customers.",
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
        example="Buy ACME before earnings, free money!",
        example_fix="Earnings are on January 28.",
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
    ),
)

RULES: dict[str, RuleSpec] = {r.id: r for r in CATALOGUE}

# Rules that keep their severity when the post is protected activity (rules.md).
HARD_LINES = frozenset(r.id for r in CATALOGUE if not r.downgradable) - {PROTECTED_RULE}
