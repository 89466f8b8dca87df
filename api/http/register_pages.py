"""The decisions register (/decisions) and the commitments register (/commitments): filter by
committee, meeting dates, words and kind (commitments also by status and owner), and take the
same list away as CSV or JSON. Pages and exports share one parser, so a filter the page
refuses the export refuses too, naming the field at fault.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from api.browse.obligations import COMMITMENT_KINDS, DECISION_KINDS, OUTCOMES, STATUSES
from api.http.exports import BOM, safe_cell
from api.http.pages import render
from api.schemas import Commitment, Decision

router = APIRouter(include_in_schema=False)
MAX_TEXT = 200  # as the API's text and committee filters

DECISION_CSV = ["meeting_date", "committee", "item_title", "kind", "outcome", "mover", "seconder", "votes_for",
                "votes_against", "votes_abstain", "amendments", "decision_numbers", "text", "source", "page_start",
                "line_start", "permalink"]
COMMITMENT_CSV = ["meeting_date", "committee", "item_title", "kind", "who", "sentence", "due_text", "due_from", "due_to",
                  "status", "fulfilled_by_title", "fulfilled_by", "source", "page_start", "line_start", "permalink"]


@dataclass
class Filters:
    """A register's filters as typed, and the errors found in them, by field."""
    form: dict[str, str]
    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def _date(filters: Filters, name: str, label: str) -> None:
    raw = filters.form.get(name, "")
    if not raw:
        return
    try:
        filters.values[name] = date.fromisoformat(raw)
    except ValueError:
        filters.errors[name] = f"{label} must be a date written YYYY-MM-DD, like 2025-02-13 (not “{raw[:40]}”)."


def _choice(filters: Filters, name: str, label: str, allowed: tuple[str, ...]) -> None:
    raw = filters.form.get(name, "")
    if raw and raw not in allowed:
        filters.errors[name] = f"{label} must be one of {', '.join(allowed)} (not “{raw[:40]}”)."
    elif raw:
        filters.values[name] = raw


def parse(request: Request, choices: dict[str, tuple[str, tuple[str, ...]]], free: dict[str, str]) -> Filters:
    """Read committee, date_from, date_to and the register's own fields from the query string."""
    q = request.query_params
    names = ["committee", "date_from", "date_to", *free, *choices]
    filters = Filters({n: (q.get(n) or "").strip() for n in names})
    service, viewer = request.app.state.service, getattr(request.state, "viewer", None)
    for name, label in {"committee": "Committee", **free}.items():
        raw = filters.form[name]
        if len(raw) > MAX_TEXT:
            filters.errors[name] = f"{label} is longer than {MAX_TEXT} characters."
        elif raw:
            filters.values[name] = raw
    committee = filters.values.get("committee")
    known = service.committees(bool(viewer and viewer.show_exempt))
    if committee and committee.lower() not in {c.lower() for c in known}:
        filters.errors["committee"] = f"No committee called “{committee[:80]}” is in the index."
        filters.values.pop("committee")
    _date(filters, "date_from", "Meetings from")
    _date(filters, "date_to", "Meetings to")
    if "date_from" in filters.values and "date_to" in filters.values and filters.values["date_from"] > filters.values["date_to"]:
        filters.errors["date_from"] = "Meetings from is after Meetings to."
    for name, (label, allowed) in choices.items():
        _choice(filters, name, label, allowed)
    return filters


def _viewer(request: Request):  # type: ignore[no-untyped-def]
    from api.http.service import PUBLIC
    return getattr(request.state, "viewer", PUBLIC)


def _decision_filters(request: Request) -> Filters:
    return parse(request, {"kind": ("Kind", DECISION_KINDS), "outcome": ("Outcome", OUTCOMES)}, {"text": "Containing"})


def _commitment_filters(request: Request) -> Filters:
    return parse(request, {"kind": ("Kind", COMMITMENT_KINDS), "status": ("Status", STATUSES)},
                 {"text": "Containing", "owner": "Owner"})


def _decisions(request: Request, filters: Filters) -> list[Decision]:
    return request.app.state.service.decisions(_viewer(request), request.url.path, **filters.values) if not filters.errors else []


def _commitments(request: Request, filters: Filters) -> list[Commitment]:
    return request.app.state.service.commitments(_viewer(request), request.url.path, **filters.values) if not filters.errors else []


