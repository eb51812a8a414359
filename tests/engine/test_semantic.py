"""The offline static embedding model, the semantic scores and the borderline definition."""

from __future__ import annotations

import socket
from pathlib import Path

import numpy as np
import pytest

from manyvoices.engine import parse_policy, semantic
from manyvoices.engine.context import Context
from manyvoices.engine.types import Draft, Finding

from .nimbus import NIMBUS_POLICY, nimbus_policy

PACKAGE_DIR = Path(semantic.__file__).resolve().parent


def ctx_of(text: str, network: str = "linkedin", **policy_changes: str) -> Context:
    return Context(Draft(text=text, network=network), nimbus_policy(**policy_changes))


def finding(rule: str, confidence: float = 1.0) -> Finding:
    return Finding(rule, "warn", 0, 1, "x", "m", confidence=confidence)


# ---- the model ---------------------------------------------------------------------


def test_model_loads_from_the_package_folder_without_any_network(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the model tried to reach the network")

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr(socket.socket, "connect", no_network)
    semantic.load_model.cache_clear()
    model = semantic.load_model()
    assert semantic.MODEL_DIR.is_relative_to(PACKAGE_DIR)
    assert model.dim == 256
    assert model.encode(["hello world"]).shape == (1, 256)


def test_committed_model_is_small():
    size = sum(p.stat().st_size for p in semantic.MODEL_DIR.iterdir())
    assert size < 15_000_000


def test_model_is_loaded_once_per_process():
    assert semantic.load_model() is semantic.load_model()


def test_lean_encoder_gives_the_same_vectors_as_model2vec():
    from model2vec import StaticModel

    texts = [
        "Our quarterly revenue beat the forecast!",
        "Ich arbeite bei der Firma und liebe das Produkt.",
        "don't stop me now... 42% in Q4",
        "an unheardofword like zzqxv sits here",
    ]
    reference = StaticModel.from_pretrained(str(semantic.MODEL_DIR)).encode(texts)
    reference /= np.linalg.norm(reference, axis=1, keepdims=True)
    ours = semantic.load_model().encode(texts)
    assert (ours * reference).sum(axis=1).min() > 0.99


def test_similar_sentences_are_closer_than_unrelated_ones():
    a, b, c = semantic.load_model().encode(
        [
            "The server went down last night and customers could not log in.",
            "Our service had an outage overnight and users were locked out.",
            "I baked a lemon cake for my grandmother's birthday.",
        ]
    )
    assert a @ b > a @ c + 0.2


def test_missing_model_folder_is_a_clear_error(tmp_path):
    with pytest.raises(semantic.SemanticModelError, match="build_semantic_model"):
        semantic.load_model(tmp_path)


def test_text_with_only_unknown_pieces_encodes_to_zero():
    assert not semantic.load_model().encode(["🚀🚀🚀"]).any()


# ---- the exemplars ----------------------------------------------------------------


def test_every_semantic_rule_has_exemplars_in_five_languages():
    exemplars = semantic.load_exemplars()
    for rule in semantic.SEMANTIC_RULES:
        assert set(exemplars.sentences[rule]) == {"en", "fr", "de", "es", "pt"}, rule
        for groups in exemplars.sentences[rule].values():
            assert groups["positive"] and groups["negative"], rule


def test_exemplar_file_with_an_unknown_rule_is_refused(tmp_path):
    path = tmp_path / "exemplars.yaml"
    path.write_text("conduct.nonsense:\n  en:\n    positive: [a]\n    negative: [b]\n")
    with pytest.raises(semantic.SemanticModelError, match=r"conduct\.nonsense"):
        semantic.load_exemplars(path)


def test_exemplar_file_without_sentences_is_refused(tmp_path):
    path = tmp_path / "exemplars.yaml"
    path.write_text("respect.abuse:\n  en:\n    positive: [1, 2]\n")
    with pytest.raises(semantic.SemanticModelError, match=r"respect\.abuse"):
        semantic.load_exemplars(path)


def test_saved_probes_match_the_exemplars_and_the_model():
    with np.load(semantic.PROBES_PATH) as saved:
        assert str(saved["digest"]) == semantic.probes_digest(), (
            "exemplars.yaml or the model changed: run scripts/fit_semantic_probes.py"
        )
    fitted = semantic.fit_probes()
    assert np.allclose(semantic.probes().weights, fitted.weights, atol=1e-5)


# ---- scores --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        ("finance.recommendation", "Grab as many shares as you can before Friday, it will triple."),
        ("respect.abuse", "You absolute moron, nobody wants you on this team."),
        (
            "protected.concerted-activity",
            "Three years without a raise and now they cut our breaks.",
        ),
        ("conduct.crisis", "The outage happened because someone skipped the tests, as usual."),
    ],
)
def test_a_draft_breaking_a_rule_scores_higher_than_an_everyday_one(rule, text):
    everyday = ctx_of("Lovely walk around the lake with my dog this morning.")
    assert semantic.score(ctx_of(text), rule) > semantic.score(everyday, rule) + 0.3


