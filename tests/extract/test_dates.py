"""Dates from metadata, visible text and URLs, as ISO 8601."""

from __future__ import annotations

import pytest

from newsevents.extract.dates import date_from_url, find_date_in_text, to_iso8601


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-10-12T08:30:00+07:00", "2026-10-12T08:30:00+07:00"),
        ("2026-10-12T08:30:00Z", "2026-10-12T08:30:00+00:00"),
        ("2026-10-12 08:30:00 +0700", "2026-10-12T08:30:00+07:00"),
        ("2026-10-12", "2026-10-12"),
        ("20261012", "2026-10-12"),
        ("Mon, 12 Oct 2026 08:30:00 GMT", "2026-10-12T08:30:00+00:00"),
        ("October 12, 2026", "2026-10-12"),
        ("12 October 2026", "2026-10-12"),
        ("Published: Oct. 12th, 2026", "2026-10-12"),
        ("not a date", None),
        ("", None),
        ("1850-01-01", None),  # implausible for a news page
    ],
)
def test_to_iso8601(raw: str, expected: str | None) -> None:
    assert to_iso8601(raw) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Published 14 October 2026, 09:12", "2026-10-14T09:12:00"),
        ("Monday, September 28, 2026 6:41 AM GMT", "2026-09-28T06:41:00+00:00"),
        ("Posted on October 11, 2026 by admin", "2026-10-11"),
        ("Updated 2026-10-11T17:05:00+02:00", "2026-10-11T17:05:00+02:00"),
        ("no date here", None),
    ],
)
def test_find_date_in_text(text: str, expected: str | None) -> None:
    assert find_date_in_text(text) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/2026/10/12/dam-release/", "2026-10-12"),
        ("https://example.org/news/2026-10-12-dam-release", "2026-10-12"),
        ("https://example.org/20261012-dam-release", "2026-10-12"),
        ("https://example.org/news/dam-release", None),
        ("https://example.org/2026/13/40/x", None),
        (None, None),
    ],
)
def test_date_from_url(url: str | None, expected: str | None) -> None:
    assert date_from_url(url) == expected
