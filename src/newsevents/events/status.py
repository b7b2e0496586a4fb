"""Whether an event happened: asserted, planned, negated or hypothetical, from the parse.

We climb from the trigger through the verbs and nouns that govern it ("agreed to *hold* talks",
"*denied* shelling", "threatened to *close*") and collect what each link says:

* negated: a ``neg`` dependent ("did not", "never"), "no talks", or a governing verb of refusal or
  denial ("refused to", "denied", "ruled out", "called off").
* hypothetical: a modal (could, may, might, should, must; "would" outside reported speech), an
  "if"/"unless" clause, or a governing verb of demand, threat, wish or proposal ("threatened to X",
  "called for X": the X is hypothetical; the threat itself is asserted).
* planned: "will"/"shall", "would" in reported speech, "is to", "is going to", or a governing verb
  of plan, schedule, expectation or agreement ("expected to", "plans to", "agreed to hold talks"),
  or a modifier "planned/upcoming/proposed" on a noun trigger.

Likelihood and attitude are hypothetical too ("unlikely to agree", "reluctant to commit", "expectations
of a deal"), "unwilling"/"unable" and "refusal to" negate, and an "in order to"/"so as to" clause states
an aim, so its events are hypothetical, as is what a party was trained, armed or equipped to do ("trained
the rebels to fight"). An event noun takes the status of the verb that says it happens even when the parse
hangs that verb elsewhere ("talks, postponed last week, will now take place"; "the summit is due to begin").

Negation wins over hypothesis, which wins over plan (an event inside an "if" clause is the condition
of another and is not coded at all, see guards.py). The climb stops at an adverbial clause that states
a fact of its own ("because Russia is blocking them", "when the Houthis seized Sanaa"), at the object of
a preposition that takes it as given ("despite the ceasefire", "given his refusal to divest", "amid
protests"), and at an event noun that sets the scene of a verb ("unlikely to agree at a meeting"). An
event dated after the article's publication day, month or year is planned rather than asserted (coder.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

NEGATING_GOVERNORS = frozenset(
    [
        "deny",
        "refuse",
        "decline",
        "fail",
        "reject",
        "avoid",
        "cancel",
        "postpone",
        "delay",
        "halt",
        "stop",
        "suspend",
        "abandon",
        "prevent",
        "block",
        "rule",
        "forgo",
        "unwilling",  # "unwilling to negotiate", "unable to reach a deal": it did not happen
        "unable",
    ]
)
# Nouns of refusal whose infinitive did not happen ("refusal to divest", "failure to agree").
NEGATING_NOUNS = frozenset({"refusal", "failure", "inability", "unwillingness"})
HYPOTHETICAL_GOVERNORS = frozenset(
    [
        "threaten",
        "warn",
        "urge",
        "demand",
        "call",
        "ask",
        "want",
        "seek",
        "propose",
        "suggest",
        "consider",
        "hope",
        "wish",
        "request",
        "appeal",
        "press",
        "insist",
        "recommend",
        "need",
        "try",
        "attempt",
        "offer",
        "encourage",
        "invite",
        # Likelihood and attitude: "unlikely to agree", "reluctant to commit", "wary of offering
        # concessions", "expectations of a deal", "the risk of an attack" leave the event open.
        "likely",
        "unlikely",
        "possible",
        "reluctant",
        "hesitant",
        "wary",
        "afraid",
        "fear",
        "expectation",
        "prospect",
        "possibility",
        "chance",
        "likelihood",
        "speculation",
        "risk",
        "option",
        "require",  # "requires deeper concessions from China"
    ]
)
PLANNING_GOVERNORS = frozenset(
    [
        "plan",
        "expect",
        "schedule",
        "intend",
        "aim",
        "prepare",
        "set",
        "agree",
        "promise",
        "pledge",
        "vow",
        "decide",
        "arrange",
        "due",
        "announce",
        "resolve",
        "commit",
        "go",
        "poise",
        "slate",
        "swear",
        "ready",
        "willing",
        "prepared",
        "determined",
        "eager",
    ]
)
PLANNING_MODIFIERS = frozenset(
    ["planned", "upcoming", "proposed", "scheduled", "expected", "future", "forthcoming", "next"]
)
# Governors that plan only an infinitive: "announced it would", not "announced a suspension".
XCOMP_ONLY = frozenset({"go", "announce"})
NEGATIVE_SUBJECTS = frozenset({"nobody", "none", "no-one", "neither"})
MODALS_HYPOTHETICAL = frozenset(["could", "may", "might", "should", "must", "can", "ought"])
MODALS_PLANNED = frozenset({"will", "shall", "'ll", "wo"})
REPORTING = frozenset(
    ["say", "tell", "add", "announce", "state", "report", "claim", "note", "confirm", "warn", "stress"]
)
# Links climbed from a trigger to what governs it.
CLIMB = frozenset(
    {"xcomp", "ccomp", "dobj", "pobj", "prep", "acl", "nsubj", "nsubjpass", "attr", "conj", "advcl", "pcomp", "oprd"}
)


STATUS_ORDER = ("negated", "hypothetical", "planned", "asserted")
# Verbs that say an event noun happens ("the talks will take place", "the meeting was held"): the
# noun has the status of the verb. Phase verbs ("begin", "resume") count only below a governor of the
# noun's own verb ("the summit is due to begin"), not as a second verb coordinated with another
# ("talks collapsed and will resume": the talks did happen).
OCCURRENCE_VERBS = frozenset({"take", "hold", "happen", "occur", "go", "convene", "proceed"})
PHASE_VERBS = frozenset({"begin", "start", "resume", "open", "commence", "reopen", "restart"})


def event_status(trigger: Token) -> str:
    """'asserted', 'planned', 'negated' or 'hypothetical' for the event a trigger reports."""
    status = _climb_status(trigger)
    occurrence = _occurrence_predicate(trigger)
    if occurrence is not None:
        status = min(status, _climb_status(occurrence), key=STATUS_ORDER.index)
    return status


def _occurrence_predicate(noun: Token) -> Token | None:
    """The verb that says when or whether an event noun happens, when the parse does not make it the
    noun's own head: "talks *are due to begin*" (the noun is the subject of "are"), "talks, postponed
    last week, *will now take place*" (a second verb sharing the noun as its subject)."""
    if noun.pos_ not in ("NOUN", "PROPN") or noun.dep_ not in ("nsubj", "nsubjpass"):
        return None
    head = noun.head
    frontier = [head]
    for _ in range(3):
        below = []
        for verb in frontier:
            for child in verb.children:
                if child.dep_ in ("xcomp", "acomp") and child.i > verb.i:
                    if _occurs(child, PHASE_VERBS | OCCURRENCE_VERBS):
                        return child
                    below.append(child)
                elif (
                    child.dep_ == "conj"
                    and verb is head
                    and child.pos_ in ("VERB", "AUX")
                    and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in child.children)
                    and _occurs(child, OCCURRENCE_VERBS)
                ):
                    return child
        frontier = below
    return None


