"""Item pages for big items, meeting links and coverage, without a browser (seed index)."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.http.coverage import example_query
from api.http.pages import document_link
from api.http.reading import paragraphs
from api.schemas import DocumentRef, Passage
from indexer.models import Citation
from tests.api.http.test_api import make_client


def _passage(pid: str, text: str) -> Passage:
    c = Citation(council="C", committee="K", meeting_date="2020-01-01", item_number=1, item_title="T",
                 document_kind="report", document_title="R", source="r.pdf", line_start=None, line_end=None,
                 page_start=3, page_end=3, url="", exempt=False)
    return Passage(passage_id=pid, text=text, citation=c, item_id="i", meeting_id="m", permalink=f"/items/i#p-{pid}")


def test_a_paragraph_cut_by_a_passage_boundary_reads_as_one() -> None:
    paras = paragraphs([_passage("a", "Heading\nThe council agreed that the"), _passage("b", "budget be approved.\nNext."),
                        _passage("c", "New heading")])
    assert [[r.text for r in p] for p in paras] == [["Heading"], ["The council agreed that the", "budget be approved."],
                                                    ["Next."], ["New heading"]]
    assert [r.passage_id for p in paras for r in p if r.first] == ["a", "b", "c"]  # every passage keeps its anchor


def test_meeting_links_go_to_the_pdf_page_else_the_item_page() -> None:
    ref = DocumentRef(kind="report", title="R", source="r.pdf", url="https://x.gov.uk/r.pdf#page=1", withheld=False,
                      page_start=7, position=2)
    assert document_link("i", ref) == "https://x.gov.uk/r.pdf#page=7"
    assert document_link("i", ref.model_copy(update={"url": ""})) == "/items/i#doc-2"


def test_example_searches_name_a_subject() -> None:
    assert example_query("24/00108 - Revenue and Capital Budget Monitoring Report – November 2024-25") == \
        "Revenue and Capital Budget Monitoring Report"
    assert example_query("Review of Decision 24/00093 - Commissioned Family Hubs") == "Commissioned Family Hubs"


@pytest.fixture
def client(seed_index_fake: Path) -> Iterator[TestClient]:
    with make_client(seed_index_fake) as c:
        yield c


def test_home_and_about_say_what_the_index_covers(client: TestClient) -> None:
    home = client.get("/").text
    assert "Lancashire County Council" in home and "meetings of 1 committee" in home and "Last updated" in home
    assert "delayed transfers of care" not in home  # examples come from the index, not a fixed text
    about = client.get("/about").text
    for part in ("Accessibility statement", "partially compliant", "WCAG", "Reporting a problem", "last tested on"):
        assert part in about
    assert 'href="/about"' in home


def test_pages_are_gzipped_when_asked(client: TestClient) -> None:
    r = client.get("/about", headers={"Accept-Encoding": "gzip"})
    assert r.headers["content-encoding"] == "gzip"


class _Rows:
    """A stand-in Store whose every query answers the same rows."""

    def __init__(self, rows: list[dict]) -> None:  # type: ignore[type-arg]
        self.rows = rows

    def query(self, sql: str, params: object = ()) -> list[dict]:  # type: ignore[type-arg]
        return self.rows


def test_the_council_meeting_page_is_a_saved_moderngov_page_or_none() -> None:
    from api.browse.catalog import meeting_page_url
    paper = {"url": "https://weca.example/documents/s1/report.pdf", "source": "joint/2026-03-27/report.pdf"}
    page = {"url": "https://weca.example/ieListDocuments.aspx?CId=192&MID=727", "source": "joint/2026-03-27/page.html"}
    assert meeting_page_url(_Rows([paper, page]), "m") == page["url"]  # type: ignore[arg-type]
    assert meeting_page_url(_Rows([paper]), "m") == ""  # type: ignore[arg-type]
