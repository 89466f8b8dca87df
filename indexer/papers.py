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

import hashlib
import re
from collections import defaultdict
from datetime import date
from pathlib import PurePosixPath

from .front_sheet import AgendaEntry, read_front_sheet
from .header import read_header
from .minutes import split_numbered_minutes
from .models import Line, PublishedIn, Section, SourceDocument
from .patterns import NOT_FOR_PUBLICATION, PAGES_REF, PROCEDURAL_ITEM, exempt_reason, strip_pages, title_overlap, title_tokens

_ITEM_IN_NAME = re.compile(r"\bitem\s+(\d{1,3})\b", re.I)
_AGENDA_ITEM_NO = re.compile(r"^agenda\s+item\s+no\.?$", re.I)
_DECISION = re.compile(r"\b(\d{2})\s*[/-]\s*(\d{5})\b")
_SUBJECT = re.compile(r"^subject\s*:\s*(.+)$", re.I)
_CLASSIFICATION = re.compile(r"^classification\s*:\s*(.+)$", re.I)
_APPENDIX_NAME = re.compile(r"(?:^|[\s\-–])(appendix|annex(?:e)?)\b", re.I)
_MIN_TITLE_MATCH = 0.5
_OPENING_WORDS = 16  # a first line longer than a title runs on into a contents table
_DESCRIBING_WORDS = 60  # an appendix's opening words (a letter's addresses, a title) that say what it is
UNPLACED = "Not matched to an agenda item"


def stem(doc: SourceDocument) -> str:
    return PurePosixPath(doc.source).stem


def page_fingerprints(doc: SourceDocument) -> dict[int, str]:
    by_page: dict[int, list[str]] = defaultdict(list)
    for line in doc.lines:
        by_page[line.page or 0].append(line.text)
    return {page: hashlib.sha1(re.sub(r"\W+", "", " ".join(t)).lower().encode()).hexdigest()
            for page, t in by_page.items() if len(" ".join(t)) > 200}


def is_front_sheet(doc: SourceDocument) -> bool:
    first = " ".join(line.text for line in doc.lines[:3]).lower()
    return doc.category == "agenda_frontsheet" or "frontsheet" in stem(doc).lower().replace(" ", "") \
        or first.startswith(("agenda", "summons")) or "reports pack" in stem(doc).lower()


def is_minutes(doc: SourceDocument) -> bool:
    return doc.category == "minutes" or read_header(doc.lines).is_minutes


def decision_numbers(text: str) -> set[str]:
    return {f"{a}/{b}" for a, b in _DECISION.findall(text)}


