"""Code PLOVER events sentence by sentence from the dependency parse.

For each token that matches a lexicon trigger (and that no guard in guards.py sets aside) we find
the actors and recipients (roles.py, participants.py), the status (status.py), the date (dates.py),
the place, mode, context, and a confidence. An event needs an actor or a recipient that is one of
the article's actors, else it is dropped (precision first). Within a sentence, restatements of one
happening are folded together; merge.py then merges repeats across sentences into one event whose
``evidence`` lists every sentence.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np

from newsevents.events import guards
from newsevents.events import participants as parts
from newsevents.events.dates import date_of
from newsevents.events.lexicon import NOUN_TRIGGERS, VERB_OBJECT_TRIGGERS, VERB_TRIGGERS, Trigger
from newsevents.events.merge import Candidate, merge_candidates
from newsevents.events.ontology import QUAD_CODES
from newsevents.events.roles import actors_named, names_an_actor, participant_tokens, recipients_named
from newsevents.events.status import PRESUPPOSING_PREPOSITIONS, event_status
from newsevents.language import LemmaTable, doc_text
from newsevents.model import Actor, Analysis

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

TERROR_WORDS = re.compile(r"\bterror|\bsuicide\b|\bjihadi", re.I)
PHONE_WORDS = frozenset({"phone", "telephone", "video", "videoconference", "virtually"})
COMPLEMENT_MODES = {  # the mode of a threat/demand/rejection from the event it is about
    "THREATEN": {"ASSAULT": "violence", "SANCTION": "relations", "COERCE": "restrict", "MOBILIZE": "violence"},
    "REQUEST": {
        "CONSULT": "meet",
        "RETREAT": "yield",
        "CONCEDE": "yield",
        "AID": "assist",
        "COOPERATE": "assist",
        "AGREE": "meet",
    },
    "REJECT": {
        "CONSULT": "meet",
        "RETREAT": "yield",
        "CONCEDE": "yield",
        "AID": "assist",
        "COOPERATE": "assist",
        "AGREE": "meet",
    },
}
SECTOR_CONTEXTS = {
    "MIL": "military",
    "REB": "military",
    "COP": "legal",
    "JUD": "legal",
    "IGO": "diplomatic",
    "NGO": "humanitarian",
    "BUS": "economic",
}


def code_events(analysis: Analysis, doc: Doc) -> None:
    """Append the article's PLOVER events, one per happening, with their evidence sentences."""
    if guards.sports_report(doc_text(doc)):
        return  # match reports: "Kenya beat Uganda", "rallied to win", "15 meetings with"
    candidates: list[Candidate] = []
    words = _possible_triggers(doc)
    for sentence in doc.sents:
        candidates.extend(code_sentence(analysis, sentence, words))
    events = merge_candidates(analysis, candidates)
    analysis.events.extend(events)


def _possible_triggers(doc: Doc) -> set[int]:
    """The indices of the words that can start a match (``match_verb_object``, ``match_verb``, ``match_noun``,
    ``_demands_through_modal``): a verb or noun whose lemma one of their tables holds. Read as arrays for
    the whole text: a Token per word, built for those four tests, cost more than the tests."""
    if not len(doc):
        return set()
    from spacy.attrs import LEMMA, POS

    strings = doc.vocab.strings
    verb, noun, propn = (strings.add(pos) for pos in ("VERB", "NOUN", "PROPN"))
    columns = doc.to_array([POS, LEMMA])
    pos, lemmas = columns[:, 0], columns[:, 1]
    possible = np.zeros(len(doc), dtype=bool)
    verbs = pos == verb
    possible[verbs] = _VERB_LEMMAS.holds(lemmas[verbs], strings)
    nouns = (pos == noun) | (pos == propn)
    possible[nouns] = _NOUN_LEMMAS.holds(lemmas[nouns], strings)
    return set(possible.nonzero()[0].tolist())


def code_sentence(analysis: Analysis, sentence: Span, words: set[int] | None = None) -> list[Candidate]:
    """Every event a sentence reports (before merging across sentences). ``words``: the indices of the
    doc's words that can trigger (``_possible_triggers``), when known; the others match nothing."""
    found: list[Candidate] = []
    consumed: set[int] = set()  # nouns already used by a verb+object trigger
    matches: list[tuple[Token, Trigger]] = []
    doc = sentence.doc
    tokens = list(sentence) if words is None else [doc[i] for i in range(sentence.start, sentence.end) if i in words]
    for token in tokens:
        paired = match_verb_object(token)
        if paired is not None:
            matches.append((token, paired[0]))
            consumed.update(o.i for o in paired[1])
            consumed.update(c.i for o in paired[1] for c in o.children if c.dep_ == "compound")
    matched = {m[0].i for m in matches}
    for token in tokens:
        if token.i in consumed or token.i in matched:
            continue
        trigger = match_verb(token) or match_noun(token)
        if trigger is not None:
            matches.append((token, trigger))
            matched.add(token.i)
    for token in tokens:
        if token.i not in matched and _demands_through_modal(analysis, token):
            matches.append((token, DEMAND_TRIGGER))
            matched.add(token.i)
    matches = [(t, trig) for t, trig in matches if not _in_anonymity_clause(t) and not _not_an_event(t, trig)]
    triggers_by_token = {token.i: trigger for token, trigger in matches}
    for token, trigger in matches:
        candidate = _code_trigger(analysis, sentence, token, trigger, triggers_by_token)
        if candidate is not None:
            found.append(candidate)
    found = _drop_restatements(found)
    found = _fold_purposes(found)
    _inherit_complement_recipients(analysis, found)
    return _drop_contents(found)


