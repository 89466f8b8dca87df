"""`quire alerts add | list | remove | send`, and the send behind `quire index --send-alerts`.

What a token holder may still see and where exempt material is recorded are handed in by
api.cli (`Access`), which owns the tokens file and the audit log.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from indexer.config import Settings, get_settings
from indexer.errors import BadQuery, QuireError
from indexer.models import KINDS
from indexer.store.database import Store
from indexer.store.manifest import require_manifest

from api.alerts.store import Alert, AlertStore

# The search engine (numpy, FAISS, the model) is imported where a command needs it, so that
# `quire --help` and the other commands do not pay for it.


@dataclass(frozen=True)
class Access:
    may_show_exempt: Callable[[Alert], bool]  # does this alert's token holder still see Part II?
    audit: Callable[[str, str, str, list[str]], None] | None = None  # who, role, where, exempt ids


def add_parser(sub: argparse._SubParsersAction, default_index: str) -> argparse.ArgumentParser:
    p = sub.add_parser("alerts", help="saved searches by email (QUIRE_ALERTS_DB, QUIRE_SMTP_*, QUIRE_BASE_URL)")
    asub = p.add_subparsers(dest="action", required=True)
    a = asub.add_parser("add", help="subscribe an address to a search, confirmed at once (public view)")
    a.add_argument("email")
    a.add_argument("query")
    a.add_argument("--committee", help="only this committee (its name as the index has it)")
    a.add_argument("--kind", choices=KINDS, help="only this kind of document")
    a.add_argument("--index", default=default_index, help="the index whose papers count as already seen")
    asub.add_parser("list", help="every alert: id, address, state, query, filters, last send, last error")
    r = asub.add_parser("remove", help="delete an alert by id (as `list` prints it)")
    r.add_argument("alert_id")
    s = asub.add_parser("send", help="email each address the new passages matching its alerts")
    s.add_argument("--index", default=default_index)
    return p


def run(args: argparse.Namespace, access: Access) -> int:
    settings = get_settings()
    store = AlertStore(settings.alerts_path)
    if args.action == "add":
        return _add(args, store)
    if args.action == "remove":
        gone = store.remove(args.alert_id.strip())
        if gone is None:
            raise QuireError(f"no alert with id {args.alert_id!r} ('quire alerts list' shows them)")
        print(f"Removed alert {gone.alert_id} ({gone.email}: {gone.query!r})")
        return 0
    if args.action == "send":
        return send(Path(args.index), settings, access)
    for a in store.all():
        state = "confirmed" if a.confirmed else "unconfirmed"
        print("\t".join([a.alert_id, a.email, state, a.view, a.query, a.filters() or "-", a.created,
                         a.last_sent or "never", f"{a.sent_passages} sent", a.last_error or ""]).rstrip("\t"))
    return 0


def _add(args: argparse.Namespace, store: AlertStore) -> int:
    from api.alerts.ledger import Ledger
    from api.alerts.matching import passage_keys
    from api.search.engine import validate_query

    folder = Path(args.index)
    manifest = require_manifest(folder)
    query = validate_query(args.query, 1).text
    index = Store(folder)
    try:
        committee = _committee(index, args.committee)
        # The baseline: what the index holds now is not news to this alert.
        seq = Ledger(store).register(passage_keys(index), manifest.get("fingerprint", ""))
    finally:
        index.close()
    alert, new = store.create(args.email, query, committee, args.kind, confirmed=True, seen_upto=seq)
    if not new:
        print(f"{alert.email} already has this alert: {alert.alert_id}")
        return 0
    print(f"Added alert {alert.alert_id} for {alert.email}: {alert.query!r}"
          + (f" ({alert.filters()})" if alert.filters() else "") + "; its first email comes when new papers match")
    return 0


def _committee(index: Store, name: str | None) -> str | None:
    """The committee as the index spells it, or a BadQuery listing a few that exist."""
    if not name:
        return None
    known = [r[0] for r in index.query("SELECT DISTINCT committee FROM passages WHERE committee != '' ORDER BY 1")]
    for c in known:
        if c.lower() == name.strip().lower():
            return c
    raise BadQuery(f"no committee named {name!r} in this index (some there are: {'; '.join(known[:5])})")


def send(index: Path, settings: Settings, access: Access) -> int:
    """Run one send; 0 when every digest was delivered, 2 when some must wait for the next."""
    from api.alerts.compose import Links
    from api.alerts.send import CONFIRM_DAYS, send_alerts
    from api.alerts.smtp import Mailer
    from api.search.engine import Searcher

    require_manifest(index)
    store = AlertStore(settings.alerts_path)
    if not store.confirmed():  # nothing to match: do not load the index and its model for nothing
        store.prune_unconfirmed(CONFIRM_DAYS * 86400)
        print("alerts: no confirmed alerts; nothing to send")
        return 0
    searcher = Searcher(index)
    try:
        with Mailer(settings) as mailer:
            report = send_alerts(searcher, store, mailer, Links(settings.base_url, store.signer()), settings,
                                 access.may_show_exempt, access.audit)
    finally:
        searcher.close()
    for line in report.errors:
        print(f"quire: alerts: {line}", file=sys.stderr)
    for f in report.failed:
        print(f"quire: alerts: not delivered to {f.email} (alerts {', '.join(f.alert_ids)}): {f.reason}; "
              "it will be tried again on the next send", file=sys.stderr)
    print(report.summary())
    return 2 if report.failed or report.errors else 0
