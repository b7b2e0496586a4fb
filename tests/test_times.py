"""Times stage: time expressions found with exact spans and resolved against the publication date.

Weekdays were checked with ``datetime.date(...).strftime("%A")``: 2026-10-12 is a Monday,
2027-10-12 a Tuesday, 2027-10-09 a Saturday, 2027-09-10 a Friday, 2026-09-09 a Wednesday.
"""

from __future__ import annotations

import datetime as dt

import pytest

from newsevents.model import Analysis, Article
from newsevents.pipeline import STAGES, Pipeline
from newsevents.times import calendar as cal
from newsevents.times import parse_published

MON = MON_2026_10_12 = "2026-10-12"
TUE = TUE_2027_10_12 = "2027-10-12"
DAY, WEEK, MONTH, YEAR, UNKNOWN = "day", "week", "month", "year", "unknown"
PUB, EXP, NONE = "published", "explicit", "none"  # anchors


@pytest.fixture(scope="module")
def analyse():
    """Run only the times stage over a sentence, with the real spaCy model (loaded once)."""
    pipeline = Pipeline(stages=[s for s in STAGES if s.name == "times"])

    def run(text: str, published: str | None) -> Analysis:
        result = pipeline.analyze_doc(Article(id="t", text=text, published=published), pipeline.nlp(text), {})
        assert isinstance(result, Analysis), result
        return result

    return run


CASES = [
    # sentence, published, expected text, value, granularity, anchor
    ("Rebels attacked the town on Tuesday.", MON, "Tuesday", "2026-10-06", DAY, PUB),
    ("The ministers met on Monday.", MON, "Monday", "2026-10-12", DAY, PUB),
    ("The ministers will meet on Monday.", MON, "Monday", "2026-10-19", DAY, PUB),
    ("The ministers will meet on Saturday.", MON, "Saturday", "2026-10-17", DAY, PUB),
    (
        "It would send a delegation led by the minister to Mopti on Thursday.",
        "2026-10-27",
        "Thursday",
        "2026-10-29",
        DAY,
        PUB,
    ),
    ("They agreed to meet on Tuesday.", MON, "Tuesday", "2026-10-13", DAY, PUB),
    ("She said she would raise the issue on Thursday.", "2026-09-28", "Thursday", "2026-10-01", DAY, PUB),
    ("Gunmen opened fire on Tuesday night.", MON, "Tuesday night", "2026-10-06", DAY, PUB),
    ("Officials said yesterday that the talks had failed.", MON, "yesterday", "2026-10-11", DAY, PUB),
    ("The talks resume today.", MON, "today", "2026-10-12", DAY, PUB),
    ("Shelling continued last night.", MON, "last night", "2026-10-11", DAY, PUB),
    ("The town fell two days ago.", MON, "two days ago", "2026-10-10", DAY, PUB),
    ("Fighting intensified last week.", MON, "last week", "2026-10-05", WEEK, PUB),
    ("Fighting intensified last week.", "2026-10-18", "last week", "2026-10-05", WEEK, PUB),
    ("The convoy will leave next week.", MON, "next week", "2026-10-19", WEEK, PUB),
    ("Protests spread over the weekend.", MON, "the weekend", "2026-10-05", WEEK, PUB),
    ("Talks will resume next month.", MON, "next month", "2026-11", MONTH, PUB),
    ("Earlier this month the UN pledged aid.", MON, "Earlier this month", "2026-10", MONTH, PUB),
    ("The economy shrank last year.", MON, "last year", "2025", YEAR, PUB),
    ("Aid will run out by the end of the year.", MON, "the end of the year", "2026", YEAR, PUB),
    ("Prices have risen since March.", MON, "March", "2026-03", MONTH, PUB),
    ("Troops arrived in early October.", MON, "early October", "2026-10", MONTH, PUB),
    ("Elections were held in 2024.", MON, "2024", "2024", YEAR, EXP),
    ("The war began in February 2022.", MON, "February 2022", "2022-02", MONTH, EXP),
    ("The talks began on Oct. 9.", MON, "Oct. 9", "2026-10-09", DAY, PUB),
    ("The talks began on Oct. 9, 2025.", MON, "Oct. 9, 2025", "2025-10-09", DAY, EXP),
    # Nearest would be 2027-03-12 (151 days ahead against 214 back); the past tense keeps the past.
    ("The talks ended on 12 March.", MON, "12 March", "2026-03-12", DAY, PUB),
    ("The committee will meet on 12 March.", MON, "12 March", "2027-03-12", DAY, PUB),
    # Read by dateparser (month and day only; the year is ours).
    ("Talks were held on October the 9th.", MON, "October the 9th", "2026-10-09", DAY, PUB),
    ("The report was dated 2026-10-09.", MON, "2026-10-09", "2026-10-09", DAY, EXP),
    # Numeric dates: the weekday decides the day-month order.
    ("Thousands marched on Saturday (9/10).", TUE, "Saturday (9/10)", "2027-10-09", DAY, PUB),
    ("Thousands marched on Friday (9/10).", TUE, "Friday (9/10)", "2027-09-10", DAY, PUB),
    ("The ministers will meet on Saturday (16/10).", TUE, "Saturday (16/10)", "2027-10-16", DAY, PUB),
    ("Soldiers and rebels clashed on Monday (Sept. 7).", "2026-09-09", "Monday (Sept. 7)", "2026-09-07", DAY, PUB),
    # No weekday: the nearer reading (Oct 9 is 3 days back, Sep 10 is 32 days back) ...
    ("The ceasefire collapsed on 9/10.", MON, "9/10", "2026-10-09", DAY, PUB),
    # ... unless it lies in the future of a past-tense event.
    ("The ceasefire collapsed on 9/10.", "2026-09-20", "9/10", "2026-09-10", DAY, PUB),
    ("The ceasefire collapsed on 9/10/2026.", MON, "9/10/2026", "2026-10-09", DAY, EXP),
    ("The ceasefire collapsed on 9.10.2026.", MON, "9.10.2026", "2026-10-09", DAY, EXP),
    ("The treaty was signed on 25/4/2019.", None, "25/4/2019", "2019-04-25", DAY, EXP),
    ("The treaty was signed on 3/4/2019.", None, "3/4/2019", "2019-03-04", DAY, EXP),
    # Without a publication date, explicit dates resolve and relative ones do not; an unresolved
    # expression keeps the unit it names (a month without a year is still a month).
    ("The summit opened on 9 October 2026.", None, "9 October 2026", "2026-10-09", DAY, EXP),
    ("The talks began on Tuesday.", None, "Tuesday", None, DAY, NONE),
    ("Officials said yesterday that the talks had failed.", None, "yesterday", None, DAY, NONE),
    ("The talks began on Oct. 9.", None, "Oct. 9", None, DAY, NONE),
    ("The war began in March.", None, "March", None, MONTH, NONE),
    ("Fighting resumed in early March.", None, "early March", None, MONTH, NONE),
    ("Prices rose last month.", None, "last month", None, MONTH, NONE),
    ("The group was founded in the 1990s.", MON, "the 1990s", None, UNKNOWN, NONE),
    ("The ceasefire collapsed on 9/10.", None, "9/10", None, UNKNOWN, NONE),
]


