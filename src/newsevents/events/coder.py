"""Code PLOVER events sentence by sentence from the dependency parse, then merge repeats.

For each token that matches a lexicon trigger we find the actors and recipients (participants.py),
the status (status.py), the date (the time expression nearest to the trigger in the parse), the
place, mode, context, and a confidence. An event needs an actor or a recipient that is one of the
article's actors, else it is dropped (precision first). The same happening reported in several
sentences (same type, participants and status, compatible dates) becomes one event whose
``evidence`` lists every sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsevents.events import participants as parts
from newsevents.events.lexicon import NOUN_TRIGGERS, VERB_OBJECT_TRIGGERS, VERB_TRIGGERS, Trigger
from newsevents.events.ontology import QUAD_CODES, SCALE
from newsevents.events.status import event_status
from newsevents.model import Actor, Analysis, Event, TimeExpr

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# A noun trigger's light verb ("held talks", "launched an attack") lends it its subject.
MAX_DATE_DISTANCE = 4  # dependency links between a trigger and the time expression that dates it
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


@dataclass
class Candidate:
    """An event found in one sentence, before repeats are merged."""

    trigger: Trigger
    token: Token
    sentence: Span
    actors: list[Actor]
    recipients: list[Actor]
    status: str
    mode: str | None
    place: str | None
    date: str | None
    contexts: list[str] = field(default_factory=list)


def code_events(analysis: Analysis, doc: Doc) -> None:
    """Append the article's PLOVER events, one per happening, with their evidence sentences."""
    candidates: list[Candidate] = []
    for sentence in doc.sents:
        candidates.extend(code_sentence(analysis, sentence))
    events = merge_candidates(analysis, candidates)
    analysis.events.extend(events)


def code_sentence(analysis: Analysis, sentence: Span) -> list[Candidate]:
    """Every event a sentence reports (before merging across sentences)."""
    found: list[Candidate] = []
    consumed: set[int] = set()  # nouns already used by a verb+object trigger
    matches: list[tuple[Token, Trigger]] = []
    for token in sentence:
        paired = match_verb_object(token)
        if paired is not None:
            matches.append((token, paired[0]))
            consumed.update(o.i for o in paired[1])
            consumed.update(c.i for o in paired[1] for c in o.children if c.dep_ == "compound")
    for token in sentence:
        if token.i in consumed or any(token.i == m[0].i for m in matches):
            continue
        trigger = match_verb(token) or match_noun(token)
        if trigger is not None:
            matches.append((token, trigger))
    for token in sentence:
        if token.i not in {m[0].i for m in matches} and _demands_through_modal(token):
            matches.append((token, DEMAND_TRIGGER))
    matches = [(t, trig) for t, trig in matches if not _in_anonymity_clause(t)]
    triggers_by_token = {token.i: trigger for token, trigger in matches}
    for token, trigger in matches:
        candidate = _code_trigger(analysis, sentence, token, trigger, triggers_by_token)
        if candidate is not None:
            found.append(candidate)
    # A noun trigger that is the object of a coded verb trigger of the same type ("hosted talks")
    # is the same event: keep the verb.
    # So is a verbal noun that is the object of another verb trigger ("signed the deal",
    # "rejected the proposal"): the verb says what was done with it.
    coded = {(c.token.i, c.trigger.event) for c in found}
    found = [
        c
        for c in found
        if not (c.token.dep_ in ("xcomp", "advcl", "conj", "ccomp") and (c.token.head.i, c.trigger.event) in coded)
    ]
    verbs = {c.token.i for c in found if c.trigger.kind != "noun" and c.token.lemma_.lower() != "deny"}
    return [
        c
        for c in found
        if not (
            c.trigger.kind == "noun"
            and c.token.dep_ == "dobj"
            and (
                (c.token.head.i, c.trigger.event) in coded
                or (c.token.head.i in verbs and QUAD_CODES[c.trigger.event] in (1, 3))
            )
        )
    ]


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


