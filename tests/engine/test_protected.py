"""protected.concerted-activity: employees discussing pay and working conditions, acting
together or criticising management are told their right is protected; the review softens
the rules that would chill that speech and keeps the hard lines."""

from __future__ import annotations

import pytest

from manyvoices.engine.catalogue import HARD_LINES

from .larkspur import QUIET_INSIDE, flagged, reported, run

RULE = "protected.concerted-activity"


@pytest.mark.parametrize(
    "text",
    [
        "Another year with a 0% raise while my rent went up 12%. Larkspur, this is insulting.",
        "A few of us on the Brno night shift are starting a petition for proper breaks. "
        "DM me to sign.",
        "We voted to unionize the Larkspur warehouse today ✊ Proud of every one of us.",
        "Third time this month a robot cell door failed open with people inside. We've reported "
        "it to management and nothing changed. Somebody is going to get hurt.",
        "They're laying off half of QA next month and none of us were told. Management thinks "
        "we won't notice.",
        "Support is moving to mandatory weekend on-call and nobody asked us. Let's talk about it "
        "together before the all-hands.",
        "Turns out a new hire makes $9k more than me for the same role. Time to talk to HR.",
        "If you work at Larkspur and want to talk about forming a union, DM me. Discretion "
        "guaranteed.",
    ],
)
def test_it_recognises_protected_speech_in_english(text: str) -> None:
    result = run(text)
    assert flagged(result, RULE)
    assert result.protected


@pytest.mark.parametrize(
    "text",
    [
        "On travaille tous les samedis depuis deux mois sans heures sup payées. Avec les "
        "collègues on prépare une lettre commune à la direction.",
        "Seit Wochen Nachtschichten ohne Zuschlag. Wir gründen jetzt einen Betriebsrat, wer "
        "mitmachen will, meldet sich.",
        "Llevamos meses pidiendo aire acondicionado en el almacén y nada. Vamos a presentar una "
        "queja colectiva.",
        "Estamos há três meses sem reajuste salarial e com turnos de 12 horas. Vamos organizar "
        "um abaixo-assinado.",
        "Nos quitaron las primas de nocturnidad y ahora piden más horas. Esto no es justo.",
    ],
)
def test_it_recognises_protected_speech_in_other_languages(text: str) -> None:
    assert run(text).protected


@pytest.mark.parametrize(
    "text",
    [
        "My team at Larkspur is hiring! Great pay, 25 days of PTO and a 4-day week. "
        "Apply here: larkspur.ai/careers",
        "Nous recrutons ! Salaire attractif, télétravail et mutuelle. Postulez sur larkspur.ai",
        "Night shift premium, paid overtime and free lunches: larkspur.ai/careers/warehouse",
    ],
)
def test_recruiting_posts_are_not_protected_even_when_they_mention_pay(text: str) -> None:
    assert not flagged(run(text), RULE)


@pytest.mark.parametrize(
    "text",
    [
        "Larkspur Fleet was down for six hours and the dashboard still shows green.",
        "Loved the Larkspur summer party, great food and music.",
        "Grateful for parental leave at my company: 16 weeks with my daughter.",
        "Management tips from my first year as a team lead, a thread.",
    ],
)
def test_ordinary_posts_are_not_protected(text: str) -> None:
    assert not flagged(run(text), RULE)


@pytest.mark.parametrize(
    "text",
    [
        "Wren Arm revenue came in at $58M this quarter, 40% over plan. We're acquiring a vision "
        "startup next month too. We deserve better pay though.",
        "Q1 bookings beat plan by 35%. We deserve better pay.",
    ],
)
def test_an_appended_pay_complaint_does_not_soften_a_leak(text: str) -> None:
    result = run(text)
    assert not result.protected
    assert "confidential.material-info" in reported(result)
    assert result.verdict == "block"


def test_unannounced_layoffs_discussed_as_a_complaint_soften_material_info() -> None:
    text = (
        "They're laying off half of QA next month and none of us were told. Management thinks "
        "we won't notice."
    )
    result = run(text)
    assert result.protected
    material = [f for f in result.findings if f.rule == "confidential.material-info"]
    assert material and all(f.severity == "coach" for f in material)
    assert material[0].downgraded_from == "block"
    assert result.verdict == "clear"


def test_quiet_period_talk_inside_a_pay_complaint_is_only_coaching() -> None:
    text = (
        "They told us the bonus pool is cut in half because Q1 sales came in under plan. "
        "Leadership still gets their retention grants. Unreal."
    )
    result = run(text, date=QUIET_INSIDE)
    assert result.protected
    assert "confidential.material-info" not in reported(result)
    assert flagged(result, "confidential.material-info")


def test_profanity_in_a_protected_post_is_not_warned() -> None:
    text = (
        "Six straight weekends on call and still no overtime pay. This is fucking exhausting "
        "and management doesn't care."
    )
    result = run(text)
    assert result.protected
    assert result.verdict == "clear"
    assert all(f.severity in ("coach", "info") for f in result.findings)


def test_a_credential_still_blocks_in_a_protected_post() -> None:
    text = (
        "They make the whole shift share one kiosk login (username: floor2, "
        "password: Shift!Clock9) and then dock our pay for other people's mistakes. "
        "Fix the system."
    )
    result = run(text)
    assert result.protected
    assert "security.credential" in reported(result)
    assert result.verdict == "block"


def test_a_colleagues_phone_number_still_blocks_in_a_protected_post() -> None:
    text = (
        "Night crew is meeting Saturday about the new 12-hour rotations. Call Priya on "
        "415-555-0134 for the address."
    )
    result = run(text, network="facebook")
    assert result.protected
    assert "privacy.personal-data" in reported(result)
    assert result.verdict == "block"


def test_a_stock_tip_in_a_protected_post_still_blocks() -> None:
    text = "No raises again this year. Everyone on the floor: sell your LRKS shares now."
    result = run(text)
    assert result.protected
    assert "finance.recommendation" in reported(result)
    assert result.verdict == "block"


def test_it_applies_on_the_internal_network() -> None:
    text = (
        "Some of us will gather on Wednesday in the canteen to discuss the new 12-hour "
        "rota and whether we should organise. All are welcome."
    )
    assert run(text, network="internal").protected


def test_the_finding_is_private_reassuring_and_spans_the_protected_passage() -> None:
    text = (
        "Lovely sunset on the way home. Another year with a 0% raise while my rent went up 12%. "
        "Larkspur, this is insulting."
    )
    result = run(text)
    finding = next(f for f in result.findings if f.rule == RULE)
    assert finding.severity == "info"
    assert finding.fix is None
    assert finding.excerpt.startswith("Another year with a 0% raise")
    assert finding.excerpt.endswith("this is insulting.")
    assert "private" in finding.message
    assert "NLRA Section 7" in finding.message
    assert "pay" in finding.message
    # The message names what still applies, so the author is not surprised by a block.
    assert "never share credentials" in finding.message.lower()
    assert len(HARD_LINES) > 0
