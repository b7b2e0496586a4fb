"""Recipients and actors read from the parse: the country of a place, the party a threat or demand is
aimed at, the host of a visit, the speaker behind "we". Published Monday 2026-10-12."""

from __future__ import annotations

import pytest

from newsevents.events.participants import body_spoken_for
from newsevents.model import Actor, Analysis, Article, Event
from newsevents.pipeline import Pipeline

# (sentence, type, actor country or name, recipient country)
RECIPIENTS: list[tuple[str, str, str, str]] = [
    # the country a place lies in (PLOVER codes the country as the target)
    ("Serbia lifted the night curfew in Montenegro on Sunday.", "CONCEDE", "SRB", "MNE"),
    ("President Laurent Gbagbo will extend the night-time curfew in Abidjan.", "COERCE", "CIV", "CIV"),
    ("Iraqi President Saddam Hussein arrived in Amman on Wednesday.", "CONSULT", "IRQ", "JOR"),
    ("Up to 100 ethnic Albanians demonstrated on Tuesday in Serbia.", "PROTEST", "ALB", "SRB"),
    # the party a threat, demand or promise is aimed at
    ("Pakistan threatened to break off diplomatic relations with Costa Rica.", "THREATEN", "PAK", "CRI"),
    ("The United States demanded that North Korea abandon its nuclear programme.", "REQUEST", "USA", "PRK"),
    (
        "Russia threatened to stop the negotiations if the United States deploys new missiles in Europe.",
        "THREATEN",
        "RUS",
        "USA",
    ),
    ("Al-Qaeda threatened to deliver devastating blows to the United States.", "THREATEN", "al-Qaeda", "USA"),
    (
        "Greece demanded that its European Union partners refuse to recognise the new republic.",
        "REQUEST",
        "GRC",
        "European Union",
    ),
    ("Britain promised to continue military aid to Mozambique.", "AGREE", "GBR", "MOZ"),
    # the host of a visit is its actor (CAMEO 043), the visitor its recipient
    (
        "Russian President Boris Yeltsin hosted Japanese Prime Minister Ryutaro Hashimoto on Saturday.",
        "CONSULT",
        "RUS",
        "JPN",
    ),
    # a district is where, not whom: its country is the recipient
    ("Russian forces shelled residential districts of Kharkiv in Ukraine overnight.", "ASSAULT", "RUS", "UKR"),
    # a protest is aimed at the state authority its stated purpose names
    (
        "Dozens of teachers began a hunger strike to demand the dismissal of Zambia's education minister.",
        "PROTEST",
        "teachers",
        "ZMB",
    ),
    (
        "Egyptian demonstrators rioted following a march calling for the removal of the interior minister.",
        "PROTEST",
        "EGY",
        "EGY",
    ),
    ("Thousands of Iraqi Kurds marched in Erbil, calling for independence from Iraq.", "PROTEST", "Kurds", "IRQ"),
    # what one offers of one's own ("its soldiers") is the thing given; "to" names who gets it
    ("Chad offered its soldiers to the president of Niger to help secure the border.", "AGREE", "TCD", "NER"),
    # an inquiry into acts is aimed at whoever did them
    (
        "Amnesty International opened an inquiry into abuses committed by Kenyan soldiers against civilians.",
        "ACCUSE",
        "Amnesty",
        "KEN",
    ),
    # a mediation "between" two parties: the mediator acts, the parties receive
    ("Norway launched a mediation effort between Ethiopia and Eritrea on Monday.", "CONSULT", "NOR", "ETH"),
]

# (sentence, type, wanted actor name, a name the actor must not have)
ACTORS: list[tuple[str, str, str, str]] = [
    # people of a place are those people, not the place
    ("Kalamu residents refused to leave the flooded shelter.", "REJECT", "residents", "Kalamu"),
    # a nationality and a noun for people is a group of that country, not the state
    ("Canadian lawyers are demanding that the court release the detainees.", "REQUEST", "lawyers", "Canada"),
    # the name the head noun classifies, not its owner
    ("Abu Bakr al-Baghdadi's Islamic State network threatened Iraq.", "THREATEN", "Islamic State", "Baghdadi"),
]

# (sentence, type, a country the recipients must not include)
NOT_RECIPIENTS: list[tuple[str, str, str]] = [
    # a matter qualified by a country is what the act is about, not whom it is aimed at
    ("Congress limited its inquiry to the Iraq scandal.", "ACCUSE", "IRQ"),
]


@pytest.fixture(scope="module")
def analyses() -> dict[str, Analysis]:
    texts = [row[0] for row in RECIPIENTS + ACTORS + NOT_RECIPIENTS] + [WE_QUOTE]
    articles = [Article(id=f"p{n}", text=t, published="2026-10-12", language="en") for n, t in enumerate(texts)]
    results = {}
    for article, result in zip(articles, Pipeline().analyze(articles), strict=True):
        assert isinstance(result, Analysis), result
        results[article.text] = result
    return results


