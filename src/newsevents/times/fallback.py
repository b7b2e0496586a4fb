"""dateparser as a last resort, for DATE entities spaCy finds that our own grammar does not read.

Only the month and day are taken from dateparser; the year is inferred by our own rules (nearest the
publication date, tense permitting), and strings with numeric day/month never reach it (its
month-first reading of "9/10" must not be trusted silently). Results are cached: dateparser is slow.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from newsevents.times import calendar as cal
from newsevents.times.calendar import UNRESOLVED, Resolved

_WORTH_PARSING = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(r"[0-9]{1,2}[/.-][0-9]{1,2}")
_FOUR_DIGIT_YEAR = re.compile(r"(?<![0-9])((?:1[89]|20)[0-9]{2})(?![0-9])")


@lru_cache(maxsize=1)
def _parser() -> Any:
    from dateparser.date import DateDataParser

    # English only: language detection is the slowest part of dateparser.
    return DateDataParser(languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})


@lru_cache(maxsize=4096)
def _month_day(text: str) -> tuple[int, int | None] | None:
    """(month, day or None) as dateparser reads ``text``, or None when it reads no month."""
    data = _parser().get_date_data(text)
    parts = set(data.get("parts") or ()) if isinstance(data, dict) else set(getattr(data, "parts", ()) or ())
    date_obj = data["date_obj"] if isinstance(data, dict) else data.date_obj
    if date_obj is None or "month" not in parts or not parts <= {"day", "month", "year"}:
        return None
    return date_obj.month, (date_obj.day if "day" in parts else None)


def resolve_with_dateparser(text: str, published: dt.date | None, tense: str | None) -> Resolved:
    """The value of an entity our grammar missed; UNRESOLVED unless it names a month."""
    if not _WORTH_PARSING.search(text) or _NUMERIC_DATE.search(text):
        return UNRESOLVED
    read = _month_day(text)
    if read is None:
        return UNRESOLVED
    month, day = read
    year_match = _FOUR_DIGIT_YEAR.search(text)
    if year_match:
        year = int(year_match.group(1))
        if day is None:
            return cal.month(year, month, "explicit")
        date = cal.safe_date(year, month, day)
        return cal.day(date, "explicit") if date else UNRESOLVED
    if published is None:
        return cal.unresolved("month" if day is None else "day")
    if day is None:
        return cal.month(cal.infer_month_year(month, published, tense), month, "published")
    inferred = cal.infer_year(month, day, published, tense)
    return cal.day(inferred, "published") if inferred else UNRESOLVED
