"""Every document of a build → its Sections, with one name per council and committee.

Text files carry their own structure (segment.py). PDFs are read meeting by meeting
(papers.py), grouped by the committee and date their manifest or folders give. Names are then
made consistent: "KENT COUNTY COUNCIL" and "Kent County Council" are one council, and every
paper filed under the "cabinet" folder cites the committee as its minutes name it ("Cabinet").
"""
from __future__ import annotations

from collections import Counter, defaultdict

from .metadata import pretty_committee
from .models import Section, SourceDocument
from .papers import MeetingPapers
from .segment import segment


def _tidy(name: str) -> str:
    name = " ".join(name.split())
    return name.title() if name.isupper() else name


def segment_corpus(docs: list[SourceDocument]) -> list[tuple[SourceDocument, list[Section]]]:
    result: dict[str, list[Section]] = {}
    meetings: dict[tuple, list[SourceDocument]] = defaultdict(list)
    for doc in docs:
        if any(line.page is not None for line in doc.lines[:1]):
            meetings[(doc.committee_key, doc.meeting_date)].append(doc)
        else:
            result[doc.source] = segment(doc)
    for (_, when), group in meetings.items():
        result.update(MeetingPapers(group, when).sections())
    _harmonise(docs, result)
    return [(doc, result[doc.source]) for doc in docs]


def _harmonise(docs: list[SourceDocument], sections: dict[str, list[Section]]) -> None:
    councils = Counter(_tidy(d.council) for d in docs if d.council)
    council = councils.most_common(1)[0][0] if councils else ""
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in docs:
        for s in sections[doc.source]:
            if s.committee and doc.committee_key:
                names[doc.committee_key][_tidy(s.committee)] += 1
    for doc in docs:
        doc.council = _tidy(doc.council) if doc.council else council
        if doc.committee_key:
            canonical = names[doc.committee_key].most_common(1)[0][0] if names[doc.committee_key] else \
                pretty_committee(doc.committee_key)
            doc.committee = canonical
        doc.committee = _tidy(doc.committee)
        for s in sections[doc.source]:
            s.committee = doc.committee if doc.committee_key else _tidy(s.committee or doc.committee)
            if s.meeting_date is None:
                s.meeting_date = doc.meeting_date
