"""Settings come from the environment; a bad value stops start-up naming the variable; the
production mode passes Django's deployment checks."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from manyvoices import settings as mv_settings

ROOT = Path(__file__).resolve().parents[2]


def run_django(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("MANYVOICES_", "DATABASE"))}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-m", "manyvoices.manage", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_typed_helpers_read_good_values(monkeypatch):
    monkeypatch.setenv("MV_TEST_BOOL", "Yes")
    monkeypatch.setenv("MV_TEST_INT", "42")
    monkeypatch.setenv("MV_TEST_LIST", "a, b,,c")
    assert mv_settings.env_bool("MV_TEST_BOOL", False) is True
    assert mv_settings.env_int("MV_TEST_INT", 1) == 42
    assert mv_settings.env_list("MV_TEST_LIST", []) == ["a", "b", "c"]
    assert mv_settings.env_int("MV_TEST_UNSET", 7) == 7


@pytest.mark.parametrize(
    "helper, value, message",
    [
        (lambda: mv_settings.env_bool("MV_TEST", False), "maybe", "MV_TEST must be true or false"),
        (lambda: mv_settings.env_int("MV_TEST", 1), "ten", "MV_TEST must be a whole number"),
        (lambda: mv_settings.env_int("MV_TEST", 1, minimum=5), "2", "MV_TEST must be at least 5"),
        (
            lambda: mv_settings.env_choice("MV_TEST", "a", ("a", "b")),
            "c",
            "MV_TEST must be one of a, b",
        ),
    ],
)
def test_a_bad_value_fails_loudly_naming_the_variable(helper, value, message, monkeypatch):
    monkeypatch.setenv("MV_TEST", value)
    with pytest.raises(ImproperlyConfigured, match=message):
        helper()


def test_production_requires_a_secret_key(tmp_path):
    result = run_django("check", MANYVOICES_ENV="production", MANYVOICES_DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "MANYVOICES_SECRET_KEY is required" in result.stderr


def test_a_bad_variable_stops_start_up_with_its_name(tmp_path):
    result = run_django("check", MANYVOICES_DEBUG="perhaps", MANYVOICES_DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "MANYVOICES_DEBUG must be true or false" in result.stderr


def test_production_passes_the_deployment_checks(tmp_path):
    result = run_django(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        MANYVOICES_ENV="production",
        MANYVOICES_SECRET_KEY="k" * 20 + "Q9x!7#Lm2@vR5$Tz8&Wn4^Yp6*Hs3(Jd1)",
        MANYVOICES_ALLOWED_HOSTS="manyvoices.example",
        MANYVOICES_DATA_DIR=str(tmp_path),
        # Production also needs the key that encrypts network tokens (a Fernet key).
        MANYVOICES_TOKEN_KEYS=base64.urlsafe_b64encode(b"k" * 32).decode(),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_database_url_selects_postgresql(tmp_path):
    code = (
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['ENGINE'], d['NAME'], d['HOST'])"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("MANYVOICES_")}
    env.update(
        DATABASE_URL="postgres://mv:secret@db.internal:5432/manyvoices",
        DJANGO_SETTINGS_MODULE="manyvoices.settings",
        MANYVOICES_DATA_DIR=str(tmp_path),
    )
    out = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.stdout.split() == ["django.db.backends.postgresql", "manyvoices", "db.internal"]


def test_the_engine_package_has_no_django_in_it():
    engine = ROOT / "manyvoices" / "engine"
    for path in engine.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import django" not in text and "from django" not in text, path
