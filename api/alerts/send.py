"""A send (`quire alerts send`, `quire index --send-alerts`): for every confirmed alert, the
passages new since its last send that match it, and one digest per address.

An alert's state moves only when that is safe: straight away when it has nothing new (or on
its first send, which records the index as its baseline), and after the SMTP server accepted
the digest when it has. A digest that fails is reported, and its alerts keep their state, so
the next send finds the same passages (and any newer ones) and tries again.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from indexer.config import Settings
from indexer.errors import MailError, QuireError

from api.alerts import compose
from api.alerts.compose import Links
from api.alerts.ledger import Ledger
from api.alerts.matching import Match, match, new_passages, passage_keys
from api.alerts.smtp import Mailer
from api.alerts.store import Alert, AlertStore
from api.search.engine import Searcher

CONFIRM_DAYS = 7  # a confirmation link works this long; then the request is forgotten

MayShowExempt = Callable[[Alert], bool]  # does this alert's token holder still see Part II?
Audit = Callable[[str, str, str, list[str]], None]  # who, role, where, exempt passage ids


@dataclass
class Failure:
    email: str
    alert_ids: list[str]
    reason: str


@dataclass
class SendReport:
    alerts: int = 0  # confirmed alerts looked at
    baselined: int = 0  # first sends: the index recorded, nothing old sent
    digests: int = 0
    passages: int = 0
    pruned: int = 0  # unconfirmed requests forgotten
    failed: list[Failure] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # alerts whose query could not be run

    def summary(self) -> str:
        line = (f"alerts: {self.digests} digest{'s' if self.digests != 1 else ''} sent "
                f"({self.passages} passages) for {self.alerts} confirmed alerts")
        if self.baselined:
            line += f"; {self.baselined} first sends recorded the index (nothing old is sent)"
        if self.failed:
            line += f"; {len(self.failed)} not delivered, to be tried again on the next send"
        return line


def send_alerts(searcher: Searcher, store: AlertStore, mailer: Mailer, links: Links, settings: Settings,
                may_show_exempt: MayShowExempt, audit: Audit | None = None) -> SendReport:
    ledger = Ledger(store)
    report = SendReport(pruned=store.prune_unconfirmed(CONFIRM_DAYS * 86400))
    keys = passage_keys(searcher.store)
    seq = ledger.register(keys, searcher.manifest.get("fingerprint", ""))
    first = ledger.first_seen()
    registered = np.array([first[k] for k in keys], dtype=np.int64)
    by_address: dict[str, list[Alert]] = {}
    for alert in store.confirmed():
        by_address.setdefault(alert.address_id, []).append(alert)
    for address_id, alerts in by_address.items():
        matches: list[Match] = []
        for alert in alerts:
            report.alerts += 1
            if alert.seen_upto is None:
                ledger.advance(alert.alert_id, seq)
                report.baselined += 1
                continue
            within = new_passages(registered, keys, alert.seen_upto, ledger.sent_keys(alert.alert_id))
            try:
                found = match(searcher, alert, within, may_show_exempt(alert), keys)
            except QuireError as exc:
                report.errors.append(f"alert {alert.alert_id} ({alert.query[:60]!r}): {exc}")
                continue
            if found.keys:
                matches.append(found)
            else:
                ledger.advance(alert.alert_id, seq)
        if matches:
            _deliver(alerts[0].email, address_id, matches, seq, ledger, mailer, links, settings, report, audit)
    return report


def _deliver(email: str, address_id: str, matches: list[Match], seq: int, ledger: Ledger, mailer: Mailer,
             links: Links, settings: Settings, report: SendReport, audit: Audit | None) -> None:
    """One digest for an address; its alerts move on only once the SMTP server took it."""
    shown: set[str] = set()
    distinct = [m.without(shown) for m in matches]  # a passage two alerts found is shown once
    message = compose.digest(settings, links, email, address_id, [m for m in distinct if m.count])
    try:
        mailer.deliver(message)
    except MailError as exc:
        ledger.failed([m.alert.alert_id for m in matches], str(exc))
        report.failed.append(Failure(email, [m.alert.alert_id for m in matches], str(exc)))
        return
    for m in matches:
        ledger.delivered(m.alert.alert_id, seq, m.keys)
        if audit and m.exempt_ids:
            audit(m.alert.viewer, m.alert.view, f"alert email {m.alert.alert_id}", m.exempt_ids)
    report.digests += 1
    report.passages += len(shown)
