"""The FastAPI application: the /api/v1 routers, one JSON error shape, and the web UI at ``/``.

Every error, ours or FastAPI's (validation, unknown path, wrong method), answers
``{"error": {"status": int, "message": str}}`` with a message that says what to fix. A store that is
missing or busy is a 503 (with ``Retry-After`` when busy); see ``newsevents.api.access``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsevents import __version__
from newsevents.api.access import StoreAccess, StoreUnavailable
from newsevents.api.read import read_router
from newsevents.api.write import configured_token, write_router
from newsevents.queries import QueryError

WEB = Path(__file__).resolve().parent.parent / "web"
# The UI loads nothing from elsewhere: scripts, styles, data and images all come from this server.
CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'"
log = logging.getLogger("newsevents.api")


def error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    """The one error answer of the API."""
    return JSONResponse({"error": {"status": status, "message": message}}, status_code=status, headers=headers)


def _validation_message(exc: RequestValidationError) -> str:
    """FastAPI's validation errors as one line per problem: where, what, and the value given."""
    parts = []
    for item in exc.errors():
        loc = [str(x) for x in item.get("loc", ())]
        where = (
            f"{loc[0]} parameter {'.'.join(loc[1:])!r}"
            if len(loc) > 1 and loc[0] != "body"
            else ("request body" + (f" field {'.'.join(loc[1:])!r}" if len(loc) > 1 else ""))
        )
        parts.append(f"{where}: {item.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


class BodyLimit:
    """ASGI middleware refusing request bodies over ``max_bytes`` with a 413 in the error shape.

    A declared ``Content-Length`` over the limit is refused before a byte of the body is read; a
    body sent without one (chunked) is counted as it arrives and refused once it passes the limit,
    so a client cannot make the server hold more than ``max_bytes`` of it.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _too_large(self) -> str:
        return f"the request body is over the limit of {self.max_bytes:,} bytes (it grows with max_page_bytes)"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await error(413, self._too_large())(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:  # FastAPI hands its HTTPException on to our handler
                    raise HTTPException(413, self._too_large())
            return message

        await self.app(scope, counted, send)


def create_app(
    db: str, *, api_token: str | None = None, max_page_bytes: int | None = None, max_body_bytes: int | None = None
) -> FastAPI:
    """The application serving the store at ``db``; writing is enabled when a token is configured.

    ``api_token`` defaults to the ``api_token`` setting or ``$NEWSEVENTS_API_TOKEN``. Request bodies
    are limited to ``max_body_bytes``: by default twice ``max_page_bytes`` (a page sent as JSON
    grows when escaped) plus 1 MiB for the other fields. CORS is off: no ``Access-Control-*``
    header is ever sent, so browsers keep other sites' pages from reading the API.
    """
    if max_page_bytes is None:
        from newsevents.config import Settings

        max_page_bytes = Settings().max_page_bytes
    if max_body_bytes is None:
        max_body_bytes = 2 * max_page_bytes + (1 << 20)
    access = StoreAccess(db)
    token = api_token if api_token is not None else configured_token()
    app = FastAPI(
        title="newsevents",
        version=__version__,
        description="PLOVER events, quotes and places from news articles, each tied to its evidence in the text.",
    )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return error(exc.status_code, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        return error(422, _validation_message(exc))

    @app.exception_handler(QueryError)
    async def query_error(_: Request, exc: QueryError) -> JSONResponse:
        return error(400, str(exc))

    @app.exception_handler(StoreUnavailable)
    async def store_unavailable(_: Request, exc: StoreUnavailable) -> JSONResponse:
        headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after else None
        return error(503, exc.message, headers)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> JSONResponse:
        log.exception("internal error on %s", request.url.path)
        return error(500, f"internal error ({type(exc).__name__}); please report it with the request that caused it")

    # Added before the headers middleware, so it runs inside it: a body over the limit then fails the
    # body's read in the route (a 413 in the error shape), not in the other middleware's task group.
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if not request.url.path.startswith("/api/"):
            response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response

    app.include_router(read_router(access))
    app.include_router(write_router(access, token, max_page_bytes))

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(WEB / "index.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=WEB), name="static")
    return app


def serve(db: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the HTTP server until interrupted."""
    import uvicorn

    print(f"newsevents: serving {db} on http://{host}:{port}/ (API at /api/v1, OpenAPI at /openapi.json)")
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")