def _demands_through_modal(token: Token) -> bool:
    """A reporting verb whose reported clause says its subject must (should) act."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in DEMAND_REPORTING:
        return False
    clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
    return clause is not None and any(c.dep_ == "aux" and c.lower_ in DEMAND_MODALS for c in clause.children)


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
        if c.dep_ == "prt" or (c.dep_ == "prep" and c.i == token.i + 1 and c.lower_ in PARTICLE_WORDS)
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
    particles = {c.lower_ for c in token.children if c.dep_ in ("prt", "prep")}
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
    actor_tokens, recipient_tokens, place = _participant_tokens(analysis, token, trigger)
    actors = _actors(analysis, actor_tokens)
    recipients = [a for a in _actors(analysis, recipient_tokens) if a not in actors]
    if "joint" in trigger.flags and not (
        any(c.lower_ in ("joint", "combined") for c in token.children) or len(actors) + len(recipients) > 1
    ):
        event, mode = "MOBILIZE", "troops"  # exercises held by one side alone are a show of force
    if "visit" in trigger.flags and not recipients:
        for recipient_token in recipient_tokens:
            place = place or parts.place_in(analysis, recipient_token)
        host = parts.country_actor(analysis, place)
        if host is not None and host not in actors:
            recipients = [host]
        elif not _abroad(analysis, place, actors):
            return None  # a visit codes only with a host or a place abroad ("arrived in pickup trucks")
    if (
        "rec" in trigger.flags
        and not recipients
        and not _reports_clause(token)
        and not (event == "ASSAULT" and place is not None and actors)
    ):
        return None  # "struck targets in Gaza" codes with its place; "struck a deal" does not
    if "host" in trigger.flags:
        actors, recipients = recipients, actors
    if not actors and not any(not r.generic and r.kind != "group" for r in recipients):
        return None  # "Five people were killed": no one named took part
    if event == "CONSULT" and _addresses_the_media(token, recipient_tokens):
        return None  # "told a news conference", "not authorised to speak to the media"
    if event == "CONSULT" and mode is None:
        mode = _consult_mode(analysis, token, actors + recipients, place)
    if event in COMPLEMENT_MODES and mode is None:
        mode = _complement_mode(token, event, triggers)
    status = event_status(token)
    date = _date_of(analysis, token)
    if (
        status == "asserted"
        and date
        and analysis.article.published
        and date[:10] > analysis.article.published[:10]
        and len(date) == 10
    ):
        status = "planned"
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
        date=date,
        contexts=_contexts(analysis, trigger, event, mode, actors + recipients, sentence),
    )


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


def _participant_tokens(
    analysis: Analysis, token: Token, trigger: Trigger
) -> tuple[list[Token], list[Token], str | None]:
    """Actor tokens, recipient tokens and the place id of one trigger."""
    place = parts.place_of(analysis, token)
    if trigger.kind == "noun":
        actor_tokens, recipient_tokens = parts.noun_participants(token)
        phrase = token.head if token.dep_ == "compound" and token.head.pos_ == "NOUN" else token
        governor = phrase.head if phrase.dep_ in ("dobj", "nsubjpass", "attr", "pobj") else None
        if governor is not None and phrase.dep_ == "pobj":
            governor = governor.head if governor.head.pos_ == "VERB" else None
        if phrase is not token:  # "a mediation effort between A and B"
            more_actors, more_recipients = parts.noun_participants(phrase)
            actor_tokens += more_actors
            recipient_tokens += more_recipients
        if not _actors(analysis, actor_tokens):
            actor_tokens = []  # "its long-threatened invasion": the light verb's subject says who
        if not actor_tokens and governor is not None and governor.pos_ == "VERB":
            subject, _ = parts.subject_of(governor)
            if token.dep_ == "nsubjpass":
                subject = None
            if subject is not None:
                actor_tokens = [subject]
            place = place or parts.place_of(analysis, governor)
        return actor_tokens, recipient_tokens, place
    subject, _ = parts.subject_of(token)
    actor_tokens = [subject] if subject is not None else []
    if "demand" in trigger.flags:  # the subject of the clause that says what must be done
        clause = next(c for c in token.children if c.dep_ == "ccomp")
        return actor_tokens, [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")], place
    prep = trigger.recipient_prep
    if trigger.kind == "verb+object":
        prep = next((w for w in trigger.words[:-1] if w in ("on", "against", "to", "with", "at")), None)
        recipient_tokens = parts.objects_of(token, prep) if prep else []
        if not recipient_tokens:
            obj = next((c for c in token.children if c.dep_ in ("dobj", "nsubjpass")), None)
            if obj is not None:
                recipient_tokens = [
                    p
                    for c in obj.children
                    if c.dep_ == "prep" and c.lower_ in ("on", "against", "to", "with", "for", "at")
                    for p in c.children
                    if p.dep_ == "pobj"
                ]
            recipient_tokens += [
                p
                for c in token.children
                if c.dep_ in ("prep", "dative") and c.lower_ in ("on", "against", "to", "with", "at")
                for p in c.children
                if p.dep_ == "pobj"
            ]
            # "gave the Ivory Coast 5.1 million dollars": the indirect object receives.
            recipient_tokens += [c for c in token.children if c.dep_ == "dative" and c.pos_ != "ADP"]
        return actor_tokens, recipient_tokens, place
    recipient_tokens = parts.objects_of(token, prep)
    if prep is None and not _actors(analysis, recipient_tokens):
        # "donated 10,000 tonnes of rice to Yemen": the object is the thing, "to" names who gets it.
        recipient_tokens += [
            g
            for c in token.children
            if c.dep_ in ("prep", "dative") and c.lower_ in ("to", "against", "on", "at")
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
    return actor_tokens, recipient_tokens, place


def _actors(analysis: Analysis, tokens: list[Token]) -> list[Actor]:
    """The actors named by participant tokens; a pronoun stands for its antecedent."""
    actors: list[Actor] = []
    for token in tokens:
        if token.pos_ == "PRON":
            antecedent = parts.antecedent(analysis, token)
            token = antecedent if antecedent is not None else token
        for actor in parts.phrase_actors(analysis, token):
            if actor not in actors:
                actors.append(actor)
    return actors


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


# --- dates -----------------------------------------------------------------------------------


def _date_of(analysis: Analysis, trigger: Token) -> str | None:
    """The value of the time expression that governs the trigger: the nearest one in the parse within
    the trigger's sentence (its own dependents first), or None."""
    sentence = trigger.sent
    clauses = [
        {t.i for t in c.subtree} for c in trigger.children if c.dep_ in ("xcomp", "ccomp", "advcl", "relcl", "acl")
    ]
    best: tuple[int, int, TimeExpr] | None = None
    for time in analysis.times:
        if time.value is None or not (sentence.start_char <= time.start < sentence.end_char):
            continue
        span = trigger.doc.char_span(time.start, time.end, alignment_mode="expand")
        if span is None:
            continue
        if any(span.root.i in clause for clause in clauses):
            continue  # dates an event of its own ("agreed to hold talks next week")
        distance = _tree_distance(trigger, span.root)
        if distance > MAX_DATE_DISTANCE:
            continue
        key = (distance, abs(time.start - trigger.idx), time)
        if best is None or key[:2] < best[:2]:
            best = key
    return best[2].value if best else None


