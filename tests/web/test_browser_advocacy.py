"""The advocacy hub's whole path in a real browser (Playwright driving Debian's Chromium,
the app on pytest-django's live server, the demo company loaded):

communications adds a link (its card fetched from a local web site) with a suggested
text; an employee finds it in the hub, personalises the text, fixes the finding the
review raises with one click, and shares it; a reader follows the short link to the
page, with its UTM parameters; the click shows on the analytics page.

Skipped with its reason when Playwright or Chromium is absent (a failure under
MANYVOICES_REQUIRE_ALL=1), like tests/web/test_browser.py whose helpers it reuses.
"""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import skip_or_fail

from . import test_browser
from .advocacy_helpers import BROWSER_UA, OG_PAGE, Route, local_site
from .test_browser import CHROMIUM_ARGS, PHONE, chromium_path, new_page, sign_in

# The demo company and the screenshot folder, as the composer's browser test has them.
demo = test_browser.demo
shots = test_browser.shots

pytestmark = pytest.mark.django_db(transaction=True)

SUGGESTED = "Our Lisbon office is open: have a look. #AcmeEmployee"
ADDED = " Tumbleweed comes next!"  # a demo codename: the review blocks it


# The company's news site, served on loopback: the browser and the link preview both
# resolve this name to 127.0.0.1 (a link to 127.0.0.1 itself would rightly be reviewed
# as an internal link).
NEWS_HOST = "news.acme.com"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("the playwright package is not installed (pip install -e '.[dev]')")
    executable = chromium_path()
    if executable is None:
        skip_or_fail("Chromium is not installed (Debian: apt-get install chromium)")
    args = [*CHROMIUM_ARGS, f"--host-resolver-rules=MAP {NEWS_HOST} 127.0.0.1"]
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as pw:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        launched = pw.chromium.launch(executable_path=executable, args=args)
        yield launched
        launched.close()


