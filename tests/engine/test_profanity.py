"""respect.profanity: obscene words not aimed at anyone warn, in every language and spelling,
and their fix suggests a milder word that the next review accepts."""

import pytest

from manyvoices.engine import apply_fixes

from .nimbus import check, excerpts, found

RULE = "respect.profanity"


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("This release is fucking great, thank you all.", "fucking"),
        ("Holy shit, the new sync engine is quick.", "Holy shit"),
        ("FUCK YES, the migration finished overnight!", "FUCK"),
        ("Ninety goddamn minutes on hold with the airline.", "goddamn"),
        ("Quarter-end close was a total shitshow this year.", "shitshow"),
        ("Retro board today: process theatre at its shittiest.", "shittiest"),
        ("What the actual fuck happened to the staging build?", "fuck"),
        ("That estimate is bullshit and the whole room knows it.", "bullshit"),
        ("We fucked up the rollout, postmortem coming.", "fucked"),
        ("Abso-fucking-lutely worth the wait.", "fucking"),
    ],
)
def test_it_warns_on_profanity_even_as_praise(text, excerpt):
    result = check(text)
    assert excerpts(result, RULE) == [excerpt]
    assert found(result, RULE)[0].severity == "warn"
    assert not found(result, "respect.abuse")


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("Quelle journée de merde, vivement le week-end.", "de merde"),
        ("Putain, le train est encore annulé.", "Putain"),
        ("Scheiße, der Zug ist schon wieder ausgefallen.", "Scheiße"),
        ("Das Meeting heute war echt beschissen.", "beschissen"),
        ("Mierda, otra vez se cayó el wifi de la oficina.", "Mierda"),
        ("Joder, qué semana más larga llevamos.", "Joder"),
        ("Porra, perdi o ônibus de novo hoje.", "Porra"),
        ("Que reunião do caralho, saí exausto.", "do caralho"),
    ],
)
def test_it_warns_in_french_german_spanish_and_portuguese(text, excerpt):
    assert excerpts(check(text), RULE) == [excerpt]


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("f*ck this traffic", "f*ck"),
        ("that demo was f**king brilliant", "f**king"),
        ("sh!t happens, ship the patch", "sh!t"),
        ("fck, forgot my badge again", "fck"),
        ("F#CK, the coffee machine is broken", "F#CK"),
        ("well f u c k, the VPN is down", "f u c k"),
        ("$hit, wrong channel", "$hit"),
        ("absolute sh1tshow at the airport", "sh1tshow"),
        ("f***, I missed the standup", "f***"),
    ],
)
def test_it_sees_through_masked_spellings(text, excerpt):
    assert excerpts(check(text), RULE) == [excerpt]


def test_its_offsets_point_at_the_authors_own_characters():
    # emoji before the word and a zero-width space hidden inside it
    text = "🎉🎉 the team fu\u200bcking delivered"
    finding = found(check(text), RULE)[0]
    assert text[finding.start : finding.end] == "fu\u200bcking"
    assert finding.excerpt == "fu\u200bcking"


@pytest.mark.parametrize(
    "text",
    [
        "Scunthorpe office opens on Monday.",
        "Passed my security assessment with a clean report.",
        "Shiitake risotto for the team lunch today.",
        "Cocktail hour after the all-hands.",
        "The dam held after the storm, impressive engineering.",
        "Dick Smith joined the platform team this week.",
        "Je suis en retard ce matin, le métro est bloqué.",
        "Un cono de helado para celebrar el lanzamiento.",
        "Read the SHIPPING notes before Friday.",
        "Hell of a week, proud of everyone.",
    ],
)
def test_it_leaves_clean_words_alone(text):
    assert not found(check(text), RULE)


def test_it_applies_on_the_internal_network_too():
    result = check("Goddamn, the build is green at last.", network="internal")
    assert excerpts(result, RULE) == ["Goddamn"]


def test_profanity_aimed_at_someone_is_reported_once_as_abuse():
    result = check("Fuck you, Kevin, and your merge conflicts.")
    assert not found(result, RULE)
    assert [f.excerpt for f in found(result, "respect.abuse")] == ["Fuck you"]


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("This release is fucking great.", "This release is really great."),
        ("Holy shit, the new sync engine is quick.", "Wow, the new sync engine is quick."),
        ("FUCK YES, the migration finished.", "OH YES, the migration finished."),
        ("Ninety goddamn minutes on hold.", "Ninety minutes on hold."),
        ("Quarter-end close was a shitshow.", "Quarter-end close was a mess."),
        ("Process theatre at its shittiest.", "Process theatre at its worst."),
        ("That estimate is bullshit.", "That estimate is nonsense."),
        ("What the actual fuck happened here?", "What on earth happened here?"),
        ("Fuck it, shipping tonight.", "Oh well, shipping tonight."),
        ("Abso-fucking-lutely worth the wait.", "Absolutely worth the wait."),
        ("that demo was f**king brilliant", "that demo was really brilliant"),
        ("Scheiße, der Zug ist weg.", "Mist, der Zug ist weg."),
        ("Quelle journée de merde.", "Quelle journée horrible."),
        ("Porra, perdi o ônibus.", "Poxa, perdi o ônibus."),
    ],
)
def test_its_fix_suggests_a_milder_word_that_passes_review(text, fixed):
    result = check(text)
    assert found(result, RULE)
    assert all(f.fix is not None for f in found(result, RULE))
    after = apply_fixes(text, found(result, RULE))
    assert after == fixed
    assert not found(check(after), RULE)


def test_it_is_only_coaching_in_a_protected_post():
    text = (
        "Another year with a 0% raise while my rent climbed 12%. This is bullshit. "
        "We're collecting signatures for a petition on pay, DM me to sign."
    )
    result = check(text)
    assert found(result, "protected.concerted-activity")
    profanity = found(result, RULE)
    assert [f.severity for f in profanity] == ["coach"]
    assert profanity[0].downgraded_from == "warn"


TEMPLATES = {
    "en": ("Well, {} happens here today.", "That meeting was {} honestly."),
    "fr": ("Franchement, {} ce matin avec le train.", "La réunion était {} aujourd'hui, vraiment."),
    "de": ("Ehrlich, {} heute mit dem Zug.", "Das Meeting war {} heute, wirklich."),
    "es": ("Sinceramente, {} hoy con el tren.", "La reunión fue {} hoy, de verdad."),
    "pt": ("Sinceramente, {} hoje com o trem.", "A reunião foi {} hoje, de verdade."),
    "any": ("Well, {} happens here today.",),
}


def _lexicon_words():
    from manyvoices.engine.lexicon import default_lexicon

    groups = default_lexicon().groups
    insults = {
        w.rstrip("*")
        for g in ("abuse.insult_strong", "abuse.slur")
        for ws in groups[g].values()
        for w in ws
    }
    for lang, words in groups["profanity.obscene"].items():
        for word in words:
            # insult words aimed at no one are covered above; "cono" needs its ñ
            if word.rstrip("*") not in insults and word.rstrip("*") != "cono":
                yield lang, word.rstrip("*")


def test_every_lexicon_word_gets_a_fix_that_passes_review():
    failures = []
    for lang, word in _lexicon_words():
        for template in TEMPLATES[lang]:
            text = template.format(word)
            findings = found(check(text), RULE)
            after = apply_fixes(text, findings)
            again = check(after)
            if not findings or found(again, RULE) or found(again, "respect.abuse"):
                failures.append((text, after))
    assert not failures
