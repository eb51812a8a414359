"""protected.concerted-activity: more working-conditions and collective words in five
languages (no raise for years, night-shift allowances, rest periods, return to the
office, a joint letter, a staff assembly, "who signs with us", "we demand"); a post
using one such word about something else stays unprotected."""

from __future__ import annotations

import pytest

from .nimbus import check, found

RULE = "protected.concerted-activity"


@pytest.mark.parametrize(
    "text",
    [
        "A group of us is writing a joint letter about the return to office mandate.",
        "Les testeurs n'ont pas été augmentés depuis 2022. Lettre collective en préparation.",
        "Die Ruhezeiten im Lager sind zu kurz. Wir fordern mehr Personal, wer unterschreibt?",
        "Nos quitan el plus de nocturnidad. Asamblea del personal el jueves, venid todos.",
        "Cortaram o adicional noturno do pessoal do turno da noite. Carta coletiva amanhã.",
    ],
)
def test_working_conditions_said_together_are_protected(text: str) -> None:
    assert found(check(text), RULE)


@pytest.mark.parametrize(
    "text",
    [
        "I go to the gym five days a week, best habit I ever built.",
        "Le trafic du site a augmenté de 20 % ce mois-ci, bravo à l'équipe web.",
    ],
)
def test_the_same_words_elsewhere_are_not_protected(text: str) -> None:
    assert not found(check(text), RULE)
