"""Meetings, items and passages as a reader may see them.

Every function takes `show_exempt`: a public reader never receives exempt (Part II) text,
titles beyond what the public agenda says, or even confirmation that an exempt passage id
exists (it is 'not found', like any unknown id)."""
from __future__ import annotations

import json
import re
import sqlite3

from indexer.errors import NotFound
from indexer.models import PublishedIn
from indexer.store.database import Store, citation_from_json

from api.formatting import permalink
from api.browse.obligations import list_commitments, list_decisions, related_items
from api.schemas import (DocumentRef, ItemDetail, ItemSection, ItemSummary, MeetingDetail,
                      MeetingSummary, Passage, Scope)

WITHHELD_TITLE = "Exempt report (not for publication)"


def passage_model(row: sqlite3.Row, text: str | None = None) -> Passage:
    citation = citation_from_json(row["citation"])
    return Passage(passage_id=row["passage_id"], text=row["text"] if text is None else text,
                   citation=citation, item_id=row["item_id"], meeting_id=row["meeting_id"],
                   permalink=permalink(row["item_id"], row["passage_id"]))


def _visible(show_exempt: bool, alias: str = "p") -> str:
    return "1" if show_exempt else f"{alias}.exempt = 0"


def scope(store: Store, show_exempt: bool) -> Scope:
    row = store.query(
        f"SELECT count(DISTINCT meeting_id) AS m, count(DISTINCT committee) AS c, min(meeting_date) AS lo, "
        f"max(meeting_date) AS hi FROM passages p WHERE {_visible(show_exempt)}")[0]
    return Scope(meetings=row["m"], committees=row["c"], date_from=row["lo"], date_to=row["hi"])


def _meeting_summary(row: sqlite3.Row) -> MeetingSummary:
    return MeetingSummary(meeting_id=row["meeting_id"], council=row["council"] or "", committee=row["committee"] or "",
                          meeting_date=row["meeting_date"], items=row["items"])


_MEETINGS = ("SELECT m.*, (SELECT count(*) FROM items i WHERE i.meeting_id = m.meeting_id) AS items FROM meetings m "
             "WHERE EXISTS (SELECT 1 FROM passages p WHERE p.meeting_id = m.meeting_id AND {vis}) ")


def list_meetings(store: Store, show_exempt: bool, committee: str | None = None) -> list[MeetingSummary]:
    sql = _MEETINGS.format(vis=_visible(show_exempt))
    params: list[str] = []
    if committee:
        sql += "AND lower(m.committee) = lower(?) "
        params.append(committee)
    rows = store.query(sql + "ORDER BY m.meeting_date DESC, m.committee", params)
    return [_meeting_summary(r) for r in rows]


def committees(store: Store, show_exempt: bool) -> list[str]:
    rows = store.query(f"SELECT DISTINCT committee FROM passages p WHERE {_visible(show_exempt)} ORDER BY committee")
    return [r[0] for r in rows if r[0]]


def get_meeting(store: Store, meeting_id: str, show_exempt: bool) -> MeetingDetail:
    rows = store.query(_MEETINGS.format(vis=_visible(show_exempt)) + "AND m.meeting_id = ?", (meeting_id,))
    if not rows:
        raise NotFound(f"no meeting {meeting_id!r}")
    agenda = []
    for item in store.query("SELECT * FROM items WHERE meeting_id = ? ORDER BY item_number", (meeting_id,)):
        docs = [_document_ref(s, show_exempt, n) for n, s in enumerate(_sections(store, item["item_id"]), start=1)]
        unique: dict[tuple[str, str, str], DocumentRef] = {}
        for d in docs:
            unique.setdefault((d.kind, d.title, d.source), d)
        agenda.append(ItemSummary(item_id=item["item_id"], item_number=item["item_number"], title=item["title"] or "",
                                  documents=list(unique.values())))
    return MeetingDetail(**_meeting_summary(rows[0]).model_dump(), agenda=agenda,
                         meeting_url=meeting_page_url(store, meeting_id))


# ModernGov's meeting page ("Agenda and decisions"): the address a saved meeting page or a
# register row gives for a meeting as a whole, not for one of its papers.
_MEETING_PAGE = re.compile(r"(ieListDocuments|mgMeetingDetails|ieListMeetings)\.aspx", re.I)


