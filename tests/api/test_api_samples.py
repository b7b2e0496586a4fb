"""The API over the sample pages analysed by the real pipeline, served on 127.0.0.1."""

from __future__ import annotations

import csv
import io
import json

import pytest

from api.serving import all_pages, get_json, request

pytestmark = pytest.mark.slow  # the store is built by the real pipeline (spaCy) once per session


@pytest.mark.parametrize("sort", ["-date", "date", "-confidence", "confidence", "-scale", "scale"])
def test_every_event_comes_once_whatever_the_sort_and_page_size(samples_url: str, sort: str) -> None:
    _, stats = get_json(f"{samples_url}/api/v1/stats")
    events = all_pages(samples_url, "/api/v1/events", sort=sort, limit="7")
    keys = [(e["article_id"], e["id"]) for e in events]
    assert len(keys) == len(set(keys)) == stats["events"] > 0


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"type": "ASSAULT"}, lambda e: e["event"] == "ASSAULT"),
        ({"type": "CONSULT,AGREE"}, lambda e: e["event"] in ("CONSULT", "AGREE")),
        ({"status": "negated"}, lambda e: e["status"] == "negated"),
        ({"quad": "4"}, lambda e: e["quad_code"] == 4),
        ({"context": "military"}, lambda e: "military" in e["context"]),
        ({"min_confidence": "0.8"}, lambda e: e["confidence"] >= 0.8),
        ({"since": "2026-11-01"}, lambda e: (e["date"] or e["article_published"][:10]) >= "2026-11-01"),
        ({"actor": "PAK"}, lambda e: any(a["country"] == "PAK" for a in e["actors"])),
        ({"sector": "GOV"}, lambda e: any("GOV" in a["sectors"] for a in e["actors"])),
        ({"country": "KEN"}, lambda e: e["place_country"] == "KEN"),
    ],
)
def test_event_filters_keep_only_matching_events(samples_url: str, params: dict, check) -> None:
    events = all_pages(samples_url, "/api/v1/events", **params)
    assert events, f"the sample store should have events for {params}"
    assert all(check(e) for e in events)


def test_an_article_has_every_span_inside_its_text(samples_url: str) -> None:
    articles = all_pages(samples_url, "/api/v1/articles")
    assert len(articles) >= 10
    for item in articles:
        status, doc = get_json(f"{samples_url}/api/v1/articles/{item['id']}")
        assert status == 200
        text = doc["article"]["text"]
        spans = [*doc["entities"], *doc["quotes"], *doc["times"], *doc["quantities"]]
        spans += [e["sentence"] for e in doc["events"]] + [e["trigger"] for e in doc["events"]]
        for span in spans:
            assert 0 <= span["start"] <= span["end"] <= len(text)
            assert text[span["start"] : span["end"]] == span["text"]


@pytest.mark.parametrize(
    ("params", "expected_title_word"),
    [({"q": "patrols Somalia"}, "Somalia"), ({"site": "Meridian"}, "Yemen"), ({"since": "2026-11-15"}, "Myanmar")],
)
def test_article_search(samples_url: str, params: dict, expected_title_word: str) -> None:
    articles = all_pages(samples_url, "/api/v1/articles", **params)
    assert articles and any(expected_title_word in a["title"] for a in articles)


def test_article_search_with_no_match_is_empty(samples_url: str) -> None:
    assert all_pages(samples_url, "/api/v1/articles", q="zebra-unicorn-xylophone") == []


def test_actors_have_counts_and_partners(samples_url: str) -> None:
    actors = all_pages(samples_url, "/api/v1/actors", limit="50")
    pakistan = next(a for a in actors if a["name"] == "Pakistan")
    assert pakistan["country"] == "PAK" and pakistan["events_as_actor"] >= 1
    assert any(p["name"] == "Afghanistan" for p in pakistan["partners"])
    assert all(not a["generic"] for a in all_pages(samples_url, "/api/v1/actors", named="true"))


def test_places_and_quotes(samples_url: str) -> None:
    places = all_pages(samples_url, "/api/v1/places", located="true")
    assert places and all(p["lat"] is not None and p["lon"] is not None for p in places)
    quotes = all_pages(samples_url, "/api/v1/quotes", speaker="Otieno")
    assert quotes and all("Otieno" in (q["speaker_text"] or "") + (q["speaker_name"] or "") for q in quotes)


@pytest.mark.parametrize("interval", ["day", "week", "month", "year"])
@pytest.mark.parametrize("by", ["type", "quad", "pair", "actor", "none"])
def test_timeline_counts_every_event_once(samples_url: str, interval: str, by: str) -> None:
    status, stats = get_json(f"{samples_url}/api/v1/stats")
    status, body = get_json(f"{samples_url}/api/v1/aggregates/timeline?interval={interval}&by={by}")
    assert status == 200
    assert sum(i["count"] for i in body["items"]) + body["undated"] == stats["events"]
    if by == "quad":
        assert {i["key"] for i in body["items"]} <= {"1", "2", "3", "4"}


def test_network_edges_join_listed_actors(samples_url: str) -> None:
    status, body = get_json(f"{samples_url}/api/v1/aggregates/network")
    assert status == 200 and body["edges"]
    ids = {n["id"] for n in body["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids and e["quad"] in (1, 2, 3, 4) for e in body["edges"])


def test_exports_hold_every_matching_event(samples_url: str) -> None:
    listed = all_pages(samples_url, "/api/v1/events", type="ASSAULT")
    status, headers, body = request(f"{samples_url}/api/v1/events/export?format=csv&type=ASSAULT")
    assert status == 200 and headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
    assert [(r["article_id"], r["id"]) for r in rows] == [(e["article_id"], e["id"]) for e in listed]
    status, _, body = request(f"{samples_url}/api/v1/events/export?format=jsonl&type=ASSAULT")
    assert [json.loads(line)["id"] for line in body.decode().splitlines()] == [e["id"] for e in listed]
    status, _, body = request(f"{samples_url}/api/v1/events/export?format=plover&type=ASSAULT")
    records = [json.loads(line) for line in body.decode().splitlines()]
    assert len(records) == len(listed)
    assert all(r["event"] == "ASSAULT" and r["text"] and isinstance(r["actor"], list) for r in records)
