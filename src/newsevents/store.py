"""Store: analyses in an embedded DuckDB file, one transaction per article.

An article's rows (the article, its entities, actors, places, times, quotes, quantities, events and
event participants) are written together or not at all, keyed by the article id, so ingesting the
same input twice changes nothing. Failures are kept with the input, stage and reason.
The store depends on the data model only.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from newsevents.errors import Failure
from newsevents.model import Analysis

SCHEMA_VERSION = 1

_DDL = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, url VARCHAR, site VARCHAR, title VARCHAR, authors VARCHAR[],
    published VARCHAR, language VARCHAR, text VARCHAR, source VARCHAR,
    pipeline_version VARCHAR, model_version VARCHAR, ingested_at TIMESTAMPTZ, document JSON
);
CREATE TABLE IF NOT EXISTS entities (
    article_id VARCHAR, id VARCHAR, label VARCHAR, start_char INTEGER, end_char INTEGER,
    text VARCHAR, actor VARCHAR, place VARCHAR, PRIMARY KEY (article_id, id)
);
CREATE TABLE IF NOT EXISTS actors (
    article_id VARCHAR, id VARCHAR, name VARCHAR, kind VARCHAR, country VARCHAR,
    sectors VARCHAR[], title VARCHAR, affiliation VARCHAR, generic BOOLEAN, mentions VARCHAR[],
    PRIMARY KEY (article_id, id)
);
CREATE TABLE IF NOT EXISTS places (
    article_id VARCHAR, id VARCHAR, name VARCHAR, feature VARCHAR, country VARCHAR, admin1 VARCHAR,
    lat DOUBLE, lon DOUBLE, geonames_id BIGINT, mentions VARCHAR[], PRIMARY KEY (article_id, id)
);
CREATE TABLE IF NOT EXISTS times (
    article_id VARCHAR, id VARCHAR, start_char INTEGER, end_char INTEGER, text VARCHAR,
    value VARCHAR, granularity VARCHAR, anchor VARCHAR, PRIMARY KEY (article_id, id)
);
CREATE TABLE IF NOT EXISTS quotes (
    article_id VARCHAR, id VARCHAR, kind VARCHAR, start_char INTEGER, end_char INTEGER, text VARCHAR,
    cue VARCHAR, speaker_text VARCHAR, speaker_start INTEGER, speaker_end INTEGER,
    speaker_actor VARCHAR, anonymous BOOLEAN, PRIMARY KEY (article_id, id)
);
CREATE TABLE IF NOT EXISTS quantities (
    article_id VARCHAR, id VARCHAR, start_char INTEGER, end_char INTEGER, text VARCHAR,
    value DOUBLE, unit VARCHAR, approx VARCHAR, PRIMARY KEY (article_id, id)
);
CREATE TABLE IF NOT EXISTS events (
    article_id VARCHAR, id VARCHAR, event VARCHAR, mode VARCHAR, context VARCHAR[], status VARCHAR,
    actor VARCHAR[], recipient VARCHAR[], date VARCHAR, enddate VARCHAR, place VARCHAR,
    sentence_start INTEGER, sentence_end INTEGER, sentence VARCHAR,
    trigger_start INTEGER, trigger_end INTEGER, trigger VARCHAR,
    quad_code INTEGER, confidence DOUBLE, scale DOUBLE, evidence JSON, quote VARCHAR,
    PRIMARY KEY (article_id, id)
);
CREATE TABLE IF NOT EXISTS event_participants (
    article_id VARCHAR, event_id VARCHAR, role VARCHAR, actor_id VARCHAR, name VARCHAR,
    country VARCHAR, kind VARCHAR, PRIMARY KEY (article_id, event_id, role, actor_id)
);
CREATE TABLE IF NOT EXISTS failures (
    input VARCHAR, stage VARCHAR, reason VARCHAR, article_id VARCHAR,
    first_seen TIMESTAMPTZ, last_seen TIMESTAMPTZ, times_seen INTEGER,
    PRIMARY KEY (input, stage, reason)
);
"""

EVENT_FORMATS = ("table", "json", "csv")


