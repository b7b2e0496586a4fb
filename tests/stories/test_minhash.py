"""MinHash shingles, signatures and band keys: exact similarities, estimates, stable keys."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsevents.stories.minhash import MinHasher, containment, jaccard, shingle_hashes, words

BASE = " ".join(f"word{i}" for i in range(200))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kenya's talks, in Nairobi!", ["kenya", "s", "talks", "in", "nairobi"]),
        ("  ", []),
        ("Ünïcode WORDS", ["ünïcode", "words"]),
    ],
)
def test_words(text: str, expected: list[str]) -> None:
    assert words(text) == expected


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("The army shelled the town on Monday.", "the ARMY shelled -- the town, on Monday", True),  # case, punctuation
        ("The army shelled the town on Monday.", "The army shelled the city on Monday.", False),
        ("one two", "one two", True),  # shorter than a shingle: one shingle of all its words
    ],
)
def test_shingles_ignore_case_and_punctuation_only(a: str, b: str, same: bool) -> None:
    assert np.array_equal(shingle_hashes(a), shingle_hashes(b)) is same


@pytest.mark.parametrize(
    ("a", "b", "expected_jaccard", "expected_containment"),
    [
        ([1, 2, 3, 4], [1, 2, 3, 4], 1.0, 1.0),
        ([1, 2, 3, 4], [3, 4, 5, 6], 2 / 6, 0.5),
        ([1, 2], [1, 2, 3, 4], 0.5, 1.0),  # the shorter text wholly inside the longer
        ([1, 2], [3, 4], 0.0, 0.0),
        ([], [1], 0.0, 0.0),
    ],
)
def test_exact_similarities(a: list[int], b: list[int], expected_jaccard: float, expected_containment: float) -> None:
    x, y = np.array(a, dtype=np.uint64), np.array(b, dtype=np.uint64)
    assert jaccard(x, y) == pytest.approx(expected_jaccard)
    assert containment(x, y) == pytest.approx(expected_containment)


@pytest.mark.parametrize("keep", [200, 150, 100, 50])
def test_signatures_estimate_jaccard(keep: int) -> None:
    hasher = MinHasher()
    a = shingle_hashes(BASE)
    b = shingle_hashes(" ".join(BASE.split()[:keep]))
    estimate = hasher.estimate(hasher.signature(a), hasher.signature(b))
    assert abs(estimate - jaccard(a, b)) < 0.15


def test_band_keys_are_stable_across_processes() -> None:
    """Keys are stored; a later process must compute the same ones (no salted hash())."""
    hasher = MinHasher()
    keys = hasher.band_keys(hasher.signature(shingle_hashes("the quick brown fox jumps over the lazy dog")))
    assert len(keys) == 32 and len(set(keys)) == 32
    assert keys[:2] == [4474539524004222927, -94494458740047187]


def test_copies_share_bands_and_strangers_do_not() -> None:
    hasher = MinHasher()
    original = hasher.band_keys(hasher.signature(shingle_hashes(BASE)))
    copy = hasher.band_keys(hasher.signature(shingle_hashes("A local intro. " + BASE[:-40])))
    stranger = hasher.band_keys(hasher.signature(shingle_hashes(" ".join(f"other{i}" for i in range(200)))))
    assert set(original) & set(copy)
    assert not set(original) & set(stranger)


@given(st.lists(st.integers(0, 50), max_size=30), st.lists(st.integers(0, 50), max_size=30))
def test_similarities_are_symmetric_and_bounded(a: list[int], b: list[int]) -> None:
    x = np.unique(np.array(a, dtype=np.uint64))
    y = np.unique(np.array(b, dtype=np.uint64))
    assert jaccard(x, y) == jaccard(y, x)
    assert 0.0 <= jaccard(x, y) <= containment(x, y) <= 1.0
