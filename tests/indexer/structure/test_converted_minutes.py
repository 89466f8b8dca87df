"""Minutes converted from PDF to text (Limerick's layouts, and what any council's conversions
share): headings set a word to a line, page numbers left in the text, items minuted out of
order, numbered lists quoted inside an item, dates without a year, two meetings in one day."""
from __future__ import annotations

from datetime import date

from indexer.models import Line, SourceDocument
from indexer.structure.corpus import segment_corpus
from indexer.structure.header import read_header
from indexer.structure.kinds import is_front_sheet
from indexer.structure.minutes import split_numbered_minutes


def _lines(*texts: str) -> list[Line]:
    return [Line(t, i + 1) for i, t in enumerate(texts)]


def _items(texts: list[str]) -> list[int]:
    return [s.item_number for s in split_numbered_minutes(_lines(*texts), date(2024, 2, 13), "Minutes")]


def test_a_heading_set_one_word_to_a_line_still_dates_the_minutes() -> None:
    head = read_header(_lines("MINUTES", "OF", "PROCEEDINGS", "AT", "MEETING", "OF", "THE",
                              "MUNICIPAL DISTRICT OF NEWCASTLE WEST HELD IN", "ÁRAS WILLIAM SMITH OBRIEN, NEWCASTLE WEST,",
                              "CO. LIMERICK, ON WEDNESDAY, 7TH FEBRUARY, 2024, AT", "10AM."))
    assert head.is_minutes and head.meeting_date == date(2024, 2, 7) and head.time == "10:00"


def test_minutes_without_a_year_are_dated_before_the_meeting_they_were_filed_with() -> None:
    lines = _lines("MINUTES OF PROCEEDINGS OF SPECIAL MEETING OF THE", "MUNICIPAL DISTRICT OF CAPPAMORE-KILMALLOCK HELD IN",
                   "KILMALLOCK ON THURSDAY 28th FEBRUARY", "AT 3.00PM.")
    assert read_header(lines, filed=date(2024, 3, 21)).meeting_date == date(2024, 2, 28)
    assert read_header(lines, filed=date(2024, 1, 10)).meeting_date == date(2023, 2, 28)


def test_a_page_number_left_in_the_text_is_not_an_item() -> None:
    texts = ["1", "**Minutes of the Meeting of the Travel and Transportation SPC held on 13 February 2024**",
             "Members present: ...", "**1.Minutes**", "Adopted.", "2", "**2.Traffic Calming Policy**", "Discussed."]
    assert _items(texts) == [0, 1, 2]


def test_item_labels_set_the_form_and_numbered_points_stay_inside() -> None:
    texts = ["Minutes of the Meeting held on 13 February 2024", "**Item 1: Minutes**", "Adopted.",
             "**Item 2: Traffic Calming Policy**", "Cllr. O'Donovan asked:", "1. Why is a plebiscite required?",
             "2. Who decides?", "3. She agrees the policy is effective.", "**Item 3: Notice of Motion**", "Item 3(a)",
             "Agreed."]
    sections = split_numbered_minutes(_lines(*texts), date(2024, 2, 13), "Minutes")
    assert [s.item_number for s in sections] == [0, 1, 2, 3]
    assert "She agrees" in sections[2].text() and "Agreed." in sections[3].text()  # 3(a) is part of item 3


def test_items_minuted_out_of_order_keep_their_numbers() -> None:
    texts = ["Minutes of meeting held on 13th February 2024", "**1.**", "**Adoption of Minutes**", "Adopted.",
             "**2.**", "**Declaration of Interest**", "None.", "**5.**", "**Draft Adare Local Area Plan**", "Made.",
             "**3.**", "**Disposal of Land**", "Approved.", "**4.**", "**Taking in Charge**", "Noted.",
             "**6.**", "**Schedule of Works**", "Noted."]
    assert _items(texts) == [0, 1, 2, 5, 3, 4, 6]


def test_a_numbered_list_deep_inside_the_minutes_is_not_their_items() -> None:
    texts = ["Minutes of proceedings at meeting held on 17th November, 2023"] + \
            [f"The Mayor spoke about the budget, paragraph {i}." for i in range(200)] + \
            ["**1.Housing & Regeneration**", "More homes.", "**2.Sport & Recreation**", "A strategy."]
    assert _items(texts) == [0]


def test_sections_of_an_act_quoted_in_the_minutes_are_not_minutes() -> None:
    texts = ["Minutes of special meeting held on 26th February 2024", "The Act provides for:",
             "147. Declaration by members, etc. of certain interests;", "148. Requirements affecting members;",
             "150. Codes of conduct.", "And Resolved to make the plan."]
    assert _items(texts) == [0]


def test_a_summons_letter_opens_an_agenda() -> None:
    doc = SourceDocument(source="x/notes.md", sha256="s", lines=_lines(
        "Scanned page", "Limerick City & County Council", "20th March, 2024.",
        "You are requested to attend Meeting of Limerick City and County Council to be held in the Council Chamber",
        "1. Minutes"))
    assert is_front_sheet(doc)


