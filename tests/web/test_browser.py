"""The web app in a real browser: Playwright driving Debian's Chromium against the app
served by pytest-django's live server, with the demo company loaded.

- an employee signs in, types a draft that names a codename and praises a product without
  a disclosure, sees both marked in place behind the text, applies each fix with one
  click, sees the verdict turn clear and saves;
- the public guidelines page shows without signing in;
- axe-core (npm, pinned in package.json) finds no serious or critical accessibility
  violation on the composer or the guidelines page;
- screenshots at desktop and phone sizes go to MANYVOICES_SCREENSHOT_DIR (default: the
  test's temporary folder) for a person to look at.

Needs `pip install playwright` (its driver only: never `playwright install`), Chromium at
/usr/bin/chromium (or MANYVOICES_CHROMIUM) and `npm install` for axe-core; each is
skipped with its reason when absent (a failure under MANYVOICES_REQUIRE_ALL=1).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, skip_or_fail

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

# Our own draft: praise of a demo product with no disclosure, and a demo codename.
CODENAME = "Tumbleweed"
PRODUCT = "Rocket Skates"
DRAFT = f"{PRODUCT} are the smoothest ride in town, grab a pair. {CODENAME} comes next!"

pytestmark = pytest.mark.django_db(transaction=True)


def chromium_path() -> str | None:
    wanted = os.environ.get("MANYVOICES_CHROMIUM")
    if wanted:
        return wanted if Path(wanted).exists() else None
    for name in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if name and Path(name).exists():
            return name
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("the playwright package is not installed (pip install -e '.[dev]')")
    executable = chromium_path()
    if executable is None:
        skip_or_fail("Chromium is not installed (Debian: apt-get install chromium)")
    # Playwright's sync API runs an event loop in this thread; Django would then refuse
    # every ORM call made here (loading the demo, flushing the test database), though
    # nothing async touches the database. The live server answers from its own thread.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as pw:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def demo(browser: Any) -> None:
    from manyvoices.demo import load_demo

    assert load_demo()


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("MANYVOICES_SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def new_page(browser: Any, viewport: dict[str, int] = DESKTOP, **kw: Any) -> Any:
    """A page in a fresh context; `page.problems` collects console errors (a script or
    style the Content-Security-Policy refused among them) and uncaught script errors."""
    context = browser.new_context(viewport=viewport, **kw)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: page.problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.problems.append(f"uncaught: {e}"))
    page.on(
        "response",
        lambda r: page.problems.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    return page


def sign_in(page: Any, base: str, email: str = "employee@acme.example") -> None:
    from manyvoices.demo import DEMO_PASSWORD

    page.goto(f"{base}/accounts/login/?next=/compose/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/compose/$"))


def type_draft(page: Any) -> None:
    page.locator("#id_text").click()
    page.locator("#id_text").press_sequentially(DRAFT, delay=2)
    verdict = page.locator("#review .review-head .badge")
    verdict.filter(has_text="Blocked").wait_for()


def serious_violations(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
            }));
        }"""
    )
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def test_an_employee_fixes_a_blocked_draft_in_one_click_each_and_saves(
    browser: Any, live_server: Any, demo: None, shots: Path
) -> None:
    page = new_page(browser)
    sign_in(page, live_server.url)
    type_draft(page)
    textarea = page.locator("#id_text")
    assert textarea.input_value() == DRAFT

    # Both problems are marked in the backdrop, in place: the backdrop holds the same text
    # as the textarea, in the same box and the same type, so each mark sits under its words.
    marks = page.locator("#highlights mark.sev-block")
    assert sorted(marks.all_inner_texts()) == sorted([PRODUCT, CODENAME])
    backdrop_text = page.locator("#highlights").inner_text().replace("\u200b", "")
    assert backdrop_text.rstrip("\n") == DRAFT
    box = textarea.bounding_box()
    for mark in marks.all():
        m = mark.bounding_box()
        assert box["x"] <= m["x"] and m["x"] + m["width"] <= box["x"] + box["width"]
        assert box["y"] <= m["y"] and m["y"] + m["height"] <= box["y"] + box["height"]
    same = page.evaluate(
        """() => {
            const a = getComputedStyle(document.querySelector("#id_text"));
            const b = getComputedStyle(document.querySelector("#highlights"));
            return ["fontFamily", "fontSize", "lineHeight", "paddingLeft", "paddingTop",
                    "whiteSpace", "letterSpacing"].filter(p => a[p] !== b[p]);
        }"""
    )
    assert same == [], f"textarea and highlights differ in {same}"
    page.screenshot(path=str(shots / "composer-desktop-blocked.png"), full_page=True)

    findings = page.locator("#review li.finding")
    codename = findings.filter(has=page.locator("q", has_text=CODENAME))
    product = findings.filter(has=page.locator("q", has_text=PRODUCT))
    assert "confidential.codename" in codename.inner_text()
    assert "disclosure.affiliation" in product.inner_text()

    codename.get_by_role("button", name=re.compile("^Fix")).click()
    page.wait_for_function(
        "word => !document.querySelector('#id_text').value.includes(word)", arg=CODENAME
    )
    product = page.locator("#review li.finding").filter(has=page.locator("q", has_text=PRODUCT))
    product.get_by_role("button", name=re.compile("^Fix")).click()
    page.locator("#review .review-head .badge").filter(has_text="Clear").wait_for()

    fixed = textarea.input_value()
    assert CODENAME not in fixed
    assert "#AcmeEmployee" in fixed
    assert page.locator("#highlights mark.sev-block").count() == 0
    page.screenshot(path=str(shots / "composer-desktop-clear.png"), full_page=True)

    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url(re.compile(r"/drafts/\d+/$"))
    assert "Draft saved." in page.locator(".messages").inner_text()
    assert page.locator("#id_text").input_value() == fixed

    from manyvoices.composer.models import Draft

    saved = Draft.objects.get(pk=int(page.url.rstrip("/").rsplit("/", 1)[1]))
    assert saved.author.email == "employee@acme.example"
    assert saved.text == fixed
    assert page.problems == []
    page.context.close()


