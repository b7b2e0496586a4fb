"""Read-side queries for the HTTP API and the web UI: SQL over the store's tables.

Each function takes an open DuckDB connection (read-only is enough) and answers one question:
events with filters and keyset pagination, articles, actors with partners, places, quotes, counts
over time, the actor network. Functions never write. Bad filter values raise ``QueryError`` with a
message that says what to fix; the API turns it into a 400.

Dates: an event's date is its own (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) or else the article's
publication day. For counts over time a month or year date falls on the first day of its period.
"""

from __future__ import annotations

import base64
import binascii
import calendar
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

import duckdb

from newsevents import query_index
from newsevents.errors import NewsEventsError
from newsevents.model import EVENT_STATUSES, PLOVER_EVENTS
from newsevents.rows import documents, numbered

QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
INTERVALS = ("day", "week", "month", "year")
TIMELINE_GROUPS = ("type", "quad", "actor", "pair", "none")
EVENT_SORTS = ("-date", "date", "-confidence", "confidence", "-scale", "scale")
MAX_PAGE = 1000

_DATE_RE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
_ISO3_RE = re.compile(r"^[A-Za-z]{3}$")

# The event's own date, else the publication day; '' sorts after every date when descending.
EVENT_DATE = "coalesce(e.date, left(a.published, 10))"
_EVENT_DAY = (
    f"try_cast(CASE length({EVENT_DATE}) WHEN 10 THEN {EVENT_DATE} WHEN 7 THEN {EVENT_DATE} || '-01' "
    f"WHEN 4 THEN {EVENT_DATE} || '-01-01' END AS DATE)"
)


class QueryError(NewsEventsError, ValueError):
    """A filter, sort or cursor value that cannot be used; the message says what to fix."""


