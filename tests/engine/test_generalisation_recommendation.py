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


def test_a_bare_ticker_in_investing_talk_is_a_security() -> None:
    assert RULE in reported(run("Grab some NVDA while it's cheap, you'll thank me."))


def test_capitals_in_a_post_without_investing_talk_are_not_tickers() -> None:
    assert not flagged(run("Grab your seat NOW, the CEO keynote fills up fast."), RULE)


def test_a_regulated_authors_fund_being_up_is_a_performance_claim() -> None:
    text = "The income fund is up 6% this year, ahead of its benchmark."
    assert RULE in reported(run(text, author={"regulated": True}))
    assert not flagged(run(text), RULE)
    # investment performance is not the company's own results
    assert "confidential.material-info" not in reported(run(text, author={"regulated": True}))
