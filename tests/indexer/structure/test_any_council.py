"""Reading papers of councils Quire was not written around: headings in their many forms,
text agendas and minutes of a known meeting, letterheads, saved meeting pages."""
from __future__ import annotations

from datetime import date

import pytest

from indexer.models import Line, SourceDocument
from indexer.read.html import html_lines, paper_link
from indexer.structure.corpus import segment_corpus
from indexer.structure.front_sheet import read_front_sheet
from indexer.structure.header import plausible_committee, read_header
from indexer.structure.headings import heading_texts, item_heading
from indexer.structure.minutes import split_numbered_minutes


@pytest.mark.parametrize(("text", "expected"), [
    ("4. Annual Report", (4, "Annual Report")),
    ("**1.Adoption of Minutes**", (1, "Adoption of Minutes")),
    ("1 Welcome, Introductions and Safety Information", (1, "Welcome, Introductions and Safety Information")),
    ("**Item 1: Minutes:**", (1, "Minutes")),
    ("Agenda Item 6 - Budget 2025-26", (6, "Budget 2025-26")),
    ("CAB/23/24/12 Budget Monitoring", (12, "Budget Monitoring")),
    ("5. 24/00108 - Revenue and Capital Budget Monitoring", (5, "24/00108 - Revenue and Capital Budget Monitoring")),
])
def test_item_headings_in_the_forms_councils_print(text: str, expected: tuple[int, str]) -> None:
    assert item_heading(text) == expected


@pytest.mark.parametrize("text", ["(1) Delegated the authority", "(a) Disposal of land", "i. the first point",
                                  "4.1 The report sets out", "15 January 2024 was the date", "3 hectares at Mungret",
                                  "12 Hyde Ave,"])
def test_sub_points_dates_and_paragraph_numbers_are_not_items(text: str) -> None:
    assert item_heading(text) is None


def test_a_scanned_agenda_that_lost_one_number_keeps_the_items_after_it() -> None:
    # Limerick's scanned agendas: OCR dropped "4." but 5, 6 and 7 follow in order
    sheet = ["AGENDA", "1. Minutes", "2. Declaration of interest.", "3. Disposal of Land", "To note proposal.",
             "To consider the Community Initiative Scheme 2024.", "5. Schedule of Municipal District Works",
             "To consider the Draft Schedule.", "6. Taking in Charge of Estates", "7. Car Clubs Draft Bye-Laws"]
    entries, sections = read_front_sheet([Line(t, i) for i, t in enumerate(sheet, 1)], None, "Agenda")
    assert [e.number for e in entries] == [1, 2, 3, 5, 6, 7]
    assert sections[4].item_title == "Schedule of Municipal District Works"
    # but a number met again later is a sub-list's, not a lost heading
    listed = ["1. Minutes", "2. Declaration", "4. Point four of a list", "5. Point five", "3. Disposal", "4. Budget"]
    assert [e.number for e in read_front_sheet([Line(t, i) for i, t in enumerate(listed, 1)], None, "Agenda")[0]] == [1, 2, 3, 4]


def test_a_bare_number_is_read_with_the_title_on_the_next_line() -> None:
    lines = [Line("1.", 1), Line("", 2), Line("Adoption of Minutes", 3), Line("2.", 4), Line("Circulated, copies of the draft minutes "
             "of the following meetings of the council held in the autumn were agreed", 5)]
    assert heading_texts(lines)[:1] == ["1. Adoption of Minutes"]
    assert heading_texts(lines)[3] == "2."  # a sentence after a number is not its title


def test_moderngov_minutes_with_bare_numbers_split_by_item_and_keep_sub_points() -> None:
    text = ["Minutes of the meeting held on 5 June 2026", "1 Welcome, Introductions and Safety Information",
            "The Chair welcomed everyone.", "2 Declarations of Interest", "None.", "3 Investment Fund Programme",
            "(1) Delegated the authority to the Director;", "(2) Allocated £5m to a Nature Recovery Fund;",
            "4 Any Other Business", "None."]
    sections = split_numbered_minutes([Line(t, i + 1) for i, t in enumerate(text)], date(2026, 6, 5), "Minutes")
    assert [(s.item_number, s.item_title) for s in sections] == [
        (0, "Minutes"), (1, "Welcome, Introductions and Safety Information"), (2, "Declarations of Interest"),
        (3, "Investment Fund Programme"), (4, "Any Other Business")]
    assert "Nature Recovery Fund" in sections[3].text()


def test_a_building_or_an_invitation_is_not_a_committee() -> None:
    assert not plausible_committee("Aras Sean Finn")
    assert not plausible_committee("You are invited to attend a Meeting of the Travel and Transportation Committee")
    assert plausible_committee("Corporate Parenting Panel") and plausible_committee("Metropolitan District of Limerick")


def test_irish_minutes_of_proceedings_are_minutes_dated_from_the_wrapped_heading() -> None:
    head = read_header([Line(t, i + 1) for i, t in enumerate([
        "[Original file](https://www.limerick.ie/x.pdf)", "---",
        "**MINUTES OF PROCEEDINGS AT MONTHLY MEETING OF THE METROPOLITAN DISTRICT OF**",
        "**LIMERICK HELD IN THE COUNCIL CHAMBER, DOORADOYLE, LIMERICK AND ONLINE ON MONDAY,**",
        "**15TH** **JANUARY, 2024 at 9.45 A.M.**"])])
    assert head.is_minutes and head.meeting_date == date(2024, 1, 15)


