"""The alerts database: addresses, their alerts, and the record of what each alert was sent.

One SQLite file (QUIRE_ALERTS_DB), beside the tokens file and outside any index folder, so a
rebuilt index keeps its subscribers. It holds e-mail addresses and the links' signing secret,
so it is created readable by its owner only (0600). The web server's workers and `quire alerts
send` may use it at once: WAL mode, and every operation opens its own short connection.
"""
from __future__ import annotations

import os
import re
import secrets
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.headerregistry import Address
from pathlib import Path

from indexer.errors import BadQuery

from api.alerts.signing import Signer

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS addresses (address_id TEXT PRIMARY KEY, email TEXT UNIQUE NOT NULL, created TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS alerts (
    alert_id TEXT PRIMARY KEY, address_id TEXT NOT NULL REFERENCES addresses(address_id), query TEXT NOT NULL,
    committee TEXT, kind TEXT, view TEXT NOT NULL, viewer TEXT NOT NULL, created TEXT NOT NULL,
    confirmed TEXT, seen_upto INTEGER, last_sent TEXT, last_error TEXT, failures INTEGER NOT NULL DEFAULT 0,
    sent_passages INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS alerts_address ON alerts(address_id);
-- every passage (by content key) the alerts have seen in an index, and in which registration
CREATE TABLE IF NOT EXISTS seen (key TEXT PRIMARY KEY, seq INTEGER NOT NULL);
-- what each alert has been sent: never the same passage twice
CREATE TABLE IF NOT EXISTS sent (alert_id TEXT NOT NULL, key TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (alert_id, key));
-- subscribe requests per address (a keyed hash, not the address) for the hourly limit
CREATE TABLE IF NOT EXISTS requests (who TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS requests_who ON requests(who, at);
"""
PUBLIC_VIEW = "public"
MAX_EMAIL = 254  # RFC 5321's limit on a forward path
_COLUMNS = ("a.alert_id, a.address_id, d.email, a.query, a.committee, a.kind, a.view, a.viewer, a.created, "
            "a.confirmed, a.seen_upto, a.last_sent, a.last_error, a.failures, a.sent_passages")


@dataclass(frozen=True)
class Alert:
    alert_id: str
    address_id: str
    email: str
    query: str
    committee: str | None
    kind: str | None
    view: str  # "public", or the role of the token holder who subscribed ("officer", "member")
    viewer: str  # "public", or that token holder's name (checked again at every send)
    created: str
    confirmed: str | None
    seen_upto: int | None  # passages first seen after this registration are new to it; None: not yet
    last_sent: str | None
    last_error: str | None
    failures: int
    sent_passages: int

    def filters(self) -> str:
        """'Cabinet · minutes' for a line under the query; empty without filters."""
        return " · ".join(p for p in (self.committee, self.kind) if p)


def now_iso() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def normal_address(text: str) -> str:
    """One plain address (`name@example.org`), lower-cased, or a BadQuery saying why not. No
    display names, lists or header tricks: the address goes into a To header."""
    email = (text or "").strip().lower()
    if not email:
        raise BadQuery("type the e-mail address the alerts should go to")
    if len(email) > MAX_EMAIL or not re.fullmatch(r"[^@\s,;<>()\"'\\]+@[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?\.[a-z]{2,}",
                                                 email):
        raise BadQuery("that does not look like an e-mail address (name@example.org)")
    try:
        Address(addr_spec=email)
    except (ValueError, IndexError):
        raise BadQuery("that does not look like an e-mail address (name@example.org)") from None
    return email


def masked(email: str) -> str:
    """'r•••@example.org': enough for its owner to recognise, too little to harvest."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}•••@{domain}"


class AlertStore:
    def __init__(self, path: Path) -> None:
        self.path = path

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        """A short connection in one transaction; creates the file (0600) on first use."""
        fresh = not self.path.exists()
        if fresh:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.touch(mode=0o600)
            os.chmod(self.path, 0o600)
        con = sqlite3.connect(self.path, timeout=15)
        con.row_factory = sqlite3.Row
        try:
            if fresh:
                con.execute("PRAGMA journal_mode=WAL")
            con.executescript(SCHEMA)
            with con:
                yield con
        finally:
            con.close()

    def signer(self) -> Signer:
        with self.connect() as con:
            con.execute("INSERT OR IGNORE INTO meta VALUES ('secret', ?)", (secrets.token_hex(32),))
            return Signer(bytes.fromhex(con.execute("SELECT value FROM meta WHERE key = 'secret'").fetchone()[0]))

    def _select(self, con: sqlite3.Connection, where: str = "1", params: tuple = ()) -> list[Alert]:
        rows = con.execute(f"SELECT {_COLUMNS} FROM alerts a JOIN addresses d USING (address_id) "
                           f"WHERE {where} ORDER BY a.created, a.rowid", params).fetchall()
        return [Alert(**dict(r)) for r in rows]

    def create(self, email: str, query: str, committee: str | None = None, kind: str | None = None,
               view: str = PUBLIC_VIEW, viewer: str = PUBLIC_VIEW, confirmed: bool = False,
               seen_upto: int | None = None) -> tuple[Alert, bool]:
        """(the alert, whether it is new). The same address, query, filters and view make the
        same alert: asking twice neither duplicates it nor says whether it existed."""
        email = normal_address(email)
        with self.connect() as con:
            con.execute("INSERT OR IGNORE INTO addresses VALUES (?, ?, ?)", (secrets.token_hex(8), email, now_iso()))
            address_id = con.execute("SELECT address_id FROM addresses WHERE email = ?", (email,)).fetchone()[0]
            same = self._select(con, "a.address_id = ? AND a.query = ? AND a.committee IS ? AND a.kind IS ? "
                                     "AND a.view = ? AND a.viewer = ?",
                                (address_id, query, committee, kind, view, viewer))
            if same:
                return same[0], False
            alert_id = secrets.token_hex(5)
            con.execute("INSERT INTO alerts (alert_id, address_id, query, committee, kind, view, viewer, created, "
                        "confirmed, seen_upto) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (alert_id, address_id, query, committee, kind, view, viewer, now_iso(),
                         now_iso() if confirmed else None, seen_upto))
            return self._select(con, "a.alert_id = ?", (alert_id,))[0], True

    def get(self, alert_id: str) -> Alert | None:
        with self.connect() as con:
            found = self._select(con, "a.alert_id = ?", (alert_id,))
        return found[0] if found else None

    def all(self) -> list[Alert]:
        with self.connect() as con:
            return self._select(con)

    def confirmed(self) -> list[Alert]:
        with self.connect() as con:
            return self._select(con, "a.confirmed IS NOT NULL")

    def of_address(self, address_id: str) -> list[Alert]:
        with self.connect() as con:
            return self._select(con, "a.address_id = ?", (address_id,))

    def count_of(self, email: str) -> int:
        with self.connect() as con:
            return con.execute("SELECT count(*) FROM alerts JOIN addresses USING (address_id) WHERE email = ?",
                               (email,)).fetchone()[0]

    def confirm(self, alert_id: str) -> Alert | None:
        with self.connect() as con:
            con.execute("UPDATE alerts SET confirmed = ? WHERE alert_id = ? AND confirmed IS NULL", (now_iso(), alert_id))
            found = self._select(con, "a.alert_id = ?", (alert_id,))
        return found[0] if found else None

    def remove(self, alert_id: str) -> Alert | None:
        """Delete an alert and what it was sent; an address left with no alerts is forgotten."""
        with self.connect() as con:
            found = self._select(con, "a.alert_id = ?", (alert_id,))
            con.execute("DELETE FROM sent WHERE alert_id = ?", (alert_id,))
            con.execute("DELETE FROM alerts WHERE alert_id = ?", (alert_id,))
            con.execute("DELETE FROM addresses WHERE address_id NOT IN (SELECT address_id FROM alerts)")
        return found[0] if found else None

    def remove_address(self, address_id: str) -> int:
        removed = [a.alert_id for a in self.of_address(address_id)]
        for alert_id in removed:
            self.remove(alert_id)
        return len(removed)

    def prune_unconfirmed(self, max_age_s: float) -> int:
        """Forget requests never confirmed (their links have expired): nothing is kept for an
        address that did not ask for it."""
        cutoff = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - max_age_s))
        with self.connect() as con:
            stale = [r[0] for r in con.execute("SELECT alert_id FROM alerts WHERE confirmed IS NULL AND created < ?",
                                               (cutoff,))]
        for alert_id in stale:
            self.remove(alert_id)
        return len(stale)

    def allow_request(self, who: str, limit: int, window_s: float) -> bool:
        """Record a subscribe request for `who` (a pseudonym) unless it already made `limit` in
        the last `window_s` seconds: Quire must not be a way to flood someone's inbox."""
        now = time.time()
        with self.connect() as con:
            con.execute("DELETE FROM requests WHERE at < ?", (now - window_s,))
            if con.execute("SELECT count(*) FROM requests WHERE who = ?", (who,)).fetchone()[0] >= limit:
                return False
            con.execute("INSERT INTO requests VALUES (?, ?)", (who, now))
        return True
