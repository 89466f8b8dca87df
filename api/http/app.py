"""The FastAPI application: JSON API under /api, feeds under /feeds, and the page.

Routes are thin: each parses its parameters, asks the Service, and renders JSON or a
template from the same result. The index is loaded once, in the lifespan.
"""
from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path as FilePath
from datetime import date
from typing import Annotated, Literal

from fastapi import Depends, FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.gzip import GZipMiddleware
from starlette.exceptions import HTTPException as StarletteHTTPException

from indexer.config import Settings, get_settings
from indexer.store.embedder import set_threads
from indexer.errors import BadQuery, NotFound, QuireError

from api.browse import catalog
from api.http.docs import committees_in_schema, install_docs
from api.http.exports import to_atom, to_csv
from api.http.pages import router as pages_router
from api.http.register_pages import router as register_router
from api.http.alert_pages import PER_CLIENT_HOUR, ClientWindow
from api.http.alert_pages import router as alerts_router
from api.alerts.store import AlertStore
from api.http.pages import render_error
from api.schemas import (AnswerResponse, Commitment, Decision, ErrorBody, Health, ItemDetail, MeetingDetail, MeetingSummary, Passage,
                      SearchResponse)
from api.search.engine import Searcher
from api.http.access import TokenStore
from api.http.audit import AuditLog
from api.http.security import SecurityMiddleware
from api.http.state import RateLimiter, Sessions, SharedState
from api.search.engine import MAX_K, MAX_TOTAL
from api.search.query import MAX_QUERY_CHARS, QUERY_PATTERN
from api.http.service import PUBLIC, SearchParams, Service, Viewer

log = logging.getLogger("quire")
WEB = FilePath(__file__).resolve().parents[2] / "web"
ERRORS = {422: {"model": ErrorBody, "description": "A parameter is missing or out of range"}}
NOT_FOUND = {404: {"model": ErrorBody, "description": "No such id (or not visible to this reader)"}}


def create_app(index: FilePath, settings: Settings | None = None, searcher: Searcher | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        set_threads(settings.serve_threads)
        loaded = searcher or Searcher(index, query_cache=settings.query_cache)
        loaded.search("warm up the model", 1)  # first query pays the model's start-up, not a user
        app.state.service = Service(loaded, settings, index, loaded.manifest, AuditLog(settings.audit_log))
        yield
        loaded.close()

    app = FastAPI(title="Quire", version="0.1.0", lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Search committee papers; every passage cited to its meeting and agenda item.")
    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")
    install_docs(app)
    committees_in_schema(app)
    app.state.tokens = TokenStore(settings.tokens_file)
    shared = SharedState(settings.state_path)
    app.state.sessions = Sessions(shared, settings.session_hours)
    app.state.alerts = AlertStore(settings.alerts_path)  # the file is made on first use, not here
    app.state.alert_clients = ClientWindow(PER_CLIENT_HOUR, 3600)
    app.add_middleware(SecurityMiddleware, tokens=app.state.tokens, sessions=app.state.sessions,
                       limiter=RateLimiter(shared, settings.rate_limit))
    # Outermost, so every page, export and feed is compressed for a client that asks (Kent's
    # budget item page: 242 KB of HTML, 59 KB gzipped).
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    _install_error_handlers(app)
    app.include_router(api_router())
    app.include_router(register_router)  # before pages_router: its /commitments register replaces the old page
    app.include_router(pages_router)
    app.include_router(alerts_router)
    return app


def get_service(request: Request) -> Service:
    return request.app.state.service


def get_viewer(request: Request) -> Viewer:
    return getattr(request.state, "viewer", PUBLIC)


ServiceDep = Annotated[Service, Depends(get_service)]
ViewerDep = Annotated[Viewer, Depends(get_viewer)]


Kind = Literal["agenda", "minutes", "report", "appendix"]


def search_params(
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS, pattern=QUERY_PATTERN,
                            description="What to search for: 1-1,000 characters with at least one letter or digit")],
    k: Annotated[int, Query(ge=1, le=MAX_K, description="Number of passages, 1-50")] = 10,
    committee: Annotated[str | None, Query(max_length=200, description="Only this committee (exact name)")] = None,
    date_from: Annotated[date | None, Query(description="Only meetings on or after this date")] = None,
    date_to: Annotated[date | None, Query(description="Only meetings on or before this date")] = None,
    kind: Annotated[Kind | None, Query(description="Only this kind of document")] = None,
    exact: Annotated[bool, Query(description="Only passages containing every word of q")] = False,
    offset: Annotated[int, Query(ge=0, le=MAX_TOTAL - 1, description="Skip this many results (paging), 0-999")] = 0,
    sort: Annotated[Literal["relevance", "newest"], Query(description="relevance, or newest meeting first")] = "relevance",
) -> SearchParams:
    if offset + k > MAX_TOTAL:
        raise BadQuery(f"offset + k must be at most {MAX_TOTAL}")
    return SearchParams(q=q, k=k, committee=committee or None, date_from=date_from, date_to=date_to, kind=kind,
                        exact=exact, offset=offset, sort=sort)


