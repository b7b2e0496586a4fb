# ruff: noqa: E501  (a table reads best one case per line)
"""Table of quotes: direct (straight, curly and guillemet marks, split and multi-paragraph), partial
and indirect, with speaker, anonymity and reporting cue. All texts are parsed in one batch.

Columns: text, quote text, kind, speaker text (None: no speaker), anonymous, cue.
"""

from __future__ import annotations

import pytest

from newsevents.model import Analysis, Article
from newsevents.pipeline import Pipeline

D, PT, IND = "direct", "partial", "indirect"
MARKS = {"straight": ('"', '"'), "curly": ("“", "”"), "guillemets": ("«", "»")}

# Direct-quote layouts, written once and checked in every quotation-mark style: {o}/{c} are the
# opening and closing marks.
# fmt: off
LAYOUTS: list[tuple[str, str, str | None, bool, str | None]] = [
    ("{o}We will not leave Goma,{c} Corneille Nangaa said.", "We will not leave Goma", "Corneille Nangaa", False, "said"),
    ("{o}The bridge is gone,{c} said Maria Santos, the mayor of Tacloban.", "The bridge is gone", "Maria Santos, the mayor of Tacloban", False, "said"),
    ("Finance Minister Enoch Godongwana said: {o}The budget is balanced.{c}", "The budget is balanced.", "Finance Minister Enoch Godongwana", False, "said"),
    ("{o}Nobody has been paid for six months,{c} a teacher in Juba told reporters.", "Nobody has been paid for six months", "a teacher in Juba", False, "told"),
    ("{o}The shelling began at dawn,{c} a senior military official, who asked not to be named, said.", "The shelling began at dawn", "a senior military official, who asked not to be named", True, "said"),
    ("{o}We are running out of water,{c} the aid worker added.", "We are running out of water", "the aid worker", True, "added"),
    ("{o}Talks will resume on Monday,{c} according to a diplomat in Addis Ababa.", "Talks will resume on Monday", "a diplomat in Addis Ababa", True, "according to"),
    ("{o}This is a victory for the people,{c} opposition leader Nelson Chamisa wrote on X.", "This is a victory for the people", "opposition leader Nelson Chamisa", False, "wrote"),
    ("{o}The ceasefire is holding,{c} UN envoy Hans Grundberg told the Security Council.", "The ceasefire is holding", "UN envoy Hans Grundberg", False, "told"),
    ("{o}We did not fire first,{c} the army spokesman insisted.", "We did not fire first", "the army spokesman", True, "insisted"),
    ("President William Ruto warned: {o}Anyone who attacks police will face the law.{c}", "Anyone who attacks police will face the law.", "President William Ruto", False, "warned"),
    ("{o}Our patience has limits,{c} Foreign Minister Hakan Fidan said on Tuesday.", "Our patience has limits", "Foreign Minister Hakan Fidan", False, "said"),
    ("{o}There is no food left in the camp,{c} said a resident who gave only her first name, Amina.", "There is no food left in the camp", "a resident who gave only her first name, Amina", True, "said"),
    ("{o}I saw the drone hit the market,{c} a witness said, speaking on condition of anonymity.", "I saw the drone hit the market", "a witness", True, "said"),
]

