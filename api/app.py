"""The FastAPI application: JSON API under /api, feeds under /feeds, and the page.

Routes are thin: each parses its parameters, asks the Service, and renders JSON or a
template from the same result. The index is loaded once, in the lifespan.
"""
from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from indexer.config import Settings, get_settings
from indexer.errors import BadQuery, NotFound, QuireError

from . import catalog
from .exports import to_atom, to_csv
from .pages import router as pages_router
from .pages import render_error
from .schemas import (AnswerResponse, Commitment, Decision, ErrorBody, Health, ItemDetail, MeetingDetail, MeetingSummary, Passage,
                      SearchResponse)
from .search import Searcher
from .obligations import list_commitments, list_decisions
from .service import PUBLIC, SearchParams, Service, Viewer, parse_date, parse_params

log = logging.getLogger("quire")
WEB = Path(__file__).resolve().parent.parent / "web"
ERRORS = {422: {"model": ErrorBody, "description": "A parameter is missing or out of range"}}
NOT_FOUND = {404: {"model": ErrorBody, "description": "No such id (or not visible to this reader)"}}


def create_app(index: Path, settings: Settings | None = None, searcher: Searcher | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        loaded = searcher or Searcher(index)
        loaded.search("warm up the model", 1)  # first query pays the model's start-up, not a user
        app.state.service = Service(loaded, settings, index, loaded.manifest)
        yield
        loaded.close()

    app = FastAPI(title="Quire", version="0.1.0", lifespan=lifespan,
                  description="Search committee papers; every passage cited to its meeting and agenda item.")
    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")
    _install_error_handlers(app)
    app.include_router(api_router())
    app.include_router(pages_router)
    return app


def get_service(request: Request) -> Service:
    return request.app.state.service


def get_viewer(request: Request) -> Viewer:
    return getattr(request.state, "viewer", PUBLIC)


ServiceDep = Annotated[Service, Depends(get_service)]
ViewerDep = Annotated[Viewer, Depends(get_viewer)]


def search_params(
    q: Annotated[str | None, Query(description="What to search for (1-1,000 characters)")] = None,
    k: Annotated[int | None, Query(description="Number of passages, 1-50 (default 10)")] = None,
    committee: Annotated[str | None, Query(description="Only this committee (exact name)")] = None,
    date_from: Annotated[str | None, Query(description="Only meetings on or after, YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, Query(description="Only meetings on or before, YYYY-MM-DD")] = None,
    kind: Annotated[str | None, Query(description="agenda, minutes, report or appendix")] = None,
) -> SearchParams:
    return parse_params(q, k, committee, date_from, date_to, kind)


ParamsDep = Annotated[SearchParams, Depends(search_params)]


def promise_filters(
    committee: Annotated[str | None, Query(max_length=200, description="Only this committee")] = None,
    date_from: Annotated[str | None, Query(description="Made at meetings on or after, YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, Query(description="Made at meetings on or before, YYYY-MM-DD")] = None,
    text: Annotated[str | None, Query(max_length=200, description="Words the text must contain")] = None,
) -> dict:
    return {"committee": committee, "date_from": parse_date("date_from", date_from),
            "date_to": parse_date("date_to", date_to), "text": text}


PromiseFiltersDep = Annotated[dict, Depends(promise_filters)]


def api_router():  # type: ignore[no-untyped-def]
    from fastapi import APIRouter

    r = APIRouter()

    @r.get("/healthz", response_model=Health, tags=["service"])
    def healthz(service: ServiceDep) -> Health:
        m = service.manifest
        return Health(status="ok", passages=m["counts"]["passages"], model=m["model"], built_at=m["built_at"])

    @r.get("/api/search", response_model=SearchResponse, responses=ERRORS, tags=["search"])
    def api_search(service: ServiceDep, viewer: ViewerDep, params: ParamsDep) -> SearchResponse:
        return service.search(params, viewer)[0]

    @r.get("/api/search.json", response_model=SearchResponse, responses=ERRORS, tags=["export"])
    def api_search_json(service: ServiceDep, viewer: ViewerDep, params: ParamsDep) -> JSONResponse:
        body = service.search(params, viewer)[0]
        return JSONResponse(body.model_dump(), headers={"Content-Disposition": 'attachment; filename="quire-search.json"'})

    @r.get("/api/search.csv", responses={**ERRORS, 200: {"content": {"text/csv": {}}}}, tags=["export"])
    def api_search_csv(request: Request, service: ServiceDep, viewer: ViewerDep, params: ParamsDep) -> Response:
        hits = service.search(params, viewer)[1]
        return Response(to_csv(hits, str(request.base_url).rstrip("/")), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="quire-search.csv"'})

    @r.get("/feeds/search.atom", responses={**ERRORS, 200: {"content": {"application/atom+xml": {}}}}, tags=["export"])
    def feed(request: Request, service: ServiceDep, viewer: ViewerDep, params: ParamsDep) -> Response:
        hits = service.search(params, viewer)[1]
        base = str(request.base_url).rstrip("/")
        return Response(to_atom(params.q, hits, base, str(request.url)), media_type="application/atom+xml")

    @r.get("/api/answer", response_model=AnswerResponse, responses=ERRORS, tags=["search"])
    def api_answer(service: ServiceDep, viewer: ViewerDep, params: ParamsDep) -> AnswerResponse:
        return service.answer(params, viewer)

    @r.get("/api/commitments", response_model=list[Commitment], responses=ERRORS, tags=["commitments"])
    def api_commitments(service: ServiceDep, viewer: ViewerDep, filters: PromiseFiltersDep,
                        status: Annotated[str | None, Query(description="fulfilled, open or overdue")] = None,
                        ) -> list[Commitment]:
        return list_commitments(service.searcher.store, viewer.show_exempt, status=status, **filters)

    @r.get("/api/decisions", response_model=list[Decision], responses=ERRORS, tags=["commitments"])
    def api_decisions(service: ServiceDep, viewer: ViewerDep, filters: PromiseFiltersDep,
                      kind: Annotated[str | None, Query(description="resolution or recommendation")] = None,
                      ) -> list[Decision]:
        if kind and kind not in ("resolution", "recommendation"):
            raise BadQuery(f"kind must be resolution or recommendation, not {kind[:40]!r}")
        return list_decisions(service.searcher.store, viewer.show_exempt, kind=kind, **filters)

    @r.get("/api/meetings", response_model=list[MeetingSummary], responses=ERRORS, tags=["browse"])
    def api_meetings(service: ServiceDep, viewer: ViewerDep,
                     committee: Annotated[str | None, Query(max_length=200)] = None) -> list[MeetingSummary]:
        return catalog.list_meetings(service.searcher.store, viewer.show_exempt, committee)

    @r.get("/api/meetings/{meeting_id}", response_model=MeetingDetail, responses={**ERRORS, **NOT_FOUND}, tags=["browse"])
    def api_meeting(meeting_id: str, service: ServiceDep, viewer: ViewerDep) -> MeetingDetail:
        return catalog.get_meeting(service.searcher.store, meeting_id, viewer.show_exempt)

    @r.get("/api/items/{item_id}", response_model=ItemDetail, responses={**ERRORS, **NOT_FOUND}, tags=["browse"])
    def api_item(item_id: str, service: ServiceDep, viewer: ViewerDep) -> ItemDetail:
        return catalog.get_item(service.searcher.store, item_id, viewer.show_exempt)

    @r.get("/api/passages/{passage_id}", response_model=Passage, responses={**ERRORS, **NOT_FOUND}, tags=["browse"])
    def api_passage(passage_id: str, service: ServiceDep, viewer: ViewerDep) -> Passage:
        return catalog.get_passage(service.searcher.store, passage_id, viewer.show_exempt)

    return r


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith(("/api", "/feeds", "/healthz", "/openapi", "/docs"))


def _install_error_handlers(app: FastAPI) -> None:
    def respond(request: Request, status: int, message: str) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": message}, status_code=status)
        return render_error(request, status, message)

    @app.exception_handler(BadQuery)
    async def bad_query(request: Request, exc: BadQuery) -> Response:
        return respond(request, 422, str(exc))

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return respond(request, 404, str(exc))

    @app.exception_handler(QuireError)
    async def quire_error(request: Request, exc: QuireError) -> Response:
        return respond(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ())[1:]) or "request"
        return respond(request, 422, f"{where}: {first.get('msg', 'invalid value')}")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path, exc_info=exc)
        return respond(request, 500, "Something went wrong on our side; the error has been logged.")
