"""A real browser (Debian's headless chromium, driven by Playwright) uses the page."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "artifacts"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(seed_index_fake: Path) -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "QUIRE_MODEL": "hashing"}
    proc = subprocess.Popen([sys.executable, "-m", "api.cli", "serve", "--index", str(seed_index_fake),
                             "--port", str(port)], cwd=ROOT, env=env, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("server did not start: " + proc.stderr.read().decode()[-500:])
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def page(server: str):  # type: ignore[no-untyped-def]
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (make browser installs it)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        pg = browser.new_page(viewport={"width": 1280, "height": 900})
        yield pg
        browser.close()


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
    # Only this server may be reached: Swagger UI must come from it, not from a CDN.
    outside: list[str] = []
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server)
               else (outside.append(route.request.url), route.abort()))
    try:
        page.goto(server + "/docs")
        page.wait_for_selector(".opblock-summary-path[data-path=\"/api/search\"]", timeout=15000)
        assert page.locator(".opblock").count() >= 10
    finally:
        page.unroute("**/*")
    assert outside == []
