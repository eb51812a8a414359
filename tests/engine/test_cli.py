"""The `manyvoices` command's contract (review-contract.md), run as a real subprocess.

The policy used here switches every catalogue rule off and adds custom rules with
made-up words, so what is found (and so the exit status) depends only on the CLI
and the policy machinery, not on the checks being written alongside.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from manyvoices.engine import load_policy
from manyvoices.engine.catalogue import CATALOGUE, PROTECTED_RULE

ROOT = Path(__file__).resolve().parents[2]
ANSI = re.compile(r"\x1b\[[0-9;]*m")
LINT_LINE = re.compile(
    r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (?P<severity>block|warn|coach|info) "
    r"(?P<rule>[a-z][\w.-]*): (?P<message>.+)$"
)


def run(*args: str, stdin: str | None = None, env: dict | None = None, cwd: Path | None = None):
    return subprocess.run(
        [sys.executable, "-m", "manyvoices.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


@pytest.fixture
def policy(tmp_path: Path) -> Path:
    rules: dict = {spec.id: {"severity": "off"} for spec in CATALOGUE if spec.id != PROTECTED_RULE}
    rules["custom"] = [
        {
            "id": "custom.glorp",
            "words": ["glorp"],
            "message": "Glorp is a stop word here.",
            "severity": "block",
            "replacement": "thing",
            "hard": True,
        },
        {
            "id": "custom.zibble",
            "words": ["zibble"],
            "message": "Zibble is frowned upon.",
            "severity": "warn",
            "hard": True,
        },
    ]
    data = {
        "name": "CLI Contract Guidelines",
        "version": "9",
        "company": {"name": "Quillon Works"},
        "rules": rules,
    }
    path = tmp_path / "cli.policy.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _jsonl(*items) -> str:
    return "".join(
        (i if isinstance(i, str) else json.dumps(i, ensure_ascii=False)) + "\n" for i in items
    )


# ---- one draft -------------------------------------------------------------------------------


def test_text_output_reads_like_a_linter(policy, tmp_path):
    draft = tmp_path / "post.txt"
    draft.write_text("First line is fine 🙂\nthen a zibble and a glorp\n", encoding="utf-8")
    proc = run("review", "--policy", str(policy), str(draft))
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    findings = [LINT_LINE.match(line) for line in lines if LINT_LINE.match(line)]
    assert [(m["file"], m["line"], m["col"], m["severity"], m["rule"]) for m in findings] == [
        (str(draft), "2", "8", "warn", "custom.zibble"),
        (str(draft), "2", "21", "block", "custom.glorp"),
    ]
    assert findings[0]["message"].startswith("Zibble is frowned upon.")
    assert any(line.strip().startswith("fix:") and "thing" in line for line in lines)
    assert lines[-1].startswith("verdict: block")
    assert "\x1b[" not in proc.stdout  # a pipe gets no colour by default


def test_standard_input_is_read_with_a_dash_and_a_clean_draft_exits_0(policy):
    proc = run("review", "--policy", str(policy), "-", stdin="Nothing to see here.\n")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1].startswith("verdict: clear")


def test_a_warning_alone_exits_0(policy):
    proc = run("review", "--policy", str(policy), "-", stdin="just a zibble")
    assert proc.returncode == 0, proc.stderr
    assert (
        proc.stdout.splitlines()[0]
        == '<stdin>:1:8: warn custom.zibble: Zibble is frowned upon. ("zibble")'
    )
    assert "verdict: warn" in proc.stdout


def test_json_format_matches_the_contract(policy):
    proc = run(
        "review",
        "--policy",
        str(policy),
        "--format",
        "json",
        "--network",
        "x",
        "-",
        stdin="a glorp 🚀",
    )
    assert proc.returncode == 1, proc.stderr
    out = json.loads(proc.stdout)
    assert {"id", "verdict", "findings", "policy", "language", "second_opinion"} <= set(out)
    assert out["verdict"] == "block"
    assert set(out["policy"]) == {"name", "version", "sha256"}
    assert out["policy"]["sha256"] == load_policy(policy).sha256
    assert out["second_opinion"] in ("off", "used", "unavailable")
    assert isinstance(out["language"], str) and out["language"]
    (finding,) = [f for f in out["findings"] if f["rule"] == "custom.glorp"]
    assert {"rule", "severity", "start", "end", "excerpt", "message", "guideline", "fix"} <= set(
        finding
    )
    assert (finding["start"], finding["end"], finding["excerpt"]) == (2, 7, "glorp")
    assert finding["fix"] == {"start": 2, "end": 7, "replacement": "thing"}


def test_color_always_paints_and_no_color_does_not(policy):
    painted = run("review", "--policy", str(policy), "--color", "always", "-", stdin="glorp")
    assert ANSI.search(painted.stdout)
    assert (
        ANSI.sub("", painted.stdout).splitlines()[0].startswith("<stdin>:1:1: block custom.glorp:")
    )
    plain = run("review", "--policy", str(policy), "--color", "never", "-", stdin="glorp")
    assert not ANSI.search(plain.stdout)


@pytest.mark.parametrize(
    "args",
    [
        ("--date", "2026-02-30"),
        ("--network", "myspace"),
    ],
)
def test_bad_options_exit_2_with_a_message(policy, args):
    proc = run("review", "--policy", str(policy), *args, "-", stdin="hello")
    assert proc.returncode == 2
    assert args[0] in proc.stderr
    assert proc.stdout == ""


def test_a_missing_draft_file_exits_2(policy, tmp_path):
    proc = run("review", "--policy", str(policy), str(tmp_path / "absent.txt"))
    assert proc.returncode == 2
    assert "absent.txt" in proc.stderr


# ---- many drafts ------------------------------------------------------------------------------


def test_jsonl_keeps_order_and_writes_one_line_per_draft(policy, tmp_path):
    drafts = [
        {"id": f"d{i}", "text": "glorp" if i % 3 == 0 else f"post number {i}"} for i in range(12)
    ]
    path = tmp_path / "in.jsonl"
    path.write_text(_jsonl(*drafts), encoding="utf-8")
    proc = run("review", "--policy", str(policy), "--jsonl", str(path))
    assert proc.returncode == 1, proc.stderr  # some drafts block
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["id"] for o in out] == [d["id"] for d in drafts]
    assert [o["verdict"] for o in out] == ["block" if i % 3 == 0 else "clear" for i in range(12)]


def test_jsonl_from_standard_input_without_blocks_exits_0(policy):
    proc = run(
        "review",
        "--policy",
        str(policy),
        "--jsonl",
        "-",
        stdin=_jsonl({"id": "a", "text": "hello"}, {"id": "b", "text": "a zibble"}),
    )
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(line)["verdict"] for line in proc.stdout.splitlines()] == ["clear", "warn"]


BAD_LINES = [
    ("this is not json", None, "not JSON"),
    ({"id": "no-text"}, "no-text", "text"),
    ({"id": "wrong-type", "text": 42}, "wrong-type", "text"),
    ({"id": "bad-date", "text": "hi", "date": "2026-13-45"}, "bad-date", "date"),
    ({"id": "bad-network", "text": "hi", "network": "myspace"}, "bad-network", "network"),
    ({"id": "bad-author", "text": "hi", "author": {"regulated": "yes"}}, "bad-author", "regulated"),
    ({"id": "bad-media", "text": "hi", "media": "photo.jpg"}, "bad-media", "media"),
    ([1, 2, 3], None, "object"),
]


def test_bad_jsonl_lines_yield_errors_in_place_and_the_batch_goes_on(policy, tmp_path):
    items: list = [{"id": "first", "text": "glorp"}]
    for bad, _, _ in BAD_LINES:
        items += [bad, {"id": f"after-{len(items)}", "text": "fine"}]
    path = tmp_path / "mixed.jsonl"
    path.write_text(_jsonl(*items), encoding="utf-8")
    proc = run("review", "--policy", str(policy), "--jsonl", str(path))
    assert proc.returncode == 2
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(out) == len(items)
    assert out[0]["id"] == "first" and out[0]["verdict"] == "block"
    for k, (_, bad_id, fragment) in enumerate(BAD_LINES):
        error = out[1 + 2 * k]
        line_number = 2 + 2 * k
        assert set(error) == {"line", "id", "verdict", "error"}
        assert error["line"] == line_number
        assert error["id"] == bad_id
        assert error["verdict"] == "error"
        assert fragment in error["error"]
        assert f"{path}:{line_number}:" in proc.stderr
        following = out[2 + 2 * k]
        assert following["verdict"] == "clear" and following["id"].startswith("after-")


def test_a_line_that_is_not_utf8_is_an_error_line(policy, tmp_path):
    path = tmp_path / "latin.jsonl"
    path.write_bytes(b'{"id": "ok", "text": "fine"}\n{"id": "x", "text": "caf\xe9"}\n')
    proc = run("review", "--policy", str(policy), "--jsonl", str(path))
    assert proc.returncode == 2
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert out[0]["verdict"] == "clear"
    assert out[1]["line"] == 2 and out[1]["verdict"] == "error" and "UTF-8" in out[1]["error"]


def test_blank_lines_are_skipped_and_lines_are_numbered_as_in_the_file(policy, tmp_path):
    path = tmp_path / "gaps.jsonl"
    path.write_text('{"id": "a", "text": "hi"}\n\n   \n{"id": "b"}\n', encoding="utf-8")
    proc = run("review", "--policy", str(policy), "--jsonl", str(path))
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o.get("line") for o in out] == [None, 4]


def test_a_blocked_draft_and_a_bad_line_exit_2(policy):
    proc = run(
        "review",
        "--policy",
        str(policy),
        "--jsonl",
        "-",
        stdin=_jsonl({"id": "a", "text": "glorp"}, "{oops"),
    )
    assert proc.returncode == 2


# ---- policies --------------------------------------------------------------------------------


def test_an_invalid_policy_exits_2_naming_file_and_line(tmp_path):
    bad = tmp_path / "bad.policy.yaml"
    bad.write_text('name: T\nversion: "1"\ncompany:\n  name: X\n  tickr: XX\n', encoding="utf-8")
    proc = run("review", "--policy", str(bad), "-", stdin="hello")
    assert proc.returncode == 2
    assert f"{bad}:5" in proc.stderr
    assert "company.tickr" in proc.stderr
    assert proc.stdout == ""


def test_init_policy_writes_a_template_that_loads_and_refuses_to_overwrite(tmp_path):
    target = tmp_path / "policy.yaml"
    first = run("init-policy", str(target))
    assert first.returncode == 0, first.stderr
    policy = load_policy(target)
    assert {spec.id for spec in CATALOGUE} == set(policy.model.rules.overrides)
    for spec in CATALOGUE:
        assert policy.severity_of(spec.id) == spec.severity
        assert policy.guideline_of(spec.id) == spec.guideline
    # The template reviews a draft as it is.
    review = run("review", "--policy", str(target), "-", stdin="Hello from the template.")
    assert review.returncode in (0, 1), review.stderr

    target.write_text("# my edits\n", encoding="utf-8")
    again = run("init-policy", str(target))
    assert again.returncode == 2
    assert "--force" in again.stderr
    assert target.read_text(encoding="utf-8") == "# my edits\n"
    forced = run("init-policy", "--force", str(target))
    assert forced.returncode == 0
    load_policy(target)


def test_the_templates_commented_custom_rule_is_valid_once_uncommented(tmp_path):
    target = tmp_path / "policy.yaml"
    assert run("init-policy", str(target)).returncode == 0
    text = target.read_text(encoding="utf-8")
    start = text.index("  # custom:")
    block = text[start:].splitlines()
    uncommented = [re.sub(r"^  # ", "  ", line) for line in block]
    target.write_text(text[:start] + "\n".join(uncommented) + "\n", encoding="utf-8")
    policy = load_policy(target)
    assert [c.id for c in policy.model.rules.custom] == ["custom.no-beta-talk"]


def test_rules_lists_all_twenty_rule_ids():
    proc = run("rules")
    assert proc.returncode == 0
    listed = re.findall(r"^([a-z]+\.[a-z-]+)\s+\[", proc.stdout, flags=re.M)
    assert len(listed) == 20
    assert set(listed) == {spec.id for spec in CATALOGUE}
    as_json = json.loads(run("rules", "--format", "json").stdout)
    assert [row["id"] for row in as_json] == listed


def test_rules_with_a_policy_shows_its_severities_and_custom_rules(policy):
    rows = json.loads(run("rules", "--policy", str(policy), "--format", "json").stdout)
    by_id = {row["id"]: row for row in rows}
    assert by_id["respect.profanity"]["severity"] == "off"
    assert by_id[PROTECTED_RULE]["severity"] == "info"
    assert by_id["custom.glorp"]["severity"] == "block"
