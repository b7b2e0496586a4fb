"""Calendar arithmetic for time expressions: year and day-month order inference, weeks, months.

Conventions (shared by the whole times package):
- A week is given by the date of its Monday (ISO week), with granularity "week".
- "Nearest" means nearest to the publication date; ties go to the past.
- A past-tense verb keeps only dates on or before the publication date, a clearly future one only
  dates on or after it (when that leaves anything).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

# Within this many days of publication, both readings of a numeric date count as plausible, and the
# document's own day-month convention (when it shows one) decides between them.
PLAUSIBLE_WINDOW_DAYS = 62

DMY, MDY = "DMY", "MDY"


@dataclass(frozen=True)
class Resolved:
    """A normalised value: ``value`` is YYYY-MM-DD, YYYY-MM or YYYY; ``anchor`` what it rests on;
    ``end`` the last unit of a range ("3-5 March"), at the same granularity, else None."""

    value: str | None
    granularity: str = "unknown"
    anchor: str = "none"
    end: str | None = None


UNRESOLVED = Resolved(None, "unknown", "none")


def unresolved(granularity: str) -> Resolved:
    """No value (no publication date to resolve against), but the unit the text names: "March" is a
    month whether or not its year can be worked out."""
    return Resolved(None, granularity, "none")


def day(date: dt.date, anchor: str) -> Resolved:
    return Resolved(date.isoformat(), "day", anchor)


def day_range(first: dt.date | None, last: dt.date | None, anchor: str) -> Resolved:
    """The days from ``first`` to ``last``; UNRESOLVED when either is missing or they are out of order."""
    if first is None or last is None or last < first:
        return UNRESOLVED
    return Resolved(first.isoformat(), "day", anchor, last.isoformat())


def month_range(first: tuple[int, int], last: tuple[int, int], anchor: str) -> Resolved:
    """The months from ``first`` to ``last``, each (year, month); UNRESOLVED when out of order."""
    if last < first or not all(1 <= m <= 12 for _, m in (first, last)):
        return UNRESOLVED
    return Resolved(f"{first[0]:04d}-{first[1]:02d}", "month", anchor, f"{last[0]:04d}-{last[1]:02d}")


def year_range(first: int, last: int, anchor: str) -> Resolved:
    return Resolved(f"{first:04d}", "year", anchor, f"{last:04d}") if first < last else UNRESOLVED


def week(date: dt.date, anchor: str) -> Resolved:
    """The ISO week holding ``date``, given by its Monday."""
    return Resolved(monday_of(date).isoformat(), "week", anchor)


def month(year: int, month_number: int, anchor: str) -> Resolved:
    return Resolved(f"{year:04d}-{month_number:02d}", "month", anchor)


def year(year_number: int, anchor: str) -> Resolved:
    return Resolved(f"{year_number:04d}", "year", anchor)


def monday_of(date: dt.date) -> dt.date:
    return date - dt.timedelta(days=date.weekday())


def add_months(year_number: int, month_number: int, delta: int) -> tuple[int, int]:
    """(year, month) shifted by ``delta`` months."""
    index = year_number * 12 + (month_number - 1) + delta
    return index // 12, index % 12 + 1


def safe_date(year_number: int, month_number: int, day_number: int) -> dt.date | None:
    """The date, or None when it does not exist (31 April, 29 February in a common year)."""
    if not (1 <= month_number <= 12) or not (1 <= day_number <= calendar.monthrange(year_number, month_number)[1]):
        return None
    return dt.date(year_number, month_number, day_number)


def expand_year(two_or_four_digits: str) -> int:
    """'26' -> 2026, '97' -> 1997, '2026' -> 2026 (two-digit years pivot at 70)."""
    number = int(two_or_four_digits)
    if len(two_or_four_digits) == 2:
        return 1900 + number if number >= 70 else 2000 + number
    return number


def filter_by_tense(dates: list[dt.date], published: dt.date, tense: str | None) -> list[dt.date]:
    """Dates that fit the verb's tense relative to publication; all of them when none fits."""
    if tense == "past":
        kept = [d for d in dates if d <= published]
    elif tense == "future":
        kept = [d for d in dates if d >= published]
    else:
        kept = dates
    return kept or dates