def _tree_distance(a: Token, b: Token) -> int:
    """Number of dependency links between two tokens of one sentence."""
    path_a = [a, *a.ancestors]
    depth_b = {t.i: n for n, t in enumerate([b, *b.ancestors])}
    for n, token in enumerate(path_a):
        if token.i in depth_b:
            return n + depth_b[token.i]
    return 99


# --- merging ---------------------------------------------------------------------------------


def merge_candidates(analysis: Analysis, candidates: list[Candidate]) -> list[Event]:
    """One Event per happening: candidates with the same type, participants and status and
    compatible dates are merged, their sentences kept as evidence."""
    events: list[Event] = []
    keys: list[tuple[object, ...]] = []
    for candidate in candidates:
        key = _merge_key(candidate)
        match = next(
            (e for e, k in zip(events, keys, strict=True) if k == key and _dates_compatible(e.date, candidate.date)),
            None,
        )
        sentence = analysis.trimmed_span(candidate.sentence.start_char, candidate.sentence.end_char)
        if match is not None:
            if all(s.start != sentence.start for s in match.evidence):
                match.evidence.append(sentence)
            match.date = match.date or candidate.date
            match.place = match.place or candidate.place
            match.mode = match.mode or candidate.mode
            match.confidence = max(match.confidence, _confidence(candidate))
            continue
        token = candidate.token
        event = candidate.trigger.event
        if "joint" in candidate.trigger.flags and candidate.mode == "troops":
            event = "MOBILIZE"
        trigger_end = _trigger_end(candidate)
        events.append(
            Event(
                id=f"v{len(events) + 1}",
                event=event,
                status=candidate.status,
                actor=[a.id for a in candidate.actors],
                recipient=[a.id for a in candidate.recipients],
                sentence=sentence,
                trigger=analysis.span(token.idx, trigger_end),
                confidence=_confidence(candidate),
                mode=candidate.mode,
                context=candidate.contexts,
                date=candidate.date,
                place=candidate.place,
                quad_code=QUAD_CODES[event],
                scale=SCALE[event],
                evidence=[sentence],
                quote=_quote_of(analysis, token.idx, trigger_end),
            )
        )
        keys.append(key)
    return events