def _occurs(verb: Token, lemmas: frozenset[str]) -> bool:
    """A verb that says its subject happens: "take place", "be held", "go ahead", "begin"."""
    lemma = verb.lemma_.lower()
    if lemma not in lemmas:
        return False
    if lemma == "take":
        return any(c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children)
    if lemma == "go":
        return any(c.lower_ == "ahead" for c in verb.children)
    if lemma in ("hold", "convene"):
        return any(c.dep_ == "auxpass" for c in verb.children)
    return True


def _climb_status(trigger: Token) -> str:
    """The status from the markers on the trigger and on the words that govern it."""
    found: set[str] = set()
    token = trigger
    via = ""
    for depth in range(6):
        found |= _own_markers(token, trigger, via, depth)
        if token.dep_ not in CLIMB or token.head is token or _factual_clause(token) or _presupposed(token):
            break
        if _prepared_purpose(token):
            found.add("hypothetical")
        via = token.dep_
        if via == "ccomp" and token.head.lemma_.lower() in REPORTING:
            # Reported speech: the reporting verb's own tense or negation says nothing of the event,
            # and "would" under it reads as a plan ("said it would send troops").
            if "would" in found:
                found.discard("would")
                found.add("planned")
            break
        if via == "conj":
            # A coordinated verb shares its partner's auxiliaries and what governs the pair ("agreed
            # to set up patrols and to reopen crossings"), not its partner's own negation.
            head = token.head
            if _has_modal(head, MODALS_PLANNED) and not _aux(token):
                found.add("planned")
            if _has_modal(head, MODALS_HYPOTHETICAL) and not _aux(token):
                found.add("hypothetical")
            if head.dep_ not in CLIMB or head.dep_ == "conj" or head.head.i == head.i:
                break
            via = head.dep_
            token = head.head
            if via == "ccomp" and token.lemma_.lower() in REPORTING:
                break
            found |= _own_markers(token, trigger, via, depth + 1) - {"would"}
            continue
        token = token.head
    if "would" in found:
        found.add("hypothetical")
    for status in ("negated", "hypothetical", "planned"):
        if status in found:
            return status
    return "asserted"


