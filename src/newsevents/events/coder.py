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
    "THREATEN": {"ASSAULT": "violence", "SANCTION": "relations", "COERCE": "restrict",
                 "MOBILIZE": "violence"},
    "REQUEST": {"CONSULT": "meet", "RETREAT": "yield", "CONCEDE": "yield", "AID": "assist",
                "COOPERATE": "assist", "AGREE": "meet"},
    "REJECT": {"CONSULT": "meet", "RETREAT": "yield", "CONCEDE": "yield", "AID": "assist",
               "COOPERATE": "assist", "AGREE": "meet"},
}
SECTOR_CONTEXTS = {"MIL": "military", "REB": "military", "COP": "legal", "JUD": "legal",
                   "IGO": "diplomatic", "NGO": "humanitarian", "BUS": "economic"}


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
        trigger = match_verb_object(token)
        if trigger is not None:
            matches.append((token, trigger))
            consumed.update(c.i for c in token.children if c.dep_ in ("dobj", "nsubjpass"))
    for token in sentence:
        if token.i in consumed or any(token.i == m[0].i for m in matches):
            continue
        trigger = match_verb(token) or match_noun(token)
        if trigger is not None:
            matches.append((token, trigger))
    triggers_by_token = {token.i: trigger for token, trigger in matches}
    for token, trigger in matches:
        candidate = _code_trigger(analysis, sentence, token, trigger, triggers_by_token)
        if candidate is not None:
            found.append(candidate)
    # A noun trigger that is the object of a coded verb trigger of the same type ("hosted talks")
    # is the same event: keep the verb.
    coded = {(c.token.i, c.trigger.event) for c in found}
    return [c for c in found if not (c.trigger.kind == "noun" and c.token.dep_ == "dobj"
                                     and (c.token.head.i, c.trigger.event) in coded)]


# --- matching the lexicon --------------------------------------------------------------------


def match_verb(token: Token) -> Trigger | None:
    """The most specific verb pattern whose particles and preposition the verb has."""
    if token.pos_ != "VERB":
        return None
    entries = VERB_TRIGGERS.get(token.lemma_.lower())
    if not entries:
        return None
    particles = {c.lower_ for c in token.children if c.dep_ == "prt"}
    preps = {c.lower_ for c in token.children if c.dep_ in ("prep", "agent", "dative")}
    for child in token.children:
        if child.dep_ == "prt":
            preps |= {g.lower_ for g in child.children if g.dep_ == "prep"}
    for entry in entries:
        if set(entry.particles) != particles:
            continue
        prep = entry.recipient_prep
        if prep is None or prep in preps:
            return entry
    return None


def match_verb_object(token: Token) -> Trigger | None:
    """A verb + object pair such as "impose sanctions" or "open fire"."""
    if token.pos_ != "VERB":
        return None
    entries = VERB_OBJECT_TRIGGERS.get(token.lemma_.lower())
    if not entries:
        return None
    objects = {c.lemma_.lower() for c in token.children if c.dep_ in ("dobj", "nsubjpass")}
    particles = {c.lower_ for c in token.children if c.dep_ in ("prt", "prep")}
    for entry in entries:
        *needed, obj = entry.words
        if obj in objects and set(needed) <= particles:
            return entry
    return None


def match_noun(token: Token) -> Trigger | None:
    """A noun trigger, with the modifiers its pattern needs ("air strike", "hunger strike")."""
    if token.pos_ not in ("NOUN", "PROPN") or token.ent_type_ in ("ORG", "GPE", "PERSON", "EVENT"):
        return None
    entries = NOUN_TRIGGERS.get(token.lemma_.lower())
    if not entries:
        return None
    modifiers = {c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "amod", "nmod")}
    for entry in entries:
        if set(entry.words) <= modifiers:
            return entry
    return None


# --- one trigger -----------------------------------------------------------------------------


