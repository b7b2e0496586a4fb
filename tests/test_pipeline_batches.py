"""Pipeline.batches: the model sees batches bounded by count and by characters, in input order."""

from __future__ import annotations

import pytest

from newsevents.config import Settings
from newsevents.errors import Failure
from newsevents.model import Article
from newsevents.pipeline import Pipeline


def _items(sizes: list[int | None]) -> list[Article | Failure]:
    """An article of ``n`` characters per size, a failure for None."""
    return [Failure(f"in{i}", "read", "unreadable") if n is None else Article(id=f"a{i}", text="x" * n)
            for i, n in enumerate(sizes)]


@pytest.mark.parametrize(
    ("batch_size", "batch_chars", "sizes", "expected"),
    [
        (3, 1000, [10, 10, 10, 10, 10], [3, 2]),  # the count closes a batch
        (32, 100, [40, 40, 40, 40], [2, 2]),  # the characters close a batch
        (32, 100, [250, 10, 10], [1, 2]),  # one long article is a batch of its own
        (32, 100, [10, 250, 10], [1, 1, 1]),
        (32, 100, [None, None, 100, None], [4]),  # failures cost no characters
        (2, 100, [None, None, None], [2, 1]),  # but they count towards batch_size
        (32, 100, [], []),
    ],
)
def test_batches_close_at_the_count_or_the_character_budget(
    batch_size: int, batch_chars: int, sizes: list[int | None], expected: list[int]
) -> None:
    items = _items(sizes)
    batches = list(Pipeline(Settings(batch_size=batch_size, batch_chars=batch_chars)).batches(items))
    assert [len(b) for b in batches] == expected
    assert [item for batch in batches for item in batch] == items  # nothing lost, order kept
