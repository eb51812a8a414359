"""finance.recommendation: a security, a claim that its price is about to jump and a
trading verb in one sentence is advice in every language, whatever the word order
("<X> shares will skyrocket, buy now"); the same claim without a verb, or about one's
own trade, is not."""

from __future__ import annotations

import pytest

from .nimbus import check, found

RULE = "finance.recommendation"


@pytest.mark.parametrize(
    "text",
    [
        "Cumulus Systems stock is about to skyrocket, buy today.",
        "Les actions Thales vont s'envoler, achetez cette semaine !",
        "Die Lufthansa-Aktie wird abheben, kauft sie jetzt.",
        "Las acciones de Inditex van a despegar, ¡comprad hoy!",
        "As ações da Vale vão decolar, comprem logo!",
    ],
)
def test_rise_claim_with_a_trading_verb_is_advice(text: str) -> None:
    assert found(check(text), RULE)


@pytest.mark.parametrize(
    "text",
    [
        "I think Cumulus Systems stock will soar after the merger news.",
        "J'ai acheté des actions Thales hier, elles vont grimper selon moi.",
        "My sourdough starter is going to explode out of the jar, buy a bigger one.",
    ],
)
def test_a_prediction_or_own_trade_alone_is_not_advice(text: str) -> None:
    assert not found(check(text), RULE)
