"""Stories, merged events, related articles and ranked search over the API, on articles written for these
tests (tests/api/data/stories.jsonl) analysed by the real pipeline and served on 127.0.0.1."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from api.serving import all_pages, get_json

pytestmark = pytest.mark.slow  # the store is built by the real pipeline (spaCy) once per session

GHANA = {"gt-wire", "gt-daily", "gt-copy"}
ROTTERDAM = {"rt-port", "rt-second"}
GRAIN = {"ch-grain"}


@pytest.fixture(scope="module")
def story_of(stories_url: str) -> dict[str, str]:
    """Each article's story id, from the articles listing."""
    return {a["id"]: a["story"] for a in all_pages(stories_url, "/api/v1/articles")}


def members(story_of: dict[str, str], story_id: str) -> set[str]:
    return {a for a, s in story_of.items() if s == story_id}


def test_reports_of_one_happening_share_a_story(story_of: dict[str, str]) -> None:
    groups = {frozenset(members(story_of, s)) for s in story_of.values()}
    assert groups == {frozenset(GHANA), frozenset(ROTTERDAM), frozenset(GRAIN)}


def test_stories_list_latest_first_with_counts_and_sources(stories_url: str, story_of: dict[str, str]) -> None:
    stories = all_pages(stories_url, "/api/v1/stories")
    assert [members(story_of, s["id"]) for s in stories] == [GRAIN, ROTTERDAM, GHANA]
    ghana = stories[2]
    assert (ghana["num_articles"], ghana["num_sources"], ghana["copies"]) == (3, 3, 1)
    assert sorted(ghana["sources"]) == ["accraledger.example", "coastlinewire.example", "voltaherald.example"]
    assert (ghana["first_day"], ghana["last_day"]) == ("2026-05-12", "2026-05-13")
    assert all(s["events"] >= 1 for s in stories)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"actor": "GHA"}, [GHANA]),
        ({"actor": "asante"}, [GHANA]),
        ({"since": "2026-06"}, [GRAIN, ROTTERDAM]),
        ({"until": "2026-05"}, [GHANA]),
        ({"since": "2026-06-03", "until": "2026-06-30"}, [GRAIN]),
        ({"since": "2026-05-13", "until": "2026-05-13"}, [GHANA]),  # its copy was published that day
        ({"q": "Maeslant"}, [ROTTERDAM]),  # in the title of the story's second article only
        ({"q": "grain odesa"}, [GRAIN]),
        ({"q": "patrols", "since": "2026-06"}, []),
    ],
)
def test_story_filters(stories_url: str, story_of: dict[str, str], params: dict, expected: list[set[str]]) -> None:
    stories = all_pages(stories_url, "/api/v1/stories", **params)
    assert [members(story_of, s["id"]) for s in stories] == expected


def test_story_pages_hold_every_story_once(stories_url: str) -> None:
    one_by_one = all_pages(stories_url, "/api/v1/stories", limit="1")
    assert [s["id"] for s in one_by_one] == [s["id"] for s in all_pages(stories_url, "/api/v1/stories")]


def test_story_detail_lists_articles_and_merged_events_with_their_sources(
    stories_url: str, story_of: dict[str, str]
) -> None:
    status, story = get_json(f"{stories_url}/api/v1/stories/{story_of['gt-wire']}")
    assert status == 200
    articles = {a["id"]: a for a in story["articles"]}
    assert set(articles) == GHANA
    assert all({"id", "url", "site", "title", "published", "duplicate_of"} <= set(a) for a in articles.values())
    assert articles["gt-copy"]["duplicate_of"] == "gt-wire" and articles["gt-wire"]["duplicate_of"] is None
    texts = {a: get_json(f"{stories_url}/api/v1/articles/{a}")[1]["article"]["text"] for a in articles}
    assert story["events"]
    for event in story["events"]:
        reporting = {m["article_id"] for m in event["mentions"]}
        copies = {c["article_id"] for c in event["details"]["copies"]}
        assert event["num_articles"] == len(reporting | copies) and event["first_seen"] <= event["last_seen"]
        assert set(event["conflicts"]) <= {"dates", "numbers", "statuses", "places"}
        for mention in event["mentions"]:  # the sentence of each report, at its place in the article
            text = texts[mention["article_id"]]
            assert text[mention["sentence_start"] : mention["sentence_end"]] == mention["sentence"]
    # The wire, the daily's own report and the wire's copy: three articles, three sources.
    both = [e for e in story["events"] if {m["article_id"] for m in e["mentions"]} == {"gt-wire", "gt-daily"}]
    assert both and all((e["num_articles"], e["num_sources"]) == (3, 3) for e in both)
    assert all([c["article_id"] for c in e["details"]["copies"]] == ["gt-copy"] for e in both)


def test_related_articles_are_the_story_and_the_nearest_outside(stories_url: str, story_of: dict[str, str]) -> None:
    status, related = get_json(f"{stories_url}/api/v1/articles/gt-wire/related")
    assert status == 200 and related["story"] == story_of["gt-wire"]
    assert {a["id"] for a in related["in_story"]} == GHANA - {"gt-wire"}
    assert all(a["story"] != related["story"] and a["similarity"] > 0 for a in related["nearest"])


