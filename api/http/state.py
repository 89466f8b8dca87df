"""Sign-in sessions and rate-limit buckets in one small SQLite file (QUIRE_STATE_DB), so they
hold across server workers, restarts and replicas that share the file: a reader signed in on
one worker is signed in on the others, and a client cannot multiply its rate limit by the
number of workers. WAL mode lets the workers read while one writes; every request costs one
short transaction (~0.1 ms)."""
from __future__ import annotations

import secrets
import sqlite3
import threading
import time
from pathlib import Path

from api.http.service import Viewer

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (sid TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, expires REAL NOT NULL);
CREATE TABLE IF NOT EXISTS buckets (client TEXT PRIMARY KEY, tokens REAL NOT NULL, last REAL NOT NULL);
"""


class SharedState:
    """One connection per thread to the state file (sqlite3 connections are not shared)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        with self.connect() as con:
            con.executescript(_SCHEMA)

    def connect(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA synchronous=NORMAL")
            self._local.con = con
        return con


class Sessions:
    """Page sign-ins: the cookie holds only a random id; who it is lives in the state file."""

    def __init__(self, state: SharedState, hours: int) -> None:
        self.state, self.hours = state, hours

    def open(self, viewer: Viewer) -> str:
        sid = secrets.token_urlsafe(32)
        con = self.state.connect()
        con.execute("DELETE FROM sessions WHERE expires < ?", (time.time(),))
        con.execute("INSERT INTO sessions VALUES (?, ?, ?, ?)", (sid, viewer.name, viewer.role, time.time() + self.hours * 3600))
        return sid

    def viewer(self, sid: str | None) -> Viewer | None:
        if not sid:
            return None
        row = self.state.connect().execute("SELECT name, role, expires FROM sessions WHERE sid = ?", (sid,)).fetchone()
        if row is None or row[2] < time.time():
            return None
        return Viewer(row[0], row[1])

    def close(self, sid: str | None) -> None:
        self.state.connect().execute("DELETE FROM sessions WHERE sid = ?", (sid or "",))


class RateLimiter:
    """Token bucket per client: `per_minute` requests a minute, bursts up to a quarter of that;
    the buckets are shared by every worker using the state file."""

    def __init__(self, state: SharedState, per_minute: int) -> None:
        self.state = state
        self.rate = per_minute / 60.0
        self.burst = max(1.0, per_minute / 4)

    def wait_seconds(self, client: str) -> float:
        """0 if the request may go ahead, else how long until it could."""
        if self.rate <= 0:
            return 0.0
        now = time.time()
        con = self.state.connect()
        con.execute("BEGIN IMMEDIATE")  # read and update the bucket as one step across processes
        try:
            row = con.execute("SELECT tokens, last FROM buckets WHERE client = ?", (client,)).fetchone()
            tokens, last = row if row else (self.burst, now)
            tokens = min(self.burst, tokens + max(0.0, now - last) * self.rate)
            wait = 0.0 if tokens >= 1 else (1 - tokens) / self.rate
            con.execute("INSERT OR REPLACE INTO buckets VALUES (?, ?, ?)", (client, tokens - 1 if tokens >= 1 else tokens, now))
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return wait
