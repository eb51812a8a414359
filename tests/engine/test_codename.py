"""confidential.codename: the policy's internal codenames, but not the same word in its
ordinary sense (a bird, a tree, a place)."""

import pytest

from manyvoices.engine import apply_fixes

from .nimbus import check, excerpts, found

RULE = "confidential.codename"


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("Heron demo went great today, proud of this crew.", "Heron"),
        ("Sprint planning for Osprey ran long again.", "Osprey"),
        ("Project Juniper hit its first milestone!", "Project Juniper"),
        ("HERON SHIPS NEXT WEEK", "HERON"),
        ("Whiteboard afternoon for #Heron, my favourite kind of Tuesday.", "#Heron"),
        ("Heron's API review: forty comments, zero decisions.", "Heron"),
        ("Six months into Osprey and the scheduler is still the easy part.", "Osprey"),
        ("Le lancement de Heron est prévu pour mars.", "Heron"),
        # Nature words nearby do not hide a project when project words are there too.
        ("Heron launch party by the lake tonight!", "Heron"),
    ],
)
def test_it_blocks_internal_codenames(text, excerpt):
    result = check(text)
    assert excerpts(result, RULE) == [excerpt]
    assert found(result, RULE)[0].severity == "block"


@pytest.mark.parametrize(
    "text",
    [
        "saw a heron fishing at the river this morning",  # lowercase
        "Herons everywhere on the lake today.",  # plural
        "Heron spotted at the wildlife refuge, such a patient bird.",  # the bird, capitalised
        "Osprey nest on the light pole by the beach again this spring.",
        "The juniper hedge finally took, the garden looks great.",
        "Docs: https://nimbuslabs.io/blog/heron-sightings",  # in a URL path
        "Project juniper notes",  # a multi-word codename matches as listed or in capitals
    ],
)
def test_ordinary_senses_plurals_and_links_do_not_trigger(text):
    assert found(check(text), RULE) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Heron demo went great today.", "Our project demo went great today."),
        ("Slides from the Osprey design review.", "Slides from our project design review."),
        ("Pairing on a Heron edge case.", "Pairing on our project edge case."),
        ("Project Juniper hit its first milestone!", "Our project hit its first milestone!"),
        (
            "Le lancement de Heron est prévu pour mars.",
            "Le lancement de notre projet est prévu pour mars.",
        ),
    ],
)
def test_the_fix_names_it_our_project_and_the_finding_goes_away(text, expected):
    fixed = apply_fixes(text, found(check(text), RULE))
    assert fixed == expected
    assert found(check(fixed), RULE) == []


def test_it_does_not_apply_on_the_internal_network():
    text = "Heron sprint review moves to Thursday."
    assert found(check(text, network="linkedin"), RULE)
    assert found(check(text, network="internal"), RULE) == []


def test_it_stays_blocking_in_a_protected_post():
    text = "Sixty-hour weeks on Osprey since August and no overtime pay. Let's talk to HR together."
    assert [f.severity for f in found(check(text), RULE)] == ["block"]


def test_spokespeople_are_not_exempt():
    assert found(check("Heron ships next week!", author={"spokesperson": True}), RULE)
