"""The DuckDB store: idempotent writes, whole-article transactions, failures, event queries."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from newsevents.errors import Failure
from newsevents.model import Actor, Analysis, Article, Entity, Event, Place
from newsevents.store import DIRECT_WRITE_BYTES, EventQuery, Store

TEXT = "Kenya's foreign minister met Ethiopian officials in Nairobi on Monday. Police arrested 40 protesters."


def sample_analysis(article_id: str = "art-1", published: str = "2026-10-14") -> Analysis:
    """An analysis built by hand: the store depends on the data model only."""
    a = Analysis(Article(id=article_id, text=TEXT, title="Talks", published=published, url="https://n.example/1"))
    a.entities = [
        Entity("e1", "GPE", 0, 5, "Kenya", actor="a1"),
        Entity("e2", "NORP", 29, 38, "Ethiopian", actor="a2"),
        Entity("e3", "GPE", 52, 59, "Nairobi", place="p1"),
        Entity("e4", "NOMINAL", 71, 77, "Police", actor="a3"),
    ]
    a.actors = [
        Actor("a1", "Kenya", "country", "KEN", ["GOV"], mentions=["e1"]),
        Actor("a2", "Ethiopia", "country", "ETH", ["GOV"], mentions=["e2"]),
        Actor("a3", "police", "group", "KEN", ["COP"], mentions=["e4"], generic=True),
    ]
    a.places = [Place("p1", "Nairobi", "city", "KEN", lat=-1.28, lon=36.82, mentions=["e3"])]
    first, second = a.span(0, 70), a.span(71, len(TEXT))
    a.events = [
        Event("v1", "CONSULT", "asserted", ["a1"], ["a2"], first, a.span(25, 28), 0.8,
              date="2026-10-12", place="p1", evidence=[first]),
        Event("v2", "COERCE", "asserted", ["a3"], [], second, a.span(78, 86), 0.7, mode="arrest",
              date="2026-10-14", evidence=[second]),
    ]
    return a


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "test.duckdb") as s:
        yield s


def test_adding_twice_stores_once(store: Store) -> None:
    assert store.add(sample_analysis()) is True
    before = store.counts()
    assert store.add(sample_analysis()) is False
    assert store.counts() == before
    assert before["articles"] == 1 and before["events"] == 2 and before["actors"] == 3


def _failing_at_events(monkeypatch: pytest.MonkeyPatch) -> None:
    """DuckDB refuses the events insert, after the article and its items are written in the transaction."""
    from newsevents import store as store_module

    insert = store_module._insert_arrow

    def insert_or_fail(con: duckdb.DuckDBPyConnection, table: str, rows: object) -> None:
        if table == "events":
            con.execute("INSERT INTO articles (id) SELECT id FROM articles LIMIT 1")  # a key DuckDB refuses
        insert(con, table, rows)  # type: ignore[arg-type]

    monkeypatch.setattr(store_module, "_insert_arrow", insert_or_fail)


def test_a_failing_write_leaves_no_half_written_article(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as patch:
        _failing_at_events(patch)
        with pytest.raises(duckdb.ConstraintException):
            store.add(sample_analysis())
    assert all(count == 0 for count in store.counts().values())
    assert store.add(sample_analysis()) is True  # and the store is still usable


def test_failures_are_kept_once_per_input_stage_and_reason(store: Store) -> None:
    failure = Failure("pages/bad.html", "extract", "ExtractionError: no article text found")
    store.add_failure(failure)
    store.add_failure(failure)
    store.add_failure(Failure("pages/bad.html", "read", "no such file or directory"))
    rows = store.failures()
    assert len(rows) == 2
    again = next(r for r in rows if r["stage"] == "extract")
    assert again["times_seen"] == 2 and again["input"] == "pages/bad.html"


@pytest.mark.parametrize(
    ("query", "expected_ids"),
    [
        (EventQuery(), ["v2", "v1"]),
        (EventQuery(actor="KEN"), ["v2", "v1"]),
        (EventQuery(actor="ken"), ["v2", "v1"]),  # ISO-3 in any case, or a part of the name
        (EventQuery(actor="Ethiopia"), []),  # the recipient is not the actor side
        (EventQuery(recipient="ETH"), ["v1"]),
        (EventQuery(event="consult"), ["v1"]),
        (EventQuery(status="planned"), []),
        (EventQuery(since="2026-10-13"), ["v2"]),
        (EventQuery(until="2026-10-12"), ["v1"]),
        (EventQuery(limit=1), ["v2"]),
    ],
)
def test_event_queries(store: Store, query: EventQuery, expected_ids: list[str]) -> None:
    store.add(sample_analysis())
    rows = store.events(query)
    assert [r["id"] for r in rows] == expected_ids


def test_event_rows_carry_names_place_and_evidence(store: Store) -> None:
    store.add(sample_analysis())
    [row] = store.events(EventQuery(event="CONSULT"))
    assert row["actor"] == "Kenya" and row["recipient"] == "Ethiopia"
    assert row["place"] == "Nairobi" and row["place_country"] == "KEN"
    assert row["sentence"] == TEXT[:70] and row["trigger"] == "met"
    assert store.document("art-1")["events"][0]["trigger"]["text"] == "met"


def test_read_only_store_must_exist(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="run `newsevents ingest` first"):
        Store(tmp_path / "absent.duckdb", read_only=True)


def test_replace_rewrites_an_article_in_one_transaction_and_keeps_when_it_was_ingested(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add(sample_analysis())
    ingested = store.con.execute("SELECT ingested_at FROM articles").fetchone()
    newer = sample_analysis()
    newer.pipeline = {"newsevents": "9.9", "model": "m-2"}
    newer.events = newer.events[:1]
    store.replace(newer, meta={"marker": "art-1"})
    assert store.counts()["events"] == 1 and store.counts()["articles"] == 1
    assert store.con.execute("SELECT ingested_at FROM articles").fetchone() == ingested
    assert store.get_meta("marker") == "art-1"
    with monkeypatch.context() as patch:
        _failing_at_events(patch)  # fails midway: the old rows deleted, the new article and items written
        with pytest.raises(duckdb.ConstraintException):
            store.replace(sample_analysis(), meta={"marker": "never"})
    assert store.counts()["events"] == 1 and store.get_meta("marker") == "art-1"  # all of it rolled back


@pytest.mark.parametrize(
    ("versions", "everything", "after", "expected"),
    [
        (("0.1.0", "m"), False, None, ["art-2"]),
        (("0.2.0", "m"), False, None, ["art-1", "art-2"]),
        (("0.1.0", "m"), True, None, ["art-1", "art-2"]),
        (("0.1.0", "m"), True, "art-1", ["art-2"]),
    ],
)
def test_outdated_article_ids(
    store: Store, versions: tuple[str, str], everything: bool, after: str | None, expected: list[str]
) -> None:
    current, old = sample_analysis("art-1"), sample_analysis("art-2")
    current.pipeline, old.pipeline = {"newsevents": "0.1.0", "model": "m"}, {"newsevents": "0.0.1", "model": "m"}
    store.add(current)
    store.add(old)
    assert store.outdated_article_ids(*versions, everything=everything, after=after) == expected


def test_small_writes_stay_in_the_log_and_a_big_one_is_checkpointed_at_its_commit(tmp_path: Path) -> None:
    """Batches of 32 are not checkpointed at the log size of DuckDB's default (``CHECKPOINT_THRESHOLD``); a
    write bigger than ``DIRECT_WRITE_BYTES`` is, at its commit."""
    from newsevents import store_bench
    from newsevents.rows import arrow_tables

    batch = store_bench.synthetic_batch(1040, seed=3)
    small, big = batch[:560], batch[560:]
    assert sum(t.nbytes for t in arrow_tables(big, [None] * len(big)).values()) > DIRECT_WRITE_BYTES
    db = tmp_path / "store.duckdb"
    wal = Path(f"{db}.wal")
    with Store(db) as store:
        for start in range(0, len(small), 32):
            store.add_many(small[start : start + 32])
        assert wal.stat().st_size > DIRECT_WRITE_BYTES
        store.add_many(big)
        assert not wal.exists() or wal.stat().st_size < 2**20
        assert store.counts()["articles"] == len(batch)
    with Store(db, read_only=True) as store:
        assert store.counts()["events"] == sum(len(a.events) for a in batch)