class MeetingPapers:
    """The papers of one meeting (one committee, one date)."""

    def __init__(self, docs: list[SourceDocument], meeting_date: date | None) -> None:
        self.docs = docs
        self.meeting_date = meeting_date
        fronts = [d for d in docs if is_front_sheet(d)]
        self.front = fronts[0] if fronts else None
        self.entries: list[AgendaEntry] = []
        if self.front:
            self.entries = read_front_sheet(self.front.lines, meeting_date, "Agenda")[0]

    def sections(self) -> dict[str, list[Section]]:
        out: dict[str, list[Section]] = {}
        reports: list[tuple[SourceDocument, Section]] = []
        for doc in self.docs:
            if doc is self.front or (is_front_sheet(doc) and doc.printed_pages):
                out[doc.source] = self._front_or_pack(doc)
            elif is_minutes(doc):
                out[doc.source] = self._minutes(doc)
            else:
                section = self._paper(doc)
                reports.append((doc, section))
                out[doc.source] = [section]
        self._place_appendices(reports)
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

    # -- minutes ----------------------------------------------------------------------------
    def _minutes(self, doc: SourceDocument) -> list[Section]:
        own = read_header(doc.lines)
        when = own.meeting_date or self.meeting_date
        published = None
        if when and self.meeting_date and when != self.meeting_date:
            entry = next((e for e in self.entries if e.title.lower().startswith("minutes")), None)
            published = PublishedIn(self.meeting_date.isoformat(), entry.number if entry else 0)
        title = f"Minutes of the meeting held on {when:%-d %B %Y}" if when else "Minutes"
        sections = split_numbered_minutes(doc.lines, when, title, published)
        for s in sections:
            s.committee = own.committee
        return sections

    def _reproduced_minutes(self, lines: list[Line], entry: AgendaEntry, doc: SourceDocument) -> list[Section]:
        own = read_header(lines)
        published = PublishedIn(self.meeting_date.isoformat(), entry.number) if self.meeting_date else None
        when = own.meeting_date
        title = f"Minutes of the meeting held on {when:%-d %B %Y}" if when else "Minutes"
        return split_numbered_minutes(lines, when or self.meeting_date, title, published)

    # -- reports and appendices -------------------------------------------------------------
    def _paper(self, doc: SourceDocument) -> Section:
        head = [ln.text for ln in doc.lines[:40]]
        subject = next((m.group(1).strip() for t in head if (m := _SUBJECT.match(t))), "")
        title = subject or doc.title or stem(doc)
        kind = "appendix" if doc.category == "appendix" or _APPENDIX_NAME.search(stem(doc)) else "report"
        entry = self._entry_for(doc, title, head)
        classification = next((m.group(1) for t in head if (m := _CLASSIFICATION.match(t))), "")
        head_text = "\n".join(head)
        exempt = bool(NOT_FOR_PUBLICATION.search(head_text)) or (
            bool(classification) and not re.match(r"\s*unrestricted", classification, re.I)) or bool(entry and entry.private)
        return Section(self.meeting_date, entry.number if entry else 0, entry.title if entry else UNPLACED,
                       kind, stem(doc) if kind == "appendix" else title, doc.lines, exempt,
                       exempt_reason(head_text) if exempt else "")

    def _entry_for(self, doc: SourceDocument, title: str, head: list[str]) -> AgendaEntry | None:
        by_number = {e.number: e for e in self.entries}
        named = _ITEM_IN_NAME.search(stem(doc))
        if named and int(named.group(1)) in by_number:
            return by_number[int(named.group(1))]
        for i, text in enumerate(head[:-1]):  # a covering letter: "Agenda Item No" / "6 Questions (Pages 1 - 18)"
            if _AGENDA_ITEM_NO.match(text):
                number = re.match(r"^(\d{1,3})\b", head[i + 1])
                if number and int(number.group(1)) in by_number:
                    return by_number[int(number.group(1))]
        decisions = decision_numbers(stem(doc) + " " + " ".join(head[:12]))
        for e in self.entries:
            if decisions & decision_numbers(e.title):
                return e
        for e in self.entries:  # "Questions put and answers given - March 2025" under "Questions"
            if stem(doc).lower().startswith(strip_pages(e.title).lower()):
                return e
        substantive = [e for e in self.entries if not PROCEDURAL_ITEM.match(e.title)]
        # A file named for the reader ("February 2025 Kent County Council Budget Report") may
        # still open with the title the agenda uses; the opening line counts when it shares
        # at least three of the entry's words, so "Kent County Council" alone matches nothing.
        opening = " ".join(head[0].split()[:_OPENING_WORDS]) if head else ""
        scored = [(max(title_overlap(title, e.title), title_overlap(stem(doc), e.title),
                       title_overlap(opening, e.title) if _shared_words(opening, e.title) >= 3 else 0.0), e)
                  for e in substantive]
        best = max(scored, key=lambda s: s[0], default=(0.0, None))
        return best[1] if best[0] >= _MIN_TITLE_MATCH else None

    def _place_appendices(self, papers: list[tuple[SourceDocument, Section]]) -> None:
        """An appendix nothing else placed goes to the report of this meeting that names it by
        title ("Capital Investment Summary"), else to the report that cites its letter
        ("Appendix J", "appendices D to G"). Where reports of several items cite the same
        letter ("Appendix 1" is everywhere), the one whose words best describe the appendix
        wins; where none does, the appendix stays unplaced rather than guessed."""
        reports = [(d, s) for d, s in papers if s.kind == "report" and s.item_number]
        unplaced = [(d, s) for d, s in papers if not s.item_number and s.kind == "appendix"]
        texts = {id(r): r.text() for _, r in reports}
        for doc, section in unplaced:
            label = _appendix_label(stem(doc))
            for _, report in reports:
                if label and label.lower() in texts[id(report)].lower():
                    _attach(section, report)
                    break
        cites = [(_cited_letters(texts[id(r)]), r) for _, r in reports]
        vocab: dict[int, set[str]] = {}  # a report's words, read once however many appendices ask
        for doc, section in unplaced:
            letter = _appendix_letter(stem(doc))
            if section.item_number or not letter:
                continue
            candidates = [r for letters, r in cites if letter in letters]
            if len({r.item_number for r in candidates}) > 1:
                for r in candidates:
                    vocab.setdefault(id(r), title_tokens(texts[id(r)]))
                candidates = _best_described(doc, candidates, vocab)
            if candidates:
                _attach(section, candidates[0])
        if len({r.item_number for _, r in reports}) == 1:
            # One report at the meeting: every appendix left is its ("Appendix A - 16.12.24
            # Ministerial Letter", cited by the report only as "Appendix 1").
            for _, section in unplaced:
                if not section.item_number:
                    _attach(section, reports[0][1])


