"""The trigger lexicon covers every PLOVER type with valid codes."""

from __future__ import annotations

from newsevents.events.lexicon import TRIGGERS
from newsevents.events.ontology import QUAD_CODES, SCALE
from newsevents.model import PLOVER_EVENTS


def test_every_plover_type_has_triggers_codes_and_a_scale() -> None:
    assert {t.event for t in TRIGGERS} == set(PLOVER_EVENTS)
    assert set(QUAD_CODES) == set(PLOVER_EVENTS) == set(SCALE)


def test_cooperation_is_positive_and_conflict_negative() -> None:
    for event, quad in QUAD_CODES.items():
        assert (SCALE[event] > 0) == (quad in (1, 2)), event


def test_flags_are_known() -> None:
    known = {"rec", "sym", "visit", "host", "joint", "noobj", "ccomp", "civil", "demand"}
    known |= {"topic", "offer", "made", "forces", "armed", "people"}
    assert all(t.flags <= known for t in TRIGGERS)
