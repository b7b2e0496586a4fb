"""The quotes stage's shortcuts give what the plain scans they replace gave."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsevents.quotes import FEMALE_TITLES, MALE_TITLES, _surname_gender


def scanned_gender(surname: str, text: str) -> str | None:
    """The plain scan: the first honorific before any mention of the surname, over the whole text."""
    for match in re.finditer(rf"\b(\w+\.?)\s+(?:\w+\s+)?{re.escape(surname)}\b", text):
        title = match.group(1).lower()
        if title in MALE_TITLES:
            return "m"
        if title in FEMALE_TITLES:
            return "f"
    return None


@pytest.mark.parametrize(
    ("surname", "text"),
    [
        ("Smith", "Mr Smith arrived. He said nothing."),
        ("Smith", "Ms. Jane Smith spoke."),
        ("Smith", "Officials said Mr Smith left."),  # "said Mr Smith" is read first: no title
        ("Smith", "Smith, who spoke to reporters, left."),  # no honorific at all
        ("Smith", "\u212aING Smith"),  # the Kelvin sign lowercases to "k"
        ("Smith", "Sir. Smith left."),  # "sir." is no title, "sir" is
        ("Smith", "QUEEN Smith and Mr Jones"),
        ("Jones", "QUEEN Smith and Mr Jones"),
        ("O'Neil", "Lady O'Neil said."),
        ("Doe", "The making of Doe"),  # "king" inside a word is no title
        ("Doe", ""),
        ("Smith", "word " * 100 + "Mr Smith, " + "and " * 80 + "Ms Smith"),  # mentions far apart
        ("Smith", "Smith (Mr Smith) " + "x." * 150 + " Lady Smith"),
        ("Smith", "Mr Smith Smith"),
        ("Smith", "Mrs. Smithson and Smith"),
    ],
)
def test_surname_gender_is_the_plain_scan(surname: str, text: str) -> None:
    assert _surname_gender(surname, text) == scanned_gender(surname, text)


@given(
    st.lists(
        st.sampled_from(["Mr", "Ms.", "mr.", "Sir", "said", "Smith", " ", "  ", "\n", ",", ".", "-", "(", "Lady", "a"]),
        max_size=40,
    ),
    st.sampled_from(["Smith", "a", "Lady"]),
)
def test_surname_gender_is_the_plain_scan_on_any_text(words: list[str], surname: str) -> None:
    text = "".join(words)
    assert _surname_gender(surname, text) == scanned_gender(surname, text)
