"""Every stage on the sample pages: a table of cases per stage, taken from examples/pages/INDEX.md.

The pages are analysed once, by the real pipeline; the two scraped text pages carry no date of their
own, so they get the publication dates INDEX.md gives them (as a user would pass --published).
Extraction has its own per-page table in tests/extract/test_sample_pages.py.
"""

from __future__ import annotations

from typing import Any

import pytest

from conftest import SAMPLE_PAGES
from newsevents.ingest import RawInput, iter_inputs
from newsevents.model import Analysis
from newsevents.pipeline import Pipeline

UNCHECKED = "-"
PUBLISHED_ELSEWHERE = {
    "scraped-papua-intan-jaya-clashes.txt": "2026-10-07",
    "scraped-mali-drone-strike.txt": "2026-10-27",
}


@pytest.fixture(scope="module")
def pages(pipeline: Pipeline) -> dict[str, Analysis]:
    raws = [r for r in iter_inputs([SAMPLE_PAGES]) if isinstance(r, RawInput)]
    for raw in raws:
        raw.published = raw.published or PUBLISHED_ELSEWHERE.get(raw.source.rsplit("/", 1)[-1])
    results = list(pipeline.analyze(raws))
    assert all(isinstance(r, Analysis) for r in results), [r for r in results if not isinstance(r, Analysis)]
    return {r.article.source.rsplit("/", 1)[-1]: r for r in results if isinstance(r, Analysis)}


def actor_names(page: Analysis, ids: list[str]) -> set[str]:
    return {a.name for a in (page.actor(i) for i in ids) if a}


@pytest.mark.parametrize(
    ("page", "text", "value"),
    [
        ("wp-khartoum-aid-convoy.html", "Saturday (10/10)", "2026-10-10"),
        ("wp-khartoum-aid-convoy.html", "Tuesday (6/10)", "2026-10-06"),
        ("local-negros-army-npa-clash.html.gz", "Monday (Sept. 7)", "2026-09-07"),
        ("wp-dhaka-garment-protest.html", "yesterday", "2026-09-16"),
        ("scraped-papua-intan-jaya-clashes.txt", "Monday (5/10)", "2026-10-05"),
        ("wire-geneva-yemen-prisoner-swap.html", "Oct. 5", "2026-10-05"),
        ("jsonld-eu-myanmar-sanctions.html", "3 November", "2026-11-03"),
    ],
)
def test_times(pages: dict[str, Analysis], page: str, text: str, value: str) -> None:
    values = {t.value for t in pages[page].times if t.text == text}
    assert values == {value}


@pytest.mark.parametrize(
    ("page", "name", "kind", "country", "sector", "title", "affiliation"),
    [
        ("wp-khartoum-aid-convoy.html", "Ahmed Karimi", "person", None, None, "field officer", "UNICEF"),
        ("wp-khartoum-aid-convoy.html", "Rapid Support Forces", "group", "SDN", "REB", None, None),
        # Not yet: her country (USA, from "of the State Department") and the governor's (UKR): not asserted.
        (
            "wp-nairobi-kenya-somalia-talks.html",
            "Maria Lopez",
            "person",
            UNCHECKED,
            "GOV",
            "Deputy Special Envoy",
            None,
        ),
        ("wp-nairobi-kenya-somalia-talks.html", "Kenya", "country", "KEN", None, None, None),
        ("wire-kharkiv-shelling.html", "Taras Hrytsenko", "person", UNCHECKED, "GOV", None, None),
        ("jsonld-eu-myanmar-sanctions.html", "European Union", "organization", None, "IGO", None, None),
        ("feed-records.jsonl:2", "Pakistan", "country", "PAK", None, None, None),
    ],
)
def test_actors(
    pages: dict[str, Analysis],
    page: str,
    name: str,
    kind: str,
    country: str | None,
    sector: str | None,
    title: str | None,
    affiliation: str | None,
) -> None:
    analysis = pages[page]
    [actor] = [a for a in analysis.actors if a.name == name]
    assert actor.kind == kind
    assert country == UNCHECKED or actor.country == country
    assert sector is None or sector in actor.sectors
    assert title is None or actor.title == title
    if affiliation:
        assert actor.affiliation and analysis.actor(actor.affiliation).name == affiliation


@pytest.mark.parametrize(
    ("page", "name", "country", "lat", "lon"),
    [
        ("wire-geneva-yemen-prisoner-swap.html", "Geneva", "CHE", 46.20, 6.15),
        ("jsonld-bogota-arrests.html", "Bogotá", "COL", 4.61, -74.08),
        ("local-turkana-cattle-raid.html.gz", "Lodwar", "KEN", 3.12, 35.60),
        ("wp-khartoum-aid-convoy.html", "Omdurman", "SDN", 15.64, 32.48),
    ],
)
def test_places(pages: dict[str, Analysis], page: str, name: str, country: str, lat: float, lon: float) -> None:
    [place] = [p for p in pages[page].places if p.name == name]
    assert place.country == country and place.feature == "city"
    assert place.lat == pytest.approx(lat, abs=0.05) and place.lon == pytest.approx(lon, abs=0.05)


