"""A meeting's papers published as separate files (ModernGov PDFs): front sheet, printed
minutes, one file per report or appendix, and public reports packs.

Each file is read against its meeting's front sheet: a report belongs to the entry its file
or text names ("Item 7", "Agenda Item No 6"), the entry carrying its decision number
("24/00108"), or the entry its subject best matches; an appendix with none of these belongs
to the report of that meeting that names it. A pack is cut by the front sheet's
"(Pages 11 - 84)" references against the "Page N" stamped on its pages (pages repeating an
original file were already dropped: corpus.drop_repeated_pages).
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from datetime import date

from indexer.models import Line, PublishedIn, Section, SourceDocument
from indexer.structure.appendices import place_appendices
from indexer.structure.front_sheet import AgendaEntry, read_front_sheet
from indexer.structure.headings import item_heading
from indexer.structure.header import read_header
from indexer.read.html import paper_link
from indexer.structure.kinds import agenda_part, is_front_sheet, is_meeting_page, is_minutes, is_pdf
from indexer.structure.minutes import has_item_tags, split_numbered_minutes, split_tagged_minutes
from indexer.structure.pack import split_pack
from indexer.structure.patterns import PAGES_REF
from indexer.structure.placement import UNPLACED, paper_section

__all__ = ["MeetingPapers", "UNPLACED"]
# A web page's item titles run to ~12 words ("Comments from the West of England Combined
# Authority Overview & Scrutiny Committee"); its numbered guidance sentences run longer.
PAGE_TITLE_WORDS = 14
# ModernGov's page title names the body: "Agenda for Cabinet on Thursday, 30th January, 2025"
_PAGE_TITLE = re.compile(r"^(?:agenda|minutes|decisions)(?:\s+and\s+\w+)?\s+for\s+(.+?)\s+on\s+\w+day\b", re.I)  # UNPLACED: the title of a paper no entry claims


class MeetingPapers:
    """The papers of one meeting (one committee, one date)."""

    def __init__(self, docs: list[SourceDocument], meeting_date: date | None) -> None:
        self.docs = docs
        self.meeting_date = meeting_date
        fronts = [d for d in docs if is_front_sheet(d) and not is_minutes(d) and not is_meeting_page(d)]
        # a PDF front sheet first (its numbering is the agenda's own), else a text agenda,
        # else the meeting's web page
        fronts.sort(key=lambda d: not is_pdf(d))
        pages = [d for d in docs if is_meeting_page(d)]
        self.front = fronts[0] if fronts else pages[0] if pages else None
        self.entries: list[AgendaEntry] = []
        if self.front:
            self.entries = read_front_sheet(agenda_part(self.front), meeting_date, "Agenda",
                                            PAGE_TITLE_WORDS if is_meeting_page(self.front) else None)[0]
        for page in pages:  # the papers a meeting page lists under each item, for placing files
            listed = listed_papers(page.lines)
            self.entries = [replace(e, papers=e.papers + listed.get(e.number, ())) for e in self.entries]

    def sections(self) -> dict[str, list[Section]]:
        out: dict[str, list[Section]] = {}
        reports: list[tuple[SourceDocument, Section]] = []
        for doc in self.docs:
            if is_meeting_page(doc):
                out[doc.source] = self._meeting_page(doc)
            elif not is_pdf(doc) and is_front_sheet(doc) and not is_minutes(doc):
                out[doc.source] = self._text_agenda(doc)
            elif doc is self.front or (is_front_sheet(doc) and doc.printed_pages):
                out[doc.source] = self._front_or_pack(doc)
            elif is_minutes(doc):
                out[doc.source] = self._minutes(doc)
            else:
                section = paper_section(doc, self.entries, self.meeting_date)
                reports.append((doc, section))
                out[doc.source] = [section]
        place_appendices(reports)
        return out

    # -- front sheets and packs -------------------------------------------------------------
    def _front_or_pack(self, doc: SourceDocument) -> list[Section]:
        title = "Agenda"
        entries, agenda = read_front_sheet(doc.lines, self.meeting_date, title)
        if not doc.printed_pages or not any(PAGES_REF.search(e.title) or e.has_papers for e in entries):
            return agenda
        # A pack: the front sheet pages (no "Page N" stamp yet) stay agenda; stamped pages go to
        # the entry whose page range holds them.
        ranges = _page_ranges(doc.lines)
        front_pages = {ln.page for ln in doc.lines if ln.page not in doc.printed_pages}
        sections = [s for s in agenda if s.lines and s.lines[0].page in front_pages]
        for s in sections:
            s.lines = [ln for ln in s.lines if ln.page in front_pages]
        by_entry: dict[int, list[Line]] = defaultdict(list)
        for line in doc.lines:
            printed = doc.printed_pages.get(line.page or 0)
            if line.page in front_pages or printed is None:
                continue
            number = next((n for n, (a, b) in ranges.items() if a <= printed <= b), 0)
            by_entry[number].append(line)
        for number, lines in by_entry.items():
            entry = next((e for e in entries if e.number == number), None)
            if entry and entry.title.lower().startswith("minutes"):
                sections += self._reproduced_minutes(lines, entry, doc)
            else:
                sections.append(Section(self.meeting_date, number, entry.title if entry else "", "report",
                                        entry.title if entry else "Papers", lines))
        return sections

    def _meeting_page(self, doc: SourceDocument) -> list[Section]:
        """The page's items (with their decisions, on ModernGov's "Agenda and decisions"
        pages) under their numbers; the lines naming papers are kept out of passages."""
        sections = read_front_sheet(doc.lines, self.meeting_date, "Meeting page", PAGE_TITLE_WORDS)[1]
        named = _PAGE_TITLE.match(doc.lines[0].text) if doc.lines else None
        for s in sections:
            s.committee = named.group(1).strip() if named else ""
            s.lines = [ln for ln in s.lines if paper_link(ln.text) is None]
            s.document_title = "Meeting page"
        return sections

    def _text_agenda(self, doc: SourceDocument) -> list[Section]:
        """A text agenda or pack: its own reader splits it; the meeting is the folder's (or
        manifest's), except minutes of an earlier meeting reproduced in it."""
        title = doc.title or ("Agenda pack" if len(agenda_part(doc)) < len(doc.lines) else "Agenda")
        sections = split_pack(doc.lines, title)
        for s in sections:
            if s.kind != "minutes" or s.meeting_date is None:
                s.meeting_date = self.meeting_date
        return sections

    # -- minutes ----------------------------------------------------------------------------
    def _minutes(self, doc: SourceDocument) -> list[Section]:
        own = read_header(doc.lines, filed=self.meeting_date)
        when = own.meeting_date or self.meeting_date
        published = None
        if when and self.meeting_date and when != self.meeting_date:
            entry = next((e for e in self.entries if e.title.lower().startswith("minutes")), None)
            published = PublishedIn(self.meeting_date.isoformat(), entry.number if entry else 0)
        title = f"Minutes of the meeting held on {when:%-d %B %Y}" if when else "Minutes"
        split = split_tagged_minutes if has_item_tags(doc.lines) else split_numbered_minutes
        sections = split(doc.lines, when, title) if split is split_tagged_minutes else split(doc.lines, when, title, published)
        for s in sections:
            s.published_in = s.published_in or published
            s.committee = own.committee
        return sections

    def _reproduced_minutes(self, lines: list[Line], entry: AgendaEntry, doc: SourceDocument) -> list[Section]:
        own = read_header(lines)
        published = PublishedIn(self.meeting_date.isoformat(), entry.number) if self.meeting_date else None
        when = own.meeting_date
        title = f"Minutes of the meeting held on {when:%-d %B %Y}" if when else "Minutes"
        return split_numbered_minutes(lines, when or self.meeting_date, title, published)

    # -- reports and appendices -------------------------------------------------------------


def _page_ranges(lines: list[Line]) -> dict[int, tuple[int, int]]:
    """Front-sheet entry number → (first, last) printed page, from '(Pages 11 - 84)'."""
    ranges = {}
    for line in lines:
        m = re.match(r"^(\d{1,3})\.\s.*\(pages?\s+(\d+)(?:\s*[-–]\s*(\d+))?\)", line.text, re.I)
        if m:
            ranges[int(m.group(1))] = (int(m.group(2)), int(m.group(3) or m.group(2)))
    return ranges


def listed_papers(lines: list[Line]) -> dict[int, tuple[tuple[str, str], ...]]:
    """Item number → (name, URL) of the papers a meeting page links under that item."""
    out: dict[int, list[tuple[str, str]]] = defaultdict(list)
    number = 0
    for line in lines:
        found = item_heading(line.text)
        if found and found[0] == number + 1 and len(found[1].split()) <= PAGE_TITLE_WORDS:
            number = found[0]
        link = paper_link(line.text)
        if link and number:
            out[number].append(link)
    return {n: tuple(v) for n, v in out.items()}
