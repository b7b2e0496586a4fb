"""The rows one analysed article becomes, table by table.

The store (``store.py``) inserts these rows and the cluster runner's Parquet output
(``scale/tables.py``) carries them, so the two cannot drift apart: a field added to the data model
gets its column here, once. Columns are named, so a store that gained a column later (``ALTER
TABLE ... ADD COLUMN`` puts it last) is written correctly too.

Rows are built a column at a time over a batch of analyses (``analysis_columns``): a list comprehension
per column costs a fraction of a tuple per row transposed into columns. The store sends the columns as
Arrow tables (``arrow_tables``, which DuckDB scans without a copy; each table's items converted once, as the
document's lists of structs, the columns being their fields) and lets DuckDB write the JSON of an event's
evidence (``SELECTS``). The Parquet output takes tuples (``analysis_rows``) with the JSON written by
Python, the article's whole contract document included.

The store keeps no document: ``documents`` rebuilds it from the rows in SQL, key by key, as DuckDB's
``to_json`` writes it. Either way the JSON is that of ``Analysis.as_dict``: the same keys in the same
order, the same values (a number in a float column reads back as a float, 10.0 where Python wrote an int
given as 10); only the spacing differs (DuckDB writes no blank after ``,`` and ``:``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from itertools import accumulate
from operator import attrgetter
from typing import Any

import numpy as np
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
        "wikidata",
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
#
# The store keeps no copy of the document: it is rebuilt from the rows when read (``documents``). It was
# 42 KB an article of 25 events, all of it a second copy of the rows, and it took half of the time of a
# bulk load and a third of the file. What of the document is no other column is stored as a column of its
# own: the article's ``removed`` and the analysis's ``pipeline`` (JSON). Every
# article gets a number (``seq``, rising as articles are stored) and every row its article's number
# (``article_seq``): rows go in in article order, so DuckDB's per-row-group minimum and maximum of that
# number find an article's rows without reading the others (an article id is a hash, in no order).
STORE_COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": (*(c for c in COLUMNS["articles"] if c != "document"), "removed", "pipeline", "seq"),
    **{
        table: (*columns, *(query_index.NAMES if table == "events" else ()), "article_seq")
        for table, columns in COLUMNS.items() if table != "articles"
    },
}  # fmt: skip

# The columns holding JSON text: written by Python in ``analysis_columns(json_text=True)``, by DuckDB from
# the Arrow tables otherwise.
JSON_COLUMNS = {"articles": "document", "events": "evidence"}
# The item tables with no primary key in the store (``store._DDL``): ``arrow_tables`` checks that an article's
# items have distinct ids; an event's participants are distinct by construction. The events' key was kept
# for the API's reading of one event, which DuckDB does not answer from it (25 ms at 10 million events, key
# or none; 3 ms with the article's number): at that size it made adding 250,000 events 5 s slower.
UNKEYED = ("entities", "actors", "places", "times", "quotes", "quantities", "events")

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
    "first_seen": WHEN, "last_seen": WHEN, "seq": pa.int64(), "article_seq": pa.int64(),
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
            "wikidata": [x.wikidata for x in acts],
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
# ``query_index.event_values`` (``query_index.SELECTS``). The article's ``removed`` and the analysis's
# ``pipeline`` come as JSON text (free-form dicts, small).
_JSON_TEXT = {("articles", "removed"): "doc_removed", ("articles", "pipeline"): "doc_pipeline"}
SELECTS: dict[str, str] = {
    table: ", ".join(
        f'"{_JSON_TEXT[table, name]}"::JSON' if (table, name) in _JSON_TEXT
        else 'to_json("evidence")' if (table, name) == ("events", "evidence")
        else query_index.SELECTS[name] if table == "events" and name in query_index.SELECTS
        else f'"{name}"'
        for name in names
    )
    for table, names in STORE_COLUMNS.items()
}  # fmt: skip

# The keys of an item in the document (``as_dict`` order), each with its column in the item's table; ""
# where the value is made of several columns (``_STRUCTS``). tests/test_rows.py holds the stored
# document to ``as_dict``, so a field added to the model and not here fails there.
_SPAN = ("start", "end", "text")
_DOC_ITEMS: dict[str, tuple[tuple[str, str], ...]] = {
    "entities": (("id", "id"), ("label", "label"), ("start", "start_char"), ("end", "end_char"), ("text", "text"),
                 ("actor", "actor"), ("place", "place")),
    "actors": (("id", "id"), ("name", "name"), ("kind", "kind"), ("country", "country"), ("sectors", "sectors"),
               ("title", "title"), ("affiliation", "affiliation"), ("mentions", "mentions"), ("generic", "generic"),
               ("wikidata", "wikidata")),
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


def arrow_tables(
    analyses: Sequence[Analysis], ingested_at: Sequence[datetime], first_seq: int = 1
) -> dict[str, pa.Table]:
    """Every table's rows for a batch of analysed articles as Arrow tables, to insert with
    ``INSERT INTO t (STORE_COLUMNS[t]) SELECT SELECTS[t] FROM arrow_table``: the table's columns (the JSON ones
    as the values they are written from: the articles' ``doc_removed`` and ``doc_pipeline``) and for events
    the values of their derived columns (``query_index.event_values``). The articles are numbered ``seq``
    from ``first_seq`` on, in order, and each row carries its article's (``article_seq``)."""
    arts = [a.article for a in analyses]
    article = {
        "id": pa.array([x.id for x in arts], type=STR), "url": pa.array([x.url for x in arts], type=STR),
        "site": pa.array([x.site for x in arts], type=STR), "title": pa.array([x.title for x in arts], type=STR),
        "authors": pa.array([x.authors for x in arts], type=STRS),
        "published": pa.array([x.published for x in arts], type=STR),
        "language": pa.array([x.language for x in arts], type=STR), "text": pa.array([x.text for x in arts], type=STR),
        "source": pa.array([x.source for x in arts], type=STR),
        "pipeline_version": pa.array([a.pipeline.get("newsevents") for a in analyses], type=STR),
        "model_version": pa.array([a.pipeline.get("model") for a in analyses], type=STR),
        "ingested_at": pa.array(ingested_at, type=WHEN),
        "seq": pa.array(range(first_seq, first_seq + len(arts)), type=pa.int64()),
        "doc_removed": pa.array(
            [json.dumps(x.removed, ensure_ascii=False) if x.removed else "[]" for x in arts], type=STR
        ),
        "doc_pipeline": pa.array([json.dumps(a.pipeline, ensure_ascii=False) for a in analyses], type=STR),
    }  # fmt: skip
    arrays: dict[str, dict[str, pa.Array]] = {"articles": article}
    owners: dict[str, pa.Array] = {}  # each item's article, by its position in ``analyses``
    lists: dict[str, pa.ListArray] = {}  # each article's items of a table
    for table, keys in _DOC_ITEMS.items():
        # The items are converted once, as the document's lists (``_item_lists``); the table's columns are the
        # fields of their structs.
        items = lists[table] = _item_lists(table, analyses)
        columns = arrays[table] = {column: items.values.field(key) for key, column in keys if column}
        owners[table] = pc.list_parent_indices(items)
        columns["article_id"] = article["id"].take(owners[table])
        columns["article_seq"] = article["seq"].take(owners[table])
        if table in UNKEYED:
            _check_unique(table, owners[table], columns["id"], article["id"])
    quotes, events = arrays["quotes"], arrays["events"]
    speakers = lists["quotes"].values.field("speaker")
    quotes.update((column, speakers.field(key)) for key, column in _SPEAKER)
    for span in ("sentence", "trigger"):
        spans = lists["events"].values.field(span)
        events.update({f"{span}_{key}": spans.field(key) for key in ("start", "end")}, **{span: spans.field("text")})
    events.update(query_index.event_values(
        article["published"], *({**arrays[table], "article": owners[table]} for table in ("events", "actors", "places"))
    ))  # fmt: skip
    arrays["event_participants"] = _participant_arrays(
        article["id"], {**events, "article": owners["events"]}, {**arrays["actors"], "article": owners["actors"]}
    )
    arrays["event_participants"]["article_seq"] = article["seq"].take(arrays["event_participants"].pop("article"))
    return {table: pa.table(cols) for table, cols in arrays.items()}


