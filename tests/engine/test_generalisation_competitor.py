"""conduct.competitor generalises to dismissive claims about a competitor's actions: its
lawsuit "baseless", its "so-called" innovation, in five languages; a neutral report of
the same facts does not trigger."""

from __future__ import annotations

import pytest

from .nimbus import check, found

RULE = "conduct.competitor"


@pytest.mark.parametrize(
    "text",
    [
        "The patent claim Cumulus Systems filed is baseless and will get thrown out.",
        "Cumulus Systems and their so-called breakthrough: a rebrand of old tech.",
        "La plainte de Cumulus Systems est sans fondement, un coup de pub.",
        "Die Klage von Cumulus Systems ist haltlos und lachhaft.",
        "La demanda de Cumulus Systems es infundada, pura desesperación.",
        "O processo da Cumulus Systems é sem fundamento, jogada de marketing.",
    ],
)
def test_dismissing_a_competitors_actions_is_disparaging(text: str) -> None:
    assert found(check(text), RULE)


@pytest.mark.parametrize(
    "text",
    [
        "Cumulus Systems filed a patent claim against two vendors this week, per Reuters.",
        "Cumulus Systems announced a new storage engine today; benchmarks next month.",
    ],
)
def test_reporting_a_competitors_actions_is_neutral(text: str) -> None:
    assert not found(check(text), RULE)