def _text(source: str, *lines: str, committee_key: str = "metropolitan-district-of-limerick", council_key: str = "limerick",
          when: date = date(2024, 2, 19)) -> SourceDocument:
    return SourceDocument(source=source, sha256=source, lines=[Line(t, i + 1) for i, t in enumerate(lines)],
                          committee_key=committee_key, council_key=council_key, meeting_date=when)


def test_text_papers_of_a_meeting_folder_keep_the_folder_committee_and_adopted_minutes_their_own_date() -> None:
    agenda = _text("m/2024-02-19/Agenda.md", "Aras Sean Finn", "Limerick City and County Council,", "14th February, 2024.",
                   "You are requested to attend a Meeting of the Metropolitan District of Limerick",
                   "**A G E N D A**", "**1.Minutes**", "To adopt Minutes of the meeting held on 15th January, 2024.",
                   "**2.Declaration of Interest.**", "**3.Disposal of Land**", "(a) 1 Larch Court, Kennedy Park.")
    minutes = _text("m/2024-02-19/Draft Minutes.md", "**MINUTES OF PROCEEDINGS AT MONTHLY MEETING OF THE METROPOLITAN DISTRICT OF**",
                    "**LIMERICK HELD IN THE COUNCIL CHAMBER ON MONDAY, 15TH JANUARY, 2024**",
                    "**1.Adoption of Minutes**", "Adopted.", "**2.Declaration of Interest**", "None.")
    placed = {doc.source: (doc, sections) for doc, sections in segment_corpus([agenda, minutes])}
    doc, sections = placed["m/2024-02-19/Agenda.md"]
    assert doc.committee == "Metropolitan District of Limerick" and doc.council == "Limerick City and County Council"
    assert [(s.item_number, s.meeting_date) for s in sections] == [(0, date(2024, 2, 19)), (1, date(2024, 2, 19)),
                                                                   (2, date(2024, 2, 19)), (3, date(2024, 2, 19))]
    _, recorded = placed["m/2024-02-19/Draft Minutes.md"]
    assert {(s.meeting_date, s.kind) for s in recorded} == {(date(2024, 1, 15), "minutes")}
    assert [s.item_number for s in recorded] == [0, 1, 2]


def test_an_appendix_letterhead_does_not_become_the_council() -> None:
    def pdf(source: str, *lines: str) -> SourceDocument:
        return SourceDocument(source=source, sha256=source, lines=[Line(t, i + 1, 1) for i, t in enumerate(lines)],
                              committee_key="full_council", council_key="kent", meeting_date=date(2025, 3, 13))
    front = pdf("full_council/2025-03-13/a.pdf", "Kent County Council", "County Council", "Thursday, 13th March, 2025",
                "AGENDA", "1. Apologies", "2. Devolution")
    letter = pdf("full_council/2025-03-13/b.pdf", "Ashford Borough Council", "Leader of the Council", "Dear Roger")
    docs = dict((d.source, d) for d, _ in segment_corpus([front, letter]))
    assert {d.council for d in docs.values()} == {"Kent County Council"}


PAGE = """<html><head><title>Agenda for Joint Committee of the Combined Authority on Friday, 5th June, 2026, 1.00 pm</title><script>var x = 1;</script></head><body>
<nav>Calendar Committees</nav>
<table><tr><td>1.</td><td><p>Welcome &amp; Apologies for Absence</p></td></tr>
<tr><td>2.</td><td><p><a href="documents/s10064/Minutes of Previous Meeting.pdf">Minutes <span>PDF 154 KB</span></a></p>
<p>To approve the minutes.</p></td></tr>
<tr><td>3.</td><td><p>Items from the Public</p><p>1. Any member of the public can submit a maximum of two written
questions in advance of this meeting and they will be answered.</p>
<a href="documents/s11641/FINAL%20-%20Public%20Questions.pdf">FINAL - Public Questions and Mayor's Responses</a>, item 3.
</td></tr></table></body></html>"""


def test_a_saved_meeting_page_reads_as_an_agenda_with_its_papers() -> None:
    lines = [ln.text for ln in html_lines(PAGE)]
    assert "var x" not in " ".join(lines) and "Calendar" not in " ".join(lines)
    assert lines[:3] == ["Agenda for Joint Committee of the Combined Authority on Friday, 5th June, 2026, 1.00 pm",
                         "1. Welcome & Apologies for Absence", "2. Minutes"]
    assert paper_link(lines[3]) == ("Minutes", "documents/s10064/Minutes of Previous Meeting.pdf")
    assert ("FINAL - Public Questions and Mayor's Responses", "documents/s11641/FINAL%20-%20Public%20Questions.pdf") in \
        [paper_link(t) for t in lines]


def test_a_paper_is_placed_under_the_item_the_meeting_page_links_it_from() -> None:
    page = SourceDocument(source="joint/2026-06-05/meeting-page.html", sha256="p", lines=html_lines(PAGE),
                          committee_key="joint", meeting_date=date(2026, 6, 5))
    questions = SourceDocument(source="joint/2026-06-05/src-weca-0025_public-questions-mayor-responses.pdf", sha256="q",
                               lines=[Line("Question 1 from a resident", 1, 1), Line("Reply from the Mayor", 2, 1)],
                               committee_key="joint", meeting_date=date(2026, 6, 5),
                               url="https://example.moderngov.co.uk/documents/s11641/FINAL%20-%20Public%20Questions.pdf")
    docs = {d.source: d for d, _ in segment_corpus([page, questions])}
    placed = dict((d.source, s) for d, s in segment_corpus([page, questions]))
    assert {s.item_number for s in placed[questions.source]} == {3}
    assert docs[questions.source].committee == "Joint Committee of the Combined Authority"  # the page's title, not the folder
    assert {s.item_number for s in placed[page.source]} == {0, 1, 2, 3}
