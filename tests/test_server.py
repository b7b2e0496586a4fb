"""The HTTP API over a small hand-made store, served for real on 127.0.0.1 and queried over the socket.

The API over a store of the sample pages analysed by the real pipeline is tested in ``tests/api/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from api.serving import get_json, serving
from newsevents.store import Store
from test_store import sample_analysis


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("server") / "served.duckdb"
    with Store(db) as store:
        store.add(sample_analysis())
    with serving(db) as url:
        yield url


@pytest.mark.parametrize(
    ("query", "expected_ids"),
    [
        ("", ["v2", "v1"]),
        ("?type=CONSULT", ["v1"]),
        ("?type=consult,coerce", ["v2", "v1"]),
        ("?actor=KEN&since=2026-10-13", ["v2"]),
        ("?limit=1", ["v2"]),
        ("?sort=date", ["v1", "v2"]),
        ("?place=nairobi", ["v1"]),
        ("?country=KEN", ["v1"]),
        ("?sector=COP", ["v2"]),
        ("?recipient=Ethiopia", ["v1"]),
        ("?mode=arrest", ["v2"]),
        ("?min_confidence=0.75", ["v1"]),
        ("?until=2026-10", ["v2", "v1"]),
        ("?status=negated", []),
        ("?story=no-such-story", []),
    ],
)
def test_events_endpoint_filters(base_url: str, query: str, expected_ids: list[str]) -> None:
    status, body = get_json(f"{base_url}/api/v1/events{query}")
    assert status == 200
    assert [e["id"] for e in body["items"]] == expected_ids


def test_events_pages_follow_the_cursor(base_url: str) -> None:
    status, first = get_json(f"{base_url}/api/v1/events?limit=1")
    assert status == 200 and first["next"]
    status, second = get_json(f"{base_url}/api/v1/events?limit=1&cursor={first['next']}")
    assert [e["id"] for e in first["items"] + second["items"]] == ["v2", "v1"]
    assert second["next"] is None


def test_article_endpoint_returns_the_stored_document(base_url: str) -> None:
    status, body = get_json(f"{base_url}/api/v1/articles/art-1")
    assert status == 200 and body["schema"] == "newsevents/analysis/v1"
    assert body["events"][0]["sentence"]["text"].startswith("Kenya's foreign minister")


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/api/v1/articles/nope", 404, "no article with id 'nope'"),
        ("/api/v1/events?type=PICNIC", 400, "unknown event type 'PICNIC'"),
        ("/api/v1/events?status=maybe", 400, "unknown status 'maybe'; valid: asserted"),
        ("/api/v1/events?since=yesterday", 400, "since must be a date as YYYY, YYYY-MM or YYYY-MM-DD"),
        ("/api/v1/events?sort=colour", 400, "unknown sort 'colour'; valid: -date"),
        ("/api/v1/events?cursor=not-a-cursor", 400, "invalid cursor"),
        ("/api/v1/events?quad=7", 400, "quad must be one of 1, 2, 3, 4"),
        ("/api/v1/events?limit=0", 422, "query parameter 'limit'"),
        ("/api/v1/events?limit=ten", 422, "query parameter 'limit': Input should be a valid integer"),
        ("/api/v1/events/export?format=xml", 400, "unknown export format 'xml'; valid: csv, jsonl, plover"),
        ("/api/v1/aggregates/timeline?interval=hour", 400, "unknown interval 'hour'; valid: day"),
        ("/api/v1/events/art-1/v9", 404, "no event 'v9' in article 'art-1'"),
        ("/api/v1/nothing-here", 404, "Not Found"),
    ],
)
def test_errors_share_one_shape(base_url: str, path: str, status: int, message: str) -> None:
    code, body = get_json(base_url + path)
    assert code == status
    assert body == {"error": {"status": status, "message": body["error"]["message"]}}
    assert message in body["error"]["message"]


def test_openapi_lists_the_endpoints(base_url: str) -> None:
    status, body = get_json(f"{base_url}/openapi.json")
    assert status == 200
    assert {
        "/api/v1/events", "/api/v1/events/export", "/api/v1/articles", "/api/v1/articles/{article_id}",
        "/api/v1/actors", "/api/v1/places", "/api/v1/quotes", "/api/v1/aggregates/timeline",
        "/api/v1/aggregates/network", "/api/v1/failures", "/api/v1/stats",
    } <= set(body["paths"])  # fmt: skip
    assert "post" in body["paths"]["/api/v1/articles"]


def test_missing_store_is_a_503(tmp_path: Path) -> None:
    with serving(tmp_path / "absent.duckdb") as url:
        code, body = get_json(f"{url}/api/v1/events")
    assert code == 503
    assert "run `newsevents ingest` first" in body["error"]["message"]
