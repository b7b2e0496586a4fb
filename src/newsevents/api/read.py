"""Read endpoints under /api/v1: events, stories, articles, actors, places, quotes, aggregates and exports.

Each handler checks its parameters, opens the store for the request (``StoreAccess.read``) and
returns what a ``newsevents.queries`` function answers (stories and related articles: what a
``newsevents.library`` function answers, over ``StoreAccess.read_store``). Lists answer
``{"items": [...], "next": CURSOR}``: pass ``next`` back as ``cursor`` for the following page; ``next``
is null on the last page.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from itertools import islice
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query
from fastapi.responses import StreamingResponse

from newsevents import library, queries
from newsevents.api.access import StoreAccess
from newsevents.model import EVENT_STATUSES, PLOVER_EVENTS
from newsevents.queries import EventFilters

Limit = Annotated[int, Query(ge=1, le=queries.MAX_PAGE, description="items per page")]
Cursor = Annotated[str | None, Query(max_length=2000, description="the `next` value of the previous page")]
Text = Annotated[str | None, Query(max_length=500)]


def event_filters(
    actor: Annotated[str | None, Query(max_length=200, description="actor-side name (part of it) or ISO-3")] = None,
    recipient: Annotated[str | None, Query(max_length=200, description="recipient name (part) or ISO-3")] = None,
    sector: Annotated[str | None, Query(max_length=20, description="PLOVER sector of an actor (GOV, MIL...)")] = None,
    recipient_sector: Annotated[str | None, Query(max_length=20, description="PLOVER sector of a recipient")] = None,
    type: Annotated[
        list[str], Query(description="PLOVER event type, repeated or comma-separated: " + ", ".join(PLOVER_EVENTS))
    ] = [],  # noqa: B006 - FastAPI copies defaults per request
    mode: Annotated[str | None, Query(max_length=50, description="PLOVER mode, e.g. arrest, visit")] = None,
    context: Annotated[str | None, Query(max_length=50, description="PLOVER context, e.g. military")] = None,
    status: Annotated[str | None, Query(description="one of: " + ", ".join(EVENT_STATUSES))] = None,
    quad: Annotated[
        int | None, Query(description="quad class: " + "; ".join(f"{k} {v}" for k, v in queries.QUAD_CLASSES.items()))
    ] = None,
    since: Annotated[str | None, Query(max_length=10, description="on or after YYYY[-MM[-DD]]")] = None,
    until: Annotated[str | None, Query(max_length=10, description="on or before YYYY[-MM[-DD]]")] = None,
    place: Annotated[str | None, Query(max_length=200, description="place name (part of it)")] = None,
    country: Annotated[str | None, Query(max_length=3, description="ISO-3 country of the event's place")] = None,
    article: Annotated[str | None, Query(max_length=200, description="article id")] = None,
    story: Annotated[str | None, Query(max_length=200, description="story id (stores with stories only)")] = None,
    min_confidence: Annotated[float | None, Query(description="0 to 1")] = None,
) -> EventFilters:
    """The event filters shared by events, exports and aggregates, from query parameters."""
    return EventFilters(
        actor=actor, recipient=recipient, sector=sector, recipient_sector=recipient_sector, type=tuple(type),
        mode=mode, context=context, status=status, quad=quad, since=since, until=until, place=place,
        country=country, article=article, story=story, min_confidence=min_confidence,
    )  # fmt: skip


Filters = Annotated[EventFilters, Depends(event_filters)]
Sort = Annotated[
    str,
    Query(description="one of: " + ", ".join(queries.EVENT_SORTS) + " (equal confidences or scales: newest first)"),
]


def read_router(access: StoreAccess) -> APIRouter:
    """The read-only endpoints over the store behind ``access``."""
    router = APIRouter(prefix="/api/v1")

    @router.get("/events", summary="Events with filters, sorted, one page at a time (merged=true: story-level)")
    def list_events(
        filters: Filters,
        sort: Sort = "-date",
        cursor: Cursor = None,
        limit: Limit = 100,
        merged: Annotated[bool, Query(description="story-level events, as /story-events answers")] = False,
    ) -> dict[str, Any]:
        if merged:
            return story_events(filters, sort, cursor, limit)
        with access.read() as con:
            return queries.list_events(con, filters, sort=sort, cursor=cursor, limit=limit)

    @router.get("/story-events", summary="Story-level events: one per happening, with every report and conflicts")
    def story_events(
        filters: Filters,
        sort: Annotated[str, Query(description="one of: " + ", ".join(queries.STORY_EVENT_SORTS))] = "-date",
        cursor: Cursor = None,
        limit: Limit = 100,
    ) -> dict[str, Any]:
        with access.read_store() as store:
            return library.story_events_page(store, filters, sort=sort, cursor=cursor, limit=limit)

    @router.get("/stories", summary="Stories: reports of one happening across outlets, latest first")
    def list_stories(
        since: Annotated[str | None, Query(max_length=10, description="with an article on or after YYYY[-MM[-DD]]")]
        = None,
        until: Annotated[str | None, Query(max_length=10, description="with an article on or before")] = None,
        actor: Annotated[str | None, Query(max_length=200, description="actor name (part of it) or ISO-3")] = None,
        q: Annotated[str | None, Query(max_length=500, description="words of the story's or its articles' titles")]
        = None,
        cursor: Cursor = None,
        limit: Limit = 100,
    ) -> dict[str, Any]:
        with access.read_store() as store:
            return library.stories_page(store, since=since, until=until, actor=actor, q=q, cursor=cursor, limit=limit)

    @router.get("/stories/{story_id}", summary="One story: its articles and merged events with their sources")
    def get_story(story_id: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
        with access.read_store() as store:
            story = library.story_detail(store, story_id)
        if story is None:
            raise HTTPException(404, f"no story with id {story_id!r}; GET /api/v1/stories lists them")
        return story

    @router.get("/events/export", summary="Every event matching the filters as CSV, JSON Lines or PLOVER JSON Lines")
    def export_events(
        filters: Filters,
        format: Annotated[str, Query(description="csv, jsonl or plover (PLOVER JSON Lines)")] = "jsonl",
        sort: Sort = "-date",
        limit: Annotated[int | None, Query(ge=1, description="at most this many events (default: all)")] = None,
    ) -> StreamingResponse:
        if format not in EXPORTS:
            raise HTTPException(400, f"unknown export format {format!r}; valid: {', '.join(EXPORTS)}")
        # Read everything while the store is open: a stream must not hold the file between chunks.
        with access.read() as con:
            queries.event_where(con, filters)  # bad filters fail here, as a 400, before streaming
            rows = list(islice(queries.iter_events(con, filters, sort=sort, chunk=min(1000, limit or 1000)), limit))
        media, suffix, render = EXPORTS[format]
        return StreamingResponse(
            render(rows),
            media_type=media,
            headers={"Content-Disposition": f'attachment; filename="events{suffix}"'},
        )

    @router.get("/events/{article_id}/{event_id}", summary="One event with its participants and evidence")
    def get_event(
        article_id: Annotated[str, Path(max_length=200)], event_id: Annotated[str, Path(max_length=200)]
    ) -> dict[str, Any]:
        with access.read() as con:
            event = queries.get_event(con, article_id, event_id)
        if event is None:
            raise HTTPException(404, f"no event {event_id!r} in article {article_id!r}")
        return event

    @router.get("/articles", summary="Articles: full-text search ranked by relevance (BM25), site, publication date")
    def list_articles(
        q: Text = None,
        site: Text = None,
        since: Annotated[str | None, Query(max_length=10, description="published on or after YYYY[-MM[-DD]]")] = None,
        until: Annotated[str | None, Query(max_length=10, description="published on or before")] = None,
        language: Annotated[str | None, Query(max_length=10)] = None,
        cursor: Cursor = None,
        limit: Limit = 100,
    ) -> dict[str, Any]:
        with access.read() as con:
            return queries.list_articles(
                con, q=q, site=site, since=since, until=until, language=language, cursor=cursor, limit=limit
            )

    @router.get("/articles/{article_id}", summary="One article with every span (the analysis document)")
    def get_article(article_id: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
        with access.read() as con:
            document = queries.get_article(con, article_id)
        if document is None:
            raise HTTPException(404, f"no article with id {article_id!r}")
        return document

    @router.get("/articles/{article_id}/related", summary="The other articles of an article's story and the nearest")
    def related_articles(
        article_id: Annotated[str, Path(max_length=200)],
        limit: Annotated[int, Query(ge=1, le=50, description="nearest articles outside the story")] = 5,
    ) -> dict[str, Any]:
        with access.read_store() as store:
            if not store.has_article(article_id):
                raise HTTPException(404, f"no article with id {article_id!r}")
            if not store.has_story_tables():
                return {"article": article_id, "story": None, "in_story": [], "nearest": []}
            return library.related(store, article_id, limit=limit)

    @router.get("/actors", summary="Actors across articles with counts and top partners")
    def list_actors(
        q: Text = None,
        country: Annotated[str | None, Query(max_length=3, description="ISO-3")] = None,
        kind: Annotated[str | None, Query(description="country, organization, person or group")] = None,
        sector: Annotated[str | None, Query(max_length=20, description="PLOVER sector code")] = None,
        named: Annotated[bool, Query(description="leave out generic actors ('officials')")] = False,
        cursor: Cursor = None,
        limit: Limit = 100,
    ) -> dict[str, Any]:
        with access.read() as con:
            return queries.list_actors(
                con, q=q, country=country, kind=kind, sector=sector, named=named, cursor=cursor, limit=limit
            )

    @router.get("/places", summary="Places named in articles with article and event counts")
    def list_places(
        q: Text = None,
        country: Annotated[str | None, Query(max_length=3, description="ISO-3")] = None,
        feature: Annotated[str | None, Query(description="country, admin, city, region or other")] = None,
        located: Annotated[bool, Query(description="only places with coordinates")] = False,
        cursor: Cursor = None,
        limit: Limit = 100,
    ) -> dict[str, Any]:
        with access.read() as con:
            return queries.list_places(
                con, q=q, country=country, feature=feature, located=located, cursor=cursor, limit=limit
            )

    @router.get("/quotes", summary="Quotes with their speakers")
    def list_quotes(
        speaker: Annotated[str | None, Query(max_length=200, description="speaker as written or actor name")] = None,
        article: Annotated[str | None, Query(max_length=200)] = None,
        kind: Annotated[str | None, Query(description="direct, partial or indirect")] = None,
        q: Text = None,
        cursor: Cursor = None,
        limit: Limit = 100,
    ) -> dict[str, Any]:
        with access.read() as con:
            return queries.list_quotes(
                con, speaker=speaker, article=article, kind=kind, q=q, cursor=cursor, limit=limit
            )

    @router.get("/aggregates/timeline", summary="Event counts per day, week, month or year by group")
    def timeline(
        filters: Filters,
        interval: Annotated[str, Query(description="one of: " + ", ".join(queries.INTERVALS))] = "month",
        by: Annotated[
            str, Query(description="one of: " + ", ".join(queries.TIMELINE_GROUPS) + " (quad: PLOVER quad classes)")
        ] = "type",
    ) -> dict[str, Any]:
        with access.read() as con:
            return queries.timeline(con, filters, interval=interval, by=by)

    @router.get("/aggregates/network", summary="Actor network: actors as nodes, actor → recipient edges")
    def network(filters: Filters, max_nodes: Annotated[int, Query(ge=1, le=500)] = 60) -> dict[str, Any]:
        with access.read() as con:
            return queries.network(con, filters, max_nodes=max_nodes)

    @router.get("/aggregates/places", summary="Located event places with event counts, for the map")
    def event_places(filters: Filters) -> dict[str, Any]:
        with access.read() as con:
            return queries.event_places(con, filters)

    @router.get("/failures", summary="Inputs that failed, with the stage and the reason")
    def list_failures(cursor: Cursor = None, limit: Limit = 100) -> dict[str, Any]:
        with access.read() as con:
            return queries.list_failures(con, cursor=cursor, limit=limit)

    @router.get("/stats", summary="Row counts of the store")
    def stats() -> dict[str, int]:
        with access.read() as con:
            return queries.counts(con)

    return router


# Rows are sent in blocks: a chunk per row costs the server more than writing the rows.
_ROWS_PER_CHUNK = 200


def _csv(rows: list[dict[str, Any]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=queries.EXPORT_COLUMNS)
    writer.writeheader()
    for start in range(0, len(rows), _ROWS_PER_CHUNK):
        writer.writerows(queries.flat_event(row) for row in rows[start : start + _ROWS_PER_CHUNK])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def _jsonl(rows: list[dict[str, Any]]) -> Iterator[str]:
    for start in range(0, len(rows), _ROWS_PER_CHUNK):
        block = rows[start : start + _ROWS_PER_CHUNK]
        yield "".join(json.dumps(row, ensure_ascii=False, default=str) + "\n" for row in block)


def _plover(rows: list[dict[str, Any]]) -> Iterator[str]:
    yield from _jsonl([queries.plover_record(row) for row in rows])


EXPORTS = {
    "csv": ("text/csv; charset=utf-8", ".csv", _csv),
    "jsonl": ("application/x-ndjson; charset=utf-8", ".jsonl", _jsonl),
    "plover": ("application/x-ndjson; charset=utf-8", ".plover.jsonl", _plover),
}
