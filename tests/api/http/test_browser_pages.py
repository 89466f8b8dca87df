"""What a reader does on the page for real research, in a real browser: paging, exports that
keep the filters, an item's contents list, the HTML 404, and axe-core's WCAG 2.2 AA checks on
every kind of page at 1280 and 320 px, on the seed index and on Kent's (big meetings)."""
from __future__ import annotations

import csv
import gzip
import io
import urllib.request
from urllib.parse import quote

import pytest

from tests.api.http.conftest import axe_violations, get_json, sideways

pytestmark = pytest.mark.browser
BUDGET_ITEM = "2025-02-13-kent-county-council-county-council-item-6"  # Kent's 2025-26 budget, 1,000+ passages
WIDTHS = (1280, 320)


def check_page(page, url: str, status: int = 200) -> None:  # type: ignore[no-untyped-def]
    """0 axe violations at both widths, and no sideways scrolling at 320 px."""
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        response = page.goto(url)
        assert response is not None and response.status == status, f"{url}: HTTP {response and response.status}"
        for v in axe_violations(page):
            problems.append(f"{width}px {v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"]))
        if width == 320 and sideways(page) > 0:
            problems.append(f"320px: scrolls sideways by {sideways(page)} px")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert not problems, f"{url}:\n" + "\n".join(problems)


def item_with_documents(server: str, at_least: int) -> str:
    """An item of the index with several documents (agenda entry, report, minutes …)."""
    for meeting in get_json(server + "/api/meetings"):
        for item in get_json(server + "/api/meetings/" + meeting["meeting_id"])["agenda"]:
            if len(item["documents"]) >= at_least:
                return item["item_id"]
    pytest.skip(f"no item with {at_least} documents")


# --- paging, exports, contents and 404 on both indexes ---------------------------------------

# Per index: a query with more than 20 results, a document-kind filter and a start date.
SITES = {"server": ("performance report", "minutes", "2016-01-01"),
         "kent_server": ("budget", "appendix", "2025-02-01")}


@pytest.fixture(params=list(SITES), ids=["seeds", "kent"])
def site(request: pytest.FixtureRequest) -> tuple[str, tuple[str, str, str]]:
    return request.getfixturevalue(request.param), SITES[request.param]


def test_paging_next_previous_and_position(site, page) -> None:  # type: ignore[no-untyped-def]
    server, (q, kind, _) = site
    page.goto(server + f"/?q={quote(q)}&kind={kind}")
    heading = page.locator("#results-h").inner_text()
    assert heading.startswith("1–10 of ")
    total = heading.split(" of ", 1)[1].split()[0]
    page.get_by_role("link", name="Next").click()
    page.wait_for_url("**offset=10**")
    assert page.locator("#results-h").inner_text().startswith(f"11–20 of {total} ")
    assert page.locator("ol.hits").get_attribute("start") == "11"
    assert f"kind={kind}" in page.url
    page.get_by_role("link", name="Previous").click()
    page.wait_for_url(lambda url: "offset=10" not in url)
    assert page.locator("#results-h").inner_text().startswith(f"1–10 of {total} ")


def test_csv_link_keeps_the_page_filters(site, page) -> None:  # type: ignore[no-untyped-def]
    server, (q, kind, since) = site
    page.goto(server + f"/?q={quote(q)}&kind={kind}&date_from={since}")
    href = page.get_by_role("link", name="CSV").get_attribute("href")
    assert href and f"kind={kind}" in href and f"date_from={since}" in href
    body = page.request.get(server + href).body().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert rows and all(r["document_kind"] == kind and r["meeting_date"] >= since for r in rows)
    total = int(page.locator("#results-h").inner_text().split(" of ", 1)[1].split()[0])
    assert len(rows) == total


def test_item_contents_list_jumps_to_each_section(site, page) -> None:  # type: ignore[no-untyped-def]
    server, _ = site
    page.goto(server + "/items/" + item_with_documents(server, 3))
    links = page.locator("nav.contents a")
    assert links.count() >= 3
    for i in range(links.count()):
        link = links.nth(i)
        target = link.get_attribute("href")
        link.click()
        page.wait_for_function("h => location.hash === h", arg=target)
        box = page.locator(target).bounding_box()
        assert box is not None and -2 <= box["y"] < 900, f"{target} is not in view after its contents link"


def test_unknown_address_gets_the_html_404(site, page) -> None:  # type: ignore[no-untyped-def]
    server, _ = site
    for path in ("/no/such/page", "/items/no-such-item", "/meetings/no-such-meeting"):
        response = page.goto(server + path)
        assert response is not None and response.status == 404, path
        assert page.locator("h1").inner_text() == "Not found"
        assert page.get_by_role("link", name="Back to search").is_visible()


