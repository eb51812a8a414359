"""How close a draft reads to each semantic rule, from a small offline embedding model.

The model (`models/minilm-static/`) is a static distillation of all-MiniLM-L6-v2
made with model2vec (`scripts/build_semantic_model.py`): one 256-dimension vector
per English word piece, so a text's embedding is the mean of its pieces' vectors.
No neural network runs at review time and nothing is ever downloaded.

The engine reads the model2vec folder with its own loader and tokenizer instead of
`model2vec.StaticModel`: that cuts the cold start from ~400 ms to ~30 ms and the
encoding of a 300-character draft from ~150 µs to ~20 µs, and it reuses the
draft's already folded text (lower case, no accents: what the uncased WordPiece
vocabulary expects). `tests/engine/test_semantic.py` checks that both give the
same vectors.

Scoring (see docs/semantic-model.md): each rule has positive exemplar sentences
(they break it) and negative ones (near misses that do not) in `data/exemplars.yaml`,
plus everyday "background" posts shared by all rules. At first use each rule gets
a linear probe, fitted in closed form by ridge regression on the exemplars'
embeddings (1 = breaks the rule, 0 = does not) and rescaled so that 0 is its mean
on near misses and everyday posts and 1 its mean on its own positives. The draft
and each of its sentences are embedded (links dropped, policy names replaced by a
generic word such as "company" or "competitor", so the exemplars fit any policy);
a rule's score is the mean of the probe on the whole draft and on its most telling
sentence, clipped to 0..1. A probe separated the dev corpus clearly better than
the nearest-exemplar cosine (mean ROC AUC 0.83 against 0.72).

The model is English-centric: French, German, Spanish and Portuguese drafts match
mostly through shared word pieces and cognates, so the cue lexicons carry those
languages and a check should treat a semantic score as supporting evidence.
"""

from __future__ import annotations

import hashlib
import json
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import yaml

from .catalogue import RULES
from .text import normalize

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from .context import Context
    from .types import Finding

MODEL_DIR = Path(__file__).resolve().parent / "models" / "minilm-static"
EXEMPLARS_PATH = Path(__file__).resolve().parent / "data" / "exemplars.yaml"

# The rules whose exemplars live in data/exemplars.yaml: judged on what a post means
# rather than on a pattern that can be validated.
SEMANTIC_RULES: tuple[str, ...] = (
    "confidential.material-info",
    "disclosure.affiliation",
    "conduct.competitor",
    "conduct.crisis",
    "conduct.spokesperson",
    "respect.abuse",
    "respect.profanity",
    "respect.sensitive-topic",
    "finance.recommendation",
    "protected.concerted-activity",
    "disclosure.personal-views",
)

EXEMPLAR_LANGUAGES = ("en", "fr", "de", "es", "pt")

# Pieces summed per matrix product, and the most passages a draft is read in:
# both bound the memory a very long draft can take.
_BLOCK = 4096
MAX_PASSAGES = 64

# A finding of a semantic rule with a confidence below this is borderline.
BORDERLINE_CONFIDENCE = 0.75

# Rules that do not apply to an official spokesperson (rules.md, Clarifications).
_SPOKESPERSON_EXEMPT = frozenset({"disclosure.affiliation", "conduct.spokesperson"})

# A word (letters and digits) or any single other visible character: the way
# BERT's pre-tokenizer splits text, where each punctuation mark is its own token.
_TOKEN = re.compile(r"[^\W_]+|\S")

# Policy names become a generic word the exemplars use, so that "Zentrix's app
# is junk" reads like "the competitor's app is junk" whatever the policy.
_NAME_PLACEHOLDER = {
    "company": "company",
    "handle": "company",
    "product": "product",
    "codename": "project",
    "client_public": "client",
    "client_confidential": "client",
    "competitor": "competitor",
    "ticker": "stock",
}


class SemanticModelError(RuntimeError):
    """The embedding model or the exemplars cannot be loaded; the message says why."""


# ---- the model ------------------------------------------------------------------


