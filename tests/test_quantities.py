"""Quantities stage: numbers claimed in the text, what they count and how exact the claim is."""

from __future__ import annotations

import pytest

from newsevents.model import Analysis, Article
from newsevents.pipeline import STAGES, Pipeline


@pytest.fixture(scope="module")
def analyse():
    """Run the times and quantities stages (quantities skips what times claims) with the real model."""
    pipeline = Pipeline(stages=[s for s in STAGES if s.name in ("times", "quantities")])

    def run(text: str) -> Analysis:
        article = Article(id="q", text=text, published="2026-10-12")
        result = pipeline.analyze_doc(article, pipeline.nlp(text), {})
        assert isinstance(result, Analysis), result
        return result

    return run


CASES = [
    # sentence, expected text, value, approx, unit
    ("More than 12,000 people marched.", "More than 12,000 people", 12000, "more_than", "people"),
    ("Rebels killed at least 14 civilians.", "at least 14 civilians", 14, "at_least", "civilians"),
    ("About 300 trucks arrived.", "About 300 trucks", 300, "about", "trucks"),
    ("Nearly two dozen soldiers were hurt.", "Nearly two dozen soldiers", 24, "about", "soldiers"),
    ("Up to 5,000 refugees fled.", "Up to 5,000 refugees", 5000, "up_to", "refugees"),
    ("As many as 70 houses burned.", "As many as 70 houses", 70, "up_to", "houses"),
    ("Fewer than 10 journalists remain.", "Fewer than 10 journalists", 10, "less_than", "journalists"),
    ("Some 2.5 million people need food aid.", "Some 2.5 million people", 2500000, "about", "people"),
    ("More than 1,000 Syrian refugees crossed.", "More than 1,000 Syrian refugees", 1000, "more_than", "refugees"),
    ("The UN pledged $45 million in aid.", "$45 million", 45000000, "exact", "USD"),
    ("The EU gave 3.5 million euros to the agency.", "3.5 million euros", 3500000, "exact", "EUR"),
    ("The fund holds €3.5 million.", "€3.5 million", 3500000, "exact", "EUR"),
    ("The army released P2 million in emergency aid.", "P2 million", 2000000, "exact", "PHP"),
    ("A meal costs about $2 a day.", "about $2", 2, "about", "USD"),
    ("Prices rose 40 percent this year.", "40 percent", 40, "exact", "percent"),
    ("Turnout was 40% in the capital.", "40%", 40, "exact", "percent"),
    ("Turnout fell by 12 per cent.", "12 per cent", 12, "exact", "percent"),
    ("Hundreds of protesters gathered.", "Hundreds of protesters", 200, "at_least", "protesters"),
    ("Tens of thousands of people fled.", "Tens of thousands of people", 20000, "at_least", "people"),
    ("Dozens were hurt.", "Dozens", 24, "at_least", "injured"),
    ("Three people died.", "Three people", 3, "exact", "people"),
    ("Twenty-five people were hurt.", "Twenty-five people", 25, "exact", "people"),
    ("A dozen houses burned.", "A dozen houses", 12, "exact", "houses"),
    ("Police seized 100 or more cars.", "100 or more cars", 100, "at_least", "cars"),
    ("Police recovered 150 head of cattle.", "150 head of cattle", 150, "exact", "cattle"),
    ("Air defences downed 38 of the drones.", "38 of the drones", 38, "exact", "drones"),
    ("The clash lasted about three hours.", "about three hours", 3, "about", "hours"),
    ("The death toll rose to 40.", "40", 40, "exact", "dead"),
    ("The 2000 soldiers arrived at dawn.", "2000 soldiers", 2000, "exact", "soldiers"),
    # Shares are percentages; ranges give their lower bound.
    ("Nearly one in five children is malnourished.", "Nearly one in five", 20.0, "about", "percent"),
    ("A third of the town was destroyed.", "A third", 33.3, "exact", "percent"),
    ("Two-thirds of voters backed the plan.", "Two-thirds", 66.7, "exact", "percent"),
    ("Nearly half of the children are malnourished.", "Nearly half", 50.0, "about", "percent"),
    ("Less than a third of the aid arrived.", "Less than a third", 33.3, "less_than", "percent"),
    ("Between 10 and 15 people died.", "Between 10 and 15 people", 10, "at_least", "people"),
    ("The attack killed 10-15 civilians.", "10-15 civilians", 10, "at_least", "civilians"),
    ("Police said 20 to 30 fighters were killed.", "20 to 30 fighters", 20, "at_least", "fighters"),
    # Words for numbers.
    ("Two dozen houses were burned.", "Two dozen houses", 24, "exact", "houses"),
    ("Thousands of residents fled.", "Thousands of residents", 2000, "at_least", "residents"),
    ("Several hundred people gathered.", "Several hundred people", 300, "at_least", "people"),
    ("A few thousand troops remain.", "A few thousand troops", 2000, "at_least", "troops"),
    ("Hundreds of thousands fled.", "Hundreds of thousands", 200000, "at_least", None),
    # Casualties and detainees counted without a noun: the casualty is the unit.
    ("At least 12 killed in market attack.", "At least 12 killed", 12, "at_least", "killed"),
    ("The blast left 30 wounded.", "30 wounded", 30, "exact", "wounded"),
    ("The floods left more than 100 dead.", "more than 100 dead", 100, "more_than", "dead"),
    ("Police said five were arrested.", "five", 5, "exact", "arrested"),
    ("The attack killed at least 12, police said.", "at least 12", 12, "at_least", "killed"),
    ("The fire killed nine and injured dozens.", "nine", 9, "exact", "killed"),
    ("The fire killed nine and injured dozens.", "dozens", 24, "at_least", "injured"),
    ("At least 20 were reported missing.", "At least 20", 20, "at_least", "missing"),
    ("The storm left 200,000 displaced.", "200,000 displaced", 200000, "exact", "displaced"),
    ("Officials said three died.", "three", 3, "exact", "dead"),
    # Money in named currencies and ISO codes; South Asian multipliers.
    ("The budget is 2.5 trillion naira.", "2.5 trillion naira", 2500000000000, "exact", "NGN"),
    ("Fines of 40,000 roubles were imposed.", "40,000 roubles", 40000, "exact", "RUB"),
    ("School fees rose to 5,000 UGX.", "5,000 UGX", 5000, "exact", "UGX"),
    ("The project costs Rs 500 crore.", "Rs 500 crore", 5000000000, "exact", "INR"),
    ("The IMF approved a $3bn loan.", "$3bn", 3000000000, "exact", "USD"),
    ("Inflation reached 12.5% in May.", "12.5%", 12.5, "exact", "percent"),
]


