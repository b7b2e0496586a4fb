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
get them in the INSERT that writes them (``newsevents.rows``), from values computed with Arrow's kernels
from the batch's rows (``event_values``) without reading the big tables (a lookup by article id in them cost
30-80 ms a batch at 10 million events; the SQL's lists of people per event 0.3-0.8 s a thousand articles),
and are counted from the same batch (``count``). The two write the people's JSON with different spacing,
the same values. Lists in the filter columns are joined with the unit separator (chr 31), which no name
holds, so that a substring match cannot span two names (a filter value holding it is matched as before,
over the tables); the listing's participants are JSON text, so that the columns are updated in place
(DuckDB moves a row whose list column is updated to the end of the table, which would undo its order by
day).

The store depends on the data model only; so does this module.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

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


def event_values(
    published: pa.Array, events: Mapping[str, pa.Array], actors: Mapping[str, pa.Array], places: Mapping[str, pa.Array]
) -> dict[str, pa.Array]:
    """The values the derived columns are computed from (``SELECTS``) for a batch's events, in their order:
    ``day`` and the columns of ``_GIVEN``. ``published`` is each article's publication date; ``events``,
    ``actors`` and ``places`` hold the columns of a batch's rows (``newsevents.rows``), and for each row the
    position of its article (``article``). The values are those ``refresh`` computes from the rows (participants:
    each actor id of an event's role once, sorted where more than one, with the name, country, kind and sectors
    of the article's actor of that id), the people's JSON text but for its spacing. Computed with Arrow's
    kernels from the batch, without reading the big tables (in SQL the lists of people per event cost 0.3-0.8 s
    a thousand articles; in Python, a person's values and JSON at a time, 0.6 s for 50,000 events)."""
    article = events["article"]
    # DuckDB's left(published, 10), as ``refresh`` takes the day
    values: dict[str, pa.Array] = {
        "day": pc.coalesce(events["date"], pc.utf8_slice_codeunits(published, 0, 10).take(article))
    }
    for role in ROLES:
        values.update(_participants(role, article, events[role], actors))
    place = _lookup(article, events["place"], places)
    for name in ("name", "country", "lat", "lon"):
        values[f"place_{name}"] = places[name].take(place)
    return values


def _lookup(article: pa.Array, ids: pa.Array, items: Mapping[str, pa.Array]) -> pa.Array:
    """The row in ``items`` (with ``article`` and ``id``) of each id of an article, null for none or an
    empty id; of two rows with one id the last, as a dict of the article's items by id holds it."""

    def keys(owner: pa.Array, item_ids: pa.Array) -> pa.Array:
        return pc.binary_join_element_wise(pc.cast(owner, pa.string()), item_ids, SEP)

    found = pc.index_in(keys(article, ids), value_set=keys(items["article"], items["id"])[::-1])
    row = pc.subtract(len(items["id"]) - 1, found)
    return pc.if_else(pc.equal(ids, ""), pa.scalar(None, row.type), row)


# A string JSON writes other than between quotes (Python's ``json`` escapes these and only these).
_ESCAPED = r'["\\\x00-\x1f]'


def _participants(
    role: str, article: pa.Array, id_lists: pa.Array, actors: Mapping[str, pa.Array]
) -> dict[str, pa.Array]:
    """The names, countries, sectors and people (``COLUMNS``) of each event's ``role`` side, from its list of
    actor ids ``id_lists`` (an event's article is at its position in ``article``)."""
    lengths = pc.list_value_length(id_lists).to_numpy(zero_copy_only=False)
    if len(lengths) and lengths.max() > 1:  # each id once, sorted, as ``refresh`` groups them
        id_lists = pa.array([ids if len(ids) < 2 else sorted(dict.fromkeys(ids)) for ids in id_lists.to_pylist()],
                            type=id_lists.type)  # fmt: skip
        lengths = pc.list_value_length(id_lists).to_numpy(zero_copy_only=False)
    event = pc.list_parent_indices(id_lists)
    ids = pc.list_flatten(id_lists)
    actor = _lookup(article.take(event), ids, actors)
    name, country, kind, sectors = (actors[column].take(actor) for column in ("name", "country", "kind", "sectors"))
    sector_values = pc.list_flatten(sectors)
    sector_owner = pc.list_parent_indices(sectors)
    people = _people_json(ids, name, country, kind, sectors)
    events = len(lengths)
    starts = np.concatenate(([0], np.cumsum(lengths))).astype(np.int32)
    sector_events = np.asarray(event)[np.asarray(sector_owner)] if len(sector_owner) else np.zeros(0, np.int64)
    return {
        f"{role}_names": _joined(name, event, events, ""),
        f"{role}_countries": _joined(country, event, events, SEP),
        f"{role}_sectors": _joined(sector_values, pa.array(sector_events, pa.int64()), events, SEP),
        f"{role}_people": pc.if_else(
            pa.array(lengths == 0), pa.scalar(None, pa.string()),
            pc.binary_join_element_wise("[", pc.binary_join(pa.ListArray.from_arrays(pa.array(starts), people), ","),
                                        "]", ""),
        ),
    }  # fmt: skip


