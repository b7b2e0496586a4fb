"""Publication dates as found in pages and URLs, normalised to ISO 8601 (offset kept when given)."""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?$")
_SPACED_OFFSET = re.compile(r"^(\S+[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*([+-]\d{2}):?(\d{2})$")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|[-_]|$)")
_URL_COMPACT_DATE = re.compile(r"/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:/|[-_]|$)")
_TEXT_FORMATS = (
    "%B %d, %Y",
    "%b %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y %I:%M %p",
    "%b %d, %Y %I:%M %p",
    "%Y/%m/%d",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%d.%m.%Y",
    "%Y.%m.%d",
)
_MIN_YEAR, _MAX_YEAR = 1990, 2100


def _plausible(value: date) -> bool:
    return _MIN_YEAR <= value.year <= _MAX_YEAR


def _format(value: datetime, has_time: bool) -> str:
    if not has_time:
        return value.date().isoformat()
    return value.isoformat(timespec="seconds")


def to_iso8601(raw: str | None) -> str | None:
    """``raw`` (ISO, RFC 2822, compact or "October 12, 2026") as ISO 8601; None when unreadable.

    A time of day is kept with its UTC offset when the source gives one; a bare date stays a date.
    """
    if not raw:
        return None
    text = " ".join(str(raw).split()).strip()
    if not text:
        return None
    candidates = [text, text.replace("Z", "+00:00") if text.endswith("Z") else text]
    spaced = _SPACED_OFFSET.match(text)
    if spaced:  # "2026-10-12 08:30:00 +0700"
        candidates.append(f"{spaced.group(1).replace(' ', 'T')}{spaced.group(2)}:{spaced.group(3)}")
    for candidate in candidates:
        try:
            value = datetime.fromisoformat(candidate)
        except ValueError:
            continue
        if _plausible(value):
            return _format(value, has_time=len(candidate) > 10)
    compact = _COMPACT.match(text)
    if compact:
        year, month, day, hour, minute, second = compact.groups()
        try:
            value = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0))
        except ValueError:
            return None
        return _format(value, has_time=hour is not None) if _plausible(value) else None
    try:
        value = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    else:
        if _plausible(value):
            return _format(value, has_time=True)
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text).replace("Sept ", "Sep ")
    cleaned = re.sub(r"^(?:published|updated|posted|on)\s*:?\s*", "", cleaned, flags=re.IGNORECASE)
    cleaned = re.sub(r"^[A-Z][a-z]+day,?\s+", "", cleaned)
    cleaned = re.sub(r"\b([A-Za-z]{3,4})\.", r"\1", cleaned)  # "Oct." -> "Oct"
    for fmt in _TEXT_FORMATS:
        try:
            value = datetime.strptime(cleaned, fmt)
        except ValueError:
            continue
        if _plausible(value):
            return _format(value, has_time="%H" in fmt or "%I" in fmt)
    return None


_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_IN_TEXT = re.compile(
    r"\b(?P<date>\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?|"
    rf"{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}})"
    r"(?:,?\s*(?:at\s+)?(?P<time>\d{1,2}[:.]\d{2})\s*(?P<ampm>[ap]\.?m\.?)?\s*(?P<zone>GMT|UTC|Z)?)?",
    re.IGNORECASE,
)


def find_date_in_text(text: str) -> str | None:
    """The first date written in ``text`` ("Published 14 October 2026, 09:12"), as ISO 8601.

    A time of day is kept when it follows the date; GMT/UTC become ``+00:00``.
    """
    match = _DATE_IN_TEXT.search(text or "")
    if not match:
        return None
    day = to_iso8601(match.group("date"))
    if day is None or len(day) > 10 or not match.group("time"):
        return day
    hour, minute = (int(x) for x in re.split(r"[:.]", match.group("time")))
    ampm = (match.group("ampm") or "").lower()
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return day
    zone = "+00:00" if match.group("zone") else ""
    return f"{day}T{hour:02d}:{minute:02d}:00{zone}"


def date_from_url(url: str | None) -> str | None:
    """The date in a URL path like ``/2026/10/12/`` or ``/20261012-``, as YYYY-MM-DD; else None."""
    if not url:
        return None
    match = _URL_DATE.search(url) or _URL_COMPACT_DATE.search(url)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3))).isoformat()
    except ValueError:
        return None
