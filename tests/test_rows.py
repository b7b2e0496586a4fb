"""The rows of an analysis: the store writes the same values and the same contract document as Python does."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from newsevents.model import (
    Actor,
    Analysis,
    Article,
    Entity,
    Event,
    Place,
    Quantity,
    Quote,
    Speaker,
    TimeExpr,
)
from newsevents.rows import COLUMNS, TABLES, UNKEYED, analysis_rows, documents
from newsevents.store import Store

TEXT = "Kenya’s minister met Ethiopian officials in Nairobi on 12 October. “We agree,” he said. 40 were held."


def rich_analysis(article_id: str = "rich", events: int = 2) -> Analysis:
    """Every field of the document set, non-ASCII text, a quote with its speaker, spans of every kind."""
    a = Analysis(
        Article(id=article_id, text=TEXT, title="Talks — day 2", url="https://n.example/1", site="N", authors=["A B"],
                published="2026-10-12", language="en", removed=[{"kind": "nav", "text": "Home › World"}],
                source="pages/1.html"),
        pipeline={"newsevents": "0.9", "model": "en_core_web_sm-3.8", "extra": "x"},
    )  # fmt: skip
    a.entities = [Entity("e1", "GPE", 0, 5, "Kenya", actor="a1"), Entity("e2", "GPE", 44, 51, "Nairobi", place="p1")]
    a.actors = [
        Actor("a1", "Kenya", "country", "KEN", ["GOV"], title="minister", affiliation="a2", mentions=["e1"],
              wikidata="Q114"),
        Actor("a2", "officials", "group", None, [], generic=True),
    ]  # fmt: skip
    a.places = [Place("p1", "Nairobi", "city", "KEN", "30", -1.28, 36.82, 184745, ["e2"])]
    a.times = [TimeExpr("t1", 55, 65, "12 October", "2026-10-12", "day", "explicit", None)]
    a.quotes = [Quote("q1", "direct", 67, 78, "“We agree,”", Speaker("he", 79, 81, "a1", False), cue="said")]
    a.quantities = [Quantity("n1", 88, 90, "40", 40.0, None, "about")]
    sentence = a.span(0, 66)
    a.events = [
        Event(f"v{n}", "CONSULT", "asserted", ["a1", "a1"], ["a2"], sentence, a.span(17, 20), 0.8, mode="talks",
              context=["diplomatic"], date="2026-10-12", place="p1", quad_code=1, date_source="text", scale=1.5,
              evidence=[sentence, a.span(67, 86)] if n % 2 else [], quote="q1" if n == 1 else None)
        for n in range(1, events + 1)
    ]  # fmt: skip
    return a


def bare_analysis(article_id: str) -> Analysis:
    """No items at all: every list of the document empty."""
    return Analysis(Article(id=article_id, text="Nothing happened."))


def _shape(value: Any) -> Any:
    """Keys in order and value types, recursively: what a parse-equal document could still differ in."""
    if isinstance(value, dict):
        return [(k, _shape(v)) for k, v in value.items()]
    if isinstance(value, list):
        return [_shape(v) for v in value]
    return type(value).__name__


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "rows.duckdb") as s:
        yield s


@pytest.mark.parametrize(
    "batch",
    [
        # different numbers of items in one batch: each document holds its own article's items
        [rich_analysis("r1", 3), bare_analysis("b1"), rich_analysis("r2", 1), bare_analysis("b2")],
        [bare_analysis("b1"), bare_analysis("b2")],  # no items at all
        [rich_analysis("r1", 0)],  # no events
    ],
    ids=["mixed", "bare", "no events"],
)
def test_stored_documents_are_the_contract_documents(store: Store, batch: list[Analysis]) -> None:
    assert len(store.add_many(batch)) == len(batch)
    for analysis in batch:
        stored = store.document(analysis.article.id)
        assert stored == analysis.as_dict()
        assert _shape(stored) == _shape(analysis.as_dict())  # same key order, ints stay ints


def test_a_big_batch_keeps_every_document_and_the_order(store: Store) -> None:
    """Each of many articles in one batch gets its own document back, and the storage order (``ingested_at``)
    is the batch's."""
    batch = [rich_analysis(f"r{n:04d}", n % 4) if n % 3 else bare_analysis(f"b{n:04d}") for n in range(261)]
    batch.reverse()  # ids against the storage order
    assert len(store.add_many(batch)) == len(batch)
    ids = [r[0] for r in store.con.execute("SELECT id FROM articles ORDER BY ingested_at").fetchall()]
    assert ids == [a.article.id for a in batch]
    texts = documents(store.con, ids)
    assert [json.loads(texts[i]) for i in ids] == [a.as_dict() for a in batch]


def test_a_store_written_with_documents_keeps_them_and_numbers_what_comes_after(tmp_path: Path) -> None:
    """Stores of earlier versions kept each article's document and had no article numbers: read-only, the
    stored document is read; opened for writing, the columns are added and later articles are rebuilt."""
    import duckdb

    from newsevents.store import _NUMBERED_COLUMNS

    db = tmp_path / "old.duckdb"
    old = [rich_analysis("old1", 2), bare_analysis("old2")]
    with Store(db) as store:
        store.add_many(old)
    with duckdb.connect(str(db)) as con:  # as an earlier version left it
        for a in old:
            con.execute("UPDATE articles SET document = ? WHERE id = ?", [json.dumps(a.as_dict()), a.article.id])
        for table, column, _ in _NUMBERED_COLUMNS:
            con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    with Store(db, read_only=True) as store:
        assert [store.document(a.article.id) for a in old] == [a.as_dict() for a in old]
    new = rich_analysis("new1", 3)
    with Store(db) as store:
        store.add_many([new])
        assert store.con.execute("SELECT id, seq FROM articles WHERE seq IS NOT NULL").fetchall() == [("new1", 1)]
        assert [store.document(a.article.id) for a in [*old, new]] == [a.as_dict() for a in [*old, new]]
        assert store.document("absent") is None


