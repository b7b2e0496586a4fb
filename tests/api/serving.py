"""Helpers for API and browser tests: a real server on 127.0.0.1 and a store built from the sample pages."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SAMPLE_PAGES = REPO / "examples" / "pages"
# Articles written for these tests: two happenings each reported by two outlets (one with a syndicated
# copy) and an article that names one of their places once, in passing.
STORY_ARTICLES = Path(__file__).resolve().parent / "data" / "stories.jsonl"
_built: dict[str, Path] = {}


@contextmanager
def serving(db: Path, **options: Any) -> Iterator[str]:
    """Run the real server for ``db`` on a free loopback port; yields its base URL."""
    import uvicorn

    from newsevents.server import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(str(db), **options), host="127.0.0.1", port=port, log_level="error")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def sample_store(folder: Path) -> Path:
    """A store of the sample pages analysed by the real pipeline, built once per test session."""
    if "samples" not in _built:
        from newsevents.library import ingest_paths
        from newsevents.store import Store

        db = folder / "samples.duckdb"
        with Store(db) as store:
            counts = ingest_paths([SAMPLE_PAGES], store)
        assert counts.new > 0 and counts.events > 0, counts
        _built["samples"] = db
    return _built["samples"]


def story_store(folder: Path) -> Path:
    """A store of ``STORY_ARTICLES`` analysed by the real pipeline, built once per test session."""
    if "stories" not in _built:
        from newsevents.library import ingest_paths
        from newsevents.store import Store

        db = folder / "stories.duckdb"
        with Store(db) as store:
            counts = ingest_paths([STORY_ARTICLES], store)
        assert counts.new == 6 and counts.failed == 0, counts
        _built["stories"] = db
    return _built["stories"]


def request(
    url: str,
    *,
    method: str = "GET",
    body: Any = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and raw body of one request (errors included, not raised)."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def get_json(url: str, **kwargs: Any) -> tuple[int, Any]:
    """Status and decoded JSON body of one request."""
    status, _, body = request(url, **kwargs)
    return status, json.loads(body)


def all_pages(base: str, path: str, **params: str) -> list[dict]:
    """Every item of a list endpoint, following ``next`` cursors."""
    from urllib.parse import urlencode

    items: list[dict] = []
    cursor = None
    for _ in range(1000):
        query = {**params, **({"cursor": cursor} if cursor else {})}
        status, body = get_json(f"{base}{path}?{urlencode(query)}")
        assert status == 200, body
        assert set(body) >= {"items", "next"}
        items += body["items"]
        cursor = body["next"]
        if cursor is None:
            return items
    raise AssertionError("pagination did not end")