def _check_unique(table: str, owners: pa.Array, ids: pa.Array, article_ids: pa.Array) -> None:
    """ValueError naming the article and the id when two items of ``table`` in one article share an id."""
    keys = pa.table({"owner": owners, "id": ids})
    counts = keys.group_by(["owner", "id"], use_threads=False).aggregate([([], "count_all")])
    if counts.num_rows == keys.num_rows:
        return
    twice = counts.filter(pc.greater(counts["count_all"], 1)).slice(0, 1).to_pylist()[0]
    raise ValueError(f"article {article_ids[twice['owner']].as_py()}: two of its {table} have the id {twice['id']!r}")


def _participant_arrays(
    article_ids: pa.Array, events: dict[str, pa.Array], actors: dict[str, pa.Array]
) -> dict[str, pa.Array]:
    """``_participant_columns`` from the events' and actors' arrays (with each row's article position,
    ``article``): one row per event, role and actor id (each id of a role once, in order), with the name,
    country and kind of the article's first actor of that id, and each row's article position (``article``).
    Arrow's kernels do in 0.05 s what the loop over 50,000 events does in 0.2 s."""
    roles, event_parts, id_parts = [], [], []
    for role in ("actor", "recipient"):
        id_lists = events[role]
        if len(id_lists) and (pc.max(pc.list_value_length(id_lists)).as_py() or 0) > 1:
            id_lists = pa.array([ids if len(ids) < 2 else list(dict.fromkeys(ids)) for ids in id_lists.to_pylist()],
                                type=id_lists.type)  # fmt: skip
        event_parts.append(pc.list_parent_indices(id_lists))
        id_parts.append(pc.list_flatten(id_lists))
        roles.append(pa.repeat(pa.scalar(role, STR), len(id_parts[-1])))
    # an event's actor rows, then its recipient rows (a stable sort of the roles' rows by event)
    order = pa.array(np.argsort(np.concatenate([np.asarray(e, dtype=np.int64) for e in event_parts]), kind="stable"))
    event = pa.concat_arrays(event_parts).take(order)
    ids = pa.concat_arrays(id_parts).take(order)
    article = events["article"].take(event)

    def keys(owner: pa.Array, item_ids: pa.Array) -> pa.Array:
        return pc.binary_join_element_wise(pc.cast(owner, STR), item_ids, query_index.SEP)

    found = pc.index_in(keys(article, ids), value_set=keys(actors["article"], actors["id"]))  # the first of an id
    found = pc.if_else(pc.equal(ids, ""), pa.scalar(None, found.type), found)
    return {
        "article_id": article_ids.take(article), "event_id": events["id"].take(event),
        "role": pa.concat_arrays(roles).take(order), "actor_id": ids,
        **{name: actors[name].take(found) for name in ("name", "country", "kind")},
        "article": article,  # each row's article position
    }  # fmt: skip


