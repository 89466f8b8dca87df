"""Middleware for a public service: who is asking, security headers, and a per-client rate
limit. Sessions for the page and rate-limit buckets live in the shared state file (state.py);
the cookie holds only a random id."""
from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from starlette.middleware.base import BaseHTTPMiddleware

from api.http.access import TokenStore
from api.http.service import PUBLIC, Viewer
from api.http.state import RateLimiter, Sessions

SESSION_COOKIE = "quire_session"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'")


def viewer_for(request: Request, tokens: TokenStore, sessions: Sessions) -> Viewer:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        holder = tokens.holder(auth[7:].strip())
        return Viewer(holder.name, holder.role) if holder else PUBLIC
    return sessions.viewer(request.cookies.get(SESSION_COOKIE)) or PUBLIC


class SecurityMiddleware(BaseHTTPMiddleware):
    def __init__(self, app, tokens: TokenStore, sessions: Sessions, limiter: RateLimiter) -> None:  # type: ignore[no-untyped-def]
        super().__init__(app)
        self.tokens, self.sessions, self.limiter = tokens, sessions, limiter

    async def dispatch(self, request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        request.state.viewer = viewer_for(request, self.tokens, self.sessions)
        client = request.client.host if request.client else "unknown"
        wait = self.limiter.wait_seconds(f"{client}|{request.state.viewer.name}")
        if wait > 0:
            response: Response = JSONResponse(
                {"detail": f"Too many requests from this client; try again in {max(1, round(wait))} s."},
                status_code=429, headers={"Retry-After": str(max(1, round(wait)))})
        else:
            response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP  # /docs too: it has no inline script now
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers.setdefault("Referrer-Policy", "same-origin")  # a page may ask for less
        response.headers["X-Frame-Options"] = "DENY"
        if request.state.viewer is not PUBLIC or SESSION_COOKIE in request.cookies:
            response.headers["Cache-Control"] = "no-store"  # exempt material must not sit in caches
        return response
