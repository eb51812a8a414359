"""The web tests' shared base: named people and a published policy.

alice owns things; bob is a colleague in her department; charlie is an outsider from
another department; plus comms, compliance and admin users. The policy is our own
made-up company, with custom rules so findings do not depend on checks still being
written.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from manyvoices.engine import Finding
from manyvoices.engine.catalogue import PROTECTED_RULE
from manyvoices.engine.review import downgrade
from manyvoices.guidelines.models import PolicyVersion, forget_current
from manyvoices.people.models import Role, User

PASSWORD = "correct horse battery staple"

TEST_POLICY = """\
name: Globodyne Social Guidelines
version: "3.1"

company:
  name: Globodyne
  aliases: [Globo]
  domains: [globodyne.example]
  internal_domains: [wiki.globodyne.example]

codenames: [Bluebird, Project Lantern]

rules:
  custom:
    - id: custom.beta-talk
      words: [beta programme]
      message: Beta programmes are announced by product marketing.
      severity: warn
      replacement: our next release
    - id: custom.nickname
      words: [the mothership]
      message: Say the company's name; nicknames read as mockery out of context.
      severity: coach
"""

BLOCKED_TEXT = "Bluebird ships next week"  # a codename: a hard line
WARN_TEXT = "Sign up for the beta programme now"  # a custom warning with a fix
COACH_TEXT = "Greetings from the mothership"  # a custom coaching note, no fix
CLEAR_TEXT = "Lovely sunny day for a walk by the river"


@dataclass
class People:
    alice: User
    bob: User
    charlie: User
    comms: User
    compliance: User
    admin: User

    def by_role(self, name: str) -> User | None:
        return None if name == "anonymous" else getattr(self, name)


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings: Any) -> None:
    # A real hasher costs ~0.3 s per password; tests create many people.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    cache.clear()  # rate-limit counters
    forget_current()  # each test's database has its own policy versions


@pytest.fixture(autouse=True)
def _click_writer_closed() -> Iterator[None]:
    yield
    # On PostgreSQL, outside a test transaction, clicks go through a writer thread with
    # its own connection: closed after each test, before the test database is dropped.
    from manyvoices.advocacy.clicks import writer

    writer.close()


@pytest.fixture
def people(db: Any) -> People:
    def make(email: str, name: str, department: str, role: str = Role.EMPLOYEE, **kw: Any) -> User:
        return User.objects.create_user(
            email, PASSWORD, name=name, department=department, role=role, **kw
        )

    lead = make("lead@globodyne.example", "Lee Lead", "Engineering")
    return People(
        alice=make(
            "alice@globodyne.example", "Alice Archer", "Engineering", manager=lead, title="Engineer"
        ),
        bob=make("bob@globodyne.example", "Bob Baker", "Engineering", manager=lead),
        charlie=make("charlie@globodyne.example", "Charlie Chen", "Sales"),
        comms=make("comms@globodyne.example", "Cora Comms", "Communications", Role.COMMS),
        compliance=make(
            "compliance@globodyne.example", "Carl Compliance", "Legal", Role.COMPLIANCE
        ),
        admin=make("admin@globodyne.example", "Ada Admin", "IT", Role.ADMIN),
    )


@pytest.fixture
def policy(people: People) -> PolicyVersion:
    version = PolicyVersion.create_from_yaml(TEST_POLICY, by=people.compliance, note="first")
    version.publish(by=people.compliance)
    return version


@pytest.fixture
def client_for(db: Any):  # type: ignore[no-untyped-def]
    """client_for(user) -> a Client signed in as that user (None: anonymous)."""

    def make(user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def htmx() -> dict[str, str]:
    return {"HTTP_HX_REQUEST": "true"}


PROTECTED_TEXT = "Colleagues, let us compare our pay and push together for fair overtime rules"


@pytest.fixture
def protected_engine(monkeypatch: pytest.MonkeyPatch) -> str:
    """Make reviews of PROTECTED_TEXT (and any text containing it) protected activity, as the
    engine's protected check will: these tests prove the web app keeps such reviews private,
    whatever the state of the engine's detection. Returns the text to use."""
    from manyvoices.api import api as api_module
    from manyvoices.composer import reviewing
    from manyvoices.engine import review as real_review

    def review(draft: Any, policy: Any, **kw: Any) -> Any:
        result = real_review(draft, policy, **kw)
        text = draft.text if hasattr(draft, "text") else draft["text"]
        if PROTECTED_TEXT in text and not result.protected:
            result.findings.append(
                Finding(
                    rule=PROTECTED_RULE,
                    severity="info",
                    start=0,
                    end=len(text),
                    excerpt=text[:40],
                    message="Protected activity.",
                )
            )
            result.findings = downgrade(result.findings)
            result.protected = True
            from manyvoices.engine.types import verdict_of

            result.verdict = verdict_of(result.findings)
        return result

    monkeypatch.setattr(reviewing, "review", review)
    monkeypatch.setattr(api_module, "review", review)
    return PROTECTED_TEXT


# The internal network's test world (tests/web/social_world.py), for its test files.
from .social_world import world  # noqa: E402, F401