_SPAN_TYPE = pa.struct([(key, STR if key == "text" else INT) for key in _SPAN])
# The Arrow types of the document's keys that are not a column of the item's table.
_ITEM_TYPES: dict[tuple[str, str], pa.DataType] = {
    ("quotes", "speaker"): pa.struct([(key, arrow_type("quotes", column)) for key, column in _SPEAKER]),
    ("events", "sentence"): _SPAN_TYPE,
    ("events", "trigger"): _SPAN_TYPE,
    ("events", "evidence"): pa.list_(_SPAN_TYPE),
}
_ITEM_STRUCTS = {
    table: pa.struct([(key, _ITEM_TYPES.get((table, key)) or arrow_type(table, column)) for key, column in keys])
    for table, keys in _DOC_ITEMS.items()
}
# What ``_item_lists`` reads of an item, flat: each key of the document's item by its attribute, a struct's keys
# (a quote's speaker, an event's sentence and trigger) each by its attribute's attribute ("speaker.text").
# An event's evidence is a list of its own.
_FLAT_ITEMS: dict[str, pa.StructType] = {
    table: pa.struct([
        (f"{f.name}.{sub.name}", sub.type) if pa.types.is_struct(f.type) else (f.name, f.type)
        for f in struct if not pa.types.is_list(f.type) or f.name != "evidence"
        for sub in (f.type if pa.types.is_struct(f.type) else [f])
    ])
    for table, struct in _ITEM_STRUCTS.items()
}  # fmt: skip
_FLAT_GETTERS = {table: attrgetter(*struct.names) for table, struct in _FLAT_ITEMS.items()}
_SPAN_GETTER = attrgetter(*_SPAN)
# Items converted a chunk at a time: the tuples of a chunk are freed before the next, so that they do not set
# the garbage collector off over every object of the batch (a full collection cost 0.6 s at 2,000 articles).
_CHUNK = 4096


def _item_lists(table: str, analyses: Sequence[Analysis]) -> pa.ListArray:
    """The document's list of ``table`` items (its key ``table``) per analysis, items as structs of
    ``_ITEM_STRUCTS``, converted from a tuple of each item's values (``_FLAT_ITEMS``): one conversion of the
    items costs a third of a conversion per column."""
    owners: list[list[Any]] = [getattr(a, table) for a in analyses]
    items = [x for xs in owners for x in xs]
    flat = _converted(items, _FLAT_GETTERS[table], _FLAT_ITEMS[table])
    fields = []
    for f in _ITEM_STRUCTS[table]:
        if f.name == "evidence" and table == "events":
            spans = [s for v in items for s in v.evidence]
            fields.append(_offsets_lists([v.evidence for v in items], _converted(spans, _SPAN_GETTER, _SPAN_TYPE)))
        elif pa.types.is_struct(f.type):
            fields.append(pa.StructArray.from_arrays([flat.field(f"{f.name}.{sub.name}") for sub in f.type],
                                                     fields=list(f.type)))  # fmt: skip
        else:
            fields.append(flat.field(f.name))
    return _offsets_lists(owners, pa.StructArray.from_arrays(fields, fields=list(_ITEM_STRUCTS[table])))


