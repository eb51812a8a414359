#!/usr/bin/env python3
"""How many drafts reach the offline model's gates, and what one call costs.

    python3 scripts/arbiter_reach.py [--drafts 2000] [--heldout eval/arbiter_heldout.yaml]

Reviews the benchmark's synthetic drafts (benchmarks/synthetic.py, the Acme example
policy) and the three labelled corpora, and prints for each the share of drafts
whose review asked the model (arbiter.decide) and the calls per gate. Then times
one call, the embedding of the doubtful span and its margin, in CPU microseconds
on this process (model and prototypes already loaded), over the calls the corpora
made. With --heldout, it also scores each gate on drafts written after its contrast
sets and thresholds were fixed. A measurement: it changes nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from manyvoices.engine.context import Context  # noqa: E402
from manyvoices.engine.policy import Policy, load_policy  # noqa: E402
from manyvoices.engine.review import run_checks  # noqa: E402
from manyvoices.engine.types import Draft  # noqa: E402

SHARED = ROOT.parent / "shared" / "eval"
CORPORA = [
    ("dev (Acme)", SHARED / "dev.jsonl", SHARED / "acme.policy.yaml"),
    ("Nimbus", ROOT / "eval" / "nimbus.jsonl", ROOT / "eval" / "nimbus.policy.yaml"),
    ("Quillon", ROOT / "eval" / "quillon.jsonl", ROOT / "eval" / "quillon.policy.yaml"),
]
DRAFT_FIELDS = ("id", "text", "network", "date", "author", "attachments")


def reach(name: str, drafts: list[dict], policy_path: Path, asked: list) -> None:
    policy = load_policy(policy_path)
    reached = 0
    gates: Counter[str] = Counter()
    for raw in drafts:
        ctx = _context(raw, policy)
        run_checks(ctx)
        decisions = ctx.__dict__.get("arbiter_decisions", [])
        if decisions:
            reached += 1
            gates.update(d.gate for d in decisions)
            asked.append((raw, policy))
    share = reached / max(1, len(drafts))
    detail = ", ".join(f"{g} {n}" for g, n in sorted(gates.items())) or "no call"
    print(f"{name}: {reached} of {len(drafts)} drafts reach the model ({share:.1%}); {detail}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--drafts", type=int, default=2000, help="synthetic drafts to review")
    parser.add_argument("--heldout", type=Path, help="a YAML of held-out drafts per gate")
    args = parser.parse_args()
    if args.heldout:
        heldout(args.heldout)
    from synthetic import make_drafts, make_names  # benchmarks/synthetic.py

    asked: list = []
    synthetic = make_drafts(args.drafts, make_names(0))
    reach("synthetic (benchmarks)", synthetic, ROOT / "examples" / "acme.policy.yaml", asked)
    for name, corpus, policy in CORPORA:
        if corpus.is_file():
            drafts = [json.loads(line) for line in corpus.open(encoding="utf-8") if line.strip()]
            reach(name, drafts, policy, asked)
    if not asked:
        return 0
    from manyvoices.engine import arbiter

    # One call = the embedding of the span and its margin. Each span the corpora asked
    # about is decided again on a fresh context whose shared views (folded text, links,
    # names, language) the review would already have computed, so only the call is timed.
    spans = []
    for raw, policy in asked:
        ctx = _context(raw, policy)
        run_checks(ctx)
        spans += [(raw, policy, gate, start, end) for gate, start, end in _asked(ctx)]
    rounds = 200
    total = 0.0
    calls = 0
    for _ in range(rounds):
        for raw, policy, gate, start, end in spans:
            ctx = _context(raw, policy)
            _ = ctx.fold, ctx.links, ctx.names, ctx.reviewed_language
            began = time.process_time()
            arbiter.decide(ctx, gate, start, end)
            total += time.process_time() - began
            calls += 1
    print(f"one call: {total / calls * 1e6:.0f} µs of CPU on average ({calls} calls)")
    return 0


def heldout(path: Path) -> None:
    """Each gate's decisions on held-out drafts, against what they should be."""
    import yaml

    sys.path.insert(0, str(ROOT / "tests" / "engine"))
    from nimbus import nimbus_policy  # tests/engine/nimbus.py: the Nimbus Labs test policy

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for gate, sides in data.items():
        right = wrong = unreached = 0
        for want, texts in sides.items():
            for text in texts:
                ctx = Context(Draft.from_dict({"text": text, "network": "x"}), nimbus_policy())
                run_checks(ctx)
                asked = [d for d in ctx.__dict__.get("arbiter_decisions", []) if d.gate == gate]
                if not asked:
                    unreached += 1
                    continue
                if asked[0].applies == (want == "yes"):
                    right += 1
                else:
                    wrong += 1
                    print(f"  {gate}: wanted {want}, margin {asked[0].margin:+.3f}: {text}")
        print(f"held-out {gate}: {right} right, {wrong} wrong, {unreached} decided by the cues")


def _asked(ctx: Context) -> list[tuple[str, int, int]]:
    """The (gate, start, end) spans the model was asked about for this draft."""
    return list(ctx.__dict__.get("_arbiter_asked", {}))


def _context(raw: dict, policy: Policy) -> Context:
    return Context(Draft.from_dict({k: v for k, v in raw.items() if k in DRAFT_FIELDS}), policy)


if __name__ == "__main__":
    sys.exit(main())
