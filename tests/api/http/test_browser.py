"""A real browser (Debian's headless chromium, driven by Playwright) uses the page."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.api.http.conftest import axe_violations, free_port, serve
from tests.conftest import ROOT

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "tests" / "artifacts"


def test_search_see_cited_result_open_item_page(server: str, page) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.goto(server + "/")
    page.get_by_label("Search the papers").fill("child road safety in Lancashire")
    page.keyboard.press("Enter")
    page.wait_for_selector("ol.hits li.hit")
    first = page.locator("ol.hits li.hit").first
    citation = first.locator("cite").inner_text()
    assert "Cabinet Committee on Performance Improvement ·" in citation and "Item " in citation
    page.screenshot(path=str(ARTIFACTS / "search.png"), full_page=True)
    first.get_by_role("link", name="Read in context").click()
    page.wait_for_url("**/items/**#p-*")
    target = page.url.split("#", 1)[1]
    assert page.locator(f"#{target}").is_visible()
    assert page.locator("h1").inner_text().startswith("Item ")
    page.screenshot(path=str(ARTIFACTS / "item.png"), full_page=True)


def test_no_match_state_is_honest(server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/?q=spaceship+koala")
    assert "Nothing in the papers matches" in page.locator(".nomatch").inner_text()


def test_script_in_query_renders_as_text(server: str, page) -> None:  # type: ignore[no-untyped-def]
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server + "/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    page.wait_for_load_state("load")
    assert dialogs == []
    assert page.locator("#q").input_value() == "<script>alert(1)</script>"
    assert "<script>alert(1)</script>" in page.locator("main").inner_text()


def test_phone_width_has_no_sideways_scroll(server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(server + "/?q=blue+badge+income")
    page.wait_for_selector("ol.hits li.hit")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.screenshot(path=str(ARTIFACTS / "phone.png"), full_page=False)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_api_docs_render_without_the_internet(server: str, page) -> None:  # type: ignore[no-untyped-def]
    # Only this server may be reached: the documentation must come from it, not from a CDN.
    outside: list[str] = []
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server)
               else (outside.append(route.request.url), route.abort()))
    try:
        page.goto(server + "/docs")
        search = page.locator("#op-get-api-search")
        assert "/api/search" in search.locator("h3").inner_text() and search.locator("dt", has_text="committee").count()
        assert page.locator("section.operation").count() >= 10
        search.locator("summary", has_text="Try it").click()
        search.get_by_label("q (required)").fill("budget")
        search.get_by_role("button", name="Send request").click()
        page.wait_for_url("**/api/search?*")
        assert '"query":"budget"' in page.locator("body").inner_text().replace(" ", "")
    finally:
        page.unroute("**/*")
    assert outside == []


# Alerts: a server with mail configured, over papers that grow a meeting at a time.
COMMITTEE = ROOT / "corpus" / "lancashire-county-council" / "cabinet-committee-on-performance-improvement"
ALERT_QUERY = "quarterly corporate performance monitoring report"


@pytest.fixture(scope="module")
def alert_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:  # type: ignore[type-arg]
    from tests.mailbox import Mailbox
    tmp = tmp_path_factory.mktemp("alerts")
    papers = tmp / "papers" / "lancashire-county-council" / "cabinet"
    shutil.copytree(COMMITTEE / "2017-03-07", papers / "2017-03-07")
    _build(tmp)
    box = Mailbox().start()
    port = free_port()
    env = {"QUIRE_SMTP_HOST": "127.0.0.1", "QUIRE_SMTP_PORT": str(box.port), "QUIRE_ALERTS_DB": str(tmp / "alerts.sqlite"),
           "QUIRE_BASE_URL": f"http://127.0.0.1:{port}", "QUIRE_TOKENS_FILE": str(tmp / "tokens.json"),
           "QUIRE_AUDIT_LOG": str(tmp / "audit.log")}
    try:
        for url in serve(tmp / "index", port, env):
            yield {"url": url, "mailbox": box, "tmp": tmp, "papers": papers, "env": {**os.environ, "QUIRE_MODEL": "hashing", **env}}
    finally:
        box.stop()


def _build(tmp: Path) -> None:
    from indexer.build import build_index
    from indexer.config import Settings
    from indexer.store.embedder import HashingEmbedder
    build_index([tmp / "papers"], tmp / "index", Settings(model="hashing", cache_dir=tmp / "cache"), HashingEmbedder())


def _send(site: dict) -> None:  # type: ignore[type-arg]
    """`quire alerts send`, as cron would run it after an indexing run."""
    done = subprocess.run([sys.executable, "-m", "api.cli", "alerts", "send", "--index", str(site["tmp"] / "index")],
                          cwd=ROOT, env=site["env"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_email_me_new_results_double_opt_in_then_unsubscribe(alert_site: dict, axe_page) -> None:  # type: ignore[no-untyped-def,type-arg]
    from tests.api.http.test_browser_pages import check_page
    from tests.mailbox import links
    page = axe_page  # may inject axe-core: the alert pages are checked on the way
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    site, box, email = alert_site, alert_site["mailbox"], "resident@example.org"
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(site["url"] + "/?q=" + ALERT_QUERY.replace(" ", "+"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # the form fits a phone too
    page.set_viewport_size({"width": 1280, "height": 900})
    page.locator("form.alert-form").screenshot(path=str(ARTIFACTS / "alert-form.png"))
    check_page(page, site["url"] + "/?q=" + ALERT_QUERY.replace(" ", "+"))  # the alert form, at 1280 and 320 px
    page.get_by_label("Email me new results").fill(email)
    page.get_by_role("button", name="Email me new results").click()
    page.wait_for_selector("h1:has-text('Check your email')")
    assert axe_violations(page) == []
    assert email not in page.content()
    [confirmation] = box.wait_for(email)

    _add_meeting(site, "2018-10-04")
    _send(site)
    assert box.messages(email) == [confirmation]  # double opt-in: nothing before the link is used

    check_page(page, links(confirmation, "/alerts/confirm/")[0])
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_selector("h1:has-text('Alert active')")
    assert axe_violations(page) == []
    manage = page.get_by_role("link", name="Manage your alerts")
    if manage.count():  # the list of this address's alerts, with its Cancel buttons
        check_page(page, site["url"] + (manage.get_attribute("href") or ""))
    page.screenshot(path=str(ARTIFACTS / "alert-confirmed.png"), full_page=True)

    _add_meeting(site, "2014-12-11")
    _send(site)
    [_, digest] = box.wait_for(email, 2)
    assert "11 December 2014" in digest.get_body(preferencelist=("plain",)).get_content()
    page.goto(links(digest, "/alerts/unsubscribe/")[0])
    page.get_by_role("button", name="Unsubscribe").click()
    page.wait_for_selector("h1:has-text('Unsubscribed')")
    assert "no more emails" in page.locator("main").inner_text()
    page.screenshot(path=str(ARTIFACTS / "alert-unsubscribed.png"), full_page=True)

    check_page(page, links(digest, "/alerts/manage/")[0])  # the link every email carries
    assert "This address has no alerts." in page.locator("main").inner_text()


def _add_meeting(site: dict, day: str) -> None:  # type: ignore[type-arg]
    shutil.copytree(COMMITTEE / day, site["papers"] / day)
    _build(site["tmp"])
