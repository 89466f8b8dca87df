"""Each document shape Quire reads from content alone, on small real fixtures."""
from __future__ import annotations

from indexer.models import SourceDocument
from indexer.structure.segment import segment
from indexer.read.sources import text_lines

from tests.conftest import DATA


def _segment(name: str) -> tuple[SourceDocument, list]:
    doc = SourceDocument(source=name, sha256="x", lines=text_lines((DATA / name).read_text()))
    return doc, segment(doc)


def test_tagged_minutes_read_meeting_and_items_from_the_text() -> None:
    doc, sections = _segment("tagged-minutes.txt")
    assert doc.council == "Lancashire County Council"
    assert doc.committee == "Cabinet Committee on Performance Improvement"
    assert str(doc.meeting_date) == "2018-04-18"
    assert [(s.item_number, s.kind) for s in sections] == [(0, "minutes"), (1, "minutes"), (2, "minutes"), (3, "minutes")]
    assert sections[1].item_title == "Apologies for Absence"
    assert any("Present:" in line.text for line in sections[0].lines), "attendance belongs to item 0"


def test_agenda_pack_front_sheet_items_and_part_two() -> None:
    _, sections = _segment("agenda-pack.txt")
    agenda = [s for s in sections if s.kind == "agenda"]
    assert [s.item_number for s in agenda] == list(range(0, 13))
    assert agenda[12].item_title.startswith("BT Lancashire Services Limited")
    assert not any(s.exempt for s in agenda), "the public agenda itself is never exempt"


def test_reproduced_minutes_belong_to_the_earlier_meeting_and_record_their_pack() -> None:
    _, sections = _segment("agenda-pack.txt")
    minutes = [s for s in sections if s.kind == "minutes"]
    assert {str(s.meeting_date) for s in minutes} == {"2014-10-01"}
    assert [s.item_number for s in minutes] == list(range(0, 12))
    assert all(s.published_in and s.published_in.meeting_date == "2014-12-11" and s.published_in.item_number == 3
               for s in minutes)
    assert minutes[5].item_title.startswith("Quarterly Corporate Performance Monitoring")


def test_reports_attach_to_items_by_marker_and_by_title() -> None:
    _, sections = _segment("agenda-pack.txt")
    reports = [(s.item_number, s.kind, s.exempt) for s in sections if s.kind in ("report", "appendix")]
    # item 4 by its "Agenda Item 4" marker; item 6 by title; the notice to item 10; item 12 exempt.
    assert reports == [(4, "report", False), (4, "appendix", False), (6, "report", False),
                       (10, "report", False), (12, "report", True), (12, "appendix", True)]


def test_exempt_report_names_its_schedule_12a_paragraph() -> None:
    _, sections = _segment("agenda-pack.txt")
    exempt = [s for s in sections if s.exempt]
    assert exempt and all("Paragraph 3 of Part 1 of Schedule 12A" in s.exempt_reason for s in exempt)


def test_appendix_titles_name_the_appendix() -> None:
    _, sections = _segment("agenda-pack.txt")
    titles = [s.document_title for s in sections if s.kind == "appendix"]
    assert titles[0].startswith("Appendix A: Procurement Service")
    assert titles[1].startswith("Appendix A")