@pytest.mark.parametrize(("sentence", "text", "value", "approx", "unit"), CASES)
def test_quantity(analyse, sentence, text, value, approx, unit):
    quantities = analyse(sentence).quantities
    found = [q for q in quantities if q.text == text]
    assert found, f"{text!r} not found; got {[q.text for q in quantities]}"
    quantity = found[0]
    assert sentence[quantity.start : quantity.end] == text
    assert (quantity.value, quantity.approx, quantity.unit) == (value, approx, unit)


@pytest.mark.parametrize(
    "sentence",
    [
        "The man, aged 34, was arrested.",
        "A 34-year-old man was arrested.",
        "Elections were held in 2024.",
        "Call 555-123-4567 for details.",
        "The first convoy arrived on 9/10.",
        "The talks began on Oct. 9 and ended on 12 March.",
        "The attack happened two days ago.",
        "Resolution 2334 was adopted.",
        "The home side won 3-1 on Sunday.",
        "Teams screened children under five on Sunday.",
        "Ministers will hold two-plus-two talks.",
        "The second convoy arrived at 3 p.m. on Saturday.",
        "One of them was released.",
        "Between 2010 and 2015 prices rose.",
    ],
)
def test_not_quantities(analyse, sentence):
    assert [q.text for q in analyse(sentence).quantities] == []


def test_ids_follow_text_order_and_spans_are_exact(analyse):
    text = "At least 17 people died and about 50 homes burned; 3,000 residents fled on 9/10."
    quantities = analyse(text).quantities
    assert [q.text for q in quantities] == ["At least 17 people", "about 50 homes", "3,000 residents"]
    assert [q.id for q in quantities] == ["n1", "n2", "n3"]
    assert all(text[q.start : q.end] == q.text for q in quantities)
