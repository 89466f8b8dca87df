"""Agenda pack → sections: front sheet, reproduced minutes, reports, appendices, notices.

A pack is one file that concatenates documents. Each document announces itself with a
header a clerk would recognise — "Agenda Item 4", "Minutes of the Meeting held on ...",
"Meeting to be held on ..." under the committee's name, "NOTICE OF INTENTION TO CONDUCT
BUSINESS IN PRIVATE" — and runs until the next one. Reports are attached to the agenda item
their marker names or, without a marker, to the front-sheet entry whose title they match.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from indexer.structure.front_sheet import AgendaEntry, read_front_sheet
from indexer.structure.header import MeetingHeader, read_header
from indexer.structure.minutes import split_numbered_minutes
from indexer.models import Line, PublishedIn, Section
from indexer.structure.patterns import (AGENDA_ITEM_MARKER, APPENDIX_HEADING, COUNCIL_LINE, MINUTES_HEADER,
                       NOT_FOR_PUBLICATION, PRIVATE_NOTICE, PROCEDURAL_ITEM, REPORT_HEADER, clean, exempt_reason,
                       is_upper_heading, title_overlap)

_TITLE_SKIP = re.compile(
    r"^(report\s+(of|by|to)\b|part\s+i+\b|electoral\s+divisions?\b|all\b|\(?all\s+divisions|--+$|"
    r"none\b|n/?a\b|cabinet\s+member|key\s+decision|decision\s+no)", re.I)
_TITLE_STOP = re.compile(
    r"^(\(?appendi|contact\s+for|\(?not\s+for\s+publication|executive\s+summary|summary\b|"
    r"recommendation|background)", re.I)
_HEADER_SCAN = 30  # non-blank lines of a report in which its exempt marking must appear


@dataclass
class _Doc:
    start: int
    kind: str = ""  # "minutes", "report", "notice"; "" until a header says which
    anchor: int = -1
    marker_item: int | None = None


def _walk_back(lines: list[Line], i: int, header: MeetingHeader, kind: str) -> int:
    """First line of a document whose header anchor is line i: take in the council and
    committee names and an "Agenda Item N" marker printed above the anchor."""
    names = {header.council.lower(), header.committee.lower()} - {""}
    start, steps, j = i, 0, i - 1
    while j >= 0 and steps < 4:
        text = clean(lines[j].text)
        if not text:
            j -= 1
            continue
        low = text.lower()
        if low in names or COUNCIL_LINE.match(text) or AGENDA_ITEM_MARKER.match(text):
            start, steps = j, steps + 1
        elif kind == "notice" and steps == 0 and is_upper_heading(text):
            start, steps = j, steps + 1
        else:
            break
        j -= 1
    return start


def _anchor_kind(text: str) -> str:
    if MINUTES_HEADER.match(text):
        return "minutes"
    if REPORT_HEADER.match(text):
        return "report"
    if PRIVATE_NOTICE.match(text) and len(text) < 100:
        return "notice"
    return ""


def find_documents(lines: list[Line], header: MeetingHeader) -> list[_Doc]:
    docs: list[_Doc] = []
    for i, line in enumerate(lines):
        text = clean(line.text)
        marker = AGENDA_ITEM_MARKER.match(text)
        if marker:
            docs.append(_Doc(start=i, marker_item=int(marker.group(1))))
            continue
        kind = _anchor_kind(text)
        if not kind:
            continue
        start = _walk_back(lines, i, header, kind)
        if kind == "minutes" and start == i:
            continue  # a bare "Minutes of the meeting ..." line inside a document, not a header
        if docs and not docs[-1].kind and docs[-1].start >= start:
            docs[-1].kind, docs[-1].anchor = kind, i
        else:
            docs.append(_Doc(start=start, kind=kind, anchor=i))
    for doc in docs:
        doc.kind = doc.kind or "report"
        doc.anchor = doc.start if doc.anchor < 0 else doc.anchor
    return docs


def report_title(lines: list[Line]) -> str:
    """The report's own title: the first lines after its header that are not boilerplate."""
    parts: list[str] = []
    for line in lines:
        text = clean(line.text)
        if not text:
            continue
        if _TITLE_STOP.match(text) or len(parts) >= 3:
            break
        if _TITLE_SKIP.match(text) or REPORT_HEADER.match(text):
            if parts:
                break
            continue
        if len(text) > 150:
            break
        parts.append(text)
    return " ".join(parts)


