"""Who did it, to whom, and where: actors, recipients and places of a trigger, from the parse.

Actors come from the trigger's subject (``nsubj``; for passives the ``agent`` "by ..." phrase;
for an infinitive the subject or object of the verb that controls it), recipients from its object or
the object of the preposition the lexicon names ("met with X", "accused X of", "shelled X").
A list of subjects ("A and B met") gives all of them. Phrases are turned into actors with
``Analysis.actor_at``; news agencies are never participants.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsevents.model import Actor, Analysis

if TYPE_CHECKING:
    from spacy.tokens import Token

# Agencies that report the news ("told Reuters", "according to AFP") never take part in an event.
NEWS_AGENCIES = frozenset(
    {
        "reuters",
        "associated press",
        "ap",
        "afp",
        "agence france-presse",
        "agence france presse",
        "xinhua",
        "tass",
        "interfax",
        "ria novosti",
        "bloomberg",
        "dpa",
        "efe",
        "ansa",
        "kyodo",
        "yonhap",
        "anadolu",
        "anadolu agency",
        "irna",
        "wafa",
        "sana",
        "cnn",
        "bbc",
        "al jazeera",
    }
)
SUBJECTS = ("nsubj", "nsubjpass", "csubj")
# Dependents that start a clause of their own: an actor inside them is not the phrase's actor.
CLAUSAL = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis"})
LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "on"})


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def phrase_actors(analysis: Analysis, head: Token) -> list[Actor]:
    """The actors a noun phrase names: one per conjunct ("Russia and China"), else the actor of the
    longest linked entity in the phrase ("Russian Foreign Minister Sergei Lavrov" -> Lavrov)."""
    units = _conjunct_units(head)
    actors: list[Actor] = []
    if len(units) > 1:
        for tokens in units:
            actor = _actor_of_tokens(analysis, tokens)
            if actor is not None and actor not in actors:
                actors.append(actor)
        if len(actors) > 1:
            return [a for a in actors if not is_news_agency(a)]
    actor = _actor_of_tokens(analysis, _phrase_tokens(head))
    return [actor] if actor is not None and not is_news_agency(actor) else []


def is_news_agency(actor: Actor) -> bool:
    return actor.name.lower().strip(". ") in NEWS_AGENCIES


def _phrase_tokens(head: Token) -> list[Token]:
    """The head's subtree without clauses hanging off it."""
    tokens: list[Token] = []
    stack = [head]
    while stack:
        token = stack.pop()
        tokens.append(token)
        stack.extend(c for c in token.children if c.dep_ not in CLAUSAL)
    return sorted(tokens, key=lambda t: t.i)


def _conjunct_units(head: Token) -> list[list[Token]]:
    """Split a phrase at its coordinations: "Russia and China" -> [Russia], [China]; "Hungarian and
    Romanian officials" -> [Hungarian ... officials], [Romanian]."""
    phrase = _phrase_tokens(head)
    # Coordinations of the head or of its modifiers, not inside a phrase hanging off it ("forces
    # against civilians and prisoners" is one party).
    conjuncts = [t for t in phrase if t.dep_ == "conj" and not _inside_prepositional_phrase(t, head)]
    if not conjuncts:
        return [phrase]
    units: list[list[Token]] = []
    taken: set[int] = set()
    for conj in conjuncts:
        unit = [
            t
            for t in _phrase_tokens(conj)
            if not any(
                t.i in {x.i for x in _phrase_tokens(c)}
                for c in conjuncts
                if c is not conj and c.i in {y.i for y in conj.subtree}
            )
        ]
        units.append(unit)
        taken.update(t.i for t in unit)
    units.insert(0, [t for t in phrase if t.i not in taken])
    return [u for u in units if u]


