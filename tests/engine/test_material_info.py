"""confidential.material-info: unannounced results, deals, layoffs, launch dates and teasers
about the company, any performance talk inside a quiet period, never already-public facts
or other companies' news."""

from __future__ import annotations

import pytest

from .larkspur import (
    AFTER_QUIET,
    OUTSIDE,
    QUIET_FIRST,
    QUIET_INSIDE,
    QUIET_LAST,
    flagged,
    reported,
    run,
)

RULE = "confidential.material-info"


@pytest.mark.parametrize(
    "text",
    [
        # results and outlook
        "Wren Arm revenue hit $42M this quarter, double last year. #LarkspurTeam",
        "Our numbers this quarter are way below plan. Rough few weeks at work.",
        "Best quarter ever for my team at Larkspur Robotics, the sales floor is buzzing.",
        "Q2 bookings are tracking well above plan, champagne soon.",
        "Honestly Larkspur's gross margin has never been stronger than this spring.",
        # deals
        "We're acquiring a drone mapping startup in Lisbon, papers get signed Friday!",
        "My team at Larkspur just signed the largest contract in company history 🚆",
        # layoffs and reorganisations
        "Heads up friends: Larkspur is planning layoffs in the Austin office next month.",
        # launch dates of unannounced products
        "Kestrel Vision 3 launches on May 12, tell your robotics friends! #LarkspurTeam",
        "Our new picking robot ships next Tuesday and it is glorious.",
        # teasers
        "Something huge is coming from Larkspur Robotics next week. That's all I'm allowed to say",
        "Keep an eye on Larkspur's booth at the automation fair 👀",
        "Can't say more yet, but we have big news coming. Watch this space.",
    ],
)
def test_it_flags_unannounced_company_news_in_english(text: str) -> None:
    assert RULE in reported(run(text))


@pytest.mark.parametrize(
    "text",
    [
        "Notre chiffre d'affaires du trimestre est bien au-dessus des objectifs ! #LarkspurTeam",
        "Unser Umsatz im ersten Quartal liegt deutlich über Plan. Mehr darf ich nicht sagen.",
        "Cerramos el mayor contrato de la historia de Larkspur con una naviera. ¡Qué orgullo!",
        "Fechamos o maior contrato da história da Larkspur! 🚀 #LarkspurTeam",
        "Kestrel Vision 3 sort le 12 mai, préparez-vous ! #LarkspurTeam",
        "Algo grande llega a Larkspur la próxima semana. No puedo decir más 🤐",
    ],
)
def test_it_flags_unannounced_company_news_in_other_languages(text: str) -> None:
    assert RULE in reported(run(text))


@pytest.mark.parametrize(
    "text",
    [
        # said as announced, or with the company's announcement
        "As announced this morning, Larkspur Robotics grew revenue 18% to $310M in FY2026.",
        "Larkspur results are out, revenue up 12%: https://larkspur.ai/newsroom/q4-results",
        "Kestrel Vision 3 launched today, details at larkspur.ai/newsroom/kestrel-3",
        "Wren Arm 2 ships May 12, preorders are open: https://larkspur.ai/wren-arm-2",
        "We just announced our acquisition of a Lisbon mapping startup, welcome aboard!",
        # other companies' news
        "Halcyon Dynamics posted record revenue and their stock jumped 9% today.",
        "Congrats to Tamsin Freight on closing their Series C deal!",
        # not about performance at all
        "Best year ever for my vegetable garden: 40 kg of tomatoes!",
        "My team at Larkspur just shipped the new onboarding docs, proud of them.",
        "Our sales team had a great offsite in Lisbon, thanks for organising!",
        "Thanks for the great guidance this year, my team lead is the best.",
        "Stay tuned for part two of my blog series on motion planning.",
        "I'm expecting my second kid in Q3, wish me luck!",
        "Tech layoffs keep making headlines, be kind to anyone job hunting.",
    ],
)
def test_it_leaves_public_facts_and_other_news_alone(text: str) -> None:
    assert not flagged(run(text), RULE)


@pytest.mark.parametrize(
    "text",
    [
        "Not announced yet, but we're acquiring a vision startup in Porto.",
        "Our Q2 revenue, reported internally yesterday, beat plan by 20%.",
        "The reorg will be announced next week: Larkspur is merging two divisions.",
    ],
)
def test_news_not_yet_announced_to_the_public_is_still_unannounced(text: str) -> None:
    assert RULE in reported(run(text))


@pytest.mark.parametrize("date", [QUIET_FIRST, QUIET_INSIDE, QUIET_LAST])
def test_in_the_quiet_period_any_performance_talk_is_flagged_even_if_public(date: str) -> None:
    text = "As announced in February, Larkspur's FY2026 revenue grew 18%. Great year for us!"
    result = run(text, date=date)
    assert RULE in reported(result)
    assert "quiet period" in next(f for f in result.findings if f.rule == RULE).message


@pytest.mark.parametrize("date", [OUTSIDE, AFTER_QUIET])
def test_outside_the_quiet_period_announced_results_are_fine(date: str) -> None:
    text = "As announced in February, Larkspur's FY2026 revenue grew 18%. Great year for us!"
    assert not flagged(run(text, date=date), RULE)


@pytest.mark.parametrize(
    "text",
    [
        "Q1 is shaping up nicely at Larkspur, the whole team feels it.",
        "Strong start to the year for Larkspur Robotics. Proud of this crew.",
        "Heading into our Q1 call with a lot of confidence. #LarkspurTeam",
    ],
)
def test_vague_outlook_statements_are_flagged_in_the_quiet_period(text: str) -> None:
    assert RULE in reported(run(text, date=QUIET_INSIDE))


@pytest.mark.parametrize(
    "text",
    [
        "Spring hike with the kids: 14 km and one very grumpy toddler.",
        "Halcyon Dynamics missed its quarterly numbers badly, ouch.",
        "Kestrel Vision 2 is my favourite thing we make. #LarkspurTeam",
    ],
)
def test_the_quiet_period_leaves_other_topics_alone(text: str) -> None:
    assert not flagged(run(text, date=QUIET_INSIDE), RULE)


def test_a_spokesperson_is_bound_by_the_quiet_period_too() -> None:
    text = "Larkspur had a strong quarter and we're confident about the year. #LarkspurTeam"
    result = run(text, date=QUIET_INSIDE, author={"spokesperson": True})
    assert RULE in reported(result)


def test_the_rule_is_external_only() -> None:
    text = "Q2 bookings are tracking well above plan, champagne soon."
    assert not flagged(run(text, network="internal"), RULE)


def test_the_finding_points_at_the_disclosing_sentence_and_explains_reg_fd() -> None:
    text = "Fun offsite today! Our Q2 bookings beat plan by 30%."
    result = run(text)
    finding = next(f for f in result.findings if f.rule == RULE)
    assert finding.excerpt == "Our Q2 bookings beat plan by 30%."
    assert "Regulation FD" in finding.message
    assert finding.severity == "block"
    assert finding.fix is None


def test_names_come_from_the_policy_not_from_one_company() -> None:
    # Acme is not Larkspur's name: an outsider's post about it is not Larkspur news.
    text = "Acme Corporation's Q3 revenue crushed expectations, up 30%."
    assert not flagged(run(text), RULE)
    assert RULE in reported(run(text.replace("Acme Corporation", "Larkspur Robotics")))
