"""Event dates: the time expression that governs the trigger, else the publication day (flagged
``date_source="published"``). Published Monday 2026-10-12."""

from __future__ import annotations

import pytest

from newsevents.events.dates import range_end
from newsevents.model import Analysis, Article, TimeExpr
from newsevents.pipeline import Pipeline

PUBLISHED = "2026-10-12"

# (sentence, type, date, date_source)
DATES: list[tuple[str, str, str | None, str | None]] = [
    ("Police arrested three men in Nairobi on Tuesday.", "COERCE", "2026-10-06", "text"),
    ("Police arrested three men in Nairobi.", "COERCE", PUBLISHED, "published"),
    # the date of the agreement is not the date of what was agreed
    (
        "Kenya and Somalia agreed on Wednesday to set up joint patrols along their border.",
        "AGREE",
        "2026-10-07",
        "text",
    ),
    ("Kenya and Somalia agreed on Wednesday to set up joint patrols along their border.", "COOPERATE", PUBLISHED,
     "published"),
    # the date of a statement is not the date of what it reports
    ("The European Union could impose sanctions on Russia, a spokeswoman said on Sunday.", "SANCTION", PUBLISHED,
     "published"),
    ("Officials said on Monday that the army had shelled the village.", "ASSAULT", PUBLISHED, "published"),
    # a clock time gives the hour, not the day
    ("Soldiers clashed with rebels near the river at around 6 a.m.", "ASSAULT", PUBLISHED, "published"),
    # a time inside a clause of its own dates that clause
    ("Kenya reopened two crossing points closed since 2011.", "RETREAT", PUBLISHED, "published"),
    # a "when" clause shares its verb's time
    ("The war began in late 2014 when the Houthis seized the capital Sanaa.", "COERCE", "2014", "text"),
    (
        "At least 21 civilians were killed when a drone struck a market in Mali on Sunday.",
        "ASSAULT",
        "2026-10-11",
        "text",
    ),
    # planned events get the day of the report too, flagged as such (their status says they are planned)
    ("The ministers will meet again in Mogadishu.", "CONSULT", PUBLISHED, "published"),
]


@pytest.fixture(scope="module")
def analyses() -> dict[str, Analysis]:
    texts = list(dict.fromkeys(row[0] for row in DATES))
    articles = [Article(id=f"d{n}", text=t, published=PUBLISHED, language="en") for n, t in enumerate(texts)]
    results = {}
    for article, result in zip(articles, Pipeline().analyze(articles), strict=True):
        assert isinstance(result, Analysis), result
        results[article.text] = result
    return results


@pytest.mark.parametrize(("text", "event", "date", "source"), DATES, ids=[f"{r[1]}:{r[0][:40]}" for r in DATES])
def test_event_date(analyses: dict[str, Analysis], text: str, event: str, date: str | None, source: str | None) -> None:
    found = [e for e in analyses[text].events if e.event == event]
    assert found, [(e.event, e.trigger.text) for e in analyses[text].events]
    assert (found[0].date, found[0].date_source) == (date, source)


def test_date_source_is_in_the_output(analyses: dict[str, Analysis]) -> None:
    event = analyses["Police arrested three men in Nairobi."].events[0]
    assert event.as_dict()["date_source"] == "published"


def test_range_end_is_read_from_the_time_expression() -> None:
    time = TimeExpr(id="t1", start=0, end=10, text="3 to 5 May", value="2026-05-03")
    assert range_end(time) is None
    time = TimeExpr(id="t1", start=0, end=10, text="3 to 5 May", value="2026-05-03", end_value="2026-05-05")
    assert range_end(time) == "2026-05-05"


@pytest.mark.parametrize(
    ("text", "event", "date", "enddate"),
    [
        ("Delegations from Yemen and Saudi Arabia held talks in Geneva from Monday to Wednesday.", "CONSULT",
         "2026-10-05", "2026-10-07"),
        ("Farmers protested outside parliament in Nairobi on Saturday and Sunday.", "PROTEST", "2026-10-10",
         "2026-10-11"),
        ("Police arrested three men in Nairobi on Tuesday.", "COERCE", "2026-10-06", None),
    ],
)
def test_an_event_over_a_range_ends_on_its_last_day(text: str, event: str, date: str, enddate: str | None) -> None:
    [result] = Pipeline().analyze([Article(id="r", text=text, published=PUBLISHED, language="en")])
    assert isinstance(result, Analysis), result
    found = [e for e in result.events if e.event == event]
    assert found, [(e.event, e.trigger.text) for e in result.events]
    assert (found[0].date, found[0].enddate) == (date, enddate)