def _inside_prepositional_phrase(token: Token, head: Token) -> bool:
    """Whether ``token`` lies in a phrase hanging off ``head`` ("against civilians and prisoners"),
    other than a list of the head's members ("partners, including Japan and Canada")."""
    node = token
    while node.i != head.i and node.head.i != node.i:
        if node.dep_ == "prep" and node.lower_ in LISTING_PREPS:
            return False
        if node.dep_ in ("prep", "agent", "acl", "relcl"):
            return True
        node = node.head
    return False


# Prepositions that list the members of what the phrase names: "partners, including Japan and Canada".
LISTING_PREPS = frozenset({"including", "like", "as", "among"})


def _actor_of_tokens(analysis: Analysis, tokens: list[Token]) -> Actor | None:
    """The actor of the longest linked entity lying inside the given tokens."""
    best: tuple[int, Actor] | None = None
    civilians: Actor | None = None  # a generic civilian group heading the phrase
    indices = {t.i for t in tokens}
    if not tokens:
        return None
    doc = tokens[0].doc
    heads = [t for t in tokens if t.head.i not in indices or t.head is t]
    head_index = heads[0].i if heads else tokens[0].i
    head_start = doc[head_index].idx
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    # The linked entities inside the tokens, then those holding the head, in one pass over the article's.
    inside, holding = [], []
    for entity in analysis.entities:
        if not entity.actor:
            continue
        if entity.start >= start and entity.end <= end:
            inside.append(entity)
        elif entity.start <= head_start < entity.end:
            holding.append(entity)
    for entity in inside + holding:
        span = doc.char_span(entity.start, entity.end, alignment_mode="expand")
        # A name the parser split ("Sheikh Hamad bin Khalifa al-Thani" as several subjects) still
        # names the phrase whose head lies inside it.
        if span is None or not (all(t.i in indices for t in span) or any(t.i == head_index for t in span)):
            continue
        actor = analysis.actor(entity.actor)
        # The entity that holds the phrase's head wins ("his Chinese counterpart Wang Yi" -> Wang Yi).
        weight = entity.end - entity.start
        if any(t.i == head_index for t in span):
            weight += 1000
        elif any(t.dep_ == "appos" and t.head.i == head_index for t in span):
            weight += 500  # "his Chinese counterpart, Wang Yi": the apposition names the head
        elif any(t.head.i == head_index and t.dep_ in ("compound", "nmod") for t in span):
            weight += 400  # "bin Laden's al-Qaeda network": the name the head classifies, not its owner
        elif any(t.head.i == head_index for t in span):
            weight += 300  # "Japan's bid for a seat on the Council": the owner, not a nested noun
        if actor is not None and (actor.generic or entity.label == "NOMINAL") and not actor.country:
            weight -= 1200  # "the foreign ministers of Egypt": Egypt says more than "ministers"
            if "CVL" in actor.sectors and weight > -1000:
                civilians = actor  # "Rukban residents": people of a place, unless a country says more
        if actor is not None and (best is None or weight > best[0]):
            best = (weight, actor)
    if best is not None and civilians is not None and best[1].kind != "country":
        return civilians
    return best[1] if best else None


# Pronouns that may stand for an actor named earlier.
PERSONAL_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "its", "their", "his", "her", "them", "our", "us"})
FIRST_PERSON = frozenset({"we", "our", "us", "i", "my", "me"})


