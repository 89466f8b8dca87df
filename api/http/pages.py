"""The server-rendered page: search, answer card, meetings browser, item pages."""
from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from indexer.structure.dates import long_date
from indexer.errors import BadQuery, NotFound
from indexer.models import KINDS

from api.browse import catalog
from api.http import reading
from api.http.coverage import coverage
from api.schemas import DocumentRef
from api.formatting import citation_line, location, pasteable, where_in
from api.search.snippets import plain

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).resolve().parents[2] / "web" / "templates"))
router = APIRouter(include_in_schema=False)


def _long(iso: str | None) -> str:
    return long_date(date.fromisoformat(iso)) if iso else "undated"


def _updated(iso: str) -> str:
    """'2026-12-03T13:12:53Z' → '3 December 2026'."""
    return _long(iso[:10]) if iso else "unknown"


def document_link(item_id: str, doc: DocumentRef) -> str:
    """Where a meeting page sends a reader for one paper: the source PDF at the item's first
    page (#page=N, which PDF viewers honour) when the index knows its address, else the
    document on its item page."""
    if doc.url and not doc.withheld:
        return doc.url.split("#", 1)[0] + (f"#page={doc.page_start}" if doc.page_start else "")
    return f"/items/{item_id}#doc-{doc.position}" if doc.position else f"/items/{item_id}"


TEMPLATES.env.globals.update(long_date=_long, updated=_updated, document_link=document_link, cite=citation_line, where=location, where_in=where_in, pasteable=pasteable, kinds=KINDS)
TEMPLATES.env.filters["plain"] = plain  # papers' own markup ("**", "<p>") is not shown as text


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    viewer = getattr(request.state, "viewer", None)
    return TEMPLATES.TemplateResponse(request, name, {"viewer": viewer, **context}, status_code=status)


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status=status, status_code=status, message=message)


def _service(request: Request):  # type: ignore[no-untyped-def]
    return request.app.state.service


def _viewer(request: Request):  # type: ignore[no-untyped-def]
    from api.http.service import PUBLIC
    return getattr(request.state, "viewer", PUBLIC)


def query_string(form: dict[str, Any], **changes: Any) -> str:
    """The page's filters (and sort) as a query string, empty ones left out; `changes` override."""
    values = {**form, **changes}
    return urlencode({key: ("true" if v is True else v) for key, v in values.items() if v not in ("", None, False, 0)
                      and not (key == "sort" and v == "relevance")})


def pager(form: dict[str, Any], offset: int, k: int, shown: int, total: int) -> dict[str, Any]:
    """'1–10 of 212' and the links either side, each keeping every filter."""
    return {"start": offset + 1, "end": offset + shown, "total": total,
            "prev": "/?" + query_string(form, offset=max(0, offset - k)) if offset > 0 else None,
            "next": "/?" + query_string(form, offset=offset + k) if offset + shown < total else None}


FORM_FIELDS = ("committee", "date_from", "date_to", "kind")


def _field_named(message: str) -> str | None:
    """The form field a BadQuery's message starts with ("date_to must be a date …"), so the
    re-rendered form can show the message beside it (aria-describedby, aria-invalid)."""
    first = message.split(" ", 1)[0]
    return first if first in FORM_FIELDS else None


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request, q: str | None = None, k: int | None = None, committee: str | None = None,
                date_from: str | None = None, date_to: str | None = None, kind: str | None = None,
                exact: bool = False, offset: int | None = None, sort: str | None = None) -> HTMLResponse:
    from api.http.service import FilterError, parse_params
    service, viewer = _service(request), _viewer(request)
    form = {"q": q or "", "committee": committee or "", "date_from": date_from or "", "date_to": date_to or "",
            "kind": kind or "", "exact": exact, "sort": sort if sort == "newest" else "relevance",
            "k": k if k and k != 10 else ""}
    context: dict[str, Any] = {"form": form, "committees": service.committees(viewer.show_exempt),
                               "result": None, "answer": None, "error": None, "error_field": None, "pager": None,
                               "filters_qs": query_string(form), "filters_qs_newest": query_string(form, sort="newest"),
                               "filters_qs_relevance": query_string(form, sort="relevance"), "coverage": None, "alerts_on": bool(service.settings.smtp_host)}
    if q is not None and q.strip():
        try:
            params = parse_params(q, k, committee, date_from, date_to, kind, exact, offset, sort)
            if service.is_question(params.q) and not exact and not params.offset and params.sort == "relevance":
                context["answer"] = service.answer(params, viewer, request.url.path)
                context["result"] = context["answer"]
                hits = context["answer"].passages
            else:
                context["result"] = service.search(params, viewer, request.url.path)[0]
                hits = context["result"].results
            context["pager"] = pager(form, params.offset, params.k, len(hits), context["result"].total)
        except BadQuery as exc:
            context["error"] = str(exc)
            context["error_field"] = exc.field if isinstance(exc, FilterError) else _field_named(str(exc))
            return render(request, "search.html", status=422, **context)
    elif q is not None:
        context["error"] = "Type a few words to search for."
    if not context["result"]:
        context["coverage"] = coverage(service.searcher.store, service.manifest, viewer.show_exempt)
    return render(request, "search.html", **context)


