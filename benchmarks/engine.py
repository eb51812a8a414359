#!/usr/bin/env python3
"""The review engine's benchmark: latency, throughput, cold start, memory, and Presidio.

    python3 benchmarks/engine.py            # measure, print the table, exit 0
    python3 benchmarks/engine.py --check    # exit 1 when a figure misses its target

It re-executes itself pinned to one core (`taskset -c 0`) with one thread per
numeric library (OMP_NUM_THREADS=1 and friends), as clarifications.md asks,
then measures on our own synthetic drafts (benchmarks/synthetic.py):

- latency of one review (p50/p95/p99/max) with the Acme policy and with a
  generated policy of 10,000 names; target p99 <= 5 ms;
- batch throughput on one core; target >= 2,000 drafts/s;
- cold start of `manyvoices review --policy examples/acme.policy.yaml --jsonl -`
  with one draft on standard input, as a fresh process; target median <= 1.5 s;
- peak memory (ru_maxrss) of this process and of the command;
- the same drafts through Presidio's AnalyzerEngine (pattern recognizers only,
  a blank spaCy pipeline, nothing downloaded) as the reference point;
- where the time goes: each shared step of a review and each check, in
  microseconds per draft (and, with --profile, cProfile's top functions).

It is a measurement: it exits 0 whatever the figures, unless --check is given.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import json
import os
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ACME_POLICY = ROOT / "examples" / "acme.policy.yaml"
PIN_ENV = "MANYVOICES_BENCH_PINNED"
THREAD_ENV = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "RAYON_NUM_THREADS": "1",
    "NUMEXPR_NUM_THREADS": "1",
    "VECLIB_MAXIMUM_THREADS": "1",
    "TOKENIZERS_PARALLELISM": "false",
}

# Targets (issue): p99 latency <= 5 ms, >= 2,000 drafts/s on one core, cold start <= 1.5 s.
TARGET_P99_MS = 5.0
TARGET_THROUGHPUT = 2000.0
TARGET_COLD_START_S = 1.5


def pin_to_one_core(argv: list[str]) -> None:
    """Re-execute this script under `taskset -c 0` with single-threaded libraries.

    The thread variables must be set before numpy or any BLAS is imported, hence
    a fresh process rather than setting them here.
    """
    if os.environ.get(PIN_ENV):
        return
    env = dict(os.environ, **THREAD_ENV)
    taskset = shutil.which("taskset")
    script = str(Path(__file__).resolve())
    if taskset:
        env[PIN_ENV] = "taskset"
        os.execve(taskset, [taskset, "-c", "0", sys.executable, script, *argv], env)
    # No taskset (e.g. a minimal container): pin from inside the new process instead.
    env[PIN_ENV] = "sched"
    os.execve(sys.executable, [sys.executable, script, *argv], env)


sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))


# ---- reporting -----------------------------------------------------------------------


@dataclass
class Row:
    measure: str
    figure: str
    target: str = ""
    ok: bool | None = None  # None: no target

    @property
    def mark(self) -> str:
        return "" if self.ok is None else ("PASS" if self.ok else "MISS")


def print_table(title: str, rows: list[Row]) -> None:
    widths = [
        max(len("measure"), *(len(r.measure) for r in rows)),
        max(len("figure"), *(len(r.figure) for r in rows)),
        max(len("target"), *(len(r.target) for r in rows)),
    ]
    print(f"\n{title}")
    header = f"  {'measure':<{widths[0]}}  {'figure':>{widths[1]}}  {'target':<{widths[2]}}  mark"
    print(header)
    print("  " + "-" * (len(header) - 2))
    for r in rows:
        print(
            f"  {r.measure:<{widths[0]}}  {r.figure:>{widths[1]}}  {r.target:<{widths[2]}}  "
            f"{r.mark}"
        )


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return float("nan")
    rank = max(0, min(len(sorted_values) - 1, round(q / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[rank]


def max_rss_mib(who: int = resource.RUSAGE_SELF) -> float:
    # Linux reports ru_maxrss in KiB.
    return resource.getrusage(who).ru_maxrss / 1024


# ---- measurements ----------------------------------------------------------------------


def reviewable(
    review: Callable[..., Any], drafts: list[dict], policy: Any
) -> tuple[list[dict], list[str]]:
    """The drafts that review without an exception, and a note on each that does not."""
    ok, crashes = [], []
    for draft in drafts:
        try:
            review(draft, policy)
        except Exception as exc:
            crashes.append(f"{draft['id']}: {type(exc).__name__}: {exc} ({draft['text'][:60]!r})")
        else:
            ok.append(draft)
    return ok, crashes


def latencies_ms(
    review: Callable[..., Any], drafts: list[dict], policy: Any
) -> tuple[list[float], list[float]]:
    """Each draft's review time in ms, sorted: wall-clock, and this thread's CPU time.

    On a busy machine the two differ by the time spent waiting for the core; the CPU
    figures are then the engine's own cost, the wall ones what a user would see.
    """
    wall, cpu = [], []
    clock, cpu_clock = time.perf_counter_ns, time.thread_time_ns
    for draft in drafts:
        t0, c0 = clock(), cpu_clock()
        review(draft, policy)
        c1, t1 = cpu_clock(), clock()
        wall.append((t1 - t0) / 1e6)
        cpu.append((c1 - c0) / 1e6)
    return sorted(wall), sorted(cpu)


def latency_rows(label: str, lat: tuple[list[float], list[float]]) -> list[Row]:
    wall, cpu = lat
    p99 = percentile(wall, 99)
    return [
        Row(f"{label}: p50", f"{percentile(wall, 50):.3f} ms"),
        Row(f"{label}: p95", f"{percentile(wall, 95):.3f} ms"),
        Row(f"{label}: p99", f"{p99:.3f} ms", f"<= {TARGET_P99_MS:g} ms", p99 <= TARGET_P99_MS),
        Row(f"{label}: max", f"{wall[-1]:.3f} ms"),
        Row(f"{label}: mean", f"{statistics.fmean(wall):.3f} ms"),
        Row(
            f"{label}: p50 / p99 / mean, CPU time",
            f"{percentile(cpu, 50):.3f} / {percentile(cpu, 99):.3f} / "
            f"{statistics.fmean(cpu):.3f} ms",
        ),
    ]


def throughput(review: Callable[..., Any], drafts: list[dict], policy: Any) -> tuple[float, float]:
    """Drafts per second over the whole batch, best of two passes (the first may page in),
    by the wall clock and by this process's CPU time."""
    best = best_cpu = 0.0
    for _ in range(2):
        t0, c0 = time.perf_counter(), time.process_time()
        for draft in drafts:
            review(draft, policy)
        best = max(best, len(drafts) / (time.perf_counter() - t0))
        best_cpu = max(best_cpu, len(drafts) / max(time.process_time() - c0, 1e-9))
    return best, best_cpu