@pytest.mark.parametrize(("sentence", "published", "text", "value", "granularity", "anchor"), CASES)
def test_time_expression(analyse, sentence, published, text, value, granularity, anchor):
    analysis = analyse(sentence, published)
    found = [t for t in analysis.times if t.text == text]
    assert found, f"{text!r} not found; got {[t.text for t in analysis.times]}"
    time = found[0]
    assert sentence[time.start : time.end] == text
    assert (time.value, time.granularity, time.anchor) == (value, granularity, anchor)


DOCUMENT_ORDER_CASES = [
    # (text, published, the ambiguous date's expected value): both readings of 9/10 lie within
    # the plausible window of 2026-10-20; without evidence the nearer (9 October) wins, with
    # month-first evidence elsewhere in the article ("9/25") it is 10 September.
    ("The ceasefire collapsed on 9/10.", "2026-10-20", "2026-10-09"),
    ("Talks broke down on 9/25. The ceasefire collapsed on 9/10.", "2026-10-20", "2026-09-10"),
    ("Talks broke down on 25/9. The ceasefire collapsed on 9/10.", "2026-10-20", "2026-10-09"),
    # A weekday elsewhere that fixes the order counts as evidence too (Friday 9 October 2026);
    # 10/9 alone would be the nearer 9 October.
    ("The ceasefire collapsed on 10/9.", "2026-10-20", "2026-10-09"),
    ("Talks broke down on Friday (9/10). The ceasefire collapsed on 10/9.", "2026-10-20", "2026-09-10"),
]


@pytest.mark.parametrize(("sentence", "published", "value"), DOCUMENT_ORDER_CASES)
def test_document_order_decides_ambiguous_numeric_dates(analyse, sentence, published, value):
    last = analyse(sentence, published).times[-1]
    assert last.value == value


