"""`privacy.personal-data`: someone's contact details, ids, money details, home or health.

Each kind of data is found by its structure and validated where a standard
exists, so ordinary numbers (prices, dates, order counts) do not trip it:

- e-mail addresses (role mailboxes such as press@ or jobs@ are not a person's,
  and the policy's `company.public_contacts` are fine);
- phone numbers, read by `phonenumbers` (leniency VALID) with the policy's
  `company.country` as the region of national numbers, then the country of the
  draft's language (a German post's "030 1234567"). Fictional 555 numbers are
  treated as real: a reader cannot tell;
- US social security numbers (`stdnum.us.ssn` rules; the publicised numbers
  its blacklist holds still look exactly like a leaked SSN, so they count);
- national ids with a check digit strong enough to stand alone (Spanish DNI
  and NIE, French NIR, Brazilian CPF as written, Italian codice fiscale), and
  those whose check is weak (German tax id, Portuguese NIF, Dutch BSN, a bare
  CPF) only after a word that introduces an id number;
- payment card numbers: 13 to 19 digits, Luhn-valid, with a known issuer prefix;
- IBANs (`stdnum.iban`), and account or routing numbers after a bank word;
- street addresses, as number + street name + street type in English, French,
  German, Spanish and Portuguese, unless the sentence says it is a business's;
- health information about a named person: a health word in a sentence that
  names someone (or says "he"/"she" right after naming them); not the author's
  own health, and not generic talk ("cancer research").

Numbers inside links are not personal data. The fix masks the data with
neutral words in the draft's language; for health it removes the person's name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import phonenumbers
import regex
from stdnum import iban as std_iban
from stdnum import luhn
from stdnum.br import cpf
from stdnum.de import idnr
from stdnum.es import dni, nie
from stdnum.exceptions import InvalidComponent, ValidationError
from stdnum.fr import nir
from stdnum.it import codicefiscale
from stdnum.nl import bsn
from stdnum.pt import nif
from stdnum.us import rtn, ssn

from ..context import Context
from ..lexicon import Hit, default_lexicon, fold_phrase, load_yaml
from ..sentences import sentence_of
from ..types import Finding
from ._wording import in_language

RULES = ("privacy.personal-data",)
RULE = RULES[0]

# ---- what each kind is called, and what replaces it ---------------------------------

LABELS = {
    "email": "an e-mail address",
    "phone": "a phone number",
    "ssn": "a social security number",
    "national_id": "a national id number",
    "card": "a payment card number",
    "iban": "a bank account number (IBAN)",
    "bank_account": "a bank account number",
    "address": "a street address",
    "health": "health information",
}

MASKS: dict[str, dict[str, str]] = {
    "email": {
        "en": "[email removed]",
        "fr": "[e-mail retiré]",
        "de": "[E-Mail entfernt]",
        "es": "[correo eliminado]",
        "pt": "[e-mail removido]",
    },
    "phone": {
        "en": "[phone number removed]",
        "fr": "[numéro retiré]",
        "de": "[Telefonnummer entfernt]",
        "es": "[teléfono eliminado]",
        "pt": "[telefone removido]",
    },
    "id": {
        "en": "[ID number removed]",
        "fr": "[numéro d'identité retiré]",
        "de": "[Ausweisnummer entfernt]",
        "es": "[número de identidad eliminado]",
        "pt": "[número de identificação removido]",
    },
    "card": {
        "en": "[card number removed]",
        "fr": "[numéro de carte retiré]",
        "de": "[Kartennummer entfernt]",
        "es": "[número de tarjeta eliminado]",
        "pt": "[número do cartão removido]",
    },
    "bank": {
        "en": "[bank details removed]",
        "fr": "[coordonnées bancaires retirées]",
        "de": "[Bankdaten entfernt]",
        "es": "[datos bancarios eliminados]",
        "pt": "[dados bancários removidos]",
    },
    "address": {
        "en": "[address removed]",
        "fr": "[adresse retirée]",
        "de": "[Adresse entfernt]",
        "es": "[dirección eliminada]",
        "pt": "[endereço removido]",
    },
    "name": {
        "en": "[name removed]",
        "fr": "[nom retiré]",
        "de": "[Name entfernt]",
        "es": "[nombre eliminado]",
        "pt": "[nome removido]",
    },
}
_MASK_OF = {
    "email": "email",
    "phone": "phone",
    "ssn": "id",
    "national_id": "id",
    "card": "card",
    "iban": "bank",
    "bank_account": "bank",
    "address": "address",
    "health": "name",
}


@dataclass(frozen=True)
class Found:
    """One piece of personal data, in `norm` offsets."""

    start: int
    end: int
    kind: str
    detail: str = ""
    # Health: the name to remove (the data itself is the health words at start:end).
    fix_span: tuple[int, int] | None = None


# ---- cue words -------------------------------------------------------------------

Cues = dict[str, list[Hit[str]]]
CUE_GROUPS = (
    "health",
    "health_generic",
    "home",
    "business",
    "street",
    "not_phone",
    "id_number",
    "bank_account",
)


@lru_cache(maxsize=1)
def _cue_groups() -> dict[str, str]:
    """This rule's cue groups in the main lexicons, by their full id.

    Their words count in all five languages at once: personal data is personal in any
    language, and language detection is unsure on a post of a dozen words with a
    phone number in it, so these cues do not wait for it (unlike `ctx.cue`, which
    reads the detected language's only).
    """
    groups = default_lexicon().groups
    for group in CUE_GROUPS:
        if f"personal_data.{group}" not in groups:
            raise ValueError(f"lexicons/personal_data.yaml has no group {group!r}")
    return {f"personal_data.{group}": group for group in CUE_GROUPS}


def scan_cues(fold: str) -> Cues:
    """This rule's cue hits in the folded text, by group."""
    cues: Cues = {group: [] for group in CUE_GROUPS}
    wanted = _cue_groups()
    # The main lexicon's pass over the draft (shared with `ctx.cues`), every language.
    for hit in default_lexicon().find(fold):
        group = wanted.get(hit.payload.group)
        if group is not None:
            cues[group].append(Hit(hit.start, hit.end, group))
    return cues


# ---- e-mail ----------------------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?![\w-])", re.IGNORECASE)
# Mailboxes of a role rather than a person.
ROLE_MAILBOXES = frozenset(
    [
        "info",
        "contact",
        "contacts",
        "hello",
        "hi",
        "support",
        "help",
        "helpdesk",
        "press",
        "media",
        "pr",
        "news",
        "newsletter",
        "sales",
        "jobs",
        "job",
        "careers",
        "career",
        "recruiting",
        "recruitment",
        "talent",
        "hr",
        "team",
        "office",
        "admin",
        "noreply",
        "no-reply",
        "donotreply",
        "do-not-reply",
        "webmaster",
        "feedback",
        "privacy",
        "security",
        "abuse",
        "billing",
        "invoices",
        "orders",
        "service",
        "customerservice",
        "customercare",
        "enquiries",
        "inquiries",
        "events",
        "partners",
        "partnerships",
        "marketing",
        "legal",
        "compliance",
        "investors",
        "ir",
        "bonjour",
        "kontakt",
        "contacto",
        "contato",
        "presse",
        "prensa",
        "imprensa",
        "empleo",
        "emploi",
        "vagas",
        "rh",
    ]
)


def _email_matches(norm: str) -> Iterator[re.Match[str]]:
    """What `_EMAIL.finditer(norm)` finds, trying the pattern only where an "@" is.

    A match holds exactly one "@" (neither part can hold another), and its start is
    where the run of local-part characters before that "@" begins (the lookbehind
    wants a character outside the run there): so the pattern is tried once per "@",
    from that start, rather than at every position of the draft.
    """
    at = norm.find("@")
    last_end = 0
    while at >= 0:
        start = at
        while start > last_end and (norm[start - 1].isalnum() or norm[start - 1] in "_.+-"):
            start -= 1
        m = _EMAIL.match(norm, start) if start < at else None
        if m is not None:
            last_end = m.end()
            yield m
        at = norm.find("@", at + 1)


def _emails(ctx: Context) -> list[Found]:
    if "@" not in ctx.norm:
        return []
    out = []
    public = ctx.compiled.public_contacts_folded
    for m in _email_matches(ctx.norm):
        address = ctx.fold[m.start() : m.end()]
        local = address.split("@", 1)[0]
        if address in public or local in ROLE_MAILBOXES:
            continue
        out.append(Found(m.start(), m.end(), "email"))
    return out


# ---- digits: cards, IBANs, ids, bank accounts, phones -------------------------------

# A run of digits with the separators people write in numbers (7+ digits in all).
_DIGIT_RUN = re.compile(r"(?<![\w+/.-])(?:\+\s?)?\(?\d[\d \u00a0().-]{5,26}\d(?![\w-])")
_CARD = re.compile(r"(?<![\w.-])\d(?:[ -]?\d){12,18}(?![\w-])")
_IBAN = re.compile(r"(?<![\w])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}(?![\w])")
_SSN = re.compile(r"(?<![\w-])\d{3}([- ])\d{2}\1\d{4}(?![\w-])")
_NINE_DIGITS = re.compile(r"(?<![\w-])\d{9}(?![\w-])")
_ELEVEN_DIGITS = re.compile(r"(?<![\w.-])\d{11}(?![\w-])")
_DNI = re.compile(r"(?<![\w-])\d{8}[- ]?[A-Z](?![\w-])")
_NIE = re.compile(r"(?<![\w-])[XYZ][- ]?\d{7}[- ]?[A-Z](?![\w-])")
_NIR = re.compile(
    r"(?<![\w-])[12] ?\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\d) ?(?:\d{2}|2[AB])"
    r" ?\d{3} ?\d{3} ?\d{2}(?![\w-])"
)
_CPF = re.compile(r"(?<![\w.-])\d{3}\.\d{3}\.\d{3}-\d{2}(?![\w-])")
_CODICE_FISCALE = re.compile(r"(?<![\w])[A-Z]{6}\d{2}[A-EHLMPRST]\d{2}[A-Z]\d{3}[A-Z](?![\w])")
_ACCOUNT_NUMBER = re.compile(r"(?<![\w-])\d[\d -]{4,22}\d(?![\w-])")

# Issuer prefixes (IIN ranges) of the card networks people carry.
_CARD_PREFIX = re.compile(
    r"^(?:4|5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720|3[47]|30[0-5]|36|38|39|"
    r"35(?:2[89]|[3-8]\d)|6011|64[4-9]|65|62|50|5[6-8]|6[0-9]|220[0-4])"
)

# How far before a number a word introducing it may stand ("SSN: 123456789").
CUE_REACH = 40

# Groups of digits as people write them ("(480) 555-0143", "DE89 3704 0044"). One
# pass finds them; every number pattern then runs only around them, because each
# pass of a pattern over a whole draft costs microseconds and there are a dozen.
_CLUSTER = re.compile(r"\d+(?:[ \u00a0.()/-]{1,2}\d+)*")
# Context kept around a long cluster: an IBAN's country letters, a NIE's letter.
WINDOW_BEFORE = 12
WINDOW_AFTER = 16


@dataclass(frozen=True)
class Clusters:
    """Where the digits of a draft are."""

    # merged windows around clusters of six or more digits (ids, cards, phones)
    long: list[tuple[int, int]]
    # clusters of one to six digits (house numbers, the pieces of a codice fiscale)
    short: list[tuple[int, int]]


def find_clusters(norm: str) -> Clusters:
    long: list[tuple[int, int]] = []
    short: list[tuple[int, int]] = []
    n = len(norm)
    for m in _CLUSTER.finditer(norm):
        start, end = m.span()
        group = m.group()
        # Most clusters are one run of digits ("2026", "300"): count only the others.
        digits = len(group) if group.isdigit() else sum(map(str.isdigit, group))
        if digits <= 6:
            short.append((start, end))
        if digits >= 6:
            w_start, w_end = max(0, start - WINDOW_BEFORE), min(n, end + WINDOW_AFTER)
            if long and w_start <= long[-1][1]:
                long[-1] = (long[-1][0], w_end)
            else:
                long.append((w_start, w_end))
    return Clusters(long, short)


def _in_windows(
    pattern: re.Pattern[str], text: str, windows: list[tuple[int, int]]
) -> Iterator[re.Match[str]]:
    """`pattern.finditer` over the windows only (lookbehinds still see the text before)."""
    for w_start, w_end in windows:
        yield from pattern.finditer(text, w_start, w_end)


def _near_cue(ctx: Context, hits: list[Hit[str]], start: int, reach: int = CUE_REACH) -> bool:
    return _cue_before(ctx, hits, start, reach) is not None


def _cue_before(
    ctx: Context, hits: list[Hit[str]], start: int, reach: int = CUE_REACH
) -> str | None:
    """The folded cue among `hits` closest before `start` (within `reach`), if any."""
    best = None
    for h in hits:
        if start - reach <= h.end <= start + 1 and (best is None or h.end > best.end):
            best = h
    return None if best is None else ctx.fold[best.start : best.end]


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _cards(norm: str, windows: list[tuple[int, int]]) -> list[Found]:
    out = []
    for m in _in_windows(_CARD, norm, windows):
        raw = m.group()
        digits = _digits(raw)
        if not 13 <= len(digits) <= 19 or not _CARD_PREFIX.match(digits):
            continue
        seps = set(re.findall(r"[ -]", raw))
        if len(seps) > 1:  # "4111 1111-1111" is not how a card number is written
            continue
        if luhn.is_valid(digits) and len(set(digits)) > 1:
            out.append(Found(m.start(), m.end(), "card"))
    return out


def _ibans(norm: str, windows: list[tuple[int, int]]) -> list[Found]:
    out = []
    for m in _in_windows(_IBAN, norm, windows):
        raw = m.group()
        # The pattern may run into the next word ("… 0130 00 BIC …"): try the longest
        # valid prefix ending on a group boundary.
        ends = [i for i in range(len(raw), 14, -1) if i == len(raw) or raw[i] == " "]
        for end in ends:
            if std_iban.is_valid(raw[:end]):
                out.append(Found(m.start(), m.start() + end, "iban"))
                break
    return out


def _is_ssn(number: str) -> bool:
    try:
        ssn.validate(number)
    except InvalidComponent:
        # stdnum refuses a few numbers printed in advertisements long ago; posted as
        # someone's, they look exactly like a leaked SSN, so they count here.
        return ssn.format(ssn.compact(number)) in getattr(ssn, "_ssn_blacklist", ())
    except ValidationError:
        return False
    return True


def _ids(ctx: Context, cues: Cues, clusters: Clusters) -> list[Found]:
    norm = ctx.norm
    windows = clusters.long
    out = []
    for m in _in_windows(_SSN, norm, windows):
        if m.group(1) == " " and not _near_cue(ctx, cues["id_number"], m.start()):
            continue
        if _is_ssn(m.group()):
            out.append(Found(m.start(), m.end(), "ssn"))
    # Strong check digits: these stand alone.
    for pattern, module, name in (
        (_DNI, dni, "a Spanish DNI"),
        (_NIE, nie, "a Spanish NIE"),
        (_NIR, nir, "a French social security number"),
        (_CPF, cpf, "a Brazilian CPF"),
    ):
        for m in _in_windows(pattern, norm, windows):
            if module.is_valid(m.group()):
                out.append(Found(m.start(), m.end(), "national_id", name))
    for start, _end in clusters.short:
        # a codice fiscale has six letters, then two digits
        if start >= 6 and norm[start - 6 : start].isupper():
            cf = _CODICE_FISCALE.match(norm, start - 6)
            if cf and codicefiscale.is_valid(cf.group()):
                out.append(Found(cf.start(), cf.end(), "national_id", "an Italian codice fiscale"))
    # Weak check digits (one number in ten or eleven passes): only after an id word.
    if cues["id_number"]:
        for m in _in_windows(_NINE_DIGITS, norm, windows):
            cue = _cue_before(ctx, cues["id_number"], m.start())
            if cue is None:
                continue
            number = m.group()
            # The word before says which id it is; its check digits must agree.
            readings = [
                ("nif" in cue or "contribuinte" in cue, nif.is_valid, "a Portuguese NIF"),
                ("bsn" in cue, bsn.is_valid, "a Dutch BSN"),
                (True, _is_ssn, ""),
                (True, nif.is_valid, "a Portuguese NIF"),
                (True, bsn.is_valid, "a Dutch BSN"),
            ]
            for named, valid, label in readings:
                if named and valid(number):
                    kind = "national_id" if label else "ssn"
                    out.append(Found(m.start(), m.end(), kind, label))
                    break
        for m in _in_windows(_ELEVEN_DIGITS, norm, windows):
            if not _near_cue(ctx, cues["id_number"], m.start()):
                continue
            if idnr.is_valid(m.group()):
                out.append(Found(m.start(), m.end(), "national_id", "a German tax id"))
            elif cpf.is_valid(m.group()):
                out.append(Found(m.start(), m.end(), "national_id", "a Brazilian CPF"))
    return out


def _bank_accounts(ctx: Context, cues: Cues, windows: list[tuple[int, int]]) -> list[Found]:
    if not cues["bank_account"]:
        return []
    out = []
    for m in _in_windows(_ACCOUNT_NUMBER, ctx.norm, windows):
        digits = _digits(m.group())
        if not 6 <= len(digits) <= 17:
            continue
        if _near_cue(ctx, cues["bank_account"], m.start()) or (
            len(digits) == 9
            and rtn.is_valid(digits)
            and _near_cue(ctx, cues["bank_account"], m.start(), 60)
        ):
            out.append(Found(m.start(), m.end(), "bank_account"))
    return out


# The countries whose national phone formats a draft in this language probably uses.
LANGUAGE_REGIONS = {
    "fr": ("FR", "BE", "CH"),
    "de": ("DE", "AT", "CH"),
    "es": ("ES", "MX"),
    "pt": ("PT", "BR"),
    "en": ("GB",),
}
# Tried last for a number written in groups ("06 12 34 56 78") that the policy's
# country does not read: language detection is unsure on a short post, and
# digits grouped like this in prose are phone numbers.
FALLBACK_REGIONS = ("FR", "DE", "ES", "PT", "BR", "GB")
# The shapes of national numbers the fallback regions read: a trunk "0" and groups
# ("06 12 34 56 78", "030 1234567"), or three groups of three ("612 345 678").
_NATIONAL_SHAPE = re.compile(r"\(?0\d{1,4}\)?[ .-]\d|\d{3}[ .-]\d{3}[ .-]\d{3}$")
# Lines that belong to businesses: free-phone, premium-rate, shared-cost, universal.
BUSINESS_NUMBER_TYPES = frozenset(
    {
        phonenumbers.PhoneNumberType.TOLL_FREE,
        phonenumbers.PhoneNumberType.PREMIUM_RATE,
        phonenumbers.PhoneNumberType.SHARED_COST,
        phonenumbers.PhoneNumberType.UAN,
    }
)
# How far before a number a word saying it is a reference may stand.
NOT_PHONE_REACH = 25
# A whole candidate that is a calendar date ("2027-02-09", "14.05.2026") is not a phone
# number; saying so here spares the phone library (~0.1 ms per region tried).
_DATE = re.compile(
    r"(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
    r"|(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.(?:19|20)\d\d"
)


def _phones(
    ctx: Context, cues: Cues, taken: list[Found], windows: list[tuple[int, int]]
) -> list[Found]:
    norm = ctx.norm
    out: list[Found] = []
    region = ctx.policy.model.company.country
    public = ctx.compiled.public_contact_digits
    for m in _in_windows(_DIGIT_RUN, norm, windows):
        digits = _digits(m.group())
        if not 7 <= len(digits) <= 15 or _DATE.fullmatch(m.group()):
            continue
        if any(f.start < m.end() and m.start() < f.end for f in taken):
            continue
        if _near_cue(ctx, cues["not_phone"], m.start(), NOT_PHONE_REACH):
            continue  # "order 1234-5678-90", "tracking number …"
        regions = [region]
        if not m.group().lstrip("(").startswith("+"):
            regions += LANGUAGE_REGIONS.get(ctx.reviewed_language, ())
            if _NATIONAL_SHAPE.match(m.group()):
                regions += FALLBACK_REGIONS
            regions = list(dict.fromkeys(regions))
        for reg in regions:
            found = False
            # Only the candidate is handed to the matcher: it costs ~40 µs per call.
            for match in phonenumbers.PhoneNumberMatcher(
                m.group(), reg, leniency=phonenumbers.Leniency.VALID
            ):
                start, end = m.start() + match.start, m.start() + match.end
                if phonenumbers.number_type(match.number) in BUSINESS_NUMBER_TYPES:
                    found = True  # a toll-free or premium line is a business's, not a person's
                    continue
                number = _digits(match.raw_string)
                national = str(match.number.national_number)
                if any(number == p or p.endswith(national) or number.endswith(p) for p in public):
                    found = True  # a public contact point: fine, and no other reading
                    continue
                out.append(Found(start, end, "phone"))
                found = True
            if found:
                break
    return out


# ---- street addresses ------------------------------------------------------------

_CAP = r"[A-ZÀ-ÖØ-Þ][\wÀ-ÿ'’.-]*"
_EN_TYPES = (
    r"St|Street|Ave|Avenue|Rd|Road|Dr|Drive|Blvd|Boulevard|Ln|Lane|Ct|Court|Way|Pl|Place|Ter"
    r"|Terrace|Cir|Circle|Pkwy|Parkway|Hwy|Highway|Trl|Trail|Loop|Close|Crescent|Cres|Grove"
    r"|Gardens|Mews"
)
# (pattern, whether it is a square: squares host markets and rallies, so only with a
# word that says someone lives there). Number first: matched at a cluster of digits.
_NUMBER_FIRST: tuple[tuple[re.Pattern[str], bool], ...] = (
    # English: "1427 W Palo Verde Dr", "22b Baker Street, Apt 4"
    (
        re.compile(
            rf"(?<![\w.,-])\d{{1,6}}[A-Za-z]?\s+(?:[NSEW]\.?\s+)?(?:(?:{_CAP}|\d{{1,3}}(?:st|nd|rd|th))\s+)"
            rf"{{1,4}}(?:{_EN_TYPES})\b\.?(?:,?\s*(?:Apt|Apartment|Unit|Suite|Ste|#)\.?\s*[A-Za-z0-9-]+)?"
            r"(?!\s+(?!(?:Apt|Unit|Suite|Ste)\b)[A-Z][a-z])"
        ),
        False,
    ),
    # French: "12 rue de la Paix", "3 bis, avenue Jean Jaurès"
    (
        re.compile(
            r"(?<![\w.,-])\d{1,4}(?:\s?(?:bis|ter|[A-Ba-b]))?,?\s+"
            r"(?i:rue|avenue|av\.|boulevard|bd|impasse|all[ée]e|chemin|quai|cours|route|passage|villa"
            r"|cit[ée]|r[ée]sidence)\s+"
            rf"(?:(?:de la|de l'|du|des|de|d'|la|le|l')\s*)?{_CAP}"
            rf"(?:\s+(?:(?:de la|de l'|du|des|de|d'|la|le|l')\s*)?{_CAP}){{0,4}}"
        ),
        False,
    ),
    (
        re.compile(
            r"(?<![\w.,-])\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?i:place|square)\s+"
            rf"(?:(?:de la|de l'|du|des|de|d'|la|le|l')\s*)?{_CAP}(?:\s+{_CAP}){{0,3}}"
        ),
        True,
    ),
)
# Number last: searched in a window that ends just after a cluster of digits.
_NUMBER_LAST: tuple[tuple[re.Pattern[str], bool], ...] = (
    # German: "Hauptstraße 5", "Berliner Str. 12a", "Am Lindenweg 3"
    (
        re.compile(
            r"(?<![\w-])(?:[A-ZÄÖÜ][a-zäöüß]+(?:e[rns]?)?[ -])?[A-ZÄÖÜ][a-zäöüß-]*"
            r"(?:straße|strasse|str\.|Straße|Strasse|Str\.|weg|gasse|allee|ring|damm|ufer|chaussee"
            r"|steig|pfad|Weg|Gasse|Allee|Ring|Damm|Ufer)\s+\d{1,4}\s?[a-z]?(?![\w])"
        ),
        False,
    ),
    (
        re.compile(
            r"(?<![\w-])[A-ZÄÖÜ][a-zäöüß-]*(?:platz|Platz|markt)\s+\d{1,4}\s?[a-z]?(?![\w])"
        ),
        True,
    ),
    # Spanish: "Calle de Alcalá 123, 4ºB", "Avda. de la Constitución, nº 8"
    (
        re.compile(
            r"(?<![\w])(?i:calle|c/|avenida|avda\.?|av\.|paseo|camino|carrera|ronda|traves[íi]a"
            r"|carretera|ctra\.)\s*"
            rf"(?:(?:de la|de los|de las|del|de|la|el)\s+)?{_CAP}"
            rf"(?:\s+(?:(?:de la|de los|de las|del|de|la|el|y)\s+)?{_CAP}){{0,4}},?\s+"
            r"(?:n[º°o]\.?\s*)?\d{1,4}(?:\s*,?\s*\d{1,2}\s*[º°ªoa]\s*[A-Z0-9]?)?(?![\w])"
        ),
        False,
    ),
    (
        re.compile(
            r"(?<![\w])(?i:plaza|pza\.)\s+"
            rf"(?:(?:de la|de los|de las|del|de|la|el)\s+)?{_CAP}(?:\s+{_CAP}){{0,3}},?\s+"
            r"(?:n[º°o]\.?\s*)?\d{1,4}(?![\w])"
        ),
        True,
    ),
    # Portuguese: "Rua das Flores, 123, 2º Esq.", "Av. Paulista 1000, apto 52"
    (
        re.compile(
            r"(?<![\w])(?i:rua|r\.|avenida|av\.|travessa|tv\.|alameda|al\.|estrada|rodovia|largo)\s+"
            rf"(?:(?:da|do|das|dos|de)\s+)?{_CAP}"
            rf"(?:\s+(?:(?:da|do|das|dos|de|e)\s+)?{_CAP}){{0,4}},?\s+"
            r"(?:n[º°o]\.?\s*)?\d{1,5}"
            r"(?:\s*,?\s*(?:\d{1,2}\s*[º°ªoa]\s*(?:[A-Za-z]{1,4}\.?)?|apto?\.?\s*\d+))?(?![\w])"
        ),
        False,
    ),
    (
        re.compile(
            rf"(?<![\w])(?i:pra[çc]a)\s+(?:(?:da|do|das|dos|de)\s+)?{_CAP}(?:\s+{_CAP}){{0,3}},?\s+"
            r"(?:n[º°o]\.?\s*)?\d{1,5}(?![\w])"
        ),
        True,
    ),
)
# Street words of the number-last languages (and German street suffixes, which end
# compound words and so cannot be matched as whole words).
_GERMAN_STREET = ("stra", "str.", "weg", "gasse", "allee", "ring", "damm", "ufer", "platz", "markt")
# How far before a house number the street name may start.
STREET_REACH = 70


def _addresses(ctx: Context, cues: Cues, short: list[tuple[int, int]]) -> list[Found]:
    norm = ctx.norm
    n = len(norm)
    matches: list[tuple[re.Match[str], bool]] = []
    for start, _end in short:
        for pattern, square in _NUMBER_FIRST:
            m = pattern.match(norm, start)
            if m:
                matches.append((m, square))
    fold = ctx.fold
    streets = [h.start for h in cues["street"]]
    for start, end in short:
        window = (max(0, start - STREET_REACH), min(n, end + WINDOW_AFTER))
        before = fold[window[0] : start]
        if not any(window[0] <= pos < start for pos in streets) and not any(
            word in before for word in _GERMAN_STREET
        ):
            continue
        for pattern, square in _NUMBER_LAST:
            for m in pattern.finditer(norm, *window):
                if m.start() < start < m.end():
                    matches.append((m, square))
    out: list[Found] = []
    seen: set[tuple[int, int]] = set()
    for m, square in matches:
        end = m.end()
        while end > m.start() and norm[end - 1] in ".,;:":
            end -= 1
        if (m.start(), end) in seen:
            continue
        seen.add((m.start(), end))
        sentence = sentence_of(ctx.sentences, m.start())
        home = _cue_in(cues["home"], sentence)
        if square and not home:
            continue
        if not home and _cue_in(cues["business"], sentence):
            continue
        out.append(Found(m.start(), end, "address"))
    return out


def _cue_in(hits: list[Hit[str]], span: tuple[int, int]) -> bool:
    return any(span[0] <= h.start < span[1] for h in hits)


# ---- health of a named person -----------------------------------------------------


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    path = Path(__file__).resolve().parent.parent / "data" / "not_names.yaml"
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping of languages to word lists")
    return frozenset(fold_phrase(str(w)) for words in data.values() for w in words)


_NAME = regex.compile(
    r"(?<![\p{L}\p{N}_@#$])\p{Lu}\p{Ll}+(?:\p{Lu}\p{Ll}+)?(?:['’]s)?"
    r"(?:[ -]\p{Lu}\p{Ll}+(?:\p{Lu}\p{Ll}+)?(?:['’]s)?)*"
)
_NAME_WORD = regex.compile(r"\p{Lu}\p{Ll}+(?:\p{Lu}\p{Ll}+)?")
# A word that, after a sentence-initial capitalised word, shows it is a subject.
_SUBJECT_VERB = re.compile(
    r"\s+(?:is|was|has|had|got|broke|just|went|fell|will|'s|’s|remains|est|a|ete|sera|ist|hat"
    r"|war|wurde|liegt|esta|tiene|tuvo|fue|sigue|ha|se|tem|teve|foi|ficou|continua|vai)\b"
)
# German capitalises every noun: after a determiner a capitalised word is a noun
# (the list is safe in the other languages too: names do not follow these words).
_GERMAN_DETERMINER = re.compile(
    r"\b(?:der|die|das|dem|den|des|ein|eine|einem|einer|eines|im|am|vom|zum|zur|beim|ins|ans"
    r"|aufs|kein|keine|unser|unsere|unserem|unserer|ihr|ihre|ihrem|sein|seine|seinem|mein|meine"
    r"|meinem|meiner|dein|deine|jede|jeder|jedes|diese|dieser|dieses|diesem)\s+$"
)
_ARTICLE = re.compile(r"\b(?:the|a|an|this|that|our|their|your)\s+$")
_TITLE_BEFORE = re.compile(
    r"(?:\b(?:dr|dra|doctor|doctora|docteur|doktor|prof|professor|nurse)\.?\s+)$", re.IGNORECASE
)
_OWN = re.compile(
    r"\b(?:my|mon|ma|mes|mein|meine|meinen|meinem|meiner|mi|mis|meu|minha|meus|minhas)\s+$"
)
_THIRD_PERSON = re.compile(
    r"\b(?:he|she|he's|she's|his|her|him|il|elle|lui|er|sie|ihm|ihr|sein|seine|el|ella|ele|ela"
    r"|dele|dela)\b"
)
_FIRST_PERSON = re.compile(
    r"\b(?:i|i'm|im|i've|i'd|me|myself|je|j'|j'ai|moi|ich|mich|mir|yo|eu)\b(?:\s+\w+){0,2}\s+$"
)
FIRST_PERSON_REACH = 25


def _in_proper_name(norm: str, start: int, end: int) -> bool:
    """Is the word at [start, end) capitalised inside a run of capitalised words?

    German capitalises every noun, so one capital alone says nothing; a capitalised
    neighbour ("Mercy Hospital", "Hôpital Necker") makes it part of a name.
    """
    if not norm[start : start + 1].isupper():
        return False
    before = norm[max(0, start - 30) : start].split()
    after = norm[end : end + 30].split()
    prev_word = before[-1] if before else ""
    next_word = after[0] if after else ""
    return bool(
        (prev_word[:1].isupper() and prev_word[-1:].isalpha())
        or (next_word[:1].isupper() and next_word not in _NOT_NAME_FOLLOWERS)
    )


# Capitalised words that may follow a health word without making it a name.
_NOT_NAME_FOLLOWERS = frozenset({"I"})

# How far from a health word a name may stand in the same sentence.
NAME_REACH_BEFORE = 120
NAME_REACH_AFTER = 50


def _names_in(ctx: Context, cues: Cues, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of what look like people's names in norm[start:end]."""
    norm, fold = ctx.norm, ctx.fold
    not_names = _not_names()
    author = {fold_phrase(w) for w in ctx.draft.author.name.split() if w}
    policy_spans = [(h.start, h.end) for h in ctx.all_names]
    policy_spans += [(h.start, h.end) for h in cues["health"]]
    sentence_starts = {s for s, _ in ctx.sentences}
    out: list[tuple[int, int]] = []
    for m in _NAME.finditer(norm, start, end):
        words = [
            (w.start(), w.end())
            for w in _NAME_WORD.finditer(norm, m.start(), m.end())
            if fold[w.start() : w.end()] not in not_names
            and not any(ps <= w.start() < pe for ps, pe in policy_spans)
        ]
        # keep the consecutive run of name-like words
        runs: list[list[tuple[int, int]]] = []
        for w in words:
            if runs and norm[runs[-1][-1][1] : w[0]].strip(" -'’s") == "":
                runs[-1].append(w)
            else:
                runs.append([w])
        for run in runs:
            s, e = run[0][0], run[-1][1]
            if {fold[a:b] for a, b in run} <= author:
                continue  # the author's own name
            if s > 0 and norm[s - 1] == "[":
                continue  # a mask a fix left ("[Name entfernt]")
            before = fold[max(0, s - 12) : s]
            if _TITLE_BEFORE.search(before):
                continue  # the doctor, not the patient
            if _ARTICLE.search(before) or _GERMAN_DETERMINER.search(before):
                continue  # "the Children's Hospital", "im Krankenhaus": not a person
            first_word = s in sentence_starts or norm[max(0, s - 2) : s].strip() in ("", ":", "-")
            if first_word and len(run) == 1 and not _SUBJECT_VERB.match(fold, e):
                continue  # any word is capitalised at the start of a sentence
            out.append((s, e))
    return out


def _health(ctx: Context, cues: Cues) -> list[Found]:
    hits = cues["health"]
    if not hits:
        return []
    fold = ctx.fold
    generic = cues["health_generic"]
    out: list[Found] = []
    named: set[tuple[int, int]] = set()
    for hit in hits:
        if ctx.in_link(hit.start, hit.end):
            continue
        if any(hit.start - 20 <= g.start <= hit.end + 20 and g.start != hit.start for g in generic):
            continue  # "cancer research", "hospital staff"
        if _OWN.search(fold[max(0, hit.start - 10) : hit.start]) or _FIRST_PERSON.search(
            fold[max(0, hit.start - FIRST_PERSON_REACH) : hit.start]
        ):
            continue  # "my surgery", "while I was on sick leave": the author's own
        if _in_proper_name(ctx.norm, hit.start, hit.end):
            continue  # "Mercy Hospital", "Hospital Clínic": an institution
        s_start, s_end = sentence_of(ctx.sentences, hit.start)
        names = _names_in(
            ctx,
            cues,
            max(s_start, hit.start - NAME_REACH_BEFORE),
            min(s_end, hit.end + NAME_REACH_AFTER),
        )
        names = [n for n in names if not (n[0] < hit.end and hit.start < n[1])]
        before = [n for n in names if n[1] <= hit.start]
        after = [n for n in names if n[0] >= hit.end]
        name = before[-1] if before else after[0] if after else None
        if name is None and _THIRD_PERSON.search(fold, s_start, hit.start + 1):
            # "Keep Ana in your thoughts. She is in hospital": the name is one sentence back.
            previous = [s for s in ctx.sentences if s[1] <= s_start]
            if previous:
                p_start, p_end = previous[-1]
                earlier = _names_in(ctx, cues, p_start, p_end)
                name = earlier[-1] if earlier else None
        if name is None:
            continue
        if name in named:
            continue  # one finding per person
        named.add(name)
        out.append(Found(hit.start, hit.end, "health", ctx.norm[name[0] : name[1]], name))
    return out


# ---- putting it together ------------------------------------------------------------


def find_personal_data(ctx: Context) -> list[Found]:
    """Every piece of personal data in the draft, without overlaps, in order."""
    norm = ctx.norm
    cues = scan_cues(ctx.fold)
    found: list[Found] = _emails(ctx)
    clusters = find_clusters(norm)
    if clusters.long:
        found += _cards(norm, clusters.long)
        found += _ibans(norm, clusters.long)
        found += _ids(ctx, cues, clusters)
        found += _bank_accounts(ctx, cues, clusters.long)
        found += _phones(ctx, cues, found, clusters.long)
    elif clusters.short:
        found += _ids(ctx, cues, clusters)  # a codice fiscale has only short clusters
    if clusters.short:
        found += _addresses(ctx, cues, clusters.short)
    found += _health(ctx, cues)
    kept: list[Found] = []
    for f in found:  # earlier kinds win an overlap: they are the more specific
        if ctx.in_link(f.start, f.end):
            continue
        if all(f.end <= k.start or f.start >= k.end for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: f.start)


def check(ctx: Context) -> list[Finding]:
    """One finding per piece of personal data, each with a fix that masks it."""
    findings = []
    for f in find_personal_data(ctx):
        mask = in_language(ctx, MASKS[_MASK_OF[f.kind]])
        if f.kind == "health":
            message = (
                f"This shares health information about {f.detail} "
                f"(\u201c{ctx.norm[f.start : f.end]}\u201d). Their health is theirs to share: "
                "leave it out, or leave their name out."
            )
        else:
            label = f.detail or LABELS[f.kind]
            message = (
                f"This looks like {label}. Personal data like this can be misused once it is "
                "public: remove it, or share it privately."
            )
        findings.append(
            ctx.finding(RULE, f.start, f.end, message, replacement=mask, fix_span=f.fix_span)
        )
    return findings
