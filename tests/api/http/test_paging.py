"""What a reader notices about paging, exports, error pages and citations (seed index, hashing embedder)."""
from __future__ import annotations

import csv
import html
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.formatting import pasteable
from api.http.exports import to_csv
from tests.api.http.test_api import make_client

ATOM = "{http://www.w3.org/2005/Atom}"
FILTERS = {"q": "performance report", "kind": "minutes", "date_from": "2014-01-01"}


@pytest.fixture
def client(seed_index_fake: Path) -> Iterator[TestClient]:
    with make_client(seed_index_fake) as c:
        yield c


def test_offset_pages_through_a_stable_total(client: TestClient) -> None:
    first = client.get("/api/search", params={**FILTERS, "k": 10}).json()
    second = client.get("/api/search", params={**FILTERS, "k": 10, "offset": 10}).json()
    assert first["total"] == second["total"] > 20 and second["offset"] == 10
    assert [h["rank"] for h in second["results"]] == list(range(11, 21))
    assert not {h["passage_id"] for h in first["results"]} & {h["passage_id"] for h in second["results"]}
    assert client.get("/api/search", params={**FILTERS, "offset": 995, "k": 10}).status_code == 422


def test_newest_first_orders_by_meeting_date_then_rank(client: TestClient) -> None:
    body = client.get("/api/search", params={**FILTERS, "sort": "newest", "k": 30}).json()
    keys = [(h["citation"]["meeting_date"], -h["rank"]) for h in body["results"]]
    assert keys == sorted(keys, reverse=True) and body["sort"] == "newest"


def test_page_shows_position_and_links_keep_every_filter(client: TestClient) -> None:
    page = client.get("/", params={**FILTERS, "committee": "Cabinet Committee on Performance Improvement"}).text
    total = client.get("/api/search", params=FILTERS).json()["total"]
    assert f"1–10 of {total} passages" in page
    links = [html.unescape(u) for u in re.findall(r'href="(/[^"]*)"', page)]
    nxt = next(u for u in links if "offset=10" in u)
    for part in ("kind=minutes", "date_from=2014-01-01", "committee=Cabinet+Committee", "q=performance+report"):
        assert part in nxt
        assert all(part in u for u in links if u.startswith(("/api/search.", "/feeds/")))
    assert any("sort=newest" in u and "kind=minutes" in u for u in links)
    second = client.get(nxt).text
    assert f"11–20 of {total} passages" in second and 'rel="prev"' in second


def test_exports_carry_filters_and_the_whole_result_set(client: TestClient) -> None:
    total = client.get("/api/search", params=FILTERS).json()["total"]
    raw = client.get("/api/search.csv", params=FILTERS).content
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == total > 10 and {r["document_kind"] for r in rows} == {"minutes"}
    assert all(r["meeting_date"] >= "2014-01-01" for r in rows)
    assert len(client.get("/api/search.json", params=FILTERS).json()["results"]) == total


def test_csv_cells_that_look_like_formulas_are_neutralised(client: TestClient) -> None:
    from api.search.engine import Searcher  # a real hit, its text made to start as a spreadsheet formula would
    hit = Searcher.search(client.app.state.service.searcher, "performance report", 1).hits[0]
    text = to_csv([replace(hit, text="- Q3 figures"), replace(hit, text="=SUM(A1)")], "http://x")
    cells = [r["text"] for r in csv.DictReader(io.StringIO(text.lstrip("\ufeff")))]
    assert cells == ["'- Q3 figures", "'=SUM(A1)"]


def test_atom_feed_has_author_and_index_time(client: TestClient) -> None:
    feed = ET.fromstring(client.get("/feeds/search.atom", params=FILTERS).content)
    built = client.get("/healthz").json()["built_at"]
    assert feed.find(f"{ATOM}author/{ATOM}name").text
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) > 10 and all(e.find(f"{ATOM}updated").text == built for e in entries)


def test_unknown_address_is_html_for_a_browser_and_json_for_the_api(client: TestClient) -> None:
    page = client.get("/no/such/page", headers={"accept": "text/html,application/xhtml+xml"})
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html") and "<h1>Not found" in page.text
    api = client.get("/api/nothing-here", headers={"accept": "text/html"})
    assert api.status_code == 404 and isinstance(api.json()["detail"], str)


@pytest.mark.parametrize("params,fragment,field", [
    ({"committee": "Planning Committee"}, "known committees: Cabinet Committee on Performance Improvement", "committee"),
    ({"date_from": "2018-05-01", "date_to": "2018-01-01"}, "is after the end date", "date_from")])
def test_impossible_filters_get_422_on_api_and_page(client: TestClient, params: dict, fragment: str, field: str) -> None:
    api = client.get("/api/search", params={"q": "budget", **params})
    assert api.status_code == 422 and fragment in api.json()["detail"] and "\n" not in api.json()["detail"]
    page = client.get("/", params={"q": "budget", **params})
    assert page.status_code == 422 and f'aria-describedby="{field}-error"' in page.text
    assert re.search(rf'id="{field}-error"[^>]*>[^<]*{re.escape(fragment)}', page.text.replace("&#34;", '"'))


def test_filtered_search_with_no_hits_names_the_filters(client: TestClient) -> None:
    params = {"q": "budget", "committee": "Cabinet Committee on Performance Improvement", "date_from": "2025-03-01"}
    page = client.get("/", params=params).text
    assert "No passages match “budget” with committee Cabinet Committee on Performance Improvement from 1 March 2025" in page
    assert "Nothing in the papers matches" not in page


def test_copy_citation_is_pasteable(client: TestClient) -> None:
    page = client.get("/", params={"q": "child road safety"}).text
    copies = [html.unescape(c) for c in re.findall(r'data-copy="([^"]*)"', page)]
    assert copies and all(c.startswith("Lancashire County Council, Cabinet Committee on Performance Improvement, ")
                          for c in copies)
    assert not re.search(r"\d{3}_[0-9a-f]{16}\.txt", page)  # no hashed seed file names where titles exist
    hit = client.get("/api/search", params={"q": "child road safety"}).json()["results"][0]
    from indexer.models import Citation
    c = Citation(**{**hit["citation"], "url": "https://example.org/paper.pdf", "published_in": None})
    assert pasteable(c).endswith(" https://example.org/paper.pdf") and f"item {c.item_number}: " in pasteable(c)


def test_a_paper_matched_to_no_item_says_so_instead_of_item_0(client: TestClient) -> None:
    from api.formatting import citation_line
    from indexer.models import Citation
    from indexer.structure.placement import UNPLACED
    hit = client.get("/api/search", params={"q": "child road safety"}).json()["results"][0]
    report = Citation(**{**hit["citation"], "item_number": 0, "item_title": UNPLACED, "document_kind": "report",
                         "document_title": "Minerals and Waste Local Plan", "published_in": None})
    assert f" · {UNPLACED} · Report: Minerals and Waste Local Plan" in citation_line(report)
    assert "Item 0" not in citation_line(report) and "item 0" not in pasteable(report)
    header = Citation(**{**hit["citation"], "item_number": 0, "item_title": "Agenda", "document_kind": "agenda",
                         "published_in": None})
    assert "Item 0: Agenda" in citation_line(header)  # the agenda's own header is item 0
