"""Which agenda entry a report or appendix file belongs to, read against its meeting's
front sheet: the entry its file or text names ("Item 7", "Agenda Item No 6"), the entry
carrying its decision number ("24/00108"), or the entry its subject best matches."""
from __future__ import annotations

import re
from datetime import date
from urllib.parse import unquote, urlparse

from indexer.models import Section, SourceDocument
from indexer.structure.front_sheet import AgendaEntry
from indexer.structure.kinds import decision_numbers, is_appendix, opening, opening_title, stem
from indexer.structure.patterns import NOT_FOR_PUBLICATION, PROCEDURAL_ITEM, exempt_reason, strip_pages, title_overlap, title_tokens

_ITEM_IN_NAME = re.compile(r"\bitem\s+(\d{1,3})\b", re.I)
_AGENDA_ITEM_NO = re.compile(r"^agenda\s+item\s+no\.?$", re.I)
_SUBJECT = re.compile(r"^subject\s*:\s*(.+)$", re.I)
_CLASSIFICATION = re.compile(r"^classification\s*:\s*(.+)$", re.I)
_QUESTION_BY = re.compile(r"^(?:question|q\d+)\s*(?:\d+\s*)?(?:by|from)\b", re.I)
_MIN_TITLE_MATCH = 0.5
_MIN_LEADING_MATCH = 0.34  # a third of the entry's words ...
_LEAD = 3.0  # ... and three times the next entry's share
_LISTED_NAME_MATCH = 0.6  # "FINAL - Public Questions and Mayor's Responses" in "…-public-questions-mayor-responses"
UNPLACED = "Not matched to an agenda item"


def paper_section(doc: SourceDocument, entries: list[AgendaEntry], meeting_date: date | None) -> Section:
    """A report or appendix as one section under the entry it belongs to (UNPLACED when
    none), marked exempt when its head or its entry says it is not for publication."""
    head = [ln.text for ln in doc.lines[:40]]
    subject = next((m.group(1).strip() for t in head if (m := _SUBJECT.match(t))), "")
    title = subject or doc.title or stem(doc)
    kind = "appendix" if is_appendix(doc) else "report"
    entry = entry_for(doc, title, head, entries)
    classification = next((m.group(1) for t in head if (m := _CLASSIFICATION.match(t))), "")
    head_text = "\n".join(head)
    exempt = bool(NOT_FOR_PUBLICATION.search(head_text)) or (
        bool(classification) and not re.match(r"\s*unrestricted", classification, re.I)) or bool(entry and entry.private)
    return Section(meeting_date, entry.number if entry else 0, entry.title if entry else UNPLACED,
                   kind, stem(doc) if kind == "appendix" else title, doc.lines, exempt,
                   exempt_reason(head_text) if exempt else "")


def entry_for(doc: SourceDocument, title: str, head: list[str], entries: list[AgendaEntry]) -> AgendaEntry | None:
    """The agenda entry a report belongs to: the item its file or covering letter names, the
    entry carrying its decision number, the entry its name starts with, else the entry its
    subject best matches (None below _MIN_TITLE_MATCH)."""
    by_number = {e.number: e for e in entries}
    listed = _listed_entry(doc, title, entries)
    if listed:
        return listed
    named = _ITEM_IN_NAME.search(stem(doc))
    if named and int(named.group(1)) in by_number:
        return by_number[int(named.group(1))]
    for i, text in enumerate(head[:-1]):  # a covering letter: "Agenda Item No" / "6 Questions (Pages 1 - 18)"
        if _AGENDA_ITEM_NO.match(text):
            number = re.match(r"^(\d{1,3})\b", head[i + 1])
            if number and int(number.group(1)) in by_number:
                return by_number[int(number.group(1))]
    decisions = decision_numbers(stem(doc) + " " + " ".join(head[:12]))
    for e in entries:
        if decisions & decision_numbers(e.title):
            return e
    for e in entries:  # "Questions put and answers given - March 2025" under "Questions"
        if stem(doc).lower().startswith(strip_pages(e.title).lower()):
            return e
    if any(_QUESTION_BY.match(t) for t in opening(doc, 4)):
        # "Question by Paul Stepto to Rory Love": questions put at the meeting, under its
        # one entry for questions when it has exactly one
        asking = [e for e in entries if re.search(r"\bquestions?\b", e.title, re.I)]
        if len(asking) == 1:
            return asking[0]
    substantive = [e for e in entries if not PROCEDURAL_ITEM.match(e.title)]
    # A file named for the reader ("February 2025 Kent County Council Budget Report") may
    # still open with the title the agenda uses; the opening line counts when it shares
    # at least three of the entry's words, so "Kent County Council" alone matches nothing.
    openings = [opening_title(doc), *opening(doc, 3)]
    scored = [(max(title_overlap(title, e.title), title_overlap(stem(doc), e.title),
                   *(title_overlap(o, e.title) for o in openings if _shared_words(o, e.title) >= 3)), e)
              for e in substantive]
    scored.sort(key=lambda s: s[0], reverse=True)
    if not scored:
        return None
    best, runner_up = scored[0][0], scored[1][0] if len(scored) > 1 else 0.0
    if best >= _MIN_TITLE_MATCH:
        return scored[0][1]
    # "Finance Monitoring Report / As at November 2024-25" shares 4 of the 9 words of
    # "24/00108 - Revenue and Capital Budget Monitoring Report – November 2024-25" and no
    # other entry comes close: a clear lead counts where the share alone is short
    if best >= _MIN_LEADING_MATCH and best >= _LEAD * runner_up:
        return scored[0][1]
    return None


def _shared_words(a: str, b: str) -> int:
    return len(title_tokens(a) & title_tokens(b))


def _same_address(a: str, b: str) -> bool:
    """Two links to one file: the same path once decoded ("documents/s11641/FINAL - …pdf"
    relative on the saved page, absolute and %-encoded in the register)."""
    pa, pb = (unquote(urlparse(u).path).strip("/").lower() for u in (a, b))
    return bool(pa and pb) and (pa.endswith(pb) or pb.endswith(pa))


def _listed_entry(doc: SourceDocument, title: str, entries: list[AgendaEntry]) -> AgendaEntry | None:
    """The entry a meeting page lists this paper under: by its address, else by the name the
    page gives it, when most of that name's words are the file's name or title."""
    if doc.url:
        for e in entries:
            if any(_same_address(doc.url, url) for _, url in e.papers):
                return e
    named = f"{stem(doc)} {title}"
    scored = [(max(title_overlap(named, name) for name, _ in e.papers), e) for e in entries if e.papers]
    best = max(scored, key=lambda s: s[0], default=(0.0, None))
    return best[1] if best[0] >= _LISTED_NAME_MATCH else None
