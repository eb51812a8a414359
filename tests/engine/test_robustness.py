"""Robustness: any text, any context, any size; fixes that stay fixed; look-alike tricks.

Generic over the rules: these properties must hold whatever each check finds, so
they keep holding as the checks are written and tuned.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from manyvoices.engine import Author, Draft, Media, parse_policy, review
from manyvoices.engine.catalogue import RULES
from manyvoices.engine.context import Context
from manyvoices.engine.fixes import apply_fixes, plan_fixes
from manyvoices.engine.types import NETWORKS, SEVERITIES, Finding, Review, verdict_of

ROOT = Path(__file__).resolve().parents[2]


def _policy():
    """The example policy plus custom rules of both kinds, so custom.py is exercised too."""
    data = yaml.safe_load((ROOT / "examples" / "acme.policy.yaml").read_text(encoding="utf-8"))
    data["rules"] = {
        "custom": [
            {
                "id": "custom.beta",
                "words": ["beta programme", "early access"],
                "message": "Beta programmes are announced by product marketing.",
                "severity": "warn",
                "replacement": "our upcoming release",
            },
            {
                "id": "custom.ticket",
                "pattern": r"\bTK-\d{3,}\b",
                "message": "Ticket numbers are internal.",
                "severity": "block",
                "external_only": True,
            },
        ]
    }
    return parse_policy(yaml.safe_dump(data, allow_unicode=True), source="robustness.policy.yaml")


POLICY = _policy()
M = POLICY.model

# ---- pieces of text ---------------------------------------------------------------------------

UNICODE_PIECES = [
    "👩\u200d💻",  # ZWJ sequence
    "👨\u200d👩\u200d👧\u200d👦",
    "🏳️\u200d🌈",
    "🇫🇷🇧🇷",  # flags
    "👍🏽",  # skin tone
    "1️⃣",  # keycap
    "שלום עולם",  # right to left
    "مرحبا بالعالم",
    "\u202eevil\u202c",  # right-to-left override
    "\u200e\u200f",
    "\u200b",
    "\u200c\u200d\u2060\ufeff\u00ad",  # zero-width and soft hyphen
    "e\u0301",  # combining acute
    "a\u0308\u0323\u0336",  # stacked marks
    "Z\u0351\u0352\u0353\u0354a\u0355\u0356l\u0357g\u0358o",
    "漢字テスト",
    "नमस्ते",
    "ภาษาไทย",
    "ﬁﬂﬀ",  # NFKC expands these
    "Ⅻ①㎏",
    "ﾊﾟｰﾄ",  # half-width kana
    "ẛ\u0323",
    "İstanbul",  # lower() of İ is two characters
    "Straße",
    "ǅ",
    "Ｒｏａｄｒｕｎｎｅｒ",  # full-width
    "Rоadrunner",  # Cyrillic о
    "\t\r\n",
    "\u2028\u2029",
    "\x00\x07",
]

CODENAME = M.codenames[0]
RISKY_PIECES = [
    *M.codenames,
    *M.products,
    *M.competitors,
    *M.clients.confidential,
    *M.clients.public,
    M.company.name,
    *M.company.aliases,
    *M.company.handles,
    *M.disclosure.tags,
    "jane.roe@example.org",
    "+1 (415) 555-0134",
    "06 12 34 56 78",
    "4111 1111 1111 1111",
    "DE89 3704 0044 0532 0130 00",
    "123-45-6789",
    "https://wiki.acme.com/x/roadmap",
    "http://10.1.2.3:8080/admin",
    "localhost:3000",
    "jira.acme.io/browse/TK-1234",
    "https://example.org/news?id=7",
    "AKIAIOSFODNN7EXAMPLE",
    "password: hunter2hunter2",
    "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB",
    "postgres://admin:s3cr3tpass@db.example.net:5432/prod",
    "-----BEGIN RSA PRIVATE KEY-----",
    "damn",
    "f***ing",
    "internal only",
    "CONFIDENTIAL",
    "views are my own",
    "buy $ACME now",
    "to the moon",
    "early access",
    "TK-4242",
    '"',
    "'",
    "...",
    "#",
    "@",
    "$",
    "://",
    "a.b",
    "1.2.3.4",
    "",
]

text_pieces = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=40),
    st.sampled_from(UNICODE_PIECES),
    st.sampled_from(RISKY_PIECES),
)
texts = st.lists(text_pieces, max_size=12).flatmap(
    lambda parts: st.lists(st.sampled_from(["", " ", "\n", ". ", ", ", "\u200b", "!"]),
                           min_size=len(parts), max_size=len(parts)).map(
        lambda seps: "".join(p + s for p, s in zip(parts, seps, strict=True))
    )
)  # fmt: skip

authors = st.builds(
    Author,
    name=st.text(max_size=20),
    title=st.sampled_from(["", "Engineer", "Head of Communications", "Financial Advisor", "CEO"]),
    spokesperson=st.booleans(),
    regulated=st.booleans(),
)
media = st.lists(st.builds(Media, alt=st.sampled_from(["", " ", "A photo of the team", "📷"])),
                 max_size=3).map(tuple)  # fmt: skip
dates = st.one_of(
    st.none(), st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31))
)


@st.composite
def drafts(draw, text_strategy=texts):
    return Draft(
        text=draw(text_strategy),
        network=draw(st.sampled_from(NETWORKS)),
        date=draw(dates),
        author=draw(authors),
        media=draw(media),
        id=draw(st.one_of(st.none(), st.text(max_size=8))),
        incentivized=draw(st.booleans()),
        limits=draw(st.sampled_from([{}, {"mastodon": 1000}, {"x": 25}])),
    )


def assert_well_formed(result: Review, text: str) -> None:
    """The contract every review keeps, whatever it found."""
    assert isinstance(result, Review)
    for f in result.findings:
        assert isinstance(f, Finding)
        assert f.rule in RULES or f.rule.startswith("custom."), f.rule
        assert f.severity in SEVERITIES, f
        assert 0 <= f.start <= f.end <= len(text), f
        assert text[f.start : f.end] == f.excerpt, f
        assert isinstance(f.message, str) and f.message, f
        if f.fix is not None:
            assert 0 <= f.fix.start <= f.fix.end <= len(text), f
            assert isinstance(f.fix.replacement, str), f
    assert result.verdict == verdict_of(result.findings)
    severities = {f.severity for f in result.findings}
    expected = "block" if "block" in severities else "warn" if "warn" in severities else "clear"
    assert result.verdict == expected
    assert isinstance(result.language, str) and result.language
    json.dumps(result.to_dict(), ensure_ascii=False)  # serialisable as the contract says


# ---- any text, any context --------------------------------------------------------------------


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts())
def test_any_draft_is_reviewed_without_error_and_findings_point_into_its_text(draft):
    assert_well_formed(review(draft, POLICY), draft.text)


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=300), st.sampled_from(NETWORKS))
def test_arbitrary_unicode_text_is_reviewed_without_error(text, network):
    assert_well_formed(review({"text": text, "network": network}, POLICY), text)


@settings(max_examples=200, deadline=None)
@given(texts)
def test_names_found_in_normalised_text_map_back_to_the_original(text):
    ctx = Context(Draft(text=text), POLICY)
    assert len(ctx.norm) == len(ctx.fold)
    for hit in ctx.all_names:
        start, end = ctx.text.to_original(hit.start, hit.end)
        assert 0 <= start <= end <= len(text)


# ---- size -----------------------------------------------------------------------------------

CHUNKS = [
    f"Shipped the new onboarding flow for {M.products[0]} today 🚀 thanks to the whole crew. ",
    "Numbers from the pilot: 42% fewer tickets, 3.5 h saved per week, 1,200 users. ",
    "Read the write-up at https://example.org/blog/onboarding?ref=li and tell me what you think. ",
    "Nous avons présenté la démo à Lyon, et les retours étaient excellents 👏🏽 ",
    "Wir haben heute den zweiten Meilenstein erreicht, danke an alle! ",
    "¿Alguien más estuvo en la charla de ayer? Estuvo buenísima. ",
    "Foi um prazer apresentar o projeto em São Paulo 🇧🇷 ",
    f"Competitors like {M.competitors[0]} are doing interesting things too. ",
    "Ping me at jane.roe@example.org if you want the slides.\n",
    f"Working with {M.clients.public[0]} has been great. #{M.company.aliases[0]}Life\n\n",
    "👩\u200d💻👨\u200d👩\u200d👧 שלום and مرحبا, combining e\u0301 and a zero\u200bwidth space. ",
]


def _large_text(size: int) -> str:
    whole = "".join(CHUNKS)
    return (whole * (size // len(whole) + 1))[:size]


def _review_seconds(text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = review({"text": text, "network": "blog"}, POLICY)
        best = min(best, time.perf_counter() - start)
    assert_well_formed(result, text)
    return best


def _step_seconds(text: str) -> dict[str, float]:
    """Seconds each shared step and each check takes on `text`, to name a culprit."""
    from functools import cached_property

    from manyvoices.engine.checks import CHECKS

    ctx = Context(Draft(text=text, network="blog"), POLICY)
    out = {}
    for name, attr in vars(Context).items():
        if isinstance(attr, cached_property):
            start = time.perf_counter()
            getattr(ctx, name)
            out[f"ctx.{name}"] = time.perf_counter() - start
    for module in CHECKS:
        start = time.perf_counter()
        module.check(ctx)
        out[module.__name__.rsplit(".", 1)[-1]] = time.perf_counter() - start
    return out


def _growth_report(small_text: str, large_text: str) -> str:
    small = _step_seconds(small_text)
    large = _step_seconds(large_text)
    worst = sorted(small, key=lambda k: -(large[k] / max(small[k], 1e-4)))[:4]
    return "; ".join(f"{k}: {small[k]:.3f}s -> {large[k]:.3f}s" for k in worst)


@pytest.mark.slow
def test_a_one_megabyte_draft_is_reviewed_and_time_grows_at_most_linearly():
    review({"text": _large_text(4096)}, POLICY)  # lazy loading is not part of the measure
    small = _review_seconds(_large_text(64 * 1024), repeat=3)
    medium = _review_seconds(_large_text(256 * 1024), repeat=2)
    large = _review_seconds(_large_text(1024 * 1024), repeat=2)  # best of two: less noise
    # 16 times the text may take at most 2.5 x 16 times as long: a complexity check with
    # room for noise, not a speed test. A quadratic step would take about 256 times.
    if large / small >= 16 * 2.5 or medium / small >= 4 * 2.5:
        growth = _growth_report(_large_text(64 * 1024), _large_text(1024 * 1024))
        pytest.fail(
            f"review time grows faster than the text: 64 KB {small:.3f}s, 256 KB {medium:.3f}s, "
            f"1 MB {large:.3f}s. Steps that grow most (64 KB -> 1 MB): {growth}"
        )


# ---- fixes stay fixed -----------------------------------------------------------------------

RISKY_FRAGMENTS = [
    f"{CODENAME} ships next month",
    f"we are testing {M.codenames[-1]} with a few teams",
    f"great call with {M.clients.confidential[0]} today",
    f"{M.competitors[0]} is garbage and their engineers are clowns",
    "email me at sam.lee@example.net",
    "call me on +1 415 555 0199 or 0612345678",
    "my card is 4111 1111 1111 1111",
    "the notes are at https://wiki.acme.com/display/plans",
    "see http://192.168.1.20/dashboard",
    f"{M.products[0]} is the best tool I have ever used, everyone should buy it",
    f"honestly {M.products[1]} changed my life, go get it",
    f"I think {M.company.aliases[0]}'s strategy in cloud is wrong and the industry is lost",
    "this shit is broken again",
    "what a fucking great launch",
    "aws key AKIAIOSFODNN7EXAMPLE secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "password: Tr0ub4dor&3horse",
    "INTERNAL ONLY: draft numbers below",
    "the early access list is open",
    "buy ACME stock now, it is going to the moon",
    f"{M.company.name} is proud to announce our new office",
]
FILLER = [
    "Lovely weather in Porto.",
    "Coffee first.",
    "New week, new bugs 🙂",
    "Thanks everyone!",
    "Long day at the office.",
    "Nous verrons bien.",
    "Bis morgen.",
]


@st.composite
def risky_posts(draw):
    parts = draw(
        st.lists(st.one_of(st.sampled_from(RISKY_FRAGMENTS), st.sampled_from(FILLER)),
                 min_size=1, max_size=5)
    )  # fmt: skip
    sep = draw(st.sampled_from([". ", "! ", "\n", " — "]))
    return sep.join(parts)


def _shift(edits, pos: int, side: str) -> int:
    """Where position `pos` of the old text lands after `edits` (applied, in text order)."""
    delta = 0
    for fix in edits:
        grows = len(fix.replacement) - (fix.end - fix.start)
        if side == "start":
            if fix.end <= pos:
                delta += grows
            elif fix.start < pos:  # inside an edit: its replacement's start
                return fix.start + delta
        else:
            if fix.end < pos or (fix.end == pos and fix.start < fix.end):
                delta += grows
            elif fix.start < pos:  # inside an edit: its replacement's end
                return fix.start + delta + len(fix.replacement)
    return pos + delta


def _overlaps(f: Finding, start: int, end: int) -> bool:
    return f.start < max(end, start + 1) and start < f.end


def fix_violations(text: str, network: str = "linkedin") -> list[tuple[str, str, str]]:
    """Review, apply every fix, review again: what broke clarifications.md's promise.

    Each violation is (kind, rule, description): kind "came back" when a fixed finding is
    found again at its (moved) place, "new" when a finding appears where none of its rule
    was before (platform.length alone may do that).
    """
    before = review({"text": text, "network": network}, POLICY)
    applied = plan_fixes(text, before.findings)
    fixed_text = apply_fixes(text, before.findings)
    after = review({"text": fixed_text, "network": network}, POLICY)
    assert_well_formed(after, fixed_text)

    def moved(f: Finding) -> tuple[int, int]:
        return _shift(applied, f.start, "start"), _shift(applied, f.end, "end")

    fixed = [f for f in before.findings if f.fix is not None and f.fix in applied]
    unfixed = [f for f in before.findings if f not in fixed]
    violations = []
    for g in after.findings:
        if g.rule == "platform.length":
            continue  # the only rule a fix may newly trigger
        stays = any(f.rule == g.rule and _overlaps(g, *moved(f)) for f in unfixed)
        came_back = [f for f in fixed if f.rule == g.rule and _overlaps(g, *moved(f))]
        if stays:
            continue
        if came_back:
            what = (
                f"{g.rule} came back after its fix: {text!r} -> {fixed_text!r} "
                f"(fixed {came_back[0].excerpt!r}, found {g.excerpt!r})"
            )
            violations.append(("came back", g.rule, what))
        else:
            fixes = sorted({f.rule for f in fixed})
            what = (
                f"applying the fixes of {fixes} raised a new {g.rule}: {text!r} -> "
                f"{fixed_text!r} ({g.excerpt!r})"
            )
            violations.append(("new", g.rule, what))
    return violations


def check_fixes_stay_fixed(text: str, network: str = "linkedin") -> None:
    violations = fix_violations(text, network)
    assert not violations, "\n".join(v[2] for v in violations)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(risky_posts(), st.sampled_from(["linkedin", "x", "internal", "blog"]))
def test_applying_every_fix_leaves_none_of_the_fixed_findings(text, network):
    check_fixes_stay_fixed(text, network)


@pytest.mark.parametrize("fragment", RISKY_FRAGMENTS)
def test_each_risky_fragment_stays_fixed_once_fixed(fragment):
    assert fix_violations(f"Quick update. {fragment}. More soon.") == []


@pytest.mark.parametrize(
    "text",
    [
        # A one-word codename next to "weather" must be judged the same before and after
        # another fix rewords its surroundings.
        "see http://192.168.1.20/dashboard\nwe are testing Saguaro with a few teams\n"
        "Lovely weather in Porto.",
        # A confidential client replaced by "a client" next to praise is not new praise.
        "great call with Initech today. I think Acme's strategy in cloud is wrong",
    ],
)
def test_a_fix_does_not_change_how_other_rules_read_the_post(text):
    assert fix_violations(text) == []


def test_the_shift_of_positions_through_fixes():
    text = "ab CODE cd EMAIL ef"
    edits = plan_fixes(text, [Finding("r", "block", 3, 7, "CODE", "m", fix=None)])
    assert edits == []
    from manyvoices.engine import Fix

    edits = plan_fixes(text, [Fix(3, 7, "our next release"), Fix(11, 16, ""), Fix(19, 19, " #tag")])
    new = apply_fixes(text, edits)
    assert new == "ab our next release cd  ef #tag"
    assert (_shift(edits, 3, "start"), _shift(edits, 7, "end")) == (3, 19)
    assert (_shift(edits, 11, "start"), _shift(edits, 16, "end")) == (23, 23)
    assert _shift(edits, 19, "end") == len(new) - len(" #tag")


# ---- look-alike tricks ------------------------------------------------------------------------


def _full_width(name: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalpha() else c for c in name)


LOOKALIKES = {
    "Cyrillic o": lambda name: name.replace("o", "о", 1),
    "Cyrillic a": lambda name: name.replace("a", "а", 1),
    "Greek capital": lambda name: "Ρ" + name[1:] if name.startswith("P") else name,
    "zero-width space": lambda name: name[:3] + "\u200b" + name[3:],
    "zero-width joiners": lambda name: name[:2] + "\u200d" + name[2:4] + "\u200c" + name[4:],
    "soft hyphen": lambda name: name[:4] + "\u00ad" + name[4:],
    "word joiner": lambda name: name[:1] + "\u2060" + name[1:],
    "full-width letters": _full_width,
}


@pytest.mark.parametrize("trick", sorted(LOOKALIKES))
@pytest.mark.parametrize("codename", M.codenames)
def test_a_disguised_codename_is_found_and_its_span_covers_the_disguise(trick, codename):
    disguised = LOOKALIKES[trick](codename)
    text = f"Can't wait for {disguised} to go live 🎉"
    start = text.index(disguised)
    # The core: policy names are matched on normalised text and mapped back.
    ctx = Context(Draft(text=text, network="x"), POLICY)
    spans = [ctx.text.to_original(h.start, h.end) for h in ctx.names_of("codename")]
    assert (start, start + len(disguised)) in spans
    # The review: the codename rule reports the author's own characters.
    result = review({"text": text, "network": "x"}, POLICY)
    found = [f for f in result.findings if f.rule == "confidential.codename"]
    assert [(f.start, f.end, f.excerpt) for f in found] == [
        (start, start + len(disguised), disguised)
    ]
    assert_well_formed(result, text)