@dataclass
class IngestCounts:
    """What one ingest run did."""

    new: int = 0
    present: int = 0
    failed: int = 0
    events: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"new": self.new, "present": self.present, "failed": self.failed, "events": self.events}


@dataclass(frozen=True)
class EventQuery:
    """Filters for listing stored events."""

    actor: str | None = None  # actor-side name (substring, case-insensitive) or ISO-3 country
    recipient: str | None = None
    event: str | None = None  # PLOVER type
    status: str | None = None
    since: str | None = None  # ISO date, inclusive
    until: str | None = None  # ISO date, inclusive
    limit: int | None = None


class Store:
    """A DuckDB file holding analysed articles; use as a context manager."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = str(path)
        if read_only and not Path(self.path).exists():
            raise FileNotFoundError(f"no store at {self.path}; run `newsevents ingest` first")
        self.con = duckdb.connect(self.path, read_only=read_only)
        if not read_only:
            self.con.execute(_DDL)
            self.con.execute(
                "INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
            )

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # -- writing ---------------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        row = self.con.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone()
        return row is not None

    def add(self, analysis: Analysis) -> bool:
        """Store one analysis with all its rows; False (and nothing written) if already present."""
        article = analysis.article
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            if self.has_article(article.id):
                con.execute("ROLLBACK")
                return False
            self._insert(analysis)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return True

    def _insert(self, analysis: Analysis) -> None:
        a = analysis.article
        aid = a.id
        con = self.con
        con.execute(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                aid, a.url, a.site, a.title, list(a.authors), a.published, a.language, a.text, a.source,
                analysis.pipeline.get("newsevents"), analysis.pipeline.get("model"), datetime.now(UTC),
                json.dumps(analysis.as_dict(), ensure_ascii=False),
            ],
        )
        _insert_many(con, "entities", [
            (aid, e.id, e.label, e.start, e.end, e.text, e.actor, e.place) for e in analysis.entities
        ])
        _insert_many(con, "actors", [
            (aid, x.id, x.name, x.kind, x.country, list(x.sectors), x.title, x.affiliation, x.generic,
             list(x.mentions))
            for x in analysis.actors
        ])
        _insert_many(con, "places", [
            (aid, p.id, p.name, p.feature, p.country, p.admin1, p.lat, p.lon, p.geonames_id, list(p.mentions))
            for p in analysis.places
        ])
        _insert_many(con, "times", [
            (aid, t.id, t.start, t.end, t.text, t.value, t.granularity, t.anchor) for t in analysis.times
        ])
        _insert_many(con, "quotes", [
            (aid, q.id, q.kind, q.start, q.end, q.text, q.cue, q.speaker.text, q.speaker.start,
             q.speaker.end, q.speaker.actor, q.speaker.anonymous)
            for q in analysis.quotes
        ])
        _insert_many(con, "quantities", [
            (aid, n.id, n.start, n.end, n.text, n.value, n.unit, n.approx) for n in analysis.quantities
        ])
        _insert_many(con, "events", [
            (aid, v.id, v.event, v.mode, list(v.context), v.status, list(v.actor), list(v.recipient),
             v.date, v.enddate, v.place, v.sentence.start, v.sentence.end, v.sentence.text,
             v.trigger.start, v.trigger.end, v.trigger.text, v.quad_code, v.confidence, v.scale,
             json.dumps([s.as_dict() for s in v.evidence], ensure_ascii=False), v.quote)
            for v in analysis.events
        ])
        participants = []
        for v in analysis.events:
            for role, ids in (("actor", v.actor), ("recipient", v.recipient)):
                for actor_id in dict.fromkeys(ids):
                    actor = analysis.actor(actor_id)
                    participants.append((
                        aid, v.id, role, actor_id, actor.name if actor else None,
                        actor.country if actor else None, actor.kind if actor else None,
                    ))
        _insert_many(con, "event_participants", participants)

    def add_failure(self, failure: Failure) -> None:
        """Record a failure; the same input failing the same way again only updates last_seen."""
        now = datetime.now(UTC)
        self.con.execute(
            """
            INSERT INTO failures VALUES (?, ?, ?, ?, ?, ?, 1)
            ON CONFLICT (input, stage, reason) DO UPDATE
            SET last_seen = excluded.last_seen, times_seen = failures.times_seen + 1
            """,
            [failure.input, failure.stage, failure.reason, failure.article_id, now, now],
        )

    def ingest(self, results: Iterable[Analysis | Failure], counts: IngestCounts | None = None) -> IngestCounts:
        """Store every analysis and failure from ``results``; returns what changed."""
        counts = counts or IngestCounts()
        for result in results:
            if isinstance(result, Failure):
                self.add_failure(result)
                counts.failed += 1
            elif self.add(result):
                counts.new += 1
                counts.events += len(result.events)
            else:
                counts.present += 1
        return counts

    # -- reading ---------------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        tables = ("articles", "entities", "actors", "places", "times", "quotes", "quantities", "events",
                  "failures")
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}  # type: ignore[index]

    def events(self, query: EventQuery | None = None) -> list[dict[str, Any]]:
        """Stored events with actor, recipient, date, place and evidence sentence, newest first."""
        q = query or EventQuery()
        where, params = [], []
        for role, value in (("actor", q.actor), ("recipient", q.recipient)):
            if value:
                where.append(
                    "EXISTS (SELECT 1 FROM event_participants p WHERE p.article_id = e.article_id "
                    "AND p.event_id = e.id AND p.role = ? AND (p.name ILIKE ? OR upper(p.country) = upper(?)))"
                )
                params += [role, f"%{value}%", value]
        if q.event:
            where.append("e.event = upper(?)")
            params.append(q.event)
        if q.status:
            where.append("e.status = lower(?)")
            params.append(q.status)
        if q.since:
            where.append("coalesce(e.date, left(a.published, 10)) >= ?")
            params.append(q.since)
        if q.until:
            # A month or year value (2026-10) is inside a range that ends on a day of it.
            where.append("coalesce(e.date, left(a.published, 10)) <= ?")
            params.append(q.until + "~")
        sql = f"""
            SELECT e.article_id, e.id, e.event, e.mode, e.status, e.date,
                   (SELECT string_agg(p.name, '; ' ORDER BY p.actor_id) FROM event_participants p
                     WHERE p.article_id = e.article_id AND p.event_id = e.id AND p.role = 'actor') AS actor,
                   (SELECT string_agg(p.name, '; ' ORDER BY p.actor_id) FROM event_participants p
                     WHERE p.article_id = e.article_id AND p.event_id = e.id AND p.role = 'recipient')
                     AS recipient,
                   pl.name AS place, pl.country AS place_country, e.confidence, e.sentence, e.trigger,
                   a.title AS article_title, a.url AS article_url, a.published AS article_published
            FROM events e
            JOIN articles a ON a.id = e.article_id
            LEFT JOIN places pl ON pl.article_id = e.article_id AND pl.id = e.place
            {"WHERE " + " AND ".join(where) if where else ""}
            ORDER BY coalesce(e.date, left(a.published, 10)) DESC NULLS LAST, e.article_id, e.sentence_start
            {"LIMIT " + str(int(q.limit)) if q.limit else ""}
        """
        cursor = self.con.execute(sql, params)
        columns = [d[0] for d in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]

    def failures(self) -> list[dict[str, Any]]:
        cursor = self.con.execute("SELECT * FROM failures ORDER BY last_seen DESC, input")
        columns = [d[0] for d in cursor.description]
        return [
            {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in zip(columns, row, strict=True)}
            for row in cursor.fetchall()
        ]

    def document(self, article_id: str) -> dict[str, Any] | None:
        """The stored contract document of one article."""
        row = self.con.execute("SELECT document FROM articles WHERE id = ?", [article_id]).fetchone()
        return json.loads(row[0]) if row else None


def _insert_many(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple[Any, ...]]) -> None:
    if rows:
        placeholders = ", ".join("?" * len(rows[0]))
        con.executemany(f"INSERT INTO {table} VALUES ({placeholders})", rows)
