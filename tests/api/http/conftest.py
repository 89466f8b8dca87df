"""Real-browser fixtures: a server per index (subprocess, hashing embedder), Debian's chromium
driven by Playwright, and axe-core (node_modules, installed by `make browser`) for WCAG checks."""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 AA as axe tags it: every A and AA rule of 2.0, 2.1 and 2.2.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(index: Path, port: int, env: dict[str, str]) -> Iterator[str]:
    """`quire serve` on a free loopback port until the fixture ends."""
    env = {**os.environ, "QUIRE_MODEL": "hashing", "QUIRE_RATE_LIMIT": "0", **env}
    proc = subprocess.Popen([sys.executable, "-m", "api.cli", "serve", "--index", str(index),
                             "--port", str(port)], cwd=ROOT, env=env, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(url + "/healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("server did not start: " + proc.stderr.read().decode()[-500:])
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=30) as r:
        return json.load(r)


@pytest.fixture(scope="session")
def server(seed_index_fake: Path) -> Iterator[str]:
    """The seed papers' index served once per run."""
    yield from serve(seed_index_fake, free_port(), {})


@pytest.fixture(scope="session")
def kent_server(kent_index_fake: Path) -> Iterator[str]:
    """Kent's index (hashing embedder): big meetings and a 1,000-passage budget item."""
    yield from serve(kent_index_fake, free_port(), {})


@pytest.fixture(scope="session")
def chromium():  # type: ignore[no-untyped-def]
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (make browser installs it)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def page(chromium):  # type: ignore[no-untyped-def]
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def axe_page(chromium):  # type: ignore[no-untyped-def]
    """A page that may inject axe-core: the site's CSP (script-src 'self') would refuse the
    injected script, so only this context bypasses it; the pages themselves are unchanged."""
    if not AXE.exists():
        pytest.skip("axe-core is not installed (make browser runs npm ci)")
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    yield context.new_page()
    context.close()


def axe_violations(page) -> list[dict]:  # type: ignore[no-untyped-def]
    """axe-core's WCAG 2.2 AA violations on the page as loaded, each with up to five nodes."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (tags) => (await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]}))
             .violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " :: " + n.failureSummary)}))""",
        AXE_TAGS)


def sideways(page) -> int:  # type: ignore[no-untyped-def]
    """How many CSS pixels the page scrolls sideways (0: it reflows to the viewport)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
