"""HTTP server: a read-only JSON API over the store (FastAPI, OpenAPI at /openapi.json).

A first slice of the API: events with the same filters as the CLI, one article's full analysis,
failures and counts. Errors share one shape: {"error": {"status": int, "message": str}}.
"""

from __future__ import annotations

from typing import Any

from newsevents import __version__
from newsevents.model import PLOVER_EVENTS
from newsevents.store import EventQuery, Store


def create_app(db: str) -> Any:
    """The FastAPI application serving the store at ``db`` (opened read-only per request)."""
    from fastapi import FastAPI, HTTPException, Query, Request
    from fastapi.responses import JSONResponse
    from starlette.exceptions import HTTPException as StarletteHTTPException

    app = FastAPI(title="newsevents", version=__version__, description="News events with their evidence.")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"error": {"status": exc.status_code, "message": str(exc.detail)}},
                            status_code=exc.status_code)

    def open_store() -> Store:
        try:
            return Store(db, read_only=True)
        except FileNotFoundError as exc:
            raise HTTPException(503, str(exc)) from None

    @app.get("/api/v1/events")
    def list_events(
        actor: str | None = None,
        recipient: str | None = None,
        type: str | None = Query(None, description="PLOVER type: " + ", ".join(PLOVER_EVENTS)),
        status: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = Query(100, ge=1, le=10_000),
    ) -> dict[str, Any]:
        if type and type.upper() not in PLOVER_EVENTS:
            raise HTTPException(400, f"unknown event type {type!r}; valid: {', '.join(PLOVER_EVENTS)}")
        query = EventQuery(actor=actor, recipient=recipient, event=type, status=status, since=since,
                           until=until, limit=limit)
        with open_store() as store:
            return {"events": store.events(query)}

    @app.get("/api/v1/articles/{article_id}")
    def get_article(article_id: str) -> dict[str, Any]:
        with open_store() as store:
            document = store.document(article_id)
        if document is None:
            raise HTTPException(404, f"no article with id {article_id!r}")
        return document

    @app.get("/api/v1/failures")
    def list_failures() -> dict[str, Any]:
        with open_store() as store:
            return {"failures": store.failures()}

    @app.get("/api/v1/stats")
    def stats() -> dict[str, int]:
        with open_store() as store:
            return store.counts()

    return app


def serve(db: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the HTTP server until interrupted."""
    import uvicorn

    print(f"newsevents: serving {db} on http://{host}:{port}/api/v1/events (docs at /docs)")
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")
