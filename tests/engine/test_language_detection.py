"""Language detection: clear posts are decided by function words, the rest by lingua."""

import pytest

from manyvoices.engine.language import _detector, detect_language, exclusive_vote, quick_vote

POSTS = {
    "en": "Spent the whole afternoon with our support team and it was worth every minute of it.",
    "fr": "Nous avons passé la journée avec les équipes du support et je suis très content.",
    "de": "Wir haben den ganzen Tag mit dem Support verbracht und es hat sich gelohnt.",
    "es": "Pasamos el día con el equipo de soporte y la verdad es que fue muy útil para todos.",
    "pt": "Passamos o dia com a equipe de suporte e foi muito bom para todos nós, não esperava.",
}


def _lingua(text: str) -> str:
    found = _detector().detect_language_of(text)
    return found.iso_code_639_1.name.lower()


@pytest.mark.parametrize("lang", sorted(POSTS))
def test_a_clear_post_is_decided_by_its_function_words_and_agrees_with_lingua(lang):
    text = POSTS[lang]
    assert quick_vote(text) == lang
    assert _lingua(text) == lang
    assert detect_language(text) == lang


def test_accents_left_out_still_count():
    assert (
        quick_vote("Pasamos el dia con el equipo y esta muy bien para todos los que vienen") == "es"
    )


def test_a_mixed_post_is_left_to_the_statistical_model():
    mixed = "The launch went well and the team was happy. Nous avons fêté ça avec les équipes."
    assert quick_vote(mixed) is None
    assert detect_language(mixed) == _lingua(mixed)


def test_another_language_is_not_forced_into_one_we_have_lexicons_for():
    italian = (
        "Abbiamo passato la giornata con il team di supporto e sono molto contento del lavoro."
    )
    assert quick_vote(italian) is None
    assert detect_language(italian) == "it"


def test_too_short_to_tell_is_english():
    assert detect_language("ok 👍") == "en"


def test_english_i_and_a_do_not_count_for_other_languages():
    # "I", "a", "as" and "to" are Polish, Portuguese or Italian words too; in a post they
    # are nearly always English, so they must not make a plain English post look mixed.
    text = "I had a chat with the team as we wrapped up and it was good to see everyone."
    assert quick_vote(text) == "en"


def test_english_on_counts_for_english_as_much_as_for_french():
    # "on" is a French pronoun and an English preposition: counted for French alone, a
    # few English "on"s outvoted "our" and the post was read with French phone rules.
    text = "call me on [phone number removed] or later. ping me on chat, on our internal wiki"
    assert quick_vote(text) != "fr"
    assert detect_language(text) == "en"
    french = "On a livré la nouvelle version hier soir, et on est fiers de toute l'équipe."
    assert detect_language(french) == "fr"


def test_a_short_post_misread_as_a_neighbour_language_keeps_its_own_cues() -> None:
    # Read as Portuguese, this Spanish call still gets its Spanish cues...
    from manyvoices.engine import parse_policy, review

    from .larkspur import LARKSPUR_POLICY

    policy = parse_policy(LARKSPUR_POLICY, source="larkspur.policy.yaml")
    result = review(
        {"text": "Inditex está infravalorada, comprad ya.", "date": "2027-02-10"}, policy
    )
    assert "finance.recommendation" in {f.rule for f in result.findings}


def test_cues_of_other_languages_never_include_their_function_words() -> None:
    # ...but a word that is a function word elsewhere ("con" is Spanish "with") is not
    # taken as another language's cue.
    from manyvoices.engine import parse_policy, review

    from .larkspur import LARKSPUR_POLICY

    policy = parse_policy(LARKSPUR_POLICY, source="larkspur.policy.yaml")
    text = (
        "Esta mañana una compañera casi se lastima con una caja en el almacén, "
        "otra vez sin guantes."
    )
    result = review({"text": text, "date": "2027-02-10"}, policy)
    assert "respect.abuse" not in {f.rule for f in result.findings}


# Shared words ("de", "la", "en") tie the quick vote; words of one language only decide.
TIED_POSTS = {
    "fr": "Le bilan de la réunion est en ligne, de quoi préparer la suite du projet avec une "
    "équipe au complet.",
    "es": "La reunión de ayer fue muy larga, pero los resultados de la prueba están en la carpeta "
    "y hay que revisarlos.",
}


@pytest.mark.parametrize("lang", sorted(TIED_POSTS))
def test_a_post_tied_on_shared_words_is_decided_by_words_of_its_own_language_alone(lang):
    text = TIED_POSTS[lang]
    assert quick_vote(text) is None
    assert exclusive_vote(text) == lang
    assert _lingua(text) == lang
    assert detect_language(text) == lang


def test_words_of_two_languages_leave_the_post_to_lingua():
    mixed = TIED_POSTS["fr"] + " " + TIED_POSTS["es"]
    assert exclusive_vote(mixed) is None
    assert detect_language(mixed) == _lingua(mixed)


def test_english_words_listed_for_other_languages_do_not_keep_an_english_post_from_lingua():
    # "was", "in", "on" and "is" are German, Italian, French and Dutch function words too;
    # counted as theirs alone, they left this plain English post to the statistical model.
    text = (
        "Was anyone in the office on Friday? The heating is off again and it is freezing in here."
    )
    assert quick_vote(text) is None
    assert exclusive_vote(text) == "en"
    assert _lingua(text) == "en"


def test_a_spanish_post_with_few_words_of_its_own_is_decided_when_its_shared_words_agree():
    # "dos" and "o" are Spanish as well as Portuguese; "el", "más" and "las" are Spanish
    # alone, and the shared words ("de", "la", "con", "en") are mostly Spanish ones.
    text = (
        "Mañana presentamos el informe de la auditoría con dos compañeras, más o menos a las "
        "diez, en la sala grande del edificio."
    )
    assert quick_vote(text) is None
    assert exclusive_vote(text) == "es"
    assert _lingua(text) == "es"
    assert detect_language(text) == "es"
