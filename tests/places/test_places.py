"""Places: geocoding of place mentions with the packaged gazetteer, one row per case."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conftest import run_stages
from newsevents.actors import resolve_actors
from newsevents.entities import find_entities
from newsevents.model import Analysis, Place
from newsevents.places import geocode_places


@pytest.fixture(scope="module")
def analyse(pipeline) -> Callable[[str], Analysis]:
    """Entities, actors and places of one text, with the real spaCy model."""

    return lambda text: run_stages(pipeline, text, find_entities, resolve_actors, geocode_places)


def place_of(analysis: Analysis, mention: str) -> Place | None:
    entity = next((e for e in analysis.entities if e.text == mention), None)
    return analysis.place(entity.place) if entity else None


PLACES = [
    # (text, mention, name, feature, country, admin1, lat or None)
    ("Aid trucks reached Khartoum on Sunday.", "Khartoum", "Khartoum", "city", "SDN", None, 15.55),
    ("The minister arrived in Washington on Monday.", "Washington", "Washington", "city", "USA", "DC", 38.9),
    # A country's representative point is its capital (feature "country" says it is no event site).
    ("Fighting spread across Sudan.", "Sudan", "Sudan", "country", "SDN", None, 15.55),
    ("Voters in Springfield, Illinois, went to the polls.", "Springfield", "Springfield", "city", "USA", "IL", 39.8),
    ("A storm hit Long Beach, California, overnight.", "Long Beach", "Long Beach", "city", "USA", "CA", 33.77),
    ("Flights from Paris were cancelled.", "Paris", "Paris", "city", "FRA", None, 48.85),
    ("Thousands fled Darfur last year.", "Darfur", "Darfur", "region", "SDN", None, 13.5),
    ("Delegates met in Atlanta, Georgia, on Friday.", "Georgia", "Georgia", "admin", "USA", "GA", None),
    ("Georgia and Armenia signed a trade deal.", "Georgia", "Georgia", "country", "GEO", None, 41.69),
    ("Floods hit Nangarhar province.", "Nangarhar", "Nangarhar", "admin", "AFG", None, 34.3),
    ("Rebels seized Masisi on Monday.", "Masisi", "Masisi", "region", "COD", None, -1.4),
    ("Raiders struck in Turkana.", "Turkana", "Turkana", "admin", "KEN", None, 3.1),
    ("Police arrested six men in Cauca province.", "Cauca", "Cauca", "admin", "COL", None, 2.5),
    ("The minister held talks at the White House.", "White House", "Washington", "city", "USA", "DC", 38.9),
    ("Shelling hit Kharkiv and nearby villages.", "Kharkiv", "Kharkiv", "city", "UKR", None, 49.98),
    ("The convoy reached El Fasher on Friday.", "El Fasher", "El Fasher", "city", "SDN", None, 13.6),
]


@pytest.mark.parametrize(("text", "mention", "name", "feature", "country", "admin1", "lat"), PLACES)
def test_place_is_geocoded(analyse, text, mention, name, feature, country, admin1, lat):
    place = place_of(analyse(text), mention)
    assert place is not None, f"{mention!r} not geocoded"
    assert (place.name, place.feature, place.country) == (name, feature, country)
    if admin1:
        assert place.admin1 == admin1
    if lat is None:
        assert place.lat is None and place.lon is None
    else:
        assert place.lat == pytest.approx(lat, abs=0.2)


CONTEXT = [
    # Hyderabad: the bigger one is in India; an article about Pakistan means the one in Sindh.
    ("Pakistan said floods reached Hyderabad on Monday.", "Hyderabad", "PAK"),
    ("India said floods reached Hyderabad on Monday.", "Hyderabad", "IND"),
    # A capital is meant even when another country is named: Paris, not Paris, Texas.
    ("The United States sent its envoy to Paris.", "Paris", "FRA"),
]


@pytest.mark.parametrize(("text", "mention", "country"), CONTEXT)
def test_a_city_in_a_country_named_in_the_article_wins(analyse, text, mention, country):
    place = place_of(analyse(text), mention)
    assert place is not None and place.country == country


def test_a_subdivision_without_coordinates_keeps_its_country_and_code(analyse):
    place = place_of(analyse("Unrest spread across Tucumán province."), "Tucumán")
    assert place is not None and (place.country, place.admin1, place.lat) == ("ARG", "T", None)


def test_one_place_per_distinct_place(analyse):
    analysis = analyse("Protests spread in Nairobi. Police in Nairobi arrested 20 people in Kenya.")
    nairobi = [p for p in analysis.places if p.name == "Nairobi"]
    assert len(nairobi) == 1 and len(nairobi[0].mentions) == 2
    assert [p.id for p in analysis.places] == [f"p{n}" for n in range(1, len(analysis.places) + 1)]
    for place in analysis.places:
        for entity_id in place.mentions:
            assert next(e for e in analysis.entities if e.id == entity_id).place == place.id


SPELLINGS = [
    # (text, mention, the gazetteer's own name, country): variants that differ in vowels or doubled
    # letters, and Arabic names written without their article, are the city's own name.
    ("Drones struck Odessa overnight.", "Odessa", "Odesa", "UKR"),
    ("Families fled to Khan Younis.", "Khan Younis", "Khān Yūnis", "PSE"),
    ("The ship docked at Hodeidah.", "Hodeidah", "Al Ḩudaydah", "YEM"),
    ("Aid reached Fasher on Monday.", "Fasher", "El Fasher", "SDN"),
    ("Residents of Kiev sheltered in the metro.", "Kiev", "Kyiv", "UKR"),
]


@pytest.mark.parametrize(("text", "mention", "name", "country"), SPELLINGS)
def test_spelling_variants_are_the_city(analyse, text, mention, name, country):
    place = place_of(analyse(text), mention)
    assert place is not None and (place.name, place.feature, place.country) == (name, "city", country)


@pytest.mark.parametrize(("text", "mention"), [("Israeli strikes hit Rafah overnight.", "Rafah"),
                                               ("The army raided Jenin in the West Bank.", "Jenin")])  # fmt: skip
def test_a_subdivision_named_after_its_town_is_the_town(analyse, text, mention):
    place = place_of(analyse(text), mention)
    assert place is not None and place.feature == "city" and place.lat is not None


NOT_PLACES = [
    ("The United Nations appealed for calm.", "United Nations"),
    ("Kenyan police made arrests.", "Kenyan"),
    # An organisation's name that is only some city's alternate name ("Google" for Topeka).
    ("He spoke at Google on Friday.", "Google"),
]


@pytest.mark.parametrize(("text", "mention"), NOT_PLACES)
def test_mentions_that_are_not_places(analyse, text, mention):
    assert place_of(analyse(text), mention) is None
