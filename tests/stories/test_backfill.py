"""Backfill: a store whose articles have no stories (written before stories existed) gets the copies,
stories and merged events that ingest would have given it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from newsevents import cli
from newsevents.library import backfill_stories, ingest_paths, list_articles, merged_events
from newsevents.model import Actor, Analysis, Article, Event, Place
from newsevents.store import STORY_TABLES, Store
from newsevents.stories import merge

DATA = Path(__file__).resolve().parent / "data"


def forget_stories(path: Path) -> None:
    """Make ``path`` a store as written before stories existed: no copies, stories or merged events."""
    with Store(path) as store:
        for table in STORY_TABLES:
            store.con.execute(f"DELETE FROM {table}")
        store.set_meta({"story_documents": None})


def grouping(path: Path) -> tuple[list[dict[str, Any]], list[tuple[Any, ...]]]:
    """Every article with its story and original, and every merged event with its counts and reports."""
    with Store(path, read_only=True) as store:
        events = [
            (e["id"], e["story_id"], e["event"], e["num_articles"], e["num_sources"],
             [(m["article_id"], m["event_id"]) for m in e["mentions"]])
            for e in merged_events(store)
        ]  # fmt: skip
        return list_articles(store), sorted(events)


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The stories corpus through the real pipeline, in publication order (one day's articles in the file's)."""
    rows = [json.loads(line) for line in (DATA / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    rows.sort(key=lambda r: r["published"])  # stable: one day's articles keep the file's order
    folder = tmp_path_factory.mktemp("backfill")
    source = folder / "by-date.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    with Store(folder / "ingested.duckdb") as store:
        counts = ingest_paths([source], store)
    assert counts.failed == 0 and counts.new == len(rows)
    return folder / "ingested.duckdb"


@pytest.fixture
def old(ingested: Path, tmp_path: Path) -> Path:
    """A copy of the ingested store with its stories forgotten."""
    path = tmp_path / "old.duckdb"
    shutil.copy(ingested, path)
    forget_stories(path)
    return path


@pytest.mark.slow
def test_the_backfill_gives_the_grouping_of_ingest(ingested: Path, old: Path) -> None:
    expected = grouping(ingested)
    assert all(a["story"] is None for a in grouping(old)[0])
    with Store(old) as store:
        counts = backfill_stories(store)
    articles, events = grouping(old)
    assert (articles, events) == expected
    assert counts.articles == len(articles) and counts.copies == sum(bool(a["duplicate_of"]) for a in articles)
    assert counts.stories == len({a["story"] for a in articles}) and (counts.failed, counts.orphans) == (0, 0)
    with Store(old) as store:  # a second run finds nothing to do
        assert backfill_stories(store).articles == 0
    assert grouping(old) == expected


@pytest.mark.slow
def test_an_interrupted_backfill_resumes_to_the_same_end(
    ingested: Path, old: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store(old) as store:  # stopped after 25 articles...
        first = backfill_stories(store, limit=25)
    assert (first.articles, first.remaining) == (25, len(grouping(ingested)[0]) - 25)
    real_merge = merge.merge_stories_events

    def merge_then_stop(store: Store, story_ids: list[str]) -> Any:
        if not story_ids:  # the run's start, with nothing left noted by the first
            return real_merge(store, story_ids)
        real_merge(store, story_ids[:3])
        raise KeyboardInterrupt  # ...then stopped while merging, its stories joined, 3 merged

    monkeypatch.setattr(merge, "merge_stories_events", merge_then_stop)
    with Store(old) as store, pytest.raises(KeyboardInterrupt):
        backfill_stories(store)
    monkeypatch.setattr(merge, "merge_stories_events", real_merge)
    with Store(old) as store:
        backfill_stories(store)
    assert grouping(old) == grouping(ingested)


@pytest.mark.slow
def test_the_cli_runs_the_backfill(old: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["stories", "--backfill", "--db", str(old), "--format", "json"]) == 0
    counts = json.loads(capsys.readouterr().out)
    assert counts["articles"] == len(grouping(old)[0]) and counts["remaining"] == 0
    assert cli.main(["stories", "--backfill", "--db", str(old)]) == 0
    assert "0 articles given a story" in capsys.readouterr().out


LEAD = "Kenyan police arrested 40 protesters in Nairobi on Monday after clashes over fuel prices in the capital."


def analysed(article_id: str, text: str, published: str) -> Analysis:
    """An analysis built by hand: Kenyan police arrest protesters in Nairobi (when the text says so)."""
    a = Analysis(Article(id=article_id, text=text, site=f"{article_id}.example", published=published, title=text[:50]))
    if "Kenyan police" not in text:
        return a
    a.actors = [Actor("a1", "Kenyan police", "organization", "KEN", ["COP"])]
    a.places = [Place("p1", "Nairobi", "city", "KEN")]
    trigger = text.index("arrested") if "arrested" in text else 0
    a.events = [Event("v1", "COERCE", "asserted", ["a1"], [], a.span(0, len(text)), a.span(trigger, trigger + 8), 0.8,
                      date=published, place="p1")]  # fmt: skip
    return a


def test_copies_stories_and_an_unreadable_document(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    with Store(db) as store:
        for analysis in (
            analysed("wire", LEAD, "2026-10-12"),
            analysed("copy", "Breaking. " + LEAD, "2026-10-12"),  # analysed: an old store analysed copies too
            analysed("other", "Kenyan police arrested 45 people in Nairobi as fuel protests spread on Monday.",
                     "2026-10-13"),
            analysed("unrelated", "Floods closed the port of Rotterdam for a day, the Dutch water agency said.",
                     "2026-10-13"),
            analysed("broken", "Some other text about something else entirely, in a document we break.",
                     "2026-10-14"),
        ):  # fmt: skip
            store.add(analysis)
        store.con.execute("""UPDATE articles SET document = '{"events": [{"id": "v1"}]}' WHERE id = 'broken'""")
        forget_stories(db)
        counts = backfill_stories(store)
        failures = store.failures()
        articles = {a["id"]: a for a in list_articles(store)}
    assert (counts.articles, counts.copies, counts.failed) == (5, 1, 1)
    assert articles["copy"]["duplicate_of"] == "wire" and articles["copy"]["story"] == articles["wire"]["story"]
    assert articles["other"]["story"] == articles["wire"]["story"] != articles["unrelated"]["story"]
    assert articles["broken"]["story"] is None
    assert [(f["input"], f["stage"]) for f in failures] == [("broken", "stories")]


def test_a_run_stopped_before_its_stories_are_given_them_by_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Articles are stored a batch at a time, then given stories: the next run finishes the job."""
    from newsevents.config import Settings
    from newsevents.library import INGEST_RUNNING_KEY
    from newsevents.stories import StoryIndex

    source = tmp_path / "articles.jsonl"
    shutil.copy(DATA / "articles.jsonl", source)
    db = tmp_path / "s.duckdb"

    def stop(self: StoryIndex, analyses: list[Analysis]) -> Any:
        raise KeyboardInterrupt  # as a kill would, after the batch's articles were stored

    with monkeypatch.context() as patch:
        patch.setattr(StoryIndex, "add_analyses", stop)
        with Store(db) as store, pytest.raises(KeyboardInterrupt):
            ingest_paths([source], store, settings=Settings(batch_size=4))
    with Store(db) as store:
        assert store.get_meta(INGEST_RUNNING_KEY) == "1"
        stored = [a["id"] for a in list_articles(store)]
        assert stored and all(a["story"] is None for a in list_articles(store))
        ingest_paths([source], store, settings=Settings(batch_size=4))
        assert store.get_meta(INGEST_RUNNING_KEY) is None
        assert all(a["story"] is not None for a in list_articles(store))
