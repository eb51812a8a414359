"""respect.abuse: slurs, threats, pile-ons and insults aimed at people block, in every
language and on every network; insults of things, and of oneself, do not."""

import pytest

from manyvoices.engine import parse_policy

from .nimbus import NIMBUS_POLICY, check, excerpts, found

RULE = "respect.abuse"


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("Marco in procurement is a total moron.", "moron"),
        ("@dee_ops you absolute clown, read the runbook before paging me.", "clown"),
        ("The new intern is the stupidest human I've ever met.", "stupidest human"),
        ("Our release manager Tomasz is a gutless weasel.", "gutless weasel"),
        ("Users who can't find the login button are brain-dead.", "brain-dead"),
        ("Stupid customers keep pasting passwords into the chat.", "Stupid customers"),
        ("Honestly, whoever wrote this ticket is an imbecile.", "imbecile"),
        ("That guy from the print shop is a complete jerk.", "jerk"),
        ("She's a joke and the whole floor knows it.", "joke"),
        ("What a moron.", "moron"),
    ],
)
def test_it_blocks_insults_aimed_at_people(text, excerpt):
    result = check(text)
    assert excerpts(result, RULE) == [excerpt]
    assert found(result, RULE)[0].severity == "block"
    assert found(result, RULE)[0].fix is None


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("Der neue Teamleiter ist ein Vollpfosten.", "Vollpfosten"),
        ("Du bist so ein Trottel.", "Trottel"),
        ("Mon collègue est un vrai connard.", "connard"),
        ("Elle est tellement bête, cette cliente.", "bête"),
        ("Mi jefe es un imbécil de manual.", "imbécil"),
        ("Ese cliente es un payaso.", "payaso"),
        ("O gerente novo é um idiota.", "idiota"),
        ("Esse cara é um palhaço.", "palhaço"),
    ],
)
def test_it_blocks_insults_in_french_german_spanish_and_portuguese(text, excerpt):
    assert excerpts(check(text), RULE) == [excerpt]


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("Touch my stapler again and I'll break your nose.", "I'll break your nose"),
        ("You'll regret this, Priya.", "You'll regret"),
        ("Watch your back, @tomasz.", "Watch your back"),
        ("Someone should punch him for that commit message.", "Someone should punch him"),
        ("I know where you live, reviewer two.", "I know where you live"),
        ("Je vais te casser la gueule.", "Je vais te casser la gueule"),
        ("Das wirst du bereuen.", "Das wirst du bereuen"),
        ("Te voy a romper la cara.", "Te voy a romper"),
        ("Vou te quebrar inteiro.", "Vou te quebrar"),
    ],
)
def test_it_blocks_threats(text, excerpt):
    assert excerpts(check(text), RULE) == [excerpt]


@pytest.mark.parametrize(
    "text",
    [
        "Everyone go tell @marisol_dev what you really think of her blog post.",
        "Y'all should flood his mentions until he deletes that thread.",
        "Let's all report @quietcoder until the account is gone.",
    ],
)
def test_it_blocks_calls_to_pile_on_a_person(text):
    assert found(check(text), RULE)


def test_it_blocks_slurs_whoever_they_are_aimed_at():
    assert excerpts(check("That tool is for retards."), RULE) == ["retards"]


def test_it_sees_through_masked_insults():
    assert excerpts(check("you're an a**hole, Derek"), RULE) == ["a**hole"]


@pytest.mark.parametrize(
    "text",
    [
        "I felt like an idiot when I forgot my badge at home.",
        "He called me an idiot in front of the whole team, and I'm still upset.",
        "This release is a dumpster fire.",
        "The new pricing page is a joke.",
        "An idiot-proof checklist for Friday deploys.",
        "He is not an idiot; the process failed him.",
        "Don't be a fool, back up your laptop.",
        "That was a dumb mistake on my part.",
        "The stupid printer jammed again.",
        "My manager said the new release plan is stupid.",
        "Clown show at the circus tonight with my kids!",
        "Je suis en retard ce matin, désolé.",
        "Llevamos semanas pidiendo guantes y una compañera casi se lastima con una caja.",
        "You'll regret not trying the new espresso machine.",
        "Tell her what you think of the new design, she wants feedback!",
        "Cumulus Systems is a joke.",
    ],
)
def test_it_leaves_criticism_of_things_and_self_mockery_alone(text):
    assert not found(check(text), RULE)


def test_insulting_a_competitors_people_is_abuse_and_a_fight():
    result = check("Every Cumulus Systems engineer I've worked with is an idiot.")
    assert excerpts(result, RULE) == ["idiot"]
    assert found(result, "conduct.competitor")


def test_it_applies_on_the_internal_network_too():
    result = check("Our new QA lead is an absolute moron.", network="internal")
    assert [f.severity for f in found(result, RULE)] == ["block"]


def test_it_stays_a_hard_line_in_a_protected_post():
    text = (
        "Our supervisor Dale is a spineless weasel who keeps cutting our breaks. "
        "We're filing a group grievance about break times on Monday."
    )
    result = check(text)
    assert found(result, "protected.concerted-activity")
    assert [f.severity for f in found(result, RULE)] == ["block"]


def test_its_offsets_slice_the_insult_in_the_authors_text():
    text = "Heads up 👀: @sam.k is a spineless weasel."
    finding = found(check(text), RULE)[0]
    assert text[finding.start : finding.end] == "spineless weasel"


def test_a_policy_can_switch_it_off():
    policy = parse_policy(NIMBUS_POLICY + 'rules:\n  respect.abuse: {severity: "off"}\n')
    assert not found(check("Marco is a total moron.", policy=policy), RULE)


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("Le nouveau chef de projet est un incapable total.", "incapable"),
        ("@sam from accounting is a clown.", "clown"),
        ("Every single person on the night shift is useless trash.", "trash"),
        ('Marco is an "idiot", apparently.', "idiot"),
    ],
)
def test_it_finds_the_person_behind_a_complement_or_scare_quotes(text, excerpt):
    assert excerpts(check(text), RULE) == [excerpt]


@pytest.mark.parametrize(
    "text",
    [
        "The plan from my boss is stupid.",
        "Felt like a total idiot presenting to the wrong room for ten minutes.",
        "Watch your back out there on the ice, the parking lot is a rink.",
        "My dog is such an idiot, he barked at his own reflection for an hour.",
        "'You're an idiot' is not feedback. Let's do better in code review.",
        "¡Puta madre, otra vez el build roto!",
        "Son of a bitch, the build broke again.",
    ],
)
def test_it_leaves_things_pets_quotations_and_exclamations_alone(text):
    assert not found(check(text), RULE)
