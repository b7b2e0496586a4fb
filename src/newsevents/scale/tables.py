"""The Parquet output: one table per store table, the same columns, plus the partition day and input order.

Every table has the columns of the store table of the same name (``store.py``), then ``day`` (the
article's publication date, YYYY-MM-DD, or "unknown": the Hive partition, ``day=2026-10-12/``).
``articles`` and ``failures`` also carry ``seq_file`` and ``seq_record`` (the input file's position
in the run and the record's position in the file), so ``newsevents load`` can store them in the order
a local ingest would. ``failures`` carries the extracted ``article`` (JSON) when analysis failed
after extraction, because duplicate detection at load needs it.

Rows are built here from an Analysis, mirroring ``Store._insert`` (which should build its rows with
these functions, so the two cannot drift).
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

import pyarrow as pa

from newsevents.errors import Failure
from newsevents.model import Analysis, Article

STR = pa.string()
INT = pa.int32()
STRS = pa.list_(pa.string())
WHEN = pa.timestamp("us", tz="UTC")
SEQ = [("seq_file", pa.int64()), ("seq_record", pa.int64())]

_COLUMNS: dict[str, list[tuple[str, pa.DataType]]] = {
    "articles": [
        ("id", STR), ("url", STR), ("site", STR), ("title", STR), ("authors", STRS), ("published", STR),
        ("language", STR), ("text", STR), ("source", STR), ("pipeline_version", STR), ("model_version", STR),
        ("ingested_at", WHEN), ("document", STR), *SEQ,
    ],
    "entities": [
        ("article_id", STR), ("id", STR), ("label", STR), ("start_char", INT), ("end_char", INT), ("text", STR),
        ("actor", STR), ("place", STR),
    ],
    "actors": [
        ("article_id", STR), ("id", STR), ("name", STR), ("kind", STR), ("country", STR), ("sectors", STRS),
        ("title", STR), ("affiliation", STR), ("generic", pa.bool_()), ("mentions", STRS),
    ],
    "places": [
        ("article_id", STR), ("id", STR), ("name", STR), ("feature", STR), ("country", STR), ("admin1", STR),
        ("lat", pa.float64()), ("lon", pa.float64()), ("geonames_id", pa.int64()), ("mentions", STRS),
    ],
    "times": [
        ("article_id", STR), ("id", STR), ("start_char", INT), ("end_char", INT), ("text", STR), ("value", STR),
        ("granularity", STR), ("anchor", STR),
    ],
    "quotes": [
        ("article_id", STR), ("id", STR), ("kind", STR), ("start_char", INT), ("end_char", INT), ("text", STR),
        ("cue", STR), ("speaker_text", STR), ("speaker_start", INT), ("speaker_end", INT), ("speaker_actor", STR),
        ("anonymous", pa.bool_()),
    ],
    "quantities": [
        ("article_id", STR), ("id", STR), ("start_char", INT), ("end_char", INT), ("text", STR),
        ("value", pa.float64()), ("unit", STR), ("approx", STR),
    ],
    "events": [
        ("article_id", STR), ("id", STR), ("event", STR), ("mode", STR), ("context", STRS), ("status", STR),
        ("actor", STRS), ("recipient", STRS), ("date", STR), ("enddate", STR), ("place", STR),
        ("sentence_start", INT), ("sentence_end", INT), ("sentence", STR), ("trigger_start", INT),
        ("trigger_end", INT), ("trigger", STR), ("quad_code", INT), ("confidence", pa.float64()),
        ("scale", pa.float64()), ("evidence", STR), ("quote", STR),
    ],
    "event_participants": [
        ("article_id", STR), ("event_id", STR), ("role", STR), ("actor_id", STR), ("name", STR), ("country", STR),
        ("kind", STR),
    ],
    "failures": [
        ("input", STR), ("stage", STR), ("reason", STR), ("article_id", STR), ("first_seen", WHEN),
        ("last_seen", WHEN), ("times_seen", INT), ("article", STR), *SEQ,
    ],
}  # fmt: skip

TABLES = tuple(_COLUMNS)
SCHEMAS: dict[str, pa.Schema] = {name: pa.schema([*columns, ("day", STR)]) for name, columns in _COLUMNS.items()}

# One row per input record, as the Ray actors return them: an analysis (``document``) or a failure.
RESULT_SCHEMA = pa.schema(
    [
        *SEQ,
        ("day", STR),
        ("document", STR),  # Analysis.as_dict() as JSON, for an analysed article
        ("analyzed_at", WHEN),
        ("failure_input", STR),
        ("failure_stage", STR),
        ("failure_reason", STR),
        ("failure_article_id", STR),
        ("article", STR),  # Article.as_dict() as JSON, for a failure after extraction
    ]
)

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def partition_day(published: str | None) -> str:
    """The ``day`` partition of an article: its publication date, or "unknown"."""
    return published[:10] if published and _DAY.match(published) else "unknown"


def analysis_rows(analysis: Analysis, ingested_at: datetime, seq: tuple[int, int]) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows for one analysed article (the rows ``Store.add`` writes), each with its day."""
    a = analysis.article
    aid = a.id
    day = partition_day(a.published)
    rows: dict[str, list[tuple[Any, ...]]] = {
        "articles": [(
            aid, a.url, a.site, a.title, list(a.authors), a.published, a.language, a.text, a.source,
            analysis.pipeline.get("newsevents"), analysis.pipeline.get("model"), ingested_at,
            json.dumps(analysis.as_dict(), ensure_ascii=False), *seq,
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
        "times": [(aid, t.id, t.start, t.end, t.text, t.value, t.granularity, t.anchor) for t in analysis.times],
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
             json.dumps([s.as_dict() for s in v.evidence], ensure_ascii=False), v.quote)
            for v in analysis.events
        ],
        "event_participants": _participants(analysis),
    }  # fmt: skip
    return {name: [_named(name, row, day) for row in table] for name, table in rows.items()}


def failure_row(failure: Failure, seen_at: datetime, seq: tuple[int, int], article: Article | None) -> dict[str, Any]:
    """The failures row of one failure; ``article`` when it failed after extraction."""
    document = json.dumps(article.as_dict(), ensure_ascii=False) if article is not None else None
    day = partition_day(article.published if article is not None else None)
    row = (failure.input, failure.stage, failure.reason, failure.article_id, seen_at, seen_at, 1, document, *seq)
    return _named("failures", row, day)


def _participants(analysis: Analysis) -> list[tuple[Any, ...]]:
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


def _named(table: str, row: tuple[Any, ...], day: str) -> dict[str, Any]:
    names = [name for name, _ in _COLUMNS[table]]
    return {**dict(zip(names, row, strict=True)), "day": day}


def to_table(name: str, rows: list[dict[str, Any]]) -> pa.Table:
    """Rows of table ``name`` as an Arrow table with its fixed schema (so every file agrees)."""
    return pa.Table.from_pylist(rows, schema=SCHEMAS[name])


def now() -> datetime:
    """The timestamp written as ``ingested_at`` / ``first_seen`` (UTC)."""
    return datetime.now(UTC)
