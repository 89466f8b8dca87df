"""Agenda front sheet → numbered agenda entries, each with its section of the sheet.

A front sheet lists items "1. Apologies for Absence", "3. Minutes of the Meeting held on
5 December 2016 (Pages 1 - 6)", with "Part II (Not Open to Press and Public)" before the
items taken in private. Everything before item 1 (council, committee, date, venue) is item 0.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from indexer.models import Line, Section
from indexer.structure.headings import heading_texts, item_heading
from indexer.structure.patterns import PAGES_REF, PART_ONE, PART_TWO, clean, strip_pages



@dataclass
class AgendaEntry:
    number: int
    title: str
    has_papers: bool  # the sheet gives page numbers, so a report is in the pack
    private: bool  # listed under Part II
    papers: tuple[tuple[str, str], ...] = ()  # (name, URL) of each paper a meeting page lists under it


def _entry(text: str, expected: int, max_words: int | None = None) -> tuple[int, str] | None:
    found = item_heading(text)
    if found is None or found[0] != expected or (max_words and len(found[1].split()) > max_words):
        return None
    return found


def read_front_sheet(
    lines: list[Line], meeting: date | None, title: str, max_title_words: int | None = None
) -> tuple[list[AgendaEntry], list[Section]]:
    """Entries and sections of a front sheet; consecutive numbering from 1 marks the items.
    `max_title_words` keeps a long numbered sentence (a web page's "6. The written questions
    and replies will be circulated ...", inside item 5) from being read as the next entry."""
    entries: list[AgendaEntry] = []
    sections = [Section(meeting, 0, title, "agenda", title, [])]
    private = False
    for line, heading in zip(lines, heading_texts(lines), strict=True):
        text = clean(line.text)
        if PART_TWO.match(text):
            private = True
        elif PART_ONE.match(text) and not entries:
            private = False
        found = _entry(heading, len(entries) + 1, max_title_words)
        if found:
            number, raw_title = found
            entries.append(AgendaEntry(number, strip_pages(raw_title),
                                       bool(PAGES_REF.search(raw_title)), private))
            sections.append(Section(meeting, number, strip_pages(raw_title), "agenda", title, []))
        sections[-1].lines.append(line)
    return entries, sections
