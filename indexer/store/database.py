"""The index folder's SQLite database: documents, meetings, items, sections, passages and the
FTS5 keyword index. `write_database` fills a new file; `Store` reads one.

Passage rows are numbered by `vec_id`, which is also their row in the FAISS index, so a
dense hit and a keyword hit for the same passage meet on one integer.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from indexer.models import Citation, Passage, PublishedIn

FILENAME = "quire.sqlite"

SCHEMA = """
CREATE TABLE documents (
    doc_id TEXT PRIMARY KEY, sha256 TEXT NOT NULL, source TEXT NOT NULL, council TEXT,
    committee TEXT, meeting_date TEXT, title TEXT, url TEXT, pages INTEGER,
    image_only_pages INTEGER, also_at TEXT NOT NULL DEFAULT '[]');
CREATE TABLE meetings (
    meeting_id TEXT PRIMARY KEY, council TEXT, committee TEXT, meeting_date TEXT);
CREATE TABLE items (
    item_id TEXT PRIMARY KEY, meeting_id TEXT NOT NULL, item_number INTEGER NOT NULL,
    title TEXT);
CREATE TABLE sections (
    section_id INTEGER PRIMARY KEY, item_id TEXT NOT NULL, doc_id TEXT NOT NULL, kind TEXT,
    document_title TEXT, exempt INTEGER, exempt_reason TEXT, line_start INTEGER,
    line_end INTEGER, page_start INTEGER, page_end INTEGER, published_in TEXT, url TEXT, text TEXT);
CREATE TABLE passages (
    vec_id INTEGER PRIMARY KEY, passage_id TEXT UNIQUE NOT NULL, item_id TEXT NOT NULL,
    meeting_id TEXT NOT NULL, doc_id TEXT NOT NULL, section_id INTEGER, seq INTEGER, kind TEXT,
    exempt INTEGER, committee TEXT, meeting_date TEXT, text TEXT, context TEXT,
    citation TEXT, embed_hash TEXT);
CREATE INDEX passages_item ON passages(item_id);
CREATE INDEX items_meeting ON items(meeting_id);
CREATE INDEX sections_item ON sections(item_id);
CREATE TABLE decisions (
    decision_id TEXT PRIMARY KEY, item_id TEXT NOT NULL, meeting_id TEXT NOT NULL, committee TEXT,
    meeting_date TEXT, kind TEXT, text TEXT, exempt INTEGER, citation TEXT,
    outcome TEXT NOT NULL DEFAULT '', mover TEXT NOT NULL DEFAULT '', seconder TEXT NOT NULL DEFAULT '',
    votes TEXT, amendments TEXT NOT NULL DEFAULT '[]');
CREATE TABLE decision_refs (item_id TEXT NOT NULL, number TEXT NOT NULL, PRIMARY KEY (item_id, number));
CREATE INDEX decision_refs_number ON decision_refs(number);
CREATE TABLE commitments (
    commitment_id TEXT PRIMARY KEY, item_id TEXT NOT NULL, meeting_id TEXT NOT NULL, committee TEXT,
    meeting_date TEXT, kind TEXT, who TEXT, sentence TEXT, due_text TEXT, due_from TEXT, due_to TEXT,
    fulfilled_by TEXT, status TEXT, exempt INTEGER, citation TEXT);
CREATE INDEX decisions_item ON decisions(item_id);
CREATE INDEX commitments_item ON commitments(item_id);
CREATE INDEX commitments_fulfilled ON commitments(fulfilled_by);
CREATE TABLE abbreviations (short TEXT PRIMARY KEY, long TEXT NOT NULL, public INTEGER NOT NULL,
    passages INTEGER NOT NULL DEFAULT 0, public_passages INTEGER NOT NULL DEFAULT 0);
CREATE VIRTUAL TABLE items_fts USING fts5(
    item_id UNINDEXED, text, tokenize='porter unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE passages_fts USING fts5(
    text, context, content='passages', content_rowid='vec_id',
    tokenize='porter unicode61 remove_diacritics 2');
