"""Why a word that matches the trigger lexicon reports no event here (precision first).

Each guard reads the parse around one matched trigger and names a reason to drop it, or returns
None. The reasons are kinds of reading, not lists of sentences:

* boilerplate of news writing: "declined to comment", "a request for comment";
* the noun is a topic, not a happening: "met to discuss the release of prisoners";
* the noun is not one specific happening: "funded any raid", "protection against airstrikes";
* the noun denies what someone else said: "denied the accusation" (the accusation is coded where it
  was made; a denial is a public statement, CAMEO 01, which PLOVER does not code);
* the verb has a subject that is no actor ("areas that do not support ...", "I urge ...");
* the verb is used as an adjective ("is committed to publishing"), or in a sport or a race
  ("Kenya beat Uganda 2-1", "the champion rallied to win"); a match report codes no event at all;
* an open question ("scrutiny over whether it violated rules", "whether the president will agree ...
  depends on ..."), or what someone wishes another would do ("most Americans want Congress to
  investigate", "advisers would like to see China agree"): no one has done or announced it;
* a question asked ("the scientist asked, \"Could anything live there?\"", "asked why the talks failed"):
  asking a question requests nothing;
* a body meeting by itself ("the council will meet on Thursday") is a session, not a consultation;
* a company or product promising, offering, allowing or dealing with no state, group or person
  taking part ("the carmaker is promising space for five", "the retailer is offering a gift card") is commerce,
  not a political event;
* the noun is what a dispute or talks are about ("a dispute over the deployment of troops");
* agreeing or recognising *that* something is so is an opinion ("many businesses agree that China has
  taken advantage"), unless the clause says what is to be done ("agreed that their ministers should meet");
* a verb in another sense: "demonstrated its resolve", "as demonstrated by" (showing), "seized on the
  remarks" (taking up);
* a cooperative event (PLOVER quad class 1 or 2) that no one is named doing ("deals with authoritarian
  governments", "after he was released from prison"): cooperation is an act of a party's will.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsevents.events.ontology import QUAD_CODES

if TYPE_CHECKING:
    from spacy.tokens import Token

    from newsevents.events.lexicon import Trigger
    from newsevents.model import Actor

# Verbs of speaking that "declined to ...", "refused to ..." take in news boilerplate.
SPEECH_COMPLEMENTS = frozenset(
    {
        "comment",
        "say",
        "elaborate",
        "discuss",
        "respond",
        "confirm",
        "answer",
        "speak",
        "identify",
        "name",
        "disclose",
        "specify",
        "give",
        "provide",
        "reveal",
        "detail",
        "talk",
        "reply",
        "return",  # "did not return calls"
    }
)
COMMENT_NOUNS = frozenset({"comment", "comments", "response", "reaction", "interview", "statement", "clarification"})
# Nouns whose bare singular means something else than the event: demand in the market, relief felt.
MASS_SENSES = frozenset({"demand", "relief", "support", "pressure", "opposition"})
# Verbs whose object is something talked about, not something done: "met to discuss the release".
TOPIC_VERBS = frozenset(
    {"discuss", "debate", "review", "consider", "study", "examine", "address", "raise", "explore", "weigh", "analyse",
     "analyze", "assess", "evaluate", "mull", "ponder", "cover", "report"}
)  # fmt: skip
# Verbs that say an accusation or claim is false.
DENIAL_VERBS = frozenset({"deny", "dismiss", "refute", "rebut", "contest", "dispute", "reject"})
# Determiners that make a noun stand for no particular happening.
NON_SPECIFIC_DETERMINERS = frozenset({"any", "every", "each", "such"})
# Sport and race results: a score ("6-3", "2-1") or the words around a match.
# (The look-behind follows the first digit, so that the search skips quickly from digit to digit: it
# matches where "(?<![\d/.-])\d{1,2}-..." does, 3.5 times faster.)
SCORE = re.compile(r"\d(?<![\d/.-]\d)\d?-\d{1,2}(?![\d/-])")
SPORT_WORDS = frozenset(
    {
        "match", "game", "season", "tournament", "championship", "champion", "league", "cup", "playoff",
        "semifinal", "quarterfinal", "goal", "scored", "coach", "striker", "quarterback", "innings", "medal",
        "olympics", "fixture", "derby", "doubles", "singles", "seed", "pitcher", "inning", "touchdown",
    }
)  # fmt: skip
# Words that name a sport or its people, and hardly anything else.
STRONG_SPORT_WORDS = frozenset(
    {
        "quarterback", "touchdown", "innings", "inning", "pitcher", "striker", "goalkeeper", "midfielder",
        "linebacker", "rusher", "playoff", "playoffs", "semifinal", "semifinals", "quarterfinal", "tournament",
        "championship", "olympics", "doubles", "fixture", "derby", "nfl", "nba", "mlb", "nhl", "fifa", "uefa",
        "atp", "wta", "teammate", "teammates", "scored", "halftime",
    }
)  # fmt: skip
# Words around a result that "beat", "defeat" or "rally" may report: a race, a vote, a market.
RESULT_WORDS = frozenset(
    {
        "election", "vote", "votes", "poll", "polls", "seat", "seats", "incumbent", "primary", "points",
        "victory", "win", "race", "stock", "stocks", "shares", "market", "markets", "index", "prices",
        "currency", "expectations", "estimates", "forecast", "forecasts", "rival", "rivals", "opponent",
    }
)  # fmt: skip
# Verbs that mean a contest result or a market move far more often than violence or a protest.
CONTEST_VERBS = frozenset({"beat", "rally", "defeat", "hit", "strike", "fight", "attack", "shoot", "clash"})
RESULT_VERBS = frozenset({"beat", "defeat", "rally"})


def boilerplate(token: Token) -> str | None:
    """ "declined to comment", "refused to say", "did not respond to a request for comment"."""
    lemma = token.lemma_.lower()
    if lemma in ("decline", "refuse", "reject") or token.lower_ == "declined":
        for child in token.children:
            if child.dep_ == "xcomp" and child.lemma_.lower() in SPEECH_COMPLEMENTS and not _answers_a_demand(child):
                return "declined to comment"
            if child.dep_ == "dobj" and child.lemma_.lower() in COMMENT_NOUNS:
                return "declined to comment"
    if token.pos_ == "NOUN" and lemma == "request":
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "for"):
            if any(g.lemma_.lower() in COMMENT_NOUNS for g in prep.children):
                return "a request for comment"
    return None


def _answers_a_demand(verb: Token) -> bool:
    """ "refused to respond to a demand from the US": a refusal of a demand, not of a comment."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"):
        for noun in (g for g in prep.children if g.dep_ == "pobj"):
            asked = any(p.dep_ == "prep" and p.lower_ == "for" for p in noun.children)
            if noun.lemma_.lower() not in ("question", "call", "email", "inquiry", "message") and not asked:
                return True
    return False


