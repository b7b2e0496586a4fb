"""Ranked article search and stores without story tables, on stores built by hand (no language model)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from api.serving import all_pages, get_json, serving
from newsevents import queries
from newsevents.model import Analysis, Article
from newsevents.store import STORY_TABLES, Store

FILLER = "The committee met again in the afternoon and agreed to publish its report next week. "


def store_of(path: Path, articles: list[tuple[str, str, str, str]]) -> Path:
    """A store of bare articles (id, published, title, text) and no analysis."""
    with Store(path) as store:
        for article_id, published, title, text in articles:
            store.add(Analysis(Article(id=article_id, text=text, title=title, published=published)))
    return path


@pytest.mark.parametrize(
    ("articles", "q", "expected"),
    [
        # The title counts more than the text: the article about it first, the passing mention last.
        ([("about", "2026-01-01", "Harbour reopens after storm", FILLER * 3 + "The harbour opened at dawn."),
          ("passing", "2026-03-01", "Budget vote delayed", FILLER * 3 + "Ferries used the harbour.")],
         "harbour", ["about", "passing"]),
        # More occurrences in a text of the same length rank higher.
        ([("once", "2026-03-01", "News", FILLER * 2 + "A glacier. " + FILLER),
          ("thrice", "2026-01-01", "News", FILLER * 2 + "A glacier, a glacier, a glacier. " + FILLER)],
         "glacier", ["thrice", "once"]),
        # The same count in a shorter text ranks higher (length normalisation).
        ([("long", "2026-03-01", "News", "A volcano erupted. " + FILLER * 12),
          ("short", "2026-01-01", "News", "A volcano erupted. " + FILLER)],
         "volcano", ["short", "long"]),
        # A rare word weighs more than a common one: the article holding the rare word twice wins over
        # the one holding the common word many times.
        ([("common", "2026-03-01", "News", "Rain. " * 8 + "Sleet. " + FILLER),
          ("rare", "2026-01-01", "News", "Rain. Sleet. Sleet. " + FILLER),
          *[(f"other{i}", "2025-01-01", "News", "Rain fell. " + FILLER) for i in range(6)]],
         "rain sleet", ["rare", "common"]),
        # Every word must be there, at the start of a word, in any case.
        ([("a", "2026-01-01", "News", "Iran and Oman. " + FILLER),
          ("b", "2026-01-02", "News", "RANGERS won. " + FILLER)],
         "ran", ["b"]),
    ],
)  # fmt: skip
def test_search_ranks_by_relevance(tmp_path: Path, articles: list, q: str, expected: list[str]) -> None:
    db = store_of(tmp_path / "s.duckdb", articles)
    with duckdb.connect(str(db), read_only=True) as con:
        page = queries.list_articles(con, q=q)
    assert [a["id"] for a in page["items"]] == expected
    scores = [a["score"] for a in page["items"]]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize(
    ("q", "words"),
    [("Kenya", ["kenya"]), ("  Kenya  kenya ", ["kenya"]), ("“Kenya,” (Somalia).", ["kenya", "somalia"]),
     ("U.S. sanctions", ["u.s", "sanctions"]), ("100%", ["100%"]), ("...", ["..."]), ("", [])],
)  # fmt: skip
def test_search_words(q: str, words: list[str]) -> None:
    assert queries.search_words(q) == words


@pytest.mark.parametrize(
    ("details", "conflicts"),
    [
        ({}, []),
        ({"dates": [{"value": "2026-05-11"}], "statuses": [{"value": "asserted"}]}, []),
        ({"dates": [{"value": "2026-05-11"}, {"value": "2026-05-12"}]}, ["dates"]),
        ({"numbers": [{"value": 300.0, "unit": "soldiers"}, {"value": 350.0, "unit": "soldiers"}]}, ["numbers"]),
        ({"numbers": [{"value": 300.0, "unit": "soldiers"}, {"value": 2.0, "unit": "crossings"}]}, []),
        ({"statuses": [{"value": "asserted"}, {"value": "planned"}], "places": [{"value": "A"}, {"value": "B"}]},
         ["statuses", "places"]),
    ],
)  # fmt: skip
def test_detail_conflicts(details: dict, conflicts: list[str]) -> None:
    assert queries.detail_conflicts(details) == conflicts


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["c", "b", "a"]),
        ({"site": "north"}, ["c", "a"]),
        ({"since": "2026-02"}, ["c", "b"]),
        ({"until": "2026-02"}, ["b", "a"]),
        ({"q": "flood", "site": "north"}, ["a", "c"]),  # ranked: the title names the flood
        ({"q": "flood", "since": "2026-02-01", "until": "2026-03-31"}, ["b", "c"]),  # twice in a shorter text first
        ({"q": "flood", "language": "fr"}, []),
    ],
)
def test_search_combines_with_the_other_filters(tmp_path: Path, params: dict, expected: list[str]) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        for article_id, site, published, title, text in [
            ("a", "northnews.example", "2026-01-10", "Flood warning", "The flood rose. " + FILLER),
            ("b", "southnews.example", "2026-02-10", "News", "A flood, a flood. " + FILLER * 2),
            ("c", "northnews.example", "2026-03-10", "News", "Flood barriers. " + FILLER * 4),
        ]:
            store.add(Analysis(Article(id=article_id, text=text, title=title, site=site, published=published,
                                       language="en")))  # fmt: skip
        page = queries.list_articles(store.con, **params)
    assert [a["id"] for a in page["items"]] == expected


def test_search_pages_follow_the_ranking(tmp_path: Path) -> None:
    articles = [(f"a{i}", f"2026-01-{i + 1:02d}", "News", "Drought. " * (i % 5 + 1) + FILLER) for i in range(12)]
    db = store_of(tmp_path / "s.duckdb", articles)
    with serving(db) as url:
        whole = all_pages(url, "/api/v1/articles", q="drought")
        paged = all_pages(url, "/api/v1/articles", q="drought", limit="5")
    assert [a["id"] for a in paged] == [a["id"] for a in whole] and len(whole) == 12
    assert [a["score"] for a in whole] == sorted((a["score"] for a in whole), reverse=True)


def test_a_store_without_story_tables_answers_400_not_500(tmp_path: Path) -> None:
    db = store_of(tmp_path / "old.duckdb", [("x", "2026-01-01", "Old news", FILLER)])
    with Store(db) as store:  # as written before stories existed
        for table in STORY_TABLES:
            store.con.execute(f"DROP TABLE {table}")
    with serving(db) as url:
        for path in ("/api/v1/stories", "/api/v1/story-events", "/api/v1/events?story=s", "/api/v1/events?merged=true"):
            status, body = get_json(url + path)
            assert status == 400 and "newsevents stories --backfill" in body["error"]["message"], (path, body)
        assert get_json(url + "/api/v1/articles/x/related") == (200, {"article": "x", "story": None, "in_story": [],
                                                                       "nearest": []})  # fmt: skip
        status, body = get_json(url + "/api/v1/articles")
        assert status == 200 and body["items"][0]["story"] is None
