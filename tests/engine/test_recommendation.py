"""finance.recommendation: advice to trade a security and promised returns block everywhere;
a registered representative may not give any securities opinion or performance claim."""

from __future__ import annotations

import pytest

from .larkspur import flagged, larkspur_policy, reported, run

RULE = "finance.recommendation"


@pytest.mark.parametrize(
    "text",
    [
        "Buy LRKS before the spring conference, thank me later.",
        "Short $HLCN, their backlog is collapsing.",
        "Load up on Larkspur shares while they're cheap.",
        "Halcyon Dynamics is a short at this valuation.",
        "Solana is going to the moon, don't sleep on it 🚀",
        "$LRKS is the easiest money you'll ever make, guaranteed returns.",
        "My covered-call strategy pays 25% a year. Can't lose.",
        "If you're still holding LRKS, I'd get out before summer.",
        "Achetez des actions Larkspur maintenant, rendement garanti !",
        "Kauft Bitcoin jetzt, der Kurs kann nur steigen!",
        "Vendan sus acciones antes de que sea tarde.",
        "Comprem ações da Larkspur hoje, não tem como perder.",
        "This token will 100x by summer, get in now.",
    ],
)
def test_it_blocks_trade_advice_and_promised_returns(text: str) -> None:
    result = run(text)
    assert RULE in reported(result)
    assert next(f for f in result.findings if f.rule == RULE).severity == "block"


@pytest.mark.parametrize(
    "text",
    [
        "Halcyon Dynamics stock is up 4% after earnings, per Bloomberg.",
        "Wren Arm revenue grew 20% this quarter.",
        "I sold my LRKS shares to pay for the wedding. No regrets.",
        "Grab a Wren Arm dev kit while stock lasts!",
        "Buy the Kestrel Vision starter kit, it's guaranteed to speed up your line.",
        "My sister shares her stock photos on a free site.",
        "This is a short post about our robotics meetup on Thursday.",
        "Our team is a buy-in-bulk kind of crew when it comes to coffee.",
    ],
)
def test_news_own_trades_and_shopping_are_not_advice(text: str) -> None:
    assert not flagged(run(text), RULE)


@pytest.mark.parametrize(
    "text",
    [
        "My model portfolio gained 11% this year versus 7% for the index.",
        "Tamsin Freight stock looks cheap at these levels.",
        "Our balanced fund returned 9.5% in 2026, beating the S&P 500.",
    ],
)
def test_a_regulated_author_may_not_give_opinions_or_performance_claims(text: str) -> None:
    assert RULE in reported(run(text, author={"regulated": True}))
    assert not flagged(run(text), RULE)


def test_the_company_wide_flag_makes_every_author_regulated() -> None:
    text = "My model portfolio gained 11% this year versus 7% for the index."
    assert RULE in reported(run(text, policy=larkspur_policy(regulated=True)))


@pytest.mark.parametrize(
    "text",
    [
        "Great volunteer day at the food bank with the Larkspur crew!",
        "Halcyon Dynamics stock is up 4% after earnings, per Bloomberg.",
    ],
)
def test_a_regulated_author_may_still_post_about_other_things(text: str) -> None:
    assert not flagged(run(text, author={"regulated": True}), RULE)


def test_it_applies_on_the_internal_network_too() -> None:
    assert RULE in reported(run("Buy LRKS before earnings, free money.", network="internal"))


def test_the_ticker_comes_from_the_policy() -> None:
    # ACME is not Larkspur's ticker and has no cashtag: a bare "buy ACME" could be anything.
    assert not flagged(run("Buy ACME before the conference."), RULE)
    assert RULE in reported(run("Buy LRKS before the conference."))