@pytest.mark.parametrize("table", UNKEYED)
def test_items_sharing_an_id_in_one_article_are_refused_by_name(store: Store, table: str) -> None:
    """The item tables have no primary key in the store: ``arrow_tables`` refuses a repeated id instead,
    before anything is written. The same ids in two articles are fine."""
    broken = rich_analysis("r3")
    items = getattr(broken, table)
    items.append(items[0])
    with pytest.raises(ValueError, match=f"article r3: two of its {table} have the id '{items[0].id}'"):
        store.add_many([rich_analysis("r1"), rich_analysis("r2"), broken])
    assert all(count == 0 for count in store.counts().values())
    assert len(store.add_many([rich_analysis("r1"), rich_analysis("r2")])) == 2


def test_stored_rows_are_the_rows_of_each_analysis(store: Store) -> None:
    batch = [rich_analysis("r1", 3), bare_analysis("b1"), rich_analysis("r2", 2)]
    store.add_many(batch)
    for table in TABLES:
        columns = COLUMNS[table]
        names = ", ".join(f'"{c}"' for c in columns)
        stored = store.con.execute(f"SELECT {names} FROM {table}").fetchall()
        if table == "articles":  # no copy of the document is stored: it is rebuilt from the rows
            at = columns.index("document")
            assert {r[at] for r in stored} == {None}
            texts = documents(store.con, [r[0] for r in stored])
            stored = [(*r[:at], texts[r[0]], *r[at + 1 :]) for r in stored]
        expected = [row for a in batch for row in analysis_rows(a, datetime.now(UTC))[table]]
        assert _comparable(table, stored) == _comparable(table, expected), table


def _comparable(table: str, rows: list[tuple[Any, ...]]) -> list[list[Any]]:
    """Rows with the JSON columns parsed and the storage time left out."""
    out = []
    for row in rows:
        values = dict(zip(COLUMNS[table], row, strict=True))
        values.pop("ingested_at", None)
        for column in ("document", "evidence"):
            if column in values:
                values[column] = json.loads(values[column])
        out.append(list(values.items()))
    return out


def test_participants_are_one_row_per_distinct_actor_and_role() -> None:
    rows = analysis_rows(rich_analysis(events=1), datetime.now(UTC))["event_participants"]
    assert rows == [
        ("rich", "v1", "actor", "a1", "Kenya", "KEN", "country"),  # a1 twice in the event: one row
        ("rich", "v1", "recipient", "a2", "officials", None, "group"),
    ]


def test_participant_without_a_known_actor_keeps_its_id() -> None:
    analysis = rich_analysis(events=1)
    analysis.events[0].recipient = ["a9"]
    rows = analysis_rows(analysis, datetime.now(UTC))["event_participants"]
    assert rows[-1] == ("rich", "v1", "recipient", "a9", None, None, None)


AWKWARD = ['Say "no"', "back\\slash", "line\nbreak", "esc\x1bape", "Zoë Ł", None]


def awkward_analysis() -> Analysis:
    """Participants whose strings JSON must escape, unsorted and repeated ids, an empty and an unknown id."""
    a = rich_analysis("awk", 1)
    a.actors = [
        Actor(f"a{n}", name or "", "person", country=AWKWARD[-n - 1], sectors=[s for s in (name, "GOV") if s])
        for n, name in enumerate(AWKWARD)
    ]  # fmt: skip
    a.actors[5].name = None  # type: ignore[assignment]
    event = a.events[0]
    event.actor, event.recipient = ["a3", "a0", "a3", "nobody", ""], ["a2"]
    return a


def test_derived_columns_of_awkward_participants_are_those_sql_computes(store: Store) -> None:
    from newsevents import query_index

    store.add_many([awkward_analysis(), rich_analysis("r1", 3)])
    names = ", ".join(query_index.NAMES)
    con = store.con
    written = con.execute(f"SELECT {names} FROM events ORDER BY article_id, id").fetchall()
    people = [query_index.NAMES.index(f"{role}_people") for role in query_index.ROLES]
    for row in written:  # the people as Python's json writes them, compact
        for at in people:
            assert row[at] is None or row[at] == json.dumps(json.loads(row[at]), ensure_ascii=False,
                                                            separators=(",", ":"))  # fmt: skip
    con.execute(f"UPDATE events SET {', '.join(f'{c} = NULL' for c in query_index.NAMES)}")
    query_index.refresh(con)
    computed = con.execute(f"SELECT {names} FROM events ORDER BY article_id, id").fetchall()

    def parsed(rows: list[tuple[Any, ...]]) -> list[list[Any]]:
        return [[json.loads(v) if i in people and v is not None else v for i, v in enumerate(r)] for r in rows]

    assert parsed(written) == parsed(computed)
    assert written[0][query_index.NAMES.index("actor_names")] == "\x1f".join(['Say "no"', "esc\x1bape"])
