"""Every document of a build → its Sections, with one name per council and committee.

Text files carry their own structure (segment.py). PDFs are read meeting by meeting
(papers.py), grouped by the committee and date their manifest or folders give. Names are then
made consistent: "KENT COUNTY COUNCIL" and "Kent County Council" are one council, and every
paper filed under the "cabinet" folder cites the committee as its minutes name it ("Cabinet").
"""
from __future__ import annotations

from collections import Counter, defaultdict

from indexer.structure.header import read_header
from indexer.read.metadata import pretty_committee
from indexer.models import Section, SourceDocument
from indexer.structure.kinds import page_fingerprints
from indexer.structure.papers import MeetingPapers
from indexer.structure.segment import segment


def _tidy(name: str) -> str:
    name = " ".join(name.split())
    return name.title() if name.isupper() else name


def _pack_last(doc: SourceDocument) -> tuple[int, str]:
    return (1 if doc.printed_pages or "pack" in doc.source.lower() else 0, doc.source)


def drop_repeated_pages(docs: list[SourceDocument]) -> list[SourceDocument]:
    """Index each page of text once. A page that repeats one already seen (a report inside a
    public pack, minutes re-published as "Minutes of Previous Meeting") is dropped from the
    later file, which is recorded on the first; a file with nothing left is a duplicate."""
    seen: dict[str, SourceDocument] = {}
    kept = []
    for doc in sorted(docs, key=_pack_last):
        if not doc.lines or doc.lines[0].page is None:
            kept.append(doc)  # text files: byte-identical copies were already set aside
            continue
        prints = page_fingerprints(doc)
        repeated = {page for page, fp in prints.items() if fp in seen}
        for page in sorted(repeated):
            first = seen[prints[page]]
            note = f"{doc.source}#page={page}"
            first.also_published.append(note)
        for fp in prints.values():
            seen.setdefault(fp, doc)
        if repeated:
            doc.lines = [ln for ln in doc.lines if ln.page not in repeated]
        if doc.lines:
            kept.append(doc)
    return sorted(kept, key=lambda d: d.source)


def segment_corpus(docs: list[SourceDocument]) -> list[tuple[SourceDocument, list[Section]]]:
    docs = drop_repeated_pages(docs)
    result: dict[str, list[Section]] = {}
    meetings: dict[tuple, list[SourceDocument]] = defaultdict(list)
    for doc in docs:
        if any(line.page is not None for line in doc.lines[:1]):
            doc.council = doc.council or read_header(doc.lines).council
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
    councils_lower = {c.lower() for c in councils}
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
            own = _tidy(s.committee) if s.committee else ""
            # minutes of another body filed with this meeting (a panel's minutes sent to
            # Council) keep the name their own header gives
            s.committee = own if own and own != doc.committee and s.kind == "minutes" and \
                own.lower() not in councils_lower else doc.committee if doc.committee_key else (own or doc.committee)
            if s.meeting_date is None:
                s.meeting_date = doc.meeting_date
