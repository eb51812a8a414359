"""conduct.spokesperson: only spokespeople speak in the company's official voice."""

import pytest

from manyvoices.engine import apply_fixes

from .nimbus import check, excerpts, found

RULE = "conduct.spokesperson"


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        (
            "On behalf of Nimbus Labs, thank you to everyone who came by.",
            "On behalf of Nimbus Labs",
        ),
        (
            "Nimbus Labs is proud to announce a new office in Porto.",
            "Nimbus Labs is proud to announce",
        ),
        (
            "Nimbus's official position on AI code review: humans sign off.",
            "Nimbus's official position",
        ),
        (
            "Official statement from Nimbus: the migration is complete.",
            "Official statement from Nimbus",
        ),
        ("Speaking for Nimbus Labs here: we will not raise prices.", "Speaking for Nimbus Labs"),
        (
            "Thanks, on behalf of the whole team at Nimbus, for a great year.",
            "on behalf of the whole team at Nimbus",
        ),
        (
            "On behalf of the Cirrus DB team, thanks for the bug reports.",
            "On behalf of the Cirrus DB team",
        ),
        ("En nombre de Nimbus, gracias a todos por venir.", "En nombre de Nimbus"),
        ("Au nom de Nimbus Labs, merci pour votre confiance.", "Au nom de Nimbus Labs"),
        ("Im Namen von Nimbus Labs danke ich allen Kunden.", "Im Namen von Nimbus Labs"),
        ("Em nome da Nimbus, obrigado a todos os clientes.", "Em nome da Nimbus"),
        (
            "Nimbus Labs a le plaisir d'annoncer son arrivée à Lyon.",
            "Nimbus Labs a le plaisir d'annoncer",
        ),
    ],
)
def test_it_warns_when_a_non_spokesperson_speaks_for_the_company(text, excerpt):
    result = check(text)
    assert excerpts(result, RULE) == [excerpt]
    assert found(result, RULE)[0].severity == "warn"


@pytest.mark.parametrize(
    "text",
    [
        "On behalf of my daughter's class, thank you to the museum staff.",
        "I'm proud of what my team at Nimbus shipped this year.",
        "We at Nimbus spent the weekend teaching kids to code.",
        "Nimbus Labs announced a new office in Porto today: https://nimbuslabs.io/news/porto",
        "The official statement is on the status page; Nimbus has nothing to add for now.",
        "Personally, I think Cirrus DB 5 is a big step forward.",
    ],
)
def test_first_person_and_third_person_posts_pass(text):
    assert found(check(text), RULE) == []


@pytest.mark.parametrize(
    "text",
    [
        "Nimbus's official statement on the outage: https://nimbuslabs.io/status/0412",
        "Read the official statement from Nimbus here.",
        "Per Nimbus's official position, no customer data was affected.",
        "Nimbus's official statement is below.",
        '"Nimbus Labs is proud to announce" opens every one of our release notes.',
    ],
)
def test_pointing_at_or_quoting_the_official_word_is_not_speaking_it(text):
    assert found(check(text), RULE) == []


def test_spokespeople_may_speak_for_the_company():
    text = "On behalf of Nimbus Labs, thank you to everyone who came by."
    assert found(check(text, author={"spokesperson": True}), RULE) == []


def test_it_does_not_apply_on_the_internal_network():
    text = "Official word from Nimbus Facilities: the Porto office opens Monday."
    assert found(check(text, network="threads"), RULE)
    assert found(check(text, network="internal"), RULE) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On behalf of Nimbus Labs, thank you to everyone who came by.",
            "Personally, thank you to everyone who came by.",
        ),
        (
            "Speaking for Nimbus here: we will not raise prices.",
            "Speaking for myself here: we will not raise prices.",
        ),
        (
            "Nimbus Labs is proud to announce a new office in Porto.",
            "I'm happy to share a new office in Porto.",
        ),
        (
            "Nimbus's official position on AI code review: humans sign off.",
            "My personal view on AI code review: humans sign off.",
        ),
        (
            "En nombre de Nimbus, gracias a todos por venir.",
            "Personalmente, gracias a todos por venir.",
        ),
    ],
)
def test_the_fix_rewords_in_the_first_person_and_the_finding_goes_away(text, expected):
    fixed = apply_fixes(text, found(check(text), RULE))
    assert fixed == expected
    assert found(check(fixed), RULE) == []


def test_a_sarcastic_official_voice_is_reported_and_left_to_the_protected_downgrade():
    # The check reports it; review.py softens it when the post is protected activity.
    text = "Nimbus Labs is proud to announce... a pay freeze, third year running."
    assert found(check(text), RULE)
