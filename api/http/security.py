"""Middleware for a public service: who is asking, security headers, and a per-client rate
limit. Sessions for the page are server-side; the cookie holds only a random id."""
from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from starlette.middleware.base import BaseHTTPMiddleware

from api.http.access import TokenStore
from api.http.service import PUBLIC, Viewer

SESSION_COOKIE = "quire_session"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'")


@dataclass
class Sessions:
    hours: int
    _by_id: dict[str, tuple[Viewer, float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def open(self, viewer: Viewer) -> str:
        sid = secrets.token_urlsafe(32)
        with self._lock:
            self._by_id[sid] = (viewer, time.time() + self.hours * 3600)
        return sid

    def viewer(self, sid: str | None) -> Viewer | None:
        if not sid:
            return None
        with self._lock:
            found = self._by_id.get(sid)
            if found and found[1] < time.time():
                del self._by_id[sid]
                return None
        return found[0] if found else None

    def close(self, sid: str | None) -> None:
        with self._lock:
            self._by_id.pop(sid or "", None)


class RateLimiter:
    """Token bucket per client: `per_minute` requests a minute, bursts up to a quarter of that."""

    def __init__(self, per_minute: int) -> None:
        self.rate = per_minute / 60.0
        self.burst = max(1.0, per_minute / 4)
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def wait_seconds(self, client: str) -> float:
        """0 if the request may go ahead, else how long until it could."""
        if self.rate <= 0:
            return 0.0
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(client, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if tokens >= 1:
                self._buckets[client] = (tokens - 1, now)
                return 0.0
            self._buckets[client] = (tokens, now)
            return (1 - tokens) / self.rate


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
