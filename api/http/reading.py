"""An item's papers laid out for reading: a contents list, each document as continuous text,
and long documents on pages of their own.

Kent's 2025-26 budget item holds over 1,000 passages (~650 KB of text): one page with all of
it is slow to load and past any reader's patience, so a document longer than LONG_PASSAGES (or
past the page's text budget) is listed on the item page with a link to its own page, read in
parts of PART_PASSAGES. Every passage keeps its `#p-ID` anchor: those not on the item page are
named in a small JSON map that quire.js follows, so "Read in context" links still land.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from indexer.models import Citation

from api.formatting import location
from api.schemas import ItemDetail, ItemSection, Passage
from api.search.snippets import plain

LONG_PASSAGES = 50        # a document with more passages gets its own page
PAGE_TEXT_BUDGET = 150_000  # characters of passage text inlined on one item page, at most
PART_PASSAGES = 100       # passages per part of a document's own page
OPEN_PASSAGES = 8         # documents this short are shown open; longer ones start collapsed
# A passage boundary falls mid-sentence when the text before it has no closing mark and the
# text after it starts in lower case: the two runs are then one paragraph on the page.
_CLOSED = re.compile(r"[.!?:;)\]\"”’]\s*$")
_LOWER_START = re.compile(r"^[a-z(£0-9,]")

GROUPS = {"agenda": "Agenda entry", "report": "Report", "appendix": "Appendix", "minutes": "Minutes"}


@dataclass
class Run:
    """Part of one passage inside a paragraph; `first` carries the passage's anchor."""
    passage_id: str
    text: str
    first: bool
    where: str


@dataclass
class Document:
    number: int               # 1-based position in the item: its anchor is #doc-N
    section: ItemSection
    label: str                # "Appendix: Appendix F - All templates"
    paragraphs: list[list[Run]] = field(default_factory=list)
    inline: bool = True
    parts: int = 1

    @property
    def open(self) -> bool:
        return len(self.section.passages) <= OPEN_PASSAGES

    @property
    def citation(self) -> Citation | None:
        """The first passage's citation widened to the whole document, for "Copy citation"."""
        ps = self.section.passages
        if not ps:
            return None
        pages = [(p.citation.page_start, p.citation.page_end or p.citation.page_start) for p in ps if p.citation.page_start]
        lines = [(p.citation.line_start, p.citation.line_end or p.citation.line_start) for p in ps if p.citation.line_start]
        return replace(ps[0].citation,
                       page_start=min(a for a, _ in pages) if pages else None, page_end=max(b for _, b in pages) if pages else None,
                       line_start=min(a for a, _ in lines) if lines else None, line_end=max(b for _, b in lines) if lines else None)

    @property
    def pages(self) -> str:
        starts = [p.citation.page_start for p in self.section.passages if p.citation.page_start]
        ends = [p.citation.page_end or p.citation.page_start for p in self.section.passages if p.citation.page_start]
        if not starts:
            return ""
        lo, hi = min(starts), max(e for e in ends if e)
        return f"page {lo}" if lo == hi else f"pages {lo}–{hi}"


def label(section: ItemSection) -> str:
    kind = GROUPS.get(section.kind, section.kind.capitalize())
    return f"{kind}: {section.title}" if section.title and section.kind != "agenda" else kind


def paragraphs(passages: list[Passage]) -> list[list[Run]]:
    """The passages' text as paragraphs, a paragraph cut by a passage boundary joined again."""
    out: list[list[Run]] = []
    open_end = False
    for p in passages:
        lines = [line for line in plain(p.text).split("\n") if line.strip()]
        for i, line in enumerate(lines):
            run = Run(p.passage_id, line, i == 0, location(p.citation))
            if i == 0 and open_end and out and _LOWER_START.match(line.lstrip()):
                out[-1].append(run)
            else:
                out.append([run])
        if not lines:  # an empty passage still needs its anchor
            out.append([Run(p.passage_id, "", True, location(p.citation))])
        open_end = bool(lines) and not _CLOSED.search(lines[-1])
    return out


def layout(item: ItemDetail) -> list[Document]:
    """The item's documents in reading order; which are inlined and which get their own page."""
    docs, budget = [], PAGE_TEXT_BUDGET
    for n, section in enumerate(item.sections, start=1):
        doc = Document(n, section, label(section))
        size = sum(len(p.text) for p in section.passages)
        doc.inline = section.withheld or (len(section.passages) <= LONG_PASSAGES and size <= budget)
        if doc.inline:
            budget -= size
            doc.paragraphs = paragraphs(section.passages)
        else:
            doc.parts = -(-len(section.passages) // PART_PASSAGES)
        docs.append(doc)
    return docs


def document_url(item_id: str, number: int, part: int = 1) -> str:
    return f"/items/{item_id}/documents/{number}" + (f"?part={part}" if part > 1 else "")


def elsewhere(item_id: str, docs: list[Document]) -> dict[str, object]:
    """{"urls": [...], "at": {passage_id: index into urls}} for passages not on the item page:
    quire.js sends a #p-ID it cannot find to the part of the document page that holds it."""
    urls: list[str] = []
    at: dict[str, int] = {}
    for doc in docs:
        if doc.inline:
            continue
        for i, p in enumerate(doc.section.passages):
            part = i // PART_PASSAGES + 1
            url = document_url(item_id, doc.number, part)
            if not urls or urls[-1] != url:
                urls.append(url)
            at[p.passage_id] = len(urls) - 1
    return {"urls": urls, "at": at}


def part_of(doc: Document, part: int) -> list[list[Run]]:
    """The paragraphs of one part of a long document (parts count from 1)."""
    start = (part - 1) * PART_PASSAGES
    return paragraphs(doc.section.passages[start:start + PART_PASSAGES])