def test_the_guidelines_page_shows_without_signing_in(
    browser: Any, live_server: Any, demo: None, shots: Path
) -> None:
    page = new_page(browser)
    response = page.goto(f"{live_server.url}/guidelines/")
    assert response.status == 200
    assert page.url == f"{live_server.url}/guidelines/"  # no detour to the sign-in page
    assert page.get_by_role("heading", level=1).inner_text() == "Acme Social Computing Guidelines"
    assert page.locator("section.rule").count() >= 10
    assert page.get_by_role("link", name="Sign in").is_visible()
    page.screenshot(path=str(shots / "guidelines-desktop.png"), full_page=False)
    assert page.problems == []
    page.context.close()


def test_the_composer_and_guidelines_have_no_serious_accessibility_violations(
    browser: Any, live_server: Any, demo: None
) -> None:
    if not AXE.exists():
        skip_or_fail(f"axe-core is not installed ({AXE} is missing; run npm install)")
    found = {}
    # axe-core goes in as an inline script, which the app's Content-Security-Policy refuses
    # (as it should); only these pages bypass it.
    page = new_page(browser, bypass_csp=True)
    sign_in(page, live_server.url)
    found["composer, empty"] = serious_violations(page)
    type_draft(page)
    found["composer, with findings"] = serious_violations(page)
    page.goto(f"{live_server.url}/guidelines/")
    found["guidelines, signed in"] = serious_violations(page)
    page.context.close()
    anonymous = new_page(browser, bypass_csp=True)
    anonymous.goto(f"{live_server.url}/guidelines/")
    found["guidelines, anonymous"] = serious_violations(anonymous)
    anonymous.context.close()
    assert all(not v for v in found.values()), found


def test_the_composer_and_guidelines_fit_a_phone_screen(
    browser: Any, live_server: Any, demo: None, shots: Path
) -> None:
    page = new_page(browser, PHONE, is_mobile=True, has_touch=True)
    sign_in(page, live_server.url)
    type_draft(page)
    # Nothing wider than the screen: no sideways scrolling on a phone.
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the composer is {width}px wide on a {PHONE['width']}px phone"
    box = page.locator("#id_text").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    page.screenshot(path=str(shots / "composer-phone-blocked.png"), full_page=True)
    page.goto(f"{live_server.url}/guidelines/")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the guidelines are {width}px wide on a phone"
    page.screenshot(path=str(shots / "guidelines-phone.png"), full_page=False)
    assert page.problems == []
    page.context.close()