@pytest.mark.parametrize(
    ("page", "text", "value", "approx", "unit"),
    [
        ("wp-khartoum-aid-convoy.html", "42 trucks", 42, "exact", "trucks"),
        ("wp-khartoum-aid-convoy.html", "more than 12,000 families", 12000, "more_than", "families"),
        ("jsonld-bogota-arrests.html", "more than 300 businesses", 300, "more_than", "businesses"),
        ("wire-kharkiv-shelling.html", "at least 14 civilians", 14, "at_least", "civilians"),
        ("local-turkana-cattle-raid.html.gz", "more than 400 head of cattle", 400, "more_than", "cattle"),
    ],
)
def test_quantities(pages: dict[str, Analysis], page: str, text: str, value: float, approx: str, unit: str) -> None:
    found = [(q.value, q.approx, q.unit) for q in pages[page].quantities if q.text == text]
    assert found and set(found) == {(value, approx, unit)}


@pytest.mark.parametrize(
    ("page", "starts", "speaker", "anonymous"),
    [
        (
            "wp-khartoum-aid-convoy.html",
            "Children here have been eating one meal",
            "top UNICEF field officer Ahmed Karimi",
            False,
        ),
        ("scraped-mali-drone-strike.txt", "I counted 21 bodies myself", "a community leader from Sinkoro", True),
        ("wire-kharkiv-shelling.html", "They are hitting homes", "Kharkiv regional governor Taras Hrytsenko", False),
        ("wire-geneva-yemen-prisoner-swap.html", "This is a day of hope", "U.N. Special Envoy Lars Henriksen", False),
    ],
)
def test_quotes(pages: dict[str, Analysis], page: str, starts: str, speaker: str, anonymous: bool) -> None:
    [quote] = [q for q in pages[page].quotes if q.text.startswith(starts)]
    assert quote.speaker.text == speaker and quote.speaker.anonymous is anonymous
    text = pages[page].article.text
    assert text[quote.speaker.start : quote.speaker.end] == speaker


EVENT_CASES: list[tuple[str, str, str, str, set[str], set[str], str | None]] = [
    # (page, trigger, type, status, actor names, recipient names, date)
    ("jsonld-eu-myanmar-sanctions.html", "imposed", "SANCTION", "asserted", {"European Union"}, set(), "2026-11-16"),
    ("jsonld-eu-myanmar-sanctions.html", "bombing", "ASSAULT", "negated", {"military government"}, set(), None),
    ("feed-records.jsonl:2", "accused", "ACCUSE", "asserted", {"Pakistan"}, {"Taliban"}, "2026-11-11"),
    ("wp-nairobi-kenya-somalia-talks.html", "agreed", "AGREE", "asserted", {"Kenya", "Somalia"}, set(), "2026-11-04"),
    ("wp-dhaka-garment-protest.html", "marched", "PROTEST", "asserted", {"garment workers"}, set(), "2026-09-16"),
    ("wire-geneva-yemen-prisoner-swap.html", "meet", "CONSULT", "planned", set(), set(), "2026-10-19"),
    ("wp-khartoum-aid-convoy.html", "accused", "ACCUSE", "asserted", {"army"}, {"Rapid Support Forces"}, None),
]


@pytest.mark.parametrize(("page", "trigger", "event", "status", "actors", "recipients", "date"), EVENT_CASES)
def test_events(
    pages: dict[str, Analysis],
    page: str,
    trigger: str,
    event: str,
    status: str,
    actors: set[str],
    recipients: set[str],
    date: str | None,
) -> None:
    analysis = pages[page]
    matches = [v for v in analysis.events if v.trigger.text == trigger and v.event == event]
    assert matches, [(v.event, v.trigger.text) for v in analysis.events]
    found: list[Any] = matches[0]
    assert found.status == status
    assert actors <= actor_names(analysis, found.actor)
    assert recipients <= actor_names(analysis, found.recipient)
    assert date is None or found.date == date


def test_no_planned_meeting_is_asserted(pages: dict[str, Analysis]) -> None:
    """'will meet' is planned on every page; the future never shows up as something done."""
    for name, analysis in pages.items():
        for event in analysis.events:
            if event.event == "CONSULT" and " will meet" in event.sentence.text and event.trigger.text == "meet":
                assert event.status == "planned", (name, event.sentence.text)
