"""conduct.competitor: an exclamation after a comma is said of the clause's subject, so
"<competitor> copies our games, what a bunch of amateurs" mocks the competitor even though
"our" stands nearer; when we are the subject, it stays self-criticism."""

from __future__ import annotations

import pytest

from .nimbus import check, found

RULE = "conduct.competitor"


@pytest.mark.parametrize(
    "text",
    [
        "Cumulus Systems copied our onboarding flow, what a bunch of amateurs.",
        "Cumulus Systems copie notre interface, quelle bande d'amateurs.",
        "Cumulus Systems kopiert unsere Oberfläche, was für Amateure.",
    ],
)
def test_exclamation_after_the_clause_mocks_its_subject(text: str) -> None:
    assert found(check(text), RULE)


def test_our_own_clause_stays_self_criticism() -> None:
    assert not found(check("Our demo crashed in front of Cumulus Systems, what a joke."), RULE)