def test_scores_are_between_zero_and_one_for_every_rule():
    scores = semantic.scores(ctx_of("Buy now!!! Guaranteed returns, you idiots, damn it."))
    assert set(scores) == set(semantic.SEMANTIC_RULES)
    assert all(0.0 <= v <= 1.0 for v in scores.values())


def test_scores_are_computed_once_per_draft(monkeypatch):
    calls = []
    real = semantic._analyse
    monkeypatch.setattr(semantic, "_analyse", lambda ctx: calls.append(ctx) or real(ctx))
    ctx = ctx_of("Our strategy is wrong, in my opinion.")
    first = semantic.scores(ctx)
    assert semantic.score(ctx, "disclosure.personal-views") == first["disclosure.personal-views"]
    assert ctx.semantic("respect.abuse") == first["respect.abuse"]
    assert semantic.scores(ctx) is first
    assert len(calls) == 1


def test_an_unknown_rule_is_a_clear_error():
    with pytest.raises(ValueError, match="not a semantic rule"):
        semantic.score(ctx_of("hello"), "security.credential")


def test_an_empty_draft_scores_zero():
    assert set(semantic.scores(ctx_of("")).values()) == {0.0}


def test_links_do_not_change_the_scores():
    text = "The outage happened because someone skipped the tests, as usual."
    plain = semantic.scores(ctx_of(text))
    linked = semantic.scores(ctx_of(text + " https://example.org/a/b?c=d#e"))
    assert max(abs(plain[r] - linked[r]) for r in plain) < 1e-6


def test_policy_names_read_as_the_generic_word():
    model = semantic.load_model()
    ctx = ctx_of("Cumulus Systems shipped a new version today.")
    ids, _ = semantic._draft_tokens(ctx, model)
    assert ids[: len(model.word_ids("competitor"))] == list(model.word_ids("competitor"))


def test_best_span_points_at_the_telling_sentence():
    text = "Great hike today with friends. Also, you are all worthless idiots."
    ctx = ctx_of(text)
    start, end = semantic.best_span(ctx, "respect.abuse")
    assert "idiots" in ctx.norm[start:end]
    assert "hike" not in ctx.norm[start:end]


def test_a_very_long_draft_is_scored_in_bounded_time_and_passages():
    import time

    text = ("Proud of the team. You are all idiots! Buy the stock now. " * 5_000)[:250_000]
    ctx = ctx_of(text, network="blog")
    started = time.process_time()
    scores = semantic.scores(ctx)
    assert time.process_time() - started < 2.0
    assert all(0.0 <= v <= 1.0 for v in scores.values())
    start, end = semantic.best_span(ctx, "respect.abuse")
    assert end - start < len(text) // 10  # a passage, not the whole draft


# ---- borderline ----------------------------------------------------------------------


ABUSIVE = "You absolute moron, nobody wants you on this team, get lost."


def test_a_high_score_without_a_finding_is_borderline():
    assert "respect.abuse" in semantic.borderline_rules(ctx_of(ABUSIVE), [])


def test_a_confident_finding_is_not_borderline():
    assert "respect.abuse" not in semantic.borderline_rules(
        ctx_of(ABUSIVE), [finding("respect.abuse")]
    )


def test_a_low_confidence_finding_is_borderline():
    ctx = ctx_of("Lovely walk around the lake with my dog this morning.")
    rules = semantic.borderline_rules(ctx, [finding("conduct.crisis", confidence=0.5)])
    assert "conduct.crisis" in rules


def test_an_everyday_draft_is_not_borderline():
    assert semantic.borderline_rules(ctx_of("Lovely walk around the lake this morning."), []) == []


def test_a_rule_switched_off_is_never_borderline():
    policy = parse_policy(NIMBUS_POLICY + 'rules:\n  respect.abuse: {severity: "off"}\n')
    ctx = Context(Draft(text=ABUSIVE), policy)
    assert "respect.abuse" not in semantic.borderline_rules(ctx, [])


def test_external_only_rules_are_not_borderline_on_the_internal_network():
    ctx = ctx_of("The outage happened because someone skipped the tests.", network="internal")
    assert "conduct.crisis" not in semantic.borderline_rules(
        ctx, [finding("conduct.crisis", confidence=0.5)]
    )
