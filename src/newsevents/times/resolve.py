"""Turn one matched time expression into a calendar value, given the publication date and tense."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from newsevents.times import calendar as cal
from newsevents.times.calendar import UNRESOLVED, Resolved
from newsevents.times.grammar import SMALL_NUMBERS, Found, month_number, weekday_number

DAYWORD_OFFSETS = {
    "the day before yesterday": -2, "yesterday": -1, "last": -1, "today": 0, "tonight": 0, "this": 0,
    "overnight": 0,
    "tomorrow": 1, "the day after tomorrow": 2,
}  # fmt: skip
RELATIVE_STEPS = {
    "this": 0, "this past": -1, "last": -1, "next": 1, "coming": 1, "the coming": 1, "this coming": 1, "the": 0,
}  # fmt: skip


@dataclass(frozen=True)
class Context:
    """What a value is resolved against: publication date, governing tense, document's d/m order."""

    published: dt.date | None
    tense: str | None
    document_order: str | None


def _norm(words: str | None) -> str:
    return " ".join(words.lower().split()) if words else ""


def numeric_parts(found: Found) -> tuple[int, int, int | None] | None:
    """(first, second, year) of the numeric date inside ``found``, if it has one."""
    for prefix in ("", "p", "n"):
        first, second = found.groups.get(f"{prefix}a"), found.groups.get(f"{prefix}b")
        if first and second:
            year_text = found.groups.get(f"{prefix}y")
            return int(first), int(second), cal.expand_year(year_text) if year_text else None
    return None


def month_day_parts(found: Found) -> tuple[int, int, int | None] | None:
    """(month, day, year) of the written date inside ``found``, if it has one."""
    for prefix in ("", "m", "d", "q"):
        month_name, day_text = found.groups.get(f"{prefix}month"), found.groups.get(f"{prefix}day")
        if month_name and day_text:
            month = month_number(month_name)
            year_text = found.groups.get(f"{prefix}year")
            if month:
                return month, int(day_text), int(year_text) if year_text else None
    return None


def resolve(found: Found, ctx: Context) -> Resolved:
    """The calendar value of one expression; UNRESOLVED when it needs a publication date it lacks."""
    handler = _HANDLERS[found.kind]
    return handler(found, ctx)


def _iso(found: Found, ctx: Context) -> Resolved:
    date = cal.safe_date(int(found.groups["year"] or 0), int(found.groups["month"] or 0), int(found.groups["day"] or 0))
    return cal.day(date, "explicit") if date else UNRESOLVED


def _numeric(found: Found, ctx: Context, weekday: int | None = None) -> Resolved:
    parts = numeric_parts(found)
    if parts is None:
        return UNRESOLVED
    first, second, year = parts
    readings = cal.numeric_readings(first, second, year, ctx.published, ctx.tense, weekday)
    order = cal.choose_order(readings, ctx.published, ctx.tense, weekday, ctx.document_order)
    if order is None:
        return UNRESOLVED
    return cal.day(readings[order], "explicit" if year is not None else "published")


def _month_day(found: Found, ctx: Context, weekday: int | None = None) -> Resolved:
    parts = month_day_parts(found)
    if parts is None:
        return UNRESOLVED
    month, day, year = parts
    if year is not None:
        date = cal.safe_date(year, month, day)
        return cal.day(date, "explicit") if date else UNRESOLVED
    if ctx.published is None:
        return UNRESOLVED
    inferred = cal.infer_year(month, day, ctx.published, ctx.tense, weekday)
    return cal.day(inferred, "published") if inferred else UNRESOLVED


def _weekday(found: Found, ctx: Context) -> Resolved:
    weekday = weekday_number(found.groups["wd"])
    if numeric_parts(found) is not None:
        return _numeric(found, ctx, weekday)
    if month_day_parts(found) is not None:
        return _month_day(found, ctx, weekday)
    if ctx.published is None or weekday is None:
        return UNRESOLVED
    modifier = _norm(found.groups.get("wmod"))
    if modifier in ("last", "this past"):
        direction = "before"
    elif modifier in ("next", "coming", "this coming"):
        direction = "after"
    elif ctx.tense == "future":
        direction = "on_or_after" if modifier == "this" else "after"
    else:
        direction = "on_or_before"  # news convention: the most recent such day
    return cal.day(cal.weekday_near(weekday, ctx.published, direction), "published")


def _month_year(found: Found, ctx: Context) -> Resolved:
    month = month_number(found.groups["month"])
    return cal.month(int(found.groups["year"] or 0), month, "explicit") if month else UNRESOLVED


def _month(found: Found, ctx: Context) -> Resolved:
    month = month_number(found.groups["month"])
    if month is None or ctx.published is None:
        return UNRESOLVED
    pub = ctx.published
    modifier = _norm(found.groups.get("mmod"))
    if modifier == "last":  # the most recent such month before the current one
        year = pub.year if month < pub.month else pub.year - 1
    elif modifier == "next":
        year = pub.year if month > pub.month else pub.year + 1
    elif modifier == "this":
        year = pub.year
    else:
        year = cal.infer_month_year(month, pub, ctx.tense)
    return cal.month(year, month, "published")


def _year(found: Found, ctx: Context) -> Resolved:
    return cal.year(int(found.groups["year"] or 0), "explicit")


def _dayword(found: Found, ctx: Context) -> Resolved:
    if ctx.published is None:
        return UNRESOLVED
    offset = DAYWORD_OFFSETS[_norm(found.groups["word"])]
    return cal.day(ctx.published + dt.timedelta(days=offset), "published")


