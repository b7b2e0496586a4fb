"""The tense of the verb that governs a time expression, read off the dependency parse."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

FUTURE_AUXILIARIES = frozenset({"will", "'ll", "shall", "wo", "ll"})
# "agreed to meet on Tuesday", "is expected to arrive on Sunday": the infinitive's event lies ahead.
FUTURE_INTENT_LEMMAS = frozenset({
    "plan", "agree", "expect", "schedule", "set", "due", "intend", "aim", "hope", "vow", "pledge",
    "promise", "prepare", "decide", "go", "threaten", "seek", "want", "propose", "slate", "call",
})  # fmt: skip
# Reporting verbs in the present ("police say") tell nothing about when the reported event is.
_REPORTING_LEMMAS = frozenset({"say", "tell", "report", "claim", "allege", "believe", "think", "know", "accuse"})
# "the summit, scheduled for Monday": a participle of arranging points ahead too.
SCHEDULING_PARTICIPLES = frozenset({"schedule", "slate", "set", "plan", "due"})


def governing_tense(doc: Doc, start: int, end: int) -> str | None:
    """'past', 'future' or None (unknown/present) for the verb governing the span [start, end)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    verb = _governing_verb(span.root)
    # A participle modifying a noun ("a delegation led by the minister ... on Thursday") has no tense
    # of its own: the clause around the noun decides, unless it is one of arranging ("scheduled for").
    while verb is not None and verb.dep_ in ("acl", "amod") and verb.tag_ in ("VBN", "VBG"):
        if verb.lemma_.lower() in SCHEDULING_PARTICIPLES or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
            break
        verb = _governing_verb(verb.head)
    return verb_tense(verb) if verb is not None else None


def _governing_verb(token: Token) -> Token | None:
    seen = 0
    while token.pos_ not in ("VERB", "AUX") or token.dep_ in ("aux", "auxpass"):
        if token.head.i == token.i or seen > 12:
            return None
        token = token.head
        seen += 1
    return token


def verb_tense(verb: Token) -> str | None:
    """Tense of one verb token from its tag and its auxiliaries."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in FUTURE_AUXILIARIES for a in auxiliaries):
        return "future"
    # "said she would raise it on Thursday", "could call a strike on Monday": a modal without
    # "have" looks ahead of the publication date.
    if any(a.tag_ == "MD" for a in auxiliaries) and not any(a.lemma_ == "have" for a in auxiliaries):
        return "future"
    if verb.tag_ == "VB" and any(a.lower_ == "to" for a in auxiliaries):
        governor = verb.head
        if governor.i != verb.i and governor.lemma_.lower() in FUTURE_INTENT_LEMMAS:
            return "future"
    # "scheduled for Monday", "talks are scheduled for Thursday", "a vote is expected in October"
    if (
        verb.tag_ == "VBN"
        and verb.lemma_.lower() in SCHEDULING_PARTICIPLES | {"expect"}
        and all(a.tag_ in ("VBZ", "VBP") for a in auxiliaries)
    ):
        return "future"
    if verb.tag_ == "VBG" and any(a.tag_ in ("VBZ", "VBP") and a.lemma_ == "be" for a in auxiliaries):
        return "future"  # "are meeting on Friday": an arrangement
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxiliaries):
        return "past"
    if verb.tag_ == "VBZ" and not auxiliaries and verb.lemma_.lower() not in _REPORTING_LEMMAS:
        return "future"  # news present with a date is a timetable: "the summit opens on Monday"
    if any(a.lemma_ == "have" for a in auxiliaries):
        return "past"
    if verb.tag_ == "VBN":
        return "past"  # "killed on Tuesday" without an auxiliary
    return None
