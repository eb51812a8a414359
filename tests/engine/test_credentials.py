"""security.credential: passwords, keys, tokens, private keys, session cookies and
connection strings, pasted in any of five languages; never prose that only talks
about secrets."""

import pytest

from manyvoices.engine.checks.credential import looks_like_password

from .borealis import check, fixed, found

RULE = "security.credential"

# Token formats made up for the tests: right shape, never real.
GITHUB = "ghp_" + "Zx81QmVtLk20PoIuYtRe4WqAsDfGhJkL9n3B"
STRIPE = "sk_live_" + "9QwErTy7UiOp3AsDfGhJk2Lz"
AWS_ID = "AKIA" + "Q7ZK3M2X9RT4VWB6"
AWS_SECRET = "pQ7r/Ks2mVx9LtB4nZc8YwHd3Fg6Jk1Ts5Ua0Re"
SLACK = "xoxb-" + "20431-88812345-Hq7Vb2Nc9Xz4Mk1Lp0Qw"
JWT = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
    "eyJzdWIiOiJ0ZXN0LXVzZXIiLCJpYXQiOjE3MDAwMDAwMDB9."
    "c2lnbmF0dXJlLW9mLXRoZS10ZXN0LXRva2Vu"
)
KEY_BLOCK = (
    "-----BEGIN RSA PRIVATE KEY-----\n"
    "MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n"
    "KUpRKfFLfRYC9AIKjbJTWit+CqvjWYzvQwECAwEAAQJAIJLixBy2qpFoS4DSmoEm\n"
    "-----END RSA PRIVATE KEY-----"
)

POSITIVES = [
    # token formats (detect-secrets' patterns)
    (f"PSA my CI token is {GITHUB} ... wait. rotating now", GITHUB),
    (f"why does Stripe reject {STRIPE} in prod??", STRIPE),
    (f"export AWS_ACCESS_KEY_ID={AWS_ID}", AWS_ID),
    (f"export AWS_SECRET_ACCESS_KEY={AWS_SECRET}", AWS_SECRET),
    (f"bot token for the channel: {SLACK}", SLACK),
    (f"debugging this session, the header was {JWT}", JWT),
    (f"new deploy key, paste it in:\n{KEY_BLOCK}\nthanks", KEY_BLOCK),
    # connection strings and cookies
    ("reports DB: postgres://report_ro:Fj3k!x9Lq@10.4.0.12:5432/sales", "Fj3k!x9Lq"),
    (
        "copy my cookie: sessionid=5c2e9a1f7b3d4e6a8c0b2d4f6a8c0e1f",
        "5c2e9a1f7b3d4e6a8c0b2d4f6a8c0e1f",
    ),
    (
        "curl -H 'Authorization: Bearer qT5rW8yZ2xC4vB6nM9kL1jH3gF7dS0aP'",
        "qT5rW8yZ2xC4vB6nM9kL1jH3gF7dS0aP",
    ),
    # passwords in prose, five languages
    ("the guest wifi password is Gr33nTea-Lounge, enjoy", "Gr33nTea-Lounge"),
    ("Login for the demo box: demo-user / Kettle#Blue9 (don't change it)", "Kettle#Blue9"),
    ("shared kiosk account (username: dock, password: Shift2Go!) for everyone", "Shift2Go!"),
    ("creds for staging are ops_admin:Wint3r!Sky", "Wint3r!Sky"),
    ("Le mot de passe du wifi : Soleil-2027!", "Soleil-2027!"),
    ("Benutzer lager, Passwort: Pal3tte!", "Pal3tte!"),
    ("la contraseña es Naranja_77 para todos", "Naranja_77"),
    ("a senha é Praia#2030, não partilhem", "Praia#2030"),
    ("api key: 9f8e7d6c5b4a39281706f5e4d3c2b1a0", "9f8e7d6c5b4a39281706f5e4d3c2b1a0"),
    ('in the config: password = "Tr0ub4dor&3"', "Tr0ub4dor&3"),
]


@pytest.mark.parametrize(("text", "secret"), POSITIVES)
def test_it_blocks_secrets_and_points_at_the_secret_itself(text, secret):
    result = check(text)
    spans = [text[f.start : f.end] for f in found(result, RULE)]
    assert secret in spans
    assert all(f.severity == "block" for f in found(result, RULE))
    assert result.verdict == "block"


@pytest.mark.parametrize(("text", "secret"), POSITIVES)
def test_its_fix_removes_the_secret_so_the_finding_goes_away(text, secret):
    after = fixed(text, RULE)
    assert secret not in after
    assert "[secret removed]" in after or "[" in after
    assert not found(check(after), RULE), after


def test_its_message_tells_the_author_to_rotate_the_secret():
    (finding,) = found(check(f"my token {GITHUB}"), RULE)
    assert "GitHub token" in finding.message
    assert "rotate" in finding.message


def test_a_credential_blocks_on_the_internal_network_too():
    assert found(check("admin login: admin / St0ck-R00m!", "internal"), RULE)


def test_a_credential_stays_blocking_in_a_protected_post():
    text = (
        "We all share one kiosk login (user: floor, password: Cl0ck-In!) and then they dock "
        "our pay for discrepancies. We deserve a fair system and fair pay."
    )
    (finding,) = found(check(text, "facebook"), RULE)
    assert finding.severity == "block"


NEGATIVES = [
    # prose about secrets
    "Tip: grep your shell history for 'AKIA' or 'ghp_' before you push anything.",
    "Never share your 2FA codes, not even with IT.",
    "The wifi password is on the whiteboard in the kitchen.",
    "Password: never reuse it anywhere else.",
    "Reset your password every 90 days, it's policy.",
    "the password is changing next week, watch your inbox",
    "Le mot de passe est dans le coffre-fort, demande-moi.",
    "Das Passwort steht im Tresor, frag mich einfach.",
    "La contraseña está en el gestor, pídemela.",
    "A senha está no cofre, pede-me.",
    # placeholders and documentation
    "Template: postgres://user:password@localhost/db, fill in your own.",
    "export API_TOKEN=$MY_TOKEN in your shell first",
    "set password: <your password> in the form",
    # slashes and colons that are not credentials
    "My account team / Mid-2026 roadmap is ready",
    "Q3/Q4-2026 planning for the accounts team",
    "Login at 9:30 / 10:00 for the standup",
    "Sign in with SSO / Okta2FA on the portal",
    "Our user/admin guide v2.3.1 is out",
    "Our 24/7 support line for account issues",
    "A token of appreciation for everyone on the account team",
    # ordinary links and hashes
    "Slides: https://www.example.com/talks/2026/scaling-queues-without-tears",
    "Fixed in commit 4f9d2c1a7b3e5f6a8c9d0e1f2a3b4c5d6e7f8a9b, thanks all",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_it_leaves_talk_about_secrets_alone(text):
    assert not found(check(text), RULE)


@pytest.mark.parametrize(
    ("value", "named", "expected"),
    [
        ("Sandpiper!2031", False, True),
        ("St4ging-Adm1n", False, True),
        ("Mid-2026", False, False),
        ("COVID-19", False, False),
        ("wonderful", False, False),
        ("hunter22", True, True),
        ("12345678", True, True),
        ("changing", True, False),
        ("Required", True, False),
        ("[secret", True, False),
        ("v2.3.1", True, False),
        ("2026-05-04", True, False),
    ],
)
def test_a_password_looks_like_one(value, named, expected):
    assert looks_like_password(value, named=named) is expected
