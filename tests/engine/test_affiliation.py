"""disclosure.affiliation: praising or promoting the company's things needs a disclosure
in the post itself (rules.md), with Nimbus Labs' policy to prove it reads the policy."""

import pytest

from manyvoices.engine import apply_fixes

from .nimbus import check, excerpts, found, nimbus_policy

RULE = "disclosure.affiliation"


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("Cirrus DB is the fastest database I have ever run in production.", "Cirrus DB"),
        ("Obsessed with the new Stratus Sync conflict view, try it today.", "Stratus Sync"),
        ("Nimbus Labs is hiring platform engineers, go apply!", "Nimbus Labs"),
        ("Don't miss the Nimbus Notebook workshop on Thursday.", "Nimbus Notebook"),
        ("Loading up on $NMBL before the holidays, to the moon.", "$NMBL"),
        (
            "Friendliest docs on the internet: https://nimbuslabs.io/docs/start",
            "https://nimbuslabs.io/docs/start",
        ),
        ("Give @nimbuslabs a follow, best dev content around.", "@nimbuslabs"),
        ("If you run a data team, take a hard look at Cirrus DB.", "Cirrus DB"),
    ],
)
def test_it_blocks_undisclosed_praise_of_company_things(text, excerpt):
    result = check(text)
    assert excerpts(result, RULE) == [excerpt]
    assert found(result, RULE)[0].severity == "block"
    assert result.verdict == "block"


@pytest.mark.parametrize(
    "text",
    [
        "Cirrus DB ist die schnellste Datenbank, die ich kenne. Probiert es aus!",
        "Je recommande Stratus Sync à toutes les équipes, c'est génial.",
        "Stratus Sync es increíble, pruébalo este fin de semana.",
        "Recomendo o Nimbus Notebook para quem estuda dados, é incrível.",
    ],
)
def test_it_blocks_undisclosed_praise_in_other_languages(text):
    assert len(found(check(text), RULE)) == 1


def test_praise_of_a_public_clients_work_counts_as_an_endorsement():
    result = check("Pemberton Rail's new booking app is fantastic, check it out.")
    assert excerpts(result, RULE) == ["Pemberton Rail"]


@pytest.mark.parametrize(
    "text",
    [
        "Cirrus DB is the best database around. I work at Nimbus Labs.",
        "Cirrus DB is the best database around (I work for Nimbus).",
        "Full disclosure: Cirrus DB is made by my employer, and it is the best.",
        "My company makes Cirrus DB, so I'm biased, but it is the best.",
        "My team at Nimbus shipped the best Cirrus DB release yet.",
        "We at Nimbus Labs think Cirrus DB is the fastest database around.",
        "Cirrus DB is the best database around (Nimbus employee here).",
        "As an Nimbus employee I may be biased, but Cirrus DB is the best.",
        "Cirrus DB is the best database around. #NimbusStaff",
        "Cirrus DB is the best database around #teamnimbus",
        "Ich arbeite bei Nimbus Labs, und Cirrus DB ist die beste Datenbank.",
        "Cirrus DB ist die beste Datenbank (mein Arbeitgeber, ich bin befangen).",
        "Je travaille chez Nimbus et Stratus Sync est génial.",
        "Mon employeur fait Stratus Sync, et c'est génial.",
        "Trabajo en Nimbus y Stratus Sync es increíble.",
        "Mi empresa hace Stratus Sync y es increíble.",
        "Trabalho na Nimbus e o Nimbus Notebook é incrível.",
        "Minha empresa faz o Nimbus Notebook, que é incrível.",
        "I'm a data engineer at Nimbus Labs, and Cirrus DB is the best database around.",
        "Je suis développeuse chez Nimbus et Stratus Sync est génial.",
        "Nimbus engineer here: Cirrus DB 5 is the fastest release yet.",
        "Five years at Nimbus today, and Cirrus DB is still the best thing I've worked on.",
        "Love working at Nimbus Labs, and Stratus Sync is amazing.",
    ],
)
def test_a_disclosure_in_the_post_answers_it(text):
    assert found(check(text), RULE) == []


