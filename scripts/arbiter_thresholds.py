#!/usr/bin/env python3
"""Leave-one-out margins of the arbiter's contrast sets, and the threshold that splits them.

    python3 scripts/arbiter_thresholds.py [data/arbiter.yaml]

For each gate of `manyvoices/engine/data/arbiter.yaml` and each language, every
sentence is embedded and scored against the gate's other sentences (its own
language's and English, as a draft would be), so a sentence never votes for
itself. The script prints the margins of the positives and negatives, how many
each candidate threshold gets right, and the threshold (a midpoint between
neighbouring margins) with the best balanced accuracy. It changes nothing: copy
the threshold into the file, then check it on the corpora (docs/semantic-model.md).
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from manyvoices.engine.arbiter import ARBITER_PATH, load_gates  # noqa: E402
from manyvoices.engine.semantic import load_model  # noqa: E402


def _top_mean(values: np.ndarray, k: int) -> float:
    if len(values) > k:
        values = np.partition(values, len(values) - k)[-k:]
    return float(values.mean())


def main(path: Path) -> int:
    model = load_model()
    for gate in load_gates(path).values():
        print(f"== {gate.name} ({gate.rule}), k={gate.k}, thresholds in file {gate.thresholds}")
        all_pos: list[float] = []
        all_neg: list[float] = []
        for lang in gate.positive:
            p = model.encode(gate.positive[lang])
            n = model.encode(gate.negative[lang])
            own, own_neg = len(p), len(n)
            # one fewer on the side a sentence is left out of, as arbiter.margin_of does
            k = min(gate.k, own - 1, own_neg - 1)
            margins_pos = []
            for i in range(own):
                sims_p = np.delete(p @ p[i], i)
                margins_pos.append(_top_mean(sims_p, k) - _top_mean(n @ p[i], k))
            margins_neg = []
            for i in range(own_neg):
                sims_n = np.delete(n @ n[i], i)
                margins_neg.append(_top_mean(p @ n[i], k) - _top_mean(sims_n, k))
            all_pos += margins_pos
            all_neg += margins_neg
            best = _best(margins_pos, margins_neg)
            threshold = gate.thresholds.get(lang)
            at_file = (
                "no threshold in the file"
                if threshold is None
                else f"{sum(m >= threshold for m in margins_pos)} pos, "
                f"{sum(m < threshold for m in margins_neg)} neg right at the file's threshold"
            )
            print(
                f"  {lang}: positives {_fmt(margins_pos)}\n      negatives {_fmt(margins_neg)}\n"
                f"      best threshold {best[0]:+.3f} ({best[1]}/{len(margins_pos)} pos, "
                f"{best[2]}/{len(margins_neg)} neg right at it; {at_file})"
            )
        best = _best(all_pos, all_neg)
        print(
            f"  all languages: best threshold {best[0]:+.3f} "
            f"({best[1]}/{len(all_pos)} pos, {best[2]}/{len(all_neg)} neg right)"
        )
    return 0


def _best(pos: list[float], neg: list[float]) -> tuple[float, int, int]:
    values = sorted(set(pos) | set(neg))
    candidates = [(a + b) / 2 for a, b in itertools.pairwise(values)] or [0.0]
    scored = []
    for t in candidates:
        tp = sum(m >= t for m in pos)
        tn = sum(m < t for m in neg)
        scored.append((tp / max(1, len(pos)) + tn / max(1, len(neg)), -abs(t), t, tp, tn))
    _, _, t, tp, tn = max(scored)
    return t, tp, tn


def _fmt(values: list[float]) -> str:
    return " ".join(f"{v:+.2f}" for v in sorted(values))


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ARBITER_PATH))
