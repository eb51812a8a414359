"""The offline model's say on findings the cue lexicons leave undecided.

Some rules can be told by words alone only most of the time. The checks settle
the clear cases with cue classes; for a few situations they recognise as
ambiguous ("gates": an insult said of a subject the word classes do not know, a
teaser in a post about the author's own doings that nothing ties to the employer,
a results cue in a sentence that only says to buy or sell), they ask this module,
which embeds the doubtful stretch of text with the static MiniLM model
(`semantic.load_model`) and compares it with two contrast sets of short sentences
written for that gate: `positive` (the rule applies) and `negative` (it does not),
per language, in `data/arbiter.yaml`.

The margin is the mean cosine similarity to the `k` nearest positives minus the
mean to the `k` nearest negatives, among the sentences of the draft's language
only. The gate answers yes when the margin reaches the threshold for that
language, which is data too (`data/arbiter.yaml`, chosen as documented there
with `scripts/arbiter_thresholds.py`); a language without a threshold (its
sentences did not separate) is left to the cues.

A gate is consulted only when its check has already found the ambiguous
situation, so clean and clear-cut drafts never reach the model: the cost (~35-50
µs of CPU per call, plus 0.4-0.9 s once per process to import numpy, load the
model and embed the contrast sets, measured on a loaded machine) is paid by a
small minority of drafts (docs/semantic-model.md). `CALLS` counts the
calls, for the benchmarks and tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from .catalogue import RULES

if TYPE_CHECKING:
    import numpy as np

    from .context import Context

ARBITER_PATH = Path(__file__).resolve().parent / "data" / "arbiter.yaml"
LANGUAGES = ("en", "fr", "de", "es", "pt")

# How many calls reached the model in this process (read by benchmarks and tests).
CALLS = {"count": 0}


class ArbiterError(RuntimeError):
    """The gate file is missing or malformed; the message says where."""


@dataclass(frozen=True)
class Gate:
    """One ambiguous situation, its rule, contrast sets and decision thresholds."""

    name: str
    rule: str
    k: int
    # language -> threshold; a language without one is not decided by the model (its
    # contrast sets did not separate well enough, see docs/semantic-model.md)
    thresholds: dict[str, float]
    positive: dict[str, tuple[str, ...]]
    negative: dict[str, tuple[str, ...]]


def _sentences(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(s, str) and s.strip() for s in value):
        raise ArbiterError(f"{where}: expected a list of sentences")
    return tuple(value)


@lru_cache(maxsize=4)
def load_gates(path: str | Path = ARBITER_PATH) -> dict[str, Gate]:
    """Read and check the gate file; a mistake is an `ArbiterError` naming it."""
    path = Path(path)
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except (OSError, yaml.YAMLError) as exc:
        raise ArbiterError(f"cannot read {path}: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("gates"), dict):
        raise ArbiterError(f"{path}: expected a mapping with 'gates'")
    gates: dict[str, Gate] = {}
    for name, entry in data["gates"].items():
        where = f"{path}: {name}"
        if not isinstance(entry, dict):
            raise ArbiterError(f"{where}: expected a mapping")
        unknown = set(entry) - {"rule", "k", "threshold", "about", *LANGUAGES}
        if unknown:
            raise ArbiterError(f"{where}: unknown keys {', '.join(sorted(unknown))}")
        rule = entry.get("rule")
        if rule not in RULES:
            raise ArbiterError(f"{where}: rule {rule!r} is not a catalogue rule id")
        raw = entry.get("threshold")
        if not isinstance(raw, dict) or set(raw) - set(LANGUAGES):
            raise ArbiterError(f"{where}: 'threshold' must map languages to a number or null")
        try:
            k = int(entry.get("k", 3))
            thresholds = {str(lang): float(v) for lang, v in raw.items() if v is not None}
        except (TypeError, ValueError):
            raise ArbiterError(f"{where}: thresholds must be numbers, k an integer") from None
        if k < 1:
            raise ArbiterError(f"{where}: k must be at least 1")
        positive: dict[str, tuple[str, ...]] = {}
        negative: dict[str, tuple[str, ...]] = {}
        for lang in LANGUAGES:
            groups = entry.get(lang)
            if groups is None:
                continue
            if not isinstance(groups, dict) or set(groups) - {"positive", "negative"}:
                raise ArbiterError(f"{where}.{lang}: expected 'positive' and 'negative'")
            positive[lang] = _sentences(groups.get("positive"), f"{where}.{lang}.positive")
            negative[lang] = _sentences(groups.get("negative"), f"{where}.{lang}.negative")
        missing = [lang for lang in thresholds if lang not in positive]
        if missing:
            raise ArbiterError(f"{where}: a threshold without sentences for {', '.join(missing)}")
        gates[name] = Gate(name, rule, k, thresholds, positive, negative)
    return gates


@dataclass(frozen=True)
class _Prototypes:
    vectors: np.ndarray  # (positives + negatives, dim) unit vectors, positives first
    n_positive: int


@lru_cache(maxsize=64)
def _prototypes(path: str, gate_name: str, lang: str) -> _Prototypes:
    """The unit vectors of a gate's contrast sets in one language, once per process.

    Only the language's own sentences: the static model places sentences of one
    language near each other whatever they say, so mixing languages in a set would
    measure the language rather than the meaning.
    """
    import numpy as np

    from .semantic import load_model

    gate = load_gates(path)[gate_name]
    vectors = load_model().encode([*gate.positive[lang], *gate.negative[lang]])
    return _Prototypes(np.ascontiguousarray(vectors), len(gate.positive[lang]))


def margin_of(vector: np.ndarray, gate: Gate, lang: str, path: str | Path = ARBITER_PATH) -> float:
    """Mean cosine to the k nearest positives minus the mean to the k nearest negatives."""
    protos = _prototypes(str(path), gate.name, lang)
    # One product for both sets; a few dozen numbers are sorted faster as a list than
    # numpy reduces them.
    sims = (protos.vectors @ vector).tolist()
    pos = sorted(sims[: protos.n_positive], reverse=True)
    neg = sorted(sims[protos.n_positive :], reverse=True)
    k = min(gate.k, len(pos), len(neg))
    return (sum(pos[:k]) - sum(neg[:k])) / k


def embed_span(ctx: Context, start: int, end: int) -> np.ndarray:
    """Unit vector of the norm span [start, end) of a draft.

    As for the semantic scores, links are left out and policy names become a
    generic word ("competitor", "stock"), so prototypes written for no company fit
    every company's drafts. Only the span is read.
    """
    import numpy as np

    from .semantic import _NAME_PLACEHOLDER, load_model

    model = load_model()
    fold = ctx.fold
    masks = [
        (link.start, link.end, "") for link in ctx.links if link.end > start and link.start < end
    ]
    masks += [
        (h.start, h.end, _NAME_PLACEHOLDER.get(h.kind, ""))
        for h in ctx.names
        if h.end > start and h.start < end
    ]
    ids: list[int] = []
    pos = start
    for m_start, m_end, placeholder in sorted(masks):
        if m_start < pos:
            continue  # inside a span already masked
        if m_start > pos:
            ids += model.tokens(fold, pos, m_start)
        if placeholder:
            ids += model.word_ids(placeholder)
        pos = max(pos, m_end)
    if pos < end:
        ids += model.tokens(fold, pos, end)
    if not ids:
        return np.zeros(model.dim, dtype=np.float32)
    total = model.vectors[ids].sum(axis=0, dtype=np.float32)
    norm = float(np.sqrt(total @ total))
    return total / norm if norm > 0 else total


@dataclass(frozen=True)
class Decision:
    """What the model answered for one span: yes when `margin >= threshold`."""

    gate: str
    lang: str
    margin: float
    threshold: float

    @property
    def applies(self) -> bool:
        return self.margin >= self.threshold


def decide(
    ctx: Context, gate_name: str, start: int, end: int, *, path: str | Path = ARBITER_PATH
) -> Decision | None:
    """Whether the gate's rule applies to the norm span [start, end), by the model's margin.

    None when the gate has no threshold for the draft's language, or the span has no
    word the model knows: the check then keeps its own (cue) decision.
    """
    gate = load_gates(path).get(gate_name)
    if gate is None:
        raise ArbiterError(f"{path}: no gate {gate_name!r}")
    lang = ctx.reviewed_language
    threshold = gate.thresholds.get(lang)
    if threshold is None:
        return None
    asked: dict[tuple[str, int, int], Decision] = ctx.__dict__.setdefault("_arbiter_asked", {})
    known = asked.get((gate_name, start, end))
    if known is not None:
        return known  # two insult words of one sentence share their subject
    CALLS["count"] += 1
    vector = embed_span(ctx, start, end)
    if not vector.any():
        return None
    margin = margin_of(vector, gate, lang, path)
    decision = asked[(gate_name, start, end)] = Decision(gate_name, lang, margin, threshold)
    # Kept on the context so a caller (tests, the second opinion) can see what was asked.
    ctx.__dict__.setdefault("arbiter_decisions", []).append(decision)
    return decision
