"""Which tokens play actor and recipient for one matched trigger, and the actors they name.

A verb's actor is its subject (or a passive's "by" phrase, or the controller of an infinitive); an
event noun as subject lends its own parties ("clashes between the army and rebels killed ..."),
and a long situation as subject ("the war has killed tens of thousands") sums up many events and
codes none. A noun trigger takes its own parties ("X's visit to Y", "talks between X and Y"), else
the subject of the light verb it is the object of ("held talks", "launched an attack"), except when
that verb's subject does not carry it out ("intervened to save the deal") or undergoes it ("received
an inquiry", "is under investigation"). Recipients come from the object or the preposition the
lexicon names (not one's own things, "offered its troops to Y"; not a matter, "the Ukraine
scandal"); a place stands for its country. Without one, a protest is aimed at the state authority
its purpose names ("struck to demand the minister's resignation") and an accusation or inquiry at
whoever did the act it is about ("an inquiry into crimes committed by X").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsevents.events import participants as parts
from newsevents.events.lexicon import NOUN_TRIGGERS, Trigger
from newsevents.events.ontology import QUAD_CODES
from newsevents.model import Actor, Analysis

if TYPE_CHECKING:
    from spacy.tokens import Token


def names_an_actor(analysis: Analysis, token: Token) -> bool:
    """Whether a noun phrase's own head names an actor ("received the Japanese prime minister"),
    not something that merely mentions one ("received a suspension for shoving Rudolph")."""
    if token.pos_ == "PRON":
        return parts.antecedent(analysis, token) is not None
    idx = token.idx
    return any(e.actor and e.start <= idx < e.end for e in analysis.entities)


# Nouns that name a place, whatever entity modifies them: a target's location, not a participant.
PLACE_NOUNS = frozenset(
    {"district", "city", "town", "village", "area", "region", "province", "neighbourhood", "neighborhood", "county",
     "territory", "zone", "outskirts", "suburb", "street", "road", "highway", "quarter", "municipality", "capital"}
)  # fmt: skip


# Nouns that name a matter, not a party: the country that qualifies one ("the Ukraine scandal", "the
# Kashmir issue") is what it is about.
TOPIC_NOUNS = frozenset(
    {"scandal", "affair", "issue", "question", "matter", "controversy", "topic", "subject", "saga", "theme",
     "agenda"}
)  # fmt: skip


def _end(token: Token) -> int:
    return token.idx + len(token.text)


def recipients_named(analysis: Analysis, tokens: list[Token]) -> list[Actor]:
    """The actors named by recipient tokens; a place that is not a country stands for its country
    ("sent investigators to Carabalan" -> the Philippines), or for nothing when the article has no
    actor for that country."""
    found: list[Actor] = []
    for token in tokens:
        if token.lemma_.lower() in TOPIC_NOUNS and not names_an_actor(analysis, token):
            continue  # "limited the inquiry to the Ukraine scandal": a matter, whoever it concerns
        actors = actors_named(analysis, [token])
        if token.lemma_.lower() in PLACE_NOUNS:  # "the city's Kyivskyi districts", "districts of Kharkiv"
            places = [e.place for e in analysis.entities_in(token.left_edge.idx, _end(token.right_edge)) if e.place]
            countries = [parts.country_actor(analysis, p) for p in places]
            actors = [a for a in actors if a.kind == "country"] + [c for c in countries if c is not None][:1]
        elif token.pos_ != "PRON" and parts.place_mention(analysis, token):
            actors = [a for a in actors if a.kind == "country"]
            country = parts.country_actor(analysis, parts.place_in(analysis, token))
            if not actors and country is not None:
                actors = [country]
        found.extend(a for a in actors if a not in found)
    return found


# Verbs whose subject does not carry out the event named by their object: "intervened to save the
# deal", "survived the attack", "witnessed the clashes".
NOT_AGENT_GOVERNORS = frozenset(
    {"save", "protect", "survive", "witness", "watch", "monitor", "see", "hear", "fear", "recall", "remember",
     "mark", "commemorate", "describe", "report", "cover", "follow", "flee", "escape", "blame", "praise",
     "condemn", "criticise", "criticize", "welcome", "oppose", "reject", "denounce", "investigate", "probe",
     "document", "verify", "confirm", "deny", "protest", "end", "stop", "halt", "prevent", "undermine",
     "violate", "breach", "implement", "respect", "observe", "support", "back", "endorse", "hail", "study",
     "say", "tell", "add", "state", "announce", "claim", "note", "warn", "stress", "explain", "write"}
)  # fmt: skip
# Verbs whose subject undergoes the event their object names: "received an inquiry", "faced sanctions".
RECIPIENT_GOVERNORS = frozenset({"receive", "get", "face", "suffer", "undergo", "endure", "sustain", "incur"})
# Nouns naming a long situation rather than one happening: "the war has killed tens of thousands",
# "gang violence killed 5,600 people last year" sum up many events; none is coded from the verb.
SITUATION_NOUNS = frozenset(
    {"war", "conflict", "violence", "insurgency", "crisis", "unrest", "rebellion", "uprising", "instability",
     "turmoil", "fighting", "hostility", "hostilities", "occupation", "campaign", "epidemic", "famine"}
)  # fmt: skip
# Nouns naming a violent happening or its means: "a roadside bombing killed", "killed by a device".
VIOLENT_CAUSES = frozenset(
    {"bombing", "bomb", "explosion", "blast", "attack", "airstrike", "strike", "raid", "shelling", "device",
     "mine", "missile", "rocket", "shell", "grenade", "ambush", "clash", "firefight", "gunfire", "shooting",
     "drone", "bombardment", "assault", "fire", "mortar", "ied"}
)  # fmt: skip


def participant_tokens(
    analysis: Analysis, token: Token, trigger: Trigger
) -> tuple[list[Token], list[Token], str | None, bool] | None:
    """Actor tokens, recipient tokens, the place id of one trigger, and whether a violent happening
    is the verb's cause ("a bombing killed"); None when the trigger only sums up a situation."""
    place = parts.place_of(analysis, token)
    if trigger.kind == "noun":
        actor_tokens, recipient_tokens, place = _noun_participant_tokens(analysis, token, place)
        if trigger.event == "PROTEST" and not actors_named(analysis, recipient_tokens):
            recipient_tokens = recipient_tokens + protest_targets(analysis, token)
        if trigger.event == "ACCUSE" and not actors_named(analysis, recipient_tokens):
            recipient_tokens = recipient_tokens + accused_of(analysis, token)
        return actor_tokens, recipient_tokens, place, False
    subject, _ = parts.subject_of(token)
    violent_cause = False
    if (
        subject is not None
        and subject.pos_ in ("NOUN", "PROPN")
        and subject.ent_type_ == ""
        and not names_an_actor(analysis, subject)
    ):
        if subject.lemma_.lower() in SITUATION_NOUNS:
            return None
        if subject.lemma_.lower() in VIOLENT_CAUSES or subject.lemma_.lower() in NOUN_TRIGGERS:
            # "Clashes near the border killed seven soldiers": the clash's parties act, not the clash.
            subject_actors, _ = parts.noun_participants(subject)
            subject_actors += [
                g
                for c in subject.children
                if c.dep_ == "compound"
                for g in [c, *(x for x in c.children if x.dep_ == "compound")]
            ]
            violent_cause = subject.lemma_.lower() in VIOLENT_CAUSES
            subject_actors = [t for t in subject_actors if actors_named(analysis, [t])]
            subject = subject_actors[0] if subject_actors else None
    if parts.is_passive(token) or subject is None:
        violent_cause = violent_cause or _killed_by_violence(token)
    if subject is not None and _owned_thing(analysis, subject):
        return None  # "the MEB's flexibility ... allowing engineers to tinker": a thing does not act
    actor_tokens = [subject] if subject is not None else []
    if "demand" in trigger.flags:  # the subject of the clause that says what must be done
        clause = next(c for c in token.children if c.dep_ == "ccomp")
        return actor_tokens, [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")], place, False
    prep = trigger.recipient_prep
    conflict = QUAD_CODES[trigger.event] == 4
    # "with" names a partner of cooperation or a side of a clash, not whom an attack is "with the
    # support of"; "at" names a target of fire, not where a deal was signed.
    partner = "sym" in trigger.flags or trigger.event != "ASSAULT"
    target_preps = ("on", "against", "to") + (("with",) if partner else ()) + (("at",) if conflict else ())
    if trigger.kind == "verb+object":
        prep = next((w for w in trigger.words[:-1] if w in ("on", "against", "to", "with", "at")), None)
        recipient_tokens = parts.objects_of(token, prep) if prep else []
        if not recipient_tokens:
            obj = next((c for c in token.children if c.dep_ in ("dobj", "nsubjpass")), None)
            if obj is not None:
                recipient_tokens = [
                    p
                    for c in obj.children  # "closed its borders with Iran": the border's other side
                    if c.dep_ == "prep" and c.lower_ in (*target_preps, "with", "for")
                    for p in c.children
                    if p.dep_ == "pobj"
                ]
            recipient_tokens += [
                p
                for c in token.children
                if c.dep_ in ("prep", "dative") and c.lower_ in target_preps
                for p in c.children
                if p.dep_ == "pobj"
            ]
            # "gave the Ivory Coast 5.1 million dollars": the indirect object receives.
            recipient_tokens += [c for c in token.children if c.dep_ == "dative" and c.pos_ != "ADP"]
        if trigger.event == "PROTEST" and not actors_named(analysis, recipient_tokens):
            recipient_tokens += protest_targets(analysis, token)  # "went on hunger strike to demand ..."
        if trigger.event == "ACCUSE" and not actors_named(analysis, recipient_tokens):
            recipient_tokens += accused_of(analysis, token)  # "launched an investigation into crimes by X"
        return actor_tokens, recipient_tokens, place, violent_cause
    recipient_tokens = [t for t in parts.objects_of(token, prep) if not _own_thing(analysis, t, actor_tokens)]
    if "topic" in trigger.flags:  # "discussed the release of prisoners": a topic, not a partner
        recipient_tokens = [t for t in recipient_tokens if t.dep_ != "dobj"]
    if "host" in trigger.flags:
        recipient_tokens = [p for t in recipient_tokens for p in _meeting_parties(t)]
    if prep is None and not actors_named(analysis, recipient_tokens):
        # "donated 10,000 tonnes of rice to Yemen": the object is the thing, "to" names who gets it.
        recipient_tokens += [
            g
            for c in token.children
            if c.dep_ in ("prep", "dative") and c.lower_ in target_preps
            for g in c.children
            if g.dep_ == "pobj"
        ]
    if "noobj" in trigger.flags:  # "deployed troops", "withdrew its forces": the object is one's own
        recipient_tokens = [
            p
            for c in token.children
            if c.dep_ == "prep" and c.lower_ in ("against",)
            for p in c.children
            if p.dep_ == "pobj"
        ]
    if "sym" in trigger.flags and prep is None:
        recipient_tokens += [
            p for c in token.children if c.dep_ == "prep" and c.lower_ == "with" for p in c.children if p.dep_ == "pobj"
        ]
    if trigger.event == "PROTEST" and not actors_named(analysis, recipient_tokens):
        recipient_tokens += protest_targets(analysis, token)
    if trigger.event == "ACCUSE" and not actors_named(analysis, recipient_tokens):
        recipient_tokens += accused_of(analysis, token)
    return actor_tokens, recipient_tokens, place, violent_cause


# Prepositions that name what an accusation or inquiry is about: "an investigation into the killings".
ACCUSATION_PREPS = frozenset({"into", "of", "over", "for", "about", "on"})


def accused_of(analysis: Analysis, token: Token) -> list[Token]:
    """Who an accusation or inquiry is aimed at when no object names them: the one who did the act
    it is about ("an investigation into crimes committed by Croat forces", "condemned the killings
    by security forces", "an inquiry into the army's abuses")."""
    holders = [token] + [c for c in token.children if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN"]
    acts = [
        g
        for holder in holders
        for c in holder.children
        if c.dep_ == "prep" and c.lower_ in ACCUSATION_PREPS
        for g in c.children
        if g.dep_ == "pobj" and g.pos_ == "NOUN"
    ]
    acts += [h for h in holders[1:] if not actors_named(analysis, [h])]  # "condemned the killings by X"
    for act in acts:
        doers = [c for c in act.children if c.dep_ == "poss"]
        for child in act.children:
            by = [child] if child.dep_ in ("prep", "agent") and child.lower_ == "by" else []
            if child.dep_ == "acl":  # "crimes committed by X"
                by += [g for g in child.children if g.dep_ == "agent"]
            doers += [p for b in by for p in b.children if p.dep_ == "pobj"]
        doers = [d for d in doers if actors_named(analysis, [d])]
        if doers:
            return doers
    return []


# What a protest's purpose is said with: "struck to demand", "rallied, calling for", "in protest at".
PROTEST_PURPOSE_DEPS = frozenset({"advcl", "xcomp", "acl", "conj"})
PROTEST_PREPS = frozenset({"in", "against", "over", "at", "following", "after"})
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "ELI", "SPY"})


