"""conduct.competitor: mocking or disparaging a competitor the policy names warns on external
networks; naming it, congratulating it or comparing facts does not."""

import pytest

from manyvoices.engine import parse_policy

from .nimbus import NIMBUS_POLICY, check, excerpts, found

RULE = "conduct.competitor"

# Nimbus Labs with three rivals of its own: one long name, one single word, one name
# whose first word is used alone.
RIVALS = parse_policy(
    NIMBUS_POLICY.replace(
        "competitors: [Cumulus Systems]",
        "competitors: [Cumulus Systems, Borealis, Halcyon Data Works]",
    ),
    source="nimbus-rivals.policy.yaml",
)


def review(text, **draft):
    return check(text, policy=RIVALS, **draft)


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("Cumulus Systems' new SDK is a buggy mess.", "buggy mess"),
        ("Borealis pricing is a scam, plain and simple.", "scam"),
        ("Tried the Borealis beta. Their docs are a joke.", "a joke"),
        ("Classic Borealis, shipping a breaking change on a Friday.", "Classic Borealis"),
        ("Halcyon Data Works suing a startup over a logo is peak Halcyon.", "peak Halcyon"),
        (
            "Watching Borealis demo their sync engine is like watching paint dry.",
            "is like watching",
        ),
        ("Borealis support basically doesn't exist anymore.", "doesn't exist"),
        ("Borealis, your days are numbered.", "your days are numbered"),
        (
            "Their 'AI assistant' is glorified autocomplete, says everyone who tried Borealis.",
            "glorified",
        ),
    ],
)
def test_it_warns_on_mockery_of_a_competitor(text, excerpt):
    result = review(text)
    assert excerpts(result, RULE) == [excerpt]
    assert found(result, RULE)[0].severity == "warn"
    assert found(result, RULE)[0].fix is None


@pytest.mark.parametrize(
    "text",
    [
        "Le nouveau produit de Borealis est une blague.",
        "Die neue App von Borealis ist ein Witz.",
        "El soporte de Borealis es una estafa.",
        "O suporte da Borealis é uma piada.",
    ],
)
def test_it_warns_in_french_german_spanish_and_portuguese(text):
    assert found(review(text), RULE)


def test_two_hints_of_sarcasm_together_make_a_put_down():
    text = 'Borealis calls its new console "enterprise grade". Enterprise grade by whom? lol'
    assert found(review(text), RULE)


@pytest.mark.parametrize(
    "text",
    [
        "Congrats to the Borealis team on their launch today!",
        "Our benchmark, scripts included: Cirrus DB p99 was 38 ms, Borealis 44 ms, and Borealis "
        "won on bulk loads. https://nimbuslabs.io/bench",
        "We lost the deal to Borealis. Fair play, their demo was better.",
        "Borealis shipped on time while our own beta was a mess.",
        "Met the Cumulus Systems folks at the meetup, lovely crowd.",
        "Borealis raised prices by 10% this quarter, per their announcement.",
        "Halcyon is a lovely word for a calm day.",
        "This release of ours is a buggy mess, sorry everyone.",
    ],
)
def test_it_leaves_neutral_mentions_and_fair_comparisons_alone(text):
    assert not found(review(text), RULE)


def test_it_reads_the_competitors_from_the_policy():
    text = "Borealis pricing is a scam, plain and simple."
    assert found(review(text), RULE)
    # Nimbus's own policy does not name Borealis: the same words are no fight with a rival.
    assert not found(check(text), RULE)


def test_it_does_not_apply_on_the_internal_network():
    assert not found(review("Borealis support is a joke.", network="internal"), RULE)


def test_insulting_a_competitors_people_is_also_abuse():
    result = review("Every Borealis engineer I've met is a moron.")
    assert found(result, RULE)
    assert found(result, "respect.abuse")


def test_it_is_only_coaching_in_a_protected_post():
    text = (
        "Borealis pays support staff $5/hr more than we get. Their app is a buggy mess, yet "
        "they pay people fairly. We're asking management for a raise together."
    )
    result = review(text)
    assert found(result, "protected.concerted-activity")
    assert [f.severity for f in found(result, RULE)] == ["coach"]


def test_its_offsets_slice_the_put_down():
    text = "🙄 Borealis's new dashboard is a dumpster fire."
    finding = found(review(text), RULE)[0]
    assert text[finding.start : finding.end] == "dumpster fire"


def test_a_put_down_in_another_clause_before_the_name_is_not_about_it():
    assert not found(review("The migration was a nightmare until the Borealis team helped."), RULE)
    assert found(review("What a mess Borealis made of their launch."), RULE)
