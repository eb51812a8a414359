"""privacy.personal-data: contact details, ids, card and bank numbers, home addresses and
health information about named people, in five languages; ordinary numbers, the
company's public contacts and generic talk about health are fine."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .borealis import check, excerpts, fixed, found

RULE = "privacy.personal-data"


def only(text: str, network: str = "linkedin", **fields) -> str:
    """The one personal-data excerpt the text has."""
    got = excerpts(check(text, network, **fields), RULE)
    assert len(got) == 1, got
    return got[0]


# ---- what is found, and exactly where -----------------------------------------------

POSITIVES = [
    # e-mail
    ("Ping Tomas at tomas.k@example.org for the deck", "tomas.k@example.org"),
    ("Écrivez à Inès : ines.morel+cv@exemple.fr, elle répond vite", "ines.morel+cv@exemple.fr"),
    # phone numbers, fictional 555 numbers included
    ("Text Bea at 206-555-0147 about the carpool", "206-555-0147"),
    ("call him directly: (312) 555-0199", "(312) 555-0199"),
    ("Reach Omar on +1 415 555 0123 after six", "+1 415 555 0123"),
    ("Appelez Julie au 06 12 34 56 78 ce soir", "06 12 34 56 78"),
    ("Julies Handy: +33 6 12 34 56 78", "+33 6 12 34 56 78"),
    ("Ruf Jonas einfach an: 030 1234567", "030 1234567"),
    ("Llama a Marta al 612 345 678 si no llego", "612 345 678"),
    ("Liga para o Rui: 912 345 678", "912 345 678"),
    # government ids
    ("someone left their SSN on the printer: 219-45-6780", "219-45-6780"),
    ("my social security number is 219456780, can HR fix it?", "219456780"),
    ("El DNI de la reserva es 12345678Z", "12345678Z"),
    ("Su NIE: X1234567L", "X1234567L"),
    ("Mon numéro de sécu : 2 95 10 99 126 111 93", "2 95 10 99 126 111 93"),
    ("Meine Steuer-ID ist 36574261809", "36574261809"),
    ("NIF 123456789 para a fatura", "123456789"),
    ("CPF dela: 390.533.447-05", "390.533.447-05"),
    ("Codice fiscale RCCMNL83S18D969H, grazie", "RCCMNL83S18D969H"),
    # payment cards, the author's own included
    ("lol my card 4111 1111 1111 1111 got declined again", "4111 1111 1111 1111"),
    ("card 5500-0000-0000-0004 exp 10/29", "5500-0000-0000-0004"),
    ("Amex 3782 822463 10005 is the team card", "3782 822463 10005"),
    # bank accounts
    (
        "Chip in for the gift: IBAN GB82 WEST 1234 5698 7654 32. Thanks!",
        "GB82 WEST 1234 5698 7654 32",
    ),
    ("Virement sur FR7630006000011234567890189 merci", "FR7630006000011234567890189"),
    ("account number 31926819 at my bank, send it there", "31926819"),
    # home addresses
    ("Surprise party at her place, 22 Oak Lane, Apt 3 on Sunday!", "22 Oak Lane, Apt 3"),
    ("BBQ chez moi, 12 rue de la Paix, samedi midi", "12 rue de la Paix"),
    ("Einweihungsparty bei mir: Lindenstraße 14a, ab 19 Uhr", "Lindenstraße 14a"),
    ("Fiesta en casa de Lucía: Calle Mayor 14, 2ºA, el sábado", "Calle Mayor 14, 2ºA"),
    ("Festa lá em casa, Rua das Flores, 123, sábado!", "Rua das Flores, 123"),
    # health of a named person
    ("Keep Marcus Bell in your thoughts, he had a heart attack on Friday.", "heart attack"),
    ("Send good vibes to Priya. She is in the hospital after a fall.", "hospital"),
    ("Lena est à l'hôpital depuis lundi, on lui envoie des fleurs", "hôpital"),
    ("Jonas liegt mit einem Herzinfarkt im Krankenhaus", "Herzinfarkt"),
    ("¡Ana está embarazada de gemelos!", "embarazada"),
    ("O Rui foi diagnosticado com diabetes ontem", "diagnosticado"),
]


@pytest.mark.parametrize(("text", "data"), POSITIVES)
def test_it_blocks_personal_data_and_points_at_it(text, data):
    result = check(text)
    (finding,) = found(result, RULE)
    assert finding.severity == "block"
    assert text[finding.start : finding.end] == data
    assert result.verdict == "block"


@pytest.mark.parametrize(("text", "data"), POSITIVES)
def test_its_fix_masks_the_data_so_the_finding_goes_away(text, data):
    after = fixed(text, RULE)
    assert after != text
    assert not found(check(after), RULE), after


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("tomas.k@example.org", "e-mail address"),
        ("Text Bea at 206-555-0147", "phone number"),
        ("SSN 219-45-6780", "social security number"),
        ("El DNI es 12345678Z", "Spanish DNI"),
        ("card 4111 1111 1111 1111", "payment card number"),
        ("IBAN GB82 WEST 1234 5698 7654 32", "IBAN"),
        ("Party at my place, 22 Oak Lane", "street address"),
        ("Marcus Bell had a heart attack", "health information about Marcus Bell"),
    ],
)
def test_its_message_says_what_kind_of_data_it_found(text, kind):
    (finding,) = found(check(text), RULE)
    assert kind in finding.message


def test_its_masks_are_in_the_language_of_the_post():
    after = fixed("Appelez Julie au 06 12 34 56 78 ce soir, elle organise la sortie", RULE)
    assert "[numéro retiré]" in after


def test_the_health_fix_removes_the_name_and_keeps_the_message():
    text = "Keep Marcus Bell in your thoughts, he had a heart attack on Friday."
    assert fixed(text, RULE) == (
        "Keep [name removed] in your thoughts, he had a heart attack on Friday."
    )


def test_it_applies_on_the_internal_network_too():
    assert excerpts(check("Call Dana on 480-555-0143 tonight", "internal"), RULE)


# ---- what is not personal data ---------------------------------------------------------

NEGATIVES = [
    # the company's public contact points, in any format
    "Questions? Write to press@borealis.example or call +1 888 555 0100.",
    "Our careers team: careers@borealis.example, (888) 555-0100",
    # business lines: free-phone and premium numbers
    "Free helpline: 1-800-555-0142, or 0800 123 4567 from the UK",
    # role mailboxes of other organisations
    "Send your CV to jobs@harbourworks.example or info@harbourworks.example",
    # ordinary numbers
    "We shipped 1,250,000 boxes in 2026, up 12% on 2025.",
    "Version 10.2.3 went out on 2026-05-04 at 14:30.",
    "Tickets are $1,299.00 until 12/31, order #48213 confirmed.",
    "Our 24/7 line handled 3 500 calls in Q3 2026.",
    "Room 4120, building 7, floor 3: see you there at 9:30.",
    # a number that is not a valid id, card or IBAN
    "the code 000-12-3456 is not an SSN",
    "Reference 4111 1111 1111 1112 on the invoice",
    "IBAN DE00 3704 0044 0532 0130 00 is the wrong example",
    # id-like numbers without a word that introduces an id
    "Batch 36574261809 passed QA",
    # numbers inside links
    "Details at https://example.com/orders/2065550147 and example.org/u/4111111111111111",
    # business and public addresses
    "Visit our new store at 500 Market Street, open daily from 9.",
    "Rassemblement au 3 place de la République samedi à 14h",
    "5 Habits Drive Success At Work",
    # health: the author's own, generic talk, institutions, doctors
    "I broke my wrist skating, so typing one-handed this week.",
    "Back at work after my surgery, thanks for the flowers everyone!",
    "Our team ran the cancer research 10k this weekend!",
    "Hospital workers deserve better pay and safer shifts.",
    "Dr. Alvarez did my surgery and she was brilliant.",
    "Proud to support the Children's Hospital toy drive.",
    "Proud to work with Riverside Hospital on the rollout of our scheduling tool",
    "Huge thanks to Tom for covering while I was on sick leave",
    # references that look like phone numbers, and venues
    "Tracking number 1Z 999 AA1 01 2345 6784, arriving Friday",
    "Order 1234-5678-90 shipped this morning",
    "ISBN 978-3-16-148410-0 is the new edition",
    "Join me at the meetup, 123 Main Street, 6pm Thursday",
    "Wir sind umgezogen: neues Büro in der Hafenstraße 12",
    "Nouvelle boutique au 8 rue du Commerce, ouverte tous les jours",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_it_leaves_ordinary_text_alone(text):
    assert not found(check(text), RULE)


def test_the_authors_own_name_is_not_someone_elses_health():
    result = check(
        "Nadia Keller is back from the hospital and back at her desk!",
        author={"name": "Nadia Keller"},
    )
    assert not found(result, RULE)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=0, max_value=10**7),
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=1, max_value=28),
)
def test_prices_dates_and_counts_are_never_personal_data(amount, month, day):
    text = (
        f"Sold {amount:,} units for ${amount / 100:,.2f} on 2026-{month:02d}-{day:02d} "
        f"({day}/{month}/2026)."
    )
    assert not found(check(text), RULE)


def test_a_date_is_not_a_phone_number_where_its_digits_make_a_valid_local_one():
    # "2027-02-09" is a valid Danish number as far as the phone library can tell.
    from manyvoices.engine import parse_policy, review

    from .borealis import BOREALIS_POLICY

    danish = parse_policy(
        BOREALIS_POLICY.replace("country: US", "country: DK"), source="borealis-dk.policy.yaml"
    )
    for text in ("The new kiosk goes live on 2027-02-09.", "Kickoff am 14.05.2026 in Aarhus."):
        result = review({"text": text, "network": "linkedin", "date": "2026-10-06"}, danish)
        assert not found(result, RULE), text
    result = review({"text": "Call Mette on 20 27 02 09 tonight", "date": "2026-10-06"}, danish)
    assert excerpts(result, RULE) == ["20 27 02 09"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["ana", "B.", "+1", "_", "-", "@", "@@", " ", "x.org", "co", "é", ","]),
        max_size=12,
    )
)
def test_e_mail_addresses_are_read_only_around_an_at_sign_yet_all_are_found(parts):
    from manyvoices.engine.checks.personal_data import _EMAIL, _email_matches

    text = "".join(parts)
    assert [m.span() for m in _email_matches(text)] == [m.span() for m in _EMAIL.finditer(text)]