def match_entry(title: str, entries: list[AgendaEntry], after: int) -> AgendaEntry | None:
    """Front-sheet entry a report belongs to: best title overlap among substantive entries
    after the last one matched (reports follow agenda order), with a nudge to entries that
    have papers and to the next in order."""
    pool = [e for e in entries if e.number > after and not PROCEDURAL_ITEM.match(e.title)]
    pool = pool or [e for e in entries if not PROCEDURAL_ITEM.match(e.title)]
    if not pool:
        return None
    scored = [(title_overlap(title, e.title) + 0.25 * e.has_papers + (0.1 if k == 0 else 0), -k, e)
              for k, e in enumerate(pool)]
    return max(scored, key=lambda s: (s[0], s[1]))[2]


def _minutes_entry(entries: list[AgendaEntry], when: date | None) -> AgendaEntry | None:
    candidates = [e for e in entries if e.title.lower().startswith("minutes")]
    if when:
        dated = [e for e in candidates if when.strftime("%Y") in e.title]
        candidates = dated or candidates
    return candidates[0] if candidates else None


def _split_appendices(section: Section) -> list[Section]:
    """A report section cut at each appendix heading; appendices keep the report's item."""
    out = [section]
    body = section.lines
    section.lines = []
    for k, line in enumerate(body):
        m = APPENDIX_HEADING.match(clean(line.text))
        if m and k > 0:
            label = f"Appendix {m.group(1).upper()}"
            subtitle = (m.group(2) or "").strip() or _next_text(body, k)
            out.append(Section(section.meeting_date, section.item_number, section.item_title,
                               "appendix", f"{label}: {subtitle}" if subtitle else label, [],
                               section.exempt, section.exempt_reason, committee=section.committee))
        out[-1].lines.append(line)
    return out


def _next_text(lines: list[Line], k: int) -> str:
    for line in lines[k + 1:k + 4]:
        text = clean(line.text)
        if text and len(text) < 120:
            return text
    return ""


def split_pack(lines: list[Line], title: str) -> list[Section]:
    """All sections of an agenda pack (front sheet first, then each document in order)."""
    header = read_header(lines)
    docs = find_documents(lines, header)
    first = docs[0].start if docs else len(lines)
    entries, sections = read_front_sheet(lines[:first], header.meeting_date, title)
    last_item = 0
    for doc, nxt in zip(docs, docs[1:] + [None], strict=False):
        body = lines[doc.start:nxt.start if nxt else len(lines)]
        if doc.kind == "minutes":
            sections += _minutes_sections(body, header, entries, doc)
            continue
        entry = (_entry_by_number(entries, doc.marker_item) if doc.marker_item is not None
                 else _notice_entry(entries) if doc.kind == "notice"
                 else match_entry(report_title(lines[doc.anchor + 1:doc.anchor + 40]), entries, last_item))
        number = entry.number if entry else (doc.marker_item or 0)
        last_item = max(last_item, number)
        head_text = "\n".join(l.text for l in body[:_HEADER_SCAN * 2] if l.text.strip())
        exempt = bool(NOT_FOR_PUBLICATION.search(head_text)) or bool(entry and entry.private)
        doc_title = (report_title(lines[doc.anchor + 1:doc.anchor + 40]) if doc.kind == "report"
                     else clean(lines[doc.anchor].text).title())
        report = Section(header.meeting_date, number, entry.title if entry else doc_title, "report",
                         doc_title or (entry.title if entry else "Report"), body, exempt,
                         exempt_reason(head_text) if exempt else "", committee=header.committee)
        sections += _split_appendices(report) if doc.kind == "report" else [report]
    return [s for s in sections if any(l.text.strip() for l in s.lines)]


def _entry_by_number(entries: list[AgendaEntry], number: int | None) -> AgendaEntry | None:
    return next((e for e in entries if e.number == number), None)


def _notice_entry(entries: list[AgendaEntry]) -> AgendaEntry | None:
    return next((e for e in entries if PRIVATE_NOTICE.search(e.title)), None)


def _minutes_sections(body: list[Line], pack: MeetingHeader, entries: list[AgendaEntry],
                      doc: _Doc) -> list[Section]:
    """Minutes of an earlier meeting reproduced in the pack: they belong to that meeting."""
    own = read_header(body)
    entry = (_entry_by_number(entries, doc.marker_item) if doc.marker_item is not None
             else _minutes_entry(entries, own.meeting_date))
    published = (PublishedIn(pack.meeting_date.isoformat(), entry.number)
                 if entry and pack.meeting_date else None)
    title = f"Minutes of the meeting held on {own.meeting_date:%-d %B %Y}" if own.meeting_date else "Minutes"
    sections = split_numbered_minutes(body, own.meeting_date, title, published)
    for s in sections:
        s.committee = own.committee or pack.committee
    return sections
