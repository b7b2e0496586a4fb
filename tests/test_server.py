"""The HTTP API, served for real on 127.0.0.1 and queried over the socket."""

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

import pytest

from newsevents.server import create_app
from newsevents.store import Store
from test_store import sample_analysis


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """Run the real server for ``db`` on a free loopback port; yields its base URL."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("server") / "served.duckdb"
    with Store(db) as store:
        store.add(sample_analysis())
    with serving(db) as url:
        yield url


def get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


@pytest.mark.parametrize(
    ("query", "expected_ids"),
    [("", ["v2", "v1"]), ("?type=CONSULT", ["v1"]), ("?actor=KEN&since=2026-10-13", ["v2"]), ("?limit=1", ["v2"])],
)
def test_events_endpoint_filters(base_url: str, query: str, expected_ids: list[str]) -> None:
    status, body = get(f"{base_url}/api/v1/events{query}")
    assert status == 200
    assert [e["id"] for e in body["events"]] == expected_ids


def test_article_endpoint_returns_the_stored_document(base_url: str) -> None:
    status, body = get(f"{base_url}/api/v1/articles/art-1")
    assert status == 200 and body["schema"] == "newsevents/analysis/v1"
    assert body["events"][0]["sentence"]["text"].startswith("Kenya's foreign minister")


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/api/v1/articles/nope", 404, "no article with id 'nope'"),
        ("/api/v1/events?type=PICNIC", 400, "unknown event type 'PICNIC'"),
        ("/api/v1/nothing-here", 404, "Not Found"),
    ],
)
def test_errors_share_one_shape(base_url: str, path: str, status: int, message: str) -> None:
    code, body = get(base_url + path)
    assert code == status
    assert body == {"error": {"status": status, "message": body["error"]["message"]}}
    assert message in body["error"]["message"]


def test_openapi_lists_the_endpoints(base_url: str) -> None:
    status, body = get(f"{base_url}/openapi.json")
    assert status == 200
    assert {"/api/v1/events", "/api/v1/articles/{article_id}", "/api/v1/failures"} <= set(body["paths"])


def test_missing_store_is_a_503(tmp_path: Path) -> None:
    with serving(tmp_path / "absent.duckdb") as url:
        code, body = get(f"{url}/api/v1/events")
    assert code == 503
    assert "run `newsevents ingest` first" in body["error"]["message"]