def _converted(items: list[Any], values: attrgetter[Any], struct: pa.StructType) -> pa.StructArray:
    """``items`` as a struct array of ``struct``, an item's fields being the tuple ``values`` gives."""
    if len(items) <= _CHUNK:
        return pa.array(list(map(values, items)), type=struct)
    chunks = [pa.array(list(map(values, items[n : n + _CHUNK])), type=struct) for n in range(0, len(items), _CHUNK)]
    return pa.concat_arrays(chunks)


def _offsets_lists(owners: list[list[Any]], items: pa.Array) -> pa.ListArray:
    """One list per owner of ``items``, the owners' items in order."""
    offsets = pa.array(list(accumulate((len(x) for x in owners), initial=0)), type=pa.int32())
    return pa.ListArray.from_arrays(offsets, items)


# -- the document, rebuilt from the stored rows ------------------------------------------------------------

# Each key of an item that is made of several columns: a quote's speaker, an event's sentence and trigger.
_STRUCTS: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {
    ("quotes", "speaker"): _SPEAKER,
    ("events", "sentence"): (("start", "sentence_start"), ("end", "sentence_end"), ("text", "sentence")),
    ("events", "trigger"): (("start", "trigger_start"), ("end", "trigger_end"), ("text", "trigger")),
}


def _struct_sql(pairs: Sequence[tuple[str, str]]) -> str:
    return "{" + ", ".join(f"'{key}': \"{column}\"" for key, column in pairs) + "}"


def _item_sql(table: str) -> str:
    return "{" + ", ".join(
        f"'{key}': " + (_struct_sql(_STRUCTS[table, key]) if (table, key) in _STRUCTS else f'"{column}"')
        for key, column in _DOC_ITEMS[table]
    ) + "}"  # fmt: skip


# One query for the documents of a set of articles (their ``seq``, parameter ``$seqs``; ``{lo}``/``{hi}`` their
# least and greatest, as constants, so that each table's scan skips the row groups outside them): each
# table's items of an article as a list in the order they were stored, then ``Analysis.as_dict``, key by
# key, as ``to_json`` writes it.
_DOCUMENTS_SQL = (
    "WITH "
    + ", ".join(
        f"i_{table} AS (SELECT article_seq, list({_item_sql(table)} ORDER BY rowid) AS items FROM {table} "
        "WHERE article_seq BETWEEN {lo} AND {hi} AND article_seq IN (SELECT unnest($seqs)) GROUP BY article_seq)"
        for table in _DOC_ITEMS
    )
    + f"""
SELECT a.id, to_json({{
    'schema': '{SCHEMA_ID}',
    'article': {{'id': a.id, 'url': a.url, 'site': a.site, 'title': a.title, 'authors': a.authors,
                'published': a.published, 'language': a.language, 'text': a.text, 'removed': a.removed,
                'source': a.source}},
    {", ".join(f"'{table}': coalesce(i_{table}.items, [])" for table in _DOC_ITEMS)},
    'pipeline': a.pipeline
}})
FROM articles a {" ".join(f"LEFT JOIN i_{table} ON i_{table}.article_seq = a.seq" for table in _DOC_ITEMS)}
WHERE a.seq BETWEEN {{lo}} AND {{hi}} AND a.seq IN (SELECT unnest($seqs))"""
)


def numbered(con: Any) -> bool:
    """Whether the store's articles have their numbers (``seq``): a store written before them and opened
    read-only has not."""
    row = con.execute(
        "SELECT count(*) FROM duckdb_columns() WHERE table_name = 'articles' AND column_name = 'seq'"
    ).fetchone()
    return bool(row and row[0])


def documents(con: Any, article_ids: Sequence[str]) -> dict[str, str]:
    """The contract document (JSON text) of each stored article of ``article_ids``, by id: the one stored
    with the article by earlier versions, else rebuilt from its rows (``_DOCUMENTS_SQL``). Ids not stored are
    left out. ``con`` is a DuckDB connection to the store."""
    if not article_ids:
        return {}
    seq = "seq" if numbered(con) else "NULL"
    found = con.execute(
        f"SELECT id, {seq}, document FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [list(article_ids)]
    ).fetchall()
    texts = {aid: document for aid, _, document in found if document is not None}
    seqs = [number for _, number, document in found if document is None and number is not None]
    if seqs:
        sql = _DOCUMENTS_SQL.replace("{lo}", str(int(min(seqs)))).replace("{hi}", str(int(max(seqs))))
        texts.update(con.execute(sql, {"seqs": seqs}).fetchall())
    return texts