def _not_an_event(token: Token, trigger: Trigger) -> bool:
    """Whether a guard (guards.py) says this matched trigger reports no event."""
    return bool(
        guards.boilerplate(token)
        or guards.noun_is_no_happening(token, trigger)
        or guards.adjectival_use(token)
        or guards.in_condition(token)
        or guards.open_question(token)
        or guards.someone_elses_wish(token)
        or guards.question_asked(token)
        or guards.opinion_assented(token)
        or guards.showing_sense(token, trigger)
    )


def _drop_restatements(found: list[Candidate]) -> list[Candidate]:
    """Keep one candidate per happening within a sentence.

    A trigger coordinated with or complementing a coded trigger of the same type ("agreed to
    reopen and agreed to ...") is the same event. A noun trigger that is the object of a coded verb
    trigger of the same type ("hosted talks") is too: keep the verb. So is a verbal noun that is the
    object of another verb trigger ("signed the deal", "rejected the proposal", "called for an
    investigation"): the verb says what was done with it. A noun naming the circumstances of a coded
    verb ("arrested 23 people in raids") is that verb's event."""
    coded = {(c.token.i, c.trigger.event) for c in found}
    found = [
        c
        for c in found
        if not (c.token.dep_ in ("xcomp", "advcl", "conj", "ccomp") and (c.token.head.i, c.trigger.event) in coded)
    ]
    verbs = {c.token.i: c for c in found if c.trigger.kind != "noun" and c.token.lemma_.lower() != "deny"}
    kept = []
    for c in found:
        verb, prep = _verb_of_noun(c.token) if c.trigger.kind == "noun" else (None, None)
        if prep in PRESUPPOSING_PREPOSITIONS:
            kept.append(c)  # "would not close the border despite Somalia's refusal": a happening of its own
            continue
        owner = verbs.get(verb.i) if verb is not None else None
        verbal = QUAD_CODES[c.trigger.event] in (1, 3)
        if owner is None and not (prep is None and verb is not None and (verb.i, c.trigger.event) in coded):
            kept.append(c)
            continue
        same = verb is not None and (verb.i, c.trigger.event) in coded
        if (prep is None and (same or verbal)) or (prep is not None and (prep in CIRCUMSTANCE_PREPS or verbal)):
            if owner is not None and owner.trigger.event == c.trigger.event:
                # "arrived in Riyadh for talks with Saudi officials": the talks say whom the visit is
                # to; "were killed in clashes between the army and rebels": who fought.
                if not owner.recipients:
                    owner.recipients = [r for r in c.recipients if r not in owner.actors]
                if not owner.actors:
                    owner.actors = [a for a in c.actors if a not in owner.recipients]
            continue
        kept.append(c)
    return kept


# Prepositions whose object names the circumstances of the verb's event ("arrested in raids").
CIRCUMSTANCE_PREPS = frozenset({"in", "during", "amid"})


def _verb_of_noun(noun: Token) -> tuple[Token | None, str | None]:
    """The verb a noun trigger is the direct object of (prep None), or whose preposition governs it."""
    if noun.dep_ == "dobj":
        return noun.head, None
    if noun.dep_ == "pobj" and noun.head.dep_ in ("prep", "dative") and noun.head.head.pos_ == "VERB":
        return noun.head.head, noun.head.lower_
    return None, None


# Events about another act take their recipient from it: "threatened to break off relations with
# Congo" threatens Congo, "agreed to provide aid for Romania" agrees with Romania (PLOVER codes the
# target of a threat, demand, promise or refusal as the target of the act it is about).
ABOUT_ANOTHER_ACT = frozenset({"AGREE", "THREATEN", "REQUEST", "REJECT"})


def _fold_purposes(found: list[Candidate]) -> list[Candidate]:
    """One event for "began a hunger strike to protest against Sweden's decision": a trigger of the
    same type and actors in the purpose or complement clause of another is the same happening; the
    outer one keeps it, with its recipients."""
    kept: list[Candidate] = []
    for candidate in found:
        outer = next(
            (
                k
                for k in found
                if k is not candidate
                and k.trigger.event == candidate.trigger.event
                and k.status == candidate.status
                and {a.id for a in k.actors} == {a.id for a in candidate.actors}
                and candidate.token.i in {t.i for t in _complement_tokens(_clause_head(k.token))}
            ),
            None,
        )
        if outer is None:
            kept.append(candidate)
            continue
        outer.recipients += [r for r in candidate.recipients if r not in outer.recipients + outer.actors]
    return kept


# Events whose complement clause says what is asked, refused or allowed: "rejected any demand to
# withdraw" is a rejection (PLOVER REJECT, its mode from the act refused), "urged Turkey to make a deal"
# a request, "to allow the UN to deliver aid" a concession; the act inside is their content, not a
# second happening. A threat keeps the act it threatens as a hypothetical event of its own: what
# is threatened (an attack, sanctions) is what a reader filters threats by.
CONTAINING_EVENTS = frozenset({"REQUEST", "REJECT", "CONCEDE"})
# Links from an act up to the event whose content it is: the complement clause, a noun's clause
# ("any demand to withdraw"), the object of such a clause ("to make a deal").
CONTENT_LINKS = frozenset({"xcomp", "ccomp", "acl", "dobj"})


