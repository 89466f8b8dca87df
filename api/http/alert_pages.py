"""The page's side of alerts: "Email me new results" under a search, and the confirm,
unsubscribe and manage pages its emails link to.

Double opt-in: the form only ever causes one email, the confirmation; nothing else goes to an
address until its link is used. The links are signed (api.alerts.signing), so no page needs a
login, and each page shows only the alerts of the address whose link it is, never the address
in full. Links act on POST only: mail scanners that fetch every link in a message cannot
confirm or cancel anything; a page with one button does, and so does a mail client's one-click
unsubscribe (RFC 8058 POSTs `List-Unsubscribe=One-Click` to the header's link).
"""
from __future__ import annotations

import calendar
import logging
import threading
import time
from typing import Annotated
from urllib.parse import urlencode, urlparse

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from indexer.errors import BadQuery, MailError
from indexer.models import KINDS

from api.alerts import compose, signing
from api.alerts.compose import Links
from api.alerts.ledger import Ledger
from api.alerts.matching import passage_keys
from api.alerts.send import CONFIRM_DAYS
from api.alerts.smtp import Mailer
from api.alerts.store import PUBLIC_VIEW, Alert, AlertStore, masked, normal_address
from api.http.pages import render
from api.search.engine import validate_query

log = logging.getLogger("quire")
router = APIRouter(include_in_schema=False)

PER_ADDRESS_HOUR = 5  # subscribe requests one address may cause in an hour: each sends an email
PER_CLIENT_HOUR = 20  # and one client, whatever addresses it types
MAX_PER_ADDRESS = 25  # alerts one address may hold; beyond, requests are quietly not taken
REQUESTED = ("If that address can receive mail, a message is on its way to it with a link to confirm the alert. "
             "Nothing else is sent until the link is used.")


class ClientWindow:
    """At most `limit` events per client in any `window_s` seconds (this server process)."""

    def __init__(self, limit: int, window_s: float) -> None:
        self.limit, self.window_s = limit, window_s
        self._events: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def allow(self, client: str) -> bool:
        now = time.monotonic()
        with self._lock:
            recent = [t for t in self._events.get(client, []) if t > now - self.window_s]
            if len(recent) >= self.limit:
                self._events[client] = recent
                return False
            self._events[client] = [*recent, now]
            return True


def _store(request: Request) -> AlertStore:
    return request.app.state.alerts


def _page(request: Request, title: str, message: str, status: int = 200, **extra: object) -> HTMLResponse:
    response = render(request, "alert.html", status=status, status_code=status, title=title, message=message, **extra)
    # The address bar holds a signed link: keep it out of caches and of other sites' logs.
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _same_origin(request: Request, base_url: str) -> bool:
    """A form posted from another site's page is refused (with SameSite=Strict sessions, it
    would only ever be a public request, but it is not ours to take). This site is the host
    asked for, or QUIRE_BASE_URL's, for a proxy that rewrites the Host header."""
    origin = request.headers.get("origin")
    ours = {request.headers.get("host", ""), urlparse(base_url).netloc}
    return origin is None or urlparse(origin).netloc in ours


def _baseline(request: Request) -> int:
    """Register the served index's passages: what is there now is not news to a new alert."""
    service = request.app.state.service
    if getattr(request.app.state, "alert_keys", None) is None:
        request.app.state.alert_keys = passage_keys(service.searcher.store)
    return Ledger(_store(request)).register(request.app.state.alert_keys, service.manifest.get("fingerprint", ""))


@router.post("/alerts", response_class=HTMLResponse)
def subscribe(request: Request, email: Annotated[str, Form(max_length=320)] = "",
              q: Annotated[str, Form(max_length=1000)] = "", committee: Annotated[str, Form(max_length=200)] = "",
              kind: Annotated[str, Form(max_length=20)] = "") -> Response:
    service, viewer = request.app.state.service, request.state.viewer
    settings = service.settings
    if not settings.smtp_host:
        return _page(request, "Alerts are not offered", "This Quire does not send email alerts.", 404)
    if not _same_origin(request, settings.base_url):
        return _page(request, "Not from this site", "Alerts can only be set up from this site's own pages.", 403)
    back = "/?" + urlencode({k: v for k, v in (("q", q), ("committee", committee), ("kind", kind)) if v})
    if not request.app.state.alert_clients.allow(request.client.host if request.client else "unknown"):
        return _page(request, "Too many requests", "Too many alerts were asked for from here in the last hour; "
                     "try again later.", 429, back=back)
    try:
        address = normal_address(email)
        query = validate_query(q, 1).text
        if kind and kind not in KINDS:
            raise BadQuery(f"kind must be one of {', '.join(KINDS)}")
        if committee and committee not in service.committees(viewer.show_exempt):
            raise BadQuery("there is no committee of that name to follow")
    except BadQuery as exc:
        return _page(request, "That didn’t work", str(exc)[0].upper() + str(exc)[1:] + ".", 422, back=back)
    store = _store(request)
    if not store.allow_request(store.signer().pseudonym(address), PER_ADDRESS_HOUR, 3600):
        return _page(request, "Too many requests", "That address has been sent enough confirmation requests for "
                     "one hour; try again later.", 429, back=back)
    if store.count_of(address) >= MAX_PER_ADDRESS:
        return _page(request, "Check your email", REQUESTED, back=back)
    view = viewer.role if viewer.show_exempt else PUBLIC_VIEW
    alert, new = store.create(address, query, committee or None, kind or None, view,
                              viewer.name if viewer.show_exempt else PUBLIC_VIEW, seen_upto=_baseline(request))
    if alert.confirmed is None:  # a confirmed twin gets no mail, and the page says the same
        try:
            with Mailer(settings) as mailer:
                mailer.deliver(compose.confirmation(settings, Links(settings.base_url, store.signer()), alert,
                                                    CONFIRM_DAYS))
        except MailError as exc:
            log.warning("alert confirmation not sent: %s", exc)
            if new:
                store.remove(alert.alert_id)
            return _page(request, "Not sent", "The confirmation email could not be sent just now; please try "
                         "again later.", 503, back=back)
    return _page(request, "Check your email", REQUESTED, back=back)


