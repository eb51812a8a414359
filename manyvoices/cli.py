"""The `manyvoices` command line (shared/spec/review-contract.md).

    manyvoices review --policy POLICY.yaml [--network x] [--date 2026-12-01]
                      [--author-title "..."] [--spokesperson] [--regulated]
                      [--format text|json] FILE|-
    manyvoices review --policy POLICY.yaml --jsonl IN.jsonl > OUT.jsonl
    manyvoices init-policy [PATH]
    manyvoices rules [--policy POLICY.yaml]

Exit status: 0 nothing blocked, 1 something blocked, 2 bad usage, an invalid
policy or bad input lines. Web-app commands (`demo`, `token`, `worker`, ...)
are added by the Django project when it is installed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

EXIT_OK, EXIT_BLOCKED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="manyvoices", description="Guidelines as code for employee voices.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    rv = sub.add_parser("review", help="review drafts against a policy")
    rv.add_argument("--policy", required=True, help="the policy file (YAML)")
    rv.add_argument("--network", default="linkedin", help="target network (default linkedin)")
    rv.add_argument("--date", help="the day the post goes out, YYYY-MM-DD (default today)")
    rv.add_argument("--author-name", default="")
    rv.add_argument("--author-title", default="")
    rv.add_argument("--spokesperson", action="store_true", help="the author is a spokesperson")
    rv.add_argument("--regulated", action="store_true", help="the author is FINRA-registered")
    rv.add_argument(
        "--incentivized",
        action="store_true",
        help="the share earns points or rewards (an endorsement)",
    )
    rv.add_argument("--format", choices=("text", "json"), default="text")
    rv.add_argument(
        "--jsonl",
        metavar="IN.jsonl",
        help="review one draft per line of this file ('-' for standard input)",
    )
    rv.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    rv.add_argument("--progress", choices=("auto", "always", "never"), default="auto")
    rv.add_argument("file", nargs="?", help="the draft's text ('-' for standard input)")

    ip = sub.add_parser("init-policy", help="write the default policy template to fill in")
    ip.add_argument("path", nargs="?", default="policy.yaml")
    ip.add_argument("--force", action="store_true", help="overwrite an existing file")

    rl = sub.add_parser("rules", help="list the rules with their guidelines")
    rl.add_argument("--policy", help="show severities as this policy sets them")
    rl.add_argument("--format", choices=("text", "json"), default="text")

    _add_web_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "review":
            return cmd_review(args)
        if args.command == "init-policy":
            return cmd_init_policy(args)
        if args.command == "rules":
            return cmd_rules(args)
        if getattr(args, "web_command", None):
            return int(args.web_command(args) or 0)
    except UsageError as exc:
        print(f"manyvoices: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    parser.print_help(sys.stderr)
    return EXIT_USAGE


def _load_policy(path: str) -> Any:
    from manyvoices.engine import PolicyError, load_policy

    try:
        return load_policy(path)
    except PolicyError as exc:
        raise UsageError(f"invalid policy: {exc}") from None


def _check_second_opinion_settings() -> None:
    """A bad MANYVOICES_LLM_* setting stops the command before the first draft, with one
    message naming the variable, instead of an error line for every draft."""
    if not os.environ.get("MANYVOICES_LLM_URL", "").strip():
        return  # off: nothing to check, and numpy is not imported
    from manyvoices.engine.second_opinion import SecondOpinionConfigError, default_client

    try:
        default_client()
    except SecondOpinionConfigError as exc:
        raise UsageError(f"second opinion: {exc}") from None


def cmd_review(args: argparse.Namespace) -> int:
    from manyvoices.engine import Author, Draft, review

    policy = _load_policy(args.policy)
    _check_second_opinion_settings()
    if args.jsonl:
        if args.file:
            raise UsageError("give either --jsonl IN.jsonl or a FILE, not both")
        return _review_jsonl(args, policy)
    if not args.file:
        raise UsageError("review needs a FILE ('-' for standard input) or --jsonl IN.jsonl")
    text = _read_text(args.file)
    date = None
    if args.date:
        try:
            date = dt.date.fromisoformat(args.date)
        except ValueError:
            raise UsageError(f"--date must be YYYY-MM-DD, got {args.date!r}") from None
    from manyvoices.engine.types import NETWORKS

    args.network = args.network.lower()
    if args.network not in NETWORKS:
        raise UsageError(f"--network must be one of {', '.join(NETWORKS)}; got {args.network!r}")
    draft = Draft(
        text=text,
        network=args.network,
        date=date,
        author=Author(
            name=args.author_name,
            title=args.author_title,
            spokesperson=args.spokesperson,
            regulated=args.regulated,
        ),
        incentivized=args.incentivized,
        id=None if args.file == "-" else args.file,
    )
    result = review(draft, policy)
    if args.format == "json":
        print(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        _print_text_review(result, text, args.file, _use_color(args.color, sys.stdout))
    return EXIT_BLOCKED if result.verdict == "block" else EXIT_OK


def _read_text(path: str) -> str:
    try:
        if path == "-":
            return sys.stdin.read()
        return Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path} is not UTF-8 text (byte {exc.start})") from None


def _review_jsonl(args: argparse.Namespace, policy: Any) -> int:
    from manyvoices.engine import DraftError, review

    path = args.jsonl
    try:
        stream: IO[str] = (
            sys.stdin if path == "-" else open(path, encoding="utf-8", errors="strict")  # noqa: SIM115
        )
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    progress = _progress_bar(args.progress, path)
    any_blocked = any_error = False
    out = sys.stdout
    try:
        for number, line in enumerate(_lines(stream, path), 1):
            if isinstance(line, UnicodeDecodeError):
                any_error = True
                _error_line(out, path, number, None, "the line is not UTF-8 text")
                continue
            if number == 1:
                line = line.removeprefix("\ufeff")  # a byte-order mark some editors write
            if not line.strip():
                continue
            if progress is not None:
                progress.update(1)
            draft_id = None
            try:
                data = json.loads(line)
                if isinstance(data, dict) and isinstance(data.get("id"), (str, int)):
                    draft_id = str(data["id"])
                result = review(data, policy)
            except json.JSONDecodeError as exc:
                any_error = True
                _error_line(out, path, number, None, f"not JSON: {exc.msg} at column {exc.colno}")
                continue
            except DraftError as exc:
                any_error = True
                _error_line(out, path, number, draft_id, str(exc))
                continue
            except Exception as exc:  # a bug must not cost the rest of the batch its reviews
                any_error = True
                reason = f"the draft could not be reviewed: {type(exc).__name__}: {exc}"
                _error_line(out, path, number, draft_id, reason)
                continue
            out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
            any_blocked |= result.verdict == "block"
    finally:
        if progress is not None:
            progress.close()
        if stream is not sys.stdin:
            stream.close()
    if any_error:
        return EXIT_USAGE
    return EXIT_BLOCKED if any_blocked else EXIT_OK


def _lines(stream: IO[str], path: str) -> Any:
    """Lines of the stream; a line that is not UTF-8 yields the error instead, and the batch
    goes on."""
    binary = getattr(stream, "buffer", None)
    if binary is None:
        yield from stream
        return
    for raw in binary:
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield exc


def _error_line(out: IO[str], path: str, number: int, draft_id: str | None, error: str) -> None:
    out.write(
        json.dumps(
            {"line": number, "id": draft_id, "verdict": "error", "error": error}, ensure_ascii=False
        )
        + "\n"
    )
    print(f"{path}:{number}: {error}", file=sys.stderr)


def _progress_bar(mode: str, path: str) -> Any:
    show = mode == "always" or (mode == "auto" and sys.stderr.isatty() and path != "-")
    if not show:
        return None
    from tqdm import tqdm

    total = None
    try:
        with open(path, "rb") as f:
            total = sum(1 for line in f if line.strip())
    except OSError:
        pass
    return tqdm(total=total, unit="draft", file=sys.stderr, desc="reviewing")


_COLORS = {
    "block": "\033[1;31m",
    "warn": "\033[33m",
    "coach": "\033[36m",
    "info": "\033[2m",
    "clear": "\033[1;32m",
}
_RESET = "\033[0m"


def _use_color(mode: str, stream: IO[str]) -> bool:
    if mode == "always":
        return True
    if mode == "never" or os.environ.get("NO_COLOR"):
        return False
    return stream.isatty()


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def _print_text_review(result: Any, text: str, name: str, color: bool) -> None:
    def paint(severity: str, word: str) -> str:
        return f"{_COLORS[severity]}{word}{_RESET}" if color else word

    label = "<stdin>" if name == "-" else name
    for f in result.findings:
        line, col = _line_col(text, f.start)
        # One line per finding, `file:line:col: severity rule: message`, as linters print
        # them, so editors and CI problem matchers can read it; line breaks inside an
        # excerpt or a policy's message are folded to spaces.
        excerpt = " ".join(f.excerpt.split())
        shown = f' ("{excerpt}")' if excerpt and len(excerpt) <= 60 else ""
        message = " ".join(f.message.split())
        print(f"{label}:{line}:{col}: {paint(f.severity, f.severity)} {f.rule}: {message}{shown}")
        if f.fix is not None:
            if f.fix.replacement and f.fix.start == f.fix.end:
                print(f"    fix: add {f.fix.replacement.strip()!r}")
            elif f.fix.replacement:
                print(f"    fix: replace with {f.fix.replacement!r}")
            else:
                print("    fix: remove it")
    counts = {
        s: sum(1 for f in result.findings if f.severity == s)
        for s in ("block", "warn", "coach", "info")
    }
    summary = ", ".join(f"{n} {s}" for s, n in counts.items() if n) or "no findings"
    note = " (protected activity: this review is private to you)" if result.protected else ""
    print(
        f"verdict: {paint(result.verdict, result.verdict)} ({summary}; language "
        f"{result.language}; policy {result.policy['name']} {result.policy['version']}){note}"
    )


def cmd_init_policy(args: argparse.Namespace) -> int:
    from manyvoices.engine.template import policy_template

    path = Path(args.path)
    if path.exists() and not args.force:
        raise UsageError(f"{path} exists; use --force to overwrite it")
    try:
        path.write_text(policy_template(), encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from None
    print(
        f"wrote {path}: fill in the company section, then "
        f"`manyvoices review --policy {path} draft.txt`"
    )
    return EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    from manyvoices.engine import CATALOGUE

    policy = _load_policy(args.policy) if args.policy else None
    rows = []
    for spec in CATALOGUE:
        severity = policy.severity_of(spec.id) if policy else spec.severity
        guideline = policy.guideline_of(spec.id) if policy else spec.guideline
        rows.append(
            {
                "id": spec.id,
                "title": spec.title,
                "severity": severity,
                "external_only": spec.external_only,
                "guideline": guideline,
                "why": spec.why,
                "source": spec.source,
            }
        )
    if policy:
        for custom in policy.model.rules.custom:
            rows.append(
                {
                    "id": custom.id,
                    "title": custom.id,
                    "severity": custom.severity,
                    "external_only": custom.external_only,
                    "guideline": custom.guideline or custom.message,
                    "why": custom.message,
                    "source": "company policy",
                }
            )
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    for row in rows:
        scope = " (external only)" if row["external_only"] else ""
        print(f"{row['id']}  [{row['severity']}]{scope}  {row['title']}")
        print(f"    {row['guideline']}")
        print(f"    why: {row['why']}")
        print(f"    source: {row['source']}")
    return EXIT_OK


def _add_web_commands(sub: Any) -> None:
    """Commands of the web app, present only when its Django project is importable."""
    import importlib.util

    if importlib.util.find_spec("manyvoices.web_cli") is None:
        return
    from manyvoices.web_cli import add_commands

    add_commands(sub)


if __name__ == "__main__":
    raise SystemExit(main())
