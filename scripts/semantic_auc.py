#!/usr/bin/env python3
"""Measure how well each semantic rule's score separates a labelled corpus.

    python3 scripts/semantic_auc.py CORPUS.jsonl POLICY.yaml

For every rule of `semantic.SEMANTIC_RULES` that the corpus labels (its `expect`
lists, or its `protected` flag for protected.concerted-activity) this prints the
ROC AUC of the score (0.5 = chance, 1.0 = perfect), the number of positive
drafts, and precision / recall at the rule's threshold and at the borderline
floor (threshold - margin). The corpus is only read, never copied.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from manyvoices.engine import semantic
from manyvoices.engine.context import Context
from manyvoices.engine.policy import load_policy
from manyvoices.engine.types import Draft


def auc(positives: list[float], negatives: list[float]) -> float:
    """Probability that a random positive outscores a random negative (ties count half)."""
    if not positives or not negatives:
        return float("nan")
    wins = 0.0
    for p in positives:
        for n in negatives:
            wins += 1.0 if p > n else 0.5 if p == n else 0.0
    return wins / (len(positives) * len(negatives))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("policy", type=Path)
    args = parser.parse_args()
    policy = load_policy(args.policy)
    rows = [json.loads(line) for line in args.corpus.read_text().splitlines() if line.strip()]
    table: dict[str, tuple[list[float], list[float]]] = {
        r: ([], []) for r in semantic.SEMANTIC_RULES
    }
    for row in rows:
        draft = Draft.from_dict(
            {k: v for k, v in row.items() if k not in ("expect", "verdict", "protected", "note")}
        )
        ctx = Context(draft, policy)
        draft_scores = semantic.scores(ctx)
        for rule, value in draft_scores.items():
            if rule == "protected.concerted-activity":
                label = bool(row.get("protected"))
            else:
                label = rule in row.get("expect", [])
            table[rule][0 if label else 1].append(value)
    print(
        f"{'rule':32} {'auc':>5} {'pos':>4} {'thr':>5} {'P@thr':>6} {'R@thr':>6} "
        f"{'P@bord':>6} {'R@bord':>6}"
    )
    for rule, (pos, neg) in table.items():
        if not pos:
            print(f"{rule:32}     - (no labelled drafts)")
            continue
        settings = semantic.settings_of(rule)
        cells = []
        for cut in (settings.threshold, settings.threshold - settings.margin):
            tp = sum(v >= cut for v in pos)
            fp = sum(v >= cut for v in neg)
            cells += [tp / (tp + fp) if tp + fp else 1.0, tp / len(pos)]
        print(
            f"{rule:32} {auc(pos, neg):5.2f} {len(pos):4d} {settings.threshold:5.2f} "
            + " ".join(f"{c:6.2f}" for c in cells)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
