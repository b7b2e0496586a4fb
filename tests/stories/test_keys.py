"""Story keys: stems, numbers, keywords, dates and the weighted vectors built from them."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from newsevents.stories.keys import (
    TermStats,
    cosine,
    dates_conflict,
    features_from_parts,
    keywords,
    numbers,
    parse_day,
    stem,
    weigh,
)


@pytest.mark.parametrize(
    ("words", "same"),
    [
        (("talks", "talk"), True),
        (("shelling", "shelled", "shells"), True),
        (("casualties", "casualty"), True),
        (("agreed", "agree"), True),
        (("stopped", "stop"), True),
        (("crosses", "cross"), True),
        (("status", "statu"), False),  # "us" endings are kept
        (("bomb", "talk"), False),
    ],
)
def test_stem(words: tuple[str, ...], same: bool) -> None:
    assert (len({stem(w) for w in words}) == 1) is same


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("17,500 taka", {"n:17500": 1}),
        ("900 prisoners and 900 more", {"n:900": 2}),
        ("in 2011 and 1998", {}),  # years
        ("3 dead", {}),  # single digits say little
        ("G7 and w1234 and COVID-19", {}),  # parts of names
        ("(150) soldiers.", {"n:150": 1}),
    ],
)
def test_numbers(text: str, expected: dict[str, int]) -> None:
    assert numbers(text) == Counter(expected)


def test_keywords_drop_stopwords_and_fold_case() -> None:
    assert keywords("The Talks said Kenya's talks on Monday were talks") == Counter({"w:talk": 3, "w:kenya": 1})


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        (["2026-03-02"], ["2026-03-04"], True),
        (["2026-03-02"], ["2026-03-03"], False),  # within a day
        (["2026-03-02", "2026-03-03"], ["2026-03-04"], False),  # one pair close enough
        ([], ["2026-03-04"], False),  # no date: no evidence of conflict
    ],
)
def test_dates_conflict(a: list[str], b: list[str], conflict: bool) -> None:
    va = {f"d:{d}": 0.5 for d in a} | {"w:x": 0.5}
    vb = {f"d:{d}": 0.5 for d in b} | {"w:x": 0.5}
    assert dates_conflict(va, vb) is conflict


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2026-03-02", date(2026, 3, 2)), ("2026-03-02T10:00:00Z", date(2026, 3, 2)), ("2026-03", None), (None, None),
     ("yesterday!", None)],
)  # fmt: skip
def test_parse_day(value: str | None, expected: date | None) -> None:
    assert parse_day(value) == expected


def test_features_name_actors_places_dates_events_and_headline_words() -> None:
    f = features_from_parts(
        "a", day=date(2026, 3, 2), title="Talks in Nairobi", text="Ministers met.", actors=["Musalia Mudavadi"],
        countries=["ken"], places=["Nairobi"], dates=["2026-03-02"], events=[("CONSULT", "2026-03-02")],
    )  # fmt: skip
    assert f.counts["a:musalia mudavadi"] == 1 and f.counts["c:KEN"] == 1 and f.counts["d:2026-03-02"] == 1
    assert f.counts["h:CONSULT:2026-03-02"] == 1 and f.counts["e:CONSULT"] == 1
    assert f.counts["w:talk"] == 2  # the headline counts double
    assert "w:nairobi" not in f.counts and f.counts["p:nairobi"] == 1  # a place is a place, not a word


def test_rare_keys_weigh_more_and_vectors_are_unit() -> None:
    stats = TermStats()
    for _ in range(500):
        stats.add(["c:USA"])
    vector = weigh(Counter({"c:USA": 1, "a:rare name": 1}), stats)
    assert vector["a:rare name"] > vector["c:USA"]
    assert cosine(vector, vector) == pytest.approx(1.0)
