"""Times stage: time expressions in the article, normalised to calendar values.

Where things are:
    grammar.py   the surface forms we parse ourselves (regular expressions)
    resolve.py   one expression -> value, granularity, anchor
    calendar.py  year inference, day-month order, weeks and months
    tense.py     the tense of the governing verb, from the dependency parse
    fallback.py  dateparser, only for spaCy DATE entities our grammar does not read

Conventions:
- ``value`` is YYYY-MM-DD (granularity day or week), YYYY-MM (month) or YYYY (year). A week ("last
  week", "two weeks ago", "the weekend") is given by the date of its Monday (ISO week).
- ``anchor`` is "explicit" when the text itself gives the year ("9/10/2026", "March 2024", "in 2024"),
  "published" when the value was worked out from the publication date, "none" when unresolved (value
  null): relative expressions in an article without a publication date, durations ("the past two
  weeks"), times of day ("3 p.m.").
- ``granularity`` is the unit the expression names, resolved or not: "March" in an article without a
  publication date is a month with a null value, not "unknown" (kept for what names no unit we
  give, "the 1990s").
- Ranges ("Saturday and Sunday", "from Monday to Wednesday", "between 3 and 5 March", "March 3-5",
  "30 September to 2 October", "March to May", "2019-2021", "the first week of May", "the first
  half of 2025") are one expression: ``value`` is the first unit and ``end_value`` the last, at the
  same granularity. "and" makes a range only after "between" or between neighbours ("Monday and
  Thursday" are two days). A past range ends on or before publication, any other starts at the
  nearest such day or month; a year written at either end holds for both. "The first week of May"
  is days 1-7 (the last week, the last seven days); a half year is its six months.
- A bare weekday ("on Tuesday") is the most recent such day on or before publication, or the next
  one after it when the governing verb is clearly future ("will meet", "is expected to arrive").
- A date without a year ("Oct. 9", "12 March") takes the year that puts it nearest publication,
  keeping only past dates for past-tense verbs and future dates for future ones.
- Numeric dates ("9/10", "Saturday (9/10)", "9/10/2026"): a named weekday decides the order; then a
  number above 12; then the verb's tense; then nearness: if only one reading falls within
  ``calendar.PLAUSIBLE_WINDOW_DAYS`` of publication it wins; if both (or neither) do, the document's
  own convention decides (numeric dates elsewhere with a number above 12, or a weekday that fixed
  the order; failing those, whether it writes "12 March" or "March 12"), then the nearer reading,
  then month-first when there is no publication date either.
- The preposition is not part of the span ("on Tuesday" -> "Tuesday"), modifiers are ("last week",
  "earlier this month", "mid-October").
- Amounts of time ("six hours", "within 90 days") are not time expressions: the quantities stage
  counts them. "overnight" is the publication day.
- Seasons ("last summer", "the spring of 2027") and quarters ("the third quarter", "Q3 2025") are
  given by their year, granularity "year": the contract has no season or quarter granularity and a
  month would claim more than the text says. Seasons are northern-hemisphere.
- "the past two weeks", "over the past month": a stretch ending at publication, given by the unit it
  starts in (the week of publication minus two weeks, last month).
- A time of day ("3 p.m.", "noon") is the day named nearest it in its sentence ("at 3 p.m. on
  Saturday"), else the publication day.
- A weekday designated as something ("declared Tuesday a day of mourning") lies ahead; "until
  January" ignores the tense of the verb ("extended until January" looks forward). A present-tense
  verb with a date is a timetable ("the summit opens on Monday"), except reporting verbs.
- "In March 12 people died": a number that counts a noun is no day; the month alone is the time.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import TYPE_CHECKING

from newsevents.model import Analysis, TimeExpr
from newsevents.times import calendar as cal
from newsevents.times.calendar import UNRESOLVED
from newsevents.times.fallback import resolve_with_dateparser
from newsevents.times.grammar import (
    CALENDAR_WORDS,
    DURATION,
    Found,
    find_expressions,
    month_number,
    weekday_number,
)
from newsevents.times.resolve import Context, numeric_parts, resolve
from newsevents.times.tense import governing_tense

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["resolve_times"]

TIME_LABELS = frozenset({"DATE", "TIME"})
# A date inside one of these is part of a name ("USA Today", "the October 7 Hospital").
NAME_LABELS = frozenset({"ORG", "WORK_OF_ART", "PRODUCT", "FAC"})
_LEAD_FOR_BARE_NUMERIC = re.compile(r"(?i:\b(?:on|since|from|until|till|by|through|before|after|dated)\s*)$")
_SINCE = re.compile(r"(?i:\bsince\s+)$")
_UNTIL = re.compile(r"(?i:\b(?:until|till|pending)\s+)$")
# "declared Tuesday a day of mourning": a day named as the object of these verbs lies ahead.
_DESIGNATING_LEMMAS = frozenset({"declare", "designate", "name", "proclaim", "set", "fix", "make"})
_AGE = re.compile(r"(?i:year-old|years?\s+old|\baged?\b)")
_PURE_NUMBER = re.compile(r"^[0-9][0-9,.]*$")
_NUMBER_RANGE = re.compile(r"(?i:(?:between\s+)?[0-9][0-9,.]*\s*(?:and|to|-|–)\s*[0-9][0-9,.]*)")


def parse_published(published: str | None) -> dt.date | None:
    """The publication date from an ISO 8601 date or date-time string; None when absent or unreadable."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published.strip()[:10])
    except ValueError:
        return None


