"""Turn one matched time expression into a calendar value, given the publication date and tense."""

from __future__ import annotations

import calendar
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
        return cal.unresolved("day")
    inferred = cal.infer_year(month, day, ctx.published, ctx.tense, weekday)
    return cal.day(inferred, "published") if inferred else UNRESOLVED


def _weekday(found: Found, ctx: Context) -> Resolved:
    weekday = weekday_number(found.groups["wd"])
    if numeric_parts(found) is not None:
        return _numeric(found, ctx, weekday)
    if month_day_parts(found) is not None:
        return _month_day(found, ctx, weekday)
    if ctx.published is None or weekday is None:
        return cal.unresolved("day")
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
    if month is None:
        return UNRESOLVED
    if ctx.published is None:
        return cal.unresolved("month")  # a month of some year: a month still, not "unknown"
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
        return cal.unresolved("day")
    offset = DAYWORD_OFFSETS[_norm(found.groups["word"])]
    return cal.day(ctx.published + dt.timedelta(days=offset), "published")


def _relunit(found: Found, ctx: Context) -> Resolved:
    rel, unit = _norm(found.groups["rel"]), _norm(found.groups["unit"])
    if ctx.published is None:
        return cal.unresolved("week" if unit == "weekend" else unit)
    pub = ctx.published
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
    unit = _norm(found.groups["unit"])
    if ctx.published is None:
        return cal.unresolved(unit)
    pub = ctx.published
    count_text = _norm(found.groups["count"])
    count = SMALL_NUMBERS[count_text] if count_text in SMALL_NUMBERS else int(count_text)
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
        return cal.unresolved("year")
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
        return cal.unresolved("year")
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
    unit = _norm(found.groups["unit"])
    if ctx.published is None:
        return cal.unresolved(unit)
    count_text = _norm(found.groups.get("count")) or "1"
    count = SMALL_NUMBERS[count_text] if count_text in SMALL_NUMBERS else int(count_text)
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
    return cal.day(ctx.published, "published") if ctx.published else cal.unresolved("day")


# -- ranges -------------------------------------------------------------------------------------
# A range is resolved from the end that the tense fixes: a past range ends on or before publication
# ("were held from Monday to Wednesday"), any other starts at the nearest such day or month; the
# other end follows from it. A year given at either end holds for both ("3-5 March 2026").


