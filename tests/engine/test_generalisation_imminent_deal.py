"""confidential.material-info: a signing about to happen ("we're about to sign <Name>",
"sur le point de signer un contrat", "a punto de firmar con <Name>") is an unannounced
deal; signing up for a race or signing for a house is not."""

from __future__ import annotations

import pytest

from .nimbus import check, found

RULE = "confidential.material-info"


@pytest.mark.parametrize(
    "text",
    [
        "We're about to sign Brightwater Media for a streaming deal, mum's the word.",
        "We are close to signing a licensing agreement with a big console maker.",
        "On est sur le point de signer un contrat avec un grand éditeur.",
        "Estamos a punto de firmar con Telemundo, ni una palabra.",
        "Estamos prestes a assinar um contrato com uma rede de cinemas.",
    ],
)
def test_imminent_signing_is_an_unannounced_deal(text: str) -> None:
    assert found(check(text), RULE)


@pytest.mark.parametrize(
    "text",
    [
        "We're about to sign up for the autumn relay, wish us luck!",
        "We are about to sign the papers for our first flat!",
        "Estamos muy contentos con el nuevo parque del barrio.",
    ],
)
def test_personal_signings_are_not_deals(text: str) -> None:
    assert not found(check(text), RULE)