def resolve_times(analysis: Analysis, doc: Doc) -> None:
    """Append a TimeExpr for every time expression, resolved against the publication date."""
    text = analysis.article.text
    published = parse_published(analysis.article.published)
    candidates = find_expressions(text)
    found = _select([f for f in candidates if _plausible(f, text, doc)] + _counted_month_days(candidates, doc), doc)
    tenses = {f: _tense(doc, text, f.start, f.end) for f in found}
    order = document_order(found, published, tenses)
    items = [(f.start, f.end, resolve(f, Context(published, tenses[f], order))) for f in found]
    items += _entity_times(doc, text, found, published)
    items = _clock_times_on_their_day(doc, found, items)
    for start, end, resolved in sorted(items, key=lambda item: item[0]):
        analysis.times.append(
            TimeExpr(
                id=f"t{len(analysis.times) + 1}", start=start, end=end, text=text[start:end],
                value=resolved.value,
                granularity=resolved.granularity,
                anchor=resolved.anchor if resolved.value else UNRESOLVED.anchor,
                end_value=resolved.end if resolved.value else None,
            )
        )  # fmt: skip


def _is_designated_day(token: Token | None) -> bool:
    """ "declared Tuesday a day of mourning": a day named as what a designating verb makes of it."""
    if token is None or token.dep_ not in ("dobj", "npadvmod", "nsubj"):
        return False
    verb = token.head
    complements = [c for c in verb.children if c.dep_ in ("npadvmod", "oprd", "dobj", "attr", "ccomp", "xcomp")]
    complements += [c for c in token.children if c.dep_ in ("appos", "attr", "oprd")]  # parsed onto the day
    return verb.lemma_.lower() in _DESIGNATING_LEMMAS and any(c.i > token.i and c.pos_ == "NOUN" for c in complements)


def _counted_month_days(candidates: list[Found], doc: Doc) -> list[Found]:
    """ "In March 12 people died": the number counts people, the month alone is the time."""
    months = []
    for f in candidates:
        if f.kind == "month_day" and not f.groups.get("year") and _counts_a_noun(doc, f.end - 1):
            month_end = f.start + len(f.groups["month"] or "")
            months.append(Found(f.start, month_end, "month", {"month": f.groups["month"], "mmod": None}))
    return months


def _counts_a_noun(doc: Doc, char: int) -> bool:
    token = _token_at(doc, char)
    return token is not None and token.dep_ == "nummod" and token.head.i > token.i


