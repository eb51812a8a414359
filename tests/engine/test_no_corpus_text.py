"""No draft of the evaluation corpus is copied into the product or its tests.

The corpus in ../shared/eval is for measuring only; a rule that works because a
draft's words were pasted into a lexicon, an exemplar or a test is a lookup,
not a rule. Any run of seven words shared with a corpus draft fails this test.
"""

from __future__ import annotations

import json
import re

from tests.conftest import ROOT, SHARED, skip_or_fail

WINDOW = 7
SEARCHED = ("manyvoices", "tests", "benchmarks", "scripts", "docs", "examples")
SUFFIXES = {".py", ".yaml", ".yml", ".md", ".html", ".txt", ".json", ".jsonl", ".csv"}


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower())


def test_no_seven_word_run_of_a_corpus_draft_appears_in_the_repository():
    corpus = SHARED / "eval" / "dev.jsonl"
    if not corpus.exists():
        skip_or_fail(f"the evaluation corpus is not at {corpus}")
    drafts = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line]
    windows: dict[str, str] = {}
    for draft in drafts:
        words = _squash(draft["text"]).split()
        for i in range(len(words) - WINDOW + 1):
            windows[" ".join(words[i : i + WINDOW])] = draft["id"]
    found = []
    for folder in SEARCHED:
        for path in sorted((ROOT / folder).rglob("*")):
            if not path.is_file() or path.suffix not in SUFFIXES or path.stat().st_size > 2_000_000:
                continue
            words = _squash(path.read_text(encoding="utf-8", errors="ignore")).split()
            for i in range(len(words) - WINDOW + 1):
                run = " ".join(words[i : i + WINDOW])
                if run in windows:
                    found.append(f"{path.relative_to(ROOT)}: {run!r} ({windows[run]})")
    assert not found, "corpus text copied into the repository:\n" + "\n".join(found)
