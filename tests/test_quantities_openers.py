"""Quantities: the tokens read to find number phrases include every token that can start one."""

from __future__ import annotations

import pytest

from newsevents.pipeline import Pipeline
from newsevents.quantities import MULTIPLIERS, VAGUE_FACTORS, _may_be_number, _number_phrases, _run_openers

SENTENCES = [
    "",
    "a dozen",
    "A few thousand people fled; several dozen fighters and a few hundred civilians stayed.",
    "Twenty - five men, twenty-five women, tens of thousands of people, hundreds of thousands.",
    "In 2020-21, 3-1 and 10-15 civilians died; $3m, 1.2bn, 45k, KSh14 billion and P2 million were lost.",
    "One-third of voters; half of the 1,200 residents; one in five children; 3 out of every 10.",
    "He said a. Then few. Then several —12— -7 ‑8 ٣ ² Route 66, No. 10, G7, a 34-year-old.",
    "One million, two billion, a million, 7 lakh, 3 crore, about 3,000 - 4,000, dozens of them, ten ten ten.",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_every_token_that_can_start_a_phrase_is_read(pipeline: Pipeline, text: str) -> None:
    doc = pipeline.nlp(text)
    lowers = [t.lower_ for t in doc] + [""]
    must = {
        t.i
        for t in doc
        if _may_be_number(t.text, t.lower_)
        or (t.lower_ in ("a", "an", *VAGUE_FACTORS) and lowers[t.i + 1] in (*MULTIPLIERS, "few"))
    }
    assert must <= set(_run_openers(doc, [int(key) for key in doc.to_array("LOWER")] if len(doc) else []))


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        ("A few thousand people fled.", ["A few thousand"]),
        ("Several dozen fighters and twenty - five men.", ["Several dozen", "twenty - five"]),
        ("Tens of thousands marched, in 2024 2,000 more.", ["Tens of thousands", "2024", "2,000"]),
        ("He said a few words.", []),
    ],
)
def test_number_phrases(pipeline: Pipeline, text: str, phrases: list[str]) -> None:
    doc = pipeline.nlp(text)
    found = [text[p.tokens[0].idx : p.tokens[-1].idx + len(p.tokens[-1].text)] for p in _number_phrases(doc)]
    assert found == phrases