@pytest.fixture
def site(settings: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    settings.PREVIEW_ALLOW_LOOPBACK = True
    real = socket.getaddrinfo

    def resolve(host: Any, port: Any, *args: Any, **kw: Any) -> Any:
        return real("127.0.0.1" if host == NEWS_HOST else host, port, *args, **kw)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    with local_site({"/news": Route(body=OG_PAGE)}) as web:
        yield web


def news_url(site: Any) -> str:
    return f"http://{NEWS_HOST}:{site.port}/news"


def test_comms_curates_an_employee_shares_a_reader_clicks_and_comms_sees_it(
    browser: Any, live_server: Any, demo: None, site: Any, shots: Path
) -> None:
    base = live_server.url
    # Communications adds the link with a suggested text.
    comms = new_page(browser)
    sign_in(comms, base, "comms@acme.example")
    comms.goto(f"{base}/hub/manage/new/")
    comms.locator("#id_kind").select_option("link")
    comms.locator("#id_url").fill(news_url(site))
    comms.locator("#id_topics_text").fill("Offices")
    comms.get_by_label("Network 1").select_option("linkedin")
    comms.get_by_label("Suggested text 1").fill(SUGGESTED)
    with comms.expect_navigation():
        comms.get_by_role("button", name="Save", exact=True).click()
    errors = comms.locator(".errors, .errorlist").all_inner_texts()
    assert re.search(r"/hub/manage/\d+/$", comms.url), errors
    assert "Saved." in comms.locator(".messages").inner_text()
    assert comms.locator("#id_title").input_value() == "Globodyne opens its Lisbon office"
    comms.screenshot(path=str(shots / "advocacy-comms-saved.png"), full_page=True)

    # The employee finds it in the hub and personalises the suggested text.
    employee = new_page(browser)
    sign_in(employee, base)
    employee.goto(f"{base}/hub/")
    card = employee.locator("li.card").filter(has_text="Globodyne opens its Lisbon office")
    card.get_by_role("link", name=re.compile("^Share this")).click()
    employee.wait_for_url(re.compile(r"/hub/\d+/$"))
    textarea = employee.locator("#id_text")
    assert textarea.input_value() == SUGGESTED
    textarea.click()
    textarea.press("End")
    textarea.press_sequentially(ADDED, delay=2)
    badge = employee.locator("#review .review-head .badge")
    badge.filter(has_text="Blocked").wait_for()
    finding = employee.locator("#review li.finding").filter(has_text="Tumbleweed")
    assert "confidential.codename" in finding.inner_text()
    employee.screenshot(path=str(shots / "advocacy-share-blocked.png"), full_page=True)
    finding.get_by_role("button", name=re.compile("^Fix")).click()
    employee.wait_for_function(
        "() => !document.querySelector('#id_text').value.includes('Tumbleweed')"
    )
    badge = employee.locator("#review .review-head .badge")
    badge.filter(has_text=re.compile("Clear|Check the warnings")).wait_for()
    personalised = textarea.input_value()
    assert personalised.startswith(SUGGESTED)
    employee.get_by_role("button", name="Share", exact=True).click()
    employee.wait_for_url(re.compile(r"/hub/shares/\d+/$"))
    share_link = employee.locator("#share-link").get_attribute("href")
    assert share_link.startswith("https://www.linkedin.com/feed/?shareActive=true&text=")
    short = employee.locator("#short-link").get_attribute("href")
    assert re.fullmatch(r"/l/[A-Za-z0-9]{8}", short)
    employee.screenshot(path=str(shots / "advocacy-shared.png"), full_page=True)

    # A reader follows the short link and lands on the page with its UTM parameters.
    reader = new_page(browser, user_agent=BROWSER_UA)
    reader.goto(f"{base}{short}")
    landed = urlsplit(reader.url)
    assert (landed.hostname, landed.port, landed.path) == (NEWS_HOST, site.port, "/news")
    query = parse_qs(landed.query)
    assert query["utm_source"] == ["linkedin"] and query["utm_medium"] == ["employee_advocacy"]
    assert reader.title() == "Plain title"

    # The click shows on the analytics page, and on the employee's share.
    comms.goto(f"{base}/hub/analytics/?days=7")
    before = int(comms.locator("#total-shares").inner_text())
    assert before >= 1
    demo_unique = _demo_unique_clicks()
    assert int(comms.locator("#total-unique").inner_text()) == demo_unique
    row = comms.locator("#table-shareables + p + table tr").filter(
        has_text="Globodyne opens its Lisbon office"
    )
    assert row.locator("td").nth(2).inner_text() == "1"  # one unique human click
    comms.screenshot(path=str(shots / "advocacy-analytics.png"), full_page=True)
    employee.reload()
    assert employee.locator("#unique-clicks").inner_text() == "1"
    for page in (comms, employee, reader):
        page.context.close()


def _demo_unique_clicks() -> int:
    from django.utils import timezone

    from manyvoices.advocacy import analytics

    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return int(analytics.summary(start - timezone.timedelta(days=6))["totals"]["unique_clicks"])


def test_the_hub_fits_a_phone_screen(browser: Any, live_server: Any, demo: None) -> None:
    page = new_page(browser, PHONE, is_mobile=True, has_touch=True)
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/hub/")
    assert page.locator("li.card").count() >= 3
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the hub is {width}px wide on a {PHONE['width']}px phone"
    page.context.close()


def test_the_hub_pages_have_no_serious_accessibility_violations(
    browser: Any, live_server: Any, demo: None
) -> None:
    from .test_browser import AXE, serious_violations

    if not AXE.exists():
        skip_or_fail(f"axe-core is not installed ({AXE} is missing; run npm install)")
    from manyvoices.advocacy.models import Shareable

    base = live_server.url
    found = {}
    page = new_page(browser, bypass_csp=True)  # axe-core goes in as an inline script
    sign_in(page, base)
    page.goto(f"{base}/hub/")
    found["hub"] = serious_violations(page)
    item = Shareable.objects.filter(campaign__isnull=False).first()
    page.goto(f"{base}/hub/{item.pk}/")
    found["share page"] = serious_violations(page)
    page.goto(f"{base}/hub/leaderboard/")
    found["leaderboard"] = serious_violations(page)
    page.context.close()
    comms = new_page(browser, bypass_csp=True)
    sign_in(comms, base, "comms@acme.example")
    for name, path in [("analytics", "/hub/analytics/"), ("new shareable", "/hub/manage/new/")]:
        comms.goto(f"{base}{path}")
        found[name] = serious_violations(comms)
    comms.context.close()
    assert all(not v for v in found.values()), found
