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


def test_warm_up_reads_its_page_and_changes_no_result() -> None:
    """The warm-up page is read through every stage (its analysis has events, quotes and places), and an
    article analysed after it comes out as from another pipeline that was not warmed up."""
    from newsevents.ingest import RawInput
    from newsevents.model import Analysis
    from newsevents.pipeline import _WARM_UP_PAGE

    page = RawInput("<warm-up>", "html", _WARM_UP_PAGE, id="w", published="2026-01-06")
    (warm_page,) = Pipeline().analyze([page])
    assert isinstance(warm_page, Analysis) and warm_page.events and warm_page.quotes and warm_page.places

    text = ("Officials in Lusaka said on Monday that the two parties had signed a ceasefire after talks in "
            "Harare. \"The fighting must end now,\" a spokesman for the army said.")
    raw = RawInput("<test>", "text", text, id="t1", published="2026-02-02")
    warmed = Pipeline()
    warmed.warm_up()
    (after,) = warmed.analyze([raw])
    (cold,) = Pipeline().analyze([raw])
    assert isinstance(after, Analysis) and isinstance(cold, Analysis)
    assert after.as_dict() | {"pipeline": {}} == cold.as_dict() | {"pipeline": {}}