def meeting_page_url(store: Store, meeting_id: str) -> str:
    """The council's own page for the meeting: the address of a saved meeting page (.html)
    among its papers, or of any paper that is a ModernGov meeting page; "" when unknown."""
    rows = store.query(
        "SELECT DISTINCT d.url, d.source FROM documents d WHERE d.url != '' AND d.doc_id IN "
        "(SELECT doc_id FROM passages WHERE meeting_id = ? UNION SELECT s.doc_id FROM sections s "
        "JOIN items i ON i.item_id = s.item_id WHERE i.meeting_id = ?)", (meeting_id, meeting_id))
    for row in sorted(rows, key=lambda r: r["url"]):
        if _MEETING_PAGE.search(row["url"] or "") or (row["source"] or "").lower().endswith((".html", ".htm")):
            return row["url"]
    return ""


def _sections(store: Store, item_id: str) -> list[sqlite3.Row]:
    return store.query(
        "SELECT s.*, d.source FROM sections s JOIN documents d ON d.doc_id = s.doc_id WHERE s.item_id = ? "
        "ORDER BY CASE s.kind WHEN 'agenda' THEN 0 WHEN 'report' THEN 1 WHEN 'appendix' THEN 2 ELSE 3 END, "
        "s.section_id", (item_id,))


def _document_ref(s: sqlite3.Row, show_exempt: bool, position: int = 0) -> DocumentRef:
    withheld = bool(s["exempt"]) and not show_exempt
    return DocumentRef(kind=s["kind"], title=WITHHELD_TITLE if withheld else s["document_title"] or "",
                       source=s["source"], url=s["url"] or "", withheld=withheld,
                       exempt_reason=s["exempt_reason"] or "", page_start=s["page_start"], position=position)


def get_item(store: Store, item_id: str, show_exempt: bool) -> ItemDetail:
    rows = store.query("SELECT * FROM items WHERE item_id = ?", (item_id,))
    meeting = [_meeting_summary(m) for m in store.query(_MEETINGS.format(vis=_visible(show_exempt)) + "AND m.meeting_id = ?",
                                                        (rows[0]["meeting_id"] if rows else "",))]
    if not rows or not meeting:
        raise NotFound(f"no item {item_id!r}")
    sections = []
    for s in _sections(store, item_id):
        ref = _document_ref(s, show_exempt)
        passages = [] if ref.withheld else _section_passages(store, s["section_id"])
        pub = json.loads(s["published_in"]) if s["published_in"] else None
        sections.append(ItemSection(kind=ref.kind, title=ref.title, source=ref.source, url=ref.url,
                                    exempt=bool(s["exempt"]), withheld=ref.withheld, exempt_reason=ref.exempt_reason,
                                    published_in=PublishedIn(**pub) if pub else None, passages=passages))
    numbers, related = related_items(store, item_id, show_exempt)
    decided = sorted(list_decisions(store, show_exempt, item_id=item_id),  # in the minutes' order
                     key=lambda d: (d.citation.source, d.citation.line_start or 0))
    return ItemDetail(item_id=item_id, item_number=rows[0]["item_number"], title=rows[0]["title"] or "",
                      decision_numbers=numbers, related=related,
                      meeting=meeting[0], sections=sections,
                      resolution=[d.text for d in decided if d.kind == "resolution"],
                      decisions=[d for d in decided if d.kind != "recommendation"],
                      commitments=list_commitments(store, show_exempt, item_id=item_id),
                      fulfils=list_commitments(store, show_exempt, fulfilled_by=item_id))


def _section_passages(store: Store, section_id: int) -> list[Passage]:
    """A section's passages in order, without the paragraph each repeats from the one before."""
    out: list[Passage] = []
    previous_last = ""
    for row in store.query("SELECT * FROM passages WHERE section_id = ? ORDER BY seq", (section_id,)):
        text = row["text"]
        if previous_last and text.startswith(previous_last + "\n"):
            text = text[len(previous_last) + 1:]
        previous_last = row["text"].rsplit("\n", 1)[-1]
        out.append(passage_model(row, text))
    return out


def get_passage(store: Store, passage_id: str, show_exempt: bool) -> Passage:
    rows = store.query(f"SELECT * FROM passages p WHERE passage_id = ? AND {_visible(show_exempt)}", (passage_id,))
    if not rows:
        raise NotFound(f"no passage {passage_id!r}")
    return passage_model(rows[0])
