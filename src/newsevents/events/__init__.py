"""Events stage: PLOVER events with actors, status, date, place and evidence.

lexicon.py       the trigger table (word -> event type, mode, context)
ontology.py      quad codes, the conflict–cooperation scale, legacy PLOVER names
participants.py  actors, recipients and places from the parse
status.py        asserted / planned / negated / hypothetical
coder.py         coding per sentence and merging repeats into one event
evaluate.py      precision/recall on the PLOVER gold-standard records
"""

from __future__ import annotations

from newsevents.events.coder import code_events

__all__ = ["code_events"]
