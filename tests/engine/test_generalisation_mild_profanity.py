"""respect.profanity: mild English exclamations ("holy crap", "damn," at the start of a
sentence, "dammit") are profanity, even in a short post taken for another language;
the same letters inside other words or in other senses are not."""

from __future__ import annotations

import pytest

from .nimbus import check, found

RULE = "respect.profanity"


@pytest.mark.parametrize(
    "text",
    [
        "Holy crap, our demo day went perfectly.",
        "Damn, the coffee machine is broken again.",
        "Oh crap! Left my laptop charger in Porto.",
        "Dammit, missed the train by a minute.",
        "Tour Eiffel at night. Holy crap.",
    ],
)
def test_mild_exclamations_are_profanity(text: str) -> None:
    assert found(check(text), RULE)


@pytest.mark.parametrize(
    "text",
    [
        "Choosing a release date feels like a crapshoot this year.",
        "A new dam on the river will power the whole valley.",
        "Reading Dante's circles of damnation on the train.",
    ],
)
def test_the_same_letters_elsewhere_are_not_profanity(text: str) -> None:
    assert not found(check(text), RULE)
