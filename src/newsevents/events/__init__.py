"""Events stage: PLOVER events with actors, status, date, place and evidence.

lexicon.py       the trigger table (word -> event type, mode, context)
ontology.py      quad codes, the conflict–cooperation scale, legacy PLOVER names
participants.py  actors, recipients and places from the parse (and the country a place stands for)
status.py        asserted / planned / negated / hypothetical
dates.py         the time expression that dates a trigger, else the publication day (flagged)
guards.py        why a matched trigger word reports no event here (precision)
roles.py         which tokens are a trigger's actor and recipient, and the actors they name
coder.py         coding per sentence: triggers, participants, status, date, mode
merge.py         merging repeats into one event per happening, publication-day dates
evaluate.py      precision/recall on the PLOVER gold-standard records, confusions, calibration
"""

from __future__ import annotations

from newsevents.events.coder import code_events

__all__ = ["code_events"]
