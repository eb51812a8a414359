"""Policy files: a company's guidelines as YAML, validated on load.

A policy that does not validate is refused whole with a `PolicyError` naming the
file, the line and the key, and saying what was expected; nothing is ever
reviewed against a half-read policy.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import zoneinfo
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .catalogue import PROTECTED_RULE, RULES

Severity = Literal["block", "warn", "coach", "info"]
SeverityOrOff = Literal["block", "warn", "coach", "info", "off"]


class PolicyError(ValueError):
    """A policy file that cannot be used. `str()` names file, line and key."""

    def __init__(
        self,
        message: str,
        *,
        source: str = "<policy>",
        line: int | None = None,
        key: str | None = None,
    ) -> None:
        self.source = source
        self.line = line
        self.key = key
        self.reason = message
        where = source if line is None else f"{source}:{line}"
        what = f" ({key})" if key else ""
        super().__init__(f"{where}{what}: {message}")


class _KeyProblem(ValueError):
    """A model-level validation error about one key below the model that raises it.

    `path` leads from that model to the key, so the error names the line and key at
    fault (the bad `pattern`, the unknown rule id) rather than the enclosing block.
    """

    def __init__(self, message: str, *path: str | int) -> None:
        super().__init__(message)
        self.path = path


def _yaml_off(value: Any) -> Any:
    # YAML 1.1 reads a bare `off` (and `no`, `false`) as false; the author meant "off".
    return "off" if value is False else value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _str_list(value: Any) -> Any:
    # YAML reads `[2026]` as a number; names are always text.
    if isinstance(value, list):
        return [
            str(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v for v in value
        ]
    return value


class Company(_Strict):
    name: str = Field(min_length=1)
    aliases: list[str] = []
    ticker: str | None = None
    handles: list[str] = []
    domains: list[str] = []
    internal_domains: list[str] = []
    public_contacts: list[str] = []
    country: str = "US"
    timezone: str = "UTC"

    _lists = field_validator(
        "aliases", "handles", "domains", "internal_domains", "public_contacts", mode="before"
    )(_str_list)

    @field_validator("country")
    @classmethod
    def _country(cls, value: str) -> str:
        import phonenumbers

        code = value.upper()
        if code not in phonenumbers.SUPPORTED_REGIONS:
            raise ValueError(f"expected an ISO 3166 country code such as US or DE, got {value!r}")
        return code

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"expected an IANA time zone such as Europe/Paris, got {value!r}"
            ) from None
        return value

    @field_validator("domains", "internal_domains")
    @classmethod
    def _hosts(cls, value: list[str]) -> list[str]:
        return [v.strip().lower().rstrip(".") for v in value]


class Disclosure(_Strict):
    tags: list[str] = []
    disclaimer: str = "Views are my own."


class Clients(_Strict):
    public: list[str] = []
    confidential: list[str] = []

    _lists = field_validator("public", "confidential", mode="before")(_str_list)


class QuietPeriod(_Strict):
    start: dt.date
    end: dt.date
    reason: str = ""

    @model_validator(mode="after")
    def _ordered(self) -> QuietPeriod:
        if self.end < self.start:
            raise _KeyProblem("a quiet period's end must not be before its start", "end")
        return self


class RuleOverride(_Strict):
    severity: SeverityOrOff | None = None
    guideline: str | None = None
    why: str | None = None
    source: str | None = None

    _off = field_validator("severity", mode="before")(_yaml_off)


class CustomRule(_Strict):
    id: str = Field(pattern=r"^custom\.[a-z0-9][a-z0-9._-]*$")
    words: list[str] | None = None
    pattern: str | None = None
    message: str = Field(min_length=1)
    severity: Severity
    replacement: str | None = None
    external_only: bool = False
    hard: bool = False
    guideline: str | None = None

    _lists = field_validator("words", mode="before")(_str_list)
    _off = field_validator("severity", mode="before")(_yaml_off)

    @model_validator(mode="after")
    def _one_trigger(self) -> CustomRule:
        if self.words and self.pattern:
            raise _KeyProblem(
                "a custom rule needs either 'words' (a list) or 'pattern', not both", "pattern"
            )
        if not self.words and not self.pattern:
            raise ValueError("a custom rule needs either 'words' (a list) or 'pattern'")
        if self.pattern:
            import re2

            options = re2.Options()
            options.log_errors = False  # the error is ours to report, not RE2's on stderr
            try:
                re2.compile(self.pattern, options)
            except re2.error as exc:
                reason = exc.args[0] if exc.args else exc
                if isinstance(reason, bytes):
                    reason = reason.decode("utf-8", "replace")
                raise _KeyProblem(
                    f"'pattern' is not a valid RE2 expression: {reason}", "pattern"
                ) from None
        return self


class Rules(_Strict):
    overrides: dict[str, RuleOverride] = {}
    custom: list[CustomRule] = []

    @model_validator(mode="before")
    @classmethod
    def _split(cls, data: Any) -> Any:
        if data is None:
            return {}
        if not isinstance(data, dict):
            raise ValueError("expected a mapping of rule ids to settings, and 'custom'")
        overrides = {k: v for k, v in data.items() if k != "custom"}
        return {"overrides": overrides, "custom": data.get("custom") or []}

    @model_validator(mode="after")
    def _known(self) -> Rules:
        for rule_id, override in self.overrides.items():
            if rule_id not in RULES:
                raise _KeyProblem(f"unknown rule id {rule_id!r}; see `manyvoices rules`", rule_id)
            if rule_id == PROTECTED_RULE and override.severity not in (None, "info"):
                raise _KeyProblem(
                    f"{PROTECTED_RULE} cannot be switched off or changed", rule_id, "severity"
                )
        seen: set[str] = set()
        for i, custom in enumerate(self.custom):
            if custom.id in seen:
                raise _KeyProblem(f"custom rule id {custom.id!r} is used twice", "custom", i, "id")
            seen.add(custom.id)
        return self


class PolicyModel(_Strict):
    name: str = Field(min_length=1)
    version: str = Field(min_length=1)
    company: Company
    disclosure: Disclosure = Disclosure()
    products: list[str] = []
    codenames: list[str] = []
    competitors: list[str] = []
    clients: Clients = Clients()
    quiet_periods: list[QuietPeriod] = []
    regulated: bool = False
    rules: Rules = Rules()

    _lists = field_validator("products", "codenames", "competitors", mode="before")(_str_list)

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, (int, float)) else value


class Policy:
    """A validated policy, with its provenance and the structures reviews need."""

    def __init__(self, model: PolicyModel, *, raw: bytes, source: str) -> None:
        self.model = model
        self.source = source
        self.sha256 = hashlib.sha256(raw).hexdigest()
        self.raw = raw

    @property
    def name(self) -> str:
        return self.model.name

    @property
    def version(self) -> str:
        return self.model.version

    def summary(self) -> dict[str, str]:
        return {"name": self.model.name, "version": self.model.version, "sha256": self.sha256}

    def severity_of(self, rule_id: str) -> str:
        """The severity this policy gives a catalogue rule ('off' when switched off)."""
        override = self.model.rules.overrides.get(rule_id)
        if override and override.severity:
            return override.severity
        return RULES[rule_id].severity

    def guideline_of(self, rule_id: str) -> str:
        override = self.model.rules.overrides.get(rule_id)
        if override and override.guideline:
            return override.guideline
        return RULES[rule_id].guideline

    def quiet_period_on(self, day: dt.date) -> QuietPeriod | None:
        for period in self.model.quiet_periods:
            if period.start <= day <= period.end:
                return period
        return None

    def today(self) -> dt.date:
        return dt.datetime.now(zoneinfo.ZoneInfo(self.model.company.timezone)).date()

    @cached_property
    def compiled(self) -> Any:
        """Matchers built once per policy (names, custom rules); see `compiled.py`."""
        from .compiled import CompiledPolicy

        return CompiledPolicy(self)


# LibYAML's safe loader reads the same documents as PyYAML's pure-Python one, about
# eight times faster (a policy of 10,000 names loads in a fraction of a second).
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_policy(path: str | Path) -> Policy:
    """Read and validate a policy file. Raises `PolicyError` naming what is wrong and where."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PolicyError(
            f"cannot read the policy file: {exc.strerror}", source=str(path)
        ) from None
    return parse_policy(raw, source=str(path))


