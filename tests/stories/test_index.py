"""The story index over a store: copies, stories and merged events from hand-built analyses."""

from __future__ import annotations

import json
from pathlib import Path

from newsevents.model import Actor, Analysis, Article, Entity, Event, Place, Quantity
from newsevents.store import Store
from newsevents.stories import StoryIndex, merge_stories_events, merge_story_events
from newsevents.stories.duplicates import DuplicateMatch

LEAD = "Kenyan police arrested 40 protesters in Nairobi on Monday after clashes over fuel prices."


def report(article_id: str, site: str, text: str, date: str, count: int) -> Analysis:
    """An analysis built by hand: police (KEN) arrest protesters in Nairobi, with a number in the sentence."""
    a = Analysis(Article(id=article_id, text=text, site=site, published="2026-10-12", title=text[:40]))
    police, city = text.index("police"), text.index("Nairobi")
    a.entities = [
        Entity("e1", "NOMINAL", police - 7, police + 6, text[police - 7 : police + 6], actor="a1"),
        Entity("e2", "GPE", city, city + 7, "Nairobi", place="p1"),
    ]
    a.actors = [Actor("a1", "Kenyan police", "organization", "KEN", ["COP"], mentions=["e1"])]
    a.places = [Place("p1", "Nairobi", "city", "KEN", mentions=["e2"])]
    number = text.index(str(count))
    a.quantities = [Quantity("q1", number, number + len(str(count)) + 11, f"{count} protesters", count, "protesters")]
    sentence = a.span(0, len(text))
    trigger = text.index("arrested")
    a.events = [Event("v1", "COERCE", "asserted", ["a1"], [], sentence, a.span(trigger, trigger + 8), 0.8,
                      mode="arrest", date=date, place="p1", evidence=[sentence])]  # fmt: skip
    return a


def test_reports_of_one_happening_become_one_merged_event(tmp_path: Path) -> None:
    first = report("a", "one.example", LEAD, "2026-10-12", 40)
    second = report(
        "b", "two.example",
        "Some 45 protesters were arrested by Kenyan police in Nairobi on Monday as clashes over fuel prices spread.",
        "2026-10-13", 45,
    )  # fmt: skip
    copy = Article(id="c", text=LEAD + " Follow us.", site="three.example", published="2026-10-12")
    with Store(tmp_path / "s.duckdb") as store:
        index = StoryIndex(store)
        for analysis in (first, second):
            assert index.check(analysis.article) is None
            store.add(analysis)
            index.add_analysis(analysis)
        match = index.check(copy)
        assert isinstance(match, DuplicateMatch) and match.duplicate_of == "a"
        assert index.add_copy(copy, match)
        index.close()
        assert len({store.story_of(i) for i in "abc"}) == 1
        [event] = store.merged_events()
        assert store.duplicate_of("c") == "a"
    assert (event["event"], event["mode"], event["actor"], event["place"]) == ("COERCE", "arrest", ["Kenyan police"],
                                                                              "Nairobi")  # fmt: skip
    assert (event["num_articles"], event["num_sources"]) == (3, 3)
    assert [m["article_id"] for m in event["mentions"]] == ["a", "b"]
    assert {d["value"] for d in event["details"]["dates"]} == {"2026-10-12", "2026-10-13"}
    assert {n["value"] for n in event["details"]["numbers"]} == {40.0, 45.0}
    assert [c["article_id"] for c in event["details"]["copies"]] == ["c"]