def _matches(analysis: Analysis, ids: list[str], wanted: str) -> bool:
    actors = [analysis.actor(i) for i in ids]
    return any(a is not None and (a.country == wanted or wanted.lower() in a.name.lower()) for a in actors)


def _found(analysis: Analysis, event: str) -> list[Event]:
    found = [e for e in analysis.events if e.event == event]
    assert found, [(e.event, e.trigger.text, e.status) for e in analysis.events]
    return found


@pytest.mark.parametrize(("text", "event", "actor", "recipient"), RECIPIENTS, ids=[r[0][:50] for r in RECIPIENTS])
def test_recipient(analyses: dict[str, Analysis], text: str, event: str, actor: str, recipient: str) -> None:
    analysis = analyses[text]
    found = _found(analysis, event)
    assert any(_matches(analysis, e.actor, actor) for e in found), [[analysis.actor(a) for a in e.actor] for e in found]
    assert any(_matches(analysis, e.recipient, recipient) for e in found), [
        [analysis.actor(a) for a in e.recipient] for e in found
    ]


@pytest.mark.parametrize(("text", "event", "actor", "not_actor"), ACTORS, ids=[r[0][:50] for r in ACTORS])
def test_actor(analyses: dict[str, Analysis], text: str, event: str, actor: str, not_actor: str) -> None:
    analysis = analyses[text]
    actors = [analysis.actor(a) for e in _found(analysis, event) for a in e.actor]
    assert any(a is not None and actor.lower() in a.name.lower() for a in actors), actors
    assert not any(a is not None and not_actor.lower() in a.name.lower() for a in actors), actors


@pytest.mark.parametrize(("text", "event", "country"), NOT_RECIPIENTS, ids=[r[0][:50] for r in NOT_RECIPIENTS])
def test_not_a_recipient(analyses: dict[str, Analysis], text: str, event: str, country: str) -> None:
    analysis = analyses[text]
    recipients = [analysis.actor(a) for e in _found(analysis, event) for a in e.recipient]
    assert not any(a is not None and a.country == country for a in recipients), recipients


def test_a_country_actor_added_for_a_place_is_linked_to_its_mention(analyses: dict[str, Analysis]) -> None:
    analysis = analyses["President Laurent Gbagbo will extend the night-time curfew in Abidjan."]
    country = next(a for a in analysis.actors if a.country == "CIV" and a.kind == "country")
    assert country.mentions
    mention = next(e for e in analysis.entities if e.id == country.mentions[0])
    assert mention.text == "Abidjan" and mention.actor == country.id
    assert [a.id for a in analysis.actors] == [f"a{n}" for n in range(1, len(analysis.actors) + 1)]


WE_QUOTE = (
    '"Afghan soil is being used against Pakistan, and we have shared the evidence with Kabul," '
    "Pakistan's foreign ministry spokesperson said."
)


def test_we_in_a_quote_is_the_speaker_not_the_other_clause(analyses: dict[str, Analysis]) -> None:
    analysis = analyses[WE_QUOTE]
    shared = _found(analysis, "COOPERATE")[0]
    assert not _matches(analysis, shared.actor, "AFG"), [analysis.actor(a) for a in shared.actor]


def _actor(actor_id: str, name: str, kind: str, **fields: object) -> Actor:
    return Actor(id=actor_id, name=name, kind=kind, **fields)  # type: ignore[arg-type]


SIDE_ACTORS = [
    _actor("c1", "Chile", "country", country="CHL"),
    _actor("o1", "Andes Mining", "organization", mentions=["e1", "e2", "e3"]),
    _actor("o2", "Daily Courier", "organization", sectors=["JRN"], mentions=["e4", "e5", "e6", "e7"]),
    _actor("o3", "Interior Ministry", "organization", country="CHL", sectors=["GOV"]),
]

# (speaker, the side their "we" stands for)
SIDES: list[tuple[Actor, str]] = [
    (_actor("p1", "Rosa Vidal", "person", country="CHL", affiliation="o3"), "Interior Ministry"),
    (_actor("p2", "Rosa Vidal", "person", country="CHL", title="Foreign Minister"), "Chile"),
    (_actor("p3", "andes mining spokesperson", "person", generic=True), "Andes Mining"),
    (_actor("p4", "company spokesperson", "person", generic=True), "Andes Mining"),
    # a bare "spokesman" may speak for a rebel group of the country: no state for him
    (_actor("p5", "Tomas Reyes", "person", country="CHL", title="spokesman"), "Tomas Reyes"),
    # a news agency named with the dateline is not the speaker's side
    (_actor("p6", "Ana Soto", "person", country="CHL", affiliation="o2", title="Interior Minister"), "Chile"),
    (_actor("o4", "Red Cross", "organization"), "Red Cross"),
]


@pytest.mark.parametrize(("speaker", "side"), SIDES, ids=[f"{s.id}:{side}" for s, side in SIDES])
def test_the_side_a_speakers_we_stands_for(speaker: Actor, side: str) -> None:
    analysis = Analysis(article=Article(id="w", text=""), actors=[*SIDE_ACTORS, speaker])
    assert body_spoken_for(analysis, speaker).name == side
