"""Alert emails: the confirmation and the digest, as plain text and HTML (Jinja2 templates in
web/templates/email, HTML autoescaped), with the headers mail clients act on.

Every message carries `List-Unsubscribe` with an HTTPS link and `List-Unsubscribe-Post:
List-Unsubscribe=One-Click` (RFC 8058), so a mail client's own "Unsubscribe" button works
without opening a page; `Auto-Submitted` keeps out-of-office replies away (RFC 3834).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from pathlib import Path
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from indexer.config import Settings
from indexer.structure.dates import long_date

from api.alerts import signing
from api.alerts.matching import Match
from api.alerts.signing import Signer
from api.alerts.store import Alert
from api.formatting import citation_line, location, pasteable, where_in

TEMPLATES = Path(__file__).resolve().parents[2] / "web" / "templates" / "email"
SUBJECT_QUERY = 60  # characters of the query in a subject line


def _long(iso: str | None) -> str:
    return long_date(date.fromisoformat(iso)) if iso else "undated"


_env = Environment(loader=FileSystemLoader(str(TEMPLATES)), undefined=StrictUndefined, keep_trailing_newline=True,
                   trim_blocks=True, lstrip_blocks=True,
                   autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False))
_env.globals.update(long_date=_long, cite=citation_line, where=location, where_in=where_in, pasteable=pasteable)


@dataclass(frozen=True)
class Links:
    """Absolute links for emails: QUIRE_BASE_URL plus a path, signed where it acts."""

    base: str
    signer: Signer

    def url(self, path: str) -> str:
        return self.base.rstrip("/") + path

    def confirm(self, alert: Alert) -> str:
        return self.url("/alerts/confirm/" + self.signer.sign(signing.CONFIRM, alert.alert_id))

    def unsubscribe(self, alert: Alert) -> str:
        return self.url("/alerts/unsubscribe/" + self.signer.sign(signing.UNSUBSCRIBE, alert.alert_id))

    def unsubscribe_all(self, address_id: str) -> str:
        return self.url("/alerts/unsubscribe/" + self.signer.sign(signing.UNSUBSCRIBE_ALL, address_id))

    def manage(self, address_id: str) -> str:
        return self.url("/alerts/manage/" + self.signer.sign(signing.MANAGE, address_id))

    def search(self, alert: Alert) -> str:
        params = {k: v for k, v in (("q", alert.query), ("committee", alert.committee), ("kind", alert.kind)) if v}
        return self.url("/?" + urlencode(params))


def _one_line(text: str, limit: int = SUBJECT_QUERY) -> str:
    flat = " ".join(text.split())  # no line breaks can reach a header
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _message(settings: Settings, to: str, subject: str, template: str, unsubscribe: str, **context: object) -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = subject
    msg["From"] = settings.mail_from
    msg["To"] = to
    msg["Date"] = formatdate(usegmt=True)
    msg["Message-ID"] = make_msgid("quire", domain=parseaddr(settings.mail_from)[1].rpartition("@")[2] or "localhost")
    msg["List-Unsubscribe"] = f"<{unsubscribe}>"
    msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(_env.get_template(template + ".txt").render(**context))
    msg.add_alternative(_env.get_template(template + ".html").render(**context), subtype="html")
    return msg


def confirmation(settings: Settings, links: Links, alert: Alert, expires_days: int) -> EmailMessage:
    """The one message an unconfirmed address ever gets."""
    return _message(settings, alert.email, f"Confirm your Quire alert for “{_one_line(alert.query)}”", "confirm",
                    links.unsubscribe(alert), alert=alert, confirm=links.confirm(alert), expires_days=expires_days,
                    search=links.search(alert), signed_in=alert.view != "public")


def digest(settings: Settings, links: Links, email: str, address_id: str, matches: list[Match]) -> EmailMessage:
    """One email for all of an address's alerts that found something new."""
    total = sum(m.count for m in matches)
    if len(matches) == 1:
        subject = f"Quire: {total} new passage{'s' if total != 1 else ''} for “{_one_line(matches[0].alert.query)}”"
    else:
        subject = f"Quire: new papers for {len(matches)} of your alerts"
    return _message(settings, email, subject, "digest", links.unsubscribe_all(address_id), matches=matches,
                    url=links.url, stop=links.unsubscribe, search=links.search, manage=links.manage(address_id),
                    stop_all=links.unsubscribe_all(address_id), total=total)