def parse_policy(raw: bytes | str, *, source: str = "<policy>") -> Policy:
    """Validate a policy given as YAML text or bytes."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PolicyError(f"the file is not UTF-8 text (byte {exc.start})", source=source) from None
    try:
        data = yaml.load(text, Loader=_YAML_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise PolicyError(
            f"not valid YAML: {exc.problem or exc}", source=source, line=line
        ) from None
    except yaml.YAMLError as exc:
        raise PolicyError(f"not valid YAML: {exc}", source=source) from None
    if not isinstance(data, dict):
        raise PolicyError(
            "expected a mapping with at least 'name', 'version' and 'company'",
            source=source,
            line=1,
        )
    try:
        model = PolicyModel.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        cause = (error.get("ctx") or {}).get("error")
        loc = _yaml_loc(tuple(error["loc"]) + getattr(cause, "path", ()))
        # The node tree (with line numbers) is only needed to say where the error is.
        node = yaml.compose(text, Loader=_YAML_LOADER)
        raise PolicyError(
            _explain(error),
            source=source,
            line=_line_of(node, loc),
            key=".".join(str(p) for p in loc) or None,
        ) from None
    return Policy(model, raw=raw, source=source)


def _yaml_loc(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    # Our Rules model splits the YAML's `rules` mapping into overrides/custom;
    # map pydantic's path back onto the file's own keys.
    out: list[Any] = []
    skip_next = False
    for i, part in enumerate(loc):
        if skip_next:
            skip_next = False
            continue
        if part == "overrides" and i > 0 and loc[i - 1] == "rules":
            continue
        if (
            isinstance(part, str)
            and "[" in part
            and part.startswith(("function-after", "function-before"))
        ):
            continue
        out.append(part)
    return tuple(out)


def _explain(error: Any) -> str:
    kind = error.get("type", "")
    msg = str(error.get("msg", "invalid value"))
    if kind == "extra_forbidden":
        return (
            "unknown key; check its spelling against the policy template (manyvoices init-policy)"
        )
    if kind == "missing":
        return "this key is required"
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    if "input" in error and kind not in ("model_type",):
        got = error["input"]
        if (isinstance(got, (str, int, float, bool)) or got is None) and repr(got) not in msg:
            return f"{msg} (got {got!r})"
    return msg


def _line_of(node: Any, loc: tuple[Any, ...]) -> int | None:
    """The 1-based line of the YAML node at `loc`, or of its nearest existing parent."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == str(part):
                    node = value_node
                    line = key_node.start_mark.line + 1
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part < len(node.value):
                node = node.value[part]
                line = node.start_mark.line + 1
            else:
                return line
        else:
            return line
    return line