def _clock_times_on_their_day(
    doc: Doc, found: list[Found], items: list[tuple[int, int, cal.Resolved]]
) -> list[tuple[int, int, cal.Resolved]]:
    """A time of day ("3 p.m.") takes the day named in its sentence ("at 3 p.m. on Saturday")."""
    clocks = {(f.start, f.end) for f in found if f.kind == "clock"}
    if not clocks:
        return items
    fixed = []
    for start, end, resolved in items:
        if (start, end) in clocks:
            sentence = doc.char_span(start, end, alignment_mode="expand")
            if sentence is not None:
                sent = sentence.sent
                days = [
                    (abs(s - start), r)
                    for s, e, r in items
                    if (s, e) not in clocks and r.granularity == "day" and sent.start_char <= s < sent.end_char
                ]
                if days:
                    resolved = min(days, key=lambda d: d[0])[1]
        fixed.append((start, end, resolved))
    return fixed


def _entity_times(
    doc: Doc, text: str, found: list[Found], published: dt.date | None
) -> list[tuple[int, int, cal.Resolved]]:
    """spaCy DATE/TIME entities our grammar did not cover, less noise and amounts of time."""
    items = []
    for ent in doc.ents:
        if ent.label_ not in TIME_LABELS or _overlaps(ent.start_char, ent.end_char, found):
            continue
        if _is_noise(ent.text, text[max(0, ent.start_char - 8) : ent.start_char]) or DURATION.fullmatch(ent.text):
            continue
        if re.fullmatch(r"(?:1[89]|20)[0-9]{2}", ent.text):  # "the 2024 election"
            if _is_year_token(doc, ent.start_char, ent.end_char):
                items.append((ent.start_char, ent.end_char, cal.year(int(ent.text), "explicit")))
            continue
        tense = _tense(doc, text, ent.start_char, ent.end_char)
        items.append((ent.start_char, ent.end_char, resolve_with_dateparser(ent.text, published, tense)))
    return items


def _tense(doc: Doc, text: str, start: int, end: int) -> str | None:
    """The governing verb's tense; "since March" looks back whatever the verb."""
    if _SINCE.search(text[max(0, start - 8) : start]):
        return "past"
    if _UNTIL.search(text[max(0, start - 10) : start]):
        return None  # "extended until January": the end point lies either side of publication
    if _is_designated_day(_token_at(doc, start)):
        return "future"
    return governing_tense(doc, start, end)


def document_order(found: list[Found], published: dt.date | None, tenses: dict[Found, str | None]) -> str | None:
    """'DMY' or 'MDY' when the article's own dates show which it writes first, else None."""
    votes: Counter[str] = Counter()
    for f in found:
        parts = numeric_parts(f)
        if parts is None:
            continue
        first, second, year = parts
        if first > 12 >= second:
            votes[cal.DMY] += 1
        elif second > 12 >= first:
            votes[cal.MDY] += 1
        elif f.kind == "weekday":
            weekday = weekday_number(f.groups["wd"])
            readings = cal.numeric_readings(first, second, year, published, tenses.get(f), weekday)
            fitting = [
                o for o, d in readings.items()
                if d.weekday() == weekday
                and (published is None or abs((d - published).days) <= cal.PLAUSIBLE_WINDOW_DAYS)
            ]  # fmt: skip
            if len(readings) == 2 and len(fitting) == 1:
                votes[fitting[0]] += 1
    if not votes:  # weaker evidence: "12 March" against "March 12"
        for f in found:
            if f.kind == "day_month" or f.groups.get("dday"):
                votes[cal.DMY] += 1
            elif f.kind == "month_day" or f.groups.get("mday") or f.groups.get("qday"):
                votes[cal.MDY] += 1
    if votes[cal.DMY] == votes[cal.MDY]:
        return None
    return cal.DMY if votes[cal.DMY] > votes[cal.MDY] else cal.MDY


def _plausible(f: Found, text: str, doc: Doc) -> bool:
    """Reject pattern matches that are not dates in context (fractions, counts, scores)."""
    if f.kind == "numeric":
        parts = numeric_parts(f)
        if parts is None:
            return False
        first, second, year = parts
        if first == 0 or second == 0 or (first > 12 and second > 12) or first > 31 or second > 31:
            return False
        if f.groups["sep"] != "/" and (year is None or len(f.groups["y"] or "") != 4):
            return False
        if year is None:
            lead_ok = bool(_LEAD_FOR_BARE_NUMERIC.search(text[max(0, f.start - 12) : f.start]))
            in_date_ent = any(
                e.label_ in TIME_LABELS and e.start_char <= f.start and f.end <= e.end_char for e in doc.ents
            )
            return lead_ok or in_date_ent
        return True
    if f.kind == "month_day" and not f.groups.get("year") and _counts_a_noun(doc, f.end - 1):
        return False  # "in March 12 people died": the number counts the noun after it, it is not a day
    if f.kind == "year":
        return _is_year_token(doc, f.start, f.end)
    if f.kind == "range":
        return _is_range(f, doc)
    return True


