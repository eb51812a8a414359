"""The engine meets its accuracy targets on the labelled corpus in ../shared/eval.

The corpus is for measuring only: nothing in the engine is built from its drafts.
"""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT, SHARED, skip_or_fail

EVAL = SHARED / "eval"


def test_engine_meets_the_accuracy_targets_on_the_dev_corpus(tmp_path):
    if not (EVAL / "dev.jsonl").exists():
        skip_or_fail(f"the evaluation corpus is not at {EVAL}")
    out = tmp_path / "out.jsonl"
    with out.open("w") as f:
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "manyvoices.cli",
                "review",
                "--policy",
                str(EVAL / "acme.policy.yaml"),
                "--jsonl",
                str(EVAL / "dev.jsonl"),
            ],
            stdout=f,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            check=False,
        )
    assert proc.returncode in (0, 1), proc.stderr
    score = subprocess.run(
        [
            sys.executable,
            str(EVAL / "score.py"),
            str(EVAL / "dev.jsonl"),
            str(out),
            "--min-f1",
            "0.90",
            "--min-verdict",
            "0.90",
            "--max-protected",
            "0",
            "--quiet",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert score.returncode == 0, score.stdout