# Verbs of making another party ready for an act: "trained the rebels to fight", "armed the
# separatists to attack". The act is what they were readied for, not something that happened. Left out:
# "help" and "enable", which say the act was done ("helped the Houthis to attack"), and "send", a plan.
PREPARING_GOVERNORS = frozenset({"train", "equip", "arm", "prepare", "fund", "finance", "teach", "drill", "recruit"})


def _prepared_purpose(verb: Token) -> bool:
    """An infinitive that says what a preparing verb's object was readied for (verb + object + "to X")."""
    head = verb.head
    return (
        verb.dep_ in ("xcomp", "advcl")
        and head.lemma_.lower() in PREPARING_GOVERNORS
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        and any(c.dep_ == "dobj" and c.i < verb.i for c in head.children)
    )


def _factual_clause(clause: Token) -> bool:
    """An adverbial clause that reports a fact of its own ("because Russia is blocking them", "when
    the Houthis seized Sanaa"): what governs its verb says nothing of it."""
    return clause.dep_ == "advcl" and any(
        c.dep_ in ("mark", "advmod") and c.lower_ in FACTUAL_MARKERS for c in clause.children
    )


# "agree with the judge's decision", "committed with": concurring with what others did plans nothing.
CONCURRING_PREPOSITIONS = frozenset({"with"})


def _through_preposition(governor: Token, trigger: Token) -> str | None:
    """The preposition of the governor through which the climb from the trigger reached it."""
    for child in governor.children:
        if child.dep_ == "prep" and (child == trigger or child.is_ancestor(trigger)):
            return str(child.lower_)
    return None


def _purpose(noun: Token) -> bool:
    """ "in order to X", "so as to X": the noun that introduces a purpose clause."""
    if noun.lower_ == "order" and noun.dep_ == "pobj" and noun.head.lower_ == "in":
        return True
    return noun.lower_ == "as" and noun.head.lower_ == "so"


def _purpose_clause(verb: Token) -> bool:
    """A verb marked "so as to" or "in order to" when the parse hangs the words on it. (A bare
    infinitive of purpose is left alone: "sent a team to investigate" is a plan, "worked with the FBI
    to investigate" a fact.)"""
    marks = [c for c in verb.children if c.dep_ in ("mark", "prep") and c.i < verb.i]
    return any(
        m.lower_ in ("as", "order") and m.i > 0 and verb.doc[m.i - 1].lower_ in ("so", "in") for m in marks
    ) or any(m.lower_ == "in" and verb.doc[m.i + 1].lower_ == "order" for m in marks)


def _presupposed(noun: Token) -> bool:
    """The object of a preposition that takes its object as given ("despite the ceasefire", "given
    the president's refusal to divest", "amid protests", "because of the attack"), or an event noun
    that sets the scene of a verb ("unlikely to agree to cuts at a meeting next month", "could walk out
    during the talks"): what the clause around it denies or supposes is not said of it."""
    if noun.dep_ != "pobj":
        return False
    preposition = noun.head.lower_
    if preposition in PRESUPPOSING_PREPOSITIONS:
        return True
    return preposition in SETTING_PREPOSITIONS and noun.head.head.pos_ in ("VERB", "AUX") and noun.pos_ == "NOUN"


