"""disclosure.affiliation: talking up the employer's own stock ("grab some <TICKER>",
"<Company> shares will skyrocket", "las acciones de <Company> van a dispararse, comprad")
promotes it, so an employee must disclose; the same words about someone else's stock or
with a disclosure do not trigger it."""

from __future__ import annotations

import pytest

from .nimbus import check, found

RULE = "disclosure.affiliation"


@pytest.mark.parametrize(
    "text",
    [
        "Grab some NMBL before the summer, can't lose.",
        "Nimbus Labs shares will skyrocket this year.",
        "Les actions Nimbus Labs vont s'envoler, croyez-moi.",
        "Die Nimbus-Aktie wird abheben, ganz sicher.",
        "Las acciones de Nimbus Labs van a dispararse, ¡comprad!",
        "As ações da Nimbus Labs vão disparar em breve.",
    ],
)
def test_talking_up_the_employer_stock_needs_a_disclosure(text: str) -> None:
    assert found(check(text), RULE)


@pytest.mark.parametrize(
    "text",
    [
        "Grab some NMBL before the summer, can't lose. #TeamNimbus",
        "Grab a coffee with me after the Nimbus Labs meetup?",
    ],
)
def test_disclosed_or_unrelated_is_not_an_affiliation_issue(text: str) -> None:
    assert not found(check(text), RULE)
