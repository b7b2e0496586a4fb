"""The rows one analysed article becomes, table by table.

The store (``store.py``) inserts these rows and the cluster runner's Parquet output
(``scale/tables.py``) carries them, so the two cannot drift apart: a field added to the data model
gets its column here, once. Columns are named, so a store that gained a column later (``ALTER
TABLE ... ADD COLUMN`` puts it last) is written correctly too.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from newsevents.model import Analysis

COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": (
        "id", "url", "site", "title", "authors", "published", "language", "text", "source", "pipeline_version",
        "model_version", "ingested_at", "document",
    ),
    "entities": ("article_id", "id", "label", "start_char", "end_char", "text", "actor", "place"),
    "actors": (
        "article_id", "id", "name", "kind", "country", "sectors", "title", "affiliation", "generic", "mentions",
    ),
    "places": (
        "article_id", "id", "name", "feature", "country", "admin1", "lat", "lon", "geonames_id", "mentions",
    ),
    "times": (
        "article_id", "id", "start_char", "end_char", "text", "value", "granularity", "anchor", "end_value",
    ),
    "quotes": (
        "article_id", "id", "kind", "start_char", "end_char", "text", "cue", "speaker_text", "speaker_start",
        "speaker_end", "speaker_actor", "anonymous",
    ),
    "quantities": ("article_id", "id", "start_char", "end_char", "text", "value", "unit", "approx"),
    "events": (
        "article_id", "id", "event", "mode", "context", "status", "actor", "recipient", "date", "enddate", "place",
        "sentence_start", "sentence_end", "sentence", "trigger_start", "trigger_end", "trigger", "quad_code",
        "confidence", "scale", "evidence", "quote", "date_source",
    ),
    "event_participants": ("article_id", "event_id", "role", "actor_id", "name", "country", "kind"),
}  # fmt: skip

TABLES = tuple(COLUMNS)


def analysis_rows(analysis: Analysis, ingested_at: datetime) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows for one analysed article, as tuples in the order of ``COLUMNS``."""
    a = analysis.article
    aid = a.id
    return {
        "articles": [(
            aid, a.url, a.site, a.title, list(a.authors), a.published, a.language, a.text, a.source,
            analysis.pipeline.get("newsevents"), analysis.pipeline.get("model"), ingested_at,
            json.dumps(analysis.as_dict(), ensure_ascii=False),
        )],
        "entities": [(aid, e.id, e.label, e.start, e.end, e.text, e.actor, e.place) for e in analysis.entities],
        "actors": [
            (aid, x.id, x.name, x.kind, x.country, list(x.sectors), x.title, x.affiliation, x.generic,
             list(x.mentions))
            for x in analysis.actors
        ],
        "places": [
            (aid, p.id, p.name, p.feature, p.country, p.admin1, p.lat, p.lon, p.geonames_id, list(p.mentions))
            for p in analysis.places
        ],
        "times": [
            (aid, t.id, t.start, t.end, t.text, t.value, t.granularity, t.anchor, t.end_value)
            for t in analysis.times
        ],
        "quotes": [
            (aid, q.id, q.kind, q.start, q.end, q.text, q.cue, q.speaker.text, q.speaker.start, q.speaker.end,
             q.speaker.actor, q.speaker.anonymous)
            for q in analysis.quotes
        ],
        "quantities": [
            (aid, n.id, n.start, n.end, n.text, n.value, n.unit, n.approx) for n in analysis.quantities
        ],
        "events": [
            (aid, v.id, v.event, v.mode, list(v.context), v.status, list(v.actor), list(v.recipient), v.date,
             v.enddate, v.place, v.sentence.start, v.sentence.end, v.sentence.text, v.trigger.start, v.trigger.end,
             v.trigger.text, v.quad_code, v.confidence, v.scale,
             json.dumps([s.as_dict() for s in v.evidence], ensure_ascii=False), v.quote, v.date_source)
            for v in analysis.events
        ],
        "event_participants": _participants(analysis),
    }  # fmt: skip


def _participants(analysis: Analysis) -> list[tuple[Any, ...]]:
    """One row per (event, role, actor): the actor's name, country and kind, for filtering without joins."""
    rows = []
    for v in analysis.events:
        for role, ids in (("actor", v.actor), ("recipient", v.recipient)):
            for actor_id in dict.fromkeys(ids):
                actor = analysis.actor(actor_id)
                rows.append((
                    analysis.article.id, v.id, role, actor_id, actor.name if actor else None,
                    actor.country if actor else None, actor.kind if actor else None,
                ))  # fmt: skip
    return rows