def _range(found: Found, ctx: Context) -> Resolved:
    g = found.groups
    if g.get("swd"):
        return _weekday_range(found, ctx)
    if g.get("sday") or g.get("eday"):
        return _day_range(found, ctx)
    if g.get("smonth"):
        return _month_range(found, ctx)
    first = int(g["syear"] or 0)
    last_text = g["eyear"] or ""
    last = (first // 100) * 100 + int(last_text) if len(last_text) == 2 else int(last_text or 0)
    return cal.year_range(first, last, "explicit")


def _weekday_range(found: Found, ctx: Context) -> Resolved:
    first, last = weekday_number(found.groups["swd"]), weekday_number(found.groups["ewd"])
    if first is None or last is None:
        return UNRESOLVED
    if ctx.published is None:
        return cal.unresolved("day")
    length = dt.timedelta(days=(last - first) % 7 or 7)
    if ctx.tense == "past":
        end = cal.weekday_near(last, ctx.published, "on_or_before")
        return cal.day_range(end - length, end, "published")
    start = cal.weekday_near(first, ctx.published, "after" if ctx.tense == "future" else "on_or_before")
    return cal.day_range(start, start + length, "published")


def _day_range(found: Found, ctx: Context) -> Resolved:
    g = found.groups
    first_month = month_number(g.get("smonth")) or month_number(g.get("emonth"))
    last_month = month_number(g.get("emonth")) or first_month
    if first_month is None or last_month is None:
        return UNRESOLVED
    first_day, last_day = int(g["sday"] or 0), int(g["eday"] or 0)
    wraps = (last_month, last_day) < (first_month, first_day)  # "30 December - 2 January"
    if g.get("syear") or g.get("eyear"):
        last_year = int(g.get("eyear") or g.get("syear") or 0)
        first_year = int(g["syear"]) if g.get("syear") else last_year - wraps
        start, end = cal.safe_date(first_year, first_month, first_day), cal.safe_date(last_year, last_month, last_day)
        return cal.day_range(start, end, "explicit")
    if ctx.published is None:
        return cal.unresolved("day")
    if ctx.tense == "past":
        end = cal.infer_year(last_month, last_day, ctx.published, ctx.tense)
        start = cal.safe_date(end.year - wraps, first_month, first_day) if end else None
    else:
        start = cal.infer_year(first_month, first_day, ctx.published, ctx.tense)
        end = cal.safe_date(start.year + wraps, last_month, last_day) if start else None
    return cal.day_range(start, end, "published")


def _month_range(found: Found, ctx: Context) -> Resolved:
    g = found.groups
    first_month, last_month = month_number(g.get("smonth")), month_number(g.get("emonth"))
    if first_month is None or last_month is None:
        return UNRESOLVED
    wraps = last_month < first_month  # "November to February"
    if g.get("syear") or g.get("eyear"):
        last_year = int(g.get("eyear") or g.get("syear") or 0)
        first_year = int(g["syear"]) if g.get("syear") else last_year - wraps
        return cal.month_range((first_year, first_month), (last_year, last_month), "explicit")
    if ctx.published is None:
        return cal.unresolved("month")
    if ctx.tense == "past":
        last_year = cal.infer_month_year(last_month, ctx.published, ctx.tense)
        first_year = last_year - wraps
    else:
        first_year = cal.infer_month_year(first_month, ctx.published, ctx.tense)
        last_year = first_year + wraps
    return cal.month_range((first_year, first_month), (last_year, last_month), "published")


WEEK_OF_MONTH = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 5, "final": 5}


def _month_week(found: Found, ctx: Context) -> Resolved:
    """ "the first week of May": days 1-7 of the month (the last week, its last seven days)."""
    month = month_number(found.groups["month"])
    if month is None:
        return UNRESOLVED
    if found.groups.get("year"):
        year, anchor = int(found.groups["year"] or 0), "explicit"
    elif ctx.published is None:
        return cal.unresolved("day")
    else:
        year, anchor = cal.infer_month_year(month, ctx.published, ctx.tense), "published"
    days_in_month = calendar.monthrange(year, month)[1]
    week = WEEK_OF_MONTH[_norm(found.groups["ord"])]
    first = days_in_month - 6 if week == 5 else 7 * (week - 1) + 1
    return cal.day_range(dt.date(year, month, first), dt.date(year, month, min(first + 6, days_in_month)), anchor)


def _half_year(found: Found, ctx: Context) -> Resolved:
    """ "the first half of 2025": January to June, by month."""
    if found.groups.get("year"):
        year, anchor = int(found.groups["year"] or 0), "explicit"
    elif ctx.published is None:
        return cal.unresolved("month")
    else:
        year, anchor = ctx.published.year + RELATIVE_STEPS.get(_norm(found.groups.get("rel")), 0), "published"
    first = 1 if _norm(found.groups["half"]) == "first" else 7
    return cal.month_range((year, first), (year, first + 5), anchor)


def _month_rel_year(found: Found, ctx: Context) -> Resolved:
    """ "March of last year", "June next year"."""
    month = month_number(found.groups["month"])
    if month is None:
        return UNRESOLVED
    if ctx.published is None:
        return cal.unresolved("month")
    return cal.month(ctx.published.year + RELATIVE_STEPS[_norm(found.groups["rel"])], month, "published")


_HANDLERS = {
    "range": _range,
    "month_week": _month_week,
    "half_year": _half_year,
    "month_rel_year": _month_rel_year,
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
