"""The demo company: Acme Corporation, its published policy, about 30 people across
departments and roles with a manager chain, some drafts, dismissals and acknowledgements.

`manyvoices demo` calls `load_demo()`; it does nothing when the demo is already loaded.
"""

from __future__ import annotations

import random
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.db import transaction

DEMO_PASSWORD = "manyvoices"
DEMO_SIGN_INS = (
    ("employee@acme.example", "an employee in Engineering"),
    ("comms@acme.example", "communications"),
    ("compliance@acme.example", "compliance: edits and publishes the guidelines, sees statistics"),
    ("admin@acme.example", "administrator: people, invitations, CSV import"),
)

# (email local part, name, title, department, manager local part, role, location)
PEOPLE = [
    ("ceo", "Wile E. Coyote", "Chief Executive Officer", "Executive", None, "employee", "New York"),
    ("cto", "Ada Okafor", "Chief Technology Officer", "Engineering", "ceo", "employee", "Berlin"),
    (
        "cfo",
        "Martin Lindqvist",
        "Chief Financial Officer",
        "Finance",
        "ceo",
        "employee",
        "New York",
    ),
    ("cmo", "Priya Raman", "Chief Marketing Officer", "Marketing", "ceo", "employee", "London"),
    ("vp-sales", "Diego Alvarez", "VP Sales", "Sales", "ceo", "employee", "Madrid"),
    (
        "chief-people",
        "Hannah Berg",
        "Chief People Officer",
        "People",
        "ceo",
        "employee",
        "New York",
    ),
    (
        "general-counsel",
        "Samuel Adeyemi",
        "General Counsel",
        "Legal",
        "ceo",
        "employee",
        "New York",
    ),
    (
        "eng-manager",
        "Lena Fischer",
        "Engineering Manager",
        "Engineering",
        "cto",
        "employee",
        "Berlin",
    ),
    (
        "employee",
        "Alex Rivera",
        "Software Engineer",
        "Engineering",
        "eng-manager",
        "employee",
        "Berlin",
    ),
    (
        "sre",
        "Tomasz Nowak",
        "Site Reliability Engineer",
        "Engineering",
        "eng-manager",
        "employee",
        "Warsaw",
    ),
    (
        "dev2",
        "Mei Chen",
        "Senior Software Engineer",
        "Engineering",
        "eng-manager",
        "employee",
        "Berlin",
    ),
    (
        "dev3",
        "Jonas Weber",
        "Software Engineer",
        "Engineering",
        "eng-manager",
        "employee",
        "Hamburg",
    ),
    ("pm", "Chloé Martin", "Product Manager", "Engineering", "cto", "employee", "Paris"),
    ("designer", "Ana Souza", "Product Designer", "Engineering", "cto", "employee", "Lisbon"),
    ("comms", "Grace Kim", "Head of Communications", "Communications", "cmo", "comms", "London"),
    (
        "social",
        "Oliver Grant",
        "Social Media Manager",
        "Communications",
        "comms",
        "comms",
        "London",
    ),
    (
        "marketer",
        "Sofia Rossi",
        "Product Marketing Manager",
        "Marketing",
        "cmo",
        "employee",
        "Milan",
    ),
    ("events", "Kwame Mensah", "Events Lead", "Marketing", "cmo", "employee", "London"),
    ("sales1", "Lucía Fernández", "Account Executive", "Sales", "vp-sales", "employee", "Madrid"),
    ("sales2", "Ethan Brooks", "Account Executive", "Sales", "vp-sales", "employee", "Chicago"),
    ("sales3", "Isabel Costa", "Sales Engineer", "Sales", "vp-sales", "employee", "São Paulo"),
    ("finance1", "Noah Patel", "Financial Analyst", "Finance", "cfo", "employee", "New York"),
    ("ir", "Claire Dubois", "Investor Relations Lead", "Finance", "cfo", "employee", "New York"),
    ("recruiter", "Fatima Zahra", "Recruiter", "People", "chief-people", "employee", "Madrid"),
    ("hrbp", "Peter Novak", "HR Business Partner", "People", "chief-people", "employee", "Prague"),
    (
        "compliance",
        "Ruth Abramson",
        "Compliance Officer",
        "Legal",
        "general-counsel",
        "compliance",
        "New York",
    ),
    (
        "counsel",
        "Yusuf Demir",
        "Corporate Counsel",
        "Legal",
        "general-counsel",
        "employee",
        "New York",
    ),
    ("support1", "Emma Johansson", "Support Engineer", "Support", "cto", "employee", "Stockholm"),
    ("support2", "Liam O'Brien", "Support Engineer", "Support", "cto", "employee", "Dublin"),
    ("admin", "Sam Taylor", "IT Administrator", "IT", "cto", "admin", "New York"),
]

