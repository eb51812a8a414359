"""The demo company loads once, with its people, policy, drafts and acknowledgements."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from manyvoices.composer.models import Draft, ReviewStat
from manyvoices.demo import DEMO_PASSWORD, load_demo
from manyvoices.guidelines.models import Acknowledgement, PolicyVersion
from manyvoices.people.models import User

ROOT = Path(__file__).resolve().parents[2]


def test_the_demo_company_has_people_roles_a_policy_and_drafts(db):
    assert load_demo() is True
    assert User.objects.count() >= 30
    for email in ("employee", "comms", "compliance", "admin"):
        user = User.objects.get(email=f"{email}@acme.example")
        assert user.check_password(DEMO_PASSWORD)
    assert {u.role for u in User.objects.all()} == {"employee", "comms", "compliance", "admin"}
    assert len(User.objects.get(email="employee@acme.example").management_chain()) >= 3
    assert len({u.department for u in User.objects.all()}) >= 6
    current = PolicyVersion.objects.current()
    assert current is not None and current.name == "Acme Social Computing Guidelines"
    assert Draft.objects.filter(author__email="employee@acme.example").count() >= 3
    assert Acknowledgement.objects.exists()
    assert not Acknowledgement.objects.filter(user__email="employee@acme.example").exists()
    assert ReviewStat.objects.exists()


def test_loading_twice_changes_nothing(db):
    load_demo()
    count = User.objects.count()
    assert load_demo() is False
    assert User.objects.count() == count


def test_the_demo_command_migrates_loads_and_prints_the_sign_ins(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MANYVOICES_", "DATABASE"))}
    env["MANYVOICES_DATA_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "manyvoices.cli", "demo", "--no-serve"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "manyvoices.sqlite3").exists()
    for email in (
        "employee@acme.example",
        "comms@acme.example",
        "compliance@acme.example",
        "admin@acme.example",
    ):
        assert email in result.stdout
    assert "password: manyvoices" in result.stdout
    assert "http://127.0.0.1:8000" in result.stdout


def test_the_demo_command_serves_the_app(tmp_path):
    import socket
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MANYVOICES_", "DATABASE"))}
    env["MANYVOICES_DATA_DIR"] = str(tmp_path)
    server = subprocess.Popen(
        [sys.executable, "-m", "manyvoices.cli", "demo", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        status = None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/guidelines/", timeout=5) as r:
                    status, page = r.status, r.read().decode()
                    break
            except OSError:
                time.sleep(0.5)
        assert status == 200, server.stderr.read() if server.poll() is not None else "no answer"
        assert "Acme Social Computing Guidelines" in page
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}/static/vendor/htmx.min.js", timeout=5
        ) as r:
            assert r.status == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