def _drop_contents(found: list[Candidate]) -> list[Candidate]:
    """Leave out an event that is the content of another event of the sentence: the act in the
    complement of a request, refusal or permission, and the demand a protest makes
    ("marched on parliament, demanding that wages be raised": one protest)."""
    containers = {c.token.i: c for c in found if c.trigger.event in CONTAINING_EVENTS}
    protests = {c.token.i: c for c in found if c.trigger.event == "PROTEST"}
    kept = []
    for candidate in found:
        outer = _container_of(candidate.token, containers)
        if outer is None and candidate.trigger.event == "REQUEST":
            outer = _protest_demanding(candidate.token, protests)
        if outer is None or outer is candidate:
            kept.append(candidate)
            continue
        if outer.trigger.event == "PROTEST":
            outer.recipients += [r for r in candidate.recipients if r not in outer.recipients + outer.actors]
    return kept


def _container_of(token: Token, containers: dict[int, Candidate]) -> Candidate | None:
    """The request, refusal or permission whose complement clause holds the token."""
    current = token
    for _ in range(4):
        if current.dep_ not in CONTENT_LINKS or current.head.i == current.i:
            return None
        if current.dep_ == "ccomp" and current.tag_ != "VB":
            return None  # "oppose the bill; Omar asks the court ...": a finite clause reports its own act
        current = current.head
        if current.i in containers:
            return containers[current.i]
    return None


def _protest_demanding(token: Token, protests: dict[int, Candidate]) -> Candidate | None:
    """The protest a participial demand belongs to: "demanding ..." as an adjunct of the protest verb,
    or of the verb whose object is the protest ("joined the strike, demanding ...")."""
    if token.dep_ != "advcl" or token.tag_ != "VBG":
        return None
    head = token.head
    if head.i in protests:
        return protests[head.i]
    return next((protests[c.i] for c in head.children if c.dep_ == "dobj" and c.i in protests), None)


def _clause_head(token: Token) -> Token:
    """The verb whose clause a noun trigger belongs to ("began a hunger strike" -> began)."""
    if token.pos_ == "NOUN" and token.dep_ in ("dobj", "nsubjpass") and token.head.pos_ == "VERB":
        return token.head
    return token


def _inherit_complement_recipients(analysis: Analysis, found: list[Candidate]) -> None:
    """Give a threat, demand, promise or refusal without recipient the party it is aimed at: the
    recipients of the act it is about (a trigger in its complement clause), else the one who must act
    ("demanded that the US cancel", "threatened to strike unless Israel withdrew"), else whom or where
    the act it is about is aimed ("threatened to deliver blows to the United States")."""
    by_token = {c.token.i: c for c in found}
    for candidate in found:
        if candidate.recipients or candidate.trigger.event not in ABOUT_ANOTHER_ACT:
            continue
        if candidate.trigger.event == "REQUEST":  # "demanded that the EC refuse to recognise X": the EC
            tokens = _addressees(candidate.token, candidate.trigger.event)
            candidate.recipients = [a for a in recipients_named(analysis, tokens) if a not in candidate.actors]
        for token in _complement_tokens(candidate.token) if not candidate.recipients else []:
            inner = by_token.get(token.i)
            if inner is None:
                continue
            recipients = [r for r in inner.recipients if r not in candidate.actors]
            if recipients:
                candidate.recipients = recipients
                break
        if not candidate.recipients:
            tokens = _addressees(candidate.token, candidate.trigger.event)
            candidate.recipients = [a for a in recipients_named(analysis, tokens) if a not in candidate.actors]
        if not candidate.recipients and candidate.trigger.event == "THREATEN":
            for clause in (c for c in _complement_tokens(candidate.token) if c.dep_ == "xcomp"):
                country = parts.place_recipient(analysis, parts.place_of(analysis, clause), candidate.actors)
                if country is not None:
                    candidate.recipients = [country]
                    break


