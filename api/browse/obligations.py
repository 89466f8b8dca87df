"""Commitments and decisions as a reader may see them (exempt ones only with rights)."""
from __future__ import annotations

import sqlite3
from datetime import date

from indexer.errors import BadQuery
from indexer.store.database import Store, citation_from_json

from api.schemas import Commitment, Decision

STATUSES = ("fulfilled", "open", "overdue")


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
                     item_id: str | None = None, fulfilled_by: str | None = None) -> list[Commitment]:
    if status and status not in STATUSES:
        raise BadQuery(f"status must be one of {', '.join(STATUSES)}, not {status[:40]!r}")
    clauses, params = _where(show_exempt, committee, date_from, date_to, text, "sentence")
    for column, value in (("status", status), ("item_id", item_id), ("fulfilled_by", fulfilled_by)):
        if value:
            clauses.append(f"c.{column} = ?")
            params.append(value)
    sql = _COMMITMENTS + (f"WHERE {' AND '.join(clauses)} " if clauses else "") + "ORDER BY c.meeting_date DESC, c.item_id"
    return [_commitment(r) for r in store.query(sql, params)]


def list_decisions(store: Store, show_exempt: bool, committee: str | None = None, date_from: date | None = None,
                   date_to: date | None = None, text: str | None = None, kind: str | None = None,
                   item_id: str | None = None) -> list[Decision]:
    clauses, params = _where(show_exempt, committee, date_from, date_to, text, "text")
    for column, value in (("kind", kind), ("item_id", item_id)):
        if value:
            clauses.append(f"c.{column} = ?")
            params.append(value)
    sql = "SELECT * FROM decisions c " + (f"WHERE {' AND '.join(clauses)} " if clauses else "") + \
        "ORDER BY c.meeting_date DESC, c.item_id"
    return [Decision(**{k: r[k] for k in ("decision_id", "kind", "text", "item_id", "meeting_id", "committee",
                                           "meeting_date")}, citation=citation_from_json(r["citation"]),
                     permalink=f"/items/{r['item_id']}") for r in store.query(sql, params)]