def antecedent(analysis: Analysis, pronoun: Token) -> Token | None:
    """The phrase a pronoun stands for, when the text makes it plain.

    "Syria says it is willing to withdraw": the subject of the verb whose reported clause holds the
    pronoun. "The army said ... . It denied ...": the subject of the previous sentence, when that
    names an actor. Else None."""
    if pronoun.lower_ not in PERSONAL_PRONOUNS:
        return None
    quoted = any(q.kind == "direct" and q.start <= pronoun.idx < q.end for q in analysis.quotes)
    if quoted and pronoun.lower_ not in FIRST_PERSON:
        return None  # '"They went from house to house," the spokesman said': they are not the speaker
    token = pronoun
    # A pronoun does not stand for the subject of its own clause; a possessive may ("Russia withdrew its troops").
    own_clause = pronoun.dep_ != "poss"
    while token.head.i != token.i:
        clause = token
        token = token.head
        if token.pos_ not in ("VERB", "AUX"):
            continue
        if own_clause:
            own_clause = False
            continue
        if clause.dep_ == "conj" and pronoun.lower_ in FIRST_PERSON:
            continue  # '"Kabul lies, and we have shared the evidence"': "we" is not the other clause's subject
        # The nearest verb above the pronoun's clause whose subject names an actor: "Syria says it is
        # willing", "the start-up is facing scrutiny over whether it violated rules".
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.pos_ != "PRON" and phrase_actors(analysis, subject):
            return subject
    sentence = pronoun.sent
    if sentence.start == 0 or pronoun.lower_ in FIRST_PERSON:
        return None
    previous = pronoun.doc[sentence.start - 1].sent
    subject = next((c for c in previous.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.pos_ != "PRON" and phrase_actors(analysis, subject):
        return subject
    return None


def speaker_of(analysis: Analysis, pronoun: Token) -> Actor | None:
    """Who "we" (or "I") is inside a direct quote: the speaker's organisation ("we" said by a
    ministry spokesperson is the ministry), else the speaker."""
    if pronoun.lower_ not in FIRST_PERSON:
        return None
    quote = next((q for q in analysis.quotes if q.kind == "direct" and q.start <= pronoun.idx < q.end), None)
    if quote is None:
        return None
    speaker = analysis.actor(quote.speaker.actor)
    if speaker is None:
        return None
    if pronoun.lower_ in SPEAKERS_SIDE:
        return body_spoken_for(analysis, speaker)
    return speaker


# "We" said by someone who speaks for a body: the body acts, not the speaker.
SPEAKERS_SIDE = frozenset({"we", "our", "us"})
COMPANY_WORDS = re.compile(r"\b(?:company|firm)\b", re.I)
# Sectors of organisations that are not the company a company spokesperson speaks for.
NOT_COMPANIES = frozenset({"JRN", "GOV", "IGO", "NGO", "MIL", "COP", "JUD", "LEG"})
# Titles of those who speak for their state ("Foreign Office spokesperson", "Defence Secretary"); a bare
# "spokesman" may speak for a rebel group of the country.
OFFICIAL_TITLE = re.compile(
    r"minist(?:er|ry)|secretary|ambassador|envoy|foreign office|state department|government|president", re.I
)


def quoted_we(analysis: Analysis, pronoun: Token) -> bool:
    """Whether a pronoun is "we", "our" or "us" in the words of a quote (direct or partial)."""
    return pronoun.lower_ in SPEAKERS_SIDE and any(
        q.kind in ("direct", "partial") and q.start <= pronoun.idx < q.end for q in analysis.quotes
    )


def body_spoken_for(analysis: Analysis, speaker: Actor) -> Actor:
    """The side a person's "we" stands for: the body the person belongs to (their affiliation, or an
    organisation their description names: "a WeWork spokesperson"), else, for a state's official
    ("Foreign Office spokesperson Ayesha Qureshi"), their country when the article has it; else the
    person."""
    if speaker.kind != "person":
        return speaker
    body = analysis.actor(speaker.affiliation)
    if body is not None and "JRN" not in body.sectors:  # "HANOI (AP) - Defense Secretary ...": not the agency's
        return body
    described = f"{speaker.name} {speaker.title or ''}".lower()
    for actor in analysis.actors:
        named = actor.kind in ("organization", "group") and not actor.generic and len(actor.name) > 2
        if named and re.search(rf"\b{re.escape(actor.name.lower())}\b", described):
            return actor
    if speaker.generic and COMPANY_WORDS.search(described):  # "a company spokesperson": the company reported on
        companies = [a for a in analysis.actors if a.kind == "organization" and not a.generic]
        companies = [a for a in companies if not NOT_COMPANIES & set(a.sectors)]
        if companies:
            return max(companies, key=lambda a: len(a.mentions))
    if speaker.country and OFFICIAL_TITLE.search(described):
        country = next((a for a in analysis.actors if a.kind == "country" and a.country == speaker.country), None)
        if country is not None:
            return country
    return speaker


def subject_of(verb: Token) -> tuple[Token | None, bool]:
    """The token naming who acts for ``verb`` and whether it came from a passive's agent.

    Looks at the verb's own subject or "by" agent, then climbs to the verb that controls it
    ("agreed to hold talks", "urged Iran to release": object control), a coordinated verb, or the
    noun a relative clause hangs on ("the group that attacked")."""
    token: Token | None = verb
    for _ in range(5):
        if token is None:
            return None, False
        if is_passive(token):
            if token is not verb:  # raising: "are expected to meet" -> the passive subject meets
                return next((c for c in token.children if c.dep_ == "nsubjpass"), None), False
            agent = next((c for c in token.children if c.dep_ == "agent"), None)
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            return pobj, True
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "csubj")), None)
        if subject is not None:
            if subject.lower_ in ("who", "that", "which") and token.dep_ == "relcl":
                return token.head, False
            return subject, False
        if token.dep_ == "xcomp":
            controller = token.head
            obj = next((c for c in controller.children if c.dep_ == "dobj"), None)
            if obj is not None and controller.lemma_ in OBJECT_CONTROL:
                return obj, False
            token = controller
        elif token.dep_ in ("conj", "advcl", "acomp") and token.head.pos_ in ("VERB", "AUX"):
            token = token.head
        elif token.dep_ == "relcl":
            return token.head, False
        elif token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN"):
            # "plans to meet", "a decision to withdraw": the noun's owner or its verb's subject.
            owner = next((c for c in token.head.children if c.dep_ == "poss"), None)
            if owner is not None:
                return owner, False
            token = token.head.head if token.head.dep_ in ("dobj", "attr") else None
        else:
            return None, False
    return None, False


