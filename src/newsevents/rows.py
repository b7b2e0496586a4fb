"""The rows one analysed article becomes, table by table.

The store (``store.py``) inserts these rows and the cluster runner's Parquet output
(``scale/tables.py``) carries them, so the two cannot drift apart: a field added to the data model
gets its column here, once. Columns are named, so a store that gained a column later (``ALTER
TABLE ... ADD COLUMN`` puts it last) is written correctly too.

Rows are built a column at a time over a batch of analyses (``analysis_columns``): a list comprehension
per column costs a fraction of a tuple per row transposed into columns. The store sends the columns as
Arrow tables (``arrow_tables``, which DuckDB scans without a copy) and lets DuckDB write the two JSON
columns, the contract document and an event's evidence, from the same arrays (``SELECTS``): Python's
``as_dict`` and ``json.dumps`` of the document took 1 ms an article of 25 events, twice the 20 us an
event may take at 50,000 events a second; DuckDB's ``to_json`` takes about a quarter of that. The
Parquet output takes tuples (``analysis_rows``) with the JSON written by Python. Either way the JSON is
that of ``Analysis.as_dict``: the same keys in the same order, the same values (a number in a float
column reads back as a float, 10.0 where Python wrote an int given as 10); only the spacing differs
(DuckDB writes no blank after ``,`` and ``:``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from itertools import accumulate
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from newsevents import query_index
from newsevents.model import SCHEMA_ID, Actor, Analysis

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

# The columns the store inserts: those of ``COLUMNS`` and, for events, the derived columns of the events
# queries (``query_index.NAMES``), written with the row (``arrow_tables``, ``SELECTS``) rather than
# updated after it (an UPDATE pass cost about 60% on the insert time). The Parquet output leaves them out:
# a store computes them on import (``query_index.refresh``).
STORE_COLUMNS: dict[str, tuple[str, ...]] = {**COLUMNS, "events": (*COLUMNS["events"], *query_index.NAMES)}

# The columns holding JSON text: written by Python in ``analysis_columns(json_text=True)``, by DuckDB from
# the Arrow tables otherwise.
JSON_COLUMNS = {"articles": "document", "events": "evidence"}

STR = pa.string()
INT = pa.int32()
STRS = pa.list_(pa.string())
WHEN = pa.timestamp("us", tz="UTC")

# Arrow types of the store's columns (``COLUMNS`` names them, and the failures table's); a column not
# listed is a string.
ARROW_TYPES: dict[str, pa.DataType] = {
    "authors": STRS, "sectors": STRS, "mentions": STRS, "context": STRS, "recipient": STRS,
    "start_char": INT, "end_char": INT, "speaker_start": INT, "speaker_end": INT, "sentence_start": INT,
    "sentence_end": INT, "trigger_start": INT, "trigger_end": INT, "quad_code": INT, "times_seen": INT,
    "lat": pa.float64(), "lon": pa.float64(), "confidence": pa.float64(), "scale": pa.float64(),
    "geonames_id": pa.int64(), "generic": pa.bool_(), "anonymous": pa.bool_(), "ingested_at": WHEN,
    "first_seen": WHEN, "last_seen": WHEN,
}  # fmt: skip
# Names whose type depends on the table: an event's actors are a list of ids, a quantity's value a number.
TABLE_ARROW_TYPES: dict[tuple[str, str], pa.DataType] = {
    ("events", "actor"): STRS,
    ("quantities", "value"): pa.float64(),
}


def arrow_type(table: str, column: str) -> pa.DataType:
    """The Arrow type of ``column`` in store table ``table``."""
    return TABLE_ARROW_TYPES.get((table, column)) or ARROW_TYPES.get(column, STR)


def analysis_columns(
    analyses: Sequence[Analysis], ingested_at: Sequence[datetime], *, json_text: bool = True
) -> dict[str, dict[str, list[Any]]]:
    """Every table's columns (name: values, in the order of ``COLUMNS``) for a batch of analysed articles,
    rows in the order of ``analyses`` and of their items; ``ingested_at`` is each article's. Without
    ``json_text`` the JSON columns (``JSON_COLUMNS``) are left out. List values are the model's own lists."""
    arts = [a.article for a in analyses]
    ids = [x.id for x in arts]

    def owners(lists: list[list[Any]]) -> list[str]:
        return [aid for aid, items in zip(ids, lists, strict=True) for _ in items]

    ent_lists = [a.entities for a in analyses]
    act_lists = [a.actors for a in analyses]
    pla_lists = [a.places for a in analyses]
    tim_lists = [a.times for a in analyses]
    quo_lists = [a.quotes for a in analyses]
    qua_lists = [a.quantities for a in analyses]
    eve_lists = [a.events for a in analyses]
    ents = [x for items in ent_lists for x in items]
    acts = [x for items in act_lists for x in items]
    plas = [x for items in pla_lists for x in items]
    tims = [x for items in tim_lists for x in items]
    quos = [x for items in quo_lists for x in items]
    speakers = [q.speaker for q in quos]
    quas = [x for items in qua_lists for x in items]
    evs = [x for items in eve_lists for x in items]
    sentences = [v.sentence for v in evs]
    triggers = [v.trigger for v in evs]
    columns: dict[str, dict[str, list[Any]]] = {
        "articles": {
            "id": ids, "url": [x.url for x in arts], "site": [x.site for x in arts], "title": [x.title for x in arts],
            "authors": [x.authors for x in arts], "published": [x.published for x in arts],
            "language": [x.language for x in arts], "text": [x.text for x in arts], "source": [x.source for x in arts],
            "pipeline_version": [a.pipeline.get("newsevents") for a in analyses],
            "model_version": [a.pipeline.get("model") for a in analyses], "ingested_at": list(ingested_at),
        },
        "entities": {
            "article_id": owners(ent_lists), "id": [e.id for e in ents], "label": [e.label for e in ents],
            "start_char": [e.start for e in ents], "end_char": [e.end for e in ents], "text": [e.text for e in ents],
            "actor": [e.actor for e in ents], "place": [e.place for e in ents],
        },
        "actors": {
            "article_id": owners(act_lists), "id": [x.id for x in acts], "name": [x.name for x in acts],
            "kind": [x.kind for x in acts], "country": [x.country for x in acts], "sectors": [x.sectors for x in acts],
            "title": [x.title for x in acts], "affiliation": [x.affiliation for x in acts],
            "generic": [x.generic for x in acts], "mentions": [x.mentions for x in acts],
        },
        "places": {
            "article_id": owners(pla_lists), "id": [p.id for p in plas], "name": [p.name for p in plas],
            "feature": [p.feature for p in plas], "country": [p.country for p in plas],
            "admin1": [p.admin1 for p in plas], "lat": [p.lat for p in plas], "lon": [p.lon for p in plas],
            "geonames_id": [p.geonames_id for p in plas], "mentions": [p.mentions for p in plas],
        },
        "times": {
            "article_id": owners(tim_lists), "id": [t.id for t in tims], "start_char": [t.start for t in tims],
            "end_char": [t.end for t in tims], "text": [t.text for t in tims], "value": [t.value for t in tims],
            "granularity": [t.granularity for t in tims], "anchor": [t.anchor for t in tims],
            "end_value": [t.end_value for t in tims],
        },
        "quotes": {
            "article_id": owners(quo_lists), "id": [q.id for q in quos], "kind": [q.kind for q in quos],
            "start_char": [q.start for q in quos], "end_char": [q.end for q in quos], "text": [q.text for q in quos],
            "cue": [q.cue for q in quos], "speaker_text": [s.text for s in speakers],
            "speaker_start": [s.start for s in speakers], "speaker_end": [s.end for s in speakers],
            "speaker_actor": [s.actor for s in speakers], "anonymous": [s.anonymous for s in speakers],
        },
        "quantities": {
            "article_id": owners(qua_lists), "id": [n.id for n in quas], "start_char": [n.start for n in quas],
            "end_char": [n.end for n in quas], "text": [n.text for n in quas], "value": [n.value for n in quas],
            "unit": [n.unit for n in quas], "approx": [n.approx for n in quas],
        },
        "events": {
            "article_id": owners(eve_lists), "id": [v.id for v in evs], "event": [v.event for v in evs],
            "mode": [v.mode for v in evs], "context": [v.context for v in evs], "status": [v.status for v in evs],
            "actor": [v.actor for v in evs], "recipient": [v.recipient for v in evs], "date": [v.date for v in evs],
            "enddate": [v.enddate for v in evs], "place": [v.place for v in evs],
            "sentence_start": [s.start for s in sentences], "sentence_end": [s.end for s in sentences],
            "sentence": [s.text for s in sentences], "trigger_start": [s.start for s in triggers],
            "trigger_end": [s.end for s in triggers], "trigger": [s.text for s in triggers],
            "quad_code": [v.quad_code for v in evs], "confidence": [v.confidence for v in evs],
            "scale": [v.scale for v in evs], "quote": [v.quote for v in evs],
            "date_source": [v.date_source for v in evs],
        },
        "event_participants": _participant_columns(analyses),
    }  # fmt: skip
    if json_text:
        columns["articles"]["document"] = [json.dumps(a.as_dict(), ensure_ascii=False) for a in analyses]
        columns["events"]["evidence"] = [json.dumps([s.as_dict() for s in v.evidence], ensure_ascii=False) for v in evs]
    return {table: {name: cols[name] for name in COLUMNS[table] if name in cols} for table, cols in columns.items()}


