"""The small typed records that flow through the pipeline.

files → SourceDocument → Section (one document's span within one agenda item) → Passage.
A Citation is built once, when the passage is made, and nothing downstream rebuilds it.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, NamedTuple

KINDS = ("agenda", "minutes", "report", "appendix")


class Line(NamedTuple):
    """One line of source text with where it came from (page is None for text files)."""

    text: str
    number: int
    page: int | None = None


@dataclass(frozen=True)
class PublishedIn:
    """The agenda pack (meeting and item) in which reproduced minutes were published."""

    meeting_date: str
    item_number: int


@dataclass
class Section:
    """A contiguous span of one document that belongs to one agenda item."""

    meeting_date: date | None
    item_number: int
    item_title: str
    kind: str
    document_title: str
    lines: list[Line]
    exempt: bool = False
    exempt_reason: str = ""
    published_in: PublishedIn | None = None
    minute_number: str = ""
    committee: str = ""
    sitting: str = ""  # "14:00" where the committee met more than once that day, else ""

    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass
class SourceDocument:
    """One input file after reading: its lines and whatever metadata is known up front."""

    source: str  # path relative to the indexed folder
    sha256: str
    lines: list[Line]
    council: str = ""
    committee: str = ""
    meeting_date: date | None = None
    url: str = ""
    title: str = ""
    category: str = ""  # manifest's document category, when given
    pages: int = 0
    image_only_pages: int = 0
    printed_pages: dict[int, int] = field(default_factory=dict)  # PDF page → "Page N" stamped on it
    committee_key: str = ""  # the committee as the manifest or folder names it ("full_council")
    council_key: str = ""  # the council's folder (COUNCIL/COMMITTEE/DATE/), when the layout has one
    also_published: list[str] = field(default_factory=list)  # other files (and pack pages) with this text


@dataclass(frozen=True)
class Citation:
    council: str
    committee: str
    meeting_date: str | None
    item_number: int
    item_title: str
    document_kind: str
    document_title: str
    source: str
    line_start: int | None
    line_end: int | None
    page_start: int | None
    page_end: int | None
    url: str
    exempt: bool
    exempt_reason: str = ""
    published_in: PublishedIn | None = None
    minute_number: str = ""
    meeting_time: str = ""  # "14:00": set only where the committee met more than once that day

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Passage:
    passage_id: str
    text: str
    citation: Citation
    seq: int  # position of the passage within its section, from 0
    context: str = ""  # committee, date, item, document: indexed for keywords beside the text
    about: str = ""  # item and document (and abbreviations spelt out): prepended for embedding

    def embedding_text(self) -> str:
        return f"{self.about}\n{self.text}" if self.about else self.text