# Verbs whose object is the one who acts in the infinitive ("urged Iran to release").
OBJECT_CONTROL = frozenset(
    [
        "urge",
        "ask",
        "call",
        "press",
        "force",
        "order",
        "persuade",
        "encourage",
        "invite",
        "tell",
        "allow",
        "push",
        "pressure",
        "train",
        "help",
        "enable",
        "equip",
    ]
)


def objects_of(verb: Token, prep: str | None) -> list[Token]:
    """Recipient tokens of a verb trigger: the named preposition's object, else the direct object
    (or dative); for passives the passive subject."""
    found: list[Token] = []
    if prep is not None:
        for child in verb.children:
            if child.dep_ in ("prep", "dative", "agent") and child.lower_ == prep:
                found.extend(c for c in child.children if c.dep_ == "pobj")
        for child in verb.children:  # "met on Monday with X": also check a prt-attached prep
            if child.dep_ == "prt":
                for grand in child.children:
                    if grand.lower_ == prep:
                        found.extend(c for c in grand.children if c.dep_ == "pobj")
    if is_passive(verb):
        found.extend(c for c in verb.children if c.dep_ == "nsubjpass")
    elif not found:
        found.extend(c for c in verb.children if c.dep_ in ("dobj", "dative"))
        for child in verb.children:  # "gave aid to X"
            if child.dep_ == "dative" and child.pos_ == "ADP":
                found.extend(c for c in child.children if c.dep_ == "pobj")
    return found


# Acts of a third party between two others: "a mediation effort between A and B".
THIRD_PARTY_NOUNS = frozenset({"mediation", "arbitration", "facilitation"})


