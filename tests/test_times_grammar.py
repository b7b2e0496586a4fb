"""Time grammar: the search near anchors finds exactly what every pattern run over the whole text finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsevents.times.grammar import PATTERNS, Found, find_expressions


def _everywhere(text: str) -> list[tuple[int, int, str, tuple[tuple[str, str | None], ...]]]:
    """Every match of every pattern, each searched over the whole text (as before the anchors), in order."""
    found = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            start, end = match.span("core") if groups.get("core") else match.span()
            found.append((start, end, kind, tuple(sorted(groups.items()))))
    return found


def _rows(found: list[Found]) -> list[tuple[int, int, str, tuple[tuple[str, str | None], ...]]]:
    return [(f.start, f.end, f.kind, tuple(sorted(f.groups.items()))) for f in found]


CASES = [
    "",
    "May",
    "March 3-5, 2026 and from 30 March - 2 April; between March 3 and 5.",
    "Fighting raged from Monday to Wednesday, then March to May 2027 and 2019-21, 2019 to 2021.",
    "The day before yesterday, this morning, last   night, tonight and overnight; the day after tomorrow.",
    "In the first quarter of 2025, in Q3 2024, the second half of 2025, the first week of May 2026.",
    "At 12:30 p.m., at 9am, at noon, at midnight, 10 PM, 3:05\ta.m.",
    "the beginning of\n\n\n   this coming    week; the end of the month; the weekend; earlier this year",
    "throughout   mid-2024, in 1999, since 2020, the end of 1850, by mid-\u00a02021",
    "two days ago, twelve months ago, 100 years AGO, a week ago",
    "this coming summer, last fall, the spring of 2024, winter 2023, SUMMER 2020",
    "Tuesday (12/3), Friday, March 14, Saturday 14 March 2026, Sunday, 3.4.2024",
    "ſince March, ſpring of 2024, \u212aelvin, İn May, in ıune, THE SECOND HALF OF THE YEAR",
    "In October 40 people were killed; the 31st of December, 2025; mid-March; early June 2025",
    "March of last year, in June next year, 2024-03-15, 12/25/2024",
    "amid-May, 18201999, 1920-21, \u2003the\u2003past\u2003two\u2003weeks",
]


@pytest.mark.parametrize("text", CASES)
def test_finds_what_every_pattern_finds_everywhere(text: str) -> None:
    assert _rows(find_expressions(text)) == _everywhere(text)


WORDS = [
    "January", "March", "May", "Sept.", "Jan", "Dec", "Monday", "Friday", "Sunday", "may", "this", "past",
    "coming", "last", "next", "the", "early", "mid", "mid-", "end", "beginning", "of", "in", "since", "until",
    "through", "throughout", "between", "from", "to", "and", "-", "–", ",", "(", ")", "/", "yesterday", "today",
    "tonight", "overnight", "morning", "evening", "night", "day", "weeks", "weekend", "month", "year", "spring",
    "summer", "fall", "quarter", "first", "second", "1st", "Q1", "previous", "twelve", "a", "one", "ago",
    "half", "noon", "midnight", "am", "p.m.", "1", "3", "12", "21", "30", "31", "2019", "2024", "1850", "21st",
    "12:30", "2024-03-15", "3/4", "5-6", "ſince", "K", "İn", "ı", "SUMMER",
]  # fmt: skip
SEPARATORS = (" ", "  ", "\n", "\t", "", "\u00a0", ", ", "-", ".")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=30))
def test_finds_what_every_pattern_finds_in_random_text(parts: list[tuple[str, str]]) -> None:
    text = "".join(word + separator for word, separator in parts)
    assert _rows(find_expressions(text)) == _everywhere(text)