def nearest(dates: Iterable[dt.date], published: dt.date) -> dt.date:
    """The date nearest the publication date; ties go to the earlier one."""
    return min(dates, key=lambda d: (abs((d - published).days), d > published))


def infer_year(
    month_number: int, day_number: int, published: dt.date, tense: str | None, weekday: int | None = None
) -> dt.date | None:
    """The date of day/month in the year that puts it nearest publication (tense and weekday permitting)."""
    candidates = [
        d for y in (published.year - 1, published.year, published.year + 1)
        if (d := safe_date(y, month_number, day_number)) is not None
    ]  # fmt: skip
    if weekday is not None:
        candidates = [d for d in candidates if d.weekday() == weekday] or candidates
    if not candidates:
        return None
    return nearest(filter_by_tense(candidates, published, tense), published)


def infer_month_year(month_number: int, published: dt.date, tense: str | None) -> int:
    """The year in which the named month is nearest publication, tense permitting."""
    firsts = [dt.date(y, month_number, 1) for y in (published.year - 1, published.year, published.year + 1)]
    current = dt.date(published.year, published.month, 1)
    if tense == "past":
        kept = [d for d in firsts if d <= current]
    elif tense == "future":
        kept = [d for d in firsts if d >= current]
    else:
        kept = firsts
    return nearest(kept or firsts, current).year


def weekday_near(weekday: int, published: dt.date, direction: str) -> dt.date:
    """The given weekday relative to publication.

    ``direction``: "on_or_before" (news default for past events), "before" ("last Tuesday"),
    "after" ("next Tuesday", "will meet on Tuesday") or "on_or_after".
    """
    back = (published.weekday() - weekday) % 7
    forward = (weekday - published.weekday()) % 7
    if direction == "on_or_before":
        return published - dt.timedelta(days=back)
    if direction == "before":
        return published - dt.timedelta(days=back or 7)
    if direction == "after":
        return published + dt.timedelta(days=forward or 7)
    return published + dt.timedelta(days=forward)


def numeric_readings(
    first: int,
    second: int,
    year_number: int | None,
    published: dt.date | None,
    tense: str | None,
    weekday: int | None,
) -> dict[str, dt.date]:
    """Each valid reading of ``first/second`` (DMY, MDY) as a date, its year inferred when not given."""
    readings: dict[str, dt.date] = {}
    for order, (d_num, m_num) in ((DMY, (first, second)), (MDY, (second, first))):
        if year_number is not None:
            date = safe_date(year_number, m_num, d_num)
        elif published is not None:
            date = infer_year(m_num, d_num, published, tense, weekday)
        else:
            date = None
        if date is not None:
            readings[order] = date
    return readings


def choose_order(
    readings: dict[str, dt.date],
    published: dt.date | None,
    tense: str | None,
    weekday: int | None,
    document_order: str | None,
) -> str | None:
    """Pick DMY or MDY for an ambiguous numeric date; the ladder is documented in ``times/__init__``."""
    orders = list(readings)
    if len(orders) <= 1:
        return orders[0] if orders else None
    if weekday is not None:
        matching = [o for o in orders if readings[o].weekday() == weekday]
        if len(matching) == 1:
            return matching[0]
        orders = matching or orders
    if published is not None:
        fitting = [o for o in orders if _fits_tense(readings[o], published, tense)]
        if len(fitting) == 1:
            return fitting[0]
        orders = fitting or orders
        near = [o for o in orders if abs((readings[o] - published).days) <= PLAUSIBLE_WINDOW_DAYS]
        if len(near) == 1:
            return near[0]
        if document_order in orders:
            return document_order
        best = nearest((readings[o] for o in orders), published)
        return next(o for o in orders if readings[o] == best)
    if document_order in orders:
        return document_order
    return MDY


def _fits_tense(date: dt.date, published: dt.date, tense: str | None) -> bool:
    if tense == "past":
        return date <= published
    if tense == "future":
        return date >= published
    return True