def _relunit(found: Found, ctx: Context) -> Resolved:
    if ctx.published is None:
        return UNRESOLVED
    pub = ctx.published
    rel, unit = _norm(found.groups["rel"]), _norm(found.groups["unit"])
    step = RELATIVE_STEPS[rel]
    if unit == "week":
        return cal.week(pub + dt.timedelta(weeks=step), "published")
    if unit == "month":
        year, month = cal.add_months(pub.year, pub.month, step)
        return cal.month(year, month, "published")
    if unit == "year":
        return cal.year(pub.year + step, "published")
    return cal.week(_weekend_saturday(pub, rel, ctx.tense), "published")


def _weekend_saturday(pub: dt.date, rel: str, tense: str | None) -> dt.date:
    """The Saturday of the weekend meant; a weekend is reported as the ISO week holding it."""
    monday = cal.monday_of(pub)
    if rel in ("last", "this past"):
        return monday - dt.timedelta(days=2)
    if rel in ("next", "coming", "the coming", "this coming"):
        return monday + dt.timedelta(days=12)
    if tense == "future":
        return cal.weekday_near(5, pub, "on_or_after")
    if rel == "this" and tense is None:
        return monday + dt.timedelta(days=5)
    return cal.weekday_near(5, pub, "on_or_before")


def _ago(found: Found, ctx: Context) -> Resolved:
    if ctx.published is None:
        return UNRESOLVED
    pub = ctx.published
    count_text = _norm(found.groups["count"])
    count = SMALL_NUMBERS[count_text] if count_text in SMALL_NUMBERS else int(count_text)
    unit = _norm(found.groups["unit"])
    if unit == "day":
        return cal.day(pub - dt.timedelta(days=count), "published")
    if unit == "week":
        return cal.week(pub - dt.timedelta(weeks=count), "published")
    if unit == "month":
        year, month = cal.add_months(pub.year, pub.month, -count)
        return cal.month(year, month, "published")
    return cal.year(pub.year - count, "published")


# The month each season starts in (northern hemisphere, where most of the news we read is set).
SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
QUARTER_NUMBERS = {"first": 1, "1st": 1, "q1": 1, "second": 2, "2nd": 2, "q2": 2, "third": 3, "3rd": 3, "q3": 3,
                   "fourth": 4, "4th": 4, "q4": 4, "final": 4, "last": 4}  # fmt: skip


def _season(found: Found, ctx: Context) -> Resolved:
    """A season, given by its year (it spans months, so year granularity): the year it starts in."""
    if found.groups.get("year"):
        return cal.year(int(found.groups["year"] or 0), "explicit")
    if ctx.published is None:
        return UNRESOLVED
    pub = ctx.published
    start_month = SEASON_START[_norm(found.groups["season"])]
    rel = _norm(found.groups.get("rel"))
    # Seasons starting in the last 12 months (the most recent, possibly current, one) and the next.
    latest = pub.year if (pub.month, 0) >= (start_month, 0) else pub.year - 1
    if rel in ("last", "this past"):
        # "last summer" in October is this year's summer, now over; in March it is last year's.
        current = _in_season(pub, start_month, latest)
        year = latest - 1 if current else latest
    elif rel in ("next", "coming", "the coming", "this coming"):
        year = latest + 1
    else:  # "this winter": the current season, or the next one when it has not begun
        year = latest if _in_season(pub, start_month, latest) else latest + 1
        if ctx.tense == "past" and not _in_season(pub, start_month, latest):
            year = latest
    return cal.year(year, "published")


def _in_season(date: dt.date, start_month: int, year: int) -> bool:
    """True when ``date`` falls in the three months of the season starting ``start_month`` of ``year``."""
    months = (date.year * 12 + date.month) - (year * 12 + start_month)
    return 0 <= months < 3


def _quarter(found: Found, ctx: Context) -> Resolved:
    """A quarter of a year, given by its year (year granularity: a quarter is no month)."""
    if found.groups.get("year"):
        return cal.year(int(found.groups["year"] or 0), "explicit")
    if ctx.published is None:
        return UNRESOLVED
    quarter = QUARTER_NUMBERS.get(_norm(found.groups["ord"]), 0)
    current = (ctx.published.month - 1) // 3 + 1
    year = ctx.published.year
    if ctx.tense == "past" and quarter > current:
        year -= 1
    elif ctx.tense == "future" and quarter < current:
        year += 1
    return cal.year(year, "published")


def _past(found: Found, ctx: Context) -> Resolved:
    """ "the past two weeks": a stretch ending at publication, given by the unit it starts in."""
    if ctx.published is None:
        return UNRESOLVED
    count_text = _norm(found.groups.get("count")) or "1"
    count = SMALL_NUMBERS[count_text] if count_text in SMALL_NUMBERS else int(count_text)
    unit = _norm(found.groups["unit"])
    pub = ctx.published
    if unit == "day":
        return cal.day(pub - dt.timedelta(days=count), "published")
    if unit == "week":
        return cal.week(pub - dt.timedelta(weeks=count), "published")
    if unit == "month":
        year, month = cal.add_months(pub.year, pub.month, -count)
        return cal.month(year, month, "published")
    return cal.year(pub.year - count, "published")


def _clock(found: Found, ctx: Context) -> Resolved:
    """A time of day is a time on the day the sentence is about; alone, the publication day
    (``resolve_times`` moves it to a day named in the same sentence)."""
    return cal.day(ctx.published, "published") if ctx.published else UNRESOLVED


_HANDLERS = {
    "season": _season,
    "quarter": _quarter,
    "past": _past,
    "clock": _clock,
    "iso": _iso,
    "numeric": _numeric,
    "weekday": _weekday,
    "month_day": _month_day,
    "day_month": _month_day,
    "month_year": _month_year,
    "month": _month,
    "year": _year,
    "dayword": _dayword,
    "relunit": _relunit,
    "ago": _ago,
}