# -- filters ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventFilters:
    """Filters for events; every one is optional and they combine with AND."""

    actor: str | None = None  # actor-side name (part of it, any case) or ISO-3 country
    recipient: str | None = None  # recipient name (part of it) or ISO-3 country
    sector: str | None = None  # PLOVER sector code of an actor-side participant (GOV, MIL, ...)
    recipient_sector: str | None = None
    type: tuple[str, ...] = ()  # PLOVER event types
    mode: str | None = None
    context: str | None = None
    status: str | None = None
    quad: int | None = None  # 1..4, see QUAD_CLASSES
    since: str | None = None  # YYYY[-MM[-DD]], inclusive
    until: str | None = None
    place: str | None = None  # place name, part of it
    country: str | None = None  # ISO-3 of the event's place
    article: str | None = None  # article id
    story: str | None = None  # story id: events of the story's articles
    min_confidence: float | None = None

    def checked(self) -> EventFilters:
        """The filters with values normalised; raises QueryError naming a bad one and the valid ones."""
        types = tuple(t.strip().upper() for part in self.type for t in part.split(",") if t.strip())
        unknown = [t for t in types if t not in PLOVER_EVENTS]
        if unknown:
            raise QueryError(f"unknown event type {unknown[0]!r}; valid: {', '.join(PLOVER_EVENTS)}")
        if self.status and self.status.lower() not in EVENT_STATUSES:
            raise QueryError(f"unknown status {self.status!r}; valid: {', '.join(EVENT_STATUSES)}")
        if self.quad is not None and self.quad not in QUAD_CLASSES:
            raise QueryError(f"quad must be one of 1, 2, 3, 4 ({'; '.join(QUAD_CLASSES.values())}), not {self.quad}")
        for name in ("since", "until"):
            value = getattr(self, name)
            if value and not _DATE_RE.match(value):
                raise QueryError(f"{name} must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
        if self.country and not _ISO3_RE.match(self.country):
            raise QueryError(f"country must be an ISO 3166-1 alpha-3 code such as KEN, not {self.country!r}")
        if self.min_confidence is not None and not 0 <= self.min_confidence <= 1:
            raise QueryError(f"min_confidence must be between 0 and 1, not {self.min_confidence}")
        return EventFilters(**{**{f.name: getattr(self, f.name) for f in fields(self)}, "type": types})


def has_column(con: duckdb.DuckDBPyConnection, table: str, column: str) -> bool:
    """Whether the store's ``table`` has ``column`` (columns added by later store versions)."""
    row = con.execute(
        "SELECT count(*) FROM information_schema.columns WHERE table_name = ? AND column_name = ?", [table, column]
    ).fetchone()
    return bool(row and row[0])


def has_stories(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store has the story tables (a store written before stories, opened read-only, has not)."""
    row = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name IN ('stories', 'story_articles', "
        "'story_events', 'story_event_mentions', 'duplicates') AND schema_name = 'main'"
    ).fetchone()
    return bool(row and row[0] == 5)


def _participant_alternatives(role: str, value: str) -> list[tuple[str, list[Any]]]:
    """A participant filter over the event's own columns (``query_index``), as the name condition and the
    country condition, either of which matches. ``contains(lower(..), lower(..))`` is what ILIKE '%..%' does
    (DuckDB lower-cases both sides), at a fifth of the cost with the ESCAPE clause."""
    return [
        (f"contains(lower(e.{role}_names), lower(?))", [value]),
        (f"contains(e.{role}_countries, chr(31) || upper(?) || chr(31))", [value]),
    ]


def _participant_match(role: str, value: str, indexed: bool = False) -> tuple[str, list[Any]]:
    if indexed and query_index.SEP not in value:
        (name, name_values), (country, country_values) = _participant_alternatives(role, value)
        return f"({name} OR {country})", [*name_values, *country_values]
    sql = (
        "EXISTS (SELECT 1 FROM event_participants p WHERE p.article_id = e.article_id AND p.event_id = e.id "
        "AND p.role = ? AND (p.name ILIKE ? ESCAPE '\\' OR upper(p.country) = upper(?)))"
    )
    return sql, [role, f"%{_escape_like(value)}%", value]


def _sector_match(role: str, sector: str, indexed: bool = False) -> tuple[str, list[Any]]:
    if indexed and query_index.SEP not in sector:
        return f"contains(e.{role}_sectors, chr(31) || upper(?) || chr(31))", [sector]
    sql = (
        "EXISTS (SELECT 1 FROM event_participants p JOIN actors ac ON ac.article_id = p.article_id "
        "AND ac.id = p.actor_id WHERE p.article_id = e.article_id AND p.event_id = e.id AND p.role = ? "
        "AND list_contains(ac.sectors, upper(?)))"
    )
    return sql, [role, sector]


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def event_where(
    con: duckdb.DuckDBPyConnection,
    filters: EventFilters,
    *,
    event_date: str | None = None,
    indexed: bool | None = None,
) -> tuple[list[str], list[Any]]:
    """SQL conditions and parameters for ``filters`` over ``events e JOIN articles a LEFT JOIN places pl``.

    ``event_date`` is the SQL of the event's date that ``since`` and ``until`` compare with (``list_events``
    passes ``e.date`` for events known to have one, so that it need not join the articles). ``indexed``
    (None: whether the store has them): use the events' derived columns (``query_index``), so that no
    condition needs the articles, places or participants."""
    f = filters.checked()
    if indexed is None:
        indexed = query_index.ready(con)
    if event_date is None:
        event_date = "e.day" if indexed else EVENT_DATE
    where: list[str] = []
    params: list[Any] = []

    def add(sql: str, *values: Any) -> None:
        where.append(sql)
        params.extend(values)

    for role, value in (("actor", f.actor), ("recipient", f.recipient)):
        if value:
            sql, values = _participant_match(role, value, indexed)
            add(sql, *values)
    for role, sector in (("actor", f.sector), ("recipient", f.recipient_sector)):
        if sector:
            sql, values = _sector_match(role, sector, indexed)
            add(sql, *values)
    if f.type:
        add(f"e.event IN ({', '.join('?' * len(f.type))})", *f.type)
    if f.mode:
        add("lower(e.mode) = lower(?)", f.mode)
    if f.context:
        add("list_contains(e.context, lower(?))", f.context)
    if f.status:
        add("e.status = lower(?)", f.status)
    if f.quad is not None:
        add("e.quad_code = ?", f.quad)
    if f.since:
        add(f"{event_date} >= ?", f.since)
    if f.until:
        # A month or year value (2026-10) is inside a range that ends on a day of it.
        add(f"{event_date} <= ?", f.until + "~")
    if f.place:
        if indexed:
            add("contains(lower(e.place_name), lower(?))", f.place)
        else:
            add("pl.name ILIKE ? ESCAPE '\\'", f"%{_escape_like(f.place)}%")
    if f.country:
        add("e.place_iso3 = upper(?)" if indexed else "upper(pl.country) = upper(?)", f.country)
    if f.article:
        add("e.article_id = ?", f.article)
    if f.min_confidence is not None:
        add("e.confidence >= ?", f.min_confidence)
    if f.story:
        if not has_stories(con):
            raise QueryError("this store has no stories yet (run `newsevents stories --backfill`); leave out `story`")
        story = "e.article_id IN (SELECT sa.article_id FROM story_articles sa WHERE sa.story_id = ?)"
        if indexed:
            # An integer column to test first: measured at 10 million events, 33 ms against 136 ms.
            keys = "e.article_key IN (SELECT hash(sa.article_id) FROM story_articles sa WHERE sa.story_id = ?)"
            add(f"({keys} AND {story})", f.story, f.story)
        else:
            add(story, f.story)
    return where, params


# -- cursors ---------------------------------------------------------------------------------------


def encode_cursor(data: dict[str, Any]) -> str:
    """An opaque cursor for ``data`` (URL-safe base64 of JSON)."""
    raw = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, expect: str) -> dict[str, Any]:
    """The data of a cursor made by ``encode_cursor`` for the listing ``expect``; QueryError if it is not one."""
    bad = QueryError("invalid cursor; pass the `next` value of the previous page unchanged, with the same sort")
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise bad from None
    if not isinstance(data, dict) or data.get("for") != expect:
        raise bad
    return data


def _offset(cursor: str | None, listing: str) -> int:
    if not cursor:
        return 0
    offset = decode_cursor(cursor, listing).get("o")
    if not isinstance(offset, int) or not 0 <= offset < 2**62:  # DuckDB's OFFSET is a 64-bit integer
        raise QueryError("invalid cursor; pass the `next` value of the previous page unchanged")
    return offset


def _page(rows: list[dict[str, Any]], limit: int, listing: str, offset: int) -> dict[str, Any]:
    """Items and the next cursor of an offset-paginated listing (``rows`` has one row more than a page)."""
    more = len(rows) > limit
    return {"items": rows[:limit], "next": encode_cursor({"for": listing, "o": offset + limit}) if more else None}


def _keyset_after(columns: list[tuple[str, str]], values: list[Any]) -> tuple[str, list[Any]]:
    """The condition "row comes after ``values``" in the order ``columns`` ([(expr, 'asc'|'desc')])."""
    clauses, params = [], []
    for i, (expr, direction) in enumerate(columns):
        parts = [f"{prev} = ?" for prev, _ in columns[:i]]
        parts.append(f"{expr} {'>' if direction == 'asc' else '<'} ?")
        clauses.append("(" + " AND ".join(parts) + ")")
        params += [*values[:i], values[i]]
    return "(" + " OR ".join(clauses) + ")", params


def _rows(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


# -- events ----------------------------------------------------------------------------------------

_SORT_KEYS = {
    "date": f"coalesce({EVENT_DATE}, '')",
    "confidence": "coalesce(e.confidence, -1.0)",
    "scale": "coalesce(e.scale, -100.0)",
}

def _event_rows(con: duckdb.DuckDBPyConnection, page: str, extra: str = "") -> str:
    """SQL for the full rows of the events a CTE selects: ``page`` is a query of ``_article, _event``
    (plus ``extra`` columns, kept as they are). Participants and stories are looked up for those events
    only: written as correlated subqueries, DuckDB computes them over every event of the store."""
    story_join = "LEFT JOIN story_articles sa ON sa.article_id = e.article_id" if has_stories(con) else ""
    return f"""
        WITH page AS ({page}),
        parts AS (
            SELECT p.article_id, p.event_id, p.role, string_agg(p.name, '; ' ORDER BY p.actor_id) AS names,
                   list({{'id': p.actor_id, 'name': p.name, 'country': p.country, 'kind': p.kind,
                         'sectors': coalesce(ac.sectors, [])}} ORDER BY p.actor_id) AS people
            FROM event_participants p
            JOIN page ON page._article = p.article_id AND page._event = p.event_id
            LEFT JOIN actors ac ON ac.article_id = p.article_id AND ac.id = p.actor_id
            GROUP BY p.article_id, p.event_id, p.role
        )
        SELECT {extra} e.article_id, e.id, e.event, e.mode, e.context, e.status, e.date, e.enddate, e.quad_code,
               e.confidence, e.scale, pa.names AS actor, pr.names AS recipient, pa.people AS actors,
               pr.people AS recipients,
               e.place AS place_id, pl.name AS place, pl.country AS place_country, pl.lat AS place_lat,
               pl.lon AS place_lon,
               e.sentence, e.sentence_start, e.sentence_end, e.trigger, e.trigger_start, e.trigger_end, e.quote,
               a.title AS article_title, a.url AS article_url, a.site AS article_site,
               a.published AS article_published, {"sa.story_id" if story_join else "NULL"} AS story
        FROM page
        JOIN events e ON e.article_id = page._article AND e.id = page._event
        JOIN articles a ON a.id = e.article_id
        LEFT JOIN places pl ON pl.article_id = e.article_id AND pl.id = e.place
        LEFT JOIN parts pa ON pa.article_id = e.article_id AND pa.event_id = e.id AND pa.role = 'actor'
        LEFT JOIN parts pr ON pr.article_id = e.article_id AND pr.event_id = e.id AND pr.role = 'recipient'
        {story_join}
    """


def _events_by_rowid(
    con: duckdb.DuckDBPyConnection, rowids: list[int], *, indexed: bool = False, articles: list[str] | None = None
) -> dict[int, dict[str, Any]]:
    """The full rows (as ``_event_rows`` gives them) of the events with ``rowids``, by rowid, each with
    ``_orphan`` telling whether its article is missing.

    The events are read by rowid (only the row groups that hold them), the articles and stories through
    their key index. ``indexed``: the participants and place are the events' own columns (``query_index``);
    else participants, actors and places, whose keys span two columns, are scanned with the page's article
    ids as a filter rather than joined whole (at 10 million events that cost 0.1-0.4 s). ``articles``: the
    article ids of those events, when the caller knows them."""
    if not rowids:
        return {}
    articles = articles if articles is not None else [r[0] for r in con.execute(
        "SELECT DISTINCT e.article_id FROM events e JOIN (SELECT unnest($r::BIGINT[]) AS r) k ON e.rowid = k.r",
        {"r": rowids},
    ).fetchall()]  # fmt: skip
    # Articles and stories by their key index (a join would scan them whole), the ids as a list of parameters
    # (measured on 100 ids at 10 million events: 13 ms against 24 for a list unnested).
    marks = ", ".join("?" * len(articles))
    known = {r[0]: r[1:] for r in con.execute(
        f"SELECT id, title, url, site, published FROM articles WHERE id IN ({marks})", articles
    ).fetchall()} if articles else {}  # fmt: skip
    stories: dict[str, Any] = {}
    if has_stories(con) and articles:
        stories = dict(con.execute(
            f"SELECT article_id, story_id FROM story_articles WHERE article_id IN ({marks})", articles
        ).fetchall())  # fmt: skip
    sql = _INDEXED_ROWS if indexed else """
        WITH ev AS MATERIALIZED (
            SELECT e.rowid AS _rowid, e.* FROM events e JOIN (SELECT unnest($r::BIGINT[]) AS r) k ON e.rowid = k.r
        ),
        parts AS (
            SELECT p.article_id, p.event_id, p.role, string_agg(p.name, '; ' ORDER BY p.actor_id) AS names,
                   list({'id': p.actor_id, 'name': p.name, 'country': p.country, 'kind': p.kind,
                         'sectors': coalesce(ac.sectors, [])} ORDER BY p.actor_id) AS people
            FROM (SELECT * FROM event_participants WHERE article_id IN (SELECT unnest($a::VARCHAR[]))) p
            JOIN ev ON ev.article_id = p.article_id AND ev.id = p.event_id
            LEFT JOIN (SELECT * FROM actors WHERE article_id IN (SELECT unnest($a::VARCHAR[]))) ac
                ON ac.article_id = p.article_id AND ac.id = p.actor_id
            GROUP BY p.article_id, p.event_id, p.role
        )
        SELECT e._rowid, e.article_id, e.id, e.event, e.mode, e.context, e.status, e.date, e.enddate, e.quad_code,
               e.confidence, e.scale, pa.names AS actor, pr.names AS recipient, pa.people AS actors,
               pr.people AS recipients,
               e.place AS place_id, pl.name AS place, pl.country AS place_country, pl.lat AS place_lat,
               pl.lon AS place_lon,
               e.sentence, e.sentence_start, e.sentence_end, e.trigger, e.trigger_start, e.trigger_end, e.quote
        FROM ev e
        LEFT JOIN (SELECT * FROM places WHERE article_id IN (SELECT unnest($a::VARCHAR[]))) pl
            ON pl.article_id = e.article_id AND pl.id = e.place
        LEFT JOIN parts pa ON pa.article_id = e.article_id AND pa.event_id = e.id AND pa.role = 'actor'
        LEFT JOIN parts pr ON pr.article_id = e.article_id AND pr.event_id = e.id AND pr.role = 'recipient'
    """
    found = {}
    for row in _rows(con.execute(sql, {"r": rowids} if indexed else {"r": rowids, "a": articles})):
        article = known.get(row["article_id"])
        row["_orphan"] = article is None
        title, url, site, published = article or (None, None, None, None)
        row.update(article_title=title, article_url=url, article_site=site, article_published=published,
                   story=stories.get(row["article_id"]))  # fmt: skip
        found[row["_rowid"]] = row
    return found


# The rows of ``_events_by_rowid`` from the events' derived columns: the same columns, in the same order.
_INDEXED_ROWS = f"""
    SELECT e.rowid AS _rowid, e.article_id, e.id, e.event, e.mode, e.context, e.status, e.date, e.enddate,
           e.quad_code, e.confidence, e.scale, replace(e.actor_names, chr(31), '; ') AS actor,
           replace(e.recipient_names, chr(31), '; ') AS recipient,
           CAST(e.actor_people::JSON AS {query_index.PEOPLE_TYPE}) AS actors,
           CAST(e.recipient_people::JSON AS {query_index.PEOPLE_TYPE}) AS recipients,
           e.place AS place_id, e.place_name AS place, e.place_country, e.place_lat, e.place_lon,
           e.sentence, e.sentence_start, e.sentence_end, e.trigger, e.trigger_start, e.trigger_end, e.quote
    FROM events e JOIN (SELECT unnest($r::BIGINT[]) AS r) k ON e.rowid = k.r
"""


def _event_order(sort: str, date_key: str = _SORT_KEYS["date"]) -> list[tuple[str, str]]:
    if sort not in EVENT_SORTS:
        raise QueryError(f"unknown sort {sort!r}; valid: {', '.join(EVENT_SORTS)}")
    direction = "desc" if sort.startswith("-") else "asc"
    by = sort.lstrip("-")
    # Within one confidence (or scale), the newest events first. Many events share a confidence, and
    # the newest of them lie together at the end of the table: measured at 10 million events, the rows of
    # such a page came from one row group and took 17 ms to read, those of a page in article order from 54
    # row groups and 140 ms. Within one date, events read in article order, sentence by sentence.
    first = [(date_key, direction)] if by == "date" else [(_SORT_KEYS[by], direction), (date_key, "desc")]
    return [*first, ("e.article_id", "asc"), ("e.sentence_start", "asc"), ("e.id", "asc")]


def _keys_fit(key: list[Any], sort: str) -> bool:
    """Whether a cursor's key values have the types of the sort keys (a crafted one must not reach SQL)."""
    number = (int, float)
    expected = [str] if sort.lstrip("-") == "date" else [number, str]
    expected += [str, int, str]
    return all(
        isinstance(value, kind) and not isinstance(value, bool) and (not isinstance(value, int) or abs(value) < 2**62)
        for value, kind in zip(key, expected, strict=True)
    )


def _order_by(order: list[tuple[str, str]], prefix: str = "", start: int = 0) -> str:
    """ORDER BY the keys ``_k{start}``... (``prefix``: their relation's name and a dot) in ``order``."""
    return ", ".join(
        f"{prefix}_k{i} {direction.upper()} NULLS LAST" for i, (_, direction) in enumerate(order, start=start)
    )


# The column under a sort key that stands in for a missing value with one below every value it takes.
_SORT_COLUMNS = {"confidence": "e.confidence", "scale": "e.scale"}


def _scan_order(order: list[tuple[str, str]], sort: str) -> str:
    """The ORDER BY of ``_order_by`` for a statement over the events: a confidence or scale by its own column,
    missing values where the key's stand-in puts them (last going down, first going up). DuckDB then skips
    the rows that cannot reach the page by the column's statistics as it scans: at 10 million events the
    first page by confidence took 44 ms to choose against 57 ms over the key."""
    column = _SORT_COLUMNS.get(sort.lstrip("-"))
    if column is None:
        return _order_by(order)
    direction = order[0][1].upper()
    return f"{column} {direction} NULLS {'LAST' if direction == 'DESC' else 'FIRST'}, {_order_by(order[1:], start=1)}"


def _event_keys(
    con: duckdb.DuckDBPyConnection,
    filters: EventFilters,
    sort: str,
    key: list[Any] | None,
    size: int,
    *,
    part: str = "all",
    bound: str | None = None,
) -> tuple[str, list[Any]]:
    """SQL (and parameters) of the first ``size`` events after the cursor ``key`` in the order ``sort``:
    their ``_rowid`` and sort keys ``_k0..``. ``part``: "all" is every event (the articles joined for the
    publication day); "dated" only events with a date of their own, from ``events`` alone; "undated" only events without
    one, which take the publication day of their article; "indexed" every event, from ``events`` alone, by
    its derived columns (``query_index``). ``bound`` (sort by date, "undated" only): the date the page's
    events cannot come after (descending) or before (ascending)."""
    event_date, date_key, cond = EVENT_DATE, _SORT_KEYS["date"], None
    if part == "indexed":
        event_date, date_key = "e.day", "e.sort_day"
    elif part == "dated":
        event_date, date_key, cond = "e.date", "e.date", "e.date IS NOT NULL"
    elif part == "undated":
        event_date, date_key, cond = "left(a.published, 10)", "coalesce(left(a.published, 10), '')", "e.date IS NULL"
    indexed = None if part == "all" else part == "indexed"
    # "indexed": a participant filter (a name or a country) is cut as one page per alternative, merged: DuckDB
    # skips row groups by their statistics for each alone, not for the two ORed (measured 20 ms against 170).
    branches: list[list[tuple[str, list[Any]]]] = [[]]
    if part == "indexed":
        split = {}
        for role in ("actor", "recipient"):
            value = getattr(filters, role)
            if value and query_index.SEP not in value:
                split[role] = None
                branches = [[*b, alt] for b in branches for alt in _participant_alternatives(role, value)]
        filters = replace(filters, **split)
    where, params = event_where(con, filters, event_date=event_date, indexed=indexed)
    if cond:
        where.insert(0, cond)
    order = _event_order(sort, date_key)
    after: list[str] = []
    after_params: list[Any] = []
    if bound is not None:
        after.append(f"{date_key} {'>=' if sort.startswith('-') else '<='} ?")
        after_params.append(bound)
    if key is not None:
        condition, values = _keyset_after(order, key)
        after.append(condition)
        after_params += values
    keys = ", ".join(f"{expr} AS _k{i}" for i, (expr, _) in enumerate(order))
    joins = "JOIN articles a ON a.id = e.article_id" if part in ("all", "undated") else ""
    if "pl." in " ".join(where):
        joins += " LEFT JOIN places pl ON pl.article_id = e.article_id AND pl.id = e.place"
    selects, all_params = [], []
    for branch in branches:
        conditions = [*where, *(sql for sql, _ in branch), *after]
        selects.append(f"""
            SELECT e.rowid AS _rowid, e.article_id AS _article, e.id AS _event, {keys}
            FROM events e {joins}
            {"WHERE " + " AND ".join(conditions) if conditions else ""}
            ORDER BY {_scan_order(order, sort)} LIMIT {size}
        """)
        all_params += [*params, *(v for _, values in branch for v in values), *after_params]
    if len(selects) == 1:
        return selects[0], all_params
    union = " UNION ".join(f"({sql})" for sql in selects)
    return f"SELECT * FROM ({union}) ORDER BY {_order_by(order)} LIMIT {size}", all_params


def list_events(
    con: duckdb.DuckDBPyConnection,
    filters: EventFilters | None = None,
    *,
    sort: str = "-date",
    cursor: str | None = None,
    limit: int = 100,
) -> dict[str, Any]:
    """One page of events matching ``filters``: ``{"items": [...], "next": cursor or None}``."""
    filters = filters or EventFilters()
    indexed = query_index.ready(con)
    event_where(con, filters, indexed=indexed)  # bad filters fail before the cursor is looked at
    order = _event_order(sort)
    key: list[Any] | None = None
    if cursor:
        data = decode_cursor(cursor, f"events{sort}")
        key = data.get("k")
        if not isinstance(key, list) or len(key) != len(order) or not _keys_fit(key, sort):
            raise QueryError("invalid cursor; pass the `next` value of the previous page unchanged")
    limit = int(limit)
    # The page is cut first, on the sort keys alone, from the events table (the articles are joined only
    # for events without a date of their own, which take the publication day); the rows, participants,
    # place and story of its events are looked up after, for those events only, by rowid.
    size = limit + 1
    if indexed:
        # Every filter and the sort key are columns of the events (``query_index``): one statement over them.
        page, params = _event_keys(con, filters, sort, key, size, part="indexed")
        picked = _rows(con.execute(page, params))
    elif sort.lstrip("-") == "date" or filters.since or filters.until:
        dated, dated_params = _event_keys(con, filters, sort, key, size, part="dated")
        # Sorted by date, undated events after the last date of a full page of dated ones cannot be on
        # the page: only the articles up to that day need joining. The bound is read first (a constant
        # filters the articles as they are read); the page's statement reads it again and, should a write
        # in between have changed it, the page is cut again without it.
        last = "min(_k0)" if sort.startswith("-") else "max(_k0)"
        bound_sql = f"SELECT CASE WHEN count(*) = {size} THEN {last} END FROM dated"
        first = None
        if sort.lstrip("-") == "date":
            first = con.execute(f"WITH dated AS ({dated}) {bound_sql}", dated_params).fetchone()[0]
        for bound in (first, None) if first is not None else (None,):
            undated, undated_params = _event_keys(con, filters, sort, key, size, part="undated", bound=bound)
            page = f"""
                WITH dated AS MATERIALIZED ({dated})
                SELECT *, ({bound_sql}) AS _bound FROM (FROM dated UNION ALL ({undated}))
                ORDER BY {_order_by(order)} LIMIT {size}
            """
            picked = _rows(con.execute(page, dated_params + undated_params))
            if bound is None or (picked and picked[0]["_bound"] == bound):
                break
    else:
        page, params = _event_keys(con, filters, sort, key, size, part="all")
        picked = _rows(con.execute(page, params))
    articles = list(dict.fromkeys(row["_article"] for row in picked))
    found = _events_by_rowid(con, [row["_rowid"] for row in picked], indexed=indexed, articles=articles)
    got = [found.get(row["_rowid"]) for row in picked]
    if all(g and not g["_orphan"] and (g["article_id"], g["id"]) == (p["_article"], p["_event"])
           for g, p in zip(got, picked, strict=True)):  # fmt: skip
        rows = [{**p, **g} for p, g in zip(picked, got, strict=True) if g]
    else:
        # An event without its article (no store writes one) is not listed, and a write between the two
        # statements may have moved rows: the page again in one statement, the articles joined.
        page, params = _event_keys(con, filters, sort, key, size, part="all")
        extra = "".join(f"page._k{i}, " for i in range(len(order)))
        sql = _event_rows(con, page, extra) + " ORDER BY " + _order_by(order, "page.")
        rows = _rows(con.execute(sql, params))
    next_cursor = None
    if len(rows) > limit:
        last = rows[limit - 1]
        next_cursor = encode_cursor({"for": f"events{sort}", "k": [last[f"_k{i}"] for i in range(len(order))]})
    items = [{k: v for k, v in row.items() if not k.startswith("_")} for row in rows[:limit]]
    return {"items": items, "next": next_cursor}


def iter_events(
    con: duckdb.DuckDBPyConnection, filters: EventFilters | None = None, *, sort: str = "-date", chunk: int = 500
) -> Iterator[dict[str, Any]]:
    """Every event matching ``filters``, fetched a page at a time (for exports)."""
    cursor: str | None = None
    while True:
        page = list_events(con, filters, sort=sort, cursor=cursor, limit=chunk)
        yield from page["items"]
        cursor = page["next"]
        if cursor is None:
            return


def get_event(con: duckdb.DuckDBPyConnection, article_id: str, event_id: str) -> dict[str, Any] | None:
    """One event with its participants, place and evidence, or None."""
    # The article's number finds its rows without reading the others (``rows.documents``); no index does.
    seq = con.execute("SELECT seq FROM articles WHERE id = ?", [article_id]).fetchone() if numbered(con) else None
    where = "article_id = ? AND id = ?" + (f" AND article_seq = {int(seq[0])}" if seq and seq[0] is not None else "")
    page = f"SELECT article_id AS _article, id AS _event FROM events WHERE {where}"
    rows = _rows(con.execute(_event_rows(con, page), [article_id, event_id]))
    if not rows:
        return None
    event = rows[0]
    evidence = con.execute(f"SELECT evidence FROM events WHERE {where}", [article_id, event_id]).fetchone()
    event["evidence"] = json.loads(evidence[0]) if evidence and evidence[0] else []
    return event


def plover_record(event: dict[str, Any]) -> dict[str, Any]:
    """An event as a PLOVER JSON record (field names of the PLOVER gold-standard records).

    ``actor``/``recipient`` are lists of {actorText, code (ISO-3), sector}; ``eventText`` is the
    trigger; ``text`` the evidence sentence; ``geo`` the place when known.
    """

    def parties(items: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
        return [
            {"actorText": p["name"], "code": p["country"], "sector": ",".join(p.get("sectors") or []) or None}
            for p in items or []
        ]

    record: dict[str, Any] = {
        "id": f"{event['article_id']}-{event['id']}",
        "date": event["date"] or (event["article_published"] or "")[:10] or None,
        "event": event["event"],
        "mode": event["mode"],
        "context": ",".join(event["context"] or []) or None,
        "actor": parties(event["actors"]),
        "recipient": parties(event["recipients"]),
        "eventText": event["trigger"],
        "text": event["sentence"],
        "status": event["status"],
        "quad": event["quad_code"],
        "confidence": event["confidence"],
        "publication": event["article_site"],
        "url": event["article_url"],
        "articleId": event["article_id"],
    }
    if event["place"]:
        record["geo"] = {
            "placeName": event["place"],
            "country": event["place_country"],
            "lat": event["place_lat"],
            "lon": event["place_lon"],
        }
    return record


EXPORT_COLUMNS = [
    "article_id", "id", "event", "mode", "context", "status", "date", "enddate", "quad_code", "confidence",
    "scale", "actor", "recipient", "place", "place_country", "place_lat", "place_lon", "sentence",
    "sentence_start", "sentence_end", "trigger", "trigger_start", "trigger_end", "quote", "article_title",
    "article_url", "article_site", "article_published",
]  # fmt: skip


def flat_event(event: dict[str, Any]) -> dict[str, Any]:
    """An event as one CSV row: lists joined with '; ', participant details left out."""
    row = {c: event.get(c) for c in EXPORT_COLUMNS}
    row["context"] = "; ".join(event.get("context") or [])
    return row


# -- articles --------------------------------------------------------------------------------------


# Ranking of the article search: BM25 over the words of the query, the title counting as TITLE_WEIGHT
# times the text (BM25F with one length normalisation, the text's). Computed in SQL at query time:
# DuckDB's fts extension would have to be downloaded at run time, and a term table kept at insert time
# would cost every ingest and every backup for what one scan per query answers within the latency target.
SEARCH_K1 = 1.2
SEARCH_B = 0.75
TITLE_WEIGHT = 3.0
MAX_SEARCH_WORDS = 12
_WORD_EDGE = r"[\s\"'“”‘’«»()\[\]{}.,;:!?]+"


def search_words(q: str | None) -> list[str]:
    """The distinct words of a search, lower-cased, without the punctuation around them (at most 12)."""
    words: list[str] = []
    for raw in (q or "").split():
        word = (re.sub(f"^{_WORD_EDGE}|{_WORD_EDGE}$", "", raw) or raw).lower()
        if word not in words:
            words.append(word)
    return words[:MAX_SEARCH_WORDS]


def _word_start(word: str) -> str:
    """A case-insensitive RE2 pattern for ``word`` at the start of a word (so 'ran' does not match 'Iran')."""
    return r"(?i)(^|[^\p{L}\p{N}])" + re.escape(word)


def list_articles(
    con: duckdb.DuckDBPyConnection,
    *,
    q: str | None = None,
    site: str | None = None,
    since: str | None = None,
    until: str | None = None,
    language: str | None = None,
    cursor: str | None = None,
    limit: int = 100,
) -> dict[str, Any]:
    """Articles, newest first; with ``q``, those whose title or text holds every word of it (at the start
    of a word, any case), most relevant first, each with its BM25 ``score``."""
    where, params = [], []
    if site:
        where.append("(a.site ILIKE ? ESCAPE '\\' OR a.url ILIKE ? ESCAPE '\\')")
        params += [f"%{_escape_like(site)}%"] * 2
    for name, value, op in (("since", since, ">="), ("until", until, "<=")):
        if value:
            if not _DATE_RE.match(value):
                raise QueryError(f"{name} must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
            where.append(f"left(a.published, 10) {op} ?")
            params.append(value if op == ">=" else value + "~")
    if language:
        where.append("lower(a.language) = lower(?)")
        params.append(language)
    words = search_words(q)
    offset = _offset(cursor, "articles" + (":" + " ".join(words) if words else ""))
    stories = has_stories(con)
    story_columns = (
        "(SELECT sa.story_id FROM story_articles sa WHERE sa.article_id = r.id) AS story, "
        "(SELECT d.duplicate_of FROM duplicates d WHERE d.article_id = r.id) AS duplicate_of"
        if stories else "NULL AS story, NULL AS duplicate_of"
    )  # fmt: skip
    columns = f"""
        r.id, r.title, r.url, r.site, r.published, r.language, r.authors, length(r.text) AS characters,
        (SELECT count(*) FROM events e WHERE e.article_id = r.id) AS events, {story_columns},
        CASE WHEN ? IS NULL THEN left(r.text, 240)
             ELSE substr(r.text, greatest(1, strpos(lower(r.text), ?) - 80), 240) END AS snippet"""
    first = words[0] if words else None
    if not words:
        sql = f"""
            WITH r AS (SELECT a.* FROM articles a {"WHERE " + " AND ".join(where) if where else ""}
                       ORDER BY a.published DESC NULLS LAST, a.id LIMIT {int(limit) + 1} OFFSET {offset})
            SELECT {columns}, NULL::DOUBLE AS score FROM r ORDER BY r.published DESC NULLS LAST, r.id
        """
        return _page(_rows(con.execute(sql, [*params, first, first])), limit, "articles", offset)
    # Numbered parameters: each word's LIKE pattern and word-start pattern are used several times.
    values: list[Any] = []

    def arg(value: Any) -> str:
        values.append(value)
        return f"${len(values)}"

    has, counts = [], []
    for i, word in enumerate(words):
        like, start = arg(f"%{_escape_like(word)}%"), arg(_word_start(word))
        has.append(f"(a.title ILIKE {like} ESCAPE '\\' OR a.text ILIKE {like} ESCAPE '\\') AS h{i}")
        counts.append(f"len(regexp_extract_all(coalesce(h.title, ''), {start})) AS t{i}, "
                      f"len(regexp_extract_all(coalesce(h.text, ''), {start})) AS x{i}")  # fmt: skip
    given = iter(params)
    other = [re.sub(r"\?", lambda _: arg(next(given)), clause) for clause in where]
    dfs = ", ".join(f"count(*) FILTER (WHERE h{i}) AS df{i}" for i in range(len(words)))
    norm = f"{SEARCH_K1} * (1 - {SEARCH_B} + {SEARCH_B} * m.dl / greatest(s.avgdl, 1))"
    terms = []
    for i in range(len(words)):
        tf = f"({TITLE_WEIGHT} * m.t{i} + m.x{i})"
        idf = f"ln(1 + (s.n - s.df{i} + 0.5) / (s.df{i} + 0.5))"
        terms.append(f"{idf} * {tf} * {SEARCH_K1 + 1} / ({tf} + {norm})")
    found = " AND ".join(f"(m.t{i} + m.x{i}) > 0" for i in range(len(words)))
    first_arg = arg(first)
    # One scan of the texts: the words' document frequencies (over every article) and the candidates
    # (every word somewhere, the other filters) come from the same pass; only candidates are counted.
    sql = f"""
        WITH h AS (
            SELECT a.id, a.title, a.text, a.published, strlen(coalesce(a.text, '')) AS dl, {", ".join(has)},
                   {" AND ".join(other) if other else "true"} AS wanted
            FROM articles a
        ), s AS (
            SELECT count(*) AS n, avg(dl) AS avgdl, {dfs} FROM h
        ), m AS (
            SELECT h.id, h.published, h.dl, {", ".join(counts)} FROM h
            WHERE h.wanted AND {" AND ".join(f"h.h{i}" for i in range(len(words)))}
        ), ranked AS (
            SELECT m.id, m.published, round({" + ".join(terms)}, 6) AS score FROM m, s WHERE {found}
            ORDER BY score DESC, m.published DESC NULLS LAST, m.id LIMIT {int(limit) + 1} OFFSET {offset}
        ), r AS (
            SELECT a.*, ranked.score FROM ranked JOIN articles a ON a.id = ranked.id
        )
        SELECT {columns.replace("?", first_arg)}, round(r.score, 4) AS score
        FROM r ORDER BY r.score DESC, r.published DESC NULLS LAST, r.id
    """
    rows = _rows(con.execute(sql, values))
    return _page(rows, limit, "articles:" + " ".join(words), offset)


def get_article(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    """The contract document of one stored article (with every span; ``rows.documents``), or None."""
    text = documents(con, [article_id]).get(article_id)
    return json.loads(text) if text is not None else None


# -- actors, places, quotes ------------------------------------------------------------------------


def _name_and_country(alias: str, q: str | None, country: str | None) -> tuple[list[str], list[Any]]:
    """WHERE clauses (and their parameters) for a part of ``alias.name`` and an ISO-3 ``alias.country``."""
    where: list[str] = []
    params: list[Any] = []
    if q:
        where.append(f"{alias}.name ILIKE ? ESCAPE '\\'")
        params.append(f"%{_escape_like(q)}%")
    if country:
        where.append(f"upper({alias}.country) = upper(?)")
        params.append(country)
    return where, params


def list_actors(
    con: duckdb.DuckDBPyConnection,
    *,
    q: str | None = None,
    country: str | None = None,
    kind: str | None = None,
    sector: str | None = None,
    named: bool = False,
    cursor: str | None = None,
    limit: int = 100,
) -> dict[str, Any]:
    """Actors across articles (one row per name and country) with their counts and top partners."""
    where, params = _name_and_country("ac", q, country)
    if kind:
        where.append("ac.kind = lower(?)")
        params.append(kind)
    if sector:
        where.append("list_contains(ac.sectors, upper(?))")
        params.append(sector)
    if named:
        where.append("NOT coalesce(ac.generic, false)")
    offset = _offset(cursor, "actors")
    order = "events_as_actor + events_as_recipient DESC, articles DESC, name, country NULLS LAST"
    # The page of actors is chosen first; their top partners are counted for them only (the pairs of
    # every actor in the store would cost the most of the query).
    sql = f"""
        WITH roles AS (
            SELECT name, country, count(*) FILTER (WHERE role = 'actor') AS as_actor,
                   count(*) FILTER (WHERE role = 'recipient') AS as_recipient
            FROM event_participants GROUP BY name, country
        ), page AS (
            SELECT ac.name, ac.country, mode(ac.kind) AS kind,
                   list_sort(list_distinct(flatten(list(ac.sectors)))) AS sectors,
                   bool_and(coalesce(ac.generic, false)) AS generic,
                   count(DISTINCT ac.article_id) AS articles, sum(len(ac.mentions)) AS mentions,
                   coalesce(any_value(r.as_actor), 0) AS events_as_actor,
                   coalesce(any_value(r.as_recipient), 0) AS events_as_recipient
            FROM actors ac
            LEFT JOIN roles r ON r.name = ac.name AND r.country IS NOT DISTINCT FROM ac.country
            {"WHERE " + " AND ".join(where) if where else ""}
            GROUP BY ac.name, ac.country
            ORDER BY {order} LIMIT {int(limit) + 1} OFFSET {offset}
        ), pairs AS (
            SELECT x.name, x.country, y.name AS partner, y.country AS partner_country, count(*) AS n
            FROM page
            JOIN event_participants x ON x.name = page.name AND x.country IS NOT DISTINCT FROM page.country
            JOIN event_participants y
              ON x.article_id = y.article_id AND x.event_id = y.event_id AND x.role <> y.role
            GROUP BY ALL
        ), top AS (
            SELECT name, country,
                   list({{'name': partner, 'country': partner_country, 'events': n}}
                        ORDER BY n DESC, partner)[1:5] AS partners
            FROM pairs GROUP BY name, country
        )
        SELECT page.*, coalesce(top.partners, []) AS partners
        FROM page LEFT JOIN top ON top.name = page.name AND top.country IS NOT DISTINCT FROM page.country
        ORDER BY {order.replace("name,", "page.name,").replace("country NULLS", "page.country NULLS")}
    """
    return _page(_rows(con.execute(sql, params)), limit, "actors", offset)


def list_places(
    con: duckdb.DuckDBPyConnection,
    *,
    q: str | None = None,
    country: str | None = None,
    feature: str | None = None,
    located: bool = False,
    cursor: str | None = None,
    limit: int = 100,
) -> dict[str, Any]:
    """Places named in articles (one row per name and country) with article and event counts."""
    where, params = _name_and_country("pl", q, country)
    if feature:
        where.append("pl.feature = lower(?)")
        params.append(feature)
    if located:
        where.append("pl.lat IS NOT NULL AND pl.lon IS NOT NULL")
    offset = _offset(cursor, "places")
    sql = f"""
        SELECT pl.name, pl.country, mode(pl.feature) AS feature, any_value(pl.admin1) AS admin1,
               avg(pl.lat) AS lat, avg(pl.lon) AS lon, any_value(pl.geonames_id) AS geonames_id,
               count(DISTINCT pl.article_id) AS articles, sum(len(pl.mentions)) AS mentions,
               (SELECT count(*) FROM events e JOIN places p2 ON p2.article_id = e.article_id AND p2.id = e.place
                 WHERE p2.name = pl.name AND p2.country IS NOT DISTINCT FROM pl.country) AS events
        FROM places pl
        {"WHERE " + " AND ".join(where) if where else ""}
        GROUP BY pl.name, pl.country
        ORDER BY events DESC, articles DESC, pl.name, pl.country NULLS LAST
        LIMIT {int(limit) + 1} OFFSET {offset}
    """
    return _page(_rows(con.execute(sql, params)), limit, "places", offset)


def list_quotes(
    con: duckdb.DuckDBPyConnection,
    *,
    speaker: str | None = None,
    article: str | None = None,
    kind: str | None = None,
    q: str | None = None,
    cursor: str | None = None,
    limit: int = 100,
) -> dict[str, Any]:
    """Quotes with their speaker (as written and as resolved actor), newest article first."""
    where, params = [], []
    if speaker:
        where.append("(qu.speaker_text ILIKE ? ESCAPE '\\' OR ac.name ILIKE ? ESCAPE '\\')")
        params += [f"%{_escape_like(speaker)}%"] * 2
    if article:
        where.append("qu.article_id = ?")
        params.append(article)
    if kind:
        where.append("qu.kind = lower(?)")
        params.append(kind)
    if q:
        where.append("qu.text ILIKE ? ESCAPE '\\'")
        params.append(f"%{_escape_like(q)}%")
    offset = _offset(cursor, "quotes")
    sql = f"""
        SELECT qu.article_id, qu.id, qu.kind, qu.text, qu.start_char AS start, qu.end_char AS "end", qu.cue,
               qu.speaker_text, qu.speaker_start, qu.speaker_end, qu.speaker_actor,
               ac.name AS speaker_name, ac.title AS speaker_title, ac.country AS speaker_country,
               qu.anonymous, a.title AS article_title, a.published AS article_published
        FROM quotes qu
        JOIN articles a ON a.id = qu.article_id
        LEFT JOIN actors ac ON ac.article_id = qu.article_id AND ac.id = qu.speaker_actor
        {"WHERE " + " AND ".join(where) if where else ""}
        ORDER BY a.published DESC NULLS LAST, qu.article_id, qu.start_char, qu.id
        LIMIT {int(limit) + 1} OFFSET {offset}
    """
    return _page(_rows(con.execute(sql, params)), limit, "quotes", offset)


# -- aggregates ------------------------------------------------------------------------------------


def _names(role: str) -> str:
    return (
        "(SELECT string_agg(p.name, '; ' ORDER BY p.actor_id) FROM event_participants p "
        f"WHERE p.article_id = e.article_id AND p.event_id = e.id AND p.role = '{role}')"
    )


def timeline(
    con: duckdb.DuckDBPyConnection, filters: EventFilters | None = None, *, interval: str = "month", by: str = "type"
) -> dict[str, Any]:
    """Event counts per period and group: items [{period, key, count}], plus how many had no date."""
    if interval not in INTERVALS:
        raise QueryError(f"unknown interval {interval!r}; valid: {', '.join(INTERVALS)}")
    if by not in TIMELINE_GROUPS:
        raise QueryError(f"unknown grouping {by!r}; valid: {', '.join(TIMELINE_GROUPS)}")
    f = (filters or EventFilters()).checked()
    indexed = query_index.ready(con)
    names = {r: f"replace(e.{r}_names, chr(31), '; ')" if indexed else _names(r) for r in ("actor", "recipient")}
    key = {
        "type": "e.event",
        "quad": "CAST(e.quad_code AS VARCHAR)",
        "actor": f"coalesce({names['actor']}, '?')",
        "pair": f"coalesce({names['actor']}, '?') || ' → ' || coalesce({names['recipient']}, '?')",
        "none": "'events'",
    }[by]
    where, params = event_where(con, f, indexed=indexed)
    day = _EVENT_DAY.replace(EVENT_DATE, "e.day") if indexed else _EVENT_DAY
    counted = {"type", "quad", "since", "until"}  # the filters the counts per day, type and quad class answer
    if indexed and by in ("type", "quad", "none") and not any(
        getattr(f, x.name) not in (None, ()) for x in fields(f) if x.name not in counted
    ):
        # Summed from ``event_counts`` (``query_index``): at 10 million events, grouping the events took 0.3 s.
        rows_sql = f"""
            SELECT date_trunc('{interval}', {day}) AS period, {key} AS key, e.events AS n FROM event_counts e
            {"WHERE " + " AND ".join(where) if where else ""}
        """
        total = "CAST(sum(n) AS BIGINT)"
    else:
        rows_sql = f"""
            SELECT date_trunc('{interval}', {day}) AS period, {key} AS key, 1 AS n
            FROM events e JOIN articles a ON a.id = e.article_id
            LEFT JOIN places pl ON pl.article_id = e.article_id AND pl.id = e.place
            {"WHERE " + " AND ".join(where) if where else ""}
        """
        total = "count(*)"
    sql = f"""
        WITH x AS ({rows_sql})
        SELECT strftime(period, '%Y-%m-%d') AS period, key, {total} AS count
        FROM x GROUP BY ALL ORDER BY period NULLS LAST, count DESC, key
    """
    rows = _rows(con.execute(sql, params))
    items = [r for r in rows if r["period"] is not None]
    undated = sum(r["count"] for r in rows if r["period"] is None)
    if by == "quad":
        for item in items:
            item["label"] = QUAD_CLASSES.get(int(item["key"])) if item["key"] else None
    return {"items": items, "next": None, "interval": interval, "by": by, "undated": undated}


def network(
    con: duckdb.DuckDBPyConnection, filters: EventFilters | None = None, *, max_nodes: int = 60
) -> dict[str, Any]:
    """Actors as nodes (name and country) and actor → recipient edges with counts per quad class.

    The ``max_nodes`` actors with the most events (then by name) are kept, with the edges between them;
    they are chosen in SQL, so that only their edges leave the database.
    """
    where, params = event_where(con, filters or EventFilters())
    node = "{name} || '|' || coalesce({country}, '')"
    sql = f"""
        WITH ev AS (
            SELECT e.article_id, e.id, e.quad_code FROM events e JOIN articles a ON a.id = e.article_id
            LEFT JOIN places pl ON pl.article_id = e.article_id AND pl.id = e.place
            {"WHERE " + " AND ".join(where) if where else ""}
        ), pairs AS (
            SELECT x.name AS source, x.country AS source_country, y.name AS target, y.country AS target_country,
                   ev.quad_code AS quad, count(*) AS events
            FROM ev
            JOIN event_participants x ON x.article_id = ev.article_id AND x.event_id = ev.id AND x.role = 'actor'
            JOIN event_participants y ON y.article_id = ev.article_id AND y.event_id = ev.id AND y.role = 'recipient'
            GROUP BY ALL
        ), ends AS (
            SELECT {node.format(name="source", country="source_country")} AS id, source AS name,
                   source_country AS country, events FROM pairs
            UNION ALL
            SELECT {node.format(name="target", country="target_country")}, target, target_country, events FROM pairs
        ), top AS (
            SELECT id, any_value(name) AS name, any_value(country) AS country, sum(events) AS events FROM ends
            GROUP BY id ORDER BY events DESC, id LIMIT {int(max_nodes)}
        )
        SELECT 'node' AS kind, id AS source, NULL AS target, name, country, NULL AS quad, events FROM top
        UNION ALL
        SELECT 'edge', {node.format(name="p.source", country="p.source_country")},
               {node.format(name="p.target", country="p.target_country")}, NULL, NULL, p.quad, p.events
        FROM pairs p
        WHERE {node.format(name="p.source", country="p.source_country")} IN (SELECT id FROM top)
          AND {node.format(name="p.target", country="p.target_country")} IN (SELECT id FROM top)
    """
    nodes: list[dict[str, Any]] = []
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for row in _rows(con.execute(sql, params)):
        if row["kind"] == "node":
            nodes.append({"id": row["source"], "name": row["name"], "country": row["country"],
                          "events": int(row["events"])})  # fmt: skip
            continue
        ends = (row["source"], row["target"])
        edge = edges.setdefault(ends, {"source": ends[0], "target": ends[1], "events": 0, "quads": {}})
        edge["events"] += row["events"]
        quad = str(row["quad"]) if row["quad"] is not None else "0"
        edge["quads"][quad] = edge["quads"].get(quad, 0) + row["events"]
    for edge in edges.values():
        edge["quad"] = int(max(edge["quads"], key=lambda q: (edge["quads"][q], q)))
    return {
        "nodes": sorted(nodes, key=lambda n: (-n["events"], n["id"])),
        "edges": sorted(edges.values(), key=lambda e: (-e["events"], e["source"], e["target"])),
        "quads": {str(k): v for k, v in QUAD_CLASSES.items()},
    }


def event_places(con: duckdb.DuckDBPyConnection, filters: EventFilters | None = None) -> dict[str, Any]:
    """Located event places with their event counts by type, for the map."""
    where, params = event_where(con, filters or EventFilters())
    where.append("pl.lat IS NOT NULL AND pl.lon IS NOT NULL")
    sql = f"""
        SELECT pl.name, pl.country, round(avg(pl.lat), 4) AS lat, round(avg(pl.lon), 4) AS lon,
               count(*) AS events, list(DISTINCT e.event ORDER BY e.event) AS types,
               mode(e.quad_code) AS quad
        FROM events e JOIN articles a ON a.id = e.article_id
        JOIN places pl ON pl.article_id = e.article_id AND pl.id = e.place
        WHERE {" AND ".join(where)}
        GROUP BY pl.name, pl.country
        ORDER BY events DESC, pl.name
    """
    return {"items": _rows(con.execute(sql, params)), "next": None}


# -- stories ---------------------------------------------------------------------------------------

STORY_EVENT_SORTS = ("-date", "date", "-articles", "articles", "-sources", "sources")
_STORY_EVENT_DAY = "coalesce(se.date, left(se.first_seen, 10))"
_STORY_EVENT_KEYS = {
    "date": [(f"coalesce({_STORY_EVENT_DAY}, '')", None), ("se.num_articles", "desc")],
    "articles": [("se.num_articles", None), ("se.num_sources", None), (f"coalesce({_STORY_EVENT_DAY}, '')", "desc")],
    "sources": [("se.num_sources", None), ("se.num_articles", None), (f"coalesce({_STORY_EVENT_DAY}, '')", "desc")],
}


def _need_stories(con: duckdb.DuckDBPyConnection) -> None:
    if not has_stories(con):
        raise QueryError("this store has no stories yet: run `newsevents stories --backfill` on it first")


def _period(name: str, value: str) -> tuple[str, str]:
    """The first and last day (ISO) of a YYYY, YYYY-MM or YYYY-MM-DD value; QueryError if it is none."""
    if not _DATE_RE.match(value):
        raise QueryError(f"{name} must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    if len(value) == 10:
        try:
            date.fromisoformat(value)
        except ValueError:
            raise QueryError(f"{name}: {value!r} is not a day of the calendar") from None
        return value, value
    if len(value) == 4:
        return f"{value}-01-01", f"{value}-12-31"
    year, month = int(value[:4]), int(value[5:7])
    return f"{value}-01", f"{value}-{calendar.monthrange(year, month)[1]:02d}"


def list_stories(
    con: duckdb.DuckDBPyConnection,
    *,
    since: str | None = None,
    until: str | None = None,
    actor: str | None = None,
    q: str | None = None,
    cursor: str | None = None,
    limit: int | None = 100,
) -> dict[str, Any]:
    """Stories, latest first, with their days, counts of articles, sources and merged events, and sources.

    ``since``/``until``: stories with an article on or after / on or before the day; ``actor``: stories
    with an actor whose name holds it (any case) or whose ISO-3 country it is; ``q``: stories whose title,
    or the title of one of their articles, holds every word of it. ``limit`` None: every story, one page.
    """
    _need_stories(con)
    where: list[str] = []
    params: list[Any] = []
    if since:
        where.append("s.last_day >= CAST(? AS DATE)")
        params.append(_period("since", since)[0])
    if until:
        where.append("s.first_day <= CAST(? AS DATE)")
        params.append(_period("until", until)[1])
    if actor:
        where.append(
            "s.id IN (SELECT sa.story_id FROM actors ac JOIN story_articles sa ON sa.article_id = ac.article_id "
            "WHERE ac.name ILIKE ? ESCAPE '\\' OR upper(ac.country) = upper(?))"
        )
        params += [f"%{_escape_like(actor)}%", actor]
    for word in (q or "").split():
        where.append(
            "(s.title ILIKE ? ESCAPE '\\' OR s.id IN (SELECT sa.story_id FROM story_articles sa "
            "JOIN articles a ON a.id = sa.article_id WHERE a.title ILIKE ? ESCAPE '\\'))"
        )
        params += [f"%{_escape_like(word)}%"] * 2
    offset = _offset(cursor, "stories")
    order = "p.last_day DESC NULLS LAST, p.num_articles DESC, p.id"
    page = f"LIMIT {int(limit) + 1} OFFSET {offset}" if limit is not None else ""
    sql = f"""
        WITH p AS (
            SELECT s.* FROM stories s {"WHERE " + " AND ".join(where) if where else ""}
            ORDER BY {order.replace("p.", "s.")} {page}
        )
        SELECT p.id, p.title, strftime(p.first_day, '%Y-%m-%d') AS first_day,
               strftime(p.last_day, '%Y-%m-%d') AS last_day, p.num_articles, p.num_sources,
               (SELECT count(*) FROM story_events se WHERE se.story_id = p.id) AS events,
               (SELECT count(*) FROM story_articles sa WHERE sa.story_id = p.id AND sa.copy_of IS NOT NULL) AS copies,
               coalesce((SELECT list(x.site ORDER BY x.n DESC, x.site) FROM (
                   SELECT sa.site, count(*) AS n FROM story_articles sa
                   WHERE sa.story_id = p.id AND sa.site IS NOT NULL GROUP BY sa.site) x), []) AS sources
        FROM p ORDER BY {order}
    """
    rows = _rows(con.execute(sql, params))
    if limit is None:
        return {"items": rows, "next": None}
    return _page(rows, limit, "stories", offset)


def story_detail(con: duckdb.DuckDBPyConnection, story_id: str) -> dict[str, Any] | None:
    """One story: its row, its articles (oldest first, copies marked) and every merged event; None if unknown."""
    _need_stories(con)
    row = _rows(con.execute(
        "SELECT id, title, strftime(first_day, '%Y-%m-%d') AS first_day, strftime(last_day, '%Y-%m-%d') AS last_day, "
        "num_articles, num_sources FROM stories WHERE id = ?", [story_id]
    ))  # fmt: skip
    if not row:
        return None
    articles = _rows(con.execute(
        """
        SELECT a.id, a.url, a.site, a.title, a.published, sa.score,
               coalesce(sa.copy_of, (SELECT d.duplicate_of FROM duplicates d WHERE d.article_id = a.id))
                 AS duplicate_of,
               (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events
        FROM story_articles sa JOIN articles a ON a.id = sa.article_id
        WHERE sa.story_id = ? ORDER BY a.published NULLS LAST, a.id
        """,
        [story_id],
    ))  # fmt: skip
    events = list_story_events(con, EventFilters(story=story_id), sort="date", limit=None)["items"]
    sources = sorted({a["site"] for a in articles if a["site"]})
    return {**row[0], "sources": sources, "articles": articles, "events": events}


def list_story_events(
    con: duckdb.DuckDBPyConnection,
    filters: EventFilters | None = None,
    *,
    sort: str = "-date",
    cursor: str | None = None,
    limit: int | None = 100,
) -> dict[str, Any]:
    """Story-level (merged) events, one page: each with its counts, every report's sentence and the
    conflicting details side by side.

    ``story``, ``since`` and ``until`` apply to the merged event (its story, its date or else the day
    it was first seen); every other filter keeps a merged event when one of its reports matches it, as
    it would match the report's event in ``list_events``.
    """
    _need_stories(con)
    if sort not in STORY_EVENT_SORTS:
        raise QueryError(f"unknown sort {sort!r} for merged events; valid: {', '.join(STORY_EVENT_SORTS)}")
    f = (filters or EventFilters()).checked()
    where: list[str] = []
    params: list[Any] = []
    if f.story:
        where.append("se.story_id = ?")
        params.append(f.story)
    if f.since:
        where.append(f"{_STORY_EVENT_DAY} >= ?")
        params.append(f.since)
    if f.until:
        where.append(f"{_STORY_EVENT_DAY} <= ?")
        params.append(f.until + "~")
    rest = EventFilters(**{**{x.name: getattr(f, x.name) for x in fields(f)}, "story": None, "since": None,
                           "until": None})  # fmt: skip
    report_where, report_params = event_where(con, rest)
    if report_where:
        where.append(
            "se.id IN (SELECT m.story_event_id FROM story_event_mentions m "
            "JOIN events e ON e.article_id = m.article_id AND e.id = m.event_id "
            "JOIN articles a ON a.id = e.article_id "
            "LEFT JOIN places pl ON pl.article_id = e.article_id AND pl.id = e.place "
            f"WHERE {' AND '.join(report_where)})"
        )
        params += report_params
    descending = sort.startswith("-")
    keys = _STORY_EVENT_KEYS[sort.lstrip("-")]
    order = ", ".join(
        f"{expr} {(direction or ('desc' if descending else 'asc')).upper()} NULLS LAST" for expr, direction in keys
    ) + ", se.id"
    listing = f"story-events{sort}"
    offset = _offset(cursor, listing)
    page = f"LIMIT {int(limit) + 1} OFFSET {offset}" if limit is not None else ""
    sql = f"""
        SELECT se.id, se.story_id, s.title AS story_title, se.event, se.mode, se.status, se.actor, se.recipient,
               se.date, se.place, se.num_articles, se.num_sources, se.first_seen, se.last_seen, se.details
        FROM story_events se LEFT JOIN stories s ON s.id = se.story_id
        {"WHERE " + " AND ".join(where) if where else ""}
        ORDER BY {order} {page}
    """
    rows = _rows(con.execute(sql, params))
    shown = rows[:limit] if limit is not None else rows
    _attach_reports(con, shown)
    if limit is None:
        return {"items": rows, "next": None}
    return _page(rows, limit, listing, offset)


def _attach_reports(con: duckdb.DuckDBPyConnection, events: list[dict[str, Any]]) -> None:
    """Give each merged event its ``mentions`` (every report: article, site, sentence), parsed ``details``
    and ``conflicts`` (the details on which its reports disagree)."""
    if not events:
        return
    sql = """
        SELECT m.story_event_id, m.article_id, m.event_id, m.site, m.published, m.date, m.sentence_start,
               m.sentence_end, m.sentence, a.title AS article_title, a.url AS article_url
        FROM story_event_mentions m LEFT JOIN articles a ON a.id = m.article_id
        WHERE m.story_event_id IN (SELECT unnest(?::VARCHAR[]))
        ORDER BY m.published NULLS LAST, m.article_id, m.sentence_start
    """
    mentions: dict[str, list[dict[str, Any]]] = {}
    for row in _rows(con.execute(sql, [[e["id"] for e in events]])):
        mentions.setdefault(row.pop("story_event_id"), []).append(row)
    for event in events:
        details = json.loads(event["details"]) if isinstance(event["details"], str) else event["details"] or {}
        event["details"] = details
        event["mentions"] = mentions.get(event["id"], [])
        event["conflicts"] = detail_conflicts(details)


def detail_conflicts(details: dict[str, Any]) -> list[str]:
    """The details of a merged event on which its reports disagree: more than one date, status or place,
    or two different numbers of the same unit."""
    conflicts = [name for name in ("dates", "statuses", "places") if len(details.get(name) or []) > 1]
    units: dict[Any, set[Any]] = {}
    for n in details.get("numbers") or []:
        units.setdefault(n.get("unit"), set()).add(n.get("value"))
    if any(len(values) > 1 for values in units.values()):
        conflicts.append("numbers")
    return conflicts


# -- the store as a whole --------------------------------------------------------------------------

COUNTED_TABLES = ("articles", "entities", "actors", "places", "times", "quotes", "quantities", "events", "failures")


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row counts of the store's tables."""
    return {t: int(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in COUNTED_TABLES}  # type: ignore[index]


def list_failures(con: duckdb.DuckDBPyConnection, *, cursor: str | None = None, limit: int = 100) -> dict[str, Any]:
    """Inputs that failed, most recent first, with the stage and the reason."""
    offset = _offset(cursor, "failures")
    sql = f"""
        SELECT input, stage, reason, article_id, strftime(first_seen, '%Y-%m-%dT%H:%M:%S%z') AS first_seen,
               strftime(last_seen, '%Y-%m-%dT%H:%M:%S%z') AS last_seen, times_seen
        FROM failures ORDER BY last_seen DESC, input, stage, reason
        LIMIT {int(limit) + 1} OFFSET {offset}
    """
    return _page(_rows(con.execute(sql)), limit, "failures", offset)