def noun_is_no_happening(token: Token, trigger: Trigger) -> str | None:
    """A noun trigger that names a topic, a denied claim or no particular happening."""
    if trigger.kind != "noun":
        return None
    if any(c.dep_ == "det" and c.lower_ in NON_SPECIFIC_DETERMINERS for c in token.children):
        return "non-specific"
    if (
        token.lemma_.lower() in MASS_SENSES
        and token.tag_ == "NN"
        and not any(c.dep_ in ("det", "poss") for c in token.children)
    ):
        return "mass noun"  # "we've never had demand", "relief among residents"
    if _guarded_against(token):
        return "a danger guarded against"  # "protection to civilians against Russian airstrikes"
    if _topic_of_a_noun(token):
        return "a topic of talks"  # "a dispute over the deployment", "talks on the release of prisoners"
    governor = _governing_verb(token)
    if governor is None:
        return None
    lemma = governor.lemma_.lower()
    if lemma in TOPIC_VERBS:
        return "a topic of talks"
    if lemma in DENIAL_VERBS and trigger.event in ("ACCUSE", "THREATEN", "REQUEST"):
        return "a denied claim"
    return None


# Nouns of talk and disagreement: what they are "over", "about" or "on" is talked about, not done.
TOPIC_NOUNS = frozenset(
    {"dispute", "row", "debate", "discussion", "talk", "negotiation", "question", "issue", "controversy",
     "disagreement", "spat", "argument", "quarrel", "wrangling", "wrangle", "deadlock", "impasse", "standoff",
     "speculation", "rumour", "rumor"}
)  # fmt: skip