def protest_targets(analysis: Analysis, token: Token) -> list[Token]:
    """Whom a protest is aimed at when no object says so: the state authority its stated purpose
    names ("went on hunger strike to demand the resignation of Algerian President X", "marched,
    calling for the removal of the government", "in protest against the Russian government's
    refusal") -- PLOVER codes a protest as aimed at the authority it addresses."""
    holders = [token]
    if token.dep_ in ("dobj", "attr", "nsubjpass") and token.head.pos_ == "VERB":
        holders.append(token.head)  # "staged demonstrations to demand ...": the light verb's clause
    clauses = [
        c
        for holder in holders
        for c in holder.children
        if (c.dep_ in PROTEST_PURPOSE_DEPS and c.pos_ in ("VERB", "AUX") and c.i > token.i)
        or (c.dep_ == "prep" and c.lower_ in PROTEST_PREPS)
    ]
    for clause in clauses:
        for inner in clause.subtree:
            actor = next(
                (analysis.actor(e.actor) for e in analysis.entities if e.actor and e.start <= inner.idx < e.end), None
            )
            if actor is not None and _is_authority(actor):
                return [inner]
    return []


def _is_authority(actor: Actor) -> bool:
    """A state or one of its office holders or bodies: what a protest can be aimed at."""
    return actor.kind == "country" or (bool(actor.country) and bool(STATE_SECTORS & set(actor.sectors)))