def test_events_carry_their_story_and_filter_by_it(stories_url: str, story_of: dict[str, str]) -> None:
    events = all_pages(stories_url, "/api/v1/events")
    assert events and all(e["story"] == story_of[e["article_id"]] for e in events)
    in_story = all_pages(stories_url, "/api/v1/events", story=story_of["rt-port"])
    assert in_story and [(e["article_id"], e["id"]) for e in in_story] == [
        (e["article_id"], e["id"]) for e in events if e["article_id"] in ROTTERDAM
    ]


@pytest.mark.parametrize(
    "params",
    [{}, {"actor": "GHA"}, {"actor": "Togo"}, {"type": "COOPERATE,AGREE"}, {"status": "asserted"}, {"quad": "1"},
     {"article": "gt-daily"}, {"min_confidence": "0.7"}, {"context": "diplomatic"}, {"story": "?gt-wire"}],
)  # fmt: skip
def test_merged_events_match_the_event_filters(stories_url: str, story_of: dict[str, str], params: dict) -> None:
    """A merged event is listed when one of its reports is an event the same filters list, and only then."""
    params = {k: story_of[v[1:]] if v.startswith("?") else v for k, v in params.items()}  # ?ID: the story of ID
    merged = all_pages(stories_url, "/api/v1/story-events", **params)
    events = {(e["article_id"], e["id"]) for e in all_pages(stories_url, "/api/v1/events", **params)}
    assert events, f"the story articles should have events for {params}"
    reported = {(m["article_id"], m["event_id"]) for e in merged for m in e["mentions"]}
    assert all(any((m["article_id"], m["event_id"]) in events for m in e["mentions"]) for e in merged)
    assert events <= reported
    assert [e["id"] for e in all_pages(stories_url, "/api/v1/events", merged="true", **params)] == [
        e["id"] for e in merged
    ]


@pytest.mark.parametrize("sort", ["-date", "date", "-articles", "articles", "-sources", "sources"])
def test_merged_event_pages_hold_every_event_once(stories_url: str, sort: str) -> None:
    whole = all_pages(stories_url, "/api/v1/story-events", sort=sort)
    paged = all_pages(stories_url, "/api/v1/story-events", sort=sort, limit="2")
    assert [e["id"] for e in paged] == [e["id"] for e in whole] and len({e["id"] for e in whole}) == len(whole)
    if sort == "-articles":
        assert [e["num_articles"] for e in whole] == sorted((e["num_articles"] for e in whole), reverse=True)


def test_search_ranks_a_title_match_above_a_passing_mention(stories_url: str) -> None:
    newest_first = [a["id"] for a in all_pages(stories_url, "/api/v1/articles")]
    assert newest_first.index("ch-grain") < newest_first.index("rt-port")  # the store's order...
    found = all_pages(stories_url, "/api/v1/articles", q="Rotterdam")
    ranked = [a["id"] for a in found]
    assert ranked[0] == "rt-port" and ranked[-1] == "ch-grain"  # the title's word first; named once, in passing
    scores = [a["score"] for a in found]
    assert scores == sorted(scores, reverse=True) and all(s > 0 for s in scores)
    assert [a["id"] for a in all_pages(stories_url, "/api/v1/articles", q="Rotterdam", limit="1")] == [
        a["id"] for a in found
    ]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("odesa drones", ["ch-grain"]),  # every word must be there
        ("Odesa, drones!", ["ch-grain"]),  # punctuation around words is left out
        ("otterdam", []),  # words match from their start
        ("barrier Maeslant", ["rt-second", "rt-port"]),  # the title names the barrier: ranked first
    ],
)
def test_search_words(stories_url: str, q: str, expected: list[str]) -> None:
    assert [a["id"] for a in all_pages(stories_url, "/api/v1/articles", q=q)] == expected


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/v1/stories?since=2026-13", 400),
        ("/api/v1/stories?until=2026-02-30", 400),
        ("/api/v1/stories?cursor=not-a-cursor", 400),
        ("/api/v1/stories?limit=0", 422),
        ("/api/v1/stories/no-such-story", 404),
        ("/api/v1/story-events?sort=-confidence", 400),
        ("/api/v1/events?merged=true&sort=-scale", 400),
        ("/api/v1/story-events?type=DANCE", 400),
        ("/api/v1/story-events?since=May", 400),
        ("/api/v1/articles/no-such-article/related", 404),
        ("/api/v1/articles/gt-wire/related?limit=0", 422),
        ("/api/v1/articles?q=Rotterdam&cursor=" + "x" * 30, 400),
    ],
)
def test_bad_story_requests_answer_the_error_shape(stories_url: str, path: str, status: int) -> None:
    got, body = get_json(stories_url + path)
    assert got == status and set(body) == {"error"} and body["error"]["status"] == status
    assert body["error"]["message"]


def test_a_cursor_is_for_its_own_listing(stories_url: str) -> None:
    _, first = get_json(f"{stories_url}/api/v1/articles?{urlencode({'q': 'Rotterdam', 'limit': 1})}")
    for other in ("/api/v1/articles?q=Odesa", "/api/v1/articles", "/api/v1/stories"):
        status, body = get_json(f"{stories_url}{other}{'&' if '?' in other else '?'}cursor={first['next']}")
        assert status == 400 and "cursor" in body["error"]["message"]