def _topic_of_a_noun(noun: Token) -> bool:
    """ "a dispute over the deployment of troops", "talks on the release of prisoners": the object of
    "over"/"about"/"on" hanging on a noun of talk or disagreement (a report on a massacre is kept: a
    report tells of what happened)."""
    if noun.dep_ != "pobj" or noun.head.dep_ != "prep":
        return False
    holder = noun.head.head
    if holder.pos_ not in ("NOUN", "PROPN") or holder.lemma_.lower() not in TOPIC_NOUNS:
        return False
    return noun.head.lower_ in ("over", "about", "on", "regarding", "concerning")


# Words of protection: what they guard against is a danger in general, not one happening.
PROTECTION_WORDS = frozenset(
    {"protection", "protect", "defence", "defense", "defend", "shield", "safeguard", "guard", "insurance", "insure",
     "immunity", "safety", "safe", "secure", "security", "shelter", "refuge", "precaution", "deterrent"}
)  # fmt: skip


def _guarded_against(noun: Token) -> bool:
    """ "protection against airstrikes", "shield civilians from attacks", "safe from shelling"."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("against", "from"):
        return False
    # The parse often hangs "against" on the nearest noun ("protection to civilians against ..."), so
    # read back a few words to the protection word, stopping at any other verb.
    for word in reversed(noun.doc[max(noun.sent.start, prep.i - 6) : prep.i]):
        if word.lemma_.lower() in PROTECTION_WORDS or word.lower_ in PROTECTION_WORDS:
            return True
        if word.pos_ in ("VERB", "AUX") or word.dep_ in ("punct", "cc"):
            return False
    return False


def _governing_verb(token: Token) -> Token | None:
    """The verb a noun is the object of, directly or through a preposition ("discuss plans for talks")."""
    head = token
    for _ in range(3):
        if head.dep_ in ("dobj", "nsubjpass", "attr"):
            return head.head if head.head.pos_ in ("VERB", "AUX") else None
        if head.dep_ == "pobj" and head.head.dep_ == "prep":
            # "discuss the release of journalists": climb from an "of" object to its noun.
            if head.head.lower_ in ("of", "on", "about", "over", "for") and head.head.head.pos_ in ("NOUN", "PROPN"):
                head = head.head.head
                continue
            if head.head.lower_ in ("on", "about", "over") and head.head.head.pos_ == "VERB":
                return head.head.head  # "talked about the release"
            return None
        if head.dep_ == "conj":
            head = head.head
            continue
        return None
    return None


def adjectival_use(token: Token) -> str | None:
    """A participle used as an adjective: "the defending champion", "a wanted man", "Committed to
    restraint, Democrats have ..."."""
    if token.pos_ == "VERB" and token.dep_ == "amod":
        return "adjective"
    if _participle_adjunct(token):
        return "adjective"  # "Worried about backlash and committed to restraint, Democrats have ..."
    return None


def _participle_adjunct(token: Token) -> bool:
    """A past participle heading an adjunct that opens the sentence, with no subject or auxiliary
    of its own ("Committed to restraint, the party ...", "Armed with rifles, the men ..."): it
    describes the subject of the main clause, it reports nothing done."""
    # a subjectless "committed" joined to "Worried ..." is tagged as a past tense now and then
    participle = token.tag_ == "VBN" or (token.tag_ == "VBD" and token.dep_ == "conj" and token.head.tag_ == "VBN")
    if not participle or any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in token.children):
        return False
    adjunct = token
    while adjunct.dep_ == "conj" and adjunct.head.tag_ in ("VBN", "JJ"):
        adjunct = adjunct.head
    own = {"nsubj", "nsubjpass", "aux", "auxpass", "mark"}
    if adjunct.dep_ != "advcl" or any(c.dep_ in own for c in adjunct.children):
        return False
    return adjunct.i < adjunct.head.i and adjunct.left_edge.i == adjunct.sent.start