def _minutes(source: str, heading: str) -> SourceDocument:
    return SourceDocument(source=source, sha256=source, committee_key="full-council", council_key="limerick",
                          meeting_date=date(2024, 3, 25), lines=_lines(
                              heading, "PRESENT IN THE CHAIR: Councillor G. Mitchell, Mayor.", "1. Local Area Plan", "Made."))


def test_two_meetings_of_one_body_on_one_day_stay_two_meetings() -> None:
    early = _minutes("full-council/2024-03-25/Minutes 2pm.md",
                     "MINUTES OF PROCEEDINGS AT SPECIAL MEETING HELD ON MONDAY, 26TH FEBRUARY, 2024, AT 2.00 P.M.")
    late = _minutes("full-council/2024-03-25/Minutes 330pm.md",
                    "MINUTES OF PROCEEDINGS AT SPECIAL MEETING HELD ON MONDAY, 26TH FEBRUARY, 2024, AT 3.30 P.M.")
    placed = dict((d.source, s) for d, s in segment_corpus([early, late]))
    assert {s.sitting for s in placed[early.source]} == {"14:00"}
    assert {s.sitting for s in placed[late.source]} == {"15:30"}
    assert {s.meeting_date for s in placed[early.source] + placed[late.source]} == {date(2024, 2, 26)}


def test_one_meeting_whose_papers_give_close_times_is_one_meeting() -> None:
    agenda_time = _minutes("c/2024-03-25/a.md", "MINUTES OF PROCEEDINGS AT MEETING HELD ON 26TH FEBRUARY, 2024, AT 10.00 A.M.")
    minutes_time = _minutes("c/2024-03-25/b.md", "MINUTES OF PROCEEDINGS AT MEETING HELD ON 26TH FEBRUARY, 2024, AT 10.05 A.M.")
    placed = [s for _, secs in segment_corpus([agenda_time, minutes_time]) for s in secs]
    assert {s.sitting for s in placed} == {""}


def test_a_moderngov_decision_notice_is_split_by_item_under_its_meeting() -> None:
    def pdf(source: str, *texts: str) -> SourceDocument:
        return SourceDocument(source=source, sha256=source, lines=[Line(t, i + 1, 1) for i, t in enumerate(texts)],
                              committee_key="cabinet", council_key="somecouncil", meeting_date=date(2026, 1, 29))
    front = pdf("cabinet/2026-01-29/front.pdf", "Some Borough Council", "Cabinet", "Thursday, 29th January, 2026",
                "AGENDA", "1. Apologies for Absence", "2. Budget 2026-27", "3. Housing Strategy")
    notice = pdf("cabinet/2026-01-29/d1.pdf", "Decisions of the Cabinet", "Thursday, 29th January, 2026",
                 "2. Budget 2026-27", "Decision: Cabinet recommended the budget to Council.",
                 "3. Housing Strategy", "Decision: Cabinet adopted the strategy.")
    placed = dict((d.source, s) for d, s in segment_corpus([front, notice]))
    by_item = {s.item_number: s.text() for s in placed[notice.source]}
    assert {2, 3} <= set(by_item) and "adopted the strategy" in by_item[3]
    assert {s.meeting_date for s in placed[notice.source]} == {date(2026, 1, 29)}


def test_an_agenda_that_lost_its_numbers_takes_them_from_the_meetings_minutes() -> None:
    def text(source: str, when: date, *lines: str) -> SourceDocument:
        return SourceDocument(source=source, sha256=source, lines=_lines(*lines), committee_key="full-council",
                              council_key="limerick", meeting_date=when)
    agenda = text("full-council/2024-01-22/Agenda.md", date(2024, 1, 22), "Limerick City and County Council",
                  "You are requested to attend a Meeting of Limerick City and County Council", "1. Minutes",
                  "To adopt the minutes.", "2. Declaration of Interest", "Disposal of Land",
                  "To consider the disposal of land at Mungret.", "Support Services",
                  "To consider the Chief Executive's report.")
    minutes = text("full-council/2024-03-25/Minutes 22 January.md", date(2024, 3, 25),
                   "MINUTES OF PROCEEDINGS AT MEETING OF LIMERICK CITY AND COUNTY COUNCIL HELD ON MONDAY, 22ND JANUARY, 2024",
                   "1. Minutes", "Adopted.", "2. Declaration of Interest", "None.", "3. Disposal of Land", "Approved.",
                   "4. Support Services", "Noted.")
    placed = dict((d.source, s) for d, s in segment_corpus([agenda, minutes]))
    items = {s.item_number: s.text() for s in placed[agenda.source]}
    assert "Mungret" in items[3] and "Chief Executive" in items[4]


def test_without_minutes_an_agenda_keeps_the_numbers_it_gives() -> None:
    agenda = SourceDocument(source="c/2024-05-27/Agenda.md", sha256="a", committee_key="full-council", council_key="l",
                            meeting_date=date(2024, 5, 27), lines=_lines(
                                "You are requested to attend a Meeting of the Council", "1. Minutes", "To adopt.",
                                "2. Declaration of Interest", "Disposal of Land", "To consider the disposal of land."))
    placed = [s for _, secs in segment_corpus([agenda]) for s in secs]
    assert max(s.item_number for s in placed) == 2