class StaticEmbedder:
    """A model2vec static model: a WordPiece vocabulary and one vector per piece."""

    def __init__(
        self,
        vocab: dict[str, int],
        vectors: np.ndarray,
        *,
        unk_token: str = "[UNK]",
        prefix: str = "##",
        max_word_chars: int = 100,
    ) -> None:
        if vectors.ndim != 2 or vectors.shape[0] < len(vocab):
            raise SemanticModelError(
                f"the model has {vectors.shape[0]} vectors for {len(vocab)} vocabulary entries"
            )
        self.vocab = vocab
        self.vectors = vectors
        self.dim = int(vectors.shape[1])
        self.unk_id = vocab.get(unk_token)
        self.prefix = prefix
        self.max_word_chars = max_word_chars
        # Word -> piece ids; words repeat across drafts, so segmenting each once pays.
        self._pieces: dict[str, tuple[int, ...]] = {}

    def word_ids(self, word: str) -> tuple[int, ...]:
        """The vocabulary ids of one lower-cased, accent-free word (greedy WordPiece).

        Unknown words give no ids, as in model2vec: [UNK] carries no meaning.
        """
        cached = self._pieces.get(word)
        if cached is not None:
            return cached
        ids = self._wordpiece(word)
        if len(self._pieces) > 200_000:
            self._pieces.clear()  # bounded memory for a long-running worker
        self._pieces[word] = ids
        return ids

    def _wordpiece(self, word: str) -> tuple[int, ...]:
        vocab = self.vocab
        direct = vocab.get(word)
        if direct is not None:
            return () if direct == self.unk_id else (direct,)
        if len(word) > self.max_word_chars:
            return ()
        ids: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            found = None
            while start < end:
                piece = word[start:end] if start == 0 else self.prefix + word[start:end]
                found = vocab.get(piece)
                if found is not None:
                    break
                end -= 1
            if found is None:
                return ()  # BERT maps the whole word to [UNK]
            ids.append(found)
            start = end
        return tuple(ids)

    def tokens(self, fold: str, start: int = 0, end: int | None = None) -> list[int]:
        """Piece ids of `fold[start:end]` (a folded text: lower case, no accents)."""
        ids: list[int] = []
        cache = self._pieces
        for word in _TOKEN.findall(fold, start, len(fold) if end is None else end):
            pieces = cache.get(word)
            if pieces is None:
                pieces = self.word_ids(word)
            ids += pieces
        return ids

    def pool(
        self, ids: Sequence[int], offsets: Sequence[int], spans: Sequence[tuple[int, int]]
    ) -> np.ndarray:
        """Unit vectors of the mean of the pieces whose offset is in each [start, end) span.

        `offsets` (ascending, one per id) says where each piece comes from; a span
        with no pieces gives a zero vector.
        """
        out = np.zeros((len(spans), self.dim), dtype=np.float32)
        if not ids:
            return out
        bounds = [(bisect_left(offsets, start), bisect_left(offsets, end)) for start, end in spans]
        every = np.fromiter(ids, dtype=np.int64, count=len(ids))
        if len(spans) * len(ids) <= 65536:
            # A post: span sums as one small matrix product; numpy's reductions along
            # axis 0 (prefix sums, reduceat, slice sums) cost several times more here.
            rows = self.vectors[every].astype(np.float32)
            member = np.zeros((len(spans), len(ids)), dtype=np.float32)
            for i, (a, b) in enumerate(bounds):
                member[i, a:b] = 1.0
            out = member @ rows
        else:
            # A long text: slice sums block by block, linear in time and bounded in memory.
            for lo in range(0, len(ids), _BLOCK):
                hi = min(len(ids), lo + _BLOCK)
                rows = self.vectors[every[lo:hi]].astype(np.float32)
                for i, (a, b) in enumerate(bounds):
                    if a < hi and b > lo:
                        out[i] += rows[max(a, lo) - lo : min(b, hi) - lo].sum(axis=0)
        norms = np.sqrt(np.einsum("ij,ij->i", out, out))[:, None]
        np.divide(out, norms, out=out, where=norms > 0)
        return out

    def encode(self, texts: Iterable[str]) -> np.ndarray:
        """Unit vectors of whole texts (normalised and folded as drafts are)."""
        texts = list(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            ids = self.tokens(normalize(text).fold)
            out[i] = self.pool(ids, [0] * len(ids), [(0, 1)])[0]
        return out


@lru_cache(maxsize=4)
def load_model(path: str | Path = MODEL_DIR) -> StaticEmbedder:
    """Load a model2vec static model from a local folder, once per process.

    Reads only `tokenizer.json` and `model.safetensors` from disk; a missing or
    broken folder is a `SemanticModelError` naming it (never a download).
    """
    folder = Path(path)
    tokenizer_path = folder / "tokenizer.json"
    weights_path = folder / "model.safetensors"
    if not tokenizer_path.is_file() or not weights_path.is_file():
        raise SemanticModelError(
            f"no embedding model in {folder} (expected tokenizer.json and model.safetensors); "
            "rebuild it with scripts/build_semantic_model.py"
        )
    try:
        spec = json.loads(tokenizer_path.read_text(encoding="utf-8"))
        model = spec["model"]
        if model.get("type") != "WordPiece":
            raise SemanticModelError(
                f"{tokenizer_path}: expected a WordPiece tokenizer, got {model.get('type')!r}"
            )
        vocab: dict[str, int] = model["vocab"]
        vectors = _read_safetensors(weights_path, "embeddings")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SemanticModelError(f"cannot read the embedding model in {folder}: {exc}") from None
    return StaticEmbedder(
        vocab,
        vectors,
        unk_token=model.get("unk_token", "[UNK]"),
        prefix=model.get("continuing_subword_prefix", "##"),
        max_word_chars=model.get("max_input_chars_per_word", 100),
    )


_SAFETENSORS_DTYPES = {"I8": np.int8, "F16": np.float16, "F32": np.float32, "F64": np.float64}


def _read_safetensors(path: Path, name: str) -> np.ndarray:
    """One tensor of a .safetensors file: an 8-byte header size, a JSON header, raw data.

    Read directly (a dozen lines) so the engine needs neither torch nor an import of
    the safetensors package on its cold-start path.
    """
    raw = path.read_bytes()
    if len(raw) < 8:
        raise ValueError(f"{path.name} is truncated")
    header_len = int.from_bytes(raw[:8], "little")
    header = json.loads(raw[8 : 8 + header_len])
    entry = header.get(name)
    if entry is None:
        raise ValueError(f"{path.name} has no tensor {name!r}")
    dtype = _SAFETENSORS_DTYPES.get(entry["dtype"])
    if dtype is None:
        raise ValueError(f"{path.name}: unsupported dtype {entry['dtype']}")
    begin, end = entry["data_offsets"]
    base = 8 + header_len
    array = np.frombuffer(
        raw, dtype=dtype, count=(end - begin) // np.dtype(dtype).itemsize, offset=base + begin
    )
    array = array.reshape(entry["shape"])
    # int8 vectors are summed in float32 per draft; keep the small int8 copy in memory.
    return array if dtype == np.int8 else array.astype(np.float32)


# ---- the exemplars and the probes ---------------------------------------------------


@dataclass(frozen=True)
class RuleSettings:
    threshold: float
    margin: float


@dataclass(frozen=True)
class Exemplars:
    settings: dict[str, RuleSettings]
    # rule -> language -> ("positive" | "negative") -> sentences
    sentences: dict[str, dict[str, dict[str, tuple[str, ...]]]]
    # language -> everyday sentences that break no rule
    background: dict[str, tuple[str, ...]]


def _sentence_list(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(s, str) and s.strip() for s in value):
        raise SemanticModelError(f"{where}: expected a list of sentences")
    return tuple(value)


@lru_cache(maxsize=4)
def load_exemplars(path: str | Path = EXEMPLARS_PATH) -> Exemplars:
    """Read and check the exemplar file; a mistake is a `SemanticModelError` naming it."""
    path = Path(path)
    try:
        # libyaml's loader when present: the pure-Python one costs ~30 ms at cold start.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except (OSError, yaml.YAMLError) as exc:
        raise SemanticModelError(f"cannot read {path}: {exc}") from None
    if not isinstance(data, dict):
        raise SemanticModelError(f"{path}: expected a mapping of rule ids")
    settings: dict[str, RuleSettings] = {}
    sentences: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {}
    background: dict[str, tuple[str, ...]] = {}
    for rule, entry in data.items():
        where = f"{path}: {rule}"
        if rule == "background":
            if not isinstance(entry, dict) or set(entry) - set(EXEMPLAR_LANGUAGES):
                raise SemanticModelError(f"{where}: expected sentences per language")
            background = {lang: _sentence_list(v, f"{where}.{lang}") for lang, v in entry.items()}
            continue
        if rule not in RULES:
            raise SemanticModelError(f"{where}: not a catalogue rule id")
        if not isinstance(entry, dict):
            raise SemanticModelError(f"{where}: expected a mapping")
        try:
            settings[rule] = RuleSettings(
                threshold=float(entry.get("threshold", 0.5)),
                margin=float(entry.get("margin", 0.15)),
            )
        except (TypeError, ValueError):
            raise SemanticModelError(f"{where}: threshold and margin must be numbers") from None
        langs: dict[str, dict[str, tuple[str, ...]]] = {}
        for lang, groups in entry.items():
            if lang in ("threshold", "margin"):
                continue
            if lang not in EXEMPLAR_LANGUAGES:
                raise SemanticModelError(f"{where}: unknown language {lang!r}")
            if not isinstance(groups, dict) or set(groups) - {"positive", "negative"}:
                raise SemanticModelError(f"{where}.{lang}: expected 'positive' and 'negative'")
            langs[lang] = {
                polarity: _sentence_list(groups.get(polarity), f"{where}.{lang}.{polarity}")
                for polarity in ("positive", "negative")
            }
        if not langs.get("en", {}).get("positive") or not langs["en"].get("negative"):
            raise SemanticModelError(f"{where}: needs English positives and negatives")
        sentences[rule] = langs
    missing = set(SEMANTIC_RULES) - set(sentences)
    if missing:
        raise SemanticModelError(f"{path}: no exemplars for {', '.join(sorted(missing))}")
    return Exemplars(settings, sentences, background)


# Ridge strength, and the weight of other rules' exemplars as this rule's negatives
# (they are softer evidence than the rule's own near misses: rules overlap, e.g. an
# insult to a competitor's engineers is both conduct.competitor and respect.abuse).
RIDGE = 3.0
OTHER_RULES_WEIGHT = 0.5


@dataclass(frozen=True)
class Probes:
    """One linear probe per semantic rule: score = vector @ weights + bias."""

    rules: tuple[str, ...]
    weights: np.ndarray  # (dim, rules)
    bias: np.ndarray  # (rules,)


PROBES_PATH = MODEL_DIR / "probes.npz"


def probes_digest() -> str:
    """What the probes depend on: the exemplar file, the fit's settings and the model.

    The model is identified by its size and its first and last 64 KiB, which a
    rebuild always changes, so the digest costs well under a millisecond.
    """
    digest = hashlib.sha256()
    digest.update(EXEMPLARS_PATH.read_bytes())
    digest.update(f"{RIDGE}:{OTHER_RULES_WEIGHT}:{SEMANTIC_RULES}".encode())
    weights = MODEL_DIR / "model.safetensors"
    size = weights.stat().st_size
    with weights.open("rb") as handle:
        digest.update(handle.read(65536))
        handle.seek(max(0, size - 65536))
        digest.update(handle.read())
    digest.update(str(size).encode())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def probes() -> Probes:
    """The probes, once per process: from `probes.npz` when it matches the exemplars.

    Loading the saved probes costs ~1 ms; fitting them costs 50-90 ms (embedding
    ~600 sentences), so an out-of-date file (exemplars edited, model rebuilt) is
    refitted here, correct but slower, until `scripts/fit_semantic_probes.py` saves
    it again (a test fails meanwhile).
    """
    digest = probes_digest()
    try:
        with np.load(PROBES_PATH, allow_pickle=False) as saved:
            if str(saved["digest"]) == digest:
                return Probes(
                    tuple(str(r) for r in saved["rules"]),
                    np.ascontiguousarray(saved["weights"], dtype=np.float32),
                    np.asarray(saved["bias"], dtype=np.float32),
                )
    except (OSError, KeyError, ValueError):
        pass  # absent or unreadable: fit below
    return fit_probes()


def save_probes(path: Path = PROBES_PATH) -> Path:
    """Fit the probes and save them with their digest (scripts/fit_semantic_probes.py)."""
    fitted = fit_probes()
    with path.open("wb") as handle:
        np.savez(
            handle,
            digest=np.str_(probes_digest()),
            rules=np.array(fitted.rules),
            weights=fitted.weights,
            bias=fitted.bias,
        )
    return path


def fit_probes() -> Probes:
    """Fit every rule's probe on the exemplars.

    Weighted ridge regression of 1 (breaks the rule) / 0 (does not) on the
    exemplar embeddings of all five languages, in closed form: deterministic, and
    no training library.
    """
    model = load_model()
    exemplars = load_exemplars()
    rules = tuple(r for r in SEMANTIC_RULES if r in exemplars.sentences)
    texts: list[str] = []
    owner: list[int] = []  # index of the rule a sentence belongs to; -1 for background
    positive: list[bool] = []
    for j, rule in enumerate(rules):
        for groups in exemplars.sentences[rule].values():
            for polarity in ("positive", "negative"):
                for sentence in groups[polarity]:
                    texts.append(sentence)
                    owner.append(j)
                    positive.append(polarity == "positive")
    for lang_sentences in exemplars.background.values():
        for sentence in lang_sentences:
            texts.append(sentence)
            owner.append(-1)
            positive.append(False)
    x = model.encode(texts).astype(np.float64)
    x = np.hstack([x, np.ones((len(texts), 1))])  # the last column fits the bias
    owners = np.asarray(owner)
    is_positive = np.asarray(positive)
    penalty = RIDGE * np.eye(x.shape[1])
    penalty[-1, -1] = 0.0  # the bias is not shrunk
    # Each rule weighs its own and the background rows 1, the other rules' rows w, so
    # its Gram matrix is w*G(all) + (1-w)*(G(own) + G(background)): one large product
    # for all rules instead of one each (this keeps the fit at a few milliseconds).
    other = OTHER_RULES_WEIGHT
    background = owners == -1
    gram_all = x.T @ x
    gram_background = x[background].T @ x[background]
    columns = []
    for j in range(len(rules)):
        own = owners == j
        target = (own & is_positive).astype(np.float64)
        weight = np.where(own | background, 1.0, other)
        gram = other * gram_all + (1 - other) * (x[own].T @ x[own] + gram_background) + penalty
        column = np.linalg.solve(gram, x.T @ (weight * target))
        # Rescale so that 0 is the mean output on the rule's near misses and everyday
        # posts, and 1 the mean on its own positives: the raw ridge output is squeezed
        # near 0 (positives are a few percent of the exemplars). Class-balanced weights
        # would spread it too, but separated the drafts measurably worse.
        fitted = x[own | background] @ column
        is_high = is_positive[own | background]
        low = fitted[~is_high].mean()
        high = fitted[is_high].mean()
        column = column / (high - low)
        column[-1] -= low / (high - low)
        columns.append(column)
    solution = np.stack(columns, axis=1)  # (dim + 1, rules)
    return Probes(
        rules,
        np.ascontiguousarray(solution[:-1].astype(np.float32)),
        solution[-1].astype(np.float32),
    )


def settings_of(rule: str) -> RuleSettings:
    """The threshold and borderline margin of a semantic rule."""
    exemplars = load_exemplars()
    if rule not in exemplars.settings:
        raise ValueError(
            f"{rule!r} is not a semantic rule; the semantic rules are {', '.join(SEMANTIC_RULES)}"
        )
    return exemplars.settings[rule]


# ---- scoring a draft ----------------------------------------------------------------


@dataclass(frozen=True)
class SemanticScores:
    """One draft's scores, computed once (`scores()` caches it on the context)."""

    scores: dict[str, float]
    # The norm span of the text unit (whole draft or one sentence) that scored best.
    spans: dict[str, tuple[int, int]]


_CACHE_ATTR = "_semantic_scores"


def analyse(ctx: Context) -> SemanticScores:
    """Every semantic rule's score and best span for this draft, cached on `ctx`."""
    cached = ctx.__dict__.get(_CACHE_ATTR)
    if cached is not None:
        return cached
    result = _analyse(ctx)
    ctx.__dict__[_CACHE_ATTR] = result
    return result


def scores(ctx: Context) -> dict[str, float]:
    """Each semantic rule's score (0..1) for this draft; computed once per draft."""
    return analyse(ctx).scores


def score(ctx: Context, rule: str) -> float:
    """How close the draft reads to breaking `rule` (0..1); see the module docstring."""
    result = analyse(ctx).scores
    if rule not in result:
        raise ValueError(
            f"{rule!r} is not a semantic rule; the semantic rules are {', '.join(SEMANTIC_RULES)}"
        )
    return result[rule]


def best_span(ctx: Context, rule: str) -> tuple[int, int]:
    """The norm span (whole draft or one sentence) that reads most like breaking `rule`."""
    score(ctx, rule)  # same error for an unknown rule
    return analyse(ctx).spans[rule]


def _draft_tokens(
    ctx: Context, model: StaticEmbedder, cuts: Sequence[int] = ()
) -> tuple[list[int], list[int]]:
    """The draft's piece ids without links, with policy names as generic words.

    Each id comes with the start of the stretch of text it was read from; the text
    is cut at every offset in `cuts` (passage starts), so a passage's pieces are
    those whose offset lies inside it.
    """
    fold = ctx.fold
    masks: list[tuple[int, int, str | None]] = [(link.start, link.end, None) for link in ctx.links]
    masks += [(h.start, h.end, _NAME_PLACEHOLDER.get(h.kind)) for h in ctx.names]
    events = sorted(masks + [(at, at, "") for at in cuts])  # a zero-width event only cuts
    ids: list[int] = []
    offsets: list[int] = []
    pos = 0
    for start, end, placeholder in events:
        if start < pos:
            continue  # inside a span already masked
        if start > pos:
            part = model.tokens(fold, pos, start)
            ids += part
            offsets += [pos] * len(part)
        if placeholder:
            part = list(model.word_ids(placeholder))
            ids += part
            offsets += [start] * len(part)
        pos = max(pos, end)
    if pos < len(fold):
        part = model.tokens(fold, pos)
        ids += part
        offsets += [pos] * len(part)
    return ids, offsets


def _passages(sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences, joined into at most MAX_PASSAGES runs of neighbours for a long text.

    A one-sentence draft has no passage besides the whole.
    """
    if len(sentences) <= 1:
        return []
    if len(sentences) <= MAX_PASSAGES:
        return list(sentences)
    per = -(-len(sentences) // MAX_PASSAGES)  # ceiling division
    return [
        (sentences[i][0], sentences[min(i + per, len(sentences)) - 1][1])
        for i in range(0, len(sentences), per)
    ]


def _analyse(ctx: Context) -> SemanticScores:
    model = load_model()
    fitted = probes()
    units = [(0, len(ctx.fold)), *_passages(ctx.sentences)]
    ids, offsets = _draft_tokens(ctx, model, [start for start, _ in units[1:]])
    vectors = model.pool(ids, offsets, units)
    empty = np.logical_not(vectors.any(axis=1))
    if empty[0]:
        # Nothing to read (only links, emoji or unknown words): no rule applies.
        return SemanticScores(
            dict.fromkeys(fitted.rules, 0.0), dict.fromkeys(fitted.rules, units[0])
        )
    unit_scores = vectors @ fitted.weights + fitted.bias  # (units, rules)
    unit_scores[empty] = -np.inf  # a sentence that is only a link says nothing
    top = unit_scores.argmax(axis=0)
    # Half the whole draft, half its most telling sentence: the whole alone dilutes one
    # bad sentence in a long post, the sentence alone overreacts to a short aside.
    combined = (unit_scores[0] + unit_scores[top, np.arange(len(fitted.rules))]) / 2
    values = np.clip(combined, 0.0, 1.0).tolist()
    out = dict(zip(fitted.rules, values, strict=True))
    spans = {rule: units[i] for rule, i in zip(fitted.rules, top.tolist(), strict=True)}
    return SemanticScores(out, spans)


# ---- borderline drafts ----------------------------------------------------------------


def applicable_rules(ctx: Context) -> list[str]:
    """The semantic rules this policy enables for this draft's network and author."""
    out = []
    for rule in SEMANTIC_RULES:
        if ctx.policy.severity_of(rule) == "off":
            continue
        if RULES[rule].external_only and not ctx.external:
            continue
        if ctx.spokesperson and rule in _SPOKESPERSON_EXEMPT:
            continue
        out.append(rule)
    return out


def borderline_rules(ctx: Context, findings: Sequence[Finding]) -> list[str]:
    """The semantic rules on which the fast review is unsure for this draft.

    A rule the policy enables here is borderline when either
      - no check reported it, yet its semantic score reaches `threshold - margin`
        (the text reads close to breaking it, the cues did not fire); or
      - a check reported it with a confidence below BORDERLINE_CONFIDENCE.
    A rule reported with full confidence is never borderline, whatever its score.
    """
    applicable = applicable_rules(ctx)
    if not applicable:
        return []
    confidence: dict[str, float] = {}
    for f in findings:
        if f.rule in applicable:
            confidence[f.rule] = max(confidence.get(f.rule, 0.0), f.confidence)
    out = []
    draft_scores: dict[str, float] | None = None
    for rule in applicable:
        if rule in confidence:
            if confidence[rule] < BORDERLINE_CONFIDENCE:
                out.append(rule)
            continue
        if draft_scores is None:
            draft_scores = scores(ctx)
        settings = settings_of(rule)
        if draft_scores[rule] >= settings.threshold - settings.margin:
            out.append(rule)
    return out
