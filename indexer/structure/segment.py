"""One document's lines → Sections, choosing the reader by what the text looks like."""
from __future__ import annotations

from indexer.structure.header import read_header
from indexer.structure.minutes import has_item_tags, split_numbered_minutes, split_tagged_minutes
from indexer.models import Section, SourceDocument
from indexer.structure.pack import split_pack


def _minutes_title(doc: SourceDocument) -> str:
    when = doc.meeting_date
    return f"Minutes of the meeting held on {when:%-d %B %Y}" if when else "Minutes"


def segment(doc: SourceDocument) -> list[Section]:
    """Sections of a document, with council, committee and meeting date filled in on `doc`
    from the content wherever the caller (manifest, folder layout) did not know them."""
    header = read_header(doc.lines)
    doc.council = doc.council or header.council
    doc.committee = doc.committee or header.committee
    if header.is_minutes or has_item_tags(doc.lines):
        doc.meeting_date = header.meeting_date or doc.meeting_date
        doc.title = doc.title or _minutes_title(doc)
        split = split_tagged_minutes if has_item_tags(doc.lines) else split_numbered_minutes
        sections = split(doc.lines, doc.meeting_date, doc.title)
    else:
        doc.meeting_date = doc.meeting_date or header.meeting_date
        doc.title = doc.title or "Agenda pack"
        sections = split_pack(doc.lines, doc.title)
    for s in sections:
        s.committee = s.committee or doc.committee
        if s.meeting_date is None:
            s.meeting_date = doc.meeting_date
    return [s for s in sections if any(line.text.strip() for line in s.lines)]
