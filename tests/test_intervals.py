"""``Intervals`` answers exactly what a scan of every range answers, empty ranges and touching ends included."""

from hypothesis import given
from hypothesis import strategies as st

from newsevents.intervals import Intervals

ranges = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8)).map(lambda r: (r[0], r[0] + r[1])), max_size=12)


@given(ranges, st.integers(-2, 70), st.integers(0, 6))
def test_overlaps_is_the_scan(spans: list[tuple[int, int]], start: int, width: int) -> None:
    end = start + width
    assert Intervals(spans).overlaps(start, end) == any(start < e and s < end for s, e in spans)


def test_cases() -> None:
    found = [(10, 20, "GPE"), (30, 35, "PERSON")]
    index = Intervals(found)
    assert index.overlaps(19, 21)
    assert not index.overlaps(20, 30)  # touching ends do not overlap
    assert index.overlaps(0, 100)
    assert not Intervals([]).overlaps(0, 100)
    assert Intervals([(5, 5)]).overlaps(4, 6)  # an empty range inside counts, as in the scan
