"""security.credential generalises to a password written right after the word, with no
colon or "is" between them, in five languages; ordinary words after "password" stay
quiet."""

from __future__ import annotations

import pytest

from .borealis import check, found

RULE = "security.credential"


@pytest.mark.parametrize(
    "text",
    [
        "Guest login for the tasting: user guest, password Harvest2026! (it resets daily)",
        "Le mot de passe Soleil-42x marche pour la salle 3.",
        "Passwort Brezel2026! gilt für das Gast-WLAN.",
        "Para la demo: usuario demo, contraseña Tortilla#7 y listo.",
        "Rede da fábrica: senha Padaria2026$ até sexta.",
    ],
)
def test_a_password_right_after_the_word_is_found(text: str) -> None:
    assert found(check(text), RULE)


@pytest.mark.parametrize(
    "text",
    [
        "Reset your password tomorrow morning, IT will email you.",
        "Password managers like KeePassXC are worth the setup.",
        "Mot de passe oublié ? Demandez au support.",
    ],
)
def test_ordinary_words_after_password_stay_quiet(text: str) -> None:
    assert not found(check(text), RULE)
