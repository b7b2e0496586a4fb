"""The events stage's shortcuts give what the plain code they replace gave."""

from __future__ import annotations

import re

import pytest

from newsevents.events.coder import _VERB_WORDS, _possible_triggers
from newsevents.events.guards import SCORE
from newsevents.events.lexicon import NOUN_TRIGGERS
from newsevents.pipeline import Pipeline

PLAIN_SCORE = re.compile(r"(?<![\d/.-])\d{1,2}-\d{1,2}(?![\d/-])")


@pytest.mark.parametrize(
    "text",
    ["6-3, 7-6", "6-3", "x6-3", "1/6-3", "a.6-3", "-6-3", "2019-20", "10-12-2020", "123-4", "4-123", "12-1/2", "٣-٤"],
)
def test_score_pattern_finds_what_the_plain_one_finds(text: str) -> None:
    assert SCORE.findall(text) == PLAIN_SCORE.findall(text)
    assert [m.span() for m in SCORE.finditer(text)] == [m.span() for m in PLAIN_SCORE.finditer(text)]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def test_possible_triggers_is_the_word_by_word_test(pipeline: Pipeline) -> None:
    text = (
        "Russia said Sudan must return the helicopter. Troops attacked the village and police arrested 23 people "
        "in raids. The ministers met in Nairobi for talks; Protesters marched and Talks resumed."
    )
    for _ in range(2):  # the second time from the lemmas already looked up
        doc = pipeline.nlp(text)
        expected = {
            t.i
            for t in doc
            if (t.pos_ == "VERB" and t.lemma_.lower() in _VERB_WORDS)
            or (t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in NOUN_TRIGGERS)
        }
        assert expected
        assert _possible_triggers(doc) == expected
    assert _possible_triggers(pipeline.nlp("")) == set()
