"""Pairwise precision and recall of a grouping (duplicates, stories) against labelled groups."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations


@dataclass(frozen=True)
class PairScores:
    """Pairs of items put together: correctly (``true``), in all (``predicted``), and by the labels."""

    true: int
    predicted: int
    expected: int

    @property
    def precision(self) -> float:
        return self.true / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true / self.expected if self.expected else 1.0

    def __str__(self) -> str:
        return (f"precision {self.precision:.3f} ({self.true}/{self.predicted} pairs), "
                f"recall {self.recall:.3f} ({self.true}/{self.expected} pairs)")  # fmt: skip


def _pairs(groups: dict[str, str]) -> set[tuple[str, str]]:
    by_group: dict[str, list[str]] = {}
    for item, group in groups.items():
        by_group.setdefault(group, []).append(item)
    return {pair for members in by_group.values() for pair in combinations(sorted(members), 2)}


def pair_scores(predicted: dict[str, str], expected: dict[str, str]) -> PairScores:
    """Compare two groupings (item -> group id) over the items both hold, pair by pair."""
    items = predicted.keys() & expected.keys()
    got = _pairs({i: predicted[i] for i in items})
    want = _pairs({i: expected[i] for i in items})
    return PairScores(len(got & want), len(got), len(want))
