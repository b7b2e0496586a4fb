"""What the store keeps so that the events queries need no joins: derived columns and counts (issue 8).

Every event row carries, next to what the pipeline found, what the API's filters, sort and listing would
otherwise join three tables for: its day (its own date, else its article's publication day), the names,
countries and sectors of its actor-side and recipient-side participants, its place, and its participants as
the listing shows them. ``event_counts`` holds the number of events per day, type and quad class, for
timelines. Measured at 10 million events, a filter over ``event_participants`` cost 1.7 s and a listing's
lookups by article id 0.1-0.4 s (those tables are in article-id order, which is random); over the event
row's own columns the page is cut in a few milliseconds, DuckDB reading only the row groups whose statistics
can hold the newest days.

The derived columns stay NULL until computed, and ``sort_day`` is never NULL once computed: ``sort_day IS
NULL`` finds the rows still to do, and DuckDB skips every row group whose statistics show none. ``refresh``
computes them in SQL from the stored tables (a store opened for writing, an imported backup); new events
get them in the INSERT that writes them (``newsevents.rows``), from values computed in Python from the
analyses (``event_values``) without reading the big tables (a lookup by article id in them cost 30-80 ms a
batch at 10 million events; the SQL's lists of people per event 0.3-0.8 s a thousand articles), and are
counted from the same batch (``count``). The two write the people's JSON with different spacing, the same
values. Lists in the
filter columns are joined with the unit separator (chr 31), which no name holds, so that a substring match
cannot span two names (a filter value holding it is matched as before, over the tables); the listing's
participants are JSON text, so that the columns are updated in place (DuckDB moves a row whose list
column is updated to the end of the table, which would undo its order by day).

The store depends on the data model only; so does this module.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import duckdb
import pyarrow as pa

from newsevents.model import Analysis

SEP = "\x1f"
PEOPLE_TYPE = "STRUCT(id VARCHAR, name VARCHAR, country VARCHAR, kind VARCHAR, sectors VARCHAR[])[]"
ROLES = ("actor", "recipient")

# (column, type, meaning), in the order they are added to ``events``.
COLUMNS = (
    ("day", "VARCHAR", "the event's date, else its article's publication day (YYYY-MM-DD)"),
    ("sort_day", "VARCHAR", "day, '' when none: the date sort key; NULL until the row's columns are computed"),
    ("article_key", "UBIGINT", "hash(article_id): an integer to find an article's events by"),
    *(
        (f"{role}_{name}", "VARCHAR", f"the {role}-side participants' {meaning}")
        for role in ROLES
        for name, meaning in (
            ("names", "names, by actor id, joined with chr(31)"),
            ("countries", "countries, upper case, between and around chr(31)"),
            ("sectors", "sectors (of those with an actor row), between and around chr(31)"),
            ("people", f"JSON list as the listing shows them, {PEOPLE_TYPE}"),
        )
    ),
    ("place_name", "VARCHAR", "the event's place"),
    ("place_country", "VARCHAR", "its country as stored"),
    ("place_iso3", "VARCHAR", "its country, upper case"),
    ("place_lat", "DOUBLE", "its latitude"),
    ("place_lon", "DOUBLE", "its longitude"),
)
NAMES = tuple(name for name, _, _ in COLUMNS)
# Computed in the UPDATE from the event row itself and the relation of fresh values.
_FROM_ROW = ("day", "sort_day", "article_key")

_COUNTS_DDL = """
CREATE TABLE IF NOT EXISTS event_counts (day VARCHAR, event VARCHAR, quad_code INTEGER, events BIGINT)
"""

# The fresh values of the rows to compute (``refresh`` writes them, ``_apply`` uses them), as a
# temporary table with each event's key, type, quad class and day, whether its article is stored, and every
# column of NAMES but those of _FROM_ROW. ``refresh`` reads them with one statement over five relations: the
# events to compute (``ev``) and their articles, places, participants and actors.
_FRESH = "_newsevents_fresh"
_FRESH_SQL = """
    CREATE OR REPLACE TEMP TABLE {fresh} AS
    WITH ev AS MATERIALIZED ({events}),
    arts AS MATERIALIZED (SELECT DISTINCT article_id FROM ev),
    parts AS (
        SELECT p.article_id, p.event_id, p.role,
               string_agg(p.name, chr(31) ORDER BY p.actor_id) AS names,
               chr(31) || string_agg(upper(p.country), chr(31) ORDER BY p.actor_id) || chr(31) AS countries,
               list(ac.sectors ORDER BY p.actor_id) FILTER (WHERE ac.sectors IS NOT NULL) AS sector_lists,
               to_json(list({{'id': p.actor_id, 'name': p.name, 'country': p.country, 'kind': p.kind,
                             'sectors': coalesce(ac.sectors, [])}} ORDER BY p.actor_id))::VARCHAR AS people
        FROM ({participants}) p
        LEFT JOIN ({actors}) ac ON ac.article_id = p.article_id AND ac.id = p.actor_id
        GROUP BY p.article_id, p.event_id, p.role
    )
    SELECT ev.article_id, ev.id, ev.event, ev.quad_code, coalesce(ev.date, left(a.published, 10)) AS day,
           a.id IS NOT NULL AS stored, {roles},
           pl.name AS place_name, pl.country AS place_country, upper(pl.country) AS place_iso3,
           pl.lat AS place_lat, pl.lon AS place_lon
    FROM ev
    LEFT JOIN ({articles}) a ON a.id = ev.article_id
    LEFT JOIN ({places}) pl ON pl.article_id = ev.article_id AND pl.id = ev.place
    LEFT JOIN parts pa ON pa.article_id = ev.article_id AND pa.event_id = ev.id AND pa.role = 'actor'
    LEFT JOIN parts pr ON pr.article_id = ev.article_id AND pr.event_id = ev.id AND pr.role = 'recipient'