def _own_thing(analysis: Analysis, obj: Token, actor_tokens: list[Token]) -> bool:
    """An object that belongs to the one who acts ("offered its troops to Lebanon", "sent their
    own doctors"): what is given or moved, not whom the act is aimed at."""
    if obj.dep_ != "dobj" or not actor_tokens:
        return False
    owner = next((c for c in obj.children if c.dep_ == "poss"), None)
    if owner is None or owner.pos_ != "PRON":
        return False
    antecedent = parts.antecedent(analysis, owner)
    if antecedent is None:
        return False
    own = actors_named(analysis, [antecedent])
    return bool(own) and own == actors_named(analysis, actor_tokens)


def _owned_thing(analysis: Analysis, subject: Token) -> bool:
    """A subject that is someone's thing rather than someone ("the MEB's flexibility", "Kenya's
    economy"): a common noun naming no actor, with an owner that does."""
    return (
        subject.pos_ == "NOUN"
        and any(_is_owner(c) for c in subject.children)
        and subject.lemma_.lower() not in NOUN_TRIGGERS
        and not names_an_actor(analysis, subject)
        and not any(c.dep_ in ("compound", "amod") and names_an_actor(analysis, c) for c in subject.children)
    )


def _is_owner(child: Token) -> bool:
    """ "the MEB's": a possessive, however the parser attached it (curly apostrophes give nmod)."""
    return child.dep_ == "poss" or (child.dep_ == "nmod" and any(c.dep_ == "case" for c in child.children))


