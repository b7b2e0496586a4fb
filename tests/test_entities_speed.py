"""Entities: cases for the fast paths of the entities stage (token texts read once, cheap tests first,
sorted overlap indexes). Rows recorded from the stage before those changes: they must not move."""

from __future__ import annotations

import pytest

from newsevents.entities import find_entities
from newsevents.model import Analysis, Article

CASES = [
    ("", []),
    ("Kyiv", [("Kyiv", "GPE")]),  # a run of capitals that ends the text
    (
        "Residents fled Deir ez-Zor and the outskirts of Mocimboa da Praia on Tuesday.",
        [("Residents", "NOMINAL"), ("Deir", "GPE")],
    ),
    (
        "KHAN YOUNIS (Reuters) - Shelling hit northern Khan Younis, officials said in Gaza Strip - Rafah.",
        [
            ("KHAN YOUNIS", "GPE"),
            ("Reuters", "ORG"),
            ("Khan Younis", "PERSON"),
            ("officials", "NOMINAL"),
            ("Gaza Strip", "GPE"),
            ("Rafah", "GPE"),
        ],
    ),
    (
        "Defence Minister Anna Kowalczyk met Governor Sanwo-Olu and Mr Diallo in Lagos.",
        [("Anna Kowalczyk", "PERSON"), ("Sanwo-Olu", "PERSON"), ("Diallo", "PERSON"), ("Lagos", "GPE")],
    ),
    (
        "Okoro, 45, said she would return. Kowalczyk, who leads the party, arrived in Goma",
        [("Okoro", "PERSON"), ("Kowalczyk", "PERSON"), ("Goma", "GPE")],
    ),
    (
        "Rebels retook Malakal while Ethopia and the Islamic State fought near Port Victoria.",
        [
            ("Rebels", "NOMINAL"),
            ("Malakal", "GPE"),
            ("Ethopia", "ORG"),
            ("Islamic State", "ORG"),
            ("Port Victoria", "GPE"),
        ],
    ),
    (
        "The ministry said US lawyers and a senior official met Sudanese police in El Fasher.",
        [
            ("The ministry", "NOMINAL"),
            ("US", "GPE"),
            ("lawyers", "NOMINAL"),
            ("a senior official", "NOMINAL"),
            ("Sudanese police", "NOMINAL"),
            ("Sudanese", "NORP"),
            ("El Fasher", "GPE"),
        ],
    ),
    (
        "Barangay Carabalan was raided; investigators went to Carabalan. The Wild, who won, left Wi-Fi.",
        [("Barangay Carabalan", "LOC"), ("Carabalan", "LOC")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_entities_unchanged_by_fast_paths(pipeline, text, expected):
    analysis = Analysis(article=Article(id="t", text=text))
    find_entities(analysis, pipeline.nlp(text))
    assert [(e.text, e.label) for e in analysis.entities] == expected
    assert all(text[e.start : e.end] == e.text for e in analysis.entities)