def _merge_key(candidate: Candidate) -> tuple[object, ...]:
    event = candidate.trigger.event
    actors = tuple(sorted(a.id for a in candidate.actors))
    recipients = tuple(sorted(a.id for a in candidate.recipients))
    if "sym" in candidate.trigger.flags or (event == "CONSULT" and candidate.mode != "visit"):
        # "A met B" and "A and B met" are the same meeting.
        actors, recipients = tuple(sorted(set(actors) | set(recipients))), ()
    return (event, actors, recipients, candidate.status)


def _dates_compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def _trigger_end(candidate: Candidate) -> int:
    """End of the trigger: the verb with its particles ("pulled out"), else the word itself."""
    token = candidate.token
    end = token.idx + len(token.text)
    for child in token.children:
        if child.dep_ == "prt" and child.i == token.i + 1:
            end = child.idx + len(child.text)
    return end


def _quote_of(analysis: Analysis, start: int, end: int) -> str | None:
    """The id of the quote whose span contains the trigger (reported speech)."""
    for quote in analysis.quotes:
        if quote.start <= start and end <= quote.end:
            return quote.id
    return None


def _confidence(candidate: Candidate) -> float:
    """How likely the coding is right, from what predicts it on the PLOVER gold records (see
    ``evaluate.calibration_table``): 0.45, plus 0.2 when an actor is known, 0.1 more when that actor is
    named and has a country, 0.1 when the trigger heads its sentence (or the clause a reporting verb
    reports), 0.05 for a verb rather than a noun trigger, 0.05 for a recipient where one is needed;
    minus 0.15 for a hypothetical event. Capped at 0.95."""
    token = candidate.token
    score = 0.45
    if candidate.actors:
        score += 0.2
        if any(a.country and not a.generic for a in candidate.actors):
            score += 0.1
    heads_sentence = token.dep_ == "ROOT" or (token.dep_ in ("ccomp", "conj") and token.head.dep_ == "ROOT")
    if heads_sentence:
        score += 0.1
    if candidate.trigger.kind != "noun":
        score += 0.05
    if "rec" in candidate.trigger.flags and candidate.recipients:
        score += 0.05
    if candidate.status == "hypothetical":
        score -= 0.15
    return round(max(0.05, min(score, 0.95)), 2)