"""
_ROLES_SQL = ", ".join(
    f"p{r[0]}.names AS {r}_names, p{r[0]}.countries AS {r}_countries, "
    f"CASE WHEN len(list_filter(flatten(p{r[0]}.sector_lists), lambda s: s IS NOT NULL)) > 0 THEN chr(31) || "
    f"array_to_string(list_filter(flatten(p{r[0]}.sector_lists), lambda s: s IS NOT NULL), chr(31)) || chr(31) "
    f"END AS {r}_sectors, p{r[0]}.people AS {r}_people"
    for r in ROLES
)
_EVENTS = "SELECT article_id, id, event, quad_code, date, place FROM events WHERE sort_day IS NULL"


# Events computed a transaction by ``migrate`` (peak RSS, on a loaded machine). In one transaction, 10 million
# events took 11.5 GB of memory and 16.5 minutes, 1 million 6.6 GB and 47 s; a transaction per 100,000,
# 10 million 1.9 GB and 6.5 minutes, 1 million 0.9 GB and 29 s (per 250,000: 2.9 GB and 7.6 minutes, 2.0 GB
# and 35 s; per 25,000 of the million: 0.5 GB, 37 s).
MIGRATE_CHUNK = 100_000


def migrate(con: duckdb.DuckDBPyConnection, chunk: int | None = None) -> int:
    """Add the columns and the counts table to a store written before them and compute what is missing,
    ``chunk`` events (default ``MIGRATE_CHUNK``) a transaction, so that memory stays bounded and an
    interrupted migration goes on where it stopped; returns how many rows were computed."""
    for name, sql_type, _ in COLUMNS:
        con.execute(f"ALTER TABLE events ADD COLUMN IF NOT EXISTS {name} {sql_type}")
    con.execute(_COUNTS_DDL)
    row = con.execute("SELECT min(rowid), max(rowid) FROM events WHERE sort_day IS NULL").fetchone()
    if not row or row[0] is None:
        return 0
    first, last = int(row[0]), int(row[1])
    step = chunk or MIGRATE_CHUNK
    done = 0
    for start in range(first, last + 1, step):
        con.execute("BEGIN TRANSACTION")
        try:
            done += refresh(con, rowids=(start, start + step))
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return done


def refresh(con: duckdb.DuckDBPyConnection, rowids: tuple[int, int] | None = None) -> int:
    """Compute the columns of every event row that has not got them (of those whose rowid is in the range
    ``rowids``, start included, end not, when given), in SQL from the stored tables, and count those events;
    returns how many rows were computed. Runs in the caller's transaction."""
    within = "" if rowids is None else f" AND rowid >= {int(rowids[0])} AND rowid < {int(rowids[1])}"
    mine = "WHERE article_id IN (SELECT article_id FROM arts)"
    con.execute(_FRESH_SQL.format(
        fresh=_FRESH, roles=_ROLES_SQL, events=_EVENTS + within,
        articles="SELECT id, published FROM articles WHERE id IN (SELECT article_id FROM arts)",
        places=f"SELECT article_id, id, name, country, lat, lon FROM places {mine}",
        participants=f"SELECT article_id, event_id, role, actor_id, name, country, kind FROM event_participants {mine}",
        actors=f"SELECT article_id, id, sectors FROM actors {mine}",
    ))  # fmt: skip
    return _apply(con, within.replace("rowid", "events.rowid"))


