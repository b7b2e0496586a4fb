"""Quotes stage: direct, partial and indirect quotes with speaker, anonymity and cue."""

from __future__ import annotations

import pytest

from newsevents.model import Analysis, Article
from newsevents.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def analyse(pipeline: Pipeline, text: str) -> Analysis:
    result = next(pipeline.analyze([Article(id="t", text=text, published="2026-10-12", language="en")]))
    assert isinstance(result, Analysis), result
    return result


# (text, quote text, kind, speaker text, anonymous, cue)
QUOTES = [
    ('"We will not back down," Lavrov said.', "We will not back down", "direct", "Lavrov", False, "said"),
    (
        'Diallo said: "The talks have failed. We will walk away."',
        "The talks have failed. We will walk away.",
        "direct",
        "Diallo",
        False,
        "said",
    ),
    (
        '"The situation is grave," said Amadou Diallo, the foreign minister.',
        "The situation is grave",
        "direct",
        "Amadou Diallo, the foreign minister",
        False,
        "said",
    ),
    (
        '"Troops crossed the border overnight," according to a senior official.',
        "Troops crossed the border overnight",
        "direct",
        "a senior official",
        True,
        "according to",
    ),
    (
        'The deal is "a betrayal of trust", the senior official warned.',
        "a betrayal of trust",
        "partial",
        "the senior official",
        True,
        "warned",
    ),
    (
        "Prime Minister Pedro Sanchez called the attack “cowardly and barbaric”.",
        "cowardly and barbaric",
        "partial",
        "Prime Minister Pedro Sanchez",
        False,
        "called",
    ),
    (
        "A spokesman who asked not to be named said the ceasefire would hold.",
        "the ceasefire would hold",
        "indirect",
        "A spokesman who asked not to be named",
        True,
        "said",
    ),
    ("Diallo told reporters that the talks had failed.", "the talks had failed", "indirect", "Diallo", False, "told"),
    (
        "According to diplomatic sources, the ministers will meet in Geneva next week.",
        "the ministers will meet in Geneva next week",
        "indirect",
        "diplomatic sources",
        True,
        "according to",
    ),
    (
        "Officials stressed that the border would stay closed.",
        "the border would stay closed",
        "indirect",
        "Officials",
        True,
        "stressed",
    ),
    # A pronoun speaker resolves to the named person of the sentence before.
    (
        'Amina Diallo arrived in Paris on Monday.\n"We came to talk," she said.',
        "We came to talk",
        "direct",
        "Amina Diallo",
        False,
        "said",
    ),
    # A paragraph-opening quote continued in the next paragraph is one quote.
    (
        "“The first paragraph of a long statement.\n\n“And its second paragraph,” Merkel added.",
        "The first paragraph of a long statement.\n\n“And its second paragraph",
        "direct",
        "Merkel",
        False,
        "added",
    ),
]


@pytest.mark.parametrize(("text", "quote", "kind", "speaker", "anonymous", "cue"), QUOTES)
def test_quote_and_speaker(
    pipeline: Pipeline, text: str, quote: str, kind: str, speaker: str, anonymous: bool, cue: str
) -> None:
    analysis = analyse(pipeline, text)
    found = [q for q in analysis.quotes if q.text == quote]
    assert found, [q.text for q in analysis.quotes]
    got = found[0]
    assert (got.kind, got.speaker.text, got.speaker.anonymous, got.cue) == (kind, speaker, anonymous, cue)
    assert text[got.start : got.end] == got.text
    if got.speaker.start is not None:
        assert text[got.speaker.start : got.speaker.end] == got.speaker.text


def test_split_quote_keeps_its_speaker(pipeline: Pipeline) -> None:
    analysis = analyse(pipeline, '"We came to talk," Diallo said. "Nothing else."')
    assert [(q.text, q.speaker.text) for q in analysis.quotes] == [
        ("We came to talk", "Diallo"),
        ("Nothing else.", "Diallo"),
    ]


def test_news_agency_is_not_the_speaker(pipeline: Pipeline) -> None:
    analysis = analyse(pipeline, "Two officials told Reuters that the army had shelled the town.")
    assert [(q.kind, q.speaker.text) for q in analysis.quotes] == [("indirect", "Two officials")]


@pytest.mark.parametrize(
    "text",
    [
        "The weather was cold on Monday.",
        "Diallo said on Monday.",  # a reporting verb with nothing reported
    ],
)
def test_no_quote(pipeline: Pipeline, text: str) -> None:
    assert analyse(pipeline, text).quotes == []


def test_quote_ids_are_in_text_order(pipeline: Pipeline) -> None:
    analysis = analyse(pipeline, 'Diallo said the talks failed. "We will go home," he added.')
    assert [q.id for q in analysis.quotes] == ["q1", "q2"]
    assert analysis.quotes[0].start < analysis.quotes[1].start


def test_a_surname_speaker_is_the_person_named_before(pipeline: Pipeline) -> None:
    text = (
        "Defence Minister Camilo Restrepo said the network had been dismantled. "
        '"This is the hardest blow we have dealt to their finances in years," Restrepo told reporters.'
    )
    analysis = analyse(pipeline, text)
    quote = next(q for q in analysis.quotes if q.kind == "direct")
    speaker = analysis.actor(quote.speaker.actor)
    assert quote.speaker.text == "Restrepo"
    assert speaker is not None and speaker.name == "Camilo Restrepo"
