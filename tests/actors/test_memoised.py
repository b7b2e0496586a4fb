"""The remembered (lru_cache) lookups of the actors stage answer as a fresh computation would, every time."""

from __future__ import annotations

import pytest

from newsevents.actors.kb import surface_key
from newsevents.actors.sectors import find_sectors, head_term

SURFACE_KEYS = [
    ("the United States", "united states"),
    ("U.S.", "US"),
    ("  Kenya's ", "kenya"),
    ("WHO", "WHO"),
    ("who", "who"),
    ("The  Red\nCross", "red cross"),
]


@pytest.mark.parametrize(("text", "key"), SURFACE_KEYS)
def test_surface_key_is_the_same_when_asked_again(text: str, key: str) -> None:
    assert surface_key(text) == key
    assert surface_key(text) == key


def test_find_sectors_returns_a_list_of_its_own_each_call() -> None:
    first = find_sectors(["rebel", "leader"], "nominal")
    first.append("XXX")  # a caller may change what it got: the next caller must not see it
    assert "XXX" not in find_sectors(["rebel", "leader"], "nominal")


@pytest.mark.parametrize(
    ("lemmas", "weak", "expected"),
    [
        (["Rebel", "leader"], True, ["REB"]),
        (["leader"], True, ["GOV"]),  # a weak term alone
        (["leader"], False, []),
        (["leader"], True, ["GOV"]),  # asked again after ``weak=False``
    ],
)
def test_find_sectors_ignores_case_and_keeps_weak(lemmas: list[str], weak: bool, expected: list[str]) -> None:
    assert find_sectors(lemmas, "nominal", weak=weak) == expected


def test_head_term_ignores_case() -> None:
    assert head_term(["Senior", "Official"], "nominal") is head_term(["senior", "official"], "nominal")