def _addressees(token: Token, event: str) -> list[Token]:
    """Who a demand or threat is addressed to, read from its clauses: the subject of a "that"
    clause ("demanded that Hamas renounce"), the subject of an "unless"/"if" condition ("threatened
    to strike unless Israel rescinded"), the target of the act threatened ("threatened to deliver
    blows to the United States")."""
    found: list[Token] = []
    for clause in (c for c in token.children if c.dep_ == "ccomp"):
        found += [c for c in clause.children if c.dep_ == "nsubj"]
    for clause in _complement_tokens(token):
        if clause.dep_ == "advcl" and any(m.lower_ in ("unless", "if") for m in clause.children):
            found += [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    if event in ("THREATEN", "REJECT", "AGREE"):
        for verb in (c for c in _complement_tokens(token) if c.dep_ == "xcomp"):
            for child in verb.children:
                if child.dep_ in ("prep", "dative") and child.lower_ in ("to", "against", "on", "with"):
                    found += [g for g in child.children if g.dep_ == "pobj"]
    return found


def _complement_tokens(token: Token) -> list[Token]:
    """Tokens of the clause a verb governs through xcomp/ccomp (and their objects), nearest first."""
    found: list[Token] = []
    frontier = [c for c in token.children if c.dep_ in ("xcomp", "ccomp", "dobj", "advcl")]
    for _ in range(3):
        found.extend(frontier)
        frontier = [
            c
            for t in frontier
            for c in t.children
            if c.dep_ in ("xcomp", "ccomp", "dobj", "conj", "prep", "pobj", "acl", "advcl")
        ]
    return found


# "Russia said Sudan must return the helicopter": a statement that another party must act is a
# demand made of that party (PLOVER REQUEST), the reporting verb its trigger.
DEMAND_TRIGGER = Trigger("verb", "say", (), "REQUEST", None, (), frozenset({"rec", "demand"}))
DEMAND_REPORTING = frozenset(
    {
        "say",
        "declare",
        "reiterate",
        "insist",
        "stress",
        "conclude",
        "announce",
        "tell",
        "add",
        "state",
        "write",
        "argue",
        "warn",
        "repeat",
        "emphasize",
    }
)
DEMAND_MODALS = frozenset({"must", "should"})
# The verb lemmas a verb trigger, a verb+object trigger or a demand can start from.
_VERB_WORDS = frozenset(VERB_TRIGGERS) | frozenset(VERB_OBJECT_TRIGGERS) | DEMAND_REPORTING
_VERB_LEMMAS = LemmaTable(_VERB_WORDS)
_NOUN_LEMMAS = LemmaTable(NOUN_TRIGGERS)


def _demands_through_modal(analysis: Analysis, token: Token) -> bool:
    """A reporting verb whose reported clause says its subject, another party, must (should) act."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in DEMAND_REPORTING:
        return False
    clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
    subject = next((c for c in clause.children if c.dep_ == "nsubj"), None) if clause is not None else None
    if subject is None:
        return False  # "refugees must not be forced": the passive names no one who must act
    if subject.pos_ == "PRON" and subject.lower_ in SPEAKERS_OWN:
        return False  # "we must teach him love" exhorts the speaker's side
    if not names_an_actor(analysis, subject) and any(names_an_actor(analysis, t) for t in subject.subtree):
        return False  # "its use by the police should send a signal": a thing that must do, not a party
    return any(c.dep_ == "aux" and c.lower_ in DEMAND_MODALS for c in clause.children)


# First and second person: what "we" or "you" must do is an exhortation, not a demand made of a party.
SPEAKERS_OWN = frozenset({"i", "we", "you", "one", "everyone", "everybody"})


ANONYMITY_CLAUSE = re.compile(r"anonymity|not to be (named|identified)|not authori[sz]ed|to speak publicly", re.I)


def _in_anonymity_clause(token: Token) -> bool:
    """A trigger inside "who requested anonymity", "who asked not to be named" describes a source."""
    for clause in [token, *token.ancestors]:
        if clause.dep_ in ("relcl", "advcl", "acl") and ANONYMITY_CLAUSE.search(
            token.doc[clause.left_edge.i : clause.right_edge.i + 1].text
        ):
            return True
    return False


# --- matching the lexicon --------------------------------------------------------------------


def match_verb(token: Token) -> Trigger | None:
    """The most specific verb pattern whose particles and preposition the verb has."""
    if token.pos_ != "VERB":
        return None
    entries = VERB_TRIGGERS.get(token.lemma_.lower())
    if not entries:
        return None
    # "pull out of": a particle the parser read as a preposition right after the verb.
    particles = {
        c.lower_
        for c in token.children
        if (c.dep_ == "prt" or (c.dep_ == "prep" and c.i == token.i + 1 and c.lower_ in PARTICLE_WORDS))
        and not _up_to_a_number(c)
    }
    preps = {c.lower_ for c in token.children if c.dep_ in ("prep", "agent", "dative")}
    for child in token.children:
        if child.dep_ == "prt":
            preps |= {g.lower_ for g in child.children if g.dep_ == "prep"}
    reports_clause = _reports_clause(token)
    for entry in entries:
        if set(entry.particles) != particles and set(entry.particles) != particles - preps:
            continue
        if "ccomp" in entry.flags and not reports_clause:
            continue
        prep = entry.recipient_prep
        if prep is None or prep in preps:
            return entry
    return None


def _up_to_a_number(particle: Token) -> bool:
    """ "kidnapped up to 16 advisers": "up to" bounds a number, it is no particle of the verb."""
    following = particle.doc[particle.i + 1] if particle.i + 1 < len(particle.doc) else None
    return particle.lower_ == "up" and following is not None and following.lower_ == "to"


def _reports_clause(token: Token) -> bool:
    """Whether a verb reports a clause: "protested that ...", "..., a group protested"."""
    return any(c.dep_ == "ccomp" for c in token.children) or (
        token.dep_ in ("parataxis", "ccomp") and token.head.pos_ in ("VERB", "AUX") and token.i > token.head.i
    )


def object_tokens(token: Token, preps: tuple[str, ...] = ()) -> list[Token]:
    """The nouns a verb acts on: its direct (or passive) object, the objects of the given
    prepositions, their conjuncts, and what they name through "of" ("tons of food aid")."""
    found = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    for child in token.children:
        if child.dep_ in ("prep", "prt") and child.lower_ in preps:
            found.extend(g for g in child.children if g.dep_ == "pobj")
    frontier = list(found)
    for _ in range(2):
        following = []
        for noun in frontier:
            following.extend(c for c in noun.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN"))
            for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "in", "worth")):
                following.extend(g for g in prep.children if g.dep_ == "pobj")
        found.extend(following)
        frontier = following
    return found


def match_verb_object(token: Token) -> tuple[Trigger, list[Token]] | None:
    """A verb + object pair such as "impose sanctions" or "open fire", with the object tokens."""
    if token.pos_ != "VERB":
        return None
    entries = VERB_OBJECT_TRIGGERS.get(token.lemma_.lower())
    if not entries:
        return None
    # "close the border despite the refusal": a preposition of circumstance names no object of the verb
    particles = {c.lower_ for c in token.children if c.dep_ in ("prt", "prep")} - PRESUPPOSING_PREPOSITIONS
    objects = object_tokens(token, tuple(particles))
    lemmas = {o.lemma_.lower() for o in objects} | {o.lower_ for o in objects}  # "crossing" tagged a verb
    lemmas |= {c.lemma_.lower() for o in objects for c in o.children if c.dep_ == "compound"}
    for entry in entries:
        *needed, obj = entry.words
        if obj in lemmas and set(needed) <= particles:
            return entry, objects
    return None


EFFORT_NOUNS = frozenset(
    {"effort", "mission", "operation", "campaign", "process", "bid", "attempt", "drive", "initiative", "round"}
)
PARTICLE_WORDS = frozenset({"out", "up", "off", "down", "back", "over"})
MILITARY_WORDS = frozenset(
    {
        "air",
        "drone",
        "missile",
        "military",
        "army",
        "troops",
        "bomb",
        "rocket",
        "artillery",
        "airstrike",
        "forces",
        "jets",
        "warplanes",
        "navy",
        "precision",
    }
)


def match_noun(token: Token) -> Trigger | None:
    """A noun trigger, with the modifiers its pattern needs ("air strike", "hunger strike")."""
    if token.pos_ not in ("NOUN", "PROPN") or token.ent_type_ in ("ORG", "GPE", "PERSON", "EVENT"):
        return None
    entries = NOUN_TRIGGERS.get(token.lemma_.lower())
    if not entries:
        return None
    modifiers = {c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "amod", "nmod")}
    if modifiers & MEDIA_WORDS:
        return None  # "a news conference", "a press briefing"
    if token.dep_ == "compound" and token.head.lemma_.lower() not in EFFORT_NOUNS:
        return None  # "patrol vessels", "aid workers": a modifier, not a happening
    for entry in entries:
        if not set(entry.words) <= modifiers:
            continue
        if "civil" in entry.flags and any(t.lower_ in MILITARY_WORDS for t in token.sent):
            continue
        return entry
    return None


# --- one trigger -----------------------------------------------------------------------------


def _code_trigger(
    analysis: Analysis, sentence: Span, token: Token, trigger: Trigger, triggers: dict[int, Trigger]
) -> Candidate | None:
    """One trigger coded as a candidate event, or None when it has no participant we know."""
    event, mode = trigger.event, trigger.mode
    roles = participant_tokens(analysis, token, trigger)
    if roles is None:
        return None
    actor_tokens, recipient_tokens, place, violent_cause = roles
    actors = actors_named(analysis, actor_tokens)
    if not actors and trigger.kind != "noun" and not parts.is_passive(token) and not violent_cause:
        return None  # "areas that do not support ...", "Be sure to visit ...": no actor does it
    if "forces" in trigger.flags and not _withdraws_forces(token):
        return None  # "withdrew its S-1 filing": no forces, no place left
    if "armed" in trigger.flags and not _armed(token, actors):
        return None  # "air quality alerts"
    if "people" in trigger.flags and not _releases_people(analysis, token):
        return None  # "police released footage", "Apple released the keyboard": no one set free
    if "offer" in trigger.flags and not _offers_something(token):
        return None  # "Nissan will offer better mileage", "did not offer a response"
    if "made" in trigger.flags and not _made_by_someone(analysis, token):
        return None  # "under the agreement", "unwind the agreement": a deal referred to, not made
    if event == "PROTEST" and mode == "obstruct" and actors and all(_is_state(a) for a in actors):
        event, mode = "COERCE", "restrict"  # a state that blocks a crossing restricts, it does not protest
    recipients = [a for a in recipients_named(analysis, recipient_tokens) if a not in actors]
    if not actors and _stative_passive(token):
        actors, recipients = recipients, []  # "Vietnam is committed to opening up": Vietnam commits
    doers = actors_named(analysis, _forces_sent_to_act(token))
    if doers:  # "trained opposition forces to fight against IS": the forces fight
        actors, recipients = doers, [r for r in recipients if r not in doers]
    movers = actors_named(analysis, _forces_moved(token, trigger))
    if movers:  # "the withdrawal of Russian troops from Syria": the troops' side withdraws
        actors, recipients = movers, [a for a in actors + recipients if a not in movers]
    if "joint" in trigger.flags and not (
        any(c.lower_ in ("joint", "combined") for c in token.children) or len(actors) + len(recipients) > 1
    ):
        event, mode = "MOBILIZE", "troops"  # exercises held by one side alone are a show of force
    if "visit" in trigger.flags and not recipients:
        for recipient_token in recipient_tokens:
            place = place or parts.place_in(analysis, recipient_token)
        abroad = _abroad(analysis, place, actors)
        host = parts.country_actor(analysis, place) or (parts.add_country_actor(analysis, place) if abroad else None)
        if host is not None and host not in actors:
            recipients = [host]
        elif not abroad:
            return None  # a visit codes only with a host or a place abroad ("arrived in pickup trucks")
    if "visit" in trigger.flags and trigger.kind == "verb" and _forces_move(token):
        event, mode = "MOBILIZE", "troops"  # "peacekeeping troops arrived in Sierra Leone": a deployment
    if event == "MOBILIZE" and _peacekeeping(token):
        event, mode = "AID", "peacekeeping"  # PLOVER AID: "provide military protection or peacekeeping"
    if "host" in trigger.flags and not any(names_an_actor(analysis, t) for t in recipient_tokens):
        return None  # "received a suspension", "received credible reports": no visitor
    if (
        "rec" in trigger.flags
        and not recipients
        and not _has_clause(token)
        and not _asks_someone(token)
        and not (event == "ASSAULT" and place is not None and actors)
    ):
        return None  # "struck targets in Gaza" codes with its place; "struck a deal" does not
    if not actors and not any(_names_a_party(r, violent_cause) for r in recipients):
        return None  # "Five people were killed": no one named took part
    if guards.no_one_cooperates(event, actors):
        return None  # "deals with authoritarian governments", "after he was released from prison"
    if (
        guards.contest(token, trigger, actors, recipients)
        or guards.session_of_one_body(event, trigger, actors, recipients)
        or guards.commerce(token, event, actors, recipients)
    ):
        return None
    if event == "CONSULT" and _addresses_the_media(token, recipient_tokens):
        return None  # "told a news conference", "not authorised to speak to the media"
    if not recipients and event not in NO_PLACE_TARGET and not trigger.flags & {"noobj", "sym"}:
        country = parts.place_recipient(analysis, place, actors)
        recipients = [country] if country is not None else []
    if event == "CONSULT" and mode is None:
        mode = _consult_mode(analysis, token, actors + recipients, place)
    if event in COMPLEMENT_MODES and mode is None:
        mode = _complement_mode(token, event, triggers)
    status = event_status(token)
    if status == "negated" and QUAD_CODES[event] in (1, 2) and _refuses(token):
        # "Syria says it will not accept any more refugees": PLOVER codes the refusal itself.
        event, mode, status = "REJECT", COMPLEMENT_MODES["REJECT"].get(event), "asserted"
    when = date_of(analysis, token)
    if (
        status == "asserted"
        and when.value
        and analysis.article.published
        and len(when.value) in (4, 7, 10)
        and when.value > analysis.article.published[: len(when.value)]
    ):
        status = "planned"  # "on Dec. 3", "next month", "next year": after the day, month or year it was published
    if event != trigger.event:
        trigger = Trigger(
            trigger.kind, trigger.lemma, trigger.words, event, mode, trigger.context, trigger.flags - {"joint"}
        )
    return Candidate(
        trigger=trigger,
        token=token,
        sentence=sentence,
        actors=actors,
        recipients=recipients,
        status=status,
        mode=mode,
        place=place,
        date=when.value,
        enddate=when.end,
        contexts=_contexts(analysis, trigger, event, mode, actors + recipients, sentence),
    )


# Events whose place is not their target: a meeting, a withdrawal or a deployment in a country is not
# aimed at it; clashes and talks ("sym") have their parties as participants.
NO_PLACE_TARGET = frozenset({"CONSULT", "RETREAT", "MOBILIZE"})
# What one offers that makes an offer an event: the lexicon's nouns and these.
OFFERABLE = frozenset(
    {"troop", "help", "support", "concession", "compensation", "resignation", "money", "loan", "asylum", "weapon",
     "assistance", "cooperation", "mediation", "guarantee", "amnesty", "security", "force", "soldier", "aid"}
)  # fmt: skip
# Verbs by which someone makes an agreement ("reached", "signed", "brokered" a deal).
MAKING_VERBS = frozenset(
    {"reach", "sign", "strike", "conclude", "agree", "broker", "seal", "clinch", "finalize", "finalise",
     "negotiate", "hammer", "secure", "forge", "initial", "ink", "approve", "ratify", "accept", "announce",
     "unveil", "draft", "propose", "offer", "make", "enter", "endorse"}
)  # fmt: skip
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "SPY"})


def _is_state(actor: Actor) -> bool:
    """A country or a state body (not a person, who may be a former official leading supporters)."""
    return actor.kind == "country" or (actor.kind == "organization" and bool(STATE_SECTORS & set(actor.sectors)))


# What a withdrawal withdraws when it is a retreat; and the words of armed forces and police.
FORCE_NOUNS = frozenset(
    {"troop", "force", "soldier", "unit", "personnel", "contingent", "battalion", "brigade", "fighter", "militia",
     "peacekeeper", "tank", "weapon", "army", "navy", "police", "officer", "presence", "mission", "warship",
     "ship", "vessel", "jet", "aircraft", "artillery", "division", "marine", "guard", "militant", "rebel"}
)  # fmt: skip
ARMED_WORDS = frozenset(
    {"troops", "forces", "army", "military", "soldiers", "police", "navy", "marines", "militia", "units",
     "defence", "defense", "security", "guards", "armed", "war", "combat", "missile", "nuclear"}
)  # fmt: skip
ARMED_SECTORS = frozenset({"MIL", "COP", "REB", "SPY"})
# What a release sets free when it is a PLOVER concession: people held.
PERSONAL_PRONOUNS = frozenset({"him", "her", "them", "us", "me", "who", "whom", "himself", "herself", "themselves"})
PEOPLE_NOUNS = frozenset(
    {"prisoner", "hostage", "detainee", "captive", "inmate", "person", "people", "journalist", "reporter", "activist",
     "soldier", "sailor", "seaman", "crew", "fisherman", "worker", "civilian", "child", "woman", "man", "student",
     "protester", "protestor", "national", "citizen", "tourist", "member", "leader", "suspect", "migrant", "refugee",
     "girl", "boy", "dissident", "politician", "official", "employee", "missionary", "pilot", "passenger", "officer",
     "militant", "fighter", "convict", "opponent", "critic", "blogger", "lawyer", "priest", "bishop", "nun",
     "president", "minister", "abductee", "individual", "resident", "villager", "farmer", "volunteer", "family",
     "captain", "diplomat", "aide", "general", "commander", "rebel", "demonstrator", "pow", "others", "rest"}
)  # fmt: skip
CUSTODY_WORDS = frozenset({"prison", "jail", "custody", "detention", "captivity", "bail", "parole", "house", "arrest"})


# Participles whose passive states the subject's own resolve ("is committed to", "are determined to").
STATIVE_PARTICIPLES = frozenset({"commit", "determine", "dedicate", "devote", "resolve", "bind"})


def _forces_sent_to_act(verb: Token) -> list[Token]:
    """The body of fighters an infinitive of purpose is done by: "sent troops to fight", "has been
    training opposition forces to fight IS" (the main verb acts on them so that they act)."""
    if verb.pos_ != "VERB" or verb.dep_ not in ("advcl", "xcomp") or verb.head.pos_ != "VERB":
        return []
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return []
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return []
    objects = [c for c in verb.head.children if c.dep_ == "dobj"]
    return [o for o in objects if o.lemma_.lower() in FORCE_NOUNS or o.lower_ in FORCE_NOUNS]


def _forces_moved(noun: Token, trigger: Trigger) -> list[Token]:
    """The forces a deployment or withdrawal noun moves, named through "of" ("the deployment of NATO
    troops"): they are its actor's own, as the object of "deployed troops" is."""
    if trigger.kind != "noun" or trigger.event not in ("MOBILIZE", "RETREAT"):
        return []
    objects = [g for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children]
    return [o for o in objects if o.dep_ == "pobj" and (o.lemma_.lower() in FORCE_NOUNS or o.lower_ in FORCE_NOUNS)]


def _stative_passive(token: Token) -> bool:
    """ "is committed to reform": an adjectival passive with no agent, whose subject holds the resolve."""
    return (
        token.lemma_.lower() in STATIVE_PARTICIPLES
        and token.tag_ == "VBN"
        and parts.is_passive(token)
        and not any(c.dep_ == "agent" for c in token.children)
    )


def _refuses(token: Token) -> bool:
    """ "will not accept", "would not meet", "won't allow": a refusal stated for the future."""
    aux = {c.lower_ for c in token.children if c.dep_ == "aux"}
    negated = any(c.dep_ == "neg" for c in token.children)
    return negated and bool(aux & {"will", "would", "wo", "'ll", "shall"})


def _forces_move(verb: Token) -> bool:
    """Whether the subject of a travel verb is a body of troops ("troops arrived in Bosnia")."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and subject.lemma_.lower() in FORCE_NOUNS


def _peacekeeping(token: Token) -> bool:
    """Whether the forces moved are peacekeepers ("deployed peacekeepers", "peacekeeping troops")."""
    words: set[str] = set()
    for holder in [token, *(c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "dobj"))]:
        words |= {t.lower_ for t in holder.subtree}
    return bool(words & {"peacekeeping", "peacekeeper", "peacekeepers", "peace-keeping"})


def _withdraws_forces(token: Token) -> bool:
    """A withdrawal of forces, or from somewhere, or with no object at all ("the rebels withdrew")."""
    objects = [c for c in token.children if c.dep_ == "dobj"]
    if not objects or any(c.dep_ == "prep" and c.lower_ in ("from", "out") for c in token.children):
        return True
    return any(o.lemma_.lower() in FORCE_NOUNS or o.lower_ in FORCE_NOUNS for o in objects)


def _released(token: Token) -> list[Token]:
    """What a release sets free: the object, the passive subject, or the "of" object of the noun; a
    relative pronoun stands for the noun its clause describes ("the keyboard that Apple released")."""
    if token.pos_ == "NOUN":
        ofs = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"]
        held = [g for c in ofs for g in c.children if g.dep_ == "pobj"]
    else:
        held = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    patients = []
    for patient in held:
        if patient.lower_ in ("that", "which") and token.dep_ == "relcl":
            patient = token.head
        patients.append(patient)
    return patients


def _releases_people(analysis: Analysis, token: Token) -> bool:
    """Whether a release sets people free: prisoners, hostages, a named person, "him", or someone
    freed "from prison" or "on bail"."""
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("from", "on")):
        if any(g.lemma_.lower() in CUSTODY_WORDS for g in prep.children):
            return True
    patients = _released(token)
    if not patients:
        # "the Magic Keyboard that Apple released" parsed with no object: an active release names
        # whom it frees; a bare noun ("after his release") may well be of people.
        return token.pos_ == "NOUN" or not any(c.dep_ == "nsubj" for c in token.children)
    return any(_is_people(analysis, patient) for patient in patients)


def _is_people(analysis: Analysis, patient: Token) -> bool:
    """A person or group: a personal pronoun, a word for people, a named person or nationality, or
    a person or group the actor layer knows ("20 detained sailors", "the British-Iranian aid worker")."""
    if patient.lower_ in PERSONAL_PRONOUNS or patient.lemma_.lower() in PEOPLE_NOUNS:
        return True
    if patient.ent_type_ in ("PERSON", "NORP"):
        return True
    if patient.pos_ != "PRON" and not names_an_actor(analysis, patient):
        return False  # "the singer's albums": the phrase mentions a person, its head is no one
    return any(a.kind in ("person", "group") for a in actors_named(analysis, [patient]))


def _armed(token: Token, actors: list[Actor]) -> bool:
    """Whether armed forces or police are around a trigger: its actors, or the words of its sentence."""
    if any(ARMED_SECTORS & set(a.sectors) for a in actors):
        return True
    return any(t.lower_ in ARMED_WORDS for t in token.sent)


def _offers_something(token: Token) -> bool:
    """An offer to someone, to do something, or of something that is an event or aid."""
    for child in token.children:
        if child.dep_ in ("xcomp", "dative", "ccomp"):
            return True
        if child.dep_ == "prep" and child.lower_ == "to":
            return True
        if child.dep_ == "dobj" and (child.lemma_.lower() in NOUN_TRIGGERS or child.lemma_.lower() in OFFERABLE):
            return True
    return False


def _made_by_someone(analysis: Analysis, noun: Token) -> bool:
    """Whether an agreement noun names its parties or the verb that made it."""
    actor_tokens, recipient_tokens = parts.noun_participants(noun)
    if actors_named(analysis, actor_tokens + recipient_tokens):
        return True
    verb, _ = _verb_of_noun(noun)
    if noun.dep_ == "nsubjpass":
        verb = noun.head
    return verb is not None and verb.lemma_.lower() in MAKING_VERBS


def _has_clause(token: Token) -> bool:
    """Whether a verb reports a clause of its own ("warned that ...", "protested the army had ..."),
    not a free relative ("will defend what is ours")."""
    for clause in (c for c in token.children if c.dep_ == "ccomp"):
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
            return True
        if subject is not None and subject.tag_ not in ("WP", "WDT", "WRB"):
            return True
    return False


def _asks_someone(token: Token) -> bool:
    """ "pressed both sides to sign": an object and what it is to do make a request to someone."""
    children = {c.dep_ for c in token.children}
    return "xcomp" in children and "dobj" in children


def _names_a_party(actor: Actor, violent_cause: bool) -> bool:
    """Whether a recipient alone makes an event worth coding: a named actor, or for a killing by a
    bomb or an attack, victims whose country or group is known ("one U.S. soldier", "al-Qaeda leaders")."""
    if not actor.generic and actor.kind != "group":
        return True
    return violent_cause and (actor.country is not None or not actor.generic)


MEDIA_WORDS = frozenset({"media", "press", "reporter", "journalist", "news", "public", "publicly"})


def _addresses_the_media(token: Token, recipient_tokens: list[Token]) -> bool:
    """A talk with the press is no consultation between actors."""
    tokens = list(recipient_tokens)
    tokens += [c for c in token.children if c.dep_ in ("compound", "amod", "advmod")]
    tokens += [g for c in token.children if c.dep_ == "prep" for g in c.children]
    words = {t.lemma_.lower() for t in tokens} | {t.lower_ for t in tokens}  # "media" has lemma "medium"
    return bool(words & MEDIA_WORDS)


def _abroad(analysis: Analysis, place: str | None, actors: list[Actor]) -> bool:
    """Whether a place lies in another country than every visitor's (or the visitors' is unknown)."""
    located = analysis.place(place)
    if located is None or not located.country or not actors:
        return False
    return all(a.country != located.country for a in actors)


def _consult_mode(analysis: Analysis, token: Token, participants: list[Actor], place: str | None) -> str | None:
    """phone when a phone is mentioned; third-party when it happens in no participant's country."""
    words = {t.lower_ for t in token.subtree} | {t.lower_ for t in token.head.children}
    if words & PHONE_WORDS:
        return "phone"
    located = analysis.place(place)
    countries = {a.country for a in participants if a.country}
    if located is not None and located.country and countries and located.country not in countries:
        return "third-party"
    return None


