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
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import Any

import duckdb

from newsevents.model import EVENT_STATUSES, PLOVER_EVENTS

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


class QueryError(ValueError):
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
    story: str | None = None  # needs an events.story column
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


def _participant_match(role: str, value: str) -> tuple[str, list[Any]]:
    sql = (
        "EXISTS (SELECT 1 FROM event_participants p WHERE p.article_id = e.article_id AND p.event_id = e.id "
        "AND p.role = ? AND (p.name ILIKE ? ESCAPE '\\' OR upper(p.country) = upper(?)))"
    )
    return sql, [role, f"%{_escape_like(value)}%", value]


def _sector_match(role: str, sector: str) -> tuple[str, list[Any]]:
    sql = (
        "EXISTS (SELECT 1 FROM event_participants p JOIN actors ac ON ac.article_id = p.article_id "
        "AND ac.id = p.actor_id WHERE p.article_id = e.article_id AND p.event_id = e.id AND p.role = ? "
        "AND list_contains(ac.sectors, upper(?)))"
    )
    return sql, [role, sector]


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def event_where(con: duckdb.DuckDBPyConnection, filters: EventFilters) -> tuple[list[str], list[Any]]:
    """SQL conditions and parameters for ``filters`` over ``events e JOIN articles a LEFT JOIN places pl``."""
    f = filters.checked()
    where: list[str] = []
    params: list[Any] = []

    def add(sql: str, *values: Any) -> None:
        where.append(sql)
        params.extend(values)

    for role, value in (("actor", f.actor), ("recipient", f.recipient)):
        if value:
            sql, values = _participant_match(role, value)
            add(sql, *values)
    for role, sector in (("actor", f.sector), ("recipient", f.recipient_sector)):
        if sector:
            sql, values = _sector_match(role, sector)
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
        add(f"{EVENT_DATE} >= ?", f.since)
    if f.until:
        # A month or year value (2026-10) is inside a range that ends on a day of it.
        add(f"{EVENT_DATE} <= ?", f.until + "~")
    if f.place:
        add("pl.name ILIKE ? ESCAPE '\\'", f"%{_escape_like(f.place)}%")
    if f.country:
        add("upper(pl.country) = upper(?)", f.country)
    if f.article:
        add("e.article_id = ?", f.article)
    if f.min_confidence is not None:
        add("e.confidence >= ?", f.min_confidence)
    if f.story:
        if not has_column(con, "events", "story"):
            raise QueryError("this store has no stories yet (no events.story column); leave out `story`")
        add("e.story = ?", f.story)
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
    if not isinstance(offset, int) or offset < 0:
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

_PARTICIPANTS = """
    (SELECT list({{'id': p.actor_id, 'name': p.name, 'country': p.country, 'kind': p.kind,
                   'sectors': coalesce(ac.sectors, [])}} ORDER BY p.actor_id)
       FROM event_participants p LEFT JOIN actors ac ON ac.article_id = p.article_id AND ac.id = p.actor_id
      WHERE p.article_id = e.article_id AND p.event_id = e.id AND p.role = '{role}')
"""

_EVENT_SELECT = f"""
    SELECT /*keys*/ e.article_id, e.id, e.event, e.mode, e.context, e.status, e.date, e.enddate, e.quad_code,
           e.confidence, e.scale,
           (SELECT string_agg(p.name, '; ' ORDER BY p.actor_id) FROM event_participants p
             WHERE p.article_id = e.article_id AND p.event_id = e.id AND p.role = 'actor') AS actor,
           (SELECT string_agg(p.name, '; ' ORDER BY p.actor_id) FROM event_participants p
             WHERE p.article_id = e.article_id AND p.event_id = e.id AND p.role = 'recipient') AS recipient,
           {_PARTICIPANTS.format(role="actor")} AS actors,
           {_PARTICIPANTS.format(role="recipient")} AS recipients,
           e.place AS place_id, pl.name AS place, pl.country AS place_country, pl.lat AS place_lat,
           pl.lon AS place_lon,
           e.sentence, e.sentence_start, e.sentence_end, e.trigger, e.trigger_start, e.trigger_end, e.quote,
           a.title AS article_title, a.url AS article_url, a.site AS article_site,
           a.published AS article_published
    FROM events e
    JOIN articles a ON a.id = e.article_id
    LEFT JOIN places pl ON pl.article_id = e.article_id AND pl.id = e.place
"""


