"""Precision: sentences that use a trigger word but report no event of that type (must not code),
each beside a sentence where the same word does report one (must code), so a guard cannot silence
the word altogether. All sentences are parsed in one batch; published Monday 2026-10-12."""

from __future__ import annotations

import pytest

from newsevents.model import Analysis, Article
from newsevents.pipeline import Pipeline

PUBLISHED = "2026-10-12"

# (sentence, type that must not be coded, why)
MUST_NOT: list[tuple[str, str, str]] = [
    ("A spokesperson for the ministry declined to comment.", "REJECT", "news boilerplate"),
    ("The governor's office did not respond to a request for comment.", "REQUEST", "news boilerplate"),
    ("The Taliban denied the accusation.", "ACCUSE", "a denial is not an accusation by the denier"),
    ("West Pokot officials denied the allegations on Monday.", "ACCUSE", "a denial is not an accusation by the denier"),
    ("The two delegations will meet next week to discuss the release of the prisoners.", "RETREAT", "a topic of talks"),
    ("No commander in the province has ordered any raid.", "ASSAULT", "no particular happening"),
    ("Kenya beat Uganda 2-1 on Monday.", "ASSAULT", "a match result"),
    ("Okafor rallied to beat the defending champion in the first match.", "PROTEST", "a match result"),
    ("Haiti's Transitional Presidential Council will meet on Thursday.", "CONSULT", "a body sitting alone"),
    ("Be sure to visit Arrowhead on Facebook, Twitter and Instagram.", "CONSULT", "no visitor"),
    ("Nissan says the new engine will offer better gas mileage.", "AGREE", "an offer to no one of nothing"),
    ("The company withdrew its filing for a public offering.", "RETREAT", "no forces withdrawn"),
    ("Residents of Los Angeles County regularly face air quality alerts.", "MOBILIZE", "no armed forces"),
    ("Gang violence killed more than 5,600 people in Haiti last year.", "ASSAULT", "a situation, summed up"),
    (
        "The war between the army and the RSF has killed tens of thousands of people.",
        "ASSAULT",
        "a situation, summed up",
    ),
    ("The rebels could launch more attacks if the army did not reinforce its detachments.", "MOBILIZE", "a condition"),
    (
        "Japan has supplied patrol vessels to the Philippines under earlier agreements.",
        "AGREE",
        "an agreement referred to",
    ),
    ('"We have never had demand like that," the chief executive said.', "REQUEST", "demand in the market"),
    ("Fearing a voter revolt, the party called the inquiry unfair.", "ACCUSE", "no one inquires here"),
    (
        "The MEB's flexibility shows its strength, allowing engineers to tinker with the design.",
        "CONCEDE",
        "no actor allows",
    ),
    (
        "The MEB’s flexibility shows its strength, allowing engineers to tinker with the design.",
        "CONCEDE",
        "no actor allows",
    ),
    ("The fire service released a short clip of the bridge collapse.", "RETREAT", "a video, not people, released"),
    ("The ministry released two highly critical reports last week.", "RETREAT", "reports, not people, released"),
    ("His last three novels were released by an independent press.", "RETREAT", "albums, not people, released"),
    ("Acme Stores is offering loyalty members a free gift card with the console.", "AGREE", "trade, not politics"),
    ("Inside, the carmaker is promising space for five adults.", "AGREE", "trade, not politics"),
    ("Most Americans want Congress to investigate the president.", "ACCUSE", "someone else's wish"),
    ("Some advisers would like to see Beijing agree to large purchases.", "AGREE", "someone else's wish"),
    ("The company faces scrutiny from regulators over whether it violated the rules.", "REJECT", "an open question"),
    ("Whether Washington will agree to remove the tariffs depends on the election.", "AGREE", "an open question"),
    ('The scientist asked, "Could something like it live deep in the ocean?"', "REQUEST", "a question asked"),
    ("The senator asked why the ministry had not acted sooner.", "REQUEST", "a question asked"),
    ("Anxious about a voter revolt and committed to caution, the party narrowed its inquiry.", "AGREE", "adjective"),
    (
        "Anxious about a voter revolt and committed to caution, Senate Republicans have narrowed their inquiry.",
        "AGREE",
        "adjective",
    ),
    (
        "Border patrols give civilians some protection against Russian airstrikes.",
        "ASSAULT",
        "a danger guarded against",
    ),
    ("Kenya will close the border should Somalia attack its posts again.", "ASSAULT", "an inverted condition"),
    ("Many farmers agree that the ministry has long ignored them.", "AGREE", "an opinion assented to"),
    ("The ministers recognized that the border had been badly managed.", "SUPPORT", "an opinion assented to"),
    ("Raila Odinga seized on the president's remarks about the budget.", "COERCE", "taking up, not seizing"),
    ("The Kenyan government demonstrated its resolve by passing the budget.", "PROTEST", "showing"),
    ("Jeffrey Brandt was released from prison after serving his sentence.", "RETREAT", "no one cooperates"),
    ("The plan includes deals with Iran and Iraq.", "AGREE", "no one cooperates"),
    ('The minister added: "We must protect our farmers from Uganda."', "REQUEST", "the speaker's own side"),
    (
        '"The new law\'s use by the Kenyan police should send a clear signal," the minister said.',
        "REQUEST",
        "a thing, not a party, must act",
    ),
    (
        "The two sides have not settled a dispute over the withdrawal of Ethiopian troops from Somalia.",
        "RETREAT",
        "a topic of a dispute",
    ),
]