def jsonl_throughput(review: Callable[..., Any], drafts: list[dict], policy: Any) -> float:
    """Drafts per second the way the CLI's batch works: parse a line, review, serialise."""
    lines = [json.dumps(d, ensure_ascii=False) for d in drafts]
    t0 = time.perf_counter()
    sink = io.StringIO()
    for line in lines:
        sink.write(json.dumps(review(json.loads(line), policy).to_dict(), ensure_ascii=False))
        sink.write("\n")
    return len(lines) / (time.perf_counter() - t0)


def cold_start(runs: int, draft: dict) -> tuple[list[float], list[float], float, str]:
    """Wall and CPU (user + system) times of fresh `manyvoices review --jsonl -` processes
    to their first result, the command's peak memory, and what went wrong if anything."""
    exe = shutil.which("manyvoices")
    cmd = [exe] if exe else [sys.executable, "-m", "manyvoices.cli"]
    cmd += ["review", "--policy", str(ACME_POLICY), "--jsonl", "-"]
    payload = (json.dumps(draft, ensure_ascii=False) + "\n").encode()
    times, cpu = [], []
    problem = ""

    def children_cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    for _ in range(runs):
        t0, c0 = time.perf_counter(), children_cpu()
        proc = subprocess.run(cmd, input=payload, capture_output=True, check=False)
        times.append(time.perf_counter() - t0)
        cpu.append(children_cpu() - c0)
        if proc.returncode not in (0, 1) or not proc.stdout.strip():
            problem = f"exit {proc.returncode}: {proc.stderr.decode(errors='replace')[-300:]}"
    return sorted(times), sorted(cpu), max_rss_mib(resource.RUSAGE_CHILDREN), problem


