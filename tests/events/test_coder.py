"""Events stage: PLOVER type, status, actor, recipient and mode per sentence, on the real pipeline."""

from __future__ import annotations

import pytest

from newsevents.model import Analysis, Article, Event
from newsevents.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def analyse(pipeline: Pipeline, text: str, published: str = "2026-10-12") -> Analysis:
    result = next(pipeline.analyze([Article(id="t", text=text, published=published, language="en")]))
    assert isinstance(result, Analysis), result
    return result


def names(analysis: Analysis, ids: list[str]) -> list[str]:
    return [analysis.actor(i).name for i in ids]  # type: ignore[union-attr]


def find(analysis: Analysis, event: str) -> Event:
    found = [e for e in analysis.events if e.event == event]
    assert found, [(e.event, e.trigger.text) for e in analysis.events]
    return found[0]


# (sentence, published, type, status, actor name, recipient name or None, mode or None)
EVENTS = [
    # asserted, with a prepositional recipient and an apposition naming the recipient
    (
        "Russian Foreign Minister Sergei Lavrov met with his Chinese counterpart Wang Yi on Monday.",
        "2026-10-12",
        "CONSULT",
        "asserted",
        "Sergei Lavrov",
        "Wang Yi",
        None,
    ),
    # a list of actors
    ("Russia and China held talks with Iran on Tuesday.", "2026-10-12", "CONSULT", "asserted", "China", "Iran", None),
    # passive voice: the agent acts, the passive subject receives
    (
        "Protesters were arrested by Egyptian police on Monday.",
        "2026-10-12",
        "COERCE",
        "asserted",
        "police",
        "protesters",
        "arrest",
    ),
    # a denial negates the event denied
    (
        "The Russian army denied shelling the Ukrainian village.",
        "2026-10-12",
        "ASSAULT",
        "negated",
        "army",
        "Ukraine",
        "shelling",
    ),
    # a threat is asserted ...
    ("Iran threatened to attack Israel.", "2026-10-12", "THREATEN", "asserted", "Iran", None, "violence"),
    # ... and what is threatened is hypothetical
    ("Iran threatened to attack Israel.", "2026-10-12", "ASSAULT", "hypothetical", "Iran", "Israel", None),
    # a plan vs a fact
    ("Turkey will send troops to Libya next month.", "2026-10-12", "MOBILIZE", "planned", "Turkey", None, "troops"),
    ("Turkey sent troops to Libya last month.", "2026-10-12", "MOBILIZE", "asserted", "Turkey", None, "troops"),
    (
        "France and Germany are expected to sign the agreement.",
        "2026-10-12",
        "SUPPORT",
        "planned",
        "France",
        None,
        None,
    ),
    ("Hamas agreed to hold talks with Israel next week.", "2026-10-12", "AGREE", "asserted", "Hamas", None, None),
    ("Hamas agreed to hold talks with Israel next week.", "2026-10-12", "CONSULT", "planned", "Hamas", "Israel", None),
    ("Egypt refused to attend the summit.", "2026-10-12", "REJECT", "asserted", "Egypt", None, "meet"),
    ("Egypt did not attend the summit.", "2026-10-12", "CONSULT", "negated", "Egypt", None, "multilateral"),
    ("Turkey did not send troops to Syria.", "2026-10-12", "MOBILIZE", "negated", "Turkey", None, "troops"),
    ("Egypt could deploy troops if Sudan attacks.", "2026-10-12", "MOBILIZE", "hypothetical", "Egypt", None, "troops"),
    # "told Reuters": the agency is not a participant
    (
        "Ukrainian officials told Reuters that Russia had attacked Ukraine.",
        "2026-10-12",
        "ASSAULT",
        "asserted",
        "Russia",
        "Ukraine",
        None,
    ),
    # noun triggers with a light verb and with their own modifiers
    (
        "The United States imposed sanctions on Iran.",
        "2026-10-12",
        "SANCTION",
        "asserted",
        "United States",
        "Iran",
        None,
    ),
    ("Israeli airstrikes hit Gaza on Friday.", "2026-10-12", "ASSAULT", "asserted", "Israel", None, "aerial"),
    (
        "Ukraine accused Russia of shelling the plant.",
        "2026-10-12",
        "ACCUSE",
        "asserted",
        "Ukraine",
        "Russia",
        "allege",
    ),
    ("Macron visited Germany on Wednesday.", "2026-10-12", "CONSULT", "asserted", "Macron", "Germany", "visit"),
    ("Kenya called for a ceasefire in Sudan.", "2026-10-12", "REQUEST", "asserted", "Kenya", None, "yield"),
    ("M23 rebels released 20 hostages on Sunday.", "2026-10-12", "RETREAT", "asserted", "M23", None, "release"),
    # an adjectival passive: the subject holds the resolve
    ("Kenya is committed to opening its border with Somalia.", "2026-10-12", "AGREE", "asserted", "Kenya", None, None),
    # the forces a withdrawal or deployment noun moves are its actor's own
    (
        "The withdrawal of Ugandan troops from Somalia began on Monday.",
        "2026-10-12",
        "RETREAT",
        "asserted",
        "troops",
        "Somalia",
        "withdraw",
    ),
    # the fighters a verb acts on carry out its infinitive of purpose (what they were trained for, so
    # hypothetical: see status.py, PREPARING_GOVERNORS)
    (
        "Russia has been training Malian soldiers to fight against the rebels.",
        "2026-10-12",
        "ASSAULT",
        "hypothetical",
        "soldiers",
        "rebels",
        None,
    ),
]


