"""One event per happening: reports of one clash, a side's denial of its own act, the act inside a
request or refusal, a protest's demand, and "we" in a spokesperson's quote. Sentences are our own."""

from __future__ import annotations

import pytest

from newsevents.model import Analysis, Article
from newsevents.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def analyse(pipeline: Pipeline, text: str) -> Analysis:
    result = next(pipeline.analyze([Article(id="m", text=text, published="2026-10-12", language="en")]))
    assert isinstance(result, Analysis), result
    return result


def coded(analysis: Analysis) -> list[tuple[str, str]]:
    return [(e.event, e.status) for e in analysis.events]


# (text, events expected as (type, status), in order)
HAPPENINGS = [
    # a clash told in the lead, then how it went: one clash with two evidence sentences
    (
        "Two policemen and a farmer were killed in fighting between the army and insurgents in Tillaberi "
        "region on Thursday. The clashes began when the insurgents ambushed an army convoy outside the village.",
        [("ASSAULT", "asserted")],
    ),
    (
        "Soldiers and communist guerrillas clashed in the hills above Tabuk on Monday, army officials said. The "
        "battalion commander said a patrol ran into about thirty guerrillas at dawn, sparking a two-hour firefight.",
        [("ASSAULT", "asserted")],
    ),
    # a report that says it tells another incident stays apart from the clash
    (
        "Soldiers and communist guerrillas clashed in the hills above Tabuk on Monday, army officials said. "
        "In a separate incident, gunmen shot a village councillor in the town market.",
        [("ASSAULT", "asserted"), ("ASSAULT", "asserted")],
    ),
    # victims who strike back later are the doers of another attack, not of the first
    (
        "Four Malian soldiers were killed by a roadside bomb near Gao on Tuesday, the army said. "
        "Malian soldiers later raided a nearby village and killed three suspected militants.",
        [("ASSAULT", "asserted"), ("ASSAULT", "asserted")],
    ),
    # two attacks by different hands, neither told as a clash, stay apart
    (
        "Gunmen attacked a bus station in Jos on Saturday, the police said. "
        "Separately, bandits kidnapped eleven students in Kaduna on Saturday.",
        [("ASSAULT", "asserted"), ("ASSAULT", "asserted")],
    ),
    # the side said to have shelled denies aiming at people: its denial of the same shelling
    (
        "Venezuelan troops shelled a border post near Cucuta on Sunday night, Colombian officials said. "
        "Venezuela's defence ministry denied targeting Colombian soldiers.",
        [("ASSAULT", "asserted")],
    ),
    # a denial that answers an accusation is about the accused act, not the clash told after it
    (
        "Farmers accused the navy of shelling their boats on Sunday. The navy clashed with smugglers on "
        "Sunday, the ministry said. The navy denied firing on the boats.",
        [("ACCUSE", "asserted"), ("ASSAULT", "asserted"), ("ASSAULT", "negated")],
    ),
    # only acts of force are denied that way: a deal, then what one side has not agreed to, are two
    (
        "Belgium and the Netherlands signed a border agreement on Monday. "
        "Belgium has not agreed to share the cost of the bridge.",
        [("SUPPORT", "asserted"), ("AGREE", "negated")],
    ),
    # the act refused, asked for or allowed is the content of the refusal, request or permission
    ("The rebel group turned down every call to pull its fighters back from the ridge.", [("REJECT", "asserted")]),
    ("The army refused to withdraw from the town.", [("REJECT", "asserted")]),
    ("Brazil pressed Venezuela to let the Red Cross deliver medicine to the prisoners.", [("REQUEST", "asserted")]),
    # a threat keeps the act it threatens, as a hypothetical event of its own
    ("Iran threatened to attack Israel.", [("THREATEN", "asserted"), ("ASSAULT", "hypothetical")]),
    # what a protest demands is the protest's content
    (
        "Thousands of nurses marched through the capital on Friday, demanding that their pay be raised.",
        [("PROTEST", "asserted")],
    ),
    ("Teachers joined the strike on Monday, demanding smaller classes.", [("PROTEST", "asserted")]),
]


@pytest.mark.parametrize(("text", "expected"), HAPPENINGS, ids=[t[:50] for t, _ in HAPPENINGS])
def test_one_event_per_happening(pipeline: Pipeline, text: str, expected: list[tuple[str, str]]) -> None:
    assert coded(analyse(pipeline, text)) == expected


def test_a_denial_joins_the_asserted_event_as_evidence(pipeline: Pipeline) -> None:
    text = (
        "Venezuelan troops shelled a border post near Cucuta on Sunday night, Colombian officials said. "
        "Venezuela's defence ministry denied targeting Colombian soldiers."
    )
    analysis = analyse(pipeline, text)
    (event,) = analysis.events
    assert event.status == "asserted"
    assert len(event.evidence) == 2
    assert "soldiers" not in [analysis.actor(r).name for r in event.recipient]  # type: ignore[union-attr]


# (text, trigger, actor expected) — "we" in a quote is the side the speaker speaks for
SPEAKERS = [
    # the organisation the speaker's description names
    (
        'The European Commission opened an investigation into Volkswagen on Monday. "We are cooperating fully '
        'with the Commission," a Volkswagen spokesperson said.',
        "cooperating",
        "Volkswagen",
    ),
    (
        'Portugal accused Spain of hiding evidence on Monday. "We have shared the evidence with Madrid '
        'repeatedly," Foreign Ministry spokesperson Lucia Ferreira told a briefing in Lisbon.',
        "shared",
        "Foreign Ministry",
    ),
    # a state's spokesperson with no body named: the state
    (
        'Portugal accused Spain of hiding evidence on Monday. "Spain knows the facts, and we have shared the '
        'evidence with Madrid repeatedly," Portuguese Foreign Ministry spokesperson Lucia Ferreira told a briefing.',
        "shared",
        "Portugal",
    ),
]


@pytest.mark.parametrize(("text", "trigger", "actor"), SPEAKERS, ids=[s[0][-40:] for s in SPEAKERS])
def test_we_in_a_quote_is_the_speakers_side(pipeline: Pipeline, text: str, trigger: str, actor: str) -> None:
    analysis = analyse(pipeline, text)
    event = next(e for e in analysis.events if e.trigger.text == trigger)
    assert [analysis.actor(a).name for a in event.actor] == [actor]  # type: ignore[union-attr]