# Prepositions whose object is a fact the sentence takes for granted.
PRESUPPOSING_PREPOSITIONS = frozenset({"given", "despite", "amid", "amidst", "because", "notwithstanding"})
# Prepositions of a verb whose object is the occasion it happens at.
SETTING_PREPOSITIONS = frozenset({"at", "during"})
# Subordinators of clauses that are asserted whatever the main clause says.
FACTUAL_MARKERS = frozenset({"because", "since", "as", "after", "when", "while", "although", "though", "whereas"})


def _aux(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ in ("aux", "auxpass")]


def _has_modal(token: Token, modals: set[str] | frozenset[str]) -> bool:
    return any(c.lower_ in modals for c in _aux(token))


def _own_markers(token: Token, trigger: Token, via: str, depth: int) -> set[str]:
    """What one link in the chain says about the event."""
    found: set[str] = set()
    lemma = token.lemma_.lower()
    for child in token.children:
        if (
            child.dep_ == "neg"
            or (child.dep_ == "advmod" and child.lower_ in ("never", "not"))
            or (child.dep_ == "det" and child.lower_ == "no" and token.pos_ == "NOUN")
        ):
            found.add("negated")
        elif child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in NEGATIVE_SUBJECTS:
            found.add("negated")  # "Nobody warned us"
        elif child.dep_ == "aux" and child.lower_ in MODALS_PLANNED:
            found.add("planned")
        elif child.dep_ == "aux" and child.lower_ in MODALS_HYPOTHETICAL:
            found.add("hypothetical")
        elif child.dep_ == "aux" and child.lower_ in ("would", "'d"):
            found.add("would")  # a plan in reported speech, else a hypothesis (decided below)
        elif child.dep_ == "mark" and child.lower_ in ("if", "unless", "whether"):
            found.add("hypothetical")
        elif child.dep_ == "amod" and child.lower_ in PLANNING_MODIFIERS and token.pos_ == "NOUN":
            found.add("planned")
    if token.dep_ == "advcl" and any(c.lower_ in ("if", "unless") for c in token.children):
        found.add("hypothetical")
    if (via == "acl" and _purpose(token)) or _purpose_clause(token):
        found.add("hypothetical")  # "in order to open a route for aid": an aim, not something done
    if depth == 0:
        return found
    # A governing word: its meaning frames the event below it.
    fronted = via == "ccomp" and trigger.i < token.i  # "X accused Y; the rebels denied it": a clause of its own
    if lemma in NEGATING_GOVERNORS and via in ("xcomp", "ccomp", "dobj", "pcomp", "pobj", "prep") and not fronted:
        found.add("negated")
    elif lemma in NEGATING_NOUNS and via == "acl":
        found.add("negated")  # "the government's refusal to hold talks"
    elif lemma == "be" and via == "xcomp":
        found.add("planned")  # "is to visit"
    elif lemma == "have" and via == "xcomp":
        found.add("hypothetical")  # "is going to have to make a deal": an obligation, not a plan
    elif lemma in HYPOTHETICAL_GOVERNORS and (
        via in ("xcomp", "ccomp", "dobj", "pobj", "prep") or (via == "acl" and token.pos_ == "NOUN")
    ):
        found.add("hypothetical")  # "for fear that he will demand more", "an offer to mediate"
    elif (
        lemma in PLANNING_GOVERNORS
        and (
            via in ("xcomp", "ccomp", "dobj", "pobj", "prep", "nsubjpass", "nsubj")
            or (via == "acl" and token.pos_ == "NOUN")  # "a plan to withdraw"
        )
        and not (lemma in XCOMP_ONLY and via != "xcomp")
        and not (via == "prep" and _through_preposition(token, trigger) in CONCURRING_PREPOSITIONS)
    ):
        found.add("planned")
    # Markers on the governing verb (negation, modals) also frame the event below it.
    return found