def _event_order(sort: str) -> list[tuple[str, str]]:
    if sort not in EVENT_SORTS:
        raise QueryError(f"unknown sort {sort!r}; valid: {', '.join(EVENT_SORTS)}")
    direction = "desc" if sort.startswith("-") else "asc"
    # Within one date (or confidence), events read in article order, sentence by sentence.
    return [
        (_SORT_KEYS[sort.lstrip("-")], direction),
        ("e.article_id", "asc"),
        ("e.sentence_start", "asc"),
        ("e.id", "asc"),
    ]


def list_events(
    con: duckdb.DuckDBPyConnection,
    filters: EventFilters | None = None,
    *,
    sort: str = "-date",
    cursor: str | None = None,
    limit: int = 100,
) -> dict[str, Any]:
    """One page of events matching ``filters``: ``{"items": [...], "next": cursor or None}``."""
    where, params = event_where(con, filters or EventFilters())
    order = _event_order(sort)
    if cursor:
        data = decode_cursor(cursor, f"events{sort}")
        key = data.get("k")
        if not isinstance(key, list) or len(key) != len(order):
            raise QueryError("invalid cursor; pass the `next` value of the previous page unchanged")
        condition, values = _keyset_after(order, key)
        where.append(condition)
        params += values
    keys = ", ".join(f"{expr} AS _k{i}" for i, (expr, _) in enumerate(order))
    sql = (
        _EVENT_SELECT.replace("/*keys*/", keys + ",")
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY "
        + ", ".join(f"{expr} {direction.upper()} NULLS LAST" for expr, direction in order)
        + f" LIMIT {int(limit) + 1}"
    )
    rows = _rows(con.execute(sql, params))
    next_cursor = None
    if len(rows) > limit:
        last = rows[limit - 1]
        next_cursor = encode_cursor({"for": f"events{sort}", "k": [last[f"_k{i}"] for i in range(len(order))]})
    items = [{k: v for k, v in row.items() if not k.startswith("_k")} for row in rows[:limit]]
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
    rows = _rows(con.execute(_EVENT_SELECT + " WHERE e.article_id = ? AND e.id = ?", [article_id, event_id]))
    if not rows:
        return None
    event = rows[0]
    evidence = con.execute(
        "SELECT evidence FROM events WHERE article_id = ? AND id = ?", [article_id, event_id]
    ).fetchone()
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
    """Articles, newest first; ``q`` keeps those whose title or text holds every word of it."""
    where, params = [], []
    for word in (q or "").split():
        where.append("(a.title ILIKE ? ESCAPE '\\' OR a.text ILIKE ? ESCAPE '\\')")
        params += [f"%{_escape_like(word)}%"] * 2
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
    offset = _offset(cursor, "articles")
    first = (q or "").split()[0] if (q or "").split() else None
    sql = f"""
        SELECT a.id, a.title, a.url, a.site, a.published, a.language, a.authors,
               length(a.text) AS characters,
               (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events,
               CASE WHEN ? IS NULL THEN left(a.text, 240)
                    ELSE substr(a.text, greatest(1, strpos(lower(a.text), lower(?)) - 80), 240) END AS snippet
        FROM articles a
        {"WHERE " + " AND ".join(where) if where else ""}
        ORDER BY a.published DESC NULLS LAST, a.id
        LIMIT {int(limit) + 1} OFFSET {offset}
    """
    rows = _rows(con.execute(sql, [first, first, *params]))
    return _page(rows, limit, "articles", offset)


