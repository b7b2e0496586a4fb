"""When an event happened: the time expression that governs its trigger, else the publication day.

A time expression dates a trigger when it hangs on the trigger, or on a word the trigger shares its
clause with ("held talks on Monday", "visited Manila on Monday and signed"), within
``MAX_DATE_DISTANCE`` dependency links. It does not date the trigger when a clause boundary lies
between them:

* the time sits in a clause of its own ("crossing points closed since 2011");
* the trigger sits in a clause the time's verb governs: a reported event ("said on Sunday that the
  EU could impose sanctions" dates the statement), a planned one ("agreed on Wednesday to set up
  patrols" dates the agreement).

A clock time on its own ("at around 6 a.m.") gives the hour, not the day: it dates nothing (the times
stage anchors it to the publication day, which is rarely the day of the happening told).

A participle that only adds to its verb ("ambushed a convoy on Monday, killing four") shares the
verb's time. When the time expression is a range with an end value, the event gets an end date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from newsevents.model import Analysis, TimeExpr

MAX_DATE_DISTANCE = 4  # dependency links between a trigger and the time expression that dates it
# Dependencies that open a clause of their own.
CLAUSE_LINKS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "csubj", "parataxis"})
CLOCK_TIME = re.compile(r"^(?:\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?|h|hrs?)|noon|midnight)$", re.I)


@dataclass(frozen=True)
class EventDate:
    """The date of one trigger and where it came from."""

    value: str | None
    end: str | None = None
    source: str | None = None  # "text" | "published" | None


def date_of(analysis: Analysis, trigger: Token) -> EventDate:
    """The value (and range end) of the time expression that governs the trigger, or no date."""
    sentence = trigger.sent
    best: tuple[int, int, TimeExpr] | None = None
    for time in analysis.times:
        if time.value is None or not (sentence.start_char <= time.start < sentence.end_char):
            continue
        if CLOCK_TIME.match(time.text.strip()):
            continue
        span = trigger.doc.char_span(time.start, time.end, alignment_mode="expand")
        if span is None:
            continue
        distance = _governing_distance(trigger, span.root)
        if distance is None or distance > MAX_DATE_DISTANCE:
            continue
        key = (distance, abs(time.start - trigger.idx), time)
        if best is None or key[:2] < best[:2]:
            best = key
    if best is None:
        return EventDate(None)
    time = best[2]
    return EventDate(time.value, range_end(time), "text")


def range_end(time: TimeExpr) -> str | None:
    """The end value of a time range ("from 3 to 5 May"), if the times stage gave one."""
    return time.end_value or None


def published_date(analysis: Analysis) -> str | None:
    """The article's publication day (YYYY-MM-DD), if known."""
    published = analysis.article.published
    return published[:10] if published and len(published) >= 10 else None


def _governing_distance(trigger: Token, time_root: Token) -> int | None:
    """Dependency links between trigger and time, or None when a clause boundary separates them."""
    trigger_path = [trigger, *trigger.ancestors]
    time_path = [time_root, *time_root.ancestors]
    time_depth = {t.i: n for n, t in enumerate(time_path)}
    meeting = next(((n, t) for n, t in enumerate(trigger_path) if t.i in time_depth), None)
    if meeting is None:
        return None
    up, common = meeting
    down = time_depth[common.i]
    for token in time_path[:down]:  # from the time up to (not including) the common ancestor
        if token.dep_ in CLAUSE_LINKS and not _simultaneous(token):
            return None
        if token.dep_ == "conj" and token.pos_ in ("VERB", "AUX"):
            return None
    for token in trigger_path[:up]:  # from the trigger up to the common ancestor
        if token.dep_ in CLAUSE_LINKS and not _shares_time(token):
            return None
    return up + down


def _shares_time(clause: Token) -> bool:
    """A participle clause without subject or marker shares its verb's time ("..., killing four"),
    and so does a "when"/"as"/"while" clause."""
    if clause.dep_ != "advcl":
        return False
    if _simultaneous(clause):
        return True  # "began in late 2014, when the Houthis seized Sanaa"
    if clause.tag_ not in ("VBG", "VBN"):
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass", "mark", "aux") for c in clause.children)


SIMULTANEOUS_MARKERS = frozenset({"when", "as", "while"})


def _simultaneous(clause: Token) -> bool:
    """An adverbial "when"/"as"/"while" clause happens at its verb's time, and its verb at its time."""
    return clause.dep_ == "advcl" and any(
        c.dep_ in ("mark", "advmod") and c.lower_ in SIMULTANEOUS_MARKERS for c in clause.children
    )