def breakdown(drafts: list[dict], policy: Any, warmup: int = 50) -> list[tuple[str, float]]:
    """Mean microseconds per draft of each shared step of a review and of each check.

    Shared steps are Context's lazy properties (links, names, language, cues, ...),
    computed once per draft and then free for every check; each is timed on its own
    first, so a check's figure is its own cost. New properties and new checks are
    picked up automatically as they land. Timed in this thread's CPU time, so a busy
    machine does not blame a step for the time it waited (each reading costs about half
    a microsecond, spread over the steps).
    """
    from manyvoices.engine import Draft
    from manyvoices.engine.checks import CHECKS
    from manyvoices.engine.context import Context
    from manyvoices.engine.custom import run_custom_rules
    from manyvoices.engine.review import downgrade

    lazy = [name for name, attr in vars(Context).items() if isinstance(attr, cached_property)]
    totals: dict[str, float] = {}
    clock = time.thread_time_ns

    def add(key: str, ns: int) -> None:
        totals[key] = totals.get(key, 0.0) + ns

    # The first pass warms up what reviews have not touched yet (a lexicon no check
    # reads today is loaded on first use); only the second pass is counted.
    for data in drafts[:warmup] + drafts:
        if warmup and data is drafts[0] and totals:
            totals.clear()
            warmup = 0
        t0 = clock()
        draft = Draft.from_dict(data)
        add("core: Draft.from_dict", clock() - t0)
        t0 = clock()
        ctx = Context(draft, policy)
        add("core: Context + normalize", clock() - t0)
        for name in lazy:
            t0 = clock()
            with contextlib.suppress(Exception):  # a property still being written
                getattr(ctx, name)
            add(f"core: ctx.{name}", clock() - t0)
        findings = []
        for module in CHECKS:
            t0 = clock()
            with contextlib.suppress(Exception):  # a check still being written
                findings += module.check(ctx)
            add(f"check: {module.__name__.rsplit('.', 1)[-1]}", clock() - t0)
        t0 = clock()
        findings += run_custom_rules(ctx)
        downgrade(findings)
        add("core: custom rules + downgrade", clock() - t0)
    n = len(drafts)
    return sorted(((k, v / n / 1000) for k, v in totals.items()), key=lambda kv: -kv[1])


def profile_batch(review: Callable[..., Any], drafts: list[dict], policy: Any, top: int) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for draft in drafts:
        review(draft, policy)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    text = out.getvalue()
    return text.replace(str(ROOT) + "/", "").replace(sys.prefix, "<prefix>")


# ---- Presidio, the reference point -------------------------------------------------------


def build_presidio() -> tuple[Any, str]:
    """An AnalyzerEngine with Presidio's rule-based recognizers over a blank spaCy pipeline.

    Plain `AnalyzerEngine()` would try to download en_core_web_lg; a blank pipeline
    only tokenises, and the NER recognizer (which needs a trained model) is left out.
    tldextract would fetch the public-suffix list from the internet on first use; it
    is pointed at its bundled snapshot instead.
    """
    import spacy
    import tldextract
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import SpacyNlpEngine
    from presidio_analyzer.predefined_recognizers.generic import email_recognizer

    offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    email_recognizer.tldextract = type("OfflineTld", (), {"extract": staticmethod(offline)})

    class BlankSpacyNlpEngine(SpacyNlpEngine):
        def load(self) -> None:
            self.nlp = {"en": spacy.blank("en")}

    nlp_engine = BlankSpacyNlpEngine(models=[{"lang_code": "en", "model_name": "blank"}])
    nlp_engine.load()
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(languages=["en"], nlp_engine=nlp_engine)
    registry.recognizers = [
        r
        for r in registry.recognizers
        if "Spacy" not in type(r).__name__ and "Ner" not in type(r).__name__
    ]
    engine = AnalyzerEngine(nlp_engine=nlp_engine, registry=registry, supported_languages=["en"])
    names = ", ".join(
        sorted(type(r).__name__.removesuffix("Recognizer") for r in registry.recognizers)
    )
    return engine, names