def _pending(store: AlertStore, token: str) -> Alert | None:
    """The alert a confirm link names, while the link is fresh."""
    alert_id = store.signer().verify(signing.CONFIRM, token) if store.path.exists() else None
    alert = store.get(alert_id) if alert_id else None
    if alert is None or time.time() - calendar.timegm(time.strptime(alert.created, "%Y-%m-%dT%H:%M:%SZ")) \
            > CONFIRM_DAYS * 86400:
        return None
    return alert


def _manage_path(store: AlertStore, address_id: str) -> str:
    return "/alerts/manage/" + store.signer().sign(signing.MANAGE, address_id)


@router.get("/alerts/confirm/{token}", response_class=HTMLResponse)
def confirm_page(request: Request, token: str) -> Response:
    store = _store(request)
    alert = _pending(store, token)
    if alert is None:
        return _page(request, "Link not valid", f"This confirmation link is not valid, or is more than {CONFIRM_DAYS} "
                     "days old. Set the alert up again from a search.", 404)
    if alert.confirmed:
        return _page(request, "Alert active", "This alert is already active.", alert=alert,
                     manage=_manage_path(store, alert.address_id))
    return _page(request, "Confirm your alert", "Press Confirm to have new papers that match this search emailed "
                 "to you.", alert=alert, action=f"/alerts/confirm/{token}", button="Confirm")


@router.post("/alerts/confirm/{token}", response_class=HTMLResponse)
def confirm(request: Request, token: str) -> Response:
    store = _store(request)
    alert = _pending(store, token)
    if alert is None:
        return confirm_page(request, token)
    alert = store.confirm(alert.alert_id) or alert
    return _page(request, "Alert active", "Done: you will get an email when new papers match this search. Every "
                 "email has a link to stop it.", alert=alert, manage=_manage_path(store, alert.address_id))


def _unsubscribing(store: AlertStore, token: str) -> tuple[str, str] | None:
    """('alert', id) or ('address', id) for a genuine unsubscribe link, else None."""
    if not store.path.exists():
        return None
    signer = store.signer()
    if alert_id := signer.verify(signing.UNSUBSCRIBE, token):
        return "alert", alert_id
    if address_id := signer.verify(signing.UNSUBSCRIBE_ALL, token):
        return "address", address_id
    return None


@router.get("/alerts/unsubscribe/{token}", response_class=HTMLResponse)
def unsubscribe_page(request: Request, token: str) -> Response:
    store = _store(request)
    target = _unsubscribing(store, token)
    if target is None:
        return _page(request, "Link not valid", "This unsubscribe link is not valid.", 404)
    kind, ident = target
    alert = store.get(ident) if kind == "alert" else None
    if (kind == "alert" and alert is None) or (kind == "address" and not store.of_address(ident)):
        return _page(request, "Unsubscribed", "Nothing more will be sent: this is already stopped.")
    what = "this alert" if kind == "alert" else "every alert to this address"
    return _page(request, "Unsubscribe", f"Stop {what}? No more emails will be sent for it.", alert=alert,
                 action=f"/alerts/unsubscribe/{token}", button="Unsubscribe")


@router.post("/alerts/unsubscribe/{token}", response_class=HTMLResponse)
def unsubscribe(request: Request, token: str) -> Response:
    """The page's button, and a mail client's one-click POST (RFC 8058), alike."""
    store = _store(request)
    target = _unsubscribing(store, token)
    if target is None:
        return _page(request, "Link not valid", "This unsubscribe link is not valid.", 404)
    kind, ident = target
    if kind == "alert":
        store.remove(ident)
        return _page(request, "Unsubscribed", "Done: no more emails will be sent for this alert.")
    store.remove_address(ident)
    return _page(request, "Unsubscribed", "Done: no more alert emails will be sent to this address.")


@router.get("/alerts/manage/{token}", response_class=HTMLResponse)
def manage_page(request: Request, token: str) -> Response:
    store = _store(request)
    address_id = store.signer().verify(signing.MANAGE, token) if store.path.exists() else None
    if address_id is None:
        return _page(request, "Link not valid", "This link is not valid.", 404)
    alerts = store.of_address(address_id)
    return _page(request, "Your alerts", "" if alerts else "This address has no alerts.", alerts=alerts,
                 who=masked(alerts[0].email) if alerts else "", cancel=f"/alerts/manage/{token}/cancel")


@router.post("/alerts/manage/{token}/cancel")
def manage_cancel(request: Request, token: str, alert_id: Annotated[str, Form(max_length=40)] = "") -> Response:
    store = _store(request)
    address_id = store.signer().verify(signing.MANAGE, token) if store.path.exists() else None
    if address_id is None:
        return _page(request, "Link not valid", "This link is not valid.", 404)
    for alert in store.of_address(address_id):  # only this address's own alerts can be cancelled here
        if alert_id in ("all", alert.alert_id):
            store.remove(alert.alert_id)
    return RedirectResponse(f"/alerts/manage/{token}", status_code=303)
