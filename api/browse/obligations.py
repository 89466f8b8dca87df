"""Commitments and decisions as a reader may see them (exempt ones only with rights)."""
from __future__ import annotations

import json
import sqlite3
from datetime import date

from indexer.errors import BadQuery
from indexer.store.database import Store, citation_from_json

from api.schemas import Amendment, Commitment, Decision, RelatedItem, Vote

STATUSES = ("fulfilled", "open", "overdue")
COMMITMENT_KINDS = ("report", "update", "information", "referral", "action")
DECISION_KINDS = ("resolution", "motion", "recommendation")
OUTCOMES = ("carried", "amended", "lost", "withdrawn")


def _where(show_exempt: bool, committee: str | None, date_from: date | None, date_to: date | None,
           text: str | None, text_column: str) -> tuple[list[str], list[object]]:
    clauses: list[str] = [] if show_exempt else ["c.exempt = 0"]
    params: list[object] = []
    if committee:
        clauses.append("lower(c.committee) = lower(?)")
        params.append(committee)
    if date_from:
        clauses.append("c.meeting_date >= ?")
        params.append(date_from.isoformat())
    if date_to:
        clauses.append("c.meeting_date <= ?")
        params.append(date_to.isoformat())
    if text:
        clauses.append(f"lower(c.{text_column}) LIKE ?")
        params.append(f"%{text.lower()}%")
    return clauses, params


def _commitment(row: sqlite3.Row) -> Commitment:
    return Commitment(**{k: row[k] for k in ("commitment_id", "kind", "who", "sentence", "due_text", "due_from",
                                                "due_to", "status", "item_id", "meeting_id", "committee",
                                                "meeting_date", "fulfilled_by")},
                      fulfilled_by_title=row["fulfilled_title"], citation=citation_from_json(row["citation"]),
                      permalink=f"/items/{row['item_id']}")


_COMMITMENTS = ("SELECT c.*, i.title AS fulfilled_title FROM commitments c "
                "LEFT JOIN items i ON i.item_id = c.fulfilled_by ")


def list_commitments(store: Store, show_exempt: bool, committee: str | None = None, status: str | None = None,
                     date_from: date | None = None, date_to: date | None = None, text: str | None = None,
                     item_id: str | None = None, fulfilled_by: str | None = None, kind: str | None = None,
                     owner: str | None = None) -> list[Commitment]:
    if status and status not in STATUSES:
        raise BadQuery(f"status must be one of {', '.join(STATUSES)}, not {status[:40]!r}")
    clauses, params = _where(show_exempt, committee, date_from, date_to, text, "sentence")
    if owner:  # part of a name: "Crabtree" finds "Ian Crabtree"
        clauses.append("lower(c.who) LIKE ?")
        params.append(f"%{owner.lower()}%")
    for column, value in (("status", status), ("item_id", item_id), ("fulfilled_by", fulfilled_by), ("kind", kind)):
        if value:
            clauses.append(f"c.{column} = ?")
            params.append(value)
    sql = _COMMITMENTS + (f"WHERE {' AND '.join(clauses)} " if clauses else "") + "ORDER BY c.meeting_date DESC, c.item_id"
    return [_commitment(r) for r in store.query(sql, params)]


def list_decisions(store: Store, show_exempt: bool, committee: str | None = None, date_from: date | None = None,
                   date_to: date | None = None, text: str | None = None, kind: str | None = None,
                   item_id: str | None = None, outcome: str | None = None) -> list[Decision]:
    clauses, params = _where(show_exempt, committee, date_from, date_to, text, "text")
    for column, value in (("kind", kind), ("item_id", item_id), ("outcome", outcome)):
        if value:
            clauses.append(f"c.{column} = ?")
            params.append(value)
    sql = ("SELECT c.*, (SELECT group_concat(r.number, ' ') FROM decision_refs r WHERE r.item_id = c.item_id) AS numbers "
           "FROM decisions c " + (f"WHERE {' AND '.join(clauses)} " if clauses else "") +
           "ORDER BY c.meeting_date DESC, c.item_id")
    return [_decision(r) for r in store.query(sql, params)]


def _decision(r: sqlite3.Row) -> Decision:
    return Decision(**{k: r[k] for k in ("decision_id", "kind", "text", "item_id", "meeting_id", "committee",
                                         "meeting_date", "outcome", "mover", "seconder")},
                    vote=Vote(**json.loads(r["votes"])) if r["votes"] else None,
                    amendments=[Amendment(**a) for a in json.loads(r["amendments"] or "[]")],
                    decision_numbers=sorted((r["numbers"] or "").split()),
                    citation=citation_from_json(r["citation"]), permalink=f"/items/{r['item_id']}")


def related_items(store: Store, item_id: str, show_exempt: bool) -> tuple[list[str], list[RelatedItem]]:
    """The decision numbers an item carries and the other items carrying any of them (the same
    decision at Cabinet, its call-in at scrutiny, its review at County Council), oldest first."""
    numbers = [r["number"] for r in store.query("SELECT number FROM decision_refs WHERE item_id = ? ORDER BY number",
                                                (item_id,))]
    if not numbers:
        return [], []
    marks = ",".join("?" * len(numbers))
    # the public sees an item another number links to only where some of its papers are public
    visible = "" if show_exempt else "AND EXISTS (SELECT 1 FROM sections s WHERE s.item_id = i.item_id AND s.exempt = 0) "
    rows = store.query(
        "SELECT r.number, i.item_id, i.title, m.meeting_id, m.committee, m.meeting_date FROM decision_refs r "
        "JOIN items i ON i.item_id = r.item_id JOIN meetings m ON m.meeting_id = i.meeting_id "
        f"WHERE r.number IN ({marks}) AND r.item_id != ? {visible}ORDER BY m.meeting_date, i.item_id",
        [*numbers, item_id])
    return numbers, [RelatedItem(number=r["number"], item_id=r["item_id"], title=r["title"] or "",
                                 meeting_id=r["meeting_id"], committee=r["committee"] or "",
                                 meeting_date=r["meeting_date"], permalink=f"/items/{r['item_id']}") for r in rows]
