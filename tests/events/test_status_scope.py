"""Status: how far negation, modality and purpose reach from a governing word to an event below it.

Each row is a sentence we wrote, the trigger word and the status the coded event must have. The
rows come in pairs where they can: the same event inside and outside the reach of the marker."""

from __future__ import annotations

import pytest

from newsevents.model import Analysis, Article
from newsevents.pipeline import Pipeline

PUBLISHED = "2026-10-07"

# (sentence, trigger text, status)
STATUSES: list[tuple[str, str, str]] = [
    # a preposition that takes its object as given: outside the scope of the clause's negation or modal
    ("Talks with the rebels would not be easy given the army's refusal to withdraw.", "refusal", "asserted"),
    ("Kenya would not close the border despite the Somali government's refusal to hold talks.", "refusal", "asserted"),
    ("Kenya could close the border because of the Somali government's refusal to hold talks.", "refusal", "asserted"),
    ("Kenya could close the border because the Somali government did not hold talks.", "hold", "negated"),
    ("The army did not withdraw from the town.", "withdraw", "negated"),
    # an event noun that sets the scene of the verb is outside its modal
    ("Norway is unlikely to accept larger fishing quotas at a meeting with Iceland.", "meeting", "asserted"),
    # likelihood and reluctance leave the event open; unwillingness and inability deny it
    ("Iran is unlikely to agree to a ceasefire with the rebels.", "agree", "hypothetical"),
    ("The rebels remain reluctant to commit to talks with the government.", "commit", "hypothetical"),
    ("Markets rose on expectations of a trade agreement between Chile and Peru.", "agreement", "hypothetical"),
    ("The rebels are unwilling to negotiate with the government.", "negotiate", "negated"),
    ("Iran agreed to a ceasefire with the rebels.", "agreed", "asserted"),
    # obligation, requirement and the content of a noun of fear or plan
    ("Kenya is going to have to withdraw its troops from Somalia, the president said.", "withdraw", "hypothetical"),
    ("Lifting the curfew requires deeper concessions from the rebels.", "concessions", "hypothetical"),
    ("The militia fled for fear that the army would attack the town of Kidal.", "attack", "hypothetical"),
    ("Kenya announced a plan to withdraw its troops from Somalia.", "withdraw", "planned"),
    # agreeing *with* a decision concurs with it; it plans nothing
    ("Kenya agreed with the court's decision to expel the Somali diplomats.", "expel", "asserted"),
    # a purpose clause states an aim, not something done
    (
        "Chad pressed Sudan to reopen the road, in order to open a route for French military aid to the army.",
        "aid",
        "hypothetical",
    ),
    ("The militia moved north so as to attack the town of Kidal.", "attack", "hypothetical"),
    ("The militia attacked the town of Kidal in order to free its commanders.", "attacked", "asserted"),
    # an event noun has the status of the verb that says it happens, also when that verb is a second verb
    # sharing the noun as subject or sits below the noun's own verb ("are due to begin")
    ("Border talks between Uganda and Rwanda will take place in Kigali.", "talks", "planned"),
    ("Border talks between Uganda and Rwanda, called off in May, will now take place in Kigali.", "talks", "planned"),
    ("A summit between Uganda and Rwanda is due to begin in Kigali.", "summit", "planned"),
    ("Border talks between Uganda and Rwanda are to take place in Kigali.", "talks", "planned"),
    ("Border talks between Uganda and Rwanda are set to resume in Kigali.", "talks", "planned"),
    ("Border talks between Uganda and Rwanda took place in Kigali.", "talks", "asserted"),
    ("Border talks between Uganda and Rwanda did not take place in Kigali.", "talks", "negated"),
    ("Border talks between Uganda and Rwanda, delayed by floods, went ahead in Kigali.", "talks", "asserted"),
    # a second verb of phase is not an occurrence of the noun: these talks did happen
    ("Border talks between Uganda and Rwanda broke down in Kigali and will resume in June.", "talks", "asserted"),
    # what a party was trained or armed to do is its purpose, not an act; "helped X to" says it was done
    ("France has been training Malian soldiers to fight the jihadists in Gao.", "fight", "hypothetical"),
    ("Rwanda armed the rebels to attack the Congolese army.", "attack", "hypothetical"),
    ("Rwanda armed the rebels, who attacked the Congolese army.", "attacked", "asserted"),
    ("The Malian army trained hard to fight the jihadists in Gao.", "fight", "asserted"),
]


@pytest.fixture(scope="module")
def analyses() -> dict[str, Analysis]:
    texts = [row[0] for row in STATUSES]
    articles = [Article(id=f"s{n}", text=t, published=PUBLISHED, language="en") for n, t in enumerate(texts)]
    results = {}
    for article, result in zip(articles, Pipeline().analyze(articles), strict=True):
        assert isinstance(result, Analysis), result
        results[article.text] = result
    return results


@pytest.mark.parametrize(("text", "trigger", "status"), STATUSES, ids=[f"{r[1]}:{r[0][:40]}" for r in STATUSES])
def test_status(analyses: dict[str, Analysis], text: str, trigger: str, status: str) -> None:
    coded = [(e.event, e.trigger.text, e.status) for e in analyses[text].events]
    assert any(t == trigger and s == status for _, t, s in coded), coded


def test_an_event_dated_next_month_is_planned() -> None:
    text = "Kenya and Somalia will hold a summit in Nairobi next month."
    analysis = next(Pipeline().analyze([Article(id="m", text=text, published=PUBLISHED, language="en")]))
    assert isinstance(analysis, Analysis)
    assert [e.status for e in analysis.events if e.event == "CONSULT"] == ["planned"]