def _code_trigger(analysis: Analysis, sentence: Span, token: Token, trigger: Trigger,
                  triggers: dict[int, Trigger]) -> Candidate | None:
    event, mode = trigger.event, trigger.mode
    if "joint" in trigger.flags and not any(c.lower_ in ("joint", "combined") for c in token.children):
        event, mode = "MOBILIZE", "troops"
    actor_tokens, recipient_tokens, place = _participant_tokens(analysis, token, trigger)
    actors = _actors(analysis, actor_tokens)
    recipients = [a for a in _actors(analysis, recipient_tokens) if a not in actors]
    if "visit" in trigger.flags and not recipients:
        for recipient_token in recipient_tokens:
            place = place or parts.place_in(analysis, recipient_token)
        host = parts.country_actor(analysis, place)
        if host is not None and host not in actors:
            recipients = [host]
    if "visit" in trigger.flags and not recipients:
        return None  # a visit codes only with its host ("the attackers arrived in pickup trucks")
    if "host" in trigger.flags:
        actors, recipients = recipients, actors
    if not actors and not recipients:
        return None
    if "rec" in trigger.flags and not recipients:
        return None
    if event == "CONSULT" and mode is None:
        mode = _consult_mode(analysis, token, actors + recipients, place)
    if event in COMPLEMENT_MODES and mode is None:
        mode = _complement_mode(token, event, triggers)
    status = event_status(token)
    date = _date_of(analysis, token)
    if status == "asserted" and date and analysis.article.published and \
            date[:10] > analysis.article.published[:10] and len(date) == 10:
        status = "planned"
    return Candidate(trigger=trigger, token=token, sentence=sentence, actors=actors,
                     recipients=recipients, status=status, mode=mode, place=place, date=date,
                     contexts=_contexts(analysis, trigger, event, mode, actors + recipients, sentence))


def _participant_tokens(analysis: Analysis, token: Token,
                        trigger: Trigger) -> tuple[list[Token], list[Token], str | None]:
    """Actor tokens, recipient tokens and the place id of one trigger."""
    place = parts.place_of(analysis, token)
    if trigger.kind == "noun":
        actor_tokens, recipient_tokens = parts.noun_participants(token)
        governor = token.head if token.dep_ in ("dobj", "nsubjpass", "attr", "pobj") else None
        if governor is not None and token.dep_ == "pobj":
            governor = governor.head if governor.head.pos_ == "VERB" else None
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
    prep = trigger.recipient_prep
    if trigger.kind == "verb+object":
        prep = next((w for w in trigger.words[:-1] if w in ("on", "against", "to", "with", "at")), None)
        recipient_tokens = parts.objects_of(token, prep) if prep else []
        if not recipient_tokens:
            obj = next((c for c in token.children if c.dep_ in ("dobj", "nsubjpass")), None)
            if obj is not None:
                recipient_tokens = [p for c in obj.children if c.dep_ == "prep" and
                                    c.lower_ in ("on", "against", "to", "with", "for", "at")
                                    for p in c.children if p.dep_ == "pobj"]
            recipient_tokens += [p for c in token.children if c.dep_ in ("prep", "dative") and
                                 c.lower_ in ("on", "against", "to", "with", "at")
                                 for p in c.children if p.dep_ == "pobj"]
        return actor_tokens, recipient_tokens, place
    recipient_tokens = parts.objects_of(token, prep)
    if "noobj" in trigger.flags:  # "deployed troops", "withdrew its forces": the object is one's own
        recipient_tokens = [p for c in token.children if c.dep_ == "prep" and c.lower_ in ("against",)
                            for p in c.children if p.dep_ == "pobj"]
    if "sym" in trigger.flags and prep is None:
        recipient_tokens += [p for c in token.children if c.dep_ == "prep" and c.lower_ == "with"
                             for p in c.children if p.dep_ == "pobj"]
    return actor_tokens, recipient_tokens, place


def _actors(analysis: Analysis, tokens: list[Token]) -> list[Actor]:
    actors: list[Actor] = []
    for token in tokens:
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


def _contexts(analysis: Analysis, trigger: Trigger, event: str, mode: str | None,
              participants: list[Actor], sentence: Span) -> list[str]:
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
    clauses = [{t.i for t in c.subtree} for c in trigger.children
               if c.dep_ in ("xcomp", "ccomp", "advcl", "relcl", "acl")]
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
        match = next((e for e, k in zip(events, keys, strict=True) if k == key and
                      _dates_compatible(e.date, candidate.date)), None)
        sentence = analysis.span(candidate.sentence.start_char, candidate.sentence.end_char)
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
        events.append(Event(
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
        ))
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
    """How complete the coding is: 0.4 for a trigger with one participant, plus 0.2 for both actor
    and recipient (or an actor where no recipient is expected), 0.1 each for a verb trigger, a mode, a
    date and a place; capped at 0.95."""
    score = 0.4
    if candidate.actors and (candidate.recipients or "rec" not in candidate.trigger.flags):
        score += 0.2 if candidate.recipients else 0.1
    if candidate.trigger.kind != "noun":
        score += 0.1
    score += 0.1 * sum(x is not None for x in (candidate.mode, candidate.date, candidate.place))
    return round(min(score, 0.95), 2)