# (sentence, type that must be coded): the same words reporting an event.
MUST: list[tuple[str, str]] = [
    ("The rebels refused to respond to the demand from the government.", "REJECT"),
    ("The Taliban accused Pakistan of shelling civilian areas.", "ACCUSE"),
    ("The two delegations will discuss the prisoner exchange with UN mediators in Geneva.", "CONSULT"),
    ("Police beat up protesters in Harare on Sunday.", "ASSAULT"),
    ("Protesters rallied in Nairobi against the new tax.", "PROTEST"),
    ("Kenya's foreign minister will meet her Somali counterpart on Thursday.", "CONSULT"),
    ("Syria offered to mediate between Iran and Iraq.", "AGREE"),
    ("Russia withdrew its troops from the Kherson region.", "RETREAT"),
    ("The army put its troops on alert along the border.", "MOBILIZE"),
    ("A roadside bombing near Samarra killed one U.S. soldier on Sunday.", "ASSAULT"),
    ("Ethiopia and Eritrea reached an agreement on the border.", "AGREE"),
    ("Syria says it will not accept any more refugees.", "REJECT"),
    ("The Houthis released 20 detained sailors on Tuesday.", "RETREAT"),
    ("Iran freed the British-Iranian aid worker on Thursday.", "RETREAT"),
    ("The junta released him after a week in detention.", "RETREAT"),
    ("The European Union is offering Ukraine a loan of 5 billion euros.", "AGREE"),
    ("Iran wants to hold talks with the European Union next week.", "CONSULT"),
    ("Kenya asked Somalia to withdraw its troops from the border.", "REQUEST"),
    ("Russian airstrikes hit a market in Idlib on Sunday, killing 12 people.", "ASSAULT"),
    ("Japan said it is committed to opening its markets to Korean goods.", "AGREE"),
    ("Iraq and Turkey agreed that their ministers should meet every month.", "AGREE"),
    ("Ghana recognized Kosovo as an independent state.", "SUPPORT"),
    ("Police seized weapons on Tuesday in Kampala.", "COERCE"),
    ("Thousands of students demonstrated against the new tax in Accra.", "PROTEST"),
    ("Iran released the two detained sailors on Friday.", "RETREAT"),
    ("The minister said Uganda must withdraw its troops from the border.", "REQUEST"),
    ("Ethiopia began the withdrawal of its troops from Somalia on Monday.", "RETREAT"),
    ("Kenya will close the border if Somalia attacks its posts again, and Somalia attacked them on Monday.", "ASSAULT"),
]


@pytest.fixture(scope="module")
def analyses() -> dict[str, Analysis]:
    texts = [row[0] for row in MUST_NOT] + [row[0] for row in MUST]
    articles = [Article(id=f"g{n}", text=t, published=PUBLISHED, language="en") for n, t in enumerate(texts)]
    results = {}
    for article, result in zip(articles, Pipeline().analyze(articles), strict=True):
        assert isinstance(result, Analysis), result
        results[article.text] = result
    return results


@pytest.mark.parametrize(("text", "event", "why"), MUST_NOT, ids=[row[0][:50] for row in MUST_NOT])
def test_not_an_event(analyses: dict[str, Analysis], text: str, event: str, why: str) -> None:
    coded = [(e.event, e.trigger.text, e.status) for e in analyses[text].events]
    assert not [c for c in coded if c[0] == event and c[2] != "negated"], (why, coded)


@pytest.mark.parametrize(("text", "event"), MUST, ids=[row[0][:50] for row in MUST])
def test_still_an_event(analyses: dict[str, Analysis], text: str, event: str) -> None:
    coded = [(e.event, e.trigger.text, e.status) for e in analyses[text].events]
    assert any(c[0] == event for c in coded), coded
