"""Recipients and actors read from the parse: the country of a place, the party a threat or demand is
aimed at, the host of a visit, the speaker behind "we". Published Monday 2026-10-12."""

from __future__ import annotations

import pytest

from newsevents.model import Analysis, Article, Event
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
]


@pytest.fixture(scope="module")
def analyses() -> dict[str, Analysis]:
    texts = [row[0] for row in RECIPIENTS] + [WE_QUOTE]
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