def _complement_mode(token: Token, event: str, triggers: dict[int, Trigger]) -> str | None:
    """The mode of a threat, demand or rejection from the event it is about ("threatened to strike")."""
    for child in token.subtree:
        if child.i != token.i and child.i in triggers:
            mode = COMPLEMENT_MODES[event].get(triggers[child.i].event)
            if mode is not None:
                return mode
    return None


def _contexts(
    analysis: Analysis, trigger: Trigger, event: str, mode: str | None, participants: list[Actor], sentence: Span
) -> list[str]:
    """PLOVER contexts from the trigger, its mode and the participants' sectors."""
    contexts = list(trigger.context)
    if event in ("ASSAULT", "MOBILIZE") and "military" not in contexts:
        contexts.append("military")
    if mode in ("arrest", "deport", "convict") and "legal" not in contexts:
        contexts.append("legal")
    for actor in participants:
        for sector in actor.sectors:
            context = SECTOR_CONTEXTS.get(sector)
            if context and context not in contexts:
                contexts.append(context)
    governments = {a.country for a in participants if a.country and (a.kind == "country" or "GOV" in a.sectors)}
    if len(governments) > 1 and "diplomatic" not in contexts:
        contexts.append("diplomatic")
    if TERROR_WORDS.search(sentence.text) and "terrorism" not in contexts:
        contexts.append("terrorism")
    return contexts