def _participant_columns(analyses: Sequence[Analysis]) -> dict[str, list[Any]]:
    """One row per (event, role, actor): the actor's name, country and kind, for filtering without joins."""
    # Appended column by column, no tuple per row: tuples kept by the ten thousand set the garbage
    # collector off over every object of the batch, measured a third of the time of ``arrow_tables``.
    columns: dict[str, list[Any]] = {name: [] for name in COLUMNS["event_participants"]}
    article_ids, event_ids, roles, actor_ids, names, countries, kinds = columns.values()
    for analysis in analyses:
        aid = analysis.article.id
        by_id: dict[str, Actor] = {}
        for actor in analysis.actors:
            by_id.setdefault(actor.id, actor)  # the first of an id, as ``Analysis.actor`` finds it
        for v in analysis.events:
            for role, ids in ("actor", v.actor), ("recipient", v.recipient):
                for actor_id in ids if len(ids) < 2 else dict.fromkeys(ids):
                    found = by_id.get(actor_id) if actor_id else None
                    article_ids.append(aid)
                    event_ids.append(v.id)
                    roles.append(role)
                    actor_ids.append(actor_id)
                    names.append(found.name if found else None)
                    countries.append(found.country if found else None)
                    kinds.append(found.kind if found else None)
    return columns