"""


# A new database file is written in a folder that is swapped in only once complete, so a crash
# loses nothing in service: no journal, no syncs, a large page cache.
BULK_WRITE = "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;\n"


def citation_from_json(raw: str) -> Citation:
    data = json.loads(raw)
    pub = data.pop("published_in", None)
    return Citation(**data, published_in=PublishedIn(**pub) if pub else None)


def write_database(path: Path, records: dict[str, list[dict[str, Any]]],
                   passages: Sequence[Passage], rows: Sequence[dict[str, Any]]) -> None:
    """Write every table in one transaction: `records` holds documents, meetings, items,
    sections and abbreviations; `rows[i]` holds passage i's ids and embed hash."""
    con = sqlite3.connect(path)
    try:
        con.executescript(BULK_WRITE + SCHEMA)
        for table in ("documents", "meetings", "items", "sections", "abbreviations", "decisions", "commitments",
                      "decision_refs"):
            _insert(con, table, records.get(table, []))
        _insert(con, "passages", (
            dict(row, vec_id=i, passage_id=p.passage_id, seq=p.seq, kind=p.citation.document_kind,
                 exempt=int(p.citation.exempt), committee=p.citation.committee,
                 meeting_date=p.citation.meeting_date, text=p.text, context=p.context,
                 citation=json.dumps(asdict(p.citation)))
            for i, (p, row) in enumerate(zip(passages, rows, strict=False))))
        con.execute("INSERT INTO passages_fts(passages_fts) VALUES ('rebuild')")
        count_abbreviations(con)
        # Item-level keyword index: an item's whole text (minus exempt parts, which must not
        # lift a public item's rank) as one document, for evidence spread over passages.
        con.execute("INSERT INTO items_fts (rowid, item_id, text) SELECT i.rowid, i.item_id, "
                    "i.title || char(10) || coalesce((SELECT group_concat(p.text || ' ' || p.context, char(10)) "
                    "FROM passages p WHERE p.item_id = i.item_id AND p.exempt = 0), '') FROM items i")
        con.commit()
    finally:
        con.close()


def append_database(path: Path, records: dict[str, list[dict[str, Any]]],
                    passages: Sequence[Passage], rows: Sequence[dict[str, Any]]) -> None:
    """Add whole new meetings to a database (a copy of the one in service: `quire add`), in
    one transaction: their records, passages numbered on from the last vec_id, both keyword
    indexes, and the abbreviation counts carried on. `records` and `rows` number sections
    from 0; they are moved past the sections already there."""
    con = sqlite3.connect(path)
    try:
        first_vec = con.execute("SELECT coalesce(max(vec_id) + 1, 0) FROM passages").fetchone()[0]
        first_section = con.execute("SELECT coalesce(max(section_id) + 1, 0) FROM sections").fetchone()[0]
        for r in records.get("sections", []):
            r["section_id"] += first_section
        for table in ("documents", "meetings", "items", "sections"):
            _insert(con, table, records.get(table, []))
        for table in ("decisions", "commitments", "decision_refs"):  # the same words under one item are one record
            _insert(con, table, records.get(table, []), "INSERT OR IGNORE")
        _insert(con, "passages", (
            dict(row, vec_id=first_vec + i, passage_id=p.passage_id, seq=p.seq, kind=p.citation.document_kind,
                 exempt=int(p.citation.exempt), committee=p.citation.committee, meeting_date=p.citation.meeting_date,
                 text=p.text, context=p.context, citation=json.dumps(asdict(p.citation)),
                 section_id=row["section_id"] + first_section)
            for i, (p, row) in enumerate(zip(passages, rows, strict=True))))
        con.execute("INSERT INTO passages_fts (rowid, text, context) SELECT vec_id, text, context FROM passages "
                    "WHERE vec_id >= ?", (first_vec,))
        known = {r[0] for r in con.execute("SELECT short FROM abbreviations")}
        learnt = [r for r in records.get("abbreviations", []) if r["short"] not in known]
        _insert(con, "abbreviations", learnt)
        count_abbreviations(con, known, since=first_vec)  # the passages before were counted at their build
        count_abbreviations(con, [r["short"] for r in learnt])  # a new definition: every passage writing it
        con.execute("INSERT INTO items_fts (rowid, item_id, text) SELECT i.rowid, i.item_id, "
                    "i.title || char(10) || coalesce((SELECT group_concat(p.text || ' ' || p.context, char(10)) "
                    "FROM passages p WHERE p.item_id = i.item_id AND p.exempt = 0), '') FROM items i "
                    "WHERE i.item_id IN (SELECT DISTINCT item_id FROM passages WHERE vec_id >= ?)", (first_vec,))
        con.commit()
    finally:
        con.close()


