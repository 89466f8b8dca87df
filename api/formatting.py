"""How a citation reads to a person: one line, the same in the CLI and on the page."""
from __future__ import annotations

from datetime import date
from typing import Protocol

from indexer.structure.dates import long_date
from indexer.structure.placement import UNPLACED


class CitationLike(Protocol):
    """What a citation line needs (an indexer Citation has all of it)."""

    committee: str
    council: str
    meeting_date: str | None
    item_number: int
    item_title: str
    document_kind: str
    document_title: str
    line_start: int | None
    line_end: int | None
    page_start: int | None
    page_end: int | None


# Kinds whose item 0 is a part of the meeting's own record (the agenda's or the minutes' header:
# title, date, attendance). Any other paper at item 0 is one Quire could not place.
_HEADER_KINDS = frozenset({"agenda", "minutes", "decisions", "pack", "meeting page"})


def item_label(c: CitationLike) -> str:
    """'Item 6: Adult Services …', or, for a report no agenda entry could be matched to,
    'Not matched to an agenda item' (never 'Item 0', which reads as the agenda's header)."""
    if c.item_number == 0 and c.document_kind not in _HEADER_KINDS:
        return UNPLACED
    return f"Item {c.item_number}: {c.item_title}" if c.item_title else f"Item {c.item_number}"


def citation_line(c: CitationLike) -> str:
    """'Cabinet Committee on Performance Improvement · 18 April 2018 · Item 6: Adult Services –
    Prioritising and Managing Assessment Activity · Minutes'."""
    when = long_date(date.fromisoformat(c.meeting_date)) if c.meeting_date else "undated"
    kind = c.document_kind.capitalize()
    if c.document_kind not in _HEADER_KINDS and c.document_title and c.document_title != c.item_title:
        kind = f"{kind}: {c.document_title}"
    parts = [c.committee or c.council, when, item_label(c), kind]
    return " · ".join(p for p in parts if p)


def location(c: CitationLike) -> str:
    """'lines 142-193' or 'pages 3-4' of the source file."""
    if c.page_start:
        return f"page {c.page_start}" if c.page_start == c.page_end else f"pages {c.page_start}-{c.page_end}"
    if c.line_start:
        return f"line {c.line_start}" if c.line_start == c.line_end else f"lines {c.line_start}-{c.line_end}"
    return ""


def permalink(item_id: str, passage_id: str) -> str:
    """Where a passage lives on its item page."""
    return f"/items/{item_id}#p-{passage_id}"


def where_in(c: CitationLike) -> str:
    """'page 3'; the source file is named ('lines 4-9 of 000_x.txt') only for a document
    without a title, so a reader never sees internal file names where a title exists."""
    loc = location(c)
    source = getattr(c, "source", "")
    if loc and not c.document_title and source:
        return f"{loc} of {source.replace(chr(92), '/').rsplit('/', 1)[-1]}"
    return loc


def pasteable(c: CitationLike) -> str:
    """A citation to paste into a report: 'Lancashire County Council, Cabinet Committee on
    Performance Improvement, 18 April 2018, item 6: Adult Services …, Minutes of the meeting
    held on 18 April 2018, page 3. https://…' (the source URL when the index has one)."""
    when = long_date(date.fromisoformat(c.meeting_date)) if c.meeting_date else "undated"
    label = item_label(c)
    item = label if label == UNPLACED else label[0].lower() + label[1:]
    document = c.document_title or c.document_kind.capitalize()
    parts = [c.council, c.committee if c.committee != c.council else "", when, item, document, where_in(c)]
    text = ", ".join(p for p in parts if p) + "."
    url = getattr(c, "url", "")
    return f"{text} {url}" if url else text
