"""Actors: countries, organisations, armed groups, people and generic mentions, one row per case."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conftest import run_stages
from newsevents.actors import resolve_actors
from newsevents.entities import find_entities
from newsevents.model import Actor, Analysis


@pytest.fixture(scope="module")
def analyse(pipeline) -> Callable[[str], Analysis]:
    """Entities and actors of one text, with the real spaCy model."""

    return lambda text: run_stages(pipeline, text, find_entities, resolve_actors)


def actor_named(analysis: Analysis, mention: str) -> Actor | None:
    """The actor linked to the first entity whose text is ``mention``."""
    entity = next((e for e in analysis.entities if e.text == mention), None)
    return analysis.actor(entity.actor) if entity else None


COUNTRIES = [
    ("The U.S. imposed new sanctions on Tuesday.", "U.S.", "United States", "USA"),
    ("The United States condemned the attack.", "United States", "United States", "USA"),
    ("America will send more aid, the envoy said.", "America", "United States", "USA"),
    ("Washington warned that it would respond.", "Washington", "United States", "USA"),
    ("Britain summoned the ambassador.", "Britain", "United Kingdom", "GBR"),
    ("The UK and France signed the accord.", "UK", "United Kingdom", "GBR"),
    ("Moscow rejected the proposal.", "Moscow", "Russia", "RUS"),
    ("The Kremlin said the talks had failed.", "Kremlin", "Russia", "RUS"),
    ("Beijing criticised the decision.", "Beijing", "China", "CHN"),
    ("Burma's generals ignored the appeal.", "Burma", "Myanmar", "MMR"),
    ("Ivory Coast closed its border with Mali.", "Ivory Coast", "Ivory Coast", "CIV"),
]


@pytest.mark.parametrize(("text", "mention", "name", "country"), COUNTRIES)
def test_country_names_resolve_to_one_country_actor(analyse, text, mention, name, country):
    actor = actor_named(analyse(text), mention)
    assert actor is not None, f"no actor for {mention!r}"
    assert (actor.name, actor.kind, actor.country) == (name, "country", country)


ORGANISATIONS = [
    ("The United Nations appealed for calm.", "United Nations", "United Nations", "organization", "IGO"),
    ("UNICEF said 300 children were treated.", "UNICEF", "UNICEF", "organization", "IGO"),
    ("The WFP delivered flour to the camp.", "WFP", "World Food Programme", "organization", "IGO"),
    ("NATO held an emergency meeting.", "NATO", "NATO", "organization", "IGO"),
    ("The ICRC visited the detainees.", "ICRC", "International Committee of the Red Cross", "organization", "MED"),
    ("Hamas fired rockets overnight.", "Hamas", "Hamas", "group", "REB"),
    ("Al-Shabaab claimed the attack.", "Al-Shabaab", "al-Shabaab", "group", "REB"),
    ("The Houthis seized a ship.", "Houthis", "Houthis", "group", "REB"),
    (
        "Fighters from the Rapid Support Forces entered the town.",
        "Rapid Support Forces",
        "Rapid Support Forces",
        "group",
        "REB",
    ),
]


@pytest.mark.parametrize(("text", "mention", "name", "kind", "sector"), ORGANISATIONS)
def test_known_organisations_and_groups(analyse, text, mention, name, kind, sector):
    actor = actor_named(analyse(text), mention)
    assert actor is not None, f"no actor for {mention!r}"
    assert (actor.name, actor.kind) == (name, kind)
    assert sector in actor.sectors


PEOPLE = [
    # (text, person mention, title, country, affiliation name)
    ("Foreign Minister Amara Diallo arrived on Monday.", "Amara Diallo", "Foreign Minister", None, None),
    ("Kenyan Foreign Minister Wanjiru Kamau met the envoy.", "Wanjiru Kamau", "Foreign Minister", "KEN", None),
    (
        "State Department Deputy Special Envoy Maria Lopez visited the camp.",
        "Maria Lopez", "Deputy Special Envoy", "USA", "State Department",
    ),
    ("Aid arrived, said top UNICEF field officer Ahmed Karimi.", "Ahmed Karimi", "field officer", None, "UNICEF"),
    (
        "UNICEF sent trucks. Ahmed Karimi, the agency's head of operations, said more were coming.",
        "Ahmed Karimi", "head of operations", None, "UNICEF",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "mention", "title", "country", "affiliation"), PEOPLE)
def test_people_get_title_country_and_affiliation(analyse, text, mention, title, country, affiliation):
    analysis = analyse(text)
    person = actor_named(analysis, mention)
    assert person is not None and person.kind == "person"
    assert person.title == title
    if country:
        assert person.country == country
    org = analysis.actor(person.affiliation)
    assert (org.name if org else None) == affiliation


def test_surname_mentions_join_the_person(analyse):
    analysis = analyse("Foreign Minister Amara Diallo met the envoy. Diallo said the talks went well.")
    people = [a for a in analysis.actors if a.kind == "person" and not a.generic]
    assert len(people) == 1
    assert len(people[0].mentions) == 2


GENERIC = [
    # (text, nominal mention, name, sector, country)
    ("Sudanese police fired tear gas.", "Sudanese police", "police", "COP", "SDN"),
    ("Israeli troops entered the village.", "Israeli troops", "troops", "MIL", "ISR"),
    ("A senior official said the talks had stalled.", "A senior official", "senior official", "GOV", None),
    ("Protesters gathered outside parliament.", "Protesters", "protesters", "CVL", None),
    ("Unknown gunmen attacked the convoy.", "Unknown gunmen", "unknown gunmen", "UAF", None),
    ("Rebels seized the airport on Sunday.", "Rebels", "rebels", "REB", None),
    ("Journalists were barred from the court.", "Journalists", "journalists", "JRN", None),
    ("Aid workers left the camp.", "Aid workers", "aid workers", "CVL", None),
]


@pytest.mark.parametrize(("text", "mention", "name", "sector", "country"), GENERIC)
def test_generic_mentions_become_generic_actors(analyse, text, mention, name, sector, country):
    analysis = analyse(text)
    assert any(e.label == "NOMINAL" and e.text == mention for e in analysis.entities)
    actor = actor_named(analysis, mention)
    assert actor is not None and actor.generic
    assert (actor.name, actor.country) == (name, country)
    assert sector in actor.sectors


REFERENCES = [
    ("Al-Shabaab attacked a base near Mogadishu. The group said it killed ten soldiers.", "group", "al-Shabaab"),
    ("The Ministry of Health issued a warning. The ministry said cases had doubled.", "ministry", "Ministry of Health"),
]


@pytest.mark.parametrize(("text", "word", "antecedent"), REFERENCES)
def test_definite_references_link_to_a_compatible_named_actor(analyse, text, word, antecedent):
    analysis = analyse(text)
    reference = next(e for e in analysis.entities if e.label == "NOMINAL" and e.text.lower() == f"the {word}")
    assert analysis.actor(reference.actor).name == antecedent


def test_the_group_without_antecedent_stays_unlinked(analyse):
    analysis = analyse("Residents said the group had left before dawn.")
    reference = next((e for e in analysis.entities if e.text == "the group"), None)
    assert reference is None or reference.actor is None


NOT_ACTORS = [
    ("The minister arrived in Washington on Monday.", "Washington"),
    ("Talks resumed in Moscow after a pause.", "Moscow"),
    ("The meeting is on Monday.", "Monday"),
    ("Who will pay for the damage, residents asked.", "Who"),
]


@pytest.mark.parametrize(("text", "mention"), NOT_ACTORS)
def test_mentions_that_are_not_actors(analyse, text, mention):
    assert actor_named(analyse(text), mention) is None


def test_ids_and_links_are_consistent(analyse):
    analysis = analyse(
        "Kenyan police arrested two men in Nairobi. Police said the United Nations and Kenya "
        "were informed. UN officials declined to comment."
    )
    assert [a.id for a in analysis.actors] == [f"a{n}" for n in range(1, len(analysis.actors) + 1)]
    for actor in analysis.actors:
        assert actor.mentions
        for entity_id in actor.mentions:
            entity = next(e for e in analysis.entities if e.id == entity_id)
            assert entity.actor == actor.id
    un = actor_named(analysis, "United Nations")
    assert un is not None and un.id == actor_named(analysis, "UN").id


def test_the_army_refers_back_to_the_national_army(analyse):
    analysis = analyse("The Sudanese army shelled the town. Later, the army said it had repelled an attack.")
    first, second = actor_named(analysis, "The Sudanese army"), actor_named(analysis, "the army")
    assert first is not None and first is second and first.country == "SDN"


def test_a_bare_title_refers_back_to_the_person_holding_it(analyse):
    analysis = analyse("RSF spokesman Hamid Osman denied the report. The spokesman said the road was safe.")
    person = actor_named(analysis, "Hamid Osman")
    assert person is not None and actor_named(analysis, "The spokesman") is person
    assert "REB" in person.sectors  # a spokesman speaks in the sector of whom he speaks for


def test_each_country_word_before_a_generic_mention_gets_its_own_actor(analyse):
    analysis = analyse("Senior Hungarian and Romanian officials agreed to cooperate.")
    hungarian, romanian = actor_named(analysis, "Hungarian"), actor_named(analysis, "Romanian")
    assert hungarian is not None and romanian is not None and hungarian is not romanian
    assert (hungarian.country, romanian.country) == ("HUN", "ROU")
    assert "GOV" in hungarian.sectors and hungarian.generic


MORE_COUNTRIES = [
    # (text, mention, country, a sector the actor has or None)
    ("President Mugabe rejected the demand.", "Mugabe", "ZWE", "GOV"),
    ("The Bush administration declared that China must act.", "administration", "USA", "GOV"),
    ("Ethopia has agreed to reopen its borders.", "Ethopia", "ETH", None),
    ("Kosovo dismissed Serbia's demands.", "Kosovo", "XKX", None),
    ("Berlin rejected the request for aid.", "Berlin", "DEU", "GOV"),
    ("The Sri Lankan army held thousands of Tamil refugees.", "refugees", "LKA", "REF"),
    ("Darfur rebels attacked a convoy.", "rebels", "SDN", "REB"),
    ("President Omar al-Bashir eased the curfew in Sudan.", "Omar al-Bashir", "SDN", "GOV"),
    ("UNITA refused to hand over its weapons.", "UNITA", "AGO", "REB"),
    ("Israeli tanks fired at targets in Jericho.", "Israeli tanks", "ISR", "MIL"),
]


@pytest.mark.parametrize(("text", "mention", "country", "sector"), MORE_COUNTRIES)
def test_countries_from_leaders_typos_peoples_and_places(analyse, text, mention, country, sector):
    analysis = analyse(text)
    entity = next((e for e in analysis.entities if mention in e.text and e.actor), None)
    assert entity is not None, [(e.text, e.label, e.actor) for e in analysis.entities]
    actor = analysis.actor(entity.actor)
    assert actor is not None and actor.country == country, actor
    if sector:
        assert sector in actor.sectors, actor


AFFILIATIONS = [
    # (text, person, title, country, affiliation): a prepositional phrase, an apposition or a
    # clause of working for someone gives the affiliation, and the affiliation its country.
    ("Ms Nakamura of the State Department said talks would continue.", "Ms Nakamura", None, "USA",
     "State Department"),
    ("Dr Amina Yusuf of Kenya's interior ministry said the curfew would end.", "Amina Yusuf", None, "KEN",
     "interior ministry"),
    ("Anna Kowalczyk at the Pentagon said the deal was close.", "Anna Kowalczyk", None, "USA", "Pentagon"),
    ("Hassan Ali from the Somali health ministry said cases rose.", "Hassan Ali", None, "SOM", "health ministry"),
    ("Maria Lopez, who works for the State Department, said aid was coming.", "Maria Lopez", None, "USA",
     "State Department"),
    ("Peter Mwangi, an official with Kenya's foreign ministry, confirmed the arrests.", "Peter Mwangi", "official",
     "KEN", "foreign ministry"),
    ("Sarah Kimani, the spokeswoman for the Kenyan interior ministry, said 12 were held.", "Sarah Kimani",
     "spokeswoman", "KEN", "interior ministry"),
    ("Ahmed Karimi, the agency's head of operations, said trucks were waiting.", "Ahmed Karimi",
     "head of operations", None, None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "mention", "title", "country", "affiliation"), AFFILIATIONS)
def test_affiliation_and_country_from_the_phrases_around_a_name(analyse, text, mention, title, country, affiliation):
    analysis = analyse(text)
    person = actor_named(analysis, mention)
    assert person is not None and person.kind == "person", [(e.text, e.label) for e in analysis.entities]
    org = analysis.actor(person.affiliation)
    assert (person.title, person.country, org.name if org else None) == (title, country, affiliation)


MISLABELLED_PEOPLE = [
    # (text, mention, title): spaCy's ORG/GPE, or no entity, becomes a person actor.
    ("Mr Assange has been warning for years.", "Assange", None),
    ("Ms Mbeki told reporters the vote was fair.", "Ms Mbeki", None),
    ("Defence Minister Okonkwo denied the report.", "Okonkwo", "Defence Minister"),
    ("Mukasa, who heads the union, said workers would strike.", "Mukasa", None),
    ("Governor Sanwo-Olu said the roads would reopen.", "Sanwo-Olu", "Governor"),
]


@pytest.mark.parametrize(("text", "mention", "title"), MISLABELLED_PEOPLE)
def test_people_the_model_takes_for_organisations(analyse, text, mention, title):
    analysis = analyse(text)
    person = actor_named(analysis, mention)
    assert person is not None and person.kind == "person" and person.title == title, person
    assert not [a for a in analysis.actors if a.kind == "organization" and a.name in ("Defence", mention)]


HARD_REFERENCES = [
    # (text, the reference as written, the actor it stands for or None)
    ("Al-Shabaab attacked a base. The militants said they killed ten soldiers.", "The militants", "al-Shabaab"),
    ("The Rapid Support Forces shelled El Fasher. The paramilitary group denied it.", "The paramilitary group",
     "Rapid Support Forces"),
    ("Hamas released two hostages. The Palestinian Islamist group said more would follow.",
     "The Palestinian Islamist group", "Hamas"),
    ("Boko Haram raided a village. The jihadist group has killed thousands.", "The jihadist group", "Boko Haram"),
    ("Amnesty International published a report. The rights group said torture was common.", "The rights group",
     "Amnesty International"),
    ("The M23 rebels captured Goma. The rebel group said it would hold talks.", "The rebel group", "M23"),
    ("Sudan closed its border. The country has been at war since April.", "The country", "Sudan"),
    # A generic body named before: the ministry of Kenya, not a new ministry of nowhere.
    ("Kenya's interior ministry banned the march. The ministry said it was unsafe.", "The ministry",
     "interior ministry"),
    # Modifiers must fit: no Israeli group was named, and the health ministry is not the interior's.
    ("Hamas fired rockets. The Israeli group denied it.", "The Israeli group", None),
    ("The Ministry of Health issued figures. The interior ministry disputed them.", "The interior ministry",
     "interior ministry"),
    # "across the country" is where something happens: no actor.
    ("Kenya raised taxes. Protests spread across the country.", "the country", None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "reference", "antecedent"), HARD_REFERENCES)
def test_definite_references_in_news(analyse, text, reference, antecedent):
    analysis = analyse(text)
    entity = next((e for e in analysis.entities if e.text == reference), None)
    assert entity is not None, [e.text for e in analysis.entities]
    actor = analysis.actor(entity.actor)
    assert (actor.name if actor else None) == antecedent
    if antecedent == "interior ministry" and "Kenya" in text:
        assert actor is not None and actor.country == "KEN" and len(actor.mentions) >= 2


# Groups, bodies and people whose country or kind comes from the words around them.
GROUPS_AND_BODIES = [
    # (text, mention, name, kind, country)
    # a nationality before a plural noun for people is that group's country, not the country acting
    ("Canadian lawyers are demanding that the court release the men.", "Canadian lawyers", "lawyers", "group", "CAN"),
    ("Chinese tourists protested outside the embassy in Bangkok.", "Chinese tourists", "tourists", "group", "CHN"),
    # a state body the text does not place takes the country the story is filed from
    (
        "ISLAMABAD – The Foreign Office summoned the Indian envoy on Monday.",
        "Foreign Office", "Foreign Office", "organization", "PAK",
    ),
    (
        "LONDON – The Foreign Office summoned the Iranian ambassador on Monday.",
        "Foreign Office", "Foreign Office", "organization", "GBR",
    ),
    # a group of people "of" someone takes that person's country
    (
        "About 300 supporters of President Alpha Diallo of Guinea blocked the main road.",
        "supporters", "supporters", "group", "GIN",
    ),
    # ministers of an international body are of no country, wherever they meet
    (
        "She will raise the matter at a meeting of EU foreign ministers in Luxembourg.",
        "foreign ministers", "foreign ministers", "group", None,
    ),
    # a country before a title with an "of" phrase ("Secretary of State") is the person's country
    (
        "U.S. Secretary of State John Miller telephoned the Kenyan foreign minister.",
        "John Miller", "John Miller", "person", "USA",
    ),
    # a people or party named as a plural is a group, of the country a word before it names
    ("Thousands of Iraqi Kurds marched in Erbil on Sunday.", "Kurds", "Kurds", "group", "IRQ"),
    ("Texas Democrats won three more seats in the state legislature.", "Democrats", "Democrats", "group", "USA"),
    # an ethnic group the text places in another country is of that country
    ("Ethnic Hungarians in Slovakia are demanding more autonomy.", "Hungarians", "Hungarians", "group", "SVK"),
    # an adjective that opens a known name is part of it
    ("Islamic State fighters seized the town on Friday.", "Islamic State", "Islamic State", "group", None),
    # a state institution named first by a reference back takes the country the story is filed from
    ("BAMAKO – The army shelled the village on Saturday, officials said.", "The army", "army", "organization", "MLI"),
    ("Armed men stopped the bus on the highway.", "Armed men", "armed men", "group", None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "mention", "name", "kind", "country"), GROUPS_AND_BODIES)
def test_groups_and_bodies_get_their_country_from_the_words_around_them(analyse, text, mention, name, kind, country):
    actor = actor_named(analyse(text), mention)
    assert actor is not None, f"no actor for {mention!r}"
    assert (actor.name, actor.kind, actor.country) == (name, kind, country)


# "The government" stands for a body named as a government of the state, nothing else.
GOVERNMENT_REFERENCES = [
    # (text, reference, a name it must not take)
    (
        "Rebel and government negotiators met in Oslo last week. The government later suspended the talks.",
        "The government", "negotiators",
    ),
    (
        "The provincial government delivered food to the camps. The government said it would send troops.",
        "The government", "provincial government",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "reference", "not_name"), GOVERNMENT_REFERENCES)
def test_the_government_refers_back_only_to_a_national_government(analyse, text, reference, not_name):
    actor = actor_named(analyse(text), reference)
    assert actor is not None and actor.name != not_name
    assert "GOV" in actor.sectors


def test_a_name_opened_by_its_kind_of_place_is_a_place_everywhere(analyse):
    analysis = analyse("Soldiers clashed with rebels in Barangay Malinao on Monday. The army sent medics to Malinao.")
    for mention in ("Barangay Malinao", "Malinao"):
        entity = next(e for e in analysis.entities if e.text == mention)
        assert entity.label in ("GPE", "LOC") and entity.actor is None


PLURAL_NAMES = [
    # (text, start and end token of the name, whether it names a group)
    ("Texas Democrats won three more seats.", 0, 2, True),
    ("Kenji Morita arrived on Monday.", 0, 2, False),
    ("Ramon Villanueva spoke to reporters.", 0, 2, False),
    ("Derek Scissors, an economist, said the talks would fail.", 0, 2, False),  # a surname that looks plural
]


@pytest.mark.parametrize(("text", "start", "end", "plural"), PLURAL_NAMES)
def test_a_plural_name_is_a_group_not_a_person(pipeline, text, start, end, plural):
    from newsevents.actors import _is_plural_name

    assert _is_plural_name(pipeline.nlp(text)[start:end]) is plural