# The columns ``event_values`` gives values of, besides ``day`` (the others are computed in SQL, ``SELECTS``).
_GIVEN = (
    *(f"{role}_{name}" for role in ROLES for name in ("names", "countries", "sectors", "people")),
    "place_name", "place_country", "place_lat", "place_lon",
)  # fmt: skip
# Their Arrow types (the others are strings).
ARROW_DOUBLES = ("place_lat", "place_lon")

# Each column of NAMES as an expression over the events' Arrow table (``newsevents.rows``) holding the
# event's ``article_id`` and the values of ``event_values``: inserted with the row, never updated. Upper
# case is DuckDB's, as ``refresh`` writes it (Python's differs for a few letters, such as 'ß').
SELECTS: dict[str, str] = {
    **{name: f'"{name}"' for name in NAMES},
    "sort_day": "coalesce(\"day\", '')",
    "article_key": 'hash("article_id")',
    **{f"{role}_countries": f'upper("{role}_countries")' for role in ROLES},
    "place_iso3": 'upper("place_country")',
}


def event_values(analyses: Iterable[Analysis]) -> dict[str, list[Any]]:
    """The values the derived columns are computed from (``SELECTS``) for the events of ``analyses``, in the
    order of the analyses and their events: ``day`` and the columns of ``_GIVEN``. They are those ``refresh``
    computes from the rows ``newsevents.rows`` writes (participants: each actor id of an event's role once,
    with the name, country and kind of its actor), the people's JSON text but for its spacing. Computed in
    Python from the analyses, without reading the big tables: in SQL the lists of people per event cost
    0.3-0.8 s a thousand articles."""
    values: dict[str, list[Any]] = {name: [] for name in ("day", *_GIVEN)}
    days = values["day"]
    columns = [[values[f"{role}_{name}"] for name in ("names", "countries", "sectors", "people")] for role in ROLES]
    place_columns = [values[f"place_{name}"] for name in ("name", "country", "lat", "lon")]
    for analysis in analyses:
        published = analysis.article.published
        published_day = None if published is None else published[:10]  # DuckDB's left(published, 10)
        actors = {a.id: a for a in analysis.actors}
        places = {p.id: p for p in analysis.places}
        people: dict[str, tuple[Any, ...]] = {}
        for event in analysis.events:
            days.append(published_day if event.date is None else event.date)
            for (names_, countries_, sectors_, people_), ids in zip(
                columns, (event.actor, event.recipient), strict=True
            ):
                if not ids:
                    for column in (names_, countries_, sectors_, people_):
                        column.append(None)
                    continue
                if len(ids) == 1:  # most events: the person's own values
                    one = people.get(ids[0]) or people.setdefault(ids[0], _person(ids[0], actors))
                    names_.append(one[1])
                    countries_.append(None if one[2] is None else SEP + one[2] + SEP)
                    sectors_.append(SEP + SEP.join(one[4]) + SEP if one[4] else None)
                    people_.append("[" + one[0] + "]")
                    continue
                got = [people.get(i) or people.setdefault(i, _person(i, actors)) for i in sorted(dict.fromkeys(ids))]
                names = [g[1] for g in got if g[1] is not None]
                countries = [g[2] for g in got if g[2] is not None]
                sectors = [s for g in got for s in g[4]]
                names_.append(SEP.join(names) if names else None)
                countries_.append(SEP + SEP.join(countries) + SEP if countries else None)
                sectors_.append(SEP + SEP.join(sectors) + SEP if sectors else None)
                people_.append("[" + ",".join(g[0] for g in got) + "]")
            place = places.get(event.place) if event.place else None
            for column, value in zip(place_columns, (place.name, place.country, place.lat, place.lon) if place
                                     else (None, None, None, None), strict=True):  # fmt: skip
                column.append(value)
    return values


