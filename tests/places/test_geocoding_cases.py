"""Geocoding gate: every row of ``cases.tsv`` (an ambiguous place mention in a news sentence and
where it is) analysed in one batch; at least 90% must land within 161 km (100 miles)."""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsevents.actors import resolve_actors
from newsevents.entities import find_entities
from newsevents.model import Analysis, Article, Place
from newsevents.places import geocode_places

CASES = Path(__file__).with_name("cases.tsv")
HIT_KM = 161.0
HIT_SHARE_FLOOR = 0.90


@dataclass(frozen=True)
class Case:
    sentence: str
    mention: str
    lat: float
    lon: float
    country: str


def read_cases(path: Path = CASES) -> list[Case]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [Case(r["sentence"], r["mention"], float(r["lat"]), float(r["lon"]), r["country"]) for r in rows]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def outcomes(pipeline) -> list[tuple[Case, Place | None]]:
    """Each case with the place its mention was geocoded to (None when not geocoded)."""
    cases = read_cases()
    results = []
    for case, doc in zip(cases, pipeline.nlp.pipe([c.sentence for c in cases]), strict=True):
        analysis = Analysis(article=Article(id="t", text=case.sentence))
        find_entities(analysis, doc)
        resolve_actors(analysis, doc)
        geocode_places(analysis, doc)
        entity = next((e for e in analysis.entities if e.text == case.mention and e.place), None)
        results.append((case, analysis.place(entity.place) if entity else None))
    return results


def _hit(case: Case, place: Place | None) -> bool:
    return (
        place is not None
        and place.lat is not None
        and place.lon is not None
        and distance_km(case.lat, case.lon, place.lat, place.lon) <= HIT_KM
    )


def test_the_case_table_is_big_enough():
    assert len(read_cases()) >= 100


def test_places_are_geocoded_within_161_km(outcomes):
    misses = [(c, p) for c, p in outcomes if not _hit(c, p)]
    share = 1 - len(misses) / len(outcomes)
    print(f"\ngeocoding: {len(outcomes) - len(misses)}/{len(outcomes)} within {HIT_KM:.0f} km ({share:.3f})")
    for case, place in misses:
        got = (place.name, place.country, place.lat, place.lon) if place else None
        print(f"  MISS {case.sentence!r}: {case.mention!r} want {case.country} ({case.lat}, {case.lon}) got {got}")
    assert share >= HIT_SHARE_FLOOR


def test_hits_are_in_the_right_country(outcomes):
    wrong = [(c.mention, p.country) for c, p in outcomes if _hit(c, p) and p is not None and p.country != c.country]
    assert not wrong