def in_condition(token: Token) -> str | None:
    """A trigger inside an "if"/"unless" clause states the condition of another event ("could launch
    attacks if the army did not reinforce", "willing to help if it is attacked"), not an event."""
    for clause in [token, *token.ancestors]:
        if clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in clause.children):
            return "condition"
        if _inverted_condition(clause):
            return "condition"  # "threats should China not accede to his terms"
    return None


def _inverted_condition(clause: Token) -> bool:
    """A subordinate clause opened by "should", "had" or "were" before its subject, the inverted
    form of "if" ("should China not accede", "had the army withdrawn", "were the talks to fail")."""
    if clause.dep_ == "ROOT" or clause.pos_ not in ("VERB", "AUX"):
        return False
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    opener = next((c for c in clause.children if c.dep_ in ("aux", "auxpass") and c.i == clause.left_edge.i), None)
    if subject is None or opener is None or opener.lower_ not in ("should", "had", "were"):
        return False
    return opener.i < subject.i and not clause.sent.text.rstrip().endswith("?")


# Verbs of wishing: "want Congress to investigate", "would like (to see) China agree".
WISH_VERBS = frozenset({"want", "wish", "like", "prefer", "love"})


def open_question(token: Token) -> str | None:
    """A trigger inside a "whether" clause: a question asked, not an event ("facing scrutiny over
    whether it violated financial rules", "whether the two sides could agree is unclear"). A relative
    clause on the way up states a fact of its own, so the climb stops there."""
    for clause in [token, *token.ancestors]:
        if any(c.dep_ == "mark" and c.lower_ == "whether" for c in clause.children):
            return "open question"
        if clause.dep_ in ("relcl", "acl"):
            return None
    return None


def someone_elses_wish(token: Token) -> str | None:
    """A verb trigger that is what one party wishes another would do: "most Americans want Congress
    to investigate the minister", "advisers would like to see China agree". The one wished upon has not
    acted or said it would; the wisher's own wish ("Iran wants to hold talks") stays an intention."""
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
    while token.dep_ == "conj":  # "want the House to impeach and the Senate to convict"
        token = token.head
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    if token.pos_ != "VERB" or not (token.dep_ in ("ccomp", "xcomp") or (token.dep_ == "advcl" and infinitive)):
        return None  # an infinitive may hang as "advcl" when the parse loses its way
    wisher = token.head
    if wisher.lemma_.lower() == "see" and wisher.dep_ == "xcomp":
        wisher = wisher.head  # "would like to see China agree"
    if wisher.lemma_.lower() not in WISH_VERBS or wisher.pos_ != "VERB":
        return None
    own_subject = own_subject or any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
    wished_upon = any(c.dep_ == "dobj" for c in token.head.children) and token.dep_ in ("xcomp", "advcl")
    return "someone else's wish" if own_subject or wished_upon else None


QUESTION_WORDS = frozenset({"whether", "if", "why", "how", "what", "when", "where", "who", "which"})


def question_asked(token: Token) -> str | None:
    """ "asked" reporting a question, not a request: a quoted question ("asked, \"Could it ...?\"")
    or a clause of "whether", "if" or a wh-word ("asked why the talks failed"). A request asks
    someone to do something ("asked Iran to release the crew"), which this does not touch."""
    if token.pos_ != "VERB" or token.lemma_.lower() != "ask":
        return None
    if any(c.dep_ == "xcomp" for c in token.children):
        return None  # "asked Iran to release": a request
    for clause in (c for c in token.children if c.dep_ == "ccomp"):
        first = clause.left_edge
        if first.lower_ in QUESTION_WORDS or any(
            c.dep_ == "mark" and c.lower_ in QUESTION_WORDS for c in clause.children
        ):
            return "a question"
        if any(t.text == "?" for t in clause.subtree) or clause.sent.text.rstrip('"”’\' ').endswith("?"):
            return "a question"
    return None


