"""The command line reviews the example draft and exits as the contract says."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_review_command_runs_on_the_example_policy():
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "manyvoices.cli",
            "review",
            "--policy",
            str(ROOT / "examples/acme.policy.yaml"),
            str(ROOT / "examples/draft.txt"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode in (0, 1), proc.stderr
    assert "verdict:" in proc.stdout
