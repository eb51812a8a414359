"""confidential.material-info generalises as classes: job cuts with a count, team mergers
with a date, forecasts said with "beat/superar/übertreffen", and figures shared "between
us", in five languages; the same words about other things stay quiet."""

from __future__ import annotations

import pytest

from .larkspur import reported, run

RULE = "confidential.material-info"


@pytest.mark.parametrize(
    "text",
    [
        # job cuts with a count, the employer named or "we"
        "Larkspur is going to cut 120 jobs after the summer, the memo is ready.",
        "We will eliminate about 60 roles in the Denver office next quarter.",
        "Larkspur va supprimer 45 postes au printemps.",
        "We're going to cut approximately 70 roles at the depot after the summer.",
        "Quietly: we're merging the Leeds and York offices in May.",
        # a team merger with a date is a reorganisation
        "Starting June 3rd the QA and release teams get merged into one group.",
        "Ab Juli werden die Abteilungen Einkauf und Logistik zusammengelegt.",
        "En septiembre fusionamos los departamentos de soporte y calidad.",
        "Vamos juntar os times de dados e produto em outubro.",
        # a forecast of the company's own figures, with a verb of beating
        "Nossos resultados do semestre vão superar as projeções dos analistas.",
        "Unsere Zahlen im Quartal werden die Prognosen klar übertreffen.",
        # a figure said in confidence
        "Strictly between us, our bookings are far ahead of forecast.",
        "Entre nous, nos ventes du semestre sont très au-dessus des attentes.",
    ],
)
def test_generalised_disclosures_are_found(text: str) -> None:
    assert RULE in reported(run(text))


@pytest.mark.parametrize(
    "text",
    [
        "I merged the two branches of my side project on Monday.",
        "Merged the feature branches into main on Friday, the repo is clean.",
        "We cut 20% of our cloud bill by merging two teams' tooling.",
        "Halcyon Dynamics will cut 300 jobs in March, sad news for the sector.",
        "Our kids' football teams merge for the summer tournament on July 4th.",
        "Just between us, I still can't cook rice properly.",
    ],
)
def test_same_words_in_other_senses_stay_quiet(text: str) -> None:
    assert RULE not in reported(run(text))


def test_figures_confided_without_naming_the_company_are_the_employers() -> None:
    assert RULE in reported(run("Just between you and me, H2 bookings will blow past guidance."))


def test_figures_confided_about_another_company_are_not() -> None:
    assert RULE not in reported(
        run("Between us, Halcyon Dynamics bookings will blow past guidance.")
    )
