"""Agenda front sheet → numbered agenda entries, each with its section of the sheet.

A front sheet lists items "1. Apologies for Absence", "3. Minutes of the Meeting held on
5 December 2016 (Pages 1 - 6)", with "Part II (Not Open to Press and Public)" before the
items taken in private. Everything before item 1 (council, committee, date, venue) is item 0.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from indexer.models import Line, Section
from indexer.structure.headings import heading_texts, is_stopped_heading, item_heading
from indexer.structure.patterns import PAGES_REF, PART_ONE, PART_TWO, clean, strip_pages



@dataclass
class AgendaEntry:
    number: int
    title: str
    has_papers: bool  # the sheet gives page numbers, so a report is in the pack
    private: bool  # listed under Part II
    papers: tuple[tuple[str, str], ...] = ()  # (name, URL) of each paper a meeting page lists under it


def _entry(text: str, expected: int, later: list[int], max_words: int | None = None) -> tuple[int, str] | None:
    """The next entry's number and title. One number may be missing (a scanned sheet whose
    "4." was not read): "5. Title" is then taken when written with its stop, the sheet goes on
    to 6 after it, and 4 never comes (`later`: heading numbers further down the sheet)."""
    found = item_heading(text)
    if found is None or (max_words and len(found[1].split()) > max_words):
        return None
    if found[0] == expected:
        return found
    skipped = found[0] == expected + 1 and expected > 1 and is_stopped_heading(text) \
        and found[0] + 1 in later and expected not in later
    return found if skipped else None


def read_front_sheet(
    lines: list[Line], meeting: date | None, title: str, max_title_words: int | None = None
) -> tuple[list[AgendaEntry], list[Section]]:
    """Entries and sections of a front sheet; consecutive numbering from 1 marks the items.
    `max_title_words` keeps a long numbered sentence (a web page's "6. The written questions
    and replies will be circulated ...", inside item 5) from being read as the next entry."""
    entries: list[AgendaEntry] = []
    sections = [Section(meeting, 0, title, "agenda", title, [])]
    private = False
    headings = heading_texts(lines)
    numbers = [found[0] if (found := item_heading(h)) else 0 for h in headings]
    for i, (line, heading) in enumerate(zip(lines, headings, strict=True)):
        text = clean(line.text)
        if PART_TWO.match(text):
            private = True
        elif PART_ONE.match(text) and not entries:
            private = False
        expected = entries[-1].number + 1 if entries else 1
        found = _entry(heading, expected, numbers[i + 1:], max_title_words) if numbers[i] else None
        if found:
            number, raw_title = found
            entries.append(AgendaEntry(number, strip_pages(raw_title),
                                       bool(PAGES_REF.search(raw_title)), private))
            sections.append(Section(meeting, number, strip_pages(raw_title), "agenda", title, []))
        sections[-1].lines.append(line)
    return entries, sections
