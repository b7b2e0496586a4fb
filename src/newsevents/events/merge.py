"""Merging candidates into events: one Event per happening, with every sentence as evidence.

A candidate joins an earlier event when both have the same type, participants and status and
compatible dates; when it is a definite noun that refers back to it ("joined the protest"), or a
noun without a doer naming the same act against the same party; when both are the same kind of act
on the same day by the same side ("Russian forces shelled Kharkiv ... Russian artillery shelled the
city's districts"); when a few sentences tell how a reported clash went ("soldiers and rebels
clashed ... a firefight"); or when the side said to have done an act of force denies it ("It denied
targeting civilians"): the asserted event keeps the denial as evidence. Dates the text does not give fall back to the
publication day, flagged ``date_source="published"``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsevents.events.dates import published_date
from newsevents.events.lexicon import Trigger
from newsevents.events.ontology import QUAD_CODES, SCALE
from newsevents.model import Actor, Analysis, Event

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


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
    enddate: str | None = None
    contexts: list[str] = field(default_factory=list)


def merge_candidates(analysis: Analysis, candidates: list[Candidate]) -> list[Event]:
    """One Event per happening, its sentences kept as evidence. A candidate joins an earlier event
    when they have the same type, participants and status and compatible dates; when it is a
    definite noun that refers back to it ("joined the protest", "the clash"); or when both are the
    same kind of act on the same day by actors of the same country ("Russian forces shelled
    Kharkiv ... Russian artillery shelled the city's districts"). Failing that, it joins a clash it
    tells more of (``_same_fighting``) or, as a denial, the act of force it denies (``_denies``)."""
    events: list[Event] = []
    merged: list[list[Candidate]] = []
    for number, candidate in enumerate(candidates):
        match = next(
            (n for n in reversed(range(len(events))) if _same_happening(merged[n], candidate)),
            None,
        )
        fighting = denial = False
        if match is None:
            match = next(
                (n for n in reversed(range(len(events))) if _same_fighting(merged[n], candidate)),
                None,
            )
            fighting = match is not None
        if match is None:
            match = next(
                (n for n in reversed(range(len(events))) if _denies(merged[n], candidate, candidates[:number])),
                None,
            )
            denial = match is not None
        sentence = analysis.trimmed_span(candidate.sentence.start_char, candidate.sentence.end_char)
        if match is not None:
            event = events[match]
            if all(s.start != sentence.start for s in event.evidence):
                event.evidence.append(sentence)
            if event.date is None and candidate.date is not None:
                event.date, event.enddate = candidate.date, candidate.enddate
            event.place = event.place or candidate.place
            event.mode = event.mode or candidate.mode
            named = all(a.generic for c in merged[match] for a in c.actors) and _names_the_unnamed(
                merged[match], candidate
            )
            if named or (fighting and not event.actor):  # "militants" later named; "were killed" told by its doer
                event.actor = [a.id for a in candidate.actors]
            merged[match].append(candidate)
            if not denial:  # what a side denies doing says nothing of whom the act it did was aimed at
                event.recipient += [a.id for a in candidate.recipients if a.id not in event.recipient + event.actor]
            event.confidence = max(event.confidence, _confidence(candidate))
            continue
        token = candidate.token
        kind = candidate.trigger.event
        if "joint" in candidate.trigger.flags and candidate.mode == "troops":
            kind = "MOBILIZE"
        trigger_end = _trigger_end(candidate)
        events.append(
            Event(
                id=f"v{len(events) + 1}",
                event=kind,
                status=candidate.status,
                actor=[a.id for a in candidate.actors],
                recipient=[a.id for a in candidate.recipients],
                sentence=sentence,
                trigger=analysis.span(token.idx, trigger_end),
                confidence=_confidence(candidate),
                mode=candidate.mode,
                context=candidate.contexts,
                date=candidate.date,
                enddate=candidate.enddate,
                place=candidate.place,
                quad_code=QUAD_CODES[kind],
                scale=SCALE[kind],
                evidence=[sentence],
                quote=_quote_of(analysis, token.idx, trigger_end),
            )
        )
        merged.append([candidate])
    _date_from_publication(analysis, events)
    return events


def _date_from_publication(analysis: Analysis, events: list[Event]) -> None:
    """Say where each date comes from; an event the text does not date gets the day the article was
    published, flagged "published" (the date of the report, as GDELT and ICEWS date every event). For
    a planned, hypothetical or negated event that is not when it would happen: the flag and the status
    say so, and a filter on ``date_source = 'text'`` keeps only dates the text gives."""
    published = published_date(analysis)
    for event in events:
        if event.date is not None:
            event.date_source = "text"
        elif published is not None:
            event.date, event.date_source = published, "published"


def _same_happening(earlier: list[Candidate], candidate: Candidate) -> bool:
    """Whether a candidate reports the happening an earlier event (its merged candidates) reports."""
    first = earlier[0]
    if first.trigger.event != candidate.trigger.event or first.status != candidate.status:
        return False
    date = next((c.date for c in earlier if c.date), None)
    if not _dates_compatible(date, candidate.date):
        return False
    key = _merge_key(candidate)
    if any(_merge_key(c) == key for c in earlier):
        return True
    if _refers_back(earlier, candidate):
        return True
    if _doer_left_unsaid(earlier, candidate):
        return True
    return _same_act_same_day(earlier, candidate, date)


def _doer_left_unsaid(earlier: list[Candidate], candidate: Candidate) -> bool:
    """A noun that names an act of the same type against the same party, without a doer of its own,
    names the earlier event ("the attorney general is investigating the company ... 'we received an
    inquiry'"). A clause ("he is accused of leaking files" after "accused of fraud by a partner") reports
    an act of its own."""
    if candidate.trigger.kind != "noun" or candidate.actors or not candidate.recipients:
        return False
    targets = {a.id for c in earlier for a in c.recipients}
    return {a.id for a in candidate.recipients} <= targets


# Sentences within which two reports of fighting on the same day are read as one clash: a lead
# ("clashed on Monday") and the account that follows it ("the fighting broke out when rebels attacked").
FIGHTING_WINDOW = 5
# Words by which a report says it tells another happening ("Separately, gunmen attacked ...").
SEPARATE_WORDS = frozenset({"separately", "separate", "elsewhere", "meanwhile"})


def _same_fighting(earlier: list[Candidate], candidate: Candidate) -> bool:
    """Two asserted reports of violence (ASSAULT) a few sentences apart, one of which tells a clash
    (or the first of which names no doer and the second its doer), on compatible days, of the same
    kind (mode) and in no two different places, whose sides are compatible: a lead that tells a clash
    and the sentences that tell how it went are one happening ("soldiers and rebels clashed" ... "a
    firefight"; "were killed in clashes" ... "the fighting broke out when rebels attacked"). Sides are
    compatible when they share an actor or a country, or when one report names no side of its own
    (only generic words such as "soldiers", "gunmen"). A report that says it tells another incident
    ("separately") stays apart."""
    if candidate.trigger.event != "ASSAULT" or candidate.status != "asserted":
        return False
    if any(c.trigger.event != "ASSAULT" or c.status != "asserted" for c in earlier):
        return False
    if any(t.lower_ in SEPARATE_WORDS for t in candidate.sentence):
        return False
    # "were killed" ... "the army struck": told later by its doer, who is not among the victims
    victims = {a.id for c in earlier for a in c.recipients}
    unsaid = not any(c.actors for c in earlier) and bool(candidate.actors)
    unsaid = unsaid and not victims & {a.id for a in candidate.actors}
    if not unsaid and not any(_tells_a_clash(c) for c in [*earlier, candidate]):
        return False  # "militants attacked police stations ... Boko Haram shot dead teachers": two attacks
    last = earlier[-1]
    if _sentence_number(candidate.sentence) - _sentence_number(last.sentence) > FIGHTING_WINDOW:
        return False
    date = next((c.date for c in earlier if c.date), None)
    if not _dates_compatible(date, candidate.date):
        return False
    modes = {c.mode for c in earlier if c.mode}
    if candidate.mode and modes and candidate.mode not in modes:
        return False
    places = {c.place for c in earlier if c.place}
    if places and candidate.place and candidate.place not in places:
        return False
    sides = [a for c in earlier for a in c.actors + c.recipients]
    others = candidate.actors + candidate.recipients
    if not sides or not others:
        return bool(sides or others)
    if {a.id for a in sides} & {a.id for a in others}:
        return True
    if {a.country for a in sides if a.country} & {a.country for a in others if a.country}:
        return True
    return all(a.generic for a in sides) or all(a.generic for a in others)


def _tells_a_clash(candidate: Candidate) -> bool:
    """A report of fighting between sides: a clash word ("clashed", "a firefight") or two sides as the
    ones who fought ("soldiers and rebels clashed", "killed in clashes between the army and rebels")."""
    return "sym" in candidate.trigger.flags or len(candidate.actors) >= 2


def _denies(earlier: list[Candidate], candidate: Candidate, before: list[Candidate]) -> bool:
    """A negated report of an act of force (material conflict) the article asserts, by the side said
    to have done it, is that side's denial of the same happening ("Russian forces shelled Kharkiv ...
    It denied targeting civilians"): it joins the asserted event as evidence. The side must be the
    doer's (same actor, or a country of the doers that is not also the target's), and no accusation
    against it come before: a denial that answers an accusation ("residents accused the army of
    shelling farms ... the army denied it") is about the accused act, which the article need not
    assert."""
    first = earlier[0]
    if candidate.status != "negated" or first.status != "asserted" or first.trigger.event != candidate.trigger.event:
        return False
    if QUAD_CODES[candidate.trigger.event] != 4:
        return False  # "has not committed to specifics" after a deal is no denial of the deal
    date = next((c.date for c in earlier if c.date), None)
    if not _dates_compatible(date, candidate.date) or not candidate.actors:
        return False
    doers = [a for c in earlier for a in c.actors]
    targets = {a.country for c in earlier for a in c.recipients if a.country}
    ids = {a.id for a in candidate.actors}
    countries = {a.country for a in candidate.actors if a.country}
    same_side = bool(ids & {a.id for a in doers}) or bool(
        (countries & {a.country for a in doers if a.country}) - targets
    )
    if not same_side:
        return False
    accused = [c for c in before if c.trigger.event == "ACCUSE"]
    return not any(r.id in ids or (r.country and r.country in countries) for c in accused for r in c.recipients)


def _sentence_number(sentence: Span) -> int:
    """The index of a sentence in its document."""
    return sum(1 for s in sentence.doc.sents if s.start < sentence.start)


def _refers_back(earlier: list[Candidate], candidate: Candidate) -> bool:
    """A definite noun trigger ("the protest", "this attack", "the ministry's allegations") names a
    happening already reported, when its own actors, if any, took part in it."""
    token = candidate.token
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children) or any(
        c.dep_ == "poss" for c in token.children
    )
    if candidate.trigger.kind != "noun" or not definite:
        return False
    ids = {a.id for c in earlier for a in c.actors + c.recipients}
    countries = {a.country for c in earlier for a in c.actors + c.recipients if a.country}

    def took_part(actor: Actor) -> bool:
        return actor.id in ids or bool(actor.country and actor.country in countries)

    if not all(took_part(r) for r in candidate.recipients):
        return False  # "deals with authoritarian governments" is not the earlier pledge
    joins = token.head.lemma_.lower() in JOINING_VERBS  # "joined the protest": a happening already under way
    return joins or all(a.generic for a in candidate.actors) or any(took_part(a) for a in candidate.actors)


# Verbs by which someone takes part in a happening already reported ("joined the march").
JOINING_VERBS = frozenset({"join", "attend", "enter", "continue", "resume", "escalate", "intensify"})


def _same_act_same_day(earlier: list[Candidate], candidate: Candidate, date: str | None) -> bool:
    """Same kind of act (mode), the same day, by the same actors (or unnamed actors of one country)
    against compatible targets."""
    if candidate.status != "asserted" or not (date or candidate.date):
        return False
    modes = {c.mode for c in earlier if c.mode}
    if candidate.mode and modes and candidate.mode not in modes:
        return False
    earlier_actors = [a for c in earlier for a in c.actors]
    if not {a.id for a in earlier_actors} & {a.id for a in candidate.actors}:
        if _names_the_unnamed(earlier, candidate):
            pass  # "militants attacked border posts ... fighters of the TTP attacked three border posts"
        # Different names for one side ("Russian forces", "Russian artillery"): generic actors of one
        # country. Two named sides of one country (an army and a rebel group) stay apart.
        elif not all(a.generic for a in earlier_actors + candidate.actors):
            return False
        else:
            countries = {a.country for a in earlier_actors if a.country}
            if not countries & {a.country for a in candidate.actors if a.country}:
                return False
    targets = {a.country for c in earlier for a in c.recipients if a.country}
    candidate_targets = {a.country for a in candidate.recipients if a.country}
    return not targets or not candidate_targets or bool(targets & candidate_targets)


def _names_the_unnamed(earlier: list[Candidate], candidate: Candidate) -> bool:
    """One report names who did what the other leaves to a generic word ("militants", "armed
    separatists" and later "the West Papua National Liberation Army"): every actor of one side is
    generic and of no known country, every actor of the other named, and the two do not happen in two
    different places. Only for acts of force told with the same verb: naming who did an
    attack first described by its perpetrators' kind is how violence is reported; "officials" who warn
    and a named newspaper that warns are two parties."""
    earlier_actors = [a for c in earlier for a in c.actors]
    if not earlier_actors or not candidate.actors or QUAD_CODES[candidate.trigger.event] != 4:
        return False
    if not any(c.token.lemma_.lower() == candidate.token.lemma_.lower() for c in earlier):
        return False
    generic, named = earlier_actors, candidate.actors
    if not all(a.generic for a in generic):
        generic, named = named, generic
    # the unnamed side is of unknown allegiance ("militants", "gunmen"), not "the Sudanese army"
    if not all(a.generic and not a.country for a in generic) or any(a.generic for a in named):
        return False
    places = {c.place for c in earlier if c.place}
    return not (places and candidate.place and candidate.place not in places)


def _merge_key(candidate: Candidate) -> tuple[object, ...]:
    event = candidate.trigger.event
    actors = tuple(sorted(a.id for a in candidate.actors))
    recipients = tuple(sorted(a.id for a in candidate.recipients))
    if "sym" in candidate.trigger.flags or event == "CONSULT":
        # "A met B" and "A and B met" are the same meeting; "A visited B" and "B hosted A" the same visit.
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


# Links by which a trigger is a noun inside another word's phrase ("signed the deal", "a route for aid",
# "the talks, which ..."): such events are right less often than the act a clause reports.
NOUN_ARGUMENT_DEPS = frozenset({"dobj", "pobj", "nsubj", "nsubjpass", "acl", "relcl", "compound", "attr", "appos"})


def _confidence(candidate: Candidate) -> float:
    """How likely the coding is right (type, participants and status), from features that order events
    by how often they are right on the PLOVER gold records and on marked review pages (see
    ``evaluate.calibration_table``): 0.6, plus 0.15 when the trigger heads its sentence (or the clause a
    reporting verb reports), minus 0.1 when it is instead a noun inside another phrase; plus 0.05 each
    for a known actor, a verb trigger and a recipient; minus 0.15 for a planned or hypothetical event
    (intentions are coded less reliably than acts). Whether the actor has a country predicted nothing
    on the review pages and is left out. Kept within 0.05-0.95."""
    token = candidate.token
    score = 0.6
    heads_sentence = token.dep_ == "ROOT" or (token.dep_ in ("ccomp", "conj") and token.head.dep_ == "ROOT")
    if heads_sentence:
        score += 0.15
    elif token.dep_ in NOUN_ARGUMENT_DEPS:
        score -= 0.1
    if candidate.actors:
        score += 0.05
    if candidate.trigger.kind != "noun":
        score += 0.05
    if candidate.recipients:
        score += 0.05
    if candidate.status in ("planned", "hypothetical"):
        score -= 0.15
    return round(max(0.05, min(score, 0.95)), 2)
