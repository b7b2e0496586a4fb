"""Incremental story assignment: who joins whom, within the window, against a real store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsevents.library import list_stories
from newsevents.store import Store
from newsevents.stories.assign import StoryAssigner, StoryOptions
from newsevents.stories.keys import StoryFeatures, features_from_parts

TALKS = "Ministers discussed border crossings, joint patrols, refugees and trade at the Harambee Avenue meeting."
ATTACK = "Militants stormed a police camp with grenades, torched patrol trucks and killed six officers before dawn."


def article(article_id: str, day: date | None, text: str, **parts: list[str]) -> StoryFeatures:
    return features_from_parts(article_id, day=day, site=f"{article_id}.example", text=text, **parts)


KENYA_TALKS = {"actors": ["Musalia Mudavadi", "Ahmed Moalim Fiqi"], "countries": ["KEN", "SOM"], "places": ["Nairobi"]}


@pytest.mark.parametrize(
    ("name", "second", "joins"),
    [
        ("another report of the same talks, next day",
         article("b", date(2026, 3, 3), TALKS + " Trade and refugees came first.", **KENYA_TALKS), True),
        ("the same talks, ten days later: outside the window",
         article("b", date(2026, 3, 12), TALKS, **KENYA_TALKS), False),
        ("the same countries, another happening in other words",
         article("b", date(2026, 3, 3), ATTACK, countries=["KEN", "SOM"], places=["Mandera"]), False),
        ("an undated report never meets a dated one", article("b", None, TALKS, **KENYA_TALKS), False),
    ],
)  # fmt: skip
def test_a_second_article_joins_or_starts_a_story(
    tmp_path: Path, name: str, second: StoryFeatures, joins: bool
) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        assigner = StoryAssigner(store)
        first = assigner.assign([article("a", date(2026, 3, 2), TALKS, dates=["2026-03-02"], **KENYA_TALKS)])[0]
        assigner.flush()
        assert first.new
        result = StoryAssigner(store).assign([second])[0]  # a new assigner: candidates come from the store
        assert (result.story_id == first.story_id) is joins, name
        assert result.new is not joins


def test_conflicting_days_lower_the_similarity(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        assigner = StoryAssigner(store)
        a = assigner.vector(article("a", date(2026, 3, 2), TALKS, dates=["2026-03-02"], **KENYA_TALKS))
        b = assigner.vector(article("b", date(2026, 3, 4), TALKS, dates=["2026-03-04"], **KENYA_TALKS))
        c = assigner.vector(article("c", date(2026, 3, 2), TALKS, dates=["2026-03-02"], **KENYA_TALKS))
        assert assigner.similarity(a, b) < 0.6 * assigner.similarity(a, c)


def test_articles_of_one_batch_join_each_other(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        assigner = StoryAssigner(store)
        results = assigner.assign([article(x, date(2026, 3, 2), TALKS, **KENYA_TALKS) for x in "abc"])
        assert [r.new for r in results] == [True, False, False]
        assert len({r.story_id for r in results}) == 1
        assigner.flush()
        assert list_stories(store)[0]["num_articles"] == 3


@pytest.mark.parametrize(
    ("day", "window", "expected_buckets"),
    [(date(2026, 3, 2), 3, 2), (None, 3, 1), (date(2026, 3, 2), 0, 1)],
)
def test_a_window_spans_at_most_two_buckets(day: date | None, window: int, expected_buckets: int) -> None:
    assigner = StoryAssigner.__new__(StoryAssigner)
    assigner.options = StoryOptions(window_days=window)
    buckets = assigner.buckets_around(day)
    assert 1 <= len(buckets) <= expected_buckets
    if day:
        for offset in range(-window, window + 1):
            assert assigner.bucket(date.fromordinal(day.toordinal() + offset)) in buckets