def count_abbreviations(con: sqlite3.Connection, shorts: Iterable[str] | None = None, since: int = 0) -> None:
    """How many passages, and public passages, write each abbreviation: counted once here so a
    server learns which are everyday ("KCC") without reading their postings at start. With
    `since`, only passages from that vec_id on are counted, and added to the counts kept."""
    if shorts is None:
        shorts = [r[0] for r in con.execute("SELECT short FROM abbreviations").fetchall()]
    for short in list(shorts):
        total, public = con.execute(
            "SELECT count(*), coalesce(sum(p.exempt = 0), 0) FROM passages_fts f JOIN passages p ON p.vec_id = f.rowid "
            "WHERE passages_fts MATCH ? AND f.rowid >= ?", ('"' + short.replace('"', "") + '"', since)).fetchone()
        if since:
            con.execute("UPDATE abbreviations SET passages = passages + ?, public_passages = public_passages + ? "
                        "WHERE short = ?", (total, public, short))
        else:
            con.execute("UPDATE abbreviations SET passages = ?, public_passages = ? WHERE short = ?", (total, public, short))


def _insert(con: sqlite3.Connection, table: str, records: Iterable[dict[str, Any]], verb: str = "INSERT") -> None:
    records = list(records)
    if not records:
        return
    cols = list(records[0])
    con.executemany(f"{verb} INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                    [tuple(r[c] for c in cols) for r in records])


class Store:
    """Read-only access to an index database; safe to share across threads."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / FILENAME
        self._con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        self._con.row_factory = sqlite3.Row

    def close(self) -> None:
        self._con.close()

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        return self._con.execute(sql, params).fetchall()

    def passages(self, vec_ids: Sequence[int]) -> dict[int, sqlite3.Row]:
        if not vec_ids:
            return {}
        marks = ",".join("?" * len(vec_ids))
        rows = self.query(f"SELECT * FROM passages WHERE vec_id IN ({marks})", list(vec_ids))
        return {r["vec_id"]: r for r in rows}

    def keyword(self, match: str, limit: int) -> list[tuple[int, float]]:
        """(vec_id, bm25 score: higher is better) for an FTS5 MATCH expression."""
        rows = self.query(
            "SELECT rowid, -bm25(passages_fts, 1.0, 0.35) AS score FROM passages_fts "
            "WHERE passages_fts MATCH ? ORDER BY score DESC LIMIT ?", (match, limit))
        return [(r["rowid"], r["score"]) for r in rows]

    def term_hits(self, term: str) -> set[int]:
        """vec_ids of passages containing a word or phrase (after stemming)."""
        rows = self.query("SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?", ('"' + term.replace('"', "") + '"',))
        return {r[0] for r in rows}

    def term_rows(self, term: str) -> Iterator[int]:
        """vec_ids containing a word or phrase, read lazily: a caller that stops at the first
        one it wants never reads the rest of a common word's postings."""
        cursor = self._con.execute("SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?",
                                   ('"' + term.replace('"', "") + '"',))
        for row in cursor:
            yield row[0]

    def term_count(self, term: str) -> int:
        """How many passages contain a word or phrase (counted inside SQLite)."""
        return int(self.query("SELECT count(*) FROM passages_fts WHERE passages_fts MATCH ?",
                              ('"' + term.replace('"', "") + '"',))[0][0])

    def item_keyword(self, match: str) -> dict[str, float]:
        """item_id → bm25 score (higher is better) of whole items for an FTS5 MATCH expression."""
        rows = self.query("SELECT item_id, -bm25(items_fts) AS score FROM items_fts WHERE items_fts MATCH ?", (match,))
        return {r["item_id"]: r["score"] for r in rows}

    def abbreviations(self, include_exempt: bool = False) -> dict[str, str]:
        """Definitions learnt from the papers; only those public text gives unless asked."""
        sql = "SELECT short, long FROM abbreviations" + ("" if include_exempt else " WHERE public = 1")
        return {r["short"]: r["long"] for r in self.query(sql)}

    def abbreviation_counts(self) -> dict[str, tuple[int, int]]:
        """short → (passages writing it, public passages writing it)."""
        return {r[0]: (r[1], r[2]) for r in self.query("SELECT short, passages, public_passages FROM abbreviations")}

    def column(self, name: str) -> list[Any]:
        """One passages column for every row, in vec_id order (filters become numpy masks)."""
        return [r[0] for r in self.query(f"SELECT {name} FROM passages ORDER BY vec_id")]

    def embed_hashes(self) -> list[str]:
        return self.column("embed_hash")
