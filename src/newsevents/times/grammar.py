"""The surface forms of English time expressions we parse ourselves, as regular expressions.

Month and weekday names are matched case-sensitively (capitalised), so "may" the modal and "march"
the verb are not dates; the relative words around them match in any case. Each pattern names the
kind of expression it finds; ``resolve.py`` turns a match into a calendar value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
SMALL_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

_MONTH_ALT = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Sept\.?|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?"
)
_WEEKDAY_ALT = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
# The first letters of the names above (matched case-sensitively).
_MONTH_FIRST = "[JFMASOND]"
_WEEKDAY_FIRST = "[MTWFS]"
_PART_OF_DAY = r"(?i:morning|afternoon|evening|night)"


def _month(p: str) -> str:
    return rf"(?P<{p}month>{_MONTH_ALT})(?![A-Za-z])"


def _day(p: str) -> str:
    return rf"(?P<{p}day>3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![0-9:]|[.,][0-9])"


def _year(p: str) -> str:
    return rf"(?P<{p}year>(?:1[89]|20)[0-9]{{2}})(?![\w]|[.,][0-9])"


def _numeric(p: str) -> str:
    """d/d, d/d/yy(yy), d.d.yyyy, d-d-yyyy; which number is the day is decided later."""
    return (
        rf"(?<![\w/.,-])(?P<{p}a>[0-9]{{1,2}})(?P<{p}sep>[/.-])(?P<{p}b>[0-9]{{1,2}})"
        rf"(?:(?P={p}sep)(?P<{p}y>[0-9]{{4}}|[0-9]{{2}}))?(?![\w/]|[.,-][0-9])"
    )


# A bare month is not followed by a day or a year ("March 12", "March 2024" are other patterns); a
# number that cannot be a day may follow ("In October 40 people were killed").
_NO_DAY_AFTER = r"(?!\s*(?:[0-9]{4}|3[01]|[12][0-9]|0?[1-9])(?![0-9]))"


def _month_day(p: str) -> str:
    return rf"{_month(p)}\s+{_day(p)}(?:,?\s+{_year(p)})?"


def _day_month(p: str) -> str:
    return rf"{_day(p)}(?:\s+of)?\s+{_month(p)}(?:,?\s+{_year(p)})?"


# Ranges: "from Monday to Wednesday", "3-5 March", "between March 3 and 5", "March to May 2027",
# "2019-2021". The leading "from"/"between" stays outside the span, like any preposition; ``to``
# keeps the connecting word, because "and" makes a range only after "between" or between
# neighbours ("Saturday and Sunday"; "Monday and Thursday" are two days).
_RANGE_LEAD = r"(?:\b(?P<lead>(?i:from|between))\s+)?"
_RANGE_TO = r"(?P<to>\s*[-–—]\s*|\s+(?i:to|through|thru|until|till|and)\s+)"
# Each with the characters its core can start with (the lead "from"/"between" can start it too).
_RANGE_PATTERNS = (
    # 3-5 March (2026); between 3 and 5 March
    "[0-9]",
    rf"{_RANGE_LEAD}(?P<core>{_day('s')}{_RANGE_TO}{_day('e')}(?:\s+of)?\s+{_month('e')}(?:,?\s+{_year('e')})?)",
    # March 3-5(, 2026); between March 3 and 5
    _MONTH_FIRST,
    rf"{_RANGE_LEAD}(?P<core>{_month('s')}\s+{_day('s')}{_RANGE_TO}{_day('e')}(?:,?\s+{_year('e')})?)",
    # 30 March - 2 April
    "[0-9]",
    rf"{_RANGE_LEAD}(?P<core>{_day('s')}(?:\s+of)?\s+{_month('s')}(?:,?\s+{_year('s')})?{_RANGE_TO}"
    rf"{_day('e')}(?:\s+of)?\s+{_month('e')}(?:,?\s+{_year('e')})?)",
    # March 30 - April 2
    _MONTH_FIRST,
    rf"{_RANGE_LEAD}(?P<core>{_month('s')}\s+{_day('s')}(?:,?\s+{_year('s')})?{_RANGE_TO}"
    rf"{_month('e')}\s+{_day('e')}(?:,?\s+{_year('e')})?)",
    # Monday to Wednesday
    _WEEKDAY_FIRST,
    rf"{_RANGE_LEAD}(?P<core>(?P<swd>{_WEEKDAY_ALT}){_RANGE_TO}(?P<ewd>{_WEEKDAY_ALT}))(?![A-Za-z])",
    # March to May (2027); from March 2025 to May 2026
    _MONTH_FIRST,
    rf"{_RANGE_LEAD}(?P<core>{_month('s')}(?:,?\s+{_year('s')})?{_RANGE_TO}{_month('e')}"
    rf"(?:,?\s+{_year('e')}|{_NO_DAY_AFTER}))",
    # 2019 to 2021, 2019-21
    "[12]",
    rf"{_RANGE_LEAD}(?<![\w/.,-])(?P<core>(?P<syear>(?:1[89]|20)[0-9]{{2}}){_RANGE_TO}"
    rf"(?P<eyear>(?:1[89]|20)[0-9]{{2}}|[0-9]{{2}}))(?![\w-]|[.,][0-9])",
)


def _starting(first: str, regex: str) -> re.Pattern[str]:
    """``regex`` behind a look-ahead for ``first``, the characters a match of it can start with (case
    rules as in ``regex``). It changes no match: Python's engine tries every pattern at every position
    of the text, and most of ours open with optional words or an alternation it cannot skip ahead
    over; one character class turns most positions down at once (measured 3-5 times faster)."""
    return re.compile(rf"(?={first})(?:{regex})")


# Each pattern is (kind, the characters a match can start with, regex); see ``_starting``.
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, _starting(first, regex))
    for kind, first, regex in (
        (
            "iso",
            "[12]",
            r"(?<![\w/.-])(?P<year>(?:19|20)[0-9]{2})-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12][0-9]|3[01])(?![\w-])",
        ),
        ("numeric", "[0-9]", _numeric("")),
        (
            "weekday",
            rf"(?i:[tlnc])|{_WEEKDAY_FIRST}",
            rf"(?:(?P<wmod>(?i:this\s+past|this\s+coming|last|next|this|coming))\s+)?"
            rf"(?P<wd>{_WEEKDAY_ALT})(?![A-Za-z])(?:\s+{_PART_OF_DAY})?"
            rf"(?:\s*\(\s*{_numeric('p')}\s*\)|\s*\(\s*{_month_day('q')}\s*\)|,?\s+{_month_day('m')}|,?\s+{_day_month('d')}|,?\s+{_numeric('n')})?",
        ),
        ("month_day", _MONTH_FIRST, _month_day("")),
        ("day_month", "[0-9]", _day_month("")),
        (
            "month_year",
            rf"(?i:[elmt])|{_MONTH_FIRST}",
            r"(?:(?i:early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)\s+|(?i:mid-))?"
            rf"{_month('')},?\s+{_year('')}",
        ),
        (
            "month",
            "(?i:[lntem])",
            rf"(?:(?P<mmod>(?i:last|next|this|early|late|mid))\s+|(?i:mid-)){_month('')}{_NO_DAY_AFTER}",
        ),
        (
            "month",
            "(?i:[isutbfdoa])",
            r"\b(?i:in|since|until|till|by|from|through|throughout|during|of|before|after|between)\s+"
            rf"(?P<core>{_month('')}){_NO_DAY_AFTER}",
        ),
        (
            "year",
            "(?i:[isutbfdaoel])",
            r"\b(?i:in|since|until|till|by|from|through|throughout|during|before|after|of|early|late|"
            rf"the\s+year|the\s+end\s+of|the\s+start\s+of)\s+(?:(?i:mid-))?(?P<core>{_year('')})",
        ),
        (
            "dayword",
            "(?i:[tyol])",
            r"\b(?P<word>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today|overnight|"
            rf"tomorrow|tonight|this\s+(?={_PART_OF_DAY})|last\s+(?={_PART_OF_DAY})))"
            rf"(?:\s*{_PART_OF_DAY})?(?![A-Za-z])",
        ),
        (
            "relunit",
            "(?i:[eltnc])",
            r"\b(?i:(?:(?P<edge>earlier|later|early|late|the\s+(?:end|beginning|start|middle)\s+of)\s+)?"
            r"(?P<rel>this\s+past|this\s+coming|the\s+coming|this|last|next|coming)\s+"
            r"(?P<unit>week|weekend|month|year))(?![A-Za-z])",
        ),
        ("relunit", "(?i:t)", r"\b(?i:(?P<rel>the)\s+(?P<unit>weekend))(?![A-Za-z])"),
        (
            "relunit",
            "(?i:t)",
            r"\b(?i:the\s+(?:end|beginning|start|middle)\s+of\s+(?P<rel>the)\s+(?P<unit>week|month|year))(?![A-Za-z])",
        ),
        (
            "season",
            "(?i:[tlnc])",
            r"\b(?i:(?P<rel>this\s+past|this\s+coming|the\s+coming|last|next|this|coming)\s+)"
            r"(?P<season>(?i:spring|summer|autumn|fall|winter))(?![A-Za-z])",
        ),
        (
            "season",
            "(?i:[tsaw])",
            r"\b(?:(?i:the)\s+)?(?P<season>(?i:spring|summer|autumn|winter))(?:\s+of)?\s+"
            rf"{_year('')}",
        ),
        (
            "quarter",
            "(?i:t)",
            r"\b(?i:the\s+)(?P<ord>(?i:first|second|third|fourth|final|last|1st|2nd|3rd|4th))\s+(?i:quarter)"
            rf"(?:\s+(?i:of)\s+{_year('')})?(?![A-Za-z])",
        ),
        ("quarter", "Q", rf"\b(?P<ord>Q[1-4])\s+{_year('')}"),
        (
            "past",
            "(?i:t)",
            r"\b(?i:the\s+(?:past|previous|last)\s+"
            rf"(?:(?P<count>{'|'.join(k for k in SMALL_NUMBERS if k not in ('a', 'an'))}|[0-9]{{1,3}})\s+)?"
            r"(?P<unit>day|week|month|year)s?)(?![A-Za-z])",
        ),
        (
            "clock",
            "[0-9]|(?i:[nm])",
            r"(?<![\w:.])(?P<hour>1[0-2]|0?[1-9])(?::(?P<minute>[0-5][0-9]))?\s*"
            r"(?P<half>(?i:a\.m\.|p\.m\.|am\b|pm\b))|\b(?P<named>(?i:noon|midday|midnight))\b",
        ),
        # "the first week of May": its days; "the second half of 2025": its months
        (
            "month_week",
            "(?i:t)",
            r"\b(?i:the)\s+(?P<ord>(?i:first|second|third|fourth|last|final))\s+(?i:week)\s+(?i:of)\s+"
            rf"{_month('')}(?:,?\s+{_year('')})?",
        ),
        (
            "half_year",
            "(?i:t)",
            r"\b(?i:the)\s+(?P<half>(?i:first|second))\s+(?i:half)\s+(?i:of)\s+"
            rf"(?:{_year('')}|(?P<rel>(?i:the|this|last|next))\s+(?i:year))(?![A-Za-z])",
        ),
        # "March of last year", "in June next year": the month of a year named relatively
        (
            "month_rel_year",
            _MONTH_FIRST,
            rf"{_month('')}\s+(?:(?i:of)\s+)?(?P<rel>(?i:last|this|next))\s+(?i:year)(?![A-Za-z])",
        ),
        *(
            ("range", f"(?i:[fb])|{first}", pattern)
            for first, pattern in zip(_RANGE_PATTERNS[::2], _RANGE_PATTERNS[1::2], strict=True)
        ),
        (
            "ago",
            "[0-9]|(?i:[aotfsen])",
            rf"\b(?i:(?P<count>{'|'.join(SMALL_NUMBERS)}|[0-9]{{1,3}})\s+(?P<unit>day|week|month|year)s?\s+ago)(?![A-Za-z])",
        ),
    )
)


@dataclass(frozen=True, eq=False)
class Found:
    """One pattern match: where it is (core group, when the pattern has one) and its groups.

    Compared and hashed by identity: two matches are the same only if they are the same object.
    """

    start: int
    end: int
    kind: str
    groups: dict[str, str | None]


def find_expressions(text: str) -> list[Found]:
    """Every match of every pattern, overlapping ones included, in no particular order."""
    found = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            start, end = match.span("core") if groups.get("core") else match.span()
            found.append(Found(start, end, kind, groups))
    return found


def month_number(name: str | None) -> int | None:
    return MONTHS.get(name.rstrip(".").lower()) if name else None


def weekday_number(name: str | None) -> int | None:
    return WEEKDAYS.get(name.lower()) if name else None


# "six hours", "within 90 days", "nearly three months": amounts of time, which the quantities stage
# counts; "the past two weeks" and "two days ago" are not durations in this sense (they place a time).
DURATION = re.compile(
    r"(?i:(?:(?:within|for|about|around|nearly|almost|some|roughly|more\s+than|less\s+than|over|"
    r"up\s+to|at\s+least)\s+)*(?:a|an|one|several|a\s+few|[a-z]+(?:-[a-z]+)?|[0-9][0-9,.]*)"
    r"(?:\s+|-)(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?|centuries))"
)

# Words that tie an expression to the calendar; a spaCy DATE entity with none of them ("weekly",
# "years", "under five", "a long night") is not a time expression we can place.
CALENDAR_WORDS = re.compile(
    r"(?i:[0-9]|\b(?:ago|last|next|this|past|coming|earlier|later|previous|yesterday|today|tomorrow|tonight|"
    r"weekend|spring|summer|autumn|fall|winter|century|decade|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|"
    r"august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)"
)