# The accessibility statement's facts: when the page was last tested and how (README: "The page").
ACCESSIBILITY_TESTED = "2026-12-03"


@router.get("/about", response_class=HTMLResponse)
def about_page(request: Request) -> HTMLResponse:
    """What the index covers and the accessibility statement UK public-sector sites publish."""
    service, viewer = _service(request), _viewer(request)
    return render(request, "about.html", coverage=coverage(service.searcher.store, service.manifest, viewer.show_exempt),
                  tested=ACCESSIBILITY_TESTED, contact=os.environ.get("QUIRE_CONTACT", "").strip())


@router.get("/meetings", response_class=HTMLResponse)
def meetings_page(request: Request, committee: str | None = None) -> HTMLResponse:
    service, viewer = _service(request), _viewer(request)
    meetings = catalog.list_meetings(service.searcher.store, viewer.show_exempt, committee)
    groups: dict[str, list] = {}
    for m in meetings:
        groups.setdefault(m.committee or m.council, []).append(m)
    return render(request, "meetings.html", groups=groups)


@router.get("/meetings/{meeting_id}", response_class=HTMLResponse)
def meeting_page(request: Request, meeting_id: str) -> HTMLResponse:
    service, viewer = _service(request), _viewer(request)
    return render(request, "meeting.html", meeting=catalog.get_meeting(service.searcher.store, meeting_id, viewer.show_exempt))


@router.get("/items/{item_id}", response_class=HTMLResponse)
def item_page(request: Request, item_id: str) -> HTMLResponse:
    service, viewer = _service(request), _viewer(request)
    item = service.item(item_id[:300], viewer, request.url.path)
    docs = reading.layout(item)
    return render(request, "item.html", item=item, docs=docs,
                  elsewhere=json.dumps(reading.elsewhere(item.item_id, docs), separators=(",", ":")))


@router.get("/items/{item_id}/documents/{number}", response_class=HTMLResponse)
def document_page(request: Request, item_id: str, number: int, part: int = 1) -> HTMLResponse:
    """One long document of an item, a part at a time (reading.py says why)."""
    service, viewer = _service(request), _viewer(request)
    item = service.item(item_id[:300], viewer, request.url.path)
    docs = reading.layout(item)
    if not 1 <= number <= len(docs):
        raise NotFound(f"item {item_id!r} has no document {number}")
    doc = docs[number - 1]
    parts = max(1, -(-len(doc.section.passages) // reading.PART_PASSAGES))
    if not 1 <= part <= parts:
        raise NotFound(f"that document has {parts} part{'s' if parts != 1 else ''}")
    return render(request, "document.html", item=item, doc=doc, part=part, parts=parts,
                  paragraphs=reading.part_of(doc, part),
                  part_url=lambda n: reading.document_url(item.item_id, doc.number, n))


@router.get("/signin", response_class=HTMLResponse)
def signin_page(request: Request) -> HTMLResponse:
    return render(request, "signin.html", error=None)


@router.post("/signin", response_class=HTMLResponse)
def signin(request: Request, token: Annotated[str, Form(max_length=200)] = "") -> Response:
    """Exchange an API token for a session cookie (HttpOnly, Secure, SameSite=Strict)."""
    from api.http.security import SESSION_COOKIE
    from api.http.service import Viewer
    holder = request.app.state.tokens.holder(token.strip())
    if holder is None:
        return render(request, "signin.html", status=401, error="That token is not valid (or has been revoked).")
    sid = request.app.state.sessions.open(Viewer(holder.name, holder.role))
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(SESSION_COOKIE, sid, max_age=request.app.state.sessions.hours * 3600, httponly=True,
                        secure=True, samesite="strict", path="/")
    return response


@router.post("/signout")
def signout(request: Request) -> Response:
    from api.http.security import SESSION_COOKIE
    request.app.state.sessions.close(request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
