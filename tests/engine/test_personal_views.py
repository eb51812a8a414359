"""disclosure.personal-views: an opinion on the company's strategy or the industry
should say the views are the author's own (a coaching note, never a block)."""

import pytest

from manyvoices.engine import apply_fixes

from .nimbus import check, excerpts, found, nimbus_policy

RULE = "disclosure.personal-views"


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("I think Nimbus's bet on edge hardware is the wrong call.", "I think"),
        ("In my opinion the database industry is about to consolidate hard.", "In my opinion"),
        ("Hot take: most AI coding tools slow senior engineers down.", "Hot take"),
        ("À mon avis, la stratégie de Nimbus Labs sur les prix est une erreur.", "À mon avis"),
        ("Meiner Meinung nach ist die Strategie von Nimbus genau richtig.", "Meiner Meinung nach"),
        ("Creo que la regulación de la inteligencia artificial llega tarde.", "Creo que"),
        ("Na minha opinião, a aposta da Nimbus em IA é a decisão certa.", "Na minha opinião"),
    ],
)
def test_it_coaches_opinions_on_strategy_or_the_industry(text, excerpt):
    result = check(text)
    assert excerpts(result, RULE)[:1] == [excerpt]
    assert found(result, RULE)[0].severity == "coach"
    assert result.verdict == "clear"  # coaching never changes the verdict


@pytest.mark.parametrize(
    "text",
    [
        "I think Nimbus's bet on edge hardware is the wrong call. Views are my own.",
        "IMO the AI hype cycle is peaking. Opinions are mine.",
        "À mon avis, le secteur va se consolider. Avis personnel.",
        "Ich glaube, die Branche konsolidiert sich. Meine persönliche Meinung.",
        "Creo que el sector va a consolidarse. Opinión personal.",
        "Acho que o setor vai se consolidar. Opinião pessoal.",
        # The policy's own disclaimer text counts too.
        "I think the industry is about to consolidate. Opinions are mine, not my employer's.",
    ],
)
def test_a_disclaimer_answers_it(text):
    assert found(check(text), RULE) == []


@pytest.mark.parametrize(
    "text",
    [
        "I think I'll have tacos tonight.",
        "Nimbus Labs moved its Porto office to the riverside.",
        "I believe in you, first-time speakers!",
    ],
)
def test_opinions_on_other_things_and_plain_facts_pass(text):
    assert found(check(text), RULE) == []


def test_the_fix_appends_the_policys_disclaimer_and_the_finding_goes_away():
    text = "I think the database industry is about to consolidate."
    fixed = apply_fixes(text, found(check(text), RULE))
    assert fixed == text + " Opinions are mine, not my employer's."
    assert found(check(fixed), RULE) == []


def test_another_policy_disclaimer_is_the_one_appended():
    policy = nimbus_policy(
        disclosure='disclosure:\n  tags: ["#NimbusStaff"]\n  disclaimer: "All views my own."'
    )
    text = "I think the database industry is about to consolidate."
    fixed = apply_fixes(text, found(check(text, policy=policy), RULE))
    assert fixed.endswith(" All views my own.")


def test_it_does_not_apply_on_the_internal_network():
    text = "I think Nimbus's pricing strategy is a mistake."
    assert found(check(text, network="x"), RULE)
    assert found(check(text, network="internal"), RULE) == []