def _is_range(f: Found, doc: Doc) -> bool:
    """A range match that reads as one: "and" joins a range only after "between" or between
    neighbours ("Saturday and Sunday", "3 and 4 March"); a year range counts nothing ("2000 to 3000
    soldiers"); a closing day counts nothing ("on March 3 and 12 people died")."""
    g = f.groups
    first, last = _range_ends(g)
    if first is None or last is None:
        return False
    if g.get("syear") and not g.get("smonth") and not g.get("sday"):
        last_year = g["eyear"] or ""
        short_without_dash = len(last_year) == 2 and "-" not in (g["to"] or "")  # "2019 and 21"
        if short_without_dash or not _is_year_token(doc, f.end - len(last_year), f.end):
            return False
    elif g.get("eday") and not g.get("emonth") and not g.get("eyear") and _counts_a_noun(doc, f.end - 1):
        return False
    if (g.get("to") or "").strip().lower() == "and" and (g.get("lead") or "").lower() != "between":
        return last - first == 1 or (g.get("swd") is not None and (last - first) % 7 == 1)
    return True


def _range_ends(g: dict[str, str | None]) -> tuple[int | None, int | None]:
    """The two ends of a range as comparable numbers, in the unit that changes between them."""
    if g.get("swd"):
        return weekday_number(g["swd"]), weekday_number(g["ewd"])
    if g.get("sday") and g.get("eday"):
        first_month = month_number(g.get("smonth")) or month_number(g.get("emonth")) or 0
        last_month = month_number(g.get("emonth")) or first_month
        first = dt.date(2000, first_month, 1).toordinal() + int(g["sday"] or 0) if first_month else None
        last = dt.date(2000, last_month, 1).toordinal() + int(g["eday"] or 0) if last_month else None
        return first, last
    if g.get("smonth"):
        return month_number(g["smonth"]), month_number(g.get("emonth"))
    last_text = g.get("eyear") or ""
    first_year = int(g.get("syear") or 0)
    return first_year, (first_year // 100) * 100 + int(last_text) if len(last_text) == 2 else int(last_text or 0)


def _is_year_token(doc: Doc, start: int, end: int) -> bool:
    """False for a four-digit count of a plural noun ("2000 soldiers")."""
    token = _token_at(doc, start)
    return not (token is not None and token.dep_ == "nummod" and token.head.tag_ == "NNS" and token.head.i > token.i)


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _select(found: list[Found], doc: Doc) -> list[Found]:
    """Non-overlapping matches, longest first; none inside a name (ORG, FAC...), in text order."""
    names = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in NAME_LABELS]
    chosen: list[Found] = []
    for f in sorted(found, key=lambda f: (-(f.end - f.start), f.start)):
        if _overlaps(f.start, f.end, chosen):
            continue
        if any(s <= f.start and f.end <= e for s, e in names):
            continue
        chosen.append(f)
    return sorted(chosen, key=lambda f: f.start)


def _overlaps(start: int, end: int, found: list[Found]) -> bool:
    return any(f.start < end and start < f.end for f in found)


def _is_noise(ent_text: str, before: str) -> bool:
    """spaCy DATE entities that are not dates: ages ("aged 34", "34-year-old"), bare counts, and
    frequencies or vague spans with no calendar word ("weekly", "years", "under five")."""
    if _AGE.search(ent_text) or _AGE.search(before) or not CALENDAR_WORDS.search(ent_text):
        return True
    if _NUMBER_RANGE.fullmatch(ent_text.strip()):
        return True  # "between 10 and 15": a count, for the quantities stage
    return bool(_PURE_NUMBER.match(ent_text)) and not re.fullmatch(r"(?:1[89]|20)[0-9]{2}", ent_text)