def get_article(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    """The stored contract document of one article (with every span), or None."""
    row = con.execute("SELECT document FROM articles WHERE id = ?", [article_id]).fetchone()
    return json.loads(row[0]) if row else None


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
    sql = f"""
        WITH roles AS (
            SELECT name, country, count(*) FILTER (WHERE role = 'actor') AS as_actor,
                   count(*) FILTER (WHERE role = 'recipient') AS as_recipient
            FROM event_participants GROUP BY name, country
        ), pairs AS (
            SELECT x.name, x.country, y.name AS partner, y.country AS partner_country, count(*) AS n
            FROM event_participants x JOIN event_participants y
              ON x.article_id = y.article_id AND x.event_id = y.event_id AND x.role <> y.role
            GROUP BY ALL
        ), top AS (
            SELECT name, country,
                   list({{'name': partner, 'country': partner_country, 'events': n}}
                        ORDER BY n DESC, partner)[1:5] AS partners
            FROM pairs GROUP BY name, country
        )
        SELECT ac.name, ac.country, mode(ac.kind) AS kind,
               list_sort(list_distinct(flatten(list(ac.sectors)))) AS sectors,
               bool_and(coalesce(ac.generic, false)) AS generic,
               count(DISTINCT ac.article_id) AS articles, sum(len(ac.mentions)) AS mentions,
               coalesce(any_value(r.as_actor), 0) AS events_as_actor,
               coalesce(any_value(r.as_recipient), 0) AS events_as_recipient,
               coalesce(any_value(t.partners), []) AS partners
        FROM actors ac
        LEFT JOIN roles r ON r.name = ac.name AND r.country IS NOT DISTINCT FROM ac.country
        LEFT JOIN top t ON t.name = ac.name AND t.country IS NOT DISTINCT FROM ac.country
        {"WHERE " + " AND ".join(where) if where else ""}
        GROUP BY ac.name, ac.country
        ORDER BY events_as_actor + events_as_recipient DESC, articles DESC, ac.name, ac.country NULLS LAST
        LIMIT {int(limit) + 1} OFFSET {offset}
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
    key = {
        "type": "e.event",
        "quad": "CAST(e.quad_code AS VARCHAR)",
        "actor": f"coalesce({_names('actor')}, '?')",
        "pair": f"coalesce({_names('actor')}, '?') || ' → ' || coalesce({_names('recipient')}, '?')",
        "none": "'events'",
    }[by]
    where, params = event_where(con, filters or EventFilters())
    sql = f"""
        WITH x AS (
            SELECT date_trunc('{interval}', {_EVENT_DAY}) AS period, {key} AS key
            FROM events e JOIN articles a ON a.id = e.article_id
            LEFT JOIN places pl ON pl.article_id = e.article_id AND pl.id = e.place
            {"WHERE " + " AND ".join(where) if where else ""}
        )
        SELECT strftime(period, '%Y-%m-%d') AS period, key, count(*) AS count
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
    """Actors as nodes (name and country) and actor → recipient edges with counts per quad class."""
    where, params = event_where(con, filters or EventFilters())
    sql = f"""
        WITH ev AS (
            SELECT e.article_id, e.id, e.quad_code FROM events e JOIN articles a ON a.id = e.article_id
            LEFT JOIN places pl ON pl.article_id = e.article_id AND pl.id = e.place
            {"WHERE " + " AND ".join(where) if where else ""}
        )
        SELECT x.name AS source, x.country AS source_country, y.name AS target, y.country AS target_country,
               ev.quad_code AS quad, count(*) AS events
        FROM ev
        JOIN event_participants x ON x.article_id = ev.article_id AND x.event_id = ev.id AND x.role = 'actor'
        JOIN event_participants y ON y.article_id = ev.article_id AND y.event_id = ev.id AND y.role = 'recipient'
        GROUP BY ALL ORDER BY events DESC, source, target
    """
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    degree: dict[str, int] = {}
    nodes: dict[str, dict[str, Any]] = {}
    for row in _rows(con.execute(sql, params)):
        ends = []
        for side in ("source", "target"):
            node_id = f"{row[side]}|{row[side + '_country'] or ''}"
            nodes.setdefault(node_id, {"id": node_id, "name": row[side], "country": row[side + "_country"]})
            degree[node_id] = degree.get(node_id, 0) + row["events"]
            ends.append(node_id)
        edge = edges.setdefault((ends[0], ends[1]), {"source": ends[0], "target": ends[1], "events": 0, "quads": {}})
        edge["events"] += row["events"]
        quad = str(row["quad"]) if row["quad"] is not None else "0"
        edge["quads"][quad] = edge["quads"].get(quad, 0) + row["events"]
    keep = set(sorted(degree, key=lambda n: (-degree[n], n))[:max_nodes])
    kept_edges = [e for e in edges.values() if e["source"] in keep and e["target"] in keep]
    for edge in kept_edges:
        edge["quad"] = int(max(edge["quads"], key=lambda q: (edge["quads"][q], q)))
    return {
        "nodes": [{**nodes[n], "events": degree[n]} for n in sorted(keep, key=lambda n: (-degree[n], n))],
        "edges": kept_edges,
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
