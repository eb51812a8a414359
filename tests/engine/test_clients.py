"""clients.unapproved: clients the policy lists as confidential may not be named;
public clients may."""

import pytest

from manyvoices.engine import apply_fixes

from .nimbus import check, excerpts, found

RULE = "clients.unapproved"


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("Three days onsite at Halvorsen Pharma this week.", "Halvorsen Pharma"),
        ("Quillfeather Bank's data team asks the best questions.", "Quillfeather Bank"),
        ("Great workshop with halvorsen pharma today!", "halvorsen pharma"),
        ("Belle journée chez Halvorsen Pharma à Bâle.", "Halvorsen Pharma"),
        ("Workshop bei Quillfeather Bank in Zürich.", "Quillfeather Bank"),
    ],
)
def test_it_blocks_confidential_clients(text, excerpt):
    result = check(text)
    assert excerpts(result, RULE) == [excerpt]
    assert found(result, RULE)[0].severity == "block"


def test_public_clients_and_lookalikes_are_fine():
    assert found(check("Onsite with Pemberton Rail all week, great people."), RULE) == []
    assert found(check("Halvorsen is a common surname in Norway."), RULE) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Three days onsite at Halvorsen Pharma this week.",
            "Three days onsite at a client this week.",
        ),
        ("Quillfeather Bank's data team is sharp.", "A client's data team is sharp."),
        ("Pairing with the Quillfeather Bank folks today.", "Pairing with a client's folks today."),
        ("Belle journée chez Halvorsen Pharma.", "Belle journée chez un client."),
        ("Workshop bei Quillfeather Bank heute.", "Workshop bei einem Kunden heute."),
        (
            "Passei o dia inteiro num workshop na Quillfeather Bank, com uma equipa simpática.",
            "Passei o dia inteiro num workshop em um cliente, com uma equipa simpática.",
        ),
    ],
)
def test_the_fix_says_a_client_and_the_finding_goes_away(text, expected):
    fixed = apply_fixes(text, found(check(text), RULE))
    assert fixed == expected
    assert found(check(fixed), RULE) == []


def test_it_does_not_apply_on_the_internal_network():
    text = "Quillfeather Bank signs on Friday, keep it quiet until then."
    assert found(check(text, network="x"), RULE)
    assert found(check(text, network="internal"), RULE) == []


def test_it_stays_blocking_in_a_protected_post():
    text = "The Halvorsen Pharma account team has worked every weekend since May with no extra pay."
    assert [f.severity for f in found(check(text), RULE)] == ["block"]