@pytest.mark.parametrize(
    "sentence",
    [
        "The man, aged 34, was arrested.",
        "A 34-year-old man was arrested.",
        "The 2000 soldiers arrived at dawn.",
        "USA Today reported the attack.",
        "The paper is published weekly.",
    ],
)
def test_not_time_expressions(analyse, sentence):
    texts = [t.text for t in analyse(sentence, MON_2026_10_12).times]
    assert not [t for t in texts if any(ch.isdigit() for ch in t)], texts
    assert "Today" not in texts and "weekly" not in texts


def test_ids_follow_text_order_and_spans_are_exact(analyse):
    text = "On Saturday (9/10) troops withdrew; yesterday talks began, and they will resume next week."
    analysis = analyse(text, TUE_2027_10_12)
    assert [t.id for t in analysis.times] == [f"t{i}" for i in range(1, len(analysis.times) + 1)]
    assert [t.start for t in analysis.times] == sorted(t.start for t in analysis.times)
    assert all(text[t.start : t.end] == t.text for t in analysis.times)
    assert [t.text for t in analysis.times] == ["Saturday (9/10)", "yesterday", "next week"]


@pytest.mark.parametrize(
    ("published", "expected"),
    [("2026-10-12", dt.date(2026, 10, 12)), ("2026-10-12T23:30:00+02:00", dt.date(2026, 10, 12)),
     (None, None), ("", None), ("last Tuesday", None)],
)  # fmt: skip
def test_parse_published(published, expected):
    assert parse_published(published) == expected


@pytest.mark.parametrize(
    ("first", "second", "published", "weekday", "order"),
    [
        (9, 10, dt.date(2027, 10, 12), 5, cal.DMY),  # Saturday 9 October 2027
        (9, 10, dt.date(2027, 10, 12), 4, cal.MDY),  # Friday 10 September 2027
        (25, 9, dt.date(2026, 10, 12), None, cal.DMY),  # only one reading exists
        (9, 10, None, None, cal.MDY),  # nothing decides: month-first
    ],
)
def test_choose_order(first, second, published, weekday, order):
    readings = cal.numeric_readings(first, second, 2027 if published is None else None, published, None, weekday)
    assert cal.choose_order(readings, published, None, weekday, None) == order


RANGES = [
    # sentence, published, expected text, first value, last value, granularity
    ("Protests were held on Saturday and Sunday.", MON, "Saturday and Sunday", "2026-10-10", "2026-10-11", DAY),
    ("Talks will run from Tuesday to Thursday.", MON, "Tuesday to Thursday", "2026-10-13", "2026-10-15", DAY),
    ("Clashes erupted between 3 and 5 March.", MON, "3 and 5 March", "2026-03-03", "2026-03-05", DAY),
    ("The summit is set for March 3-5, 2027.", MON, "March 3-5, 2027", "2027-03-03", "2027-03-05", DAY),
    ("Voting ran from 30 September to 2 October.", MON, "30 September to 2 October", "2026-09-30", "2026-10-02", DAY),
    ("Talks took place in the first week of May.", MON, "the first week of May", "2026-05-01", "2026-05-07", DAY),
    ("Fighting raged from March to May.", MON, "March to May", "2026-03", "2026-05", MONTH),
    ("Prices doubled between 2019 and 2021.", None, "2019 and 2021", "2019", "2021", YEAR),
]


@pytest.mark.parametrize(("sentence", "published", "text", "first", "last", "granularity"), RANGES)
def test_ranges_have_a_first_and_a_last_value(analyse, sentence, published, text, first, last, granularity):
    found = [t for t in analyse(sentence, published).times if t.text == text]
    assert found, f"{text!r} not found; got {[t.text for t in analyse(sentence, published).times]}"
    assert (found[0].value, found[0].end_value, found[0].granularity) == (first, last, granularity)


@pytest.mark.parametrize(
    ("sentence", "texts"),
    [
        # "and" joins two days unless "between" comes first or the days are neighbours.
        ("They met on Monday and Thursday.", ["Monday", "Thursday"]),
        ("On March 3 and 12 people died.", ["March 3"]),
        ("The 2000 to 3000 soldiers arrived on Monday.", ["Monday"]),
    ],
)
def test_not_ranges(analyse, sentence, texts):
    times = analyse(sentence, MON).times
    assert [t.text for t in times if t.end_value is None and not t.text.isdigit()] == texts
    assert all(t.end_value is None for t in times)


def test_a_range_validates_against_the_contract(analyse, contract_validator):
    analysis = analyse("Talks ran from Monday to Wednesday.", MON)
    document = analysis.as_dict()
    assert document["times"][0]["end_value"] == "2026-10-07"
    contract_validator.validate(document)
