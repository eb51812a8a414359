"""conduct.crisis: employees commenting on the company's lawsuits, investigations, incidents,
outages and accidents; the official word and pointers to it are fine."""

from __future__ import annotations

import pytest

from manyvoices.engine import apply_fixes

from .larkspur import flagged, reported, run

RULE = "conduct.crisis"


@pytest.mark.parametrize(
    "text",
    [
        "Larkspur Fleet went down for three hours last night. My guess is the new load balancer.",
        "Halcyon Dynamics is suing us over a gripper patent. Total nonsense, they'll lose.",
        "The regulators poking around my employer's data practices won't find a thing.",
        "That Kestrel Vision breach last week was way smaller than the headlines say.",
        "Larkspur Fleet is down again 🙄 third time this month.",
        "La panne de Larkspur Fleet hier ? À mon avis c'est encore la migration.",
        "Der Ausfall von Larkspur Fleet heute Morgen war peinlich, schon wieder die Datenbank.",
        "La caída de Larkspur Fleet de ayer fue un desastre, creo que fue por la migración.",
        "A queda do Larkspur Fleet ontem foi vergonhosa, acho que foi a migração de novo.",
    ],
)
def test_it_warns_about_commentary_on_the_companys_crisis(text: str) -> None:
    result = run(text)
    assert RULE in reported(result)
    assert next(f for f in result.findings if f.rule == RULE).severity == "warn"


def test_a_spokesperson_sharing_the_official_statement_is_fine() -> None:
    text = (
        "We are aware of degraded performance in Larkspur Fleet for some EU customers. "
        "Our engineers are working on it. Updates: https://status.larkspur.ai"
    )
    assert not flagged(run(text, author={"spokesperson": True}), RULE)


def test_a_spokesperson_giving_opinions_still_comments() -> None:
    text = "Honestly, the lawsuit against Larkspur is baseless and I predict it will be dismissed."
    assert RULE in reported(run(text, author={"spokesperson": True}))


@pytest.mark.parametrize(
    "text",
    [
        "Larkspur Fleet customers: for updates on today's outage, see the status page.",
        "Updates on the Larkspur Fleet incident: https://status.larkspur.ai",
    ],
)
def test_a_plain_pointer_to_the_status_page_is_fine(text: str) -> None:
    assert not flagged(run(text), RULE)


@pytest.mark.parametrize(
    "text",
    [
        "Halcyon Dynamics has been down all afternoon, rough day for their engineers.",
        "Proud to run incident response training at Larkspur this week!",
        "Zero downtime migration of Larkspur Fleet done, thanks team. #LarkspurTeam",
        "Reading a great book about the history of aviation accidents.",
        "Celebrating 400 days without a lost-time accident at the Larkspur plant in Brno!",
        "The Larkspur office is down the street from the best tacos in town.",
        "Ran a great incident review workshop with the Larkspur SRE crew today.",
    ],
)
def test_other_companies_and_everyday_words_are_not_a_crisis(text: str) -> None:
    assert not flagged(run(text), RULE)


def test_colleagues_may_discuss_it_on_the_internal_network() -> None:
    text = "Larkspur Fleet went down for three hours; root cause was a bad config push."
    assert not flagged(run(text, network="internal"), RULE)


def test_the_fix_points_to_the_official_statement_and_clears_the_finding() -> None:
    text = "Larkspur Fleet went down for three hours last night. My guess is the load balancer."
    result = run(text)
    finding = next(f for f in result.findings if f.rule == RULE)
    assert finding.excerpt == text  # the guess at the cause is commentary too
    assert finding.fix is not None
    assert "official statement" in finding.fix.replacement
    fixed = apply_fixes(text, [finding])
    assert not flagged(run(fixed), RULE)


def test_the_fix_is_written_in_the_posts_language() -> None:
    text = "La caída de Larkspur Fleet de ayer fue un desastre, creo que fue por la migración."
    finding = next(f for f in run(text).findings if f.rule == RULE)
    assert finding.fix is not None
    assert "comunicado oficial" in finding.fix.replacement
