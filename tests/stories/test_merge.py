"""Merged events: which reports are one happening, and conflicting details kept side by side."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsevents.stories.merge import Mention, Participant, group_mentions, merge_group, same_happening

POLICE = [Participant("Haitian police", "HTI")]
GANG = [Participant("Viv Ansanm", None)]


def mention(article_id: str, **changes: object) -> Mention:
    base = Mention(
        article_id, "v1", "ASSAULT", None, "asserted", "2026-04-06", "Carrefour", "HTI", f"{article_id}.example",
        "2026-04-06", 0, 40, "Gunmen killed 17 people in Carrefour on Monday.", actors=list(GANG), recipients=[],
        numbers=[{"text": "17 people", "value": 17.0, "unit": "people"}],
    )  # fmt: skip
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("other", "same"),
    [
        (mention("b"), True),
        (mention("b", date="2026-04-07"), True),  # within a day: one happening, two dates kept
        (mention("b", date="2026-04-09"), False),
        (mention("b", date=None), True),
        (mention("b", event="PROTEST"), False),
        (mention("b", actors=POLICE), False),
        (mention("b", actors=[Participant("viv  ansanm", None)]), True),  # canonical names
        (mention("b", actors=[]), False),  # an actor is not assumed
        (mention("b", recipients=POLICE), True),  # a recipient left out by one report is
        (mention("b", place="Port-au-Prince", place_country="HTI"), True),  # a suburb and its city
        (mention("b", place="Kingston", place_country="JAM"), False),
        (mention("b", place=None), True),
    ],
)
def test_same_happening(other: Mention, same: bool) -> None:
    assert same_happening(mention("a"), other) is same


def test_conflicting_dates_and_numbers_are_kept_with_their_sources() -> None:
    reports = [
        mention("a"),
        mention("b", date="2026-04-07", numbers=[{"text": "19 people", "value": 19.0, "unit": "people"}]),
        mention("c"),
        mention("d", event="PROTEST"),
    ]
    groups = group_mentions(reports)
    assert [len(g) for g in groups] == [3, 1]
    copies = {"a": [{"article_id": "a-copy", "site": "copy.example", "published": "2026-04-07"}]}
    merged = merge_group("story", groups[0], copies)
    assert merged["num_articles"] == 4 and merged["num_sources"] == 4
    assert merged["date"] == "2026-04-06"
    assert [(d["value"], [s["article_id"] for s in d["sources"]]) for d in merged["details"]["dates"]] == [
        ("2026-04-06", ["a", "c"]),
        ("2026-04-07", ["b"]),
    ]
    assert [(n["value"], len(n["sources"])) for n in merged["details"]["numbers"]] == [(17.0, 2), (19.0, 1)]
    assert merged["first_seen"] == "2026-04-06" and merged["last_seen"] == "2026-04-07"
    assert [m["article_id"] for m in merged["mentions"]] == ["a", "b", "c"]


def test_groups_keep_the_order_they_were_begun_in_across_types() -> None:
    """Each report joins the first matching group of its own type; groups come out in the order they began."""
    reports = [
        mention("a", event="PROTEST"),
        mention("b"),
        mention("c", date="2026-04-12"),  # an assault on another day: a group of its own
        mention("d", event="PROTEST"),
        mention("e", date="2026-04-12"),
        mention("f"),
    ]
    groups = group_mentions(reports)
    assert [[m.article_id for m in g] for g in groups] == [["a", "d"], ["b", "f"], ["c", "e"]]


def test_a_value_given_twice_by_one_article_has_it_once_among_its_sources() -> None:
    twice = mention("a", numbers=[{"text": "17 people", "value": 17.0, "unit": "people"}] * 2)
    merged = merge_group("story", [twice, mention("b", event_id="v2"), mention("a", event_id="v3")], {})
    assert [[s["article_id"] for s in n["sources"]] for n in merged["details"]["numbers"]] == [["a", "b"]]
    assert [[s["article_id"] for s in d["sources"]] for d in merged["details"]["dates"]] == [["a", "b"]]
