"""Every document of a build → its Sections, with one name per council and committee.

Text files carry their own structure (segment.py). PDFs are read meeting by meeting
(papers.py), grouped by the committee and date their manifest or folders give. Names are then
made consistent: "KENT COUNTY COUNCIL" and "Kent County Council" are one council, and every
paper filed under the "cabinet" folder cites the committee as its minutes name it ("Cabinet").
"""
from __future__ import annotations

from collections import Counter, defaultdict

from indexer.read.metadata import pretty_committee
from indexer.structure.header import plausible_committee, read_header
from indexer.structure.kinds import is_front_sheet, is_minutes, is_pdf
from indexer.models import Section, SourceDocument
from indexer.structure.kinds import page_fingerprints
from indexer.structure.papers import MeetingPapers
from indexer.structure.renumber import number_from_minutes
from indexer.structure.segment import segment


def _tidy(name: str) -> str:
    name = " ".join(name.split())
    return name.title() if name.isupper() else name


def _pack_last(doc: SourceDocument) -> tuple[int, int, str]:
    """The order in which files claim their pages: papers of a known meeting first, packs
    (which reproduce them) after, and files no manifest or folder places last, so a stray
    copy never takes the pages of the paper it copies."""
    placed = bool(doc.committee_key and doc.meeting_date)
    return (0 if placed else 1, 1 if doc.printed_pages or "pack" in doc.source.lower() else 0, doc.source)


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
        _inherit_meeting(doc, [seen[prints[p]] for p in repeated], len(prints))
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


def _inherit_meeting(doc: SourceDocument, originals: list[SourceDocument], pages: int) -> None:
    """A file nothing places (a "duplicates" folder, a loose download) whose pages mostly
    repeat one meeting's paper is another version of that paper: it joins that meeting."""
    if doc.committee_key and doc.meeting_date or not originals or len(originals) * 2 < pages:
        return
    first = Counter(o.source for o in originals).most_common(1)[0][0]
    original = next(o for o in originals if o.source == first)
    doc.committee_key = doc.committee_key or original.committee_key
    doc.meeting_date = doc.meeting_date or original.meeting_date
    doc.council_key = doc.council_key or original.council_key
    doc.url = doc.url or original.url


def speaks_for_meeting(doc: SourceDocument) -> bool:
    """A front sheet or minutes names the council that met; an appendix's letterhead (a
    borough council's letter, "Leader of the Council") does not."""
    return is_front_sheet(doc) or is_minutes(doc)


def segment_corpus(docs: list[SourceDocument]) -> list[tuple[SourceDocument, list[Section]]]:
    docs = drop_repeated_pages(docs)
    result: dict[str, list[Section]] = {}
    meetings: dict[tuple, list[SourceDocument]] = defaultdict(list)
    for doc in docs:
        if is_pdf(doc) or (doc.committee_key and doc.meeting_date):
            # every paper of a known meeting is read against that meeting's agenda, PDF or text
            if speaks_for_meeting(doc):
                doc.council = doc.council or read_header(doc.lines).council
            meetings[(doc.committee_key, doc.meeting_date)].append(doc)
        else:
            result[doc.source] = segment(doc)
    for (_, when), group in meetings.items():
        result.update(MeetingPapers(group, when).sections())
    _harmonise(docs, result)
    number_from_minutes(docs, result)
    _separate_sittings(docs, result)
    return [(doc, result[doc.source]) for doc in docs]


_SAME_SITTING_MINUTES = 30  # an agenda's "10.00 am" and minutes' "10.05 am" are one meeting


def _minutes_of_day(time: str) -> int:
    hours, minutes = time.split(":")
    return int(hours) * 60 + int(minutes)


def _separate_sittings(docs: list[SourceDocument], sections: dict[str, list[Section]]) -> None:
    """A committee that met twice on one day (Limerick's special meetings at 2pm and 3.30pm)
    holds two meetings, told apart by the time each record's heading gives; papers that give
    no time belong to the first. Where only one time is known, nothing changes."""
    by_day: dict[tuple, list[tuple[Section, str]]] = defaultdict(list)
    for doc in docs:
        header = read_header(doc.lines, filed=doc.meeting_date) if speaks_for_meeting(doc) else None
        own_date = (header.meeting_date if header else None) or doc.meeting_date
        for s in sections[doc.source]:
            time = header.time if header and s.meeting_date == own_date else ""
            by_day[(doc.council, s.committee, s.meeting_date)].append((s, time))
    for group in by_day.values():
        starts: list[str] = []
        for time in sorted({t for _, t in group if t}, key=_minutes_of_day):
            if not starts or _minutes_of_day(time) - _minutes_of_day(starts[-1]) >= _SAME_SITTING_MINUTES:
                starts.append(time)
        if len(starts) < 2:
            continue
        for section, time in group:
            section.sitting = max((t for t in starts if time and _minutes_of_day(t) <= _minutes_of_day(time)),
                                  key=_minutes_of_day, default=starts[0])


def _councils(docs: list[SourceDocument]) -> None:
    """One council name per council folder (else per corpus): what its front sheets and
    minutes say most often ("KENT COUNTY COUNCIL" and "Kent County Council" are one); a
    corpus whose papers never name it takes the council folder's name."""
    groups: dict[str, list[SourceDocument]] = defaultdict(list)
    for doc in docs:
        groups[doc.council_key].append(doc)
    for key, group in groups.items():
        named = Counter(_tidy(d.council) for d in group if d.council)
        best = named.most_common(1)[0][0] if named else pretty_committee(key)
        for doc in group:  # one council a folder: a misread letterhead ("Limenck") is not another
            doc.council = best


def _committee_name(key: str, names: Counter[str]) -> str:
    """The committee as its papers name it, when they do; else the folder's name."""
    for name, _ in names.most_common():
        if plausible_committee(name):
            return name
    return pretty_committee(key)


def _harmonise(docs: list[SourceDocument], sections: dict[str, list[Section]]) -> None:
    _councils(docs)
    councils_lower = {d.council.lower() for d in docs if d.council}
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in docs:
        for s in sections[doc.source]:
            if s.committee and doc.committee_key:
                names[doc.committee_key][_tidy(s.committee)] += 1
    for doc in docs:
        if doc.committee_key:
            doc.committee = _committee_name(doc.committee_key, names[doc.committee_key])
        doc.committee = _tidy(doc.committee)
        for s in sections[doc.source]:
            own = _tidy(s.committee) if s.committee else ""
            # minutes of another body filed with this meeting (a panel's minutes sent to
            # Council) keep the name their own header gives
            s.committee = own if own and own != doc.committee and s.kind == "minutes" and \
                own.lower() not in councils_lower else doc.committee if doc.committee_key else (own or doc.committee)
            if s.meeting_date is None:
                s.meeting_date = doc.meeting_date
