"""disclosure.affiliation generalises: a product said to be available today is promotion
in five languages, and "proud to work here" and its translations are disclosures."""

from __future__ import annotations

import pytest

from .borealis import check, found

RULE = "disclosure.affiliation"


@pytest.mark.parametrize(
    "text",
    [
        "Borealis Foods presents Aurora Granola Maple, available today: https://borealis.example/maple",
        "Frost Oats Protein: available today in every store near you.",
        "Aurora Granola Bio : disponible dès aujourd'hui sur borealis.example",
        "Frost Oats Kakao – ab heute erhältlich!",
        "Aurora Granola con chocolate ya disponible en borealis.example",
        "Frost Oats Mel já disponível nos mercados.",
    ],
)
def test_availability_announcements_promote_the_product(text: str) -> None:
    assert found(check(text), RULE)


@pytest.mark.parametrize(
    "text",
    [
        "Borealis is hiring bakers in Montreal. Proud to work here: https://borealis.example/jobs",
        "Frost Oats Protein, available today. Honestly love working here.",
        "Aurora Granola Bio disponible aujourd'hui. Fière de travailler ici !",
        "Frost Oats Mel já disponível. Tenho orgulho de trabalhar aqui.",
    ],
)
def test_saying_you_work_here_discloses(text: str) -> None:
    assert not found(check(text), RULE)


def test_an_availability_cue_from_a_spokesperson_is_exempt() -> None:
    text = "Frost Oats Protein, available today: https://borealis.example/protein"
    assert not found(check(text, author={"spokesperson": True}), RULE)


@pytest.mark.parametrize(
    "text",
    [
        "Can't recommend Frost Oats enough, my kids eat it every morning.",
        "I cannot recommend Aurora Granola highly enough.",
    ],
)
def test_a_negation_that_praises_more_still_praises(text: str) -> None:
    assert found(check(text), RULE)


def test_a_plain_negation_is_not_praise() -> None:
    assert not found(check("I can't recommend Frost Oats, too sweet for me."), RULE)