DOMAIN = "acme.example"

# Our own drafts (never corpus wording): a mix of clear, coached, blocked and protected.
DRAFTS = {
    "employee": [
        (
            "Proud of our team: we shipped a faster search for Anvil Cloud this week! "
            "#AcmeEmployee",
            ["linkedin", "x"],
            "ready",
        ),
        ("Tumbleweed is finally in beta and it looks great", ["x"], "draft"),
        (
            "Talked with colleagues today about our pay and how our overtime is scheduled. "
            "We should compare notes more often.",
            ["mastodon"],
            "draft",
        ),
    ],
    "dev2": [("Hiring! Come build distributed systems with me in Berlin.", ["linkedin"], "draft")],
    "marketer": [
        ("Rocket Skates are the best thing on wheels, get yours today", ["instagram"], "draft")
    ],
    "sales1": [("Great week onsite with Initech's team", ["linkedin"], "draft")],
    "social": [
        (
            "Join us at the spring developer meetup, tickets are free. I work at Acme.",
            ["x", "bluesky", "linkedin"],
            "ready",
        )
    ],
}


def policy_path() -> Path:
    """examples/acme.policy.yaml next to the package (a source checkout), else in the cwd."""
    here = Path(__file__).resolve().parent.parent / "examples" / "acme.policy.yaml"
    if here.exists():
        return here
    return Path.cwd() / "examples" / "acme.policy.yaml"


def is_loaded() -> bool:
    from manyvoices.people.models import User

    return User.objects.filter(email=f"admin@{DOMAIN}").exists()


@transaction.atomic
def load_demo() -> bool:
    """Load the demo company; False when it was already there."""
    from manyvoices.composer.models import Dismissal, Draft, DraftBlocked, ReviewStat
    from manyvoices.guidelines.models import Acknowledgement, PolicyVersion
    from manyvoices.people.models import User

    if is_loaded():
        return False
    # One hash for everyone: hashing 30 passwords one by one takes many seconds.
    password = make_password(DEMO_PASSWORD)
    users: dict[str, User] = {}
    for local, name, title, department, _boss, role, location in PEOPLE:
        handle = name.split()[0].lower()
        users[local] = User.objects.create(
            email=f"{local}@{DOMAIN}",
            name=name,
            title=title,
            department=department,
            role=role,
            location=location,
            password=password,
            handles={"linkedin": f"in/{handle}-{local}", "x": f"@{handle}_{local}"[:16]},
            spokesperson=local in ("ceo", "cfo", "comms", "ir"),
        )
    for local, *_rest in PEOPLE:
        boss = _rest[3]
        if boss:
            users[local].manager = users[boss]
            users[local].save(update_fields=["manager"])

    text = policy_path().read_text(encoding="utf-8")
    version = PolicyVersion.create_from_yaml(
        text,
        by=users["compliance"],
        note="The demo company's guidelines",
        source="acme.policy.yaml",
    )
    version.publish(by=users["compliance"])
    policy = version.policy()

    # About two thirds acknowledged; the demo employee has not, so the banner shows.
    rng = random.Random(7)
    for local, user in users.items():
        if local != "employee" and rng.random() < 0.7:
            Acknowledgement.objects.create(user=user, policy_version=version)

    for local, drafts in DRAFTS.items():
        for body, networks, status in drafts:
            draft = Draft(author=users[local], text=body, networks=networks)
            if status == "ready":
                try:
                    draft.mark_ready(policy, policy_version=version)
                    continue
                except DraftBlocked as exc:
                    if exc.review is not None:
                        ReviewStat.record(
                            exc.review,
                            author=users[local],
                            policy_version=version,
                            source="composer",
                        )
                    continue
            draft.save_reviewed(policy, policy_version=version)
    Dismissal.objects.create(
        author=users["dev2"],
        rule="disclosure.personal-views",
        severity="coach",
        reason="A job post, not an opinion",
    )
    from manyvoices.advocacy.demo import load_advocacy_demo

    load_advocacy_demo(users)
    from manyvoices.social.demo import load_social_demo

    load_social_demo(users)
    return True
