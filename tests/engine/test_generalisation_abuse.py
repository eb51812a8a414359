"""respect.abuse generalises: more insult words ("bozo", "incompetent hacks", "tocard"),
threats of consequences ("I'll make sure you regret it", "je vais te le faire
regretter"), the Romance "<insult> de <role>" ("ce con de chef", "esse burro do
gerente") and groups of a competitor's people; things named by the same words stay
quiet."""

from __future__ import annotations

import pytest

from .nimbus import check, found

RULE = "respect.abuse"


@pytest.mark.parametrize(
    "text",
    [
        "Our new team lead is a total bozo.",
        "Cumulus Systems developers are incompetent hacks.",
        "Honestly the auditor was a clownish dunce all week.",
        "If you escalate this again I'll make sure you regret it.",
        "Keep ignoring my tickets and I'll make your life hell.",
        "Je vais te le faire regretter, crois-moi.",
        "Ich sorge dafür, dass du es bereust.",
        "Vas a pagar por esto, Raúl.",
        "Vou fazer você se arrepender disso.",
        "Ce con de chef a encore oublié la réunion.",
        "Cette idiote de comptable a perdu mes notes de frais.",
        "El tonto del gerente canceló mis vacaciones.",
        "Esse burro do gerente esqueceu a reunião.",
        "Ce guignol de manager a encore annulé le point.",
        "Este payaso del jefe no contesta nunca.",
        "Les commerciaux de Cumulus Systems sont des tocards.",
    ],
)
def test_generalised_abuse_is_found(text: str) -> None:
    assert found(check(text), RULE)


@pytest.mark.parametrize(
    "text",
    [
        "Ten growth hacks for your newsletter.",
        "La basura del cliente quedó en la sala de reuniones.",
        "Le rat de laboratoire de ma collègue s'appelle Gus.",
        "You'll regret not coming to this workshop, it's great.",
        "Our old deploy script was incompetent at handling retries.",
    ],
)
def test_the_same_words_about_things_stay_quiet(text: str) -> None:
    assert not found(check(text), RULE)