def _page(request: Request, template: str, filters: Filters, rows: list, export: str, **context: Any) -> HTMLResponse:
    service, viewer = request.app.state.service, _viewer(request)
    query = urlencode({k: v for k, v in filters.form.items() if v})
    return render(request, template, status=422 if filters.errors else 200, rows=rows, form=filters.form,
                  errors=filters.errors, export=export, query=query,
                  committees=service.committees(viewer.show_exempt), **context)


def _refused(filters: Filters) -> Response:
    return Response(json.dumps({"detail": " ".join(filters.errors.values()), "fields": filters.errors}),
                    status_code=422, media_type="application/json")


def to_csv(fields: list[str], rows: list[dict[str, Any]]) -> str:
    """UTF-8 with a BOM (Excel reads £ and dashes right) and no cell a spreadsheet would run as a formula."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: safe_cell(v) for k, v in row.items()})
    return out.getvalue()


def _download(body: str, media: str, name: str) -> Response:
    return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})


def decision_row(d: Decision, base: str) -> dict[str, Any]:
    c = d.citation
    return {"meeting_date": d.meeting_date, "committee": d.committee, "item_title": c.item_title, "kind": d.kind,
            "outcome": d.outcome, "mover": d.mover, "seconder": d.seconder,
            "votes_for": d.vote.for_count if d.vote else None, "votes_against": d.vote.against_count if d.vote else None,
            "votes_abstain": d.vote.abstain_count if d.vote else None,
            "amendments": "; ".join(f"{a.mover or 'unnamed'}: {a.outcome or 'outcome not recorded'}" for a in d.amendments),
            "decision_numbers": " ".join(d.decision_numbers), "text": d.text, "source": c.source,
            "page_start": c.page_start, "line_start": c.line_start, "permalink": base + d.permalink}


def commitment_row(x: Commitment, base: str) -> dict[str, Any]:
    c = x.citation
    return {**x.model_dump(include=set(COMMITMENT_CSV)), "item_title": c.item_title, "source": c.source,
            "page_start": c.page_start, "line_start": c.line_start, "permalink": base + x.permalink}


@router.get("/decisions", response_class=HTMLResponse)
def decisions_page(request: Request) -> HTMLResponse:
    filters = _decision_filters(request)
    rows = _decisions(request, filters)
    counts = {o: sum(1 for d in rows if d.outcome == o) for o in OUTCOMES}
    return _page(request, "register_decisions.html", filters, rows, "/decisions", counts=counts,
                 kinds=DECISION_KINDS, outcomes=OUTCOMES)


@router.get("/decisions.csv")
def decisions_csv(request: Request) -> Response:
    filters = _decision_filters(request)
    if filters.errors:
        return _refused(filters)
    base = str(request.base_url).rstrip("/")
    return _download(to_csv(DECISION_CSV, [decision_row(d, base) for d in _decisions(request, filters)]),
                     "text/csv; charset=utf-8", "quire-decisions.csv")


@router.get("/decisions.json")
def decisions_json(request: Request) -> Response:
    filters = _decision_filters(request)
    if filters.errors:
        return _refused(filters)
    body = json.dumps([d.model_dump() for d in _decisions(request, filters)], ensure_ascii=False)
    return _download(body, "application/json", "quire-decisions.json")


@router.get("/commitments", response_class=HTMLResponse)
def commitments_page(request: Request) -> HTMLResponse:
    filters = _commitment_filters(request)
    rows = _commitments(request, filters)
    counts = {s: sum(1 for c in rows if c.status == s) for s in STATUSES}
    return _page(request, "register_commitments.html", filters, rows, "/commitments", counts=counts,
                 kinds=COMMITMENT_KINDS, statuses=STATUSES)


@router.get("/commitments.csv")
def commitments_csv(request: Request) -> Response:
    filters = _commitment_filters(request)
    if filters.errors:
        return _refused(filters)
    base = str(request.base_url).rstrip("/")
    return _download(to_csv(COMMITMENT_CSV, [commitment_row(c, base) for c in _commitments(request, filters)]),
                     "text/csv; charset=utf-8", "quire-commitments.csv")


@router.get("/commitments.json")
def commitments_json(request: Request) -> Response:
    filters = _commitment_filters(request)
    if filters.errors:
        return _refused(filters)
    body = json.dumps([c.model_dump() for c in _commitments(request, filters)], ensure_ascii=False)
    return _download(body, "application/json", "quire-commitments.json")