def seed_pages(server: str) -> list[tuple[str, int]]:
    meeting = get_json(server + "/api/meetings")[0]["meeting_id"]
    return [("/", 200), ("/?q=performance+report", 200), ("/?q=spaceship+koala", 200),
            ("/?q=budget&committee=No+such+committee", 422), ("/items/" + item_with_documents(server, 2), 200),
            ("/meetings/" + meeting, 200), ("/meetings", 200), ("/commitments", 200), ("/signin", 200),
            ("/alerts/manage/not-a-token", 404), ("/alerts/confirm/not-a-token", 404), ("/no/such/page", 404),
            ("/about", 200), ("/docs", 200)]


def test_every_seed_page_passes_axe_at_both_widths(server: str, axe_page) -> None:  # type: ignore[no-untyped-def]
    failures = []
    for path, status in seed_pages(server):
        try:
            check_page(axe_page, server + path, status)
        except AssertionError as exc:
            failures.append(str(exc))
    assert not failures, "\n\n".join(failures)


# --- Kent: big meetings and a 1,000-passage item ----------------------------------------------

def test_kent_budget_item_is_small_and_gzipped(kent_server: str) -> None:
    url = kent_server + "/items/" + BUDGET_ITEM
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})) as r:
        assert r.headers.get("Content-Encoding") == "gzip"
        html = gzip.decompress(r.read())
    assert len(html) < 300_000, f"budget item page is {len(html):,} bytes"
    with urllib.request.urlopen(url) as r:  # a client that does not ask gets it plain
        assert r.headers.get("Content-Encoding") is None and len(r.read()) == len(html)


def test_kent_read_in_context_reaches_every_passage(kent_server: str, page) -> None:  # type: ignore[no-untyped-def]
    item = get_json(kent_server + "/api/items/" + BUDGET_ITEM)
    longest = max(item["sections"], key=lambda s: len(s["passages"]))
    collapsed = next(s for s in item["sections"] if 8 < len(s["passages"]) <= 50)
    for section, own_page in ((longest, True), (collapsed, False)):
        passage = section["passages"][-1]  # the end of a long document: a later part of its own page
        page.goto(kent_server + passage["permalink"])
        page.wait_for_function("id => { const el = document.getElementById(id); return el && el.checkVisibility(); }",
                               arg="p-" + passage["passage_id"])
        box = page.locator("#p-" + passage["passage_id"]).bounding_box()
        assert box is not None and -2 <= box["y"] < 900
        assert ("/documents/" in page.url) == own_page, page.url


def test_kent_contents_list_reaches_long_documents(kent_server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(kent_server + "/items/" + BUDGET_ITEM)
    entries = page.locator("nav.contents li")
    assert entries.count() >= 25 and "Resolution" in entries.first.inner_text()
    assert page.locator("nav.contents", has_text="Minutes").count() and page.locator("nav.contents", has_text="Appendix").count()
    page.locator("nav.contents").get_by_role("link", name="Appendix: Appendix F - All templates").click()
    section = page.locator(page.url[page.url.index("#"):])
    section.get_by_role("link", name="read").click()
    page.wait_for_url("**/documents/**")
    assert page.locator("h1").inner_text().startswith("Appendix: Appendix F")
    page.get_by_role("link", name="Next part").first.click()
    page.wait_for_url("**part=2**")
    assert "part 2 of" in page.locator("h1").inner_text()


def test_every_kent_page_passes_axe_at_both_widths(kent_server: str, axe_page) -> None:  # type: ignore[no-untyped-def]
    item = get_json(kent_server + "/api/items/" + BUDGET_ITEM)
    longest = max(range(len(item["sections"])), key=lambda i: len(item["sections"][i]["passages"])) + 1
    failures = []
    for path in ("/", "/?q=" + quote("council tax precept"), "/items/" + BUDGET_ITEM,
                 f"/items/{BUDGET_ITEM}/documents/{longest}?part=2", "/meetings/" + item["meeting"]["meeting_id"],
                 "/meetings"):
        try:
            check_page(axe_page, kent_server + path)
        except AssertionError as exc:
            failures.append(str(exc))
    assert not failures, "\n\n".join(failures)


# --- the checks themselves ------------------------------------------------------------------

def test_axe_does_report_violations(axe_page) -> None:  # type: ignore[no-untyped-def]
    """The helper is not a silent no-op: a page without lang and an unlabelled field fails."""
    axe_page.set_content("<html><head><title>t</title></head><body><main><input type='text'></main></body></html>")
    found = {v["id"] for v in axe_violations(axe_page)}
    assert {"html-has-lang", "label"} <= found


def _luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_focus_indicator_has_3_to_1_contrast(server: str, page) -> None:  # type: ignore[no-untyped-def]
    """WCAG 2.4.11/1.4.11: the focus ring against the page behind it (axe cannot check focus)."""
    page.goto(server + "/?q=performance+report")
    for selector in ("#q", "nav[aria-label=Main] a", "button.copy", "ol.hits a"):
        page.locator(selector).first.focus()
        ring = page.locator(selector).first.evaluate("el => getComputedStyle(el).outlineColor")
        style = page.locator(selector).first.evaluate("el => getComputedStyle(el).outlineStyle")
        assert style == "solid" and contrast(ring, "rgb(255, 255, 255)") >= 3, (selector, ring)
