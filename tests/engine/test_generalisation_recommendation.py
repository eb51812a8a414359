"""finance.recommendation generalises to slang price calls said of a named thing ("<X> is
a steal", "undervalued, buy the dip", "une affaire", "Schnäppchen", "pechincha") and to
plural imperatives in other languages, while bargains on shoes and hotels stay shopping."""

from __future__ import annotations

import pytest

from .larkspur import flagged, reported, run

RULE = "finance.recommendation"


@pytest.mark.parametrize(
    "text",
    [
        "AMD is an absolute steal right now, trust me.",
        "Rivian is undervalued, buy the dip before everyone else does.",
        "Halcyon Dynamics shares are a bargain this week.",
        "L'action Michelin est bradée, achetez la baisse.",
        "Die Allianz-Aktie ist ein Schnäppchen, greift zu!",
        "Repsol está infravalorada, comprad ya.",
        "A Embraer é uma pechincha, comprem na baixa.",
        "Vendez vos actions Peugeot avant l'été.",
        "Kauft jetzt Aktien von Larkspur, bevor es alle tun.",
    ],
)
def test_slang_and_plural_calls_are_advice(text: str) -> None:
    assert RULE in reported(run(text))


@pytest.mark.parametrize(
    "text",
    [
        "These hiking boots were a steal at the outlet.",
        "Spent a weekend in Porto, the guesthouse was a bargain.",
        "This café is a steal for lunch, highly recommend the soup.",
        "Loading up the van for the festival, see you there!",
    ],
)
def test_bargains_on_things_are_not_advice(text: str) -> None:
    assert not flagged(run(text), RULE)
