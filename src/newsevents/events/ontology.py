"""PLOVER facts that do not depend on the text: quad categories, the conflict–cooperation scale, and
the names older PLOVER releases used for today's categories.

The scale is the "Schrodt score" table of the PLOVER manual (draft 0.7/0.8, "Numeric
conflict/cooperation scores"): a weighted average of the Goldstein scores of the CAMEO codes folded
into each PLOVER category, on Goldstein's -10 (most conflictual) to +10 (most cooperative) range.
Cooperation is positive, conflict negative. REQUEST takes the manual's DEMAND score.
"""

from __future__ import annotations

# 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
QUAD_CODES: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}  # fmt: skip

SCALE: dict[str, float] = {
    "ASSAULT": -9.3, "COERCE": -7.2, "PROTEST": -6.6, "MOBILIZE": -5.3, "SANCTION": -5.2,
    "THREATEN": -5.1, "REQUEST": -5.0, "REJECT": -4.2, "ACCUSE": -2.0,
    "CONSULT": 2.1, "AGREE": 4.2, "SUPPORT": 4.6, "CONCEDE": 5.0, "COOPERATE": 6.8, "AID": 7.4,
    "RETREAT": 7.6,
}  # fmt: skip

# PLOVER 0.5b1 names (used by the CAMEO gold-standard records) -> current categories.
LEGACY_NAMES: dict[str, str] = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "FIGHT": "ASSAULT",
    "INVESTIGATE": "ACCUSE",
}
