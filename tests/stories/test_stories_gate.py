"""Quality gate: the labelled stories corpus through the real pipeline and a real DuckDB store.

tests/stories/data/articles.jsonl holds 62 articles written for this test (built by build_corpus.py):
wire originals with syndicated copies, independent reports of the same happenings, and other
happenings with the same actors, places or days. labels.jsonl gives each article's duplicate group
and story. Pairwise precision and recall are printed and must stay above the gates.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsevents import cli
from newsevents.library import ingest_paths, list_articles, merged_events, related, story_detail
from newsevents.store import Store
from newsevents.stories.evaluate import pair_scores

DATA = Path(__file__).resolve().parent / "data"
ARTICLES, LABELS = DATA / "articles.jsonl", DATA / "labels.jsonl"
GATES = {"duplicates": (0.98, 0.95), "stories": (0.9, 0.85)}  # (precision, recall)

pytestmark = pytest.mark.slow


def _labels() -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in map(json.loads, LABELS.read_text(encoding="utf-8").splitlines())}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("stories") / "corpus.duckdb"
    with Store(path) as store:
        counts = ingest_paths([ARTICLES], store)
    assert counts.failed == 0 and counts.new == len(_labels())
    return path


@pytest.fixture(scope="module")
def articles(db: Path) -> list[dict[str, Any]]:
    with Store(db, read_only=True) as store:
        return list_articles(store)


def test_the_corpus_is_big_enough() -> None:
    labels = _labels()
    assert len(labels) >= 60
    assert len({row["story"] for row in labels.values()}) >= 15
    assert sum(row["duplicate_group"] != row["id"] for row in labels.values()) >= 15


@pytest.mark.parametrize("kind", ["duplicates", "stories"])
def test_pairwise_precision_and_recall(articles: list[dict[str, Any]], kind: str) -> None:
    labels = _labels()
    if kind == "duplicates":
        predicted = {a["id"]: a["duplicate_of"] or a["id"] for a in articles}
        expected = {i: row["duplicate_group"] for i, row in labels.items()}
    else:
        predicted = {a["id"]: a["story"] or a["id"] for a in articles}
        expected = {i: row["story"] for i, row in labels.items()}
    scores = pair_scores(predicted, expected)
    print(f"\n{kind}: {scores}")
    precision, recall = GATES[kind]
    assert scores.precision >= precision and scores.recall >= recall, scores


def test_copies_are_not_analysed(db: Path, articles: list[dict[str, Any]]) -> None:
    copies = [a["id"] for a in articles if a["duplicate_of"]]
    with Store(db, read_only=True) as store:
        analysed = {row[0] for row in store.con.execute("SELECT DISTINCT article_id FROM entities").fetchall()}
    assert copies and not analysed & set(copies)


def test_ingesting_again_changes_nothing(db: Path, articles: list[dict[str, Any]]) -> None:
    with Store(db) as store:
        counts = ingest_paths([ARTICLES], store)
        assert (counts.new, counts.present) == (0, len(articles))
        assert list_articles(store) == articles


def test_merged_events_point_into_their_story(db: Path, articles: list[dict[str, Any]]) -> None:
    """Every mention of a merged event is an article of the event's story, and its sentence is in that text."""
    story_of = {a["id"]: a["story"] for a in articles}
    with Store(db, read_only=True) as store:
        events = merged_events(store)
        texts = store.article_texts(list(story_of))
    assert events
    for event in events:
        reporting = {m["article_id"] for m in event["mentions"]}
        assert event["num_articles"] >= len(reporting) and event["first_seen"] <= event["last_seen"]
        for m in event["mentions"]:
            assert story_of[m["article_id"]] == event["story_id"]
            assert texts[m["article_id"]][m["sentence_start"] : m["sentence_end"]] == m["sentence"]


def test_story_detail_and_related_articles(db: Path, articles: list[dict[str, Any]]) -> None:
    wire = next(a for a in articles if a["id"] == "s4-wire")
    with Store(db, read_only=True) as store:
        story = story_detail(store, wire["story"])
        near = related(store, "s4-wire")
    assert story is not None and {a["id"] for a in story["articles"]} >= {"s4-wire", "s4-copy-a", "s4-radio"}
    assert {a["id"] for a in near["in_story"]} >= {"s4-copy-a", "s4-radio"}
    assert all(a["story"] != wire["story"] for a in near["nearest"])


@pytest.mark.parametrize(
    ("argv", "check"),
    [
        (["articles", "--format", "json"], lambda rows: {"id", "url", "site", "title", "published", "story",
                                                         "duplicate_of"} <= set(rows[0])),
        (["stories", "--format", "json", "--actor", "HTI"], lambda rows: rows and all(r["num_articles"] for r in rows)),
        (["stories", "--format", "json", "--since", "2026-10-01"], lambda rows: len(rows) == 1),
        (["events", "--merged", "--format", "json"], lambda rows: rows and "mentions" in rows[0]),
    ],
)  # fmt: skip
def test_cli_json(db: Path, capsys: pytest.CaptureFixture[str], argv: list[str], check: Any) -> None:
    assert cli.main([*argv, "--db", str(db)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert check(rows)


def test_cli_tables(db: Path, articles: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]) -> None:
    story_id = next(a["story"] for a in articles if a["id"] == "s4-wire")
    for argv in (["articles"], ["stories"], ["story", story_id], ["events", "--merged"]):
        assert cli.main([*argv, "--db", str(db)]) == 0
        assert capsys.readouterr().out.strip()
    assert cli.main(["story", "no-such-story", "--db", str(db)]) == 2