def _meeting_parties(obj: Token) -> list[Token]:
    """What a host receives: the parties of a hosted meeting ("hosted talks between A and B"), else
    the object itself ("hosted the Japanese prime minister")."""
    if obj.lemma_.lower() in NOUN_TRIGGERS:
        parties = [
            g
            for c in obj.children
            if c.dep_ == "prep" and c.lower_ in ("between", "among", "with")
            for g in c.children
            if g.dep_ == "pobj"
        ]
        if parties:
            return parties
    return [obj]


def _killed_by_violence(verb: Token) -> bool:
    """ "Killed by an improvised explosive device", "killed in a suicide car bombing"."""
    for child in verb.children:
        if child.dep_ in ("agent", "prep") and child.lower_ in ("by", "in"):
            for noun in (g for g in child.children if g.dep_ == "pobj"):
                words = {noun.lemma_.lower()} | {c.lemma_.lower() for c in noun.children if c.dep_ == "compound"}
                if words & VIOLENT_CAUSES:
                    return True
    return False


def _noun_participant_tokens(
    analysis: Analysis, token: Token, place: str | None
) -> tuple[list[Token], list[Token], str | None]:
    """Actor and recipient tokens of a noun trigger: its own ("attack by X on Y", "X's visit"), else
    the subject of the light verb it is the object of ("held talks", "launched an attack")."""
    actor_tokens, recipient_tokens = parts.noun_participants(token)
    phrase = token.head if token.dep_ == "compound" and token.head.pos_ == "NOUN" else token
    measure = phrase.head.head if phrase.dep_ == "pobj" and phrase.head.lower_ == "of" else None
    if measure is not None and measure.pos_ == "NOUN" and measure.dep_ in ("dobj", "nsubjpass", "attr"):
        phrase = measure  # "launched 10 days of war games": the light verb governs the measure
    governor = phrase.head if phrase.dep_ in ("dobj", "nsubjpass", "attr", "pobj") else None
    if governor is not None and phrase.dep_ == "pobj":
        if governor.lower_ == "under" and governor.head.pos_ in ("VERB", "AUX"):
            # "is under investigation", "came under attack", "put under arrest": the subject undergoes it.
            undergoer = next((c for c in governor.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            recipient_tokens = recipient_tokens + ([undergoer] if undergoer is not None else [])
            governor = None
        else:
            governor = governor.head if governor.head.pos_ == "VERB" else None
    if governor is not None and governor.lemma_.lower() in RECIPIENT_GOVERNORS:
        # "We received an inquiry from the attorney general", "is facing scrutiny from the SEC".
        subject, _ = parts.subject_of(governor)
        recipient_tokens = recipient_tokens + ([subject] if subject is not None else [])
        governor = None
    if governor is not None and governor.lemma_.lower() in NOT_AGENT_GOVERNORS:
        governor = None
    if phrase is not token:  # "a mediation effort between A and B"
        more_actors, more_recipients = parts.noun_participants(phrase, token)
        actor_tokens += more_actors
        recipient_tokens += more_recipients
    if not actors_named(analysis, actor_tokens):
        actor_tokens = []  # "its long-threatened invasion": the light verb's subject says who
    if not actor_tokens and governor is not None and governor.pos_ == "VERB":
        subject, _ = parts.subject_of(governor)
        if token.dep_ == "nsubjpass":
            subject = None
        if subject is not None:
            actor_tokens = [subject]
        place = place or parts.place_of(analysis, governor)
    return actor_tokens, recipient_tokens, place


def actors_named(analysis: Analysis, tokens: list[Token]) -> list[Actor]:
    """The actors named by participant tokens; a pronoun stands for its antecedent."""
    actors: list[Actor] = []
    for token in tokens:
        speakers_side = token.pos_ == "PRON" and parts.quoted_we(analysis, token)
        if token.pos_ == "PRON":
            antecedent = parts.antecedent(analysis, token)
            token = antecedent if antecedent is not None else token
        for actor in parts.phrase_actors(analysis, token):
            if speakers_side:  # '"we have shared the evidence," the ministry's spokesperson said': the ministry
                actor = parts.body_spoken_for(analysis, actor)
            if actor not in actors:
                actors.append(actor)
    return actors