def noun_participants(noun: Token, trigger: Token | None = None) -> tuple[list[Token], list[Token]]:
    """Actor and recipient tokens of a noun trigger (or of the noun ``trigger`` modifies): "attack by X
    on Y", "X's visit to Y", "talks between X and Y", "Israeli airstrikes"."""
    actors: list[Token] = []
    recipients: list[Token] = []
    for child in noun.children:
        if child.dep_ == "poss" or (
            child.dep_ in ("compound", "amod") and child.ent_type_ in ("GPE", "NORP", "ORG", "PERSON")
        ):
            actors.append(child)
        elif child.dep_ == "prep":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if child.lower_ in ("between", "among") and (trigger or noun).lemma_.lower() in THIRD_PARTY_NOUNS:
                recipients.extend(objects)  # "mediation between A and B": A and B are mediated, not mediators
            elif child.lower_ in ("by", "between", "among", "from"):
                actors.extend(objects)
            elif child.lower_ in ("with", "on", "against", "to", "at", "of", "for"):
                recipients.extend(objects)  # "in Gaza" is where, not whom: see place_recipient
    return actors, recipients


def place_of(analysis: Analysis, token: Token) -> str | None:
    """The place id of a location attached to the trigger ("in Geneva", "at the border"), or to its
    object or partner ("signed a protocol in Ottawa", "met with diplomats in Vienna")."""
    nouns = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    nouns += [
        g
        for c in token.children
        if c.dep_ == "prep" and c.lower_ not in LOCATIVE_PREPS
        for g in c.children
        if g.dep_ == "pobj"
    ]
    for holder in [token, *nouns]:
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ in LOCATIVE_PREPS:
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    place = place_in(analysis, pobj)
                    if place is not None:
                        return place
    return None


def place_in(analysis: Analysis, token: Token) -> str | None:
    """The place id named by a noun phrase, if its head is a geocoded mention."""
    start = token.left_edge.idx
    end = token.right_edge.idx + len(token.right_edge.text)
    for entity in analysis.entities_in(start, end):
        if entity.place and entity.start <= token.idx < entity.end:
            return entity.place
    return None


def country_actor(analysis: Analysis, place_id: str | None) -> Actor | None:
    """The country actor of the country a place lies in, if the article has one."""
    place = analysis.place(place_id)
    if place is None or not place.country:
        return None
    return next((a for a in analysis.actors if a.kind == "country" and a.country == place.country), None)


def place_recipient(analysis: Analysis, place_id: str | None, actors: list[Actor]) -> Actor | None:
    """The country an event happens in, as its recipient when the text names no other one: PLOVER
    codes a curfew in Abidjan, a protest in Belgrade or a strike on a town as aimed at that country
    (its government or people). The country's actor is added to the article when it has none."""
    country = country_actor(analysis, place_id) or add_country_actor(analysis, place_id)
    if country is None or country in actors:
        return None
    return country


def add_country_actor(analysis: Analysis, place_id: str | None) -> Actor | None:
    """Add the actor of the country a place lies in, named by that place's mention ("in Abidjan"
    stands for Côte d'Ivoire as the target of a curfew); None when the place or its country is unknown."""
    from newsevents.actors.kb import knowledge_base

    place = analysis.place(place_id)
    if place is None or not place.country or not place.mentions:
        return None
    entry = knowledge_base().country(place.country)
    if entry is None:
        return None
    mention = next((e for e in analysis.entities if e.id == place.mentions[0]), None)
    if mention is None:
        return None
    numbers = [int(a.id[1:]) for a in analysis.actors if a.id[:1] == "a" and a.id[1:].isdigit()]
    actor = Actor(
        id=f"a{max(numbers, default=0) + 1}",
        name=entry.name,
        kind="country",
        country=place.country,
        sectors=list(entry.sectors),
        mentions=[mention.id],
        wikidata=entry.wikidata,
    )
    if mention.actor is None:
        mention.actor = actor.id
    analysis.actors.append(actor)
    return actor


def place_mention(analysis: Analysis, token: Token) -> bool:
    """Whether a noun phrase's head is a geocoded place that is not a country ("Carabalan", "the
    Kyivskyi district"): a location, not a participant."""
    for entity in analysis.entities_in(token.left_edge.idx, token.right_edge.idx + len(token.right_edge.text)):
        if entity.place and entity.start <= token.idx < entity.end:
            place = analysis.place(entity.place)
            return place is not None and place.feature != "country"
    return False