def _best_described(doc: SourceDocument, reports: list[Section], vocab: dict[int, set[str]]) -> list[Section]:
    """The report whose text shares the most of the appendix's own words (its name and
    opening), counting only words some of the reports lack: "Kent CMPB 2024 Annual Report"
    goes to the Armed Forces report, the one that mentions the CMPB. [] on a tie or no evidence."""
    opening = " ".join(" ".join(line.text for line in doc.lines[:_DESCRIBING_WORDS]).split()[:_DESCRIBING_WORDS])
    words = title_tokens(f"{_appendix_label(stem(doc))} {opening}")
    telling = [w for w in words if 0 < sum(w in vocab[id(r)] for r in reports) < len(reports)]
    scores = sorted(((sum(w in vocab[id(r)] for w in telling), i) for i, r in enumerate(reports)), reverse=True)
    if not scores or scores[0][0] == 0 or (len(scores) > 1 and scores[1][0] == scores[0][0]):
        return []
    return [reports[scores[0][1]]]


def _shared_words(a: str, b: str) -> int:
    return len(title_tokens(a) & title_tokens(b))


def _attach(appendix: Section, report: Section) -> None:
    appendix.item_number, appendix.item_title = report.item_number, report.item_title
    appendix.exempt = appendix.exempt or report.exempt
    appendix.exempt_reason = appendix.exempt_reason or report.exempt_reason


def _appendix_letter(name: str) -> str:
    """'Appendix J - Government Grants' → 'J', 'QPR Q3 Cabinet appendix 1' → '1'. A name with
    two ('1 - Annex 2 - Labour Group Alternative Budget - Appendix D': an amendment's annex,
    whose copy in the amendments pack is unplaced too) gives none."""
    found = re.findall(r"\b(?:appendix|annex(?:e)?)\s*([A-Z]{1,2}|\d{1,2})\b", name, re.I)
    return found[0].upper() if len(found) == 1 else ""


_LETTER = r"(?:[A-Z]{1,2}|\d{1,2})\b"
_SINGLE = re.compile(r"\bappendix\s+(" + _LETTER + ")", re.I)
_SEVERAL = re.compile(r"\bappendices\s+(" + _LETTER + r"(?:\s*(?:,|and|&|to|[-–])\s*" + _LETTER + ")+)", re.I)
_LISTED = re.compile(r"\s[-–]\s([A-Z])\b(?=\s|$)")  # "Reserves Policy – G" in a list of appendices


def _cited_letters(text: str) -> set[str]:
    """Appendix letters a report cites: "Appendix H", "appendices D and E", "appendices D to
    G", and the "Title – J" rows of its "List of Appendices"."""
    found = {m.upper() for m in _SINGLE.findall(text)}
    for group in _SEVERAL.findall(text):
        parts = re.findall(r"\b(?:and|to|[A-Z]{1,2}|\d{1,2})\b|[-–]", group, re.I)
        for i, part in enumerate(parts):
            if part.lower() in ("to", "-", "–") and 0 < i < len(parts) - 1:
                found |= _letter_range(parts[i - 1].upper(), parts[i + 1].upper())
            elif part.lower() not in ("to", "-", "–", "and"):
                found.add(part.upper())
    listing = re.search(r"list of appendices", text, re.I)
    if listing:
        found |= set(_LISTED.findall(text[listing.end():listing.end() + 3000]))
    return found


def _letter_range(first: str, last: str) -> set[str]:
    """'D', 'G' → {D, E, F, G}; '2', '4' → {2, 3, 4}; anything else → the two ends."""
    if first.isdigit() and last.isdigit() and int(first) <= int(last):
        return {str(n) for n in range(int(first), int(last) + 1)}
    if len(first) == len(last) == 1 and first.isalpha() and last.isalpha() and first <= last:
        return {chr(c) for c in range(ord(first), ord(last) + 1)}
    return {first, last}


def _appendix_label(name: str) -> str:
    """'Appendix A Capital Investment Summary' → 'Capital Investment Summary' (what a report
    cites it as); the letter alone would match every report."""
    rest = re.sub(r"^(appendix|annex(e)?)\s*[A-Z0-9]{0,3}\b\s*[-–:]?\s*", "", name, flags=re.I)
    rest = re.sub(r"\s*\d{2}\.\d{2}\.\d{2,4}.*$", "", rest).strip()
    return rest if len(rest.split()) >= 2 else ""


def _page_ranges(lines: list[Line]) -> dict[int, tuple[int, int]]:
    """Front-sheet entry number → (first, last) printed page, from '(Pages 11 - 84)'."""
    ranges = {}
    for line in lines:
        m = re.match(r"^(\d{1,3})\.\s.*\(pages?\s+(\d+)(?:\s*[-–]\s*(\d+))?\)", line.text, re.I)
        if m:
            ranges[int(m.group(1))] = (int(m.group(2)), int(m.group(3) or m.group(2)))
    return ranges
