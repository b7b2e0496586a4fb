"""The HTTP API and web UI: a FastAPI app over the store, OpenAPI at /openapi.json.

    access.py   opening the store per request; busy (another process writing) is a 503
    read.py     read endpoints and exports under /api/v1
    write.py    POST /api/v1/articles, behind a bearer token
    app.py      the application: routers, the one error shape, the web UI at /
    latency.py  ``python -m newsevents.api.latency``: p50/p95 of every endpoint on 100,000 synthetic events
The SQL lives in ``newsevents.queries``; the UI's files in ``newsevents/web``.
"""

from newsevents.api.app import create_app, serve

__all__ = ["create_app", "serve"]
