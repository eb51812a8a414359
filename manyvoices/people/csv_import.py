"""Importing people from a CSV file: every row is checked, and nothing is imported if any
row is bad. Each problem names its line (the header is line 1).

Columns (header required, any order; only `email` is required):

    email, name, title, department, manager_email, location, role, handles

`role` is employee (default), comms, compliance or admin. `handles` is a list of
`network:handle` pairs separated by `;`, e.g. `linkedin:in/jane; x:@jane`. A person
already known by email is updated; `manager_email` may name someone earlier or later in
the same file.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from manyvoices.engine.types import NETWORKS

from .models import Role, User

COLUMNS = ("email", "name", "title", "department", "manager_email", "location", "role", "handles")
MAX_ROWS = 10_000


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    created_people: list[User] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def parse_handles(raw: str) -> dict[str, str]:
    """`linkedin:in/jane; x:@jane` -> {"linkedin": "in/jane", "x": "@jane"}."""
    handles: dict[str, str] = {}
    for part in raw.split(";"):
        part = part.strip()
        if not part:
            continue
        network, sep, handle = part.partition(":")
        network = network.strip().lower()
        if not sep or not handle.strip():
            raise ValueError(f"handle {part!r} must look like network:handle")
        if network not in NETWORKS:
            raise ValueError(
                f"unknown network {network!r} in handles (one of {', '.join(NETWORKS)})"
            )
        handles[network] = handle.strip()
    return handles


def import_people(data: bytes | str) -> ImportResult:
    """Check every row, then import all of them in one transaction, or none."""
    result = ImportResult()
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            result.errors.append((1, f"the file is not UTF-8 text (byte {exc.start})"))
            return result
    reader = csv.reader(io.StringIO(data, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        result.errors.append((1, "the file is empty; expected a header row with at least 'email'"))
        return result
    except csv.Error as exc:
        result.errors.append((1, f"not a CSV file: {exc}"))
        return result
    columns = [h.strip().lower() for h in header]
    unknown = [c for c in columns if c not in COLUMNS]
    if unknown:
        result.errors.append(
            (
                1,
                f"unknown column(s) {', '.join(repr(c) for c in unknown)}; "
                f"the columns are {', '.join(COLUMNS)}",
            )
        )
    if "email" not in columns:
        result.errors.append((1, "the header has no 'email' column"))
    if len(set(columns)) != len(columns):
        result.errors.append((1, "a column is named twice in the header"))
    if result.errors:
        return result

    rows: list[tuple[int, dict[str, str]]] = []
    seen: dict[str, int] = {}
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(rows) >= MAX_ROWS:
                result.errors.append((line, f"too many rows; at most {MAX_ROWS} at a time"))
                return result
            if len(row) != len(columns):
                result.errors.append(
                    (line, f"expected {len(columns)} fields as in the header, found {len(row)}")
                )
                continue
            values = {c: v.strip() for c, v in zip(columns, row, strict=True)}
            problems = _check_row(values)
            email = values.get("email", "").lower()
            if email and email in seen:
                problems.append(f"{email} is already on line {seen[email]}")
            elif email:
                seen[email] = line
            for problem in problems:
                result.errors.append((line, problem))
            rows.append((line, values))
    except csv.Error as exc:
        result.errors.append((reader.line_num, f"not valid CSV: {exc}"))
        return result

    known = {e.lower() for e in User.objects.values_list("email", flat=True)}
    for line, values in rows:
        boss = values.get("manager_email", "").lower()
        if boss and boss not in seen and boss not in known:
            result.errors.append(
                (line, f"manager {boss} is neither in this file nor a known person")
            )
        if boss and boss == values.get("email", "").lower():
            result.errors.append((line, "a person cannot be their own manager"))
    if not rows and not result.errors:
        result.errors.append((1, "no people in the file"))
    if result.errors:
        result.errors.sort()
        return result

    with transaction.atomic():
        people: dict[str, User] = {}
        for _line, values in rows:
            email = values["email"].lower()
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User(email=email)
                user.set_unusable_password()  # they set one through an invitation or SSO
                result.created += 1
                result.created_people.append(user)
            else:
                result.updated += 1
            for key in ("name", "title", "department", "location"):
                if key in values:
                    setattr(user, key, values[key])
            if values.get("role"):
                user.role = values["role"].lower()
            if "handles" in values:
                user.handles = parse_handles(values["handles"])
            user.save()
            people[email] = user
        for _line, values in rows:
            boss = values.get("manager_email", "").lower()
            if "manager_email" in values:
                user = people[values["email"].lower()]
                user.manager = (people.get(boss) or User.objects.get(email=boss)) if boss else None
                user.save(update_fields=["manager"])
    return result


def _check_row(values: dict[str, str]) -> list[str]:
    problems = []
    email = values.get("email", "")
    if not email:
        problems.append("email is empty")
    else:
        try:
            validate_email(email)
        except ValidationError:
            problems.append(f"{email!r} is not an email address")
    role = values.get("role", "").lower()
    if role and role not in Role.values:
        problems.append(f"role {role!r} is not one of {', '.join(Role.values)}")
    boss = values.get("manager_email", "")
    if boss:
        try:
            validate_email(boss)
        except ValidationError:
            problems.append(f"manager_email {boss!r} is not an email address")
    for key, limit in (("name", 200), ("title", 200), ("department", 100), ("location", 100)):
        if len(values.get(key, "")) > limit:
            problems.append(f"{key} is longer than {limit} characters")
    if values.get("handles"):
        try:
            parse_handles(values["handles"])
        except ValueError as exc:
            problems.append(str(exc))
    return problems