def _joined(strings: pa.Array, event: pa.Array, events: int, around: str) -> pa.Array:
    """Per event (``event`` gives each string's), its strings but nulls joined with chr(31) and put between
    ``around``; null where it has none."""
    valid = pc.is_valid(strings)
    kept = np.asarray(pc.filter(event, valid)) if len(strings) else np.zeros(0, np.int64)
    counts = np.bincount(kept, minlength=events)
    starts = np.concatenate(([0], np.cumsum(counts))).astype(np.int32)
    joined = pc.binary_join(pa.ListArray.from_arrays(pa.array(starts), pc.filter(strings, valid)), SEP)
    if around:
        joined = pc.binary_join_element_wise(around, joined, around, "")
    return pc.if_else(pa.array(counts == 0), pa.scalar(None, pa.string()), joined)


def _people_json(ids: pa.Array, name: pa.Array, country: pa.Array, kind: pa.Array, sectors: pa.Array) -> pa.Array:
    """Each participant as the listing shows it, JSON text as Python's ``json`` writes it (``_JSON``): with
    Arrow's string kernels where no string needs escaping (a string is then its text between quotes), by
    ``_JSON`` for the participants whose strings do (DuckDB's ``to_json`` writes some escapes in upper case)."""

    def quoted(strings: pa.Array) -> pa.Array:
        return pc.coalesce(pc.binary_join_element_wise('"', strings, '"', ""), "null")

    sector_values = pc.list_flatten(sectors)
    sector_lists = pa.ListArray.from_arrays(
        pa.array(np.concatenate(([0], np.cumsum(pc.list_value_length(sectors).fill_null(0)))).astype(np.int32)),
        quoted(sector_values),
    )
    people = pc.binary_join_element_wise(
        '{"id":', quoted(ids), ',"name":', quoted(name), ',"country":', quoted(country), ',"kind":', quoted(kind),
        ',"sectors":[', pc.binary_join(sector_lists, ","), "]}", "",
    )  # fmt: skip
    escaped = np.zeros(len(ids), dtype=bool)
    for strings in (ids, name, country, kind):
        escaped |= np.asarray(pc.match_substring_regex(strings, _ESCAPED).fill_null(False))
    sector_escaped = np.asarray(pc.match_substring_regex(sector_values, _ESCAPED).fill_null(False))
    escaped[np.asarray(pc.list_parent_indices(sectors))[sector_escaped]] = True
    if not escaped.any():
        return people
    rows = np.flatnonzero(escaped)
    texts = [
        _JSON({"id": i, "name": n, "country": c, "kind": k, "sectors": s or []})
        for i, n, c, k, s in zip(*(a.take(rows).to_pylist() for a in (ids, name, country, kind, sectors)), strict=True)
    ]
    return pc.replace_with_mask(people, pa.array(escaped), pa.array(texts, pa.string()))


def count(con: duckdb.DuckDBPyConnection, batch_events: pa.Table) -> None:
    """Add the events of the Arrow table ``batch_events`` (just inserted with their articles,
    ``newsevents.rows``) to the counts: one grouping of the batch merged into ``event_counts``. Runs in the
    caller's transaction. The table is found by its name (DuckDB's replacement scan), as in
    ``store._insert_arrow``."""
    if batch_events.num_rows:
        con.execute(_MERGE_COUNTS.format(
            counted="SELECT day, event, quad_code, count(*) AS n FROM batch_events GROUP BY ALL"
        ))


def count_rows(con: duckdb.DuckDBPyConnection, condition: str) -> None:
    """Add the stored events that meet the SQL ``condition`` (rows just inserted with their columns, as an
    export holds them) to the counts. Runs in the caller's transaction."""
    counted = f"SELECT day, event, quad_code, count(*) AS n FROM events WHERE {condition} GROUP BY ALL"
    con.execute(_MERGE_COUNTS.format(counted=counted))


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
