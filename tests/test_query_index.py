"""The events' derived columns and counts (``newsevents.query_index``): the values written with the rows equal
those computed in SQL from the stored tables, and every events query answers as it did without them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import duckdb
import pytest

from newsevents import queries, query_index, store_bench
from newsevents.queries import EventFilters as F
from newsevents.store import Store

JSON_COLUMNS = ("actor_people", "recipient_people")


def derived(con: duckdb.DuckDBPyConnection) -> list[tuple[Any, ...]]:
    """Every event's key and derived columns (the people lists parsed), sorted."""
    names = ", ".join(query_index.NAMES)
    rows = con.execute(f"SELECT article_id, id, {names} FROM events ORDER BY article_id, id").fetchall()
    at = [2 + query_index.NAMES.index(c) for c in JSON_COLUMNS]
    return [tuple(json.loads(v) if i in at and v is not None else v for i, v in enumerate(r)) for r in rows]


def counts(con: duckdb.DuckDBPyConnection) -> list[tuple[Any, ...]]:
    return con.execute("SELECT * FROM event_counts ORDER BY ALL").fetchall()


@pytest.fixture(scope="module")
def added(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of synthetic analyses written through ``add_many``, in batches, one twice."""
    db = tmp_path_factory.mktemp("added") / "store.duckdb"
    batch = store_bench.synthetic_batch(40, 12)
    # Several participants in one role (one given twice, one without an actor), none in the other.
    first = batch[0]
    ids = [a.id for a in first.actors]
    first.events[0].actor = [ids[2], ids[0], ids[2], "nobody"]
    first.events[0].recipient = []
    first.events[1].recipient = [ids[1], ids[3]]
    with Store(db) as store:
        for start in range(0, len(batch), 16):
            store.add_many(batch[start : start + 16])
        store.add_many(batch[:3])
    return db


def test_the_columns_written_with_the_rows_are_those_sql_computes(added: Path) -> None:
    with duckdb.connect(str(added)) as con:
        written, written_counts = derived(con), counts(con)
        assert written and all(r[2 + query_index.NAMES.index("sort_day")] is not None for r in written)
        con.execute(f"UPDATE events SET {', '.join(f'{c} = NULL' for c in query_index.NAMES)}")
        con.execute("DELETE FROM event_counts")
        assert query_index.refresh(con) == len(written)
        assert derived(con) == written
        assert counts(con) == written_counts
        query_index.recount(con)
        assert counts(con) == written_counts
        assert query_index.refresh(con) == 0


@pytest.mark.parametrize("chunk", [3, 100, None])
def test_migrating_in_chunks_computes_what_one_pass_does(added: Path, tmp_path: Path, chunk: int | None) -> None:
    db = tmp_path / "store.duckdb"
    shutil.copyfile(added, db)
    with duckdb.connect(str(db)) as con:
        written, written_counts = derived(con), counts(con)
        con.execute(f"UPDATE events SET {', '.join(f'{c} = NULL' for c in query_index.NAMES)}")
        con.execute("DELETE FROM event_counts")
        assert query_index.migrate(con, chunk=chunk) == len(written)
        assert derived(con) == written
        assert counts(con) == written_counts
        assert query_index.migrate(con, chunk=chunk) == 0


def test_replace_keeps_the_counts(added: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    shutil.copyfile(added, db)
    batch = store_bench.synthetic_batch(40, 12)
    with Store(db) as store:
        changed = batch[5]
        changed.events = changed.events[:4]
        store.replace(changed)
        after = counts(store.con)
        query_index.recount(store.con)
        assert counts(store.con) == after
        assert sum(n for *_, n in after) == 39 * 12 + 4


def test_an_older_store_gets_the_columns_when_opened_for_writing(added: Path, tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    shutil.copyfile(added, db)
    with duckdb.connect(str(added), read_only=True) as con:
        expected, expected_counts = derived(con), counts(con)
    with duckdb.connect(str(db)) as con:
        for name in query_index.NAMES:
            con.execute(f"ALTER TABLE events DROP COLUMN {name}")
        con.execute("DROP TABLE event_counts")
        assert not query_index.ready(con)
    with Store(db) as store:
        assert query_index.ready(store.con)
        assert derived(store.con) == expected
        assert counts(store.con) == expected_counts


# -- every query answers as without the columns -------------------------------------------------------


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The store benchmark's synthetic store (with the columns) and a copy without them."""
    folder = tmp_path_factory.mktemp("bench")
    db = folder / "indexed.duckdb"
    store_bench.build_store(db, 6000, quiet=True)
    old = folder / "old.duckdb"
    shutil.copyfile(db, old)
    with duckdb.connect(str(old)) as con:
        for name in query_index.NAMES:
            con.execute(f"ALTER TABLE events DROP COLUMN {name}")
        con.execute("DROP TABLE event_counts")
        # An event without its article and one whose date is a month: neither may change an answer.
        con.execute("INSERT INTO events (article_id, id, event, date) VALUES ('gone', 'v1', 'ASSAULT', '2026-12')")
    with duckdb.connect(str(db)) as con:
        con.execute("INSERT INTO events (article_id, id, event, date) VALUES ('gone', 'v1', 'ASSAULT', '2026-12')")
        query_index.refresh(con)
    return db, old


def cases(con: duckdb.DuckDBPyConnection) -> list[tuple[str, Any]]:
    sql = "SELECT name, country FROM event_participants WHERE role = 'actor' LIMIT 1"
    actor, actor_country = con.execute(sql).fetchone()
    recipient = con.execute("SELECT name FROM event_participants WHERE role = 'recipient' LIMIT 1").fetchone()[0]
    place, place_country = con.execute("SELECT name, country FROM places LIMIT 1").fetchone()
    story = con.execute("SELECT story_id FROM story_articles ORDER BY story_id LIMIT 1").fetchone()[0]
    filters = [
        F(), F(actor=actor), F(actor=actor_country.lower()), F(actor=actor[1:4]), F(recipient=recipient),
        F(recipient=actor_country), F(sector="MIL"), F(recipient_sector="gov"), F(type=("ASSAULT", "CONSULT")),
        F(mode="arrest"), F(context="legal"), F(status="planned"), F(quad=4), F(since="2024-03", until="2024-03"),
        F(until="2024"), F(since="2024-02-10"), F(place=place), F(place=place[2:5].upper()), F(country=place_country),
        F(story=story), F(min_confidence=0.9), F(type=("ASSAULT",), country=place_country, since="2024"),
        F(actor="no such actor"), F(actor="50%_\x1f"), F(sector="MIL", recipient=actor_country, quad=3),
    ]  # fmt: skip
    out: list[tuple[str, Any]] = []
    for f in filters:
        for sort in ("-date", "date", "-confidence", "scale"):
            out.append((f"{f} {sort}", lambda f=f, sort=sort: pages(con, f, sort)))
        for i, by in (("month", "type"), ("year", "quad"), ("week", "none"), ("month", "actor"), ("day", "pair")):
            out.append((f"{f} timeline {i} {by}", lambda f=f, i=i, b=by: queries.timeline(con, f, interval=i, by=b)))
    return out


def pages(con: duckdb.DuckDBPyConnection, filters: F, sort: str) -> list[Any]:
    """The first three pages of 7 events."""
    got, cursor = [], None
    for _ in range(3):
        page = queries.list_events(con, filters, sort=sort, cursor=cursor, limit=7)
        got.append(page)
        cursor = page["next"]
        if cursor is None:
            break
    return got


def test_every_events_query_answers_as_without_the_columns(stores: tuple[Path, Path]) -> None:
    db, old = stores
    with duckdb.connect(str(db), read_only=True) as new_con, duckdb.connect(str(old), read_only=True) as old_con:
        assert query_index.ready(new_con) and not query_index.ready(old_con)
        new_cases, old_cases = cases(new_con), cases(old_con)
        assert [n for n, _ in new_cases] == [n for n, _ in old_cases]
        found = 0
        for (name, new), (_, old_call) in zip(new_cases, old_cases, strict=True):
            expected = old_call()
            assert new() == expected, name
            found += bool(expected[0]["items"] if isinstance(expected, list) else expected["items"])
        assert found > len(new_cases) * 0.8
        f = F(country=new_con.execute("SELECT country FROM places LIMIT 1").fetchone()[0])
        assert queries.network(new_con, f) == queries.network(old_con, f)
        assert queries.event_places(new_con, f) == queries.event_places(old_con, f)


@pytest.mark.parametrize("sort", ["-confidence", "confidence", "-scale", "scale"])
def test_equal_confidences_read_newest_first_over_every_page(
    stores: tuple[Path, Path], sort: str, tmp_path: Path
) -> None:
    """Paged by cursor, both stores list every event once, in the order of the sort key (a missing value
    lowest), then newest day first, then article and sentence."""
    by, sign = sort.lstrip("-"), -1 if sort.startswith("-") else 1
    for n, original in enumerate(stores):
        db = tmp_path / f"{n}.duckdb"
        shutil.copyfile(original, db)
        with duckdb.connect(str(db)) as con:
            con.execute("UPDATE events SET confidence = NULL WHERE hash(article_id || id) % 9 = 0")
            con.execute("UPDATE events SET scale = NULL WHERE hash(id || article_id) % 7 = 0")
        with duckdb.connect(str(db), read_only=True) as con:
            rows = con.execute(f"""
                SELECT e.article_id, e.id, coalesce(e.{by}, {-100.0 if by == 'scale' else -1.0}),
                       coalesce(e.date, left(a.published, 10), ''), e.sentence_start
                FROM events e JOIN articles a ON a.id = e.article_id
            """).fetchall()  # fmt: skip
            # The day descending as a key of its own: a sort on it, then (stable) on the sort key.
            rows.sort(key=lambda r: (r[0], r[4], r[1]))
            rows.sort(key=lambda r: r[3], reverse=True)
            rows.sort(key=lambda r: sign * r[2])
            expected = [(r[0], r[1]) for r in rows]
            listed, cursor = [], None
            while True:
                page = queries.list_events(con, sort=sort, cursor=cursor, limit=997)
                listed += [(item["article_id"], item["id"]) for item in page["items"]]
                cursor = page["next"]
                if cursor is None:
                    break
            assert len(expected) > 5000 and len({r[2] for r in rows}) < len(rows) / 10  # ties to break
            assert sum(r[2] < 0 for r in rows if by == "confidence") + sum(r[2] < -10 for r in rows) > 300
            assert listed == expected