def count(con: duckdb.DuckDBPyConnection, batch_events: pa.Table) -> None:
    """Add the events of the Arrow table ``batch_events`` (just inserted with their articles,
    ``newsevents.rows``) to the counts: one grouping of the batch merged into ``event_counts``. Runs in the
    caller's transaction. The table is found by its name (DuckDB's replacement scan), as in
    ``store._insert_arrow``."""
    if batch_events.num_rows:
        con.execute(_MERGE_COUNTS.format(
            counted="SELECT day, event, quad_code, count(*) AS n FROM batch_events GROUP BY ALL"
        ))


def _person(actor_id: str, actors: dict[str, Any]) -> tuple[str, str | None, str | None, list[str], list[str]]:
    """(JSON text as the listing shows it, name, country, sectors, sectors but None) of a participant (no
    actor: no sectors)."""
    actor = actors.get(actor_id) if actor_id else None
    name, country = (actor.name, actor.country) if actor else (None, None)
    sectors = list(actor.sectors) if actor else []
    person = {"id": actor_id, "name": name, "country": country, "kind": actor.kind if actor else None,
              "sectors": sectors}  # fmt: skip
    return _JSON(person), name, country, sectors, [s for s in sectors if s is not None]


_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _apply(con: duckdb.DuckDBPyConnection, within: str = "") -> int:
    """Count the events of ``_fresh`` whose article is stored and write their columns (to the rows of the
    condition ``within``, ``AND ...``, when given)."""
    con.execute(_MERGE_COUNTS.format(
        counted=f"SELECT day, event, quad_code, count(*) AS n FROM {_FRESH} WHERE stored GROUP BY ALL"
    ))
    copied = [name for name in NAMES if name not in _FROM_ROW]
    row = con.execute(f"""
        UPDATE events SET day = f.day, sort_day = coalesce(f.day, ''), article_key = hash(events.article_id),
            {", ".join(f"{name} = f.{name}" for name in copied)}
        FROM {_FRESH} f
        WHERE events.sort_day IS NULL AND events.article_id = f.article_id AND events.id = f.id{within}
    """).fetchone()
    con.execute(f"DROP TABLE {_FRESH}")
    return int(row[0]) if row else 0


# Adds the counts of the query ``counted`` (day, event, quad_code, n) to ``event_counts``.
_MERGE_COUNTS = """
    MERGE INTO event_counts c
    USING ({counted}) d
    ON c.day IS NOT DISTINCT FROM d.day AND c.event IS NOT DISTINCT FROM d.event
       AND c.quad_code IS NOT DISTINCT FROM d.quad_code
    WHEN MATCHED THEN UPDATE SET events = c.events + d.n
    WHEN NOT MATCHED THEN INSERT VALUES (d.day, d.event, d.quad_code, d.n)
"""


def forget(con: duckdb.DuckDBPyConnection, article_id: str) -> None:
    """Take the events of ``article_id`` out of the counts (before they are deleted)."""
    con.execute(
        """
        MERGE INTO event_counts c
        USING (SELECT e.day, e.event, e.quad_code, count(*) AS n FROM events e
               WHERE e.article_id = ? AND e.sort_day IS NOT NULL
                 AND EXISTS (SELECT 1 FROM articles a WHERE a.id = e.article_id) GROUP BY ALL) d
        ON c.day IS NOT DISTINCT FROM d.day AND c.event IS NOT DISTINCT FROM d.event
           AND c.quad_code IS NOT DISTINCT FROM d.quad_code
        WHEN MATCHED THEN UPDATE SET events = c.events - d.n
        """,
        [article_id],
    )
    con.execute("DELETE FROM event_counts WHERE events <= 0")


def recount(con: duckdb.DuckDBPyConnection) -> None:
    """Count every computed event again (after rows were written around ``count``, as an import does)."""
    con.execute("DELETE FROM event_counts")
    con.execute(
        "INSERT INTO event_counts SELECT e.day, e.event, e.quad_code, count(*) FROM events e "
        "WHERE e.sort_day IS NOT NULL AND e.article_id IN (SELECT id FROM articles) GROUP BY ALL"
    )


def ready(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store has the columns and counts (a store written before them and opened read-only has not)."""
    row = con.execute(
        "SELECT (SELECT count(*) FROM duckdb_columns() WHERE table_name = 'events' AND column_name = 'place_lon' "
        "AND schema_name = 'main') + (SELECT count(*) FROM duckdb_tables() WHERE table_name = 'event_counts' "
        "AND schema_name = 'main')"
    ).fetchone()
    return bool(row and row[0] == 2)
