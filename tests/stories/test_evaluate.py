"""Pairwise precision and recall of groupings."""

from __future__ import annotations

import pytest

from newsevents.stories.evaluate import pair_scores


@pytest.mark.parametrize(
    ("predicted", "expected", "precision", "recall"),
    [
        ({"a": "1", "b": "1", "c": "2"}, {"a": "x", "b": "x", "c": "y"}, 1.0, 1.0),
        ({"a": "1", "b": "1", "c": "1"}, {"a": "x", "b": "x", "c": "y"}, 1 / 3, 1.0),
        ({"a": "1", "b": "2", "c": "3"}, {"a": "x", "b": "x", "c": "y"}, 1.0, 0.0),
        ({"a": "1", "b": "1"}, {"a": "x", "b": "x", "c": "x"}, 1.0, 1.0),  # only items both hold count
    ],
)
def test_pair_scores(predicted: dict[str, str], expected: dict[str, str], precision: float, recall: float) -> None:
    scores = pair_scores(predicted, expected)
    assert scores.precision == pytest.approx(precision)
    assert scores.recall == pytest.approx(recall)
