"""ModernGov PDFs: page-cited passages, manifests, structure, duplicates, bad files, increments."""
from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from api.search.engine import Searcher
from indexer.build import build_index
from indexer.config import Settings
from indexer.store.embedder import HashingEmbedder
from indexer.errors import SkippedFile
from indexer.read.pdf import read_pdf_document, reflow

from tests.conftest import DATA, export_rows

KENT = DATA / "kent"
MEETING = KENT / "cabinet" / "2025-01-30" / "originals"
REPORT = MEETING / "24-00108 - Revenue and Capital Budget Monitoring Report November 2024-25.pdf"


@pytest.fixture
def kent_copy(tmp_path: Path) -> Path:
    shutil.copytree(KENT, tmp_path / "kent")
    return tmp_path / "kent"


@pytest.fixture
def built(kent_copy: Path, tmp_path: Path) -> tuple[Path, object]:
    settings = Settings(model="hashing", cache_dir=tmp_path / "cache")
    summary = build_index([kent_copy], tmp_path / "idx", settings, HashingEmbedder())
    return tmp_path / "idx", summary


def test_reflow_joins_wrapped_lines_but_not_list_items_or_headings() -> None:
    lines = ["MINUTES of a meeting of the Cabinet held in the Council Chamber, Sessions",
             "House, County Hall, Maidstone on Thursday, 30 January 2025.", "UNRESTRICTED ITEMS",
             "84. Apologies", "(Item 1)", "Apologies were received from Mrs C Bell.", "(a) First point", "(b) Second"]
    assert reflow(lines) == [
        "MINUTES of a meeting of the Cabinet held in the Council Chamber, Sessions House, County Hall, Maidstone on Thursday, 30 January 2025.",
        "UNRESTRICTED ITEMS", "84. Apologies (Item 1)", "Apologies were received from Mrs C Bell.", "(a) First point", "(b) Second"]


def test_pdf_lines_carry_pages_and_drop_page_numbers() -> None:
    doc = read_pdf_document(MEETING / "Printed minutes 30th-Jan-2025 10.00 Cabinet.pdf", "m.pdf")
    assert doc.pages == 17 and doc.lines[0].page == 1 and doc.lines[-1].page == 17
    assert not any(line.text.strip().isdigit() for line in doc.lines)


def test_kent_meeting_structure_and_citations(built: tuple[Path, object]) -> None:
    index, summary = built
    rows = export_rows(index)
    cites = [r["citation"] for r in rows]
    assert {c["committee"] for c in cites} == {"Cabinet"} and {c["council"] for c in cites} == {"Kent County Council"}
    report = [c for c in cites if c["source"].endswith(REPORT.name)]
    assert report and {(c["meeting_date"], c["item_number"], c["document_kind"]) for c in report} == {("2025-01-30", 5, "report")}
    assert all(c["page_start"] and c["url"].endswith(f"#page={c['page_start']}") for c in report)
    minutes = [c for c in cites if c["document_kind"] == "minutes" and c["item_number"] == 5]
    assert minutes and minutes[0]["minute_number"] == "88"
    agenda_items = {c["item_number"] for c in cites if c["document_kind"] == "agenda"}
    assert set(range(1, 10)) <= agenda_items
    assert summary.missing == ["cabinet/2025-01-30/originals/24-00096 - Commissioning Plan for Education "
                               "Provision in Kent 2025-29.pdf is listed in a manifest but missing"]


def test_search_for_a_report_phrase_cites_committee_date_title_and_page(built: tuple[Path, object]) -> None:
    index, _ = built
    hits = Searcher(index, HashingEmbedder()).search("forecast revenue overspend of £23.3m excluding Schools", 5).hits
    top = hits[0].citation
    assert (top.committee, top.meeting_date, top.item_number) == ("Cabinet", "2025-01-30", 5)
    assert "Budget Monitoring" in top.document_title and top.page_start == 1
    assert top.url.startswith("https://democracy.kent.gov.uk/documents/") and top.url.endswith("#page=1")


def _pdf_bytes(text_pages: int = 1, password: str | None = None) -> bytes:
    reader = PdfReader(REPORT)
    writer = PdfWriter()
    for page in reader.pages[:text_pages]:
        writer.add_page(page)
    if password:
        writer.encrypt(password)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


@pytest.mark.parametrize("name,data,reason", [
    ("truncated.pdf", REPORT.read_bytes()[:20000], "damaged"),
    ("encrypted.pdf", None, "encrypted"),
    ("empty.pdf", b"", "is empty"),
    ("scan.pdf", None, "no extractable text"),
    ("fake.pdf", b"hello, not a pdf at all", "not a PDF"),
])
def test_bad_pdfs_are_skipped_with_a_reason(tmp_path: Path, name: str, data: bytes | None, reason: str) -> None:
    data = data if data is not None else (_pdf_bytes(password="secret") if name == "encrypted.pdf" else _blank_pdf())
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(SkippedFile) as err:
        read_pdf_document(path, name)
    assert reason in str(err.value) and "\n" not in str(err.value)


def test_bad_pdfs_beside_good_ones_do_not_stop_the_build(kent_copy: Path, tmp_path: Path) -> None:
    (kent_copy / "broken.pdf").write_bytes(REPORT.read_bytes()[:5000])
    (kent_copy / "locked.pdf").write_bytes(_pdf_bytes(password="x"))
    summary = build_index([kent_copy], tmp_path / "idx", Settings(model="hashing", cache_dir=tmp_path / "c"), HashingEmbedder())
    assert {s.split(":")[0] for s in summary.skipped} == {"broken.pdf", "locked.pdf"}
    assert summary.documents == 3


def test_duplicate_copies_are_indexed_once_and_remembered(kent_copy: Path, tmp_path: Path) -> None:
    copy = kent_copy / "duplicates" / "24-00108%20-%20Revenue.pdf"
    copy.parent.mkdir()
    shutil.copy(kent_copy / REPORT.relative_to(KENT), copy)
    index = tmp_path / "idx"
    summary = build_index([kent_copy], index, Settings(model="hashing", cache_dir=tmp_path / "c"), HashingEmbedder())
    assert sum(map(len, summary.duplicates.values())) == 1
    rows = export_rows(index)
    assert not any(r["citation"]["source"].startswith("duplicates/") for r in rows)
    from indexer.store.database import Store
    also = Store(index).query("SELECT also_at FROM documents WHERE source LIKE '%24-00108 - Revenue%'")
    assert json.loads(also[0][0]) == ["duplicates/24-00108%20-%20Revenue.pdf"]


def test_incremental_rebuild_keeps_gone_files_until_pruned(kent_copy: Path, tmp_path: Path) -> None:
    settings = Settings(model="hashing", cache_dir=tmp_path / "c")
    index = tmp_path / "idx"
    first = build_index([kent_copy], index, settings, HashingEmbedder())
    assert build_index([kent_copy], index, settings, HashingEmbedder()).up_to_date
    (kent_copy / REPORT.relative_to(KENT)).unlink()
    kept = build_index([kent_copy], index, settings, HashingEmbedder())
    assert kept.kept and kept.passages == first.passages and kept.embedded == 0
    pruned = build_index([kent_copy], index, settings, HashingEmbedder(), prune=True)
    assert pruned.passages < first.passages
    assert not any(r["citation"]["source"].endswith(REPORT.name) for r in export_rows(index))