def analysis_rows(analysis: Analysis, ingested_at: datetime) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows for one analysed article, as tuples in the order of ``COLUMNS``."""
    tables = analysis_columns([analysis], [ingested_at])
    return {table: list(zip(*cols.values(), strict=True)) for table, cols in tables.items()}


# -- Arrow tables for the store ------------------------------------------------------------------------

# Each table's SELECT list over its Arrow table (``arrow_tables``), in the order of ``STORE_COLUMNS``: the
# JSON columns are written by DuckDB, the events' derived columns from the values of
# ``query_index.event_values`` (``query_index.SELECTS``). The document is ``Analysis.as_dict``, key by key;
# the article's ``removed`` and the analysis's ``pipeline`` come as JSON text (free-form dicts, small),
# every list of items as a list of structs built on the arrays of its own table.
_DOCUMENT = f"""to_json({{
    'schema': '{SCHEMA_ID}',
    'article': {{'id': "id", 'url': "url", 'site': "site", 'title': "title", 'authors': "authors",
                'published': "published", 'language': "language", 'text': "text", 'removed': "doc_removed"::JSON,
                'source': "source"}},
    'entities': "doc_entities", 'actors': "doc_actors", 'places': "doc_places", 'times': "doc_times",
    'quotes': "doc_quotes", 'quantities': "doc_quantities", 'events': "doc_events",
    'pipeline': "doc_pipeline"::JSON
}})"""
SELECTS: dict[str, str] = {
    table: ", ".join(
        _DOCUMENT if (table, name) == ("articles", "document")
        else 'to_json("evidence")' if (table, name) == ("events", "evidence")
        else query_index.SELECTS[name] if table == "events" and name in query_index.SELECTS
        else f'"{name}"'
        for name in names
    )
    for table, names in STORE_COLUMNS.items()
}  # fmt: skip

# The keys of an item in the document (``as_dict`` order), each with its column in the item's table; ""
# where the value is not a column (built in ``arrow_tables``). tests/test_rows.py holds the stored
# document to ``as_dict``, so a field added to the model and not here fails there.
_SPAN = ("start", "end", "text")
_DOC_ITEMS: dict[str, tuple[tuple[str, str], ...]] = {
    "entities": (("id", "id"), ("label", "label"), ("start", "start_char"), ("end", "end_char"), ("text", "text"),
                 ("actor", "actor"), ("place", "place")),
    "actors": (("id", "id"), ("name", "name"), ("kind", "kind"), ("country", "country"), ("sectors", "sectors"),
               ("title", "title"), ("affiliation", "affiliation"), ("mentions", "mentions"), ("generic", "generic"),
               ("wikidata", "")),
    "places": (("id", "id"), ("name", "name"), ("feature", "feature"), ("country", "country"), ("admin1", "admin1"),
               ("lat", "lat"), ("lon", "lon"), ("geonames_id", "geonames_id"), ("mentions", "mentions")),
    "times": (("id", "id"), ("start", "start_char"), ("end", "end_char"), ("text", "text"), ("value", "value"),
              ("granularity", "granularity"), ("anchor", "anchor"), ("end_value", "end_value")),
    "quotes": (("id", "id"), ("kind", "kind"), ("start", "start_char"), ("end", "end_char"), ("text", "text"),
               ("speaker", ""), ("cue", "cue")),
    "quantities": (("id", "id"), ("start", "start_char"), ("end", "end_char"), ("text", "text"), ("value", "value"),
                   ("unit", "unit"), ("approx", "approx")),
    "events": (("id", "id"), ("event", "event"), ("mode", "mode"), ("context", "context"), ("status", "status"),
               ("actor", "actor"), ("recipient", "recipient"), ("date", "date"), ("enddate", "enddate"),
               ("date_source", "date_source"), ("place", "place"), ("sentence", ""), ("trigger", ""),
               ("quad_code", "quad_code"), ("confidence", "confidence"), ("scale", "scale"), ("evidence", "evidence"),
               ("quote", "quote")),
}  # fmt: skip
_SPEAKER = (("text", "speaker_text"), ("start", "speaker_start"), ("end", "speaker_end"), ("actor", "speaker_actor"),
            ("anonymous", "anonymous"))  # fmt: skip


def arrow_tables(analyses: Sequence[Analysis], ingested_at: Sequence[datetime]) -> dict[str, pa.Table]:
    """Every table's rows for a batch of analysed articles as Arrow tables, to insert with
    ``INSERT INTO t (STORE_COLUMNS[t]) SELECT SELECTS[t] FROM arrow_table``: the table's columns (the JSON ones
    as the values they are written from), for articles the document's parts (``doc_*``) and for events the
    values of their derived columns (``query_index.event_values``)."""
    columns = analysis_columns(analyses, ingested_at, json_text=False)
    # An item's article id is taken from the articles' ids by the item's position in the document's lists
    # (``_DOC_ITEMS``): converting the repeated ids one by one cost twenty times more.
    arrays = {
        table: {name: pa.array(values, type=arrow_type(table, name)) for name, values in cols.items()
                if table not in _DOC_ITEMS or name != "article_id"}
        for table, cols in columns.items()
    }  # fmt: skip
    evs = [v for a in analyses for v in a.events]
    for name, values in query_index.event_values(analyses).items():
        arrays["events"][name] = pa.array(values, type=pa.float64() if name in query_index.ARROW_DOUBLES else STR)
    arrays["events"]["evidence"] = _lists(
        [v.evidence for v in evs],
        [
            (key, pa.array([getattr(s, key) for v in evs for s in v.evidence], type=STR if key == "text" else INT))
            for key in _SPAN
        ],
    )
    extra = {
        ("actors", "wikidata"): pa.array([x.wikidata for a in analyses for x in a.actors], type=STR),
        ("quotes", "speaker"): pa.StructArray.from_arrays(
            [arrays["quotes"][column] for _, column in _SPEAKER], names=[key for key, _ in _SPEAKER]
        ),
        ("events", "sentence"): _struct(arrays["events"], "sentence"),
        ("events", "trigger"): _struct(arrays["events"], "trigger"),
    }
    article = arrays["articles"]
    article["doc_removed"] = pa.array(
        [json.dumps(a.article.removed, ensure_ascii=False) if a.article.removed else "[]" for a in analyses], type=STR
    )
    article["doc_pipeline"] = pa.array([json.dumps(a.pipeline, ensure_ascii=False) for a in analyses], type=STR)
    for table, keys in _DOC_ITEMS.items():
        fields = [(key, extra[table, key] if (table, key) in extra else arrays[table][column]) for key, column in keys]
        items = article[f"doc_{table}"] = _lists([getattr(a, table) for a in analyses], fields)
        arrays[table]["article_id"] = article["id"].take(pc.list_parent_indices(items))
    return {table: pa.table(cols) for table, cols in arrays.items()}


def _struct(events: dict[str, pa.Array], span: str) -> pa.StructArray:
    """An event's sentence or trigger as a struct of start, end and text."""
    return pa.StructArray.from_arrays([events[f"{span}_start"], events[f"{span}_end"], events[span]], names=list(_SPAN))


def _lists(owners: list[list[Any]], fields: list[tuple[str, pa.Array]]) -> pa.ListArray:
    """One list of structs per owner, the owners' items in order: ``fields`` hold the items' values."""
    items = pa.StructArray.from_arrays([array for _, array in fields], names=[key for key, _ in fields])
    offsets = pa.array(list(accumulate((len(x) for x in owners), initial=0)), type=pa.int32())
    return pa.ListArray.from_arrays(offsets, items)