# ---- the run ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--drafts", type=int, default=2000, help="synthetic drafts (default 2000)")
    parser.add_argument("--names", type=int, default=10_000, help="names in the large policy")
    parser.add_argument(
        "--presidio-drafts",
        type=int,
        default=300,
        help="drafts for the Presidio reference run (default 300)",
    )
    parser.add_argument("--cold-runs", type=int, default=5, help="fresh processes (default 5)")
    parser.add_argument("--no-presidio", action="store_true", help="skip the reference run")
    parser.add_argument("--profile", action="store_true", help="print cProfile's top functions")
    parser.add_argument("--top", type=int, default=30, help="functions in the profile (30)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--no-pin", action="store_true", help="do not pin to one core")
    args = parser.parse_args(argv)

    if os.environ.get(PIN_ENV) == "sched" and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {0})
    cores = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print("ManyVoices review engine benchmark")
    print(f"  load average {load:.1f} on {os.cpu_count()} cores at the start: above ~0.5 the "
          "wall-clock figures include waiting for the core; the CPU-time rows do not")  # fmt: skip
    print(
        f"  python {sys.version.split()[0]}, pinned to core(s) {cores}, "
        f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')}"
    )

    from synthetic import ACME_POOL, make_drafts, make_names, make_policy_yaml

    t0 = time.perf_counter()
    from manyvoices.engine import load_policy, review

    import_s = time.perf_counter() - t0
    setup: list[Row] = [Row("import manyvoices.engine", f"{import_s * 1000:.0f} ms")]

    t0 = time.perf_counter()
    acme = load_policy(ACME_POLICY)
    _ = acme.compiled
    setup.append(Row("load + compile Acme policy", f"{(time.perf_counter() - t0) * 1000:.1f} ms"))

    pool = make_names(args.names)
    with tempfile.TemporaryDirectory() as tmp:
        big_path = Path(tmp) / "bench10k.policy.yaml"
        big_path.write_text(make_policy_yaml(pool), encoding="utf-8")
        t0 = time.perf_counter()
        big = load_policy(big_path)
        load_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        _ = big.compiled
        compile_s = time.perf_counter() - t0
    setup.append(Row(f"load {pool.size:,}-name policy", f"{load_s * 1000:.0f} ms"))
    setup.append(Row(f"compile {pool.size:,}-name policy", f"{compile_s * 1000:.0f} ms"))

    acme_drafts = make_drafts(args.drafts, ACME_POOL, seed=11)
    big_drafts = make_drafts(args.drafts, pool, seed=12)
    mean_len = statistics.fmean(len(d["text"]) for d in acme_drafts)
    t0 = time.perf_counter()
    review(acme_drafts[0], acme)  # lazy loading: language models, link extractor, lexicons
    setup.append(Row("first review (lazy loading)", f"{(time.perf_counter() - t0) * 1000:.0f} ms"))
    # One untimed pass over every draft: it warms up, and a draft that makes a check
    # raise is reported and left out of the timed runs rather than ending the benchmark.
    acme_drafts, acme_crashes = reviewable(review, acme_drafts, acme)
    big_drafts, big_crashes = reviewable(review, big_drafts, big)
    print(f"  {len(acme_drafts)} synthetic drafts per policy, mean length {mean_len:.0f} chars")
    for label, crashes in (("Acme", acme_crashes), (f"{pool.size:,}-name", big_crashes)):
        if crashes:
            print(f"  {len(crashes)} drafts made a check raise with the {label} policy and are "
                  f"left out; the first: {crashes[0]}")  # fmt: skip

    rows: list[Row] = []
    lat_acme = latencies_ms(review, acme_drafts, acme)
    rows += latency_rows("latency, Acme policy", lat_acme)
    lat_big = latencies_ms(review, big_drafts, big)
    rows += latency_rows(f"latency, {pool.size // 1000}k-name policy", lat_big)

    tp_acme, tp_acme_cpu = throughput(review, acme_drafts, acme)
    tp_big, tp_big_cpu = throughput(review, big_drafts, big)
    tp_jsonl = jsonl_throughput(review, acme_drafts, acme)
    target_tp = f">= {TARGET_THROUGHPUT:,.0f}/s"
    for label, wall, cpu in (
        ("Acme policy", tp_acme, tp_acme_cpu),
        (f"{pool.size // 1000}k-name policy", tp_big, tp_big_cpu),
    ):
        rows.append(
            Row(f"throughput, {label}", f"{wall:,.0f}/s", target_tp, wall >= TARGET_THROUGHPUT)
        )
        rows.append(Row(f"throughput, {label}, CPU time", f"{cpu:,.0f}/s"))
    rows.append(Row("throughput, JSONL parse+review+dump", f"{tp_jsonl:,.0f}/s"))
    engine_rss = max_rss_mib()
    rows.append(Row("peak memory (ru_maxrss), this process", f"{engine_rss:.0f} MiB"))

    cold, cold_cpu, child_rss, problem = cold_start(args.cold_runs, acme_drafts[1])
    cold_median = statistics.median(cold)
    rows.append(
        Row(
            f"cold start, median of {len(cold)}",
            f"{cold_median:.3f} s",
            f"<= {TARGET_COLD_START_S:g} s",
            cold_median <= TARGET_COLD_START_S and not problem,
        )
    )
    rows.append(Row("cold start, min / max", f"{cold[0]:.3f} / {cold[-1]:.3f} s"))
    rows.append(
        Row("cold start, CPU time (user + sys), median", f"{statistics.median(cold_cpu):.3f} s")
    )
    rows.append(Row("peak memory (ru_maxrss), the command", f"{child_rss:.0f} MiB"))

    print_table("Setup", setup)
    print_table("ManyVoices", rows)
    if problem:
        print(f"\n  the cold-start command failed: {problem}")

    reference: list[Row] = []
    figures: dict[str, Any] = {
        "p50_ms": percentile(lat_acme[0], 50),
        "p99_ms": percentile(lat_acme[0], 99),
        "p99_ms_10k": percentile(lat_big[0], 99),
        "p99_ms_cpu": percentile(lat_acme[1], 99),
        "throughput": tp_acme,
        "throughput_cpu": tp_acme_cpu,
        "throughput_10k": tp_big,
        "cold_start_s": cold_median,
        "cold_start_cpu_s": statistics.median(cold_cpu),
        "max_rss_mib": engine_rss,
    }
    if args.no_presidio:
        print("\nPresidio reference run skipped (--no-presidio).")
    else:
        try:
            t0 = time.perf_counter()
            analyzer, recognizers = build_presidio()
            build_s = time.perf_counter() - t0
        except ImportError as exc:
            print(
                f"\nPresidio reference run skipped: {exc.name or exc} is not installed "
                "(pip install -e '.[bench]'). The ManyVoices figures above stand on their own."
            )
        else:
            subset = acme_drafts[: args.presidio_drafts]
            texts = [d["text"] for d in subset]
            for text in texts[:20]:
                analyzer.analyze(text, language="en")
            analyze = lambda draft, _policy: analyzer.analyze(draft["text"], language="en")  # noqa: E731
            p_lat, p_lat_cpu = latencies_ms(analyze, subset, None)
            p_tp, p_tp_cpu = throughput(analyze, subset, None)
            mv_lat, mv_lat_cpu = latencies_ms(review, subset, acme)
            reference = [
                Row("Presidio: engine build", f"{build_s * 1000:.0f} ms"),
                Row("Presidio: latency p50", f"{percentile(p_lat, 50):.3f} ms"),
                Row("Presidio: latency p99", f"{percentile(p_lat, 99):.3f} ms"),
                Row("Presidio: throughput", f"{p_tp:,.0f}/s"),
                Row("Presidio: throughput, CPU time", f"{p_tp_cpu:,.0f}/s"),
                Row("ratio: ManyVoices / Presidio drafts/s", f"{tp_acme / p_tp:.1f}x"),
                Row("ratio: ManyVoices / Presidio drafts/s, CPU", f"{tp_acme_cpu / p_tp_cpu:.1f}x"),
                Row(
                    "ratio: Presidio / ManyVoices mean latency, CPU",
                    f"{statistics.fmean(p_lat_cpu) / statistics.fmean(mv_lat_cpu):.1f}x",
                ),
                Row(
                    "ratio: Presidio / ManyVoices p50 latency",
                    f"{percentile(p_lat, 50) / percentile(mv_lat, 50):.1f}x",
                ),
                Row(
                    "ratio: Presidio / ManyVoices p99 latency",
                    f"{percentile(p_lat, 99) / percentile(mv_lat, 99):.1f}x",
                ),
                Row("peak memory with Presidio loaded", f"{max_rss_mib():.0f} MiB"),
            ]
            print_table(
                f"Reference: Presidio AnalyzerEngine, pattern recognizers, blank spaCy "
                f"({len(texts)} of the same drafts, all analysed as 'en')",
                reference,
            )
            print(f"  recognizers: {recognizers}")
            figures.update(
                presidio_throughput=p_tp,
                presidio_throughput_cpu=p_tp_cpu,
                presidio_p50_ms=percentile(p_lat, 50),
            )

    print("\nWhere the time goes (mean CPU microseconds per draft, Acme policy)")
    costs = breakdown(acme_drafts[:1000], acme)
    total = sum(us for _, us in costs)
    for name, us in costs:
        if us >= 0.05:
            print(f"  {name:<40} {us:9.1f} us  {us / total:6.1%}")
    print(f"  {'sum':<40} {total:9.1f} us")
    figures["breakdown_us"] = dict(costs)

    if args.profile:
        print("\ncProfile of the batch (Acme policy), top functions by own time")
        print(profile_batch(review, acme_drafts, acme, args.top))

    all_rows = rows + reference
    misses = [r.measure for r in all_rows if r.ok is False]
    print(f"\n{'all targets met' if not misses else 'missed: ' + '; '.join(misses)}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 1 if (args.check and misses) else 0


if __name__ == "__main__":
    if "--no-pin" not in sys.argv[1:]:
        pin_to_one_core(sys.argv[1:])
    raise SystemExit(main())
