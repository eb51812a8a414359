"""respect.abuse: an exclamative insult said of a person named after it ("quel boulet
ce stagiaire", "what a clown that new lead is") is aimed at them; an insult said of a
game boss or a story's character is not aimed at anyone who can be hurt."""

from __future__ import annotations

import pytest

from .nimbus import check, found

RULE = "respect.abuse"


@pytest.mark.parametrize(
    "text",
    [
        "Quelle idiote cette nouvelle comptable, elle a tout effacé.",
        "What a clown that new team lead is.",
        "Qué inútil el nuevo becario, otra vez tarde.",
        "Was für ein Trottel der neue Kollege, echt.",
        "Que idiota esse novo gerente, esqueceu tudo.",
    ],
)
def test_exclamative_insult_at_a_person_is_abuse(text: str) -> None:
    assert found(check(text), RULE)


@pytest.mark.parametrize(
    "text",
    [
        "The end boss of this dungeon crawler is a complete moron, he never dodges.",
        "That villain is such an idiot, he explains his whole plan to the hero.",
        "Le boss de fin est un vrai crétin, il reste bloqué dans le mur.",
        "Der Endgegner ist ein totaler Idiot, er läuft immer in die Falle.",
        "El jefe final es un idiota, siempre cae en la misma trampa.",
        "What a clown, that juggler at the street fair was brilliant.",
    ],
)
def test_insult_at_a_fictional_character_is_not_abuse(text: str) -> None:
    assert not found(check(text), RULE)
