"""The offline model decides the situations the cue lexicons leave ambiguous, and only those.

arbiter.py compares the doubtful span of a draft with per-gate, per-language contrast
sets (data/arbiter.yaml); its thresholds are data. A clear-cut draft never reaches it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from manyvoices.engine import arbiter
from manyvoices.engine.arbiter import ARBITER_PATH, ArbiterError, decide, load_gates
from manyvoices.engine.context import Context
from manyvoices.engine.types import Draft

from .nimbus import check, found, nimbus_policy

ABUSE = "respect.abuse"
MATERIAL = "confidential.material-info"


def _decisions(text: str) -> tuple[list[str], list[arbiter.Decision]]:
    """The rules the checks report for `text`, and what the model was asked."""
    from manyvoices.engine.review import run_checks

    ctx = Context(Draft.from_dict({"text": text, "network": "x"}), nimbus_policy())
    rules = [f.rule for f in run_checks(ctx)]
    return rules, ctx.__dict__.get("arbiter_decisions", [])


# ---- the model decides what the cues leave open, in English and German ----------------


@pytest.mark.parametrize(
    "text",
    [
        "That umpire who ruined the final last night is a clown.",
        "The plumber that my landlord finally sent is a useless clown.",
        "Der Kommentator, der gestern das Finale kommentiert hat, ist ein Clown.",
        "Der Typ, der die Tabelle gebaut hat, ist erbärmlich.",
    ],
)
def test_insult_of_a_person_the_word_lists_do_not_know_is_abuse_when_the_model_says_person(
    text: str,
) -> None:
    rules, decisions = _decisions(text)
    assert [d.gate for d in decisions] == ["abuse.subject"]
    assert decisions[0].applies
    assert ABUSE in rules
    # decided by the model, so the finding is borderline for the second opinion
    assert all(f.confidence < 1.0 for f in found(check(text), ABUSE))


@pytest.mark.parametrize(
    "text",
    [
        "The firmware that bricked my router is worthless garbage.",
        "The sequel that everyone hyped for years is a pathetic mess.",
        "Die App, die jeden Morgen abstürzt, ist ein Wurm.",
        "Der Patch, der gestern kam, ist erbärmlicher Müll.",
    ],
)
def test_insult_word_said_of_a_thing_with_a_relative_clause_is_not_abuse_when_the_model_says_thing(
    text: str,
) -> None:
    rules, decisions = _decisions(text)
    assert [d.gate for d in decisions] == ["abuse.subject"]
    assert not decisions[0].applies
    assert ABUSE not in rules


def test_teaser_in_a_post_about_a_personal_project_is_withdrawn_by_the_model() -> None:
    rules, decisions = _decisions("Part three of my notes on learning Rust is live. More soon.")
    assert [(d.gate, d.applies) for d in decisions] == [("material.teaser", False)]
    assert MATERIAL not in rules


def test_teaser_about_the_business_without_the_company_name_is_confirmed_by_the_model() -> None:
    rules, decisions = _decisions(
        "I can't say much yet, but keep watching the investor page next week, more soon."
    )
    assert [(d.gate, d.applies) for d in decisions] == [("material.teaser", True)]
    assert MATERIAL in rules


def test_french_secrecy_hint_about_a_board_plan_is_confirmed_by_the_model() -> None:
    rules, decisions = _decisions(
        "Je n'ai pas le droit d'en parler, mais je montre le plan de rachat au comité jeudi. "
        "Bientôt la suite."
    )
    assert [(d.gate, d.lang, d.applies) for d in decisions] == [("material.teaser", "fr", True)]
    assert MATERIAL in rules


# ---- clear-cut drafts never reach the model ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Shipped the new onboarding flow today, proud of this team.",
        "You are an idiot and everyone knows it.",
        "Our new hire is a total moron.",
        "Big announcement from Nimbus Labs next week, can't say more!",
        "Nimbus Labs revenue is up 40% this quarter, way ahead of plan.",
        "The update that shipped last night broke my sync again.",
        "Started restoring an old bike this weekend, pictures to follow.",
    ],
)
def test_clear_cut_draft_never_consults_the_model(text: str) -> None:
    before = arbiter.CALLS["count"]
    _, decisions = _decisions(text)
    assert decisions == []
    assert arbiter.CALLS["count"] == before


# ---- thresholds and contrast sets are data ---------------------------------------------


def _gate_file(tmp_path: Path, en_threshold: str, fr_threshold: str = "null") -> Path:
    path = tmp_path / "arbiter.yaml"
    path.write_text(
        f"""
gates:
  abuse.subject:
    rule: respect.abuse
    k: 1
    threshold: {{en: {en_threshold}, fr: {fr_threshold}}}
    en:
      positive: [the referee who, the critic who]
      negative: [the update that, the printer that]
    fr:
      positive: [l'arbitre qui]
      negative: [la mise à jour qui]
""",
        encoding="utf-8",
    )
    return path


def _ctx(text: str) -> Context:
    return Context(Draft.from_dict({"text": text, "network": "x"}), nimbus_policy())


def test_the_decision_follows_the_threshold_in_the_gate_file(tmp_path: Path) -> None:
    text = "That umpire who ruined the final is a clown."
    end = text.index(" ruined")
    lenient = decide(_ctx(text), "abuse.subject", 0, end, path=_gate_file(tmp_path / "a", "-1"))
    strict = decide(_ctx(text), "abuse.subject", 0, end, path=_gate_file(tmp_path / "b", "1"))
    assert lenient is not None and strict is not None
    assert lenient.margin == pytest.approx(strict.margin)
    assert (lenient.threshold, strict.threshold) == (-1.0, 1.0)
    assert lenient.applies and not strict.applies


@pytest.fixture
def tmp_path(tmp_path: Path) -> Path:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    return tmp_path


def test_a_language_without_a_threshold_is_left_to_the_cues(tmp_path: Path) -> None:
    text = "Cet arbitre qui a gâché la finale est un vrai clown, franchement."
    ctx = _ctx(text)
    assert ctx.reviewed_language == "fr"
    before = arbiter.CALLS["count"]
    assert decide(ctx, "abuse.subject", 0, 12, path=_gate_file(tmp_path / "a", "0")) is None
    assert arbiter.CALLS["count"] == before


def test_shipped_gate_file_has_thresholds_only_for_languages_with_sentences() -> None:
    gates = load_gates(ARBITER_PATH)
    assert set(gates) == {"abuse.subject", "material.teaser", "material.stock_tip"}
    for gate in gates.values():
        assert "en" in gate.thresholds
        for lang in gate.thresholds:
            assert len(gate.positive[lang]) >= gate.k and len(gate.negative[lang]) >= gate.k


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("gates: {g: {rule: no.such-rule, threshold: {en: 0}}}", "not a catalogue rule"),
        ("gates: {g: {rule: respect.abuse, threshold: 0.1}}", "must map languages"),
        (
            "gates: {g: {rule: respect.abuse, threshold: {en: high}, "
            "en: {positive: [a], negative: [b]}}}",
            "must be numbers",
        ),
        ("gates: {g: {rule: respect.abuse, threshold: {fr: 0}}}", "a threshold without"),
        ("[]", "expected a mapping"),
    ],
)
def test_a_malformed_gate_file_is_a_clear_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ArbiterError, match=message):
        load_gates(path)
