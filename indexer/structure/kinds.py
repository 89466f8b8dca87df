"""What kind of paper a file is: a front sheet or reports pack, printed minutes, or a report
or appendix, read from its category, its file name and its opening lines."""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from pathlib import PurePosixPath

from indexer.models import Line, SourceDocument
from indexer.structure.header import read_header
from indexer.structure.pack import find_documents
from indexer.structure.dates import first_date
from indexer.structure.patterns import COUNCIL_LINE, clean

_DECISION = re.compile(r"\b(\d{2})\s*[/-]\s*(\d{5})\b")
APPENDIX_NAME = re.compile(r"(?:^|[\s\-–])(appendix|annex(?:e)?)\b", re.I)


def stem(doc: SourceDocument) -> str:
    return PurePosixPath(doc.source).stem


def page_fingerprints(doc: SourceDocument) -> dict[int, str]:
    by_page: dict[int, list[str]] = defaultdict(list)
    for line in doc.lines:
        by_page[line.page or 0].append(line.text)
    return {page: hashlib.sha1(re.sub(r"\W+", "", " ".join(t)).lower().encode()).hexdigest()
            for page, t in by_page.items() if len(" ".join(t)) > 200}


_NOISE = re.compile(r"^(?:\[[^\]]*\]\([^)]*\)|-{3,}|\(image omitted\)|\d{1,3})$", re.I)  # Markdown from PDF
_AGENDA_SCAN = 80  # lines of a letter-headed summons before its "AGENDA" heading (Limerick: ~40)


def opening(doc: SourceDocument, count: int) -> list[str]:
    """The first `count` lines that carry words: no links, rules, page numbers, image notes."""
    out = []
    for line in doc.lines:
        text = clean(line.text)
        if text and not _NOISE.match(text):
            out.append(text)
            if len(out) == count:
                break
    return out


# The summons that opens an agenda: "You are requested to attend a Meeting of ...", "You are
# hereby summoned to attend", "Notice is hereby given that a meeting of ... will be held"
_SUMMONS = re.compile(r"\byou\s+are\s+(?:hereby\s+)?(?:requested|summoned|invited)\s+to\s+attend\b|"
                      r"\bnotice\s+is\s+hereby\s+given\s+that\s+(?:a|the)\s+\w*\s*meeting\b", re.I)


def is_front_sheet(doc: SourceDocument) -> bool:
    """An agenda, summons or reports pack: said by its opening, or by an "AGENDA" heading
    ("A G E N D A") under a letter-headed summons; the file name is one clue among these."""
    first = " ".join(opening(doc, 3)).lower()
    if first.startswith(("agenda", "summons", "supplementary agenda")):
        return True
    if any(re.sub(r"[^a-z]", "", clean(line.text).lower()) == "agenda" for line in doc.lines[:_AGENDA_SCAN]) \
            and not read_header(doc.lines).is_minutes:
        return True
    if any(_SUMMONS.search(clean(line.text)) for line in doc.lines[:_AGENDA_SCAN]) and not is_minutes(doc):
        return True
    name = stem(doc).lower()
    return doc.category == "agenda_frontsheet" or "frontsheet" in name.replace(" ", "") \
        or "reports pack" in name or bool(re.match(r"(?:supplementary\s+)?agenda\b", name))


def is_minutes(doc: SourceDocument) -> bool:
    return doc.category == "minutes" or read_header(doc.lines).is_minutes


def decision_numbers(text: str) -> set[str]:
    return {f"{a}/{b}" for a, b in _DECISION.findall(text)}


# "APPENDIX F: 2025-28 BUDGET", "Annex 2 – Labour Group Budget", "Appendix A": a heading;
# "Appendix 1 is the minutes excerpt ..." (no separator) is a report's sentence
_APPENDIX_OPENING = re.compile(r"^(?:appendix|annex(?:e)?)\s*['\"‘’“”]?([A-Z]{1,2}|\d{1,2})\b['\"‘’“”]?\s*(?:[:\-–—.]\s*(.*))?$", re.I)
_OPENING_TITLE_WORDS = 16  # a title's words; a longer run is a sentence or a table
_DATE_LINE_WORDS = 8  # "County Council Meeting - 13th March 2025": a dateline, not the title


def appendix_heading(doc: SourceDocument) -> tuple[str, str] | None:
    """(letter, title) of an appendix that says so on its first lines: "APPENDIX F: 2025-28
    BUDGET - SPENDING" → ("F", "2025-28 BUDGET - SPENDING")."""
    for text in opening(doc, 2):
        m = _APPENDIX_OPENING.match(text)
        if m:
            return m.group(1).upper(), (m.group(2) or "").strip()
    return None


def opening_title(doc: SourceDocument) -> str:
    """The title a paper opens with, read as a person would: its first lines, past the
    council's name and a date line, up to a title's length ("Quarterly Performance Report /
    Quarter 3 2024/25")."""
    words: list[str] = []
    for text in opening(doc, 4):
        if COUNCIL_LINE.match(text.rstrip(",.;:")) or first_date(text) and len(text.split()) <= _DATE_LINE_WORDS:
            continue
        if words and len(words) + len(text.split()) > _OPENING_TITLE_WORDS:
            break
        words += text.split()
    return " ".join(words[:_OPENING_TITLE_WORDS])


def is_appendix(doc: SourceDocument) -> bool:
    return doc.category == "appendix" or bool(APPENDIX_NAME.search(stem(doc))) or appendix_heading(doc) is not None



def is_pdf(doc: SourceDocument) -> bool:
    return any(line.page is not None for line in doc.lines[:1])


def agenda_part(doc: SourceDocument) -> list[Line]:
    """The agenda of a front sheet or pack: a text pack's lines before its first paper
    (whose numbered paragraphs are not agenda entries); a PDF's lines as they are (its
    pack is cut by page ranges)."""
    if is_pdf(doc):
        return doc.lines
    papers = find_documents(doc.lines, read_header(doc.lines))
    return doc.lines[:papers[0].start] if papers else doc.lines


def is_meeting_page(doc: SourceDocument) -> bool:
    """A saved web page of the meeting (ModernGov's "Agenda and decisions" page)."""
    return PurePosixPath(doc.source).suffix.lower() in {".html", ".htm"}


_SUBJECT_LINE = re.compile(r"^subject\s*:\s*\S", re.I)


def has_subject(doc: SourceDocument) -> bool:
    """A report that heads itself "Subject: ..." (with "From:" and "To:"): a paper in its own
    right, not an appendix to another."""
    return any(_SUBJECT_LINE.match(clean(line.text)) for line in doc.lines[:40])