def contest(token: Token, trigger: Trigger, actors: list[Actor], recipients: list[Actor]) -> str | None:
    """A sports, election or market result read with a violence or protest verb."""
    lemma = token.lemma_.lower()
    if lemma not in CONTEST_VERBS and trigger.lemma not in CONTEST_VERBS:
        return None
    sentence = token.sent
    words = {t.lower_ for t in sentence} | {t.lemma_.lower() for t in sentence}
    if SCORE.search(sentence.text) or len(words & SPORT_WORDS) >= 2:
        return "contest"
    if lemma in RESULT_VERBS and words & (SPORT_WORDS | RESULT_WORDS):
        return "contest"
    if lemma == "rally" and any(c.dep_ in ("xcomp", "advcl") for c in token.children):
        return "contest"  # "rallied to win", "rallied to beat"
    # Beating as violence is done to people ("beat protesters"), not to a named rival or country.
    named_rivals = bool(recipients) and all(not r.generic for r in recipients)
    if lemma in ("beat", "defeat") and trigger.mode == "beat" and named_rivals and not _physical(token):
        return "contest"
    return None


def _physical(token: Token) -> bool:
    """ "beat up", "beaten to death", "beat him with sticks"."""
    for child in token.children:
        if child.dep_ == "prt" and child.lower_ == "up":
            return True
        if child.dep_ == "prep" and child.lower_ in ("to", "with"):
            objects = {g.lemma_.lower() for g in child.children}
            if objects & {"death", "stick", "baton", "club", "rod", "pipe", "rifle", "fist"}:
                return True
    return False


def session_of_one_body(event: str, trigger: Trigger, actors: list[Actor], recipients: list[Actor]) -> str | None:
    """ "The cabinet met", "the council will meet": one organisation sitting alone consults no one."""
    if event != "CONSULT" or recipients or len(actors) != 1 or "sym" not in trigger.flags:
        return None
    actor = actors[0]
    if actor.kind == "organization" and not actor.generic:
        return "session of one body"
    return None


# Cooperative and verbal events a business does in the course of trade: offers, promises, deals,
# allowances, help to customers, releases of products.
COMMERCE_EVENTS = frozenset({"AGREE", "CONCEDE", "AID", "SUPPORT", "REQUEST", "RETREAT", "COOPERATE", "CONSULT"})


# Words of politics, war and public order: a sentence with one of them is no sentence about trade,
# even when its parties are organisations the actor layer does not know ("the SPLM/A agreed to ...").
POLITICAL_WORDS = frozenset(
    {"government", "governments", "minister", "ministry", "president", "parliament", "congress", "senate",
     "election", "party", "opposition", "rebel", "rebels", "militia", "army", "military", "troops", "forces",
     "police", "war", "ceasefire", "hostilities", "peace", "humanitarian", "refugees", "sanctions", "treaty",
     "border", "state", "regime", "authorities", "officials", "court", "union", "strike", "protest", "protesters",
     "diplomatic", "embassy", "human", "rights", "security", "coalition", "movement", "liberation", "junta"}
)  # fmt: skip


def commerce(token: Token, event: str, actors: list[Actor], recipients: list[Actor]) -> str | None:
    """Every participant an organisation the actor layer gives no country and no sector but business
    (a company or a product: "Acme", "the company", "the new charger"), in a sentence with no word of politics,
    war or public order. Such offers, promises, deals and releases are trade, which PLOVER does not
    code; a government, party, armed group or union has a sector, a country or such words about it."""
    parties = actors + recipients
    if event not in COMMERCE_EVENTS or not parties:
        return None
    if not all(a.kind == "organization" and set(a.sectors) <= {"BUS"} and a.country is None for a in parties):
        return None
    if any(t.lower_ in POLITICAL_WORDS for t in token.sent):
        return None
    return "commerce"