@pytest.mark.parametrize(("text", "published", "event", "status", "actor", "recipient", "mode"), EVENTS)
def test_event_coding(
    pipeline: Pipeline,
    text: str,
    published: str,
    event: str,
    status: str,
    actor: str,
    recipient: str | None,
    mode: str | None,
) -> None:
    analysis = analyse(pipeline, text, published)
    got = find(analysis, event)
    assert got.status == status
    assert actor in names(analysis, got.actor)
    if recipient is None:
        assert recipient not in names(analysis, got.recipient)
    else:
        assert recipient in names(analysis, got.recipient)
    assert got.mode == mode
    assert text[got.trigger.start : got.trigger.end] == got.trigger.text
    assert text[got.sentence.start : got.sentence.end] == got.sentence.text
    assert 0 <= got.confidence <= 1


@pytest.mark.parametrize(
    "text",
    [
        "The weather was cold.",
        "Talks in Geneva",  # a headline-like fragment with no actor
        "Five people were killed in the attack.",  # nobody named does it
        "Officials said the meeting lasted two hours.",  # no participant that is an actor
    ],
)
def test_no_event(pipeline: Pipeline, text: str) -> None:
    assert analyse(pipeline, text).events == []


def test_same_event_in_two_sentences_is_one_event(pipeline: Pipeline) -> None:
    text = "Russia attacked Ukraine on Monday. Ukraine said Russia attacked Ukraine with drones on Monday."
    analysis = analyse(pipeline, text)
    assaults = [e for e in analysis.events if e.event == "ASSAULT"]
    assert len(assaults) == 1
    assert len(assaults[0].evidence) == 2
    assert assaults[0].id == "v1"


def test_date_comes_from_the_governing_time_expression(pipeline: Pipeline) -> None:
    text = "On Friday, Iran's president said that Iran and Iraq met on Tuesday."
    analysis = analyse(pipeline, text, "2026-10-12")  # a Monday
    meeting = find(analysis, "CONSULT")
    assert meeting.date == "2026-10-06"


def test_event_in_a_quote_points_to_the_quote(pipeline: Pipeline) -> None:
    analysis = analyse(pipeline, '"Russia attacked Ukraine overnight," Zelensky said.')
    event = find(analysis, "ASSAULT")
    assert event.quote == analysis.quotes[0].id


def test_codes_and_scale(pipeline: Pipeline) -> None:
    analysis = analyse(pipeline, "The United States imposed sanctions on Iran. Russia met with China.")
    sanction, consult = find(analysis, "SANCTION"), find(analysis, "CONSULT")
    assert (sanction.quad_code, consult.quad_code) == (4, 1)
    assert sanction.scale is not None and sanction.scale < 0 < (consult.scale or 0)