ROWS: list[tuple[str, str, str, str | None, bool, str | None]] = [
    (layout.format(o=o, c=c), quote, D, speaker, anonymous, cue)
    for o, c in MARKS.values() for layout, quote, speaker, anonymous, cue in LAYOUTS
] + [
    # --- direct, other layouts ------------------------------------------------------------
    ('"We came to negotiate," Salva Kiir said. "Not to surrender."', "Not to surrender.", D, "Salva Kiir", False, "said"),
    ('"We came to negotiate," Salva Kiir said. "Not to surrender."', "We came to negotiate", D, "Salva Kiir", False, "said"),
    ("“The first convoy arrived.\n\n“The second will follow next week,” the UN coordinator said.",
     "The first convoy arrived.\n\n“The second will follow next week", D, "the UN coordinator", False, "said"),
    ('Police spokesman John Kamau said the road was closed.\n\n"It will reopen tomorrow," he said.', "It will reopen tomorrow", D, "John Kamau", False, "said"),
    ('Amina Mohammed arrived in Mogadishu on Monday.\n\n"We came to listen," she said.', "We came to listen", D, "Amina Mohammed", False, "said"),
    ('The defence ministry said its forces had hit depots. "Only military targets were struck," it said.', "Only military targets were struck", D, "The defence ministry", False, "said"),
    ('The rebels issued a statement on Monday. "We will defend our positions," the statement said.', "We will defend our positions", D, "The rebels", False, "said"),
    ('Activists said they would march again. "We are not afraid," they said.', "We are not afraid", D, "Activists", False, "said"),
    ('"The situation is dire," said Jan Egeland, head of the Norwegian Refugee Council.', "The situation is dire", D, "Jan Egeland, head of the Norwegian Refugee Council", False, "said"),
    ('"We will investigate," the prosecutor\'s office said in a statement.', "We will investigate", D, "the prosecutor's office", False, "said"),
    ('Ruto told parliament: "Kenya will not be intimidated."', "Kenya will not be intimidated.", D, "Ruto", False, "told"),
    ('"Every day we wait, people die," Tedros Adhanom Ghebreyesus told a briefing in Geneva.', "Every day we wait, people die", D, "Tedros Adhanom Ghebreyesus", False, "told"),
    ('„Wir bleiben hier“, he said.', "Wir bleiben hier", D, "he", False, "said"),
    ('"The dam will be finished by June," said the minister of water, Seleshi Bekele.', "The dam will be finished by June", D, "the minister of water, Seleshi Bekele", False, "said"),
    ('"We found eleven bodies," a Red Cross volunteer told AFP.', "We found eleven bodies", D, "a Red Cross volunteer", False, "told"),
    ('"Prices have doubled since March," complained Fatou Diop, a trader in Dakar.', "Prices have doubled since March", D, "Fatou Diop, a trader in Dakar", False, "complained"),
    ('"The army will respond," the general vowed.', "The army will respond", D, "the general", False, "vowed"),
    ('"We have received no aid," a local official said, asking not to be named.', "We have received no aid", D, "a local official", True, "said"),
    ('"No decision has been made," a source close to the talks said.', "No decision has been made", D, "a source close to the talks", True, "said"),
    ('"I will not resign," Prime Minister Ariel Henry said in a televised address.', "I will not resign", D, "Prime Minister Ariel Henry", False, "said"),
    # --- partial ------------------------------------------------------------------------
    ('The minister called the attack "cowardly and criminal".', "cowardly and criminal", PT, "The minister", False, "called"),
    ("China accused the Philippines of “provocative actions” near the shoal.", "provocative actions", PT, "China", False, "accused"),
    ('The army said it had acted "with restraint" during the protest.', "with restraint", PT, "The army", False, "said"),
    ('Rights groups described the trial as "a farce".', "a farce", PT, "Rights groups", False, "described"),
    ('The junta said the strikes were "precise" and had hit "terrorist camps".', "precise", PT, "The junta", False, "said"),
    ('The junta said the strikes were "precise" and had hit "terrorist camps".', "terrorist camps", PT, "The junta", False, "said"),
    ('A diplomat, who asked not to be named, said the talks were "close to collapse".', "close to collapse", PT, "A diplomat, who asked not to be named", True, "said"),
    ('The ministry criticised Ottawa for "interfering in internal affairs".', "interfering in internal affairs", PT, "The ministry", False, "criticised"),
    ('Ethiopia said the dam was a "matter of survival" for its people.', "matter of survival", PT, "Ethiopia", False, "said"),
    ('The president promised "a new beginning" for the north.', "a new beginning", PT, "The president", False, "promised"),
    ('The rebels denounced the deal as "a betrayal".', "a betrayal", PT, "The rebels", False, "denounced"),
    ('Union leaders said they could strike if the board failed to make a "serious offer".', "serious offer", PT, "Union leaders", False, "said"),
    ('UNHCR said conditions in the camps were "appalling".', "appalling", PT, "UNHCR", False, "said"),
    ('The general said his troops would "finish the job" by December.', "finish the job", PT, "The general", False, "said"),
    ('Police described the suspects as "highly dangerous".', "highly dangerous", PT, "Police", False, "described"),
    # --- indirect -----------------------------------------------------------------------
    ("Diallo told reporters that the talks had failed.", "the talks had failed", IND, "Diallo", False, "told"),
    ("The governor said the curfew would be lifted on Friday.", "the curfew would be lifted on Friday", IND, "The governor", False, "said"),
    ("Officials stressed that the border would stay closed.", "the border would stay closed", IND, "Officials", True, "stressed"),
    ("According to diplomatic sources, the ministers will meet in Geneva next week.", "the ministers will meet in Geneva next week", IND, "diplomatic sources", True, "according to"),
    ("A spokesman who asked not to be named said the ceasefire would hold.", "the ceasefire would hold", IND, "A spokesman who asked not to be named", True, "said"),
    ("The Kenyan foreign ministry announced that the embassy would reopen.", "the embassy would reopen", IND, "The Kenyan foreign ministry", False, "announced"),
    ("Witnesses said soldiers fired into the crowd.", "soldiers fired into the crowd", IND, "Witnesses", True, "said"),
    ("The rebels claimed that they had captured the airport.", "they had captured the airport", IND, "The rebels", False, "claimed"),
    ("Human Rights Watch said the police had used excessive force.", "the police had used excessive force", IND, "Human Rights Watch", False, "said"),
    ("The army denied that civilians had been killed.", "civilians had been killed", IND, "The army", False, "denied"),
    ("Two officials told Reuters that the army had shelled the town.", "the army had shelled the town", IND, "Two officials", True, "told"),
    ("The UN warned that famine was likely in the coming months.", "famine was likely in the coming months", IND, "The UN", False, "warned"),
    ("According to the health ministry, at least 40 people died in the floods.", "at least 40 people died in the floods", IND, "the health ministry", False, "according to"),
    ("Zelensky said Ukraine would not cede any territory.", "Ukraine would not cede any territory", IND, "Zelensky", False, "said"),
    ("The central bank confirmed that it had raised interest rates.", "it had raised interest rates", IND, "The central bank", False, "confirmed"),
    ("A senior government official, who spoke on condition of anonymity, said the cabinet would resign.",
     "the cabinet would resign", IND, "A senior government official, who spoke on condition of anonymity", True, "said"),
    ("Residents said the militia had burned dozens of homes.", "the militia had burned dozens of homes", IND, "Residents", True, "said"),
    ("The minister admitted that mistakes had been made.", "mistakes had been made", IND, "The minister", False, "admitted"),
    ("Aid agencies reported that the road to Kadugli was blocked.", "the road to Kadugli was blocked", IND, "Aid agencies", False, "reported"),
    ("The embassy said in a statement that all staff were safe.", "all staff were safe", IND, "The embassy", False, "said"),
    ("The prime minister insisted that the election would go ahead.", "the election would go ahead", IND, "The prime minister", False, "insisted"),
    ("Analysts said the deal was unlikely to last.", "the deal was unlikely to last", IND, "Analysts", True, "said"),
    ("The coast guard said two migrants had drowned off Lampedusa.", "two migrants had drowned off Lampedusa", IND, "The coast guard", False, "said"),
    ("The mayor told residents that water would be rationed.", "water would be rationed", IND, "The mayor", False, "told"),
    ("The defence ministry claimed that its forces had repelled the attack.", "its forces had repelled the attack", IND, "The defence ministry", False, "claimed"),
    ("Doctors said the hospital had run out of fuel.", "the hospital had run out of fuel", IND, "Doctors", False, "said"),
]
# fmt: on

