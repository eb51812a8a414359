#!/usr/bin/env python3
"""Refit the semantic rules' probes after editing `manyvoices/engine/data/exemplars.yaml`.

    python3 scripts/fit_semantic_probes.py

Writes `manyvoices/engine/models/minilm-static/probes.npz` (about 12 KB) in under a
second with the project's own dependencies (no torch). Until it is re-run the
engine refits the probes at every start (slower, same result) and
tests/engine/test_semantic.py fails to remind you. Then re-measure with
`scripts/semantic_auc.py` and adjust the thresholds in exemplars.yaml.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from manyvoices.engine import semantic


def main() -> int:
    path = semantic.save_probes()
    print(f"wrote {path} ({path.stat().st_size / 1e3:.1f} kB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