def test_a_definite_noun_refers_back_to_the_happening(pipeline: Pipeline) -> None:
    text = "Thousands of garment workers marched in Dhaka on Monday. More workers joined the protest on Monday evening."
    protests = [e for e in analyse(pipeline, text).events if e.event == "PROTEST"]
    assert len(protests) == 1
    assert len(protests[0].evidence) == 2


def test_the_same_act_on_the_same_day_by_one_side_is_one_event(pipeline: Pipeline) -> None:
    text = (
        "Russian forces shelled Kharkiv on Sunday, killing 14 civilians. "
        "Russian artillery shelled two districts of the city on Sunday with rocket launchers."
    )
    assaults = [e for e in analyse(pipeline, text).events if e.event == "ASSAULT"]
    assert len(assaults) == 1
    assert len(assaults[0].evidence) == 2


def test_different_acts_on_the_same_day_stay_apart(pipeline: Pipeline) -> None:
    text = "Russian forces shelled Kharkiv on Sunday. Russia also launched 46 drones at Ukraine on Sunday."
    assaults = [e for e in analyse(pipeline, text).events if e.event == "ASSAULT"]
    assert {e.mode for e in assaults} == {"shelling", "aerial"}


def test_a_purpose_clause_of_the_same_act_is_one_event(pipeline: Pipeline) -> None:
    text = "Up to 1,000 ethnic Turks began a hunger strike on Monday to protest against Sweden's decision."
    analysis = analyse(pipeline, text)
    protests = [e for e in analysis.events if e.event == "PROTEST"]
    assert len(protests) == 1
    assert "Sweden" in names(analysis, protests[0].recipient)


def test_a_stated_refusal_is_a_rejection(pipeline: Pipeline) -> None:
    analysis = analyse(pipeline, "Syria says it will not accept any more refugees.")
    rejection = find(analysis, "REJECT")
    assert rejection.status == "asserted" and "Syria" in names(analysis, rejection.actor)
    assert not [e for e in analysis.events if e.event == "AGREE"]


def test_peacekeepers_arriving_are_aid_not_a_visit(pipeline: Pipeline) -> None:
    analysis = analyse(pipeline, "Bangladeshi peacekeeping troops arrived in Sierra Leone on Tuesday.")
    aid = find(analysis, "AID")
    assert aid.mode == "peacekeeping"
    assert not [e for e in analysis.events if e.event == "CONSULT"]


def test_two_named_sides_of_one_country_stay_apart(pipeline: Pipeline) -> None:
    text = "The Sudanese army shelled Omdurman on Sunday. The Rapid Support Forces shelled El Fasher on Sunday."
    assaults = [e for e in analyse(pipeline, text).events if e.event == "ASSAULT"]
    assert len(assaults) == 2


@pytest.mark.parametrize(
    ("text", "event", "count", "actor"),
    [
        # an attack first told by its perpetrators' kind, then by their name, is one attack by them
        (
            "Militants attacked two police stations in northern Nigeria, officials said on Monday. "
            "The army said fighters of Boko Haram attacked the stations on Sunday night.",
            "ASSAULT",
            1,
            "Boko Haram",
        ),
        # two attacks told with different verbs stay apart
        (
            "Militants attacked two police stations in northern Nigeria on Sunday. "
            "Boko Haram fighters shot dead three teachers in Borno state on Sunday.",
            "ASSAULT",
            2,
            "Boko Haram",
        ),
    ],
)
def test_a_named_perpetrator_identifies_a_generic_one(
    pipeline: Pipeline, text: str, event: str, count: int, actor: str
) -> None:
    analysis = analyse(pipeline, text)
    found = [e for e in analysis.events if e.event == event]
    assert len(found) == count, [(e.event, e.trigger.text, names(analysis, e.actor)) for e in found]
    assert any(actor in names(analysis, e.actor) for e in found)