def sports_report(text: str) -> bool:
    """Whether an article reports sport: several scores ("6-3, 7-6"), or a score with the words of a
    match, or many such words. Its "beat", "rallied", "defending" and "meetings" report no event."""
    scores = len(SCORE.findall(text))
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
    strong = len(words & STRONG_SPORT_WORDS)
    sport = len(words & SPORT_WORDS)
    return scores >= 3 or strong >= 2 or (scores >= 1 and sport >= 3) or sport >= 6


# Cooperation is what a party does or gives of its own will; with no one named doing it, a deal, a
# release or a meeting records nothing of who cooperated ("deals with authoritarian governments",
# "after he was released from prison", "had been signed to a label"). Violence, coercion and
# accusation done to a named party tell who suffered it, and are kept ("was arrested", "were accused").
ACTORLESS_QUADS = frozenset({3, 4})


def no_one_cooperates(event: str, actors: list[Actor]) -> str | None:
    """A cooperative event (PLOVER quad class 1 or 2) with no actor."""
    if actors or QUAD_CODES[event] in ACTORLESS_QUADS:
        return None
    return "no one cooperates"


# Verbs of assent whose clause complement can be an opinion: "agree that China has taken advantage",
# "recognized that Austrians were perpetrators", "conceded that the plan had failed".
ASSENT_VERBS = frozenset({"agree", "recognize", "recognise", "acknowledge", "accept", "admit", "concede"})
# Auxiliaries that make a clause something to be done: "agreed that their countries should cooperate".
DEONTIC_OR_FUTURE = frozenset(
    {"should", "must", "will", "shall", "would", "'ll", "wo", "ought", "need", "can", "could"}
)


def opinion_assented(token: Token) -> str | None:
    """Agreeing or recognising *that* something is so states an opinion, not an agreement or a
    recognition of a party: the clause complement has no modal of obligation or future, and the verb
    has no object or "to"/"on"/"with" phrase of its own ("agreed on a ceasefire", "recognised Kosovo")."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in ASSENT_VERBS:
        return None
    clauses = [c for c in token.children if c.dep_ in ("ccomp", "parataxis")]
    if not clauses or any(c.dep_ in ("dobj", "xcomp") for c in token.children):
        return None
    if any(c.dep_ == "prep" and c.lower_ in ("to", "on", "with") for c in token.children):
        return None
    for clause in clauses:
        verbs = [clause, *(c for c in clause.children if c.dep_ in ("conj", "xcomp"))]
        if any(a.dep_ == "aux" and a.lower_ in DEONTIC_OR_FUTURE for v in verbs for a in v.children):
            return None
        if any(a.lower_ == "to" and a.dep_ == "aux" for a in clause.children):
            return None  # "agreed, to resume talks": an infinitive is something to do
    return "an opinion"


def showing_sense(token: Token, trigger: Trigger) -> str | None:
    """Verbs of protest or seizure in another sense: "demonstrated its resolve", "as demonstrated by
    his departure" (showing: a demonstration has no object and no agent phrase); "seized on a
    remark", "seized upon the idea" (taking up, not taking hold)."""
    if token.pos_ != "VERB":
        return None
    lemma = token.lemma_.lower()
    if lemma == "demonstrate" and trigger.event == "PROTEST":
        if any(c.dep_ in ("dobj", "ccomp", "agent", "nsubjpass") for c in token.children):
            return "showing"
        if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children):
            return "showing"  # "as demonstrated"
    if lemma == "seize" and not any(c.dep_ == "dobj" for c in token.children):
        # the phrasal verb: "on"/"upon" right after it, its object no day ("seized on Tuesday")
        for prep in (c for c in token.children if c.dep_ in ("prep", "prt") and c.lower_ in ("on", "upon")):
            if prep.i == token.i + 1 and not any(g.ent_type_ in ("DATE", "TIME") for g in prep.children):
                return "taking up"
    return None