def test_a_copy_of_an_article_without_a_story_is_still_stored(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.add(Analysis(Article(id="old", text=LEAD)))  # stored before stories existed
        index = StoryIndex(store)
        match = DuplicateMatch("new", "old", 1.0, 1.0)
        assert index.add_copy(Article(id="new", text=LEAD), match)
        assert not index.add_copy(Article(id="new", text=LEAD), match)  # stored once
        assert store.duplicate_of("new") == "old" and store.story_of("new") is None


def test_a_batch_merges_its_stories_as_one_merge_per_story_would(tmp_path: Path) -> None:
    other = "Kenyan police arrested 12 traders in Nairobi in a raid on an unlicensed market selling stolen phones."
    batch = [report("a", "one.example", LEAD, "2026-10-12", 40), report("b", "two.example", other, "2026-10-16", 12)]
    with Store(tmp_path / "s.duckdb") as store:
        index = StoryIndex(store)
        store.add_many(batch)
        index.add_analyses(batch)
        stories = sorted({store.story_of(i) for i in "ab"} - {None})
        batched = {s: store.merged_events(story_id=s) for s in stories}
        merged = merge_stories_events(store, [*stories, "no-such-story"])
        assert merged["no-such-story"] == []
        for story_id in stories:
            assert merge_story_events(store, story_id) == merged[story_id]
            assert store.merged_events(story_id=story_id) == batched[story_id]  # merging again changes nothing
    assert all(batched.values())


def test_band_keys_are_written_with_the_batch_and_seen_before(tmp_path: Path) -> None:
    first = report("a", "one.example", LEAD, "2026-10-12", 40)
    copy = Article(id="c", text=LEAD + " Follow us.", site="three.example", published="2026-10-12")
    with Store(tmp_path / "s.duckdb") as store:
        index = StoryIndex(store)
        assert index.check(first.article) is None
        match = index.check(copy)  # its original is still being analysed: found in memory
        assert isinstance(match, DuplicateMatch) and match.duplicate_of == "a"
        assert store.con.execute("SELECT count(*) FROM article_bands").fetchone() == (0,)
        store.add(first)
        index.add_analysis(first)
        assert {a for _, a in store.con.execute("SELECT key, article_id FROM article_bands").fetchall()} == {"a"}


def test_merges_can_wait_for_many_batches_and_a_run_stopped_before_them_is_finished(tmp_path: Path) -> None:
    """``merge_after``: the merged events are redone once the stories waiting reach it, or at ``close``; the
    stories waiting are noted in the store, so that a run stopped before merging them is finished by the
    next (the backfill that an interrupted ingest sets off merges them first)."""
    from newsevents.stories.backfill import backfill_stories
    from newsevents.stories.merge import UNMERGED_KEY

    other = "Kenyan police arrested 12 traders in Nairobi in a raid on an unlicensed market selling stolen phones."
    later = "Kenyan police said 41 protesters arrested in Nairobi on Monday over fuel prices were freed on bail."
    batches = [
        [report("a", "one.example", LEAD, "2026-10-12", 40), report("b", "two.example", other, "2026-10-16", 12)],
        [report("c", "three.example", later, "2026-10-12", 41)],
    ]

    def run(db: Path, merge_after: int, *, close: bool = True) -> tuple[list[list[str]], dict[str, list]]:
        waiting = []
        with Store(db) as store:
            index = StoryIndex(store, merge_after=merge_after)
            for batch in batches:
                store.add_many(batch)
                index.add_analyses(batch)
                waiting.append(json.loads(store.get_meta(UNMERGED_KEY) or "[]"))
            if close:
                index.close()
            return waiting, {s: store.merged_events(story_id=s) for s in _stories(store)}

    _, at_once = run(tmp_path / "once.duckdb", 0)
    waited, merged = run(tmp_path / "wait.duckdb", 10)
    with Store(tmp_path / "once.duckdb", read_only=True) as store:
        first, second = ({store.story_of(a.article.id) for a in batch} for batch in batches)
    assert all(at_once.values())
    assert waited == [sorted(first), sorted(first | second)]  # nothing merged until the run ends
    assert merged == at_once
    assert run(tmp_path / "one.duckdb", 1)[0] == [[], []]  # merged as soon as a story waits

    waited, unmerged = run(tmp_path / "stopped.duckdb", 10, close=False)
    assert waited[-1] == sorted(at_once) and not any(unmerged.values())
    with Store(tmp_path / "stopped.duckdb") as store:
        backfill_stories(store)
        assert store.get_meta(UNMERGED_KEY) is None
        assert {s: store.merged_events(story_id=s) for s in _stories(store)} == at_once


def _stories(store: Store) -> list[str]:
    return sorted(s for (s,) in store.con.execute("SELECT id FROM stories").fetchall())
