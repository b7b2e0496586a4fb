"""POST /api/v1/articles: bearer token, disabled without one, analysis through the library."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from api.serving import get_json, serving
from newsevents.store import Store

TOKEN = "test-token-123"
ARTICLE = {
    "text": "Kenya and Somalia agreed on Wednesday to set up joint patrols along their border, officials said.",
    "url": "https://news.example/kenya-somalia",
    "published": "2026-11-04",
    "title": "Kenya and Somalia agree joint patrols",
}


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("write") / "write.duckdb"
    Store(db).close()
    with serving(db, api_token=TOKEN) as url:
        yield url


def post(url: str, body: object, token: str | None = TOKEN) -> tuple[int, dict]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return get_json(f"{url}/api/v1/articles", method="POST", body=body, headers=headers)


def test_writing_is_disabled_without_a_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSEVENTS_API_TOKEN", raising=False)
    with serving(tmp_path / "s.duckdb") as url:
        status, body = post(url, ARTICLE)
    assert status == 403
    assert "writing is disabled: set $NEWSEVENTS_API_TOKEN" in body["error"]["message"]


@pytest.mark.parametrize(
    ("token", "body", "status", "message"),
    [
        (None, ARTICLE, 401, "missing or wrong token"),
        ("wrong", ARTICLE, 401, "missing or wrong token"),
        (TOKEN, {"url": "https://x.example"}, 422, "give exactly one of `html` (a page) or `text`"),
        (TOKEN, {"text": "a", "html": "<p>a</p>"}, 422, "give exactly one of"),
        (TOKEN, {"text": "   "}, 422, "the article is empty"),
        (TOKEN, {"text": "x", "published": "last week"}, 422, "request body field 'published'"),
        (TOKEN, {"text": "x", "colour": "red"}, 422, "request body field 'colour'"),
        (TOKEN, [1, 2], 422, "request body"),
    ],
)
def test_bad_writes_are_refused_with_a_reason(writable: str, token, body, status: int, message: str) -> None:
    code, answer = post(writable, body, token)
    assert code == status
    assert answer == {"error": {"status": status, "message": answer["error"]["message"]}}
    assert message in answer["error"]["message"]


@pytest.mark.slow
def test_a_posted_article_is_analysed_stored_and_served(writable: str) -> None:
    status, created = post(writable, ARTICLE)
    assert status == 201, created
    assert created["created"] is True and created["events"] >= 1
    status, doc = get_json(writable + created["url"])
    assert status == 200 and doc["article"]["url"] == ARTICLE["url"]
    assert doc["article"]["text"].startswith("Kenya and Somalia agreed")
    status, events = get_json(f"{writable}/api/v1/events?article={created['id']}")
    assert status == 200 and len(events["items"]) == created["events"]
    status, again = post(writable, ARTICLE)
    assert status == 200 and again["id"] == created["id"] and again["created"] is False
