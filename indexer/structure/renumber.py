"""An agenda whose item numbers were lost (an OCR scan that dropped the number column) takes
them from the minutes of the same meeting, when the index holds those: a line of the agenda
that is, word for word, the title the minutes give item N starts item N.

Limerick's agenda of 22 January 2024 reads "1. Minutes", "2. Declaration of Interest", then
"Disposal of Land", "Support Services", ... with no numbers; its minutes, filed with the next
meeting, number them 3, 4, ... Without minutes the agenda is left as read: numbers the text
does not give are not guessed.
"""
from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

from indexer.models import Section, SourceDocument
from indexer.structure.patterns import clean

_TITLE_WORDS = 2  # "Correspondence" alone is too common a line to start an item on


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", clean(text).lower()).strip()


def number_from_minutes(docs: list[SourceDocument], sections: dict[str, list[Section]]) -> None:
    titles: dict[tuple[str, date], dict[str, int]] = defaultdict(dict)
    for doc in docs:
        for s in sections[doc.source]:
            if s.kind == "minutes" and s.item_number and s.meeting_date and doc.committee_key:
                title = _norm(s.item_title)
                if len(title.split()) >= _TITLE_WORDS or title == "correspondence":
                    titles[(doc.committee_key, s.meeting_date)].setdefault(title, s.item_number)
    for doc in docs:
        agenda = [s for s in sections[doc.source] if s.kind == "agenda"]
        if not agenda or not doc.committee_key or agenda[0].meeting_date is None:
            continue
        known = titles.get((doc.committee_key, agenda[0].meeting_date))
        if not known or max(s.item_number for s in agenda) >= max(known.values()):
            continue
        sections[doc.source] = [s for s in sections[doc.source] if s.kind != "agenda"] + _renumbered(agenda, known)


def _renumbered(agenda: list[Section], known: dict[str, int]) -> list[Section]:
    out: list[Section] = []
    for section in agenda:
        current = section
        out.append(Section(current.meeting_date, current.item_number, current.item_title, "agenda",
                           current.document_title, [], current.exempt, current.exempt_reason, committee=current.committee))
        for line in section.lines:
            number = known.get(_norm(line.text))
            if number and number > out[-1].item_number and number != section.item_number:
                out.append(Section(section.meeting_date, number, clean(line.text), "agenda", section.document_title, [],
                                   section.exempt, section.exempt_reason, committee=section.committee))
            out[-1].lines.append(line)
    return [s for s in out if s.lines]
