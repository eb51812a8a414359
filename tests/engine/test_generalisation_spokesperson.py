"""conduct.spokesperson generalises: "<Company> is <thrilled|delighted|...> to <launch|
unveil|...>" and "<Company> officially <condemns|supports|...>" are the company's voice in
five languages; a news report that the company officially opened something is not."""

from __future__ import annotations

import pytest

from .nimbus import check, found

RULE = "conduct.spokesperson"


@pytest.mark.parametrize(
    "text",
    [
        "Nimbus Labs is delighted to unveil a brand-new dashboard.",
        "Nimbus Labs officially opposes the proposed data retention law.",
        "Nimbus Labs est ravie de présenter sa nouvelle console.",
        "Nimbus Labs freut sich, heute die neue Konsole vorzustellen.",
        "Nimbus Labs está encantada de presentar su nueva consola.",
        "Nimbus Labs condena oficialmente a nova lei.",
    ],
)
def test_the_company_voice_as_a_class(text: str) -> None:
    assert found(check(text), RULE)


@pytest.mark.parametrize(
    "text",
    [
        "Nimbus Labs officially opened its Lisbon office today, per the local paper.",
        "I'm thrilled to launch my own cooking podcast this week!",
    ],
)
def test_news_and_first_person_are_not_the_company_voice(text: str) -> None:
    assert not found(check(text), RULE)


def test_spokespeople_may_speak_for_the_company() -> None:
    text = "Nimbus Labs is delighted to unveil a brand-new dashboard."
    assert not found(check(text, author={"spokesperson": True}), RULE)
