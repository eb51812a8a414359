"""The policy loader's contract: what loads, what is refused (naming file, line and key),
and how overrides and custom rules change a review."""

from __future__ import annotations

import hashlib
import importlib
import textwrap
from pathlib import Path
from types import SimpleNamespace

import pytest

from manyvoices.engine import PolicyError, apply_fixes, load_policy, parse_policy, review
from manyvoices.engine.catalogue import RULES

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "acme.policy.yaml"

BASE = """\
name: Test Guidelines
version: "3"
company:
  name: Quillon Works
  aliases: [Quillon]
products: [Inkwell Pro]
"""


def _write(tmp_path: Path, text: str, name: str = "company.policy.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _stub_checks(monkeypatch, *emit: tuple[str, int, int]) -> None:
    """Replace the rule modules by one that reports the given (rule, start, end) spans, so these
    tests prove the policy's effect whatever the real checks find."""

    def check(ctx):
        return [
            ctx.finding(rule, start, end, f"stub finding of {rule}") for rule, start, end in emit
        ]

    stub = SimpleNamespace(RULES=tuple(RULES), check=check, __name__="stub")
    monkeypatch.setattr(importlib.import_module("manyvoices.engine.review"), "CHECKS", (stub,))


# ---- what loads ----------------------------------------------------------------------------


def test_the_example_policy_loads_with_its_names():
    policy = load_policy(EXAMPLE)
    assert policy.name
    assert policy.model.company.name == "Acme Corporation"
    assert policy.model.codenames
    assert policy.source == str(EXAMPLE)
    assert policy.compiled is policy.compiled  # built once per policy


def test_the_policy_hash_is_the_sha256_of_the_file_bytes(tmp_path):
    policy = load_policy(EXAMPLE)
    expected = hashlib.sha256(EXAMPLE.read_bytes()).hexdigest()
    assert policy.sha256 == expected
    assert policy.summary() == {
        "name": policy.name,
        "version": policy.version,
        "sha256": expected,
    }
    # A comment changes the bytes and so the hash, though not the meaning.
    copy = tmp_path / "copy.yaml"
    copy.write_bytes(EXAMPLE.read_bytes() + b"\n# reviewed again\n")
    assert load_policy(copy).sha256 == hashlib.sha256(copy.read_bytes()).hexdigest()
    assert load_policy(copy).sha256 != expected


def test_a_minimal_policy_gets_the_documented_defaults():
    policy = parse_policy(BASE)
    company = policy.model.company
    assert (company.country, company.timezone) == ("US", "UTC")
    for rule_id, spec in RULES.items():
        assert policy.severity_of(rule_id) == spec.severity


def test_country_and_timezone_are_accepted():
    policy = parse_policy(
        BASE.replace("  aliases:", "  country: de\n  timezone: Europe/Berlin\n  aliases:")
    )
    assert policy.model.company.country == "DE"
    assert policy.model.company.timezone == "Europe/Berlin"


# ---- what is refused ------------------------------------------------------------------------

CUSTOM = BASE + "rules:\n  custom:\n    - id: custom.no-beta\n"

INVALID = {
    "not YAML": ('name: [unclosed\nversion: "1"\n', 2, None, "not valid YAML"),
    "a list, not a mapping": ("- name\n- version\n", 1, None, "mapping"),
    "a scalar, not a mapping": ("just some words\n", 1, None, "mapping"),
    "an empty file": ("", 1, None, "mapping"),
    "missing name": ('version: "1"\ncompany:\n  name: X\n', 1, "name", "required"),
    "missing company": ('name: T\nversion: "1"\n', 1, "company", "required"),
    "missing company name": (
        'name: T\nversion: "1"\ncompany:\n  aliases: [X]\n',
        3,
        "company.name",
        "required",
    ),
    "unknown top-level key": (BASE + "colour: blue\n", 7, "colour", "unknown key"),
    "unknown key in company": (
        'name: T\nversion: "1"\ncompany:\n  name: X\n  tickr: XX\n',
        5,
        "company.tickr",
        "unknown key",
    ),
    "unknown key in a rule override": (
        BASE + "rules:\n  respect.profanity:\n    severity: warn\n    colour: red\n",
        10,
        "rules.respect.profanity.colour",
        "unknown key",
    ),
    "unknown key in a custom rule": (
        CUSTOM + "      words: [x]\n      message: m\n      severity: warn\n      colour: red\n",
        13,
        "rules.custom.0.colour",
        "unknown key",
    ),
    "bad severity": (
        BASE + "rules:\n  respect.profanity:\n    severity: loud\n",
        9,
        "rules.respect.profanity.severity",
        "'loud'",
    ),
    "bad severity of a custom rule": (
        CUSTOM + "      words: [x]\n      message: m\n      severity: urgent\n",
        12,
        "rules.custom.0.severity",
        "'urgent'",
    ),
    "unknown rule id": (
        BASE + "rules:\n  respect.profanity:\n    severity: warn\n  respect.nonsense:\n"
        "    severity: warn\n",
        10,
        "rules.respect.nonsense",
        "unknown rule id",
    ),
    "switching off protected.concerted-activity": (
        BASE + 'rules:\n  protected.concerted-activity:\n    severity: "off"\n',
        9,
        "rules.protected.concerted-activity.severity",
        "cannot be switched off",
    ),
    "raising protected.concerted-activity": (
        BASE + "rules:\n  protected.concerted-activity:\n    severity: block\n",
        9,
        "rules.protected.concerted-activity.severity",
        "cannot be switched off",
    ),
    "a pattern RE2 cannot run": (
        CUSTOM + "      pattern: '(?<=beta)x'\n      message: m\n      severity: warn\n",
        10,
        "rules.custom.0.pattern",
        "RE2",
    ),
    "both words and a pattern": (
        CUSTOM
        + "      words: [beta]\n      pattern: 'beta'\n      message: m\n      severity: warn\n",
        11,
        "rules.custom.0.pattern",
        "not both",
    ),
    "neither words nor a pattern": (
        CUSTOM + "      message: m\n      severity: warn\n",
        9,
        "rules.custom.0",
        "either",
    ),
    "a custom id outside custom.": (
        BASE + "rules:\n  custom:\n    - id: beta\n      words: [x]\n      message: m\n"
        "      severity: warn\n",
        9,
        "rules.custom.0.id",
        "custom",
    ),
    "a custom id used twice": (
        CUSTOM + "      words: [x]\n      message: m\n      severity: warn\n"
        "    - id: custom.no-beta\n      words: [y]\n      message: m\n      severity: warn\n",
        13,
        "rules.custom.1.id",
        "twice",
    ),
    "bad country": (
        'name: T\nversion: "1"\ncompany:\n  name: X\n  country: ZZ\n',
        5,
        "company.country",
        "ISO 3166",
    ),
    "bad timezone": (
        'name: T\nversion: "1"\ncompany:\n  name: X\n  timezone: Mars/Olympus\n',
        5,
        "company.timezone",
        "IANA",
    ),
    "quiet period ending before it starts": (
        BASE + "quiet_periods:\n  - start: 2026-12-15\n    end: 2026-12-01\n    reason: results\n",
        9,
        "quiet_periods.0.end",
        "before its start",
    ),
    "a quiet period date that is not a date": (
        BASE + "quiet_periods:\n  - start: soon\n    end: 2026-12-01\n",
        8,
        "quiet_periods.0.start",
        "date",
    ),
    "a list where a mapping belongs": (
        'name: T\nversion: "1"\ncompany: [X]\n',
        3,
        "company",
        "",
    ),
}


@pytest.mark.parametrize("case", sorted(INVALID))
def test_an_invalid_policy_is_refused_naming_file_line_and_key(tmp_path, case):
    text, line, key, fragment = INVALID[case]
    path = _write(tmp_path, text)
    with pytest.raises(PolicyError) as caught:
        load_policy(path)
    error = caught.value
    message = str(error)
    assert message.startswith(f"{path}:{line}"), message
    assert error.line == line
    if key is not None:
        assert error.key == key
        assert f"({key})" in message
    assert fragment in message


def test_a_missing_file_is_refused_naming_it(tmp_path):
    path = tmp_path / "nowhere.yaml"
    with pytest.raises(PolicyError, match=r"nowhere\.yaml"):
        load_policy(path)


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(BASE.replace("Quillon Works", "Quillön").encode("latin-1"))
    with pytest.raises(PolicyError, match="UTF-8"):
        load_policy(path)


def test_an_invalid_pattern_leaves_nothing_on_stderr(tmp_path, capfd):
    path = _write(
        tmp_path, CUSTOM + "      pattern: '(?<=a)b'\n      message: m\n      severity: warn\n"
    )
    with pytest.raises(PolicyError):
        load_policy(path)
    assert capfd.readouterr().err == ""


# ---- severity overrides ------------------------------------------------------------------------


def _with_rules(rules_yaml: str) -> object:
    return parse_policy(BASE + "rules:\n" + textwrap.indent(textwrap.dedent(rules_yaml), "  "))


def test_a_severity_override_changes_the_finding_and_the_verdict(monkeypatch):
    _stub_checks(monkeypatch, ("respect.profanity", 0, 4))
    draft = {"text": "darn this build", "network": "linkedin"}
    default = review(draft, parse_policy(BASE))
    assert [(f.rule, f.severity) for f in default.findings] == [("respect.profanity", "warn")]
    assert default.verdict == "warn"

    raised = review(draft, _with_rules("respect.profanity:\n  severity: block\n"))
    assert [(f.rule, f.severity) for f in raised.findings] == [("respect.profanity", "block")]
    assert raised.verdict == "block"

    lowered = review(draft, _with_rules("respect.profanity:\n  severity: coach\n"))
    assert lowered.findings[0].severity == "coach"
    assert lowered.verdict == "clear"


@pytest.mark.parametrize("spelling", ['"off"', "off"])
def test_severity_off_switches_a_rule_off(monkeypatch, spelling):
    _stub_checks(monkeypatch, ("respect.profanity", 0, 4), ("platform.alt-text", 5, 9))
    policy = _with_rules(f"respect.profanity:\n  severity: {spelling}\n")
    assert policy.severity_of("respect.profanity") == "off"
    result = review({"text": "darn this build"}, policy)
    assert [f.rule for f in result.findings] == ["platform.alt-text"]


def test_a_reworded_guideline_is_what_the_finding_carries(monkeypatch):
    _stub_checks(monkeypatch, ("respect.profanity", 0, 4))
    policy = _with_rules("respect.profanity:\n  guideline: Keep it clean, please.\n")
    result = review({"text": "darn this build"}, policy)
    assert result.findings[0].guideline == "Keep it clean, please."
    assert result.findings[0].severity == RULES["respect.profanity"].severity


# ---- custom rules ------------------------------------------------------------------------

WORDS_RULE = """\
custom:
  - id: custom.no-beta-talk
    words: [beta programme, early access]
    message: Beta programmes are announced by product marketing.
    severity: warn
    replacement: our upcoming release
"""


def test_a_custom_word_rule_finds_whole_words_in_any_case(monkeypatch):
    _stub_checks(monkeypatch)
    policy = _with_rules(WORDS_RULE)
    text = "Got EARLY ACCESS today! The beta programme rocks. Not: earlyaccess, beta programmes."
    result = review({"text": text}, policy)
    found = [(f.rule, f.excerpt, f.severity) for f in result.findings]
    assert found == [
        ("custom.no-beta-talk", "EARLY ACCESS", "warn"),
        ("custom.no-beta-talk", "beta programme", "warn"),
    ]
    for f in result.findings:
        assert text[f.start : f.end] == f.excerpt
        assert f.message == "Beta programmes are announced by product marketing."
        assert f.guideline  # the message stands in for a guideline
    assert result.verdict == "warn"


def test_a_custom_replacement_is_the_fix_and_applying_it_clears_the_rule(monkeypatch):
    _stub_checks(monkeypatch)
    policy = _with_rules(WORDS_RULE)
    text = "Ask me about early access 🚀 to the beta programme!"
    result = review({"text": text}, policy)
    assert all(f.fix is not None for f in result.findings)
    assert {(f.fix.start, f.fix.end) for f in result.findings} == {
        (f.start, f.end) for f in result.findings
    }
    fixed = apply_fixes(text, result.findings)
    assert fixed == "Ask me about our upcoming release 🚀 to the our upcoming release!"
    assert review({"text": fixed}, policy).findings == []


def test_a_custom_pattern_rule_runs_with_re2_and_points_at_the_original_text(monkeypatch):
    _stub_checks(monkeypatch)
    policy = _with_rules(
        """\
        custom:
          - id: custom.ticket-ids
            pattern: '\\bQW-\\d{3,}\\b'
            message: Ticket numbers are internal.
            severity: block
        """
    )
    # Emoji and a zero-width space before the match shift norm offsets; findings must not.
    text = "👩‍💻 fixed\u200b it in QW-1234 and QW-99 (too short) and QW-5678."
    result = review({"text": text}, policy)
    assert [f.excerpt for f in result.findings] == ["QW-1234", "QW-5678"]
    assert all(text[f.start : f.end] == f.excerpt for f in result.findings)
    assert all(f.fix is None for f in result.findings)  # no replacement, no fix
    assert result.verdict == "block"


def test_an_external_only_custom_rule_is_silent_on_the_internal_network(monkeypatch):
    _stub_checks(monkeypatch)
    policy = _with_rules(
        WORDS_RULE.replace("    severity: warn\n", "    severity: warn\n    external_only: true\n")
    )
    text = "Who wants early access?"
    assert [f.rule for f in review({"text": text, "network": "linkedin"}, policy).findings] == [
        "custom.no-beta-talk"
    ]
    assert review({"text": text, "network": "internal"}, policy).findings == []
    # Without external_only the rule holds everywhere.
    everywhere = _with_rules(WORDS_RULE)
    assert review({"text": text, "network": "internal"}, everywhere).findings


def test_protected_activity_downgrades_custom_findings_unless_hard(monkeypatch):
    _stub_checks(monkeypatch, ("protected.concerted-activity", 0, 5))
    policy = _with_rules(
        """\
        custom:
          - id: custom.soft
            words: [roadmap]
            message: Roadmaps are shared by product marketing.
            severity: block
          - id: custom.hard
            words: [badge code]
            message: Never share door codes.
            severity: block
            hard: true
        """
    )
    text = "Shift pay is unfair; the roadmap says so and the badge code is 4411."
    result = review({"text": text}, policy)
    by_rule = {f.rule: f for f in result.findings}
    assert result.protected
    assert by_rule["custom.soft"].severity == "coach"
    assert by_rule["custom.soft"].downgraded_from == "block"
    assert by_rule["custom.hard"].severity == "block"
    assert by_rule["custom.hard"].downgraded_from is None
    assert result.verdict == "block"


def test_without_protected_activity_a_custom_rule_keeps_its_severity(monkeypatch):
    _stub_checks(monkeypatch)
    policy = _with_rules(
        "custom:\n  - {id: custom.x, words: [roadmap], message: m, severity: block}\n"
    )
    result = review({"text": "The roadmap is out."}, policy)
    assert [(f.rule, f.severity) for f in result.findings] == [("custom.x", "block")]
    assert result.verdict == "block"
