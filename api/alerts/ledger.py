"""What the alerts have seen of the index and what each alert was sent.

"New since the last send" needs a notion of time the index does not keep, so the alerts
database keeps one: every passage's content key is registered the first time an alert
operation meets it, with a registration number (`seen.seq`). An alert remembers the number
up to which it has dealt with passages (`alerts.seen_upto`); the passages it has not dealt
with are those registered after it. Subscribing records the current index (the baseline), so
the first digest never brings old papers.

The state moves forward only after the SMTP server took the digest: a failed delivery leaves
`seen_upto` where it was, the next send finds the same passages again and tries once more.
What was delivered is also listed per alert (`sent`), so no passage goes to an alert twice,
even if a key were met again under a newer registration.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from api.alerts.store import AlertStore, now_iso


class Ledger:
    def __init__(self, store: AlertStore) -> None:
        self.store = store

    def register(self, keys: Sequence[str], tag: str) -> int:
        """Record an index's passage keys; returns the registration every one of them is now
        at or below. `tag` (the index's fingerprint) skips the work when this index was the
        last one registered: a server does it once, not on every subscription."""
        with self.store.connect() as con:
            meta = dict(con.execute("SELECT key, value FROM meta WHERE key IN ('seq', 'registered')").fetchall())
            seq = int(meta.get("seq", 0))
            if tag and meta.get("registered") == tag:
                return seq
            before = con.total_changes
            con.executemany("INSERT OR IGNORE INTO seen VALUES (?, ?)", ((k, seq + 1) for k in keys))
            if con.total_changes > before:  # something new: it belongs to a registration of its own
                seq += 1
                con.execute("INSERT OR REPLACE INTO meta VALUES ('seq', ?)", (str(seq),))
            con.execute("INSERT OR REPLACE INTO meta VALUES ('registered', ?)", (tag,))
            return seq

    def first_seen(self) -> dict[str, int]:
        with self.store.connect() as con:
            return dict(con.execute("SELECT key, seq FROM seen").fetchall())

    def sent_keys(self, alert_id: str) -> set[str]:
        with self.store.connect() as con:
            return {r[0] for r in con.execute("SELECT key FROM sent WHERE alert_id = ?", (alert_id,))}

    def advance(self, alert_id: str, seq: int) -> None:
        """Nothing (more) to send this alert from registrations up to `seq`."""
        with self.store.connect() as con:
            con.execute("UPDATE alerts SET seen_upto = max(coalesce(seen_upto, 0), ?) WHERE alert_id = ?", (seq, alert_id))

    def delivered(self, alert_id: str, seq: int, keys: Iterable[str]) -> None:
        """The digest carrying `keys` was accepted by the SMTP server."""
        at = now_iso()
        with self.store.connect() as con:
            before = con.total_changes
            con.executemany("INSERT OR IGNORE INTO sent VALUES (?, ?, ?)", ((alert_id, k, at) for k in keys))
            added = con.total_changes - before
            con.execute("UPDATE alerts SET seen_upto = max(coalesce(seen_upto, 0), ?), last_sent = ?, last_error = NULL, "
                        "failures = 0, sent_passages = sent_passages + ? WHERE alert_id = ?", (seq, at, added, alert_id))

    def failed(self, alert_ids: Iterable[str], error: str) -> None:
        """A digest was refused or could not be handed over: keep the state, say why."""
        with self.store.connect() as con:
            con.executemany("UPDATE alerts SET last_error = ?, failures = failures + 1 WHERE alert_id = ?",
                            ((f"{now_iso()} {error}"[:500], a) for a in alert_ids))