# Texts with nothing a person said: no quote at all.
NO_QUOTES = [
    "The weather was cold on Monday.",
    "Diallo said on Monday.",
    "Thousands marched through the capital on Saturday.",
    "The “El Tigre” faction runs the valley.",
    "Ministers will hold “two-plus-two” talks in Tokyo.",
]


@pytest.fixture(scope="module")
def analyses() -> dict[str, Analysis]:
    """Every table text analysed in one batch."""
    texts = sorted({row[0] for row in ROWS} | set(NO_QUOTES))
    articles = [Article(id=f"q{n}", text=text, published="2026-10-12", language="en") for n, text in enumerate(texts)]
    results = [r for r in Pipeline().analyze(articles) if isinstance(r, Analysis)]
    assert len(results) == len(texts)
    return {r.article.text: r for r in results}


def test_the_table_is_large_enough() -> None:
    assert len(ROWS) >= 100
    assert {row[2] for row in ROWS} == {D, PT, IND}


@pytest.mark.parametrize(
    ("text", "quote", "kind", "speaker", "anonymous", "cue"),
    ROWS,
    ids=[f"{n}-{row[1][:30]}" for n, row in enumerate(ROWS)],
)
def test_quote(
    analyses: dict[str, Analysis],
    text: str,
    quote: str,
    kind: str,
    speaker: str | None,
    anonymous: bool,
    cue: str | None,
) -> None:
    analysis = analyses[text]
    found = [q for q in analysis.quotes if q.text == quote]
    assert found, [(q.kind, q.text) for q in analysis.quotes]
    got = found[0]
    assert (got.kind, got.speaker.text, got.speaker.anonymous, got.cue) == (kind, speaker, anonymous, cue)
    assert text[got.start : got.end] == got.text
    if got.speaker.start is not None:
        assert text[got.speaker.start : got.speaker.end] == got.speaker.text


@pytest.mark.parametrize("text", NO_QUOTES)
def test_no_quote(analyses: dict[str, Analysis], text: str) -> None:
    assert analyses[text].quotes == []