ParamsDep = Annotated[SearchParams, Depends(search_params)]
IdPath = Annotated[str, Path(max_length=300, description="An id from another response")]


def promise_filters(
    committee: Annotated[str | None, Query(max_length=200, description="Only this committee")] = None,
    date_from: Annotated[date | None, Query(description="Made at meetings on or after this date")] = None,
    date_to: Annotated[date | None, Query(description="Made at meetings on or before this date")] = None,
    text: Annotated[str | None, Query(max_length=200, description="Words the text must contain")] = None,
) -> dict:
    return {"committee": committee, "date_from": date_from, "date_to": date_to, "text": text}


PromiseFiltersDep = Annotated[dict, Depends(promise_filters)]


def api_router():  # type: ignore[no-untyped-def]
    from fastapi import APIRouter

    r = APIRouter()

    @r.get("/healthz", response_model=Health, tags=["service"],
           summary="Service status, visible passages, model and build time")
    def healthz(service: ServiceDep, viewer: ViewerDep) -> Health:
        m = service.manifest
        visible = m["counts"]["passages"] - (0 if viewer.show_exempt else m["counts"]["exempt_passages"])
        return Health(status="ok", passages=visible, model=m["model"], built_at=m["built_at"])

    @r.get("/api/search", response_model=SearchResponse, responses=ERRORS, tags=["search"],
           summary="Ranked, cited passages for a query (paged with k and offset)")
    def api_search(request: Request, service: ServiceDep, viewer: ViewerDep, params: ParamsDep) -> SearchResponse:
        return service.search(params, viewer, request.url.path)[0]

    @r.get("/api/search.json", response_model=SearchResponse, responses=ERRORS, tags=["export"],
           summary="The whole result set as a JSON file (up to 1,000 results)")
    def api_search_json(request: Request, service: ServiceDep, viewer: ViewerDep, params: ParamsDep) -> JSONResponse:
        body = service.search(params, viewer, request.url.path, everything=True)[0]
        return JSONResponse(body.model_dump(), headers={"Content-Disposition": 'attachment; filename="quire-search.json"'})

    @r.get("/api/search.csv", responses={**ERRORS, 200: {"content": {"text/csv": {}}}}, tags=["export"],
           summary="The whole result set as CSV, with full citations")
    def api_search_csv(request: Request, service: ServiceDep, viewer: ViewerDep, params: ParamsDep) -> Response:
        hits = service.search(params, viewer, request.url.path, everything=True)[1]
        return Response(to_csv(hits, str(request.base_url).rstrip("/")), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="quire-search.csv"'})

    @r.get("/feeds/search.atom", responses={**ERRORS, 200: {"content": {"application/atom+xml": {}}}}, tags=["export"],
           summary="An Atom feed of the results, newest meetings first")
    def feed(request: Request, service: ServiceDep, viewer: ViewerDep, params: ParamsDep) -> Response:
        hits = service.search(params, viewer, request.url.path, everything=True)[1]
        base = str(request.base_url).rstrip("/")
        return Response(to_atom(params.q, hits, base, str(request.url), service.indexed_at),
                        media_type="application/atom+xml")

    @r.get("/api/answer", response_model=AnswerResponse, responses=ERRORS, tags=["search"],
           summary="One to three cited sentences that answer a question, then the passages")
    def api_answer(request: Request, service: ServiceDep, viewer: ViewerDep, params: ParamsDep) -> AnswerResponse:
        return service.answer(params, viewer, request.url.path)

    @r.get("/api/commitments", response_model=list[Commitment], responses=ERRORS, tags=["commitments"],
           summary="Promises made in the papers, with who, when due and status")
    def api_commitments(request: Request, service: ServiceDep, viewer: ViewerDep, filters: PromiseFiltersDep,
                        status: Annotated[Literal["fulfilled", "open", "overdue"] | None, Query()] = None,
                        kind: Annotated[Literal["report", "update", "information", "referral", "action"] | None,
                                        Query()] = None,
                        owner: Annotated[str | None, Query(max_length=200, description="Part of the owner's name")] = None,
                        ) -> list[Commitment]:
        return service.commitments(viewer, request.url.path, status=status, kind=kind, owner=owner, **filters)

    @r.get("/api/decisions", response_model=list[Decision], responses=ERRORS, tags=["commitments"],
           summary="Resolutions (minutes) and recommendations (reports)")
    def api_decisions(request: Request, service: ServiceDep, viewer: ViewerDep, filters: PromiseFiltersDep,
                      kind: Annotated[Literal["resolution", "motion", "recommendation"] | None, Query()] = None,
                      outcome: Annotated[Literal["carried", "lost", "amended", "withdrawn"] | None, Query()] = None,
                      ) -> list[Decision]:
        return service.decisions(viewer, request.url.path, kind=kind, outcome=outcome, **filters)

    @r.get("/api/meetings", response_model=list[MeetingSummary], responses=ERRORS, tags=["browse"],
           summary="Every meeting, newest first")
    def api_meetings(service: ServiceDep, viewer: ViewerDep,
                     committee: Annotated[str | None, Query(max_length=200)] = None) -> list[MeetingSummary]:
        return catalog.list_meetings(service.searcher.store, viewer.show_exempt, committee)

    @r.get("/api/meetings/{meeting_id}", response_model=MeetingDetail, responses={**ERRORS, **NOT_FOUND}, tags=["browse"],
           summary="One meeting's agenda with its items and documents")
    def api_meeting(meeting_id: IdPath, service: ServiceDep, viewer: ViewerDep) -> MeetingDetail:
        return catalog.get_meeting(service.searcher.store, meeting_id, viewer.show_exempt)

    @r.get("/api/items/{item_id}", response_model=ItemDetail, responses={**ERRORS, **NOT_FOUND}, tags=["browse"],
           summary="One agenda item: its papers, resolution and commitments")
    def api_item(request: Request, item_id: IdPath, service: ServiceDep, viewer: ViewerDep) -> ItemDetail:
        return service.item(item_id, viewer, request.url.path)

    @r.get("/api/passages/{passage_id}", response_model=Passage, responses={**ERRORS, **NOT_FOUND}, tags=["browse"],
           summary="One passage with its citation")
    def api_passage(request: Request, passage_id: IdPath, service: ServiceDep, viewer: ViewerDep) -> Passage:
        return service.passage(passage_id, viewer, request.url.path)

    return r


def _wants_json(request: Request) -> bool:
    """JSON under /api (and the other machine addresses) or when the client asks for JSON, not HTML;
    a browser (Accept: text/html) gets the site's error page everywhere else."""
    if request.url.path.startswith(("/api", "/feeds", "/healthz", "/openapi", "/docs")):
        return True
    accept = request.headers.get("accept", "")
    return "json" in accept and "html" not in accept


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

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = "There is no page at this address." if exc.status_code == 404 else str(exc.detail)
        response = respond(request, exc.status_code, message)
        response.headers.update(exc.headers or {})
        return response

    @app.exception_handler(QuireError)
    async def quire_error(request: Request, exc: QuireError) -> Response:
        return respond(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return respond(request, 422, plain_message(exc.errors()[0] if exc.errors() else {}))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path, exc_info=exc)
        return respond(request, 500, "Something went wrong on our side; the error has been logged.")


def plain_message(error: dict) -> str:
    """One sentence for the first thing wrong with a request, in the reader's terms."""
    name = ".".join(str(p) for p in error.get("loc", ())[1:]) or "request"
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if name == "q" and kind in ("missing", "string_too_short", "string_pattern_mismatch"):
        return "the query is empty: type a few words to search for"
    if kind == "string_too_long":
        return f"{name} is longer than the limit of {ctx.get('max_length')} characters"
    if kind in ("greater_than_equal", "less_than_equal") and name == "k":
        return f"k must be between 1 and {MAX_K}"
    if kind in ("int_parsing", "int_type"):
        return f"{name}: must be a whole number"
    if kind.startswith("date"):
        return f"{name} must be a date written YYYY-MM-DD"
    if kind in ("literal_error", "enum"):
        return f"{name} must be one of {ctx.get('expected', 'the listed values')}"
    if kind == "missing":
        return f"{name} is required"
    return f"{name}: {error.get('msg', 'invalid value')}"


def app_from_env() -> FastAPI:
    """For `quire serve --workers N`: each worker process builds the app from settings."""
    settings = get_settings()
    return create_app(settings.index, settings)