@pytest.mark.parametrize(
    "text",
    [
        "Cirrus DB is the best database around. #sp",
        "Cirrus DB is the best database around #spon #partner",
        "Cirrus DB is the best database around. #ee #ad",
        "Cirrus DB is the best database around. Thanks Nimbus!",
        "Our Cirrus DB release is the best one yet.",
        "We shipped it: Cirrus DB is the best database around.",
        "Cirrus DB is the best database around. Opinions are mine, not my employer's.",
        "The Nimbus employee at the booth said Cirrus DB is the best.",
        "A Nimbus engineer told me Cirrus DB is the best.",
        "As a Nimbus customer, I love Cirrus DB.",
    ],
)
def test_vague_tags_bare_we_and_disclaimers_are_not_disclosures(text):
    assert len(found(check(text), RULE)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Nimbus Labs opened a Lisbon office, per today's announcement: "
        "https://nimbuslabs.io/news/lisbon",
        "Cirrus DB 5 is out today with a new query planner.",
        "NMBL shares fell 3% today after the conference call.",
        "I would not recommend Cirrus DB for analytics workloads.",
        "Cirrus DB went down for an hour this morning; the status page has details.",
        "Cumulus Systems has the best docs in the business, Nimbus should copy them.",
        "I'd love to see Stratus Sync add a dark mode.",
        "Best regards from the Nimbus Labs booth team.",
        "Where can I buy a Nimbus Notebook in Porto?",
        "Is Cirrus DB the best option for time series?",
        "Nimbus Labs cut our team's budget again. Best decision ever, said no one.",
        "Nimbus Labs cut our budget again. Best decision ever 🙄",
        "Stratus Sync lost my edits again this morning. Fantastic. Just fantastic.",
        "Great call with Halvorsen Pharma today. Nimbus Labs opened a Porto office too.",
    ],
)
def test_neutral_mentions_and_praise_of_others_do_not_trigger(text):
    assert found(check(text), RULE) == []


def test_praise_can_point_at_the_next_sentence_from_a_fragment_or_a_pronoun():
    assert excerpts(check("Best notebook of the year? Nimbus Notebook, easily."), RULE) == [
        "Nimbus Notebook"
    ]
    assert excerpts(check("Cirrus DB 5 shipped today. Try it, it is so fast."), RULE) == [
        "Cirrus DB"
    ]


def test_applying_the_clients_fix_does_not_turn_praise_of_a_client_into_praise_of_us():
    text = "Great call with Halvorsen Pharma today — Nimbus Labs opens in Porto next week."
    result = check(text)
    assert found(result, RULE) == []
    fixed = apply_fixes(text, result.findings)
    assert "a client" in fixed
    assert found(check(fixed), RULE) == []


def test_the_fix_appends_the_policys_first_tag_and_the_finding_goes_away():
    text = "Cirrus DB is the best database I have ever used."
    result = check(text)
    fixed = apply_fixes(text, found(result, RULE))
    assert fixed == text + " #NimbusStaff"
    assert found(check(fixed), RULE) == []


def test_without_a_policy_tag_the_fix_says_where_the_author_works():
    policy = nimbus_policy(disclosure='disclosure:\n  disclaimer: "Views are my own."')
    text = "Cirrus DB is the best database I have ever used."
    result = check(text, policy=policy)
    fixed = apply_fixes(text, found(result, RULE))
    assert fixed == text + " (I work at Nimbus Labs)"
    assert found(check(fixed, policy=policy), RULE) == []


def test_spokespeople_are_exempt():
    text = "Cirrus DB 5 is our fastest release ever, try it today: https://nimbuslabs.io/db5"
    assert found(check(text), RULE)
    assert found(check(text, author={"spokesperson": True}), RULE) == []


def test_an_incentivized_share_needs_a_disclosure_even_without_praise():
    text = "Cirrus DB 5 is out today: https://nimbuslabs.io/news/db5"
    assert found(check(text), RULE) == []
    result = check(text, incentivized=True)
    assert excerpts(result, RULE) == ["Cirrus DB"]
    assert "advocacy hub" in found(result, RULE)[0].message
    assert found(check(text + " #NimbusStaff", incentivized=True), RULE) == []


def test_an_incentivized_post_that_names_nothing_of_the_company_passes():
    assert found(check("Lovely sunrise over the river today.", incentivized=True), RULE) == []


def test_it_does_not_apply_on_the_internal_network():
    text = "Cirrus DB is the best database I have ever used, go try it."
    assert found(check(text, network="x"), RULE)
    assert found(check(text, network="internal"), RULE) == []


def test_it_stays_blocking_in_a_protected_post():
    # A hard line: a complaint about pay does not soften an undisclosed endorsement.
    text = "We haven't had a raise in two years. Anyway, Cirrus DB is the best database, try it."
    result = check(text)
    assert [f.severity for f in found(result, RULE)] == ["block"]


def test_links_to_internal_hosts_are_not_company_content():
    text = "The onboarding guide is great: https://wiki.nimbuslabs.io/onboarding"
    assert found(check(text), RULE) == []


def test_the_company_names_come_from_the_policy():
    # Acme's words mean nothing to Nimbus Labs' policy.
    assert found(check("Rocket Skates are the best skates ever, go get a pair!"), RULE) == []
