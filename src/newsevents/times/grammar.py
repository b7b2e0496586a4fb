"""The surface forms of English time expressions we parse ourselves, as regular expressions.

Month and weekday names are matched case-sensitively (capitalised), so "may" the modal and "march"
the verb are not dates; the relative words around them match in any case. Each pattern names the
kind of expression it finds; ``resolve.py`` turns a match into a calendar value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
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


# Words some patterns cannot match without, each found with one fast scan of the text: a regex that opens
# with a literal or a character class, which Python's engine skips ahead to. Each matches wherever a part
# of the patterns below does, and maybe more: every month name starts with one of the three-letter
# abbreviations of ``_MONTH`` (capitalised, as in ``_MONTH_ALT``), and so on.
_MONTH = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
_WEEKDAY = _WEEKDAY_ALT
_YEAR = "(?:1[89]|20)[0-9]{2}"


def _words(words: str) -> str:
    """A regex that matches wherever ``(?i:words)`` does (and more): it opens with a case-sensitive class
    of their first letters, both cases and every character past ASCII (the case-insensitive twins of
    ASCII letters, "ſ" for "s", are there), which a case-insensitive pattern cannot open with."""
    letters = sorted({w[0].lower() for w in words.split("|")} | {w[0].upper() for w in words.split("|")})
    rests = "|".join(w[1:] for w in words.split("|"))
    return rf"[{''.join(letters)}\x80-\U0010ffff](?i:{rests})"


_UNIT = _words("week|month|year")
_SEASON = _words("pring|mmer|utumn|fall|winter")  # their rarer letters: "s"pring, "su"mmer, "a"utumn
# The anchors of ``_RANGE_PATTERNS``, in order: their first month, weekday or year, after at most "between"
# (7), a day with its suffix (4), a connector ("through", 7) and "of" (2).
_RANGE_ANCHORS = ((_MONTH, 24), (_MONTH, 7), (_MONTH, 13), (_MONTH, 7), (_WEEKDAY, 7), (_MONTH, 7), (_YEAR, 7))

# Each pattern is (kind, the characters a match can start with, regex, anchor); see ``_starting``. The
# anchor, when there is one, is (a regex found in every match, the most characters other than whitespace
# that a match can hold before where that regex matches); the lead is counted by hand from the regex
# (its longest optional words, day numbers and connectors before the anchor), see ``_near``.
_SPECS: tuple[tuple[str, str, str, tuple[str, int] | None], ...] = (
    (
        "iso",
        "[12]",
        r"(?<![\w/.-])(?P<year>(?:19|20)[0-9]{2})-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12][0-9]|3[01])(?![\w-])",
        (_YEAR, 0),
    ),
    ("numeric", "[0-9]", _numeric(""), None),
    (
        "weekday",
        rf"(?i:[tlnc])|{_WEEKDAY_FIRST}",
        rf"(?:(?P<wmod>(?i:this\s+past|this\s+coming|last|next|this|coming))\s+)?"
        rf"(?P<wd>{_WEEKDAY_ALT})(?![A-Za-z])(?:\s+{_PART_OF_DAY})?"
        rf"(?:\s*\(\s*{_numeric('p')}\s*\)|\s*\(\s*{_month_day('q')}\s*\)|,?\s+{_month_day('m')}|,?\s+{_day_month('d')}|,?\s+{_numeric('n')})?",
        (_WEEKDAY, 10),  # "this coming"
    ),
    ("month_day", _MONTH_FIRST, _month_day(""), (_MONTH, 0)),
    ("day_month", "[0-9]", _day_month(""), (_MONTH, 6)),  # "31st of"
    (
        "month_year",
        rf"(?i:[elmt])|{_MONTH_FIRST}",
        r"(?:(?i:early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)\s+|(?i:mid-))?"
        rf"{_month('')},?\s+{_year('')}",
        (_MONTH, 14),  # "the beginning of"
    ),
    (
        "month",
        "(?i:[lntem])",
        rf"(?:(?P<mmod>(?i:last|next|this|early|late|mid))\s+|(?i:mid-)){_month('')}{_NO_DAY_AFTER}",
        (_MONTH, 5),  # "early"
    ),
    (
        "month",
        "(?i:[isutbfdoa])",
        r"\b(?i:in|since|until|till|by|from|through|throughout|during|of|before|after|between)\s+"
        rf"(?P<core>{_month('')}){_NO_DAY_AFTER}",
        (_MONTH, 10),  # "throughout"
    ),
    (
        "year",
        "(?i:[isutbfdaoel])",
        r"\b(?i:in|since|until|till|by|from|through|throughout|during|before|after|of|early|late|"
        rf"the\s+year|the\s+end\s+of|the\s+start\s+of)\s+(?:(?i:mid-))?(?P<core>{_year('')})",
        (_YEAR, 14),  # "throughout mid-"
    ),
    (
        "dayword",
        "(?i:[tyol])",
        r"\b(?P<word>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today|overnight|"
        rf"tomorrow|tonight|this\s+(?={_PART_OF_DAY})|last\s+(?={_PART_OF_DAY})))"
        rf"(?:\s*{_PART_OF_DAY})?(?![A-Za-z])",
        # a part of each day word (their first letters are common ones, slower to look for), or of the part
        # of the day after "this"/"last": "yester"day, "overni"ght, "last ni"ght, "this a"fternoon
        (_words("day|ght|morrow|morning|fternoon|vening"), 6),
    ),
    (
        "relunit",
        "(?i:[eltnc])",
        r"\b(?i:(?:(?P<edge>earlier|later|early|late|the\s+(?:end|beginning|start|middle)\s+of)\s+)?"
        r"(?P<rel>this\s+past|this\s+coming|the\s+coming|this|last|next|coming)\s+"
        r"(?P<unit>week|weekend|month|year))(?![A-Za-z])",
        (_UNIT, 24),  # "the beginning of this coming"
    ),
    ("relunit", "(?i:t)", r"\b(?i:(?P<rel>the)\s+(?P<unit>weekend))(?![A-Za-z])", (_UNIT, 3)),  # "the"
    (
        "relunit",
        "(?i:t)",
        r"\b(?i:the\s+(?:end|beginning|start|middle)\s+of\s+(?P<rel>the)\s+(?P<unit>week|month|year))(?![A-Za-z])",
        (_UNIT, 17),  # "the beginning of the"
    ),
    (
        "season",
        "(?i:[tlnc])",
        r"\b(?i:(?P<rel>this\s+past|this\s+coming|the\s+coming|last|next|this|coming)\s+)"
        r"(?P<season>(?i:spring|summer|autumn|fall|winter))(?![A-Za-z])",
        (_SEASON, 12),  # "this coming su"
    ),
    (
        "season",
        "(?i:[tsaw])",
        r"\b(?:(?i:the)\s+)?(?P<season>(?i:spring|summer|autumn|winter))(?:\s+of)?\s+"
        rf"{_year('')}",
        (_SEASON, 5),  # "the su"
    ),
    (
        "quarter",
        "(?i:t)",
        r"\b(?i:the\s+)(?P<ord>(?i:first|second|third|fourth|final|last|1st|2nd|3rd|4th))\s+(?i:quarter)"
        rf"(?:\s+(?i:of)\s+{_year('')})?(?![A-Za-z])",
        (_words("quarter"), 9),  # "the second"
    ),
    ("quarter", "Q", rf"\b(?P<ord>Q[1-4])\s+{_year('')}", ("Q", 0)),
    (
        "past",
        "(?i:t)",
        r"\b(?i:the\s+(?:past|previous|last)\s+"
        rf"(?:(?P<count>{'|'.join(k for k in SMALL_NUMBERS if k not in ('a', 'an'))}|[0-9]{{1,3}})\s+)?"
        r"(?P<unit>day|week|month|year)s?)(?![A-Za-z])",
        (_words("day|week|month|year"), 17),  # "the previous twelve"
    ),
    (
        "clock",
        "[0-9]|(?i:[nm])",
        r"(?<![\w:.])(?P<hour>1[0-2]|0?[1-9])(?::(?P<minute>[0-5][0-9]))?\s*"
        r"(?P<half>(?i:a\.m\.|p\.m\.|am\b|pm\b))|\b(?P<named>(?i:noon|midday|midnight))\b",
        # the last digit before "a.m." ("12:3" before it), or the named time; opens with a class, as ``_words``
        (r"[0-9nNmM\x80-\U0010ffff](?:(?<=[0-9])\s*(?i:a\.m\.|p\.m\.|am\b|pm\b)|(?i:oon|idday|idnight))", 4),
    ),
    # "the first week of May": its days; "the second half of 2025": its months
    (
        "month_week",
        "(?i:t)",
        r"\b(?i:the)\s+(?P<ord>(?i:first|second|third|fourth|last|final))\s+(?i:week)\s+(?i:of)\s+"
        rf"{_month('')}(?:,?\s+{_year('')})?",
        (_MONTH, 15),  # "the second week of"
    ),
    (
        "half_year",
        "(?i:t)",
        r"\b(?i:the)\s+(?P<half>(?i:first|second))\s+(?i:half)\s+(?i:of)\s+"
        rf"(?:{_year('')}|(?P<rel>(?i:the|this|last|next))\s+(?i:year))(?![A-Za-z])",
        (_words("half"), 9),  # "the second"
    ),
    # "March of last year", "in June next year": the month of a year named relatively
    (
        "month_rel_year",
        _MONTH_FIRST,
        rf"{_month('')}\s+(?:(?i:of)\s+)?(?P<rel>(?i:last|this|next))\s+(?i:year)(?![A-Za-z])",
        (_MONTH, 0),
    ),
    *(
        ("range", f"(?i:[fb])|{first}", pattern, anchor)
        for first, pattern, anchor in zip(_RANGE_PATTERNS[::2], _RANGE_PATTERNS[1::2], _RANGE_ANCHORS, strict=True)
    ),
    (
        "ago",
        "[0-9]|(?i:[aotfsen])",
        rf"\b(?i:(?P<count>{'|'.join(SMALL_NUMBERS)}|[0-9]{{1,3}})\s+(?P<unit>day|week|month|year)s?\s+ago)(?![A-Za-z])",
        (_words("ago"), 12),  # "twelve months"
    ),
)
# Each pattern is (kind, regex); used by ``find_expressions`` with its anchor.
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, _starting(first, regex)) for kind, first, regex, _ in _SPECS
)
_ANCHORS: tuple[tuple[re.Pattern[str], int] | None, ...] = tuple(
    None if anchor is None else (re.compile(anchor[0]), anchor[1]) for *_, anchor in _SPECS
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
    places: dict[re.Pattern[str], list[int]] = {}  # where each anchor matches
    windows: dict[tuple[re.Pattern[str], int], list[tuple[int, int]]] = {}  # by (anchor, lead)
    backwards = text[::-1]
    for (kind, pattern), anchor in zip(PATTERNS, _ANCHORS, strict=True):
        if anchor is None:
            matches: Iterable[re.Match[str]] = pattern.finditer(text)
        else:
            if anchor not in windows:
                if anchor[0] not in places:
                    places[anchor[0]] = _places(text, anchor[0])
                windows[anchor] = _windows(backwards, places[anchor[0]], anchor[1])
            matches = _near(pattern, text, windows[anchor])
        for match in matches:
            groups = match.groupdict()
            start, end = match.span("core") if groups.get("core") else match.span()
            found.append(Found(start, end, kind, groups))
    return found


def _places(text: str, anchor: re.Pattern[str]) -> list[int]:
    """Every place ``anchor`` matches, overlapping ones too: each search starts one character after the last."""
    places = []
    match = anchor.search(text)
    while match is not None:
        places.append(match.start())
        match = anchor.search(text, match.start() + 1)
    return places


def _windows(backwards: str, places: list[int], lead: int) -> list[tuple[int, int]]:
    """(first, last) start of a match for each of ``places``: from ``lead`` characters other than
    whitespace before it (whitespace of any length between them) up to the place itself. A pattern
    whose every match holds its anchor, with at most ``lead`` such characters before it, can start
    nowhere else. ``backwards`` is the text reversed, which one match reads back from a place."""
    back = _BACK.get(lead) or _BACK.setdefault(lead, re.compile(rf"\s*(?:\S\s*){{0,{lead}}}"))
    size = len(backwards)
    windows = []
    for last in places:
        read = back.match(backwards, size - last)  # always matches: it can read nothing
        windows.append((size - read.end() if read else last, last))
    return windows


_BACK: dict[int, re.Pattern[str]] = {}  # the regex that reads back from a place, by lead


def _near(pattern: re.Pattern[str], text: str, windows: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` gives when every match starts inside one of ``windows`` (in order):
    the pattern is tried at each start in turn, the next try after a match where it ends. ``match`` at a
    position sees the text before it, as a search does (look-behinds, ``\\b``); no pattern here matches
    the empty string, so the next try after a match is where it ends, as ``finditer`` goes on."""
    untried = 0  # every start before this was tried or lies inside a match
    for first, last in windows:
        start = max(first, untried)
        while start <= last:
            match = pattern.match(text, start)
            if match is None:
                start += 1
            else:
                yield match
                start = max(match.end(), start + 1)  # the same: no match here is empty
        untried = max(untried, start)


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
