"""Backups: `export` then `load` into a new store gives identical table contents, for any analyses."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsevents.backup import MANIFEST, export_store, is_export, load_export
from newsevents.cli import main
from newsevents.errors import Failure, InputError
from newsevents.model import Actor, Analysis, Article, Entity, Event, Place, Quantity, Quote, Speaker, TimeExpr
from newsevents.store import ANALYSIS_TABLES, Store
from reliability.storecheck import consistency_problems, table_contents

optional_text = st.none() | st.text(max_size=20)
floats = st.none() | st.floats(allow_nan=False, allow_infinity=False, width=64)


@st.composite
def analyses(draw: st.DrawFn, article_id: str) -> Analysis:
    """An analysis with every kind of row, spans inside its (arbitrary Unicode) text."""
    text = draw(st.text(min_size=1, max_size=200))
    article = Article(id=article_id, text=text, title=draw(optional_text), url=draw(optional_text),
                      site=draw(optional_text), authors=draw(st.lists(st.text(max_size=10), max_size=3)),
                      published=draw(st.none() | st.dates().map(str)), language=draw(st.sampled_from([None, "en"])),
                      source=draw(optional_text))  # fmt: skip
    a = Analysis(article, pipeline={"newsevents": draw(st.sampled_from(["0.1.0", "0.0.9"])), "model": "en_x-1"})

    def span() -> tuple[int, int]:
        start = draw(st.integers(0, len(text)))
        return start, draw(st.integers(start, len(text)))

    n = draw(st.integers(0, 3))
    for i in range(n):
        s, e = span()
        a.entities.append(Entity(f"e{i}", draw(st.sampled_from(["GPE", "ORG", "PERSON"])), s, e, text[s:e],
                                 actor=f"a{i}", place=draw(st.sampled_from([None, f"p{i}"]))))  # fmt: skip
        a.actors.append(Actor(f"a{i}", draw(st.text(max_size=15)), "country", draw(st.sampled_from([None, "KEN"])),
                              sectors=draw(st.lists(st.sampled_from(["GOV", "COP"]), max_size=2)),
                              generic=draw(st.booleans()), mentions=[f"e{i}"]))  # fmt: skip
        a.places.append(Place(f"p{i}", draw(st.text(max_size=15)), "city", lat=draw(floats), lon=draw(floats),
                              geonames_id=draw(st.none() | st.integers(0, 2**40)), mentions=[f"e{i}"]))  # fmt: skip
        s, e = span()
        a.times.append(TimeExpr(f"t{i}", s, e, text[s:e], draw(st.none() | st.dates().map(str)), "day", "explicit"))
        s, e = span()
        a.quantities.append(Quantity(f"n{i}", s, e, text[s:e], draw(floats), draw(optional_text)))
        s, e = span()
        speaker = Speaker(None, None, None, f"a{i}", draw(st.booleans()))
        a.quotes.append(Quote(f"q{i}", "direct", s, e, text[s:e], speaker, cue=draw(optional_text)))
        s, e = span()
        a.events.append(Event(f"v{i}", draw(st.sampled_from(["CONSULT", "PROTEST"])), "asserted", [f"a{i}"],
                              draw(st.lists(st.sampled_from([f"a{j}" for j in range(n)]), max_size=2, unique=True)),
                              a.span(s, e), a.span(s, s), draw(st.floats(0, 1)), context=["x"], date="2026-10-14",
                              place=f"p{i}", quad_code=draw(st.none() | st.integers(0, 4)), scale=draw(floats),
                              evidence=[a.span(s, e)]))  # fmt: skip
    return a


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(
    data=st.data(), count=st.integers(1, 4), failures=st.lists(st.tuples(st.text(max_size=30), st.text()), max_size=3)
)
def test_export_then_load_gives_identical_tables(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject, count: int, failures: list[tuple[str, str]]
) -> None:
    root = tmp_path_factory.mktemp("backup")
    with Store(root / "a.duckdb") as store:
        for n in range(count):
            store.add(data.draw(analyses(f"art-{n}")))
        for name, reason in failures:
            store.add_failure(Failure(name, "read", reason))
        store.set_meta({"story_documents": "7"})
        export_store(store, root / "export")
    assert is_export(root / "export")
    with Store(root / "b.duckdb") as fresh:
        load_export(root / "export", fresh)
    assert table_contents(root / "b.duckdb") == table_contents(root / "a.duckdb")
    assert consistency_problems(root / "b.duckdb") == []


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(data=st.data(), mine=st.integers(0, 3), theirs=st.integers(1, 3), shared=st.integers(0, 2))
def test_an_export_added_to_a_store_adds_each_article_once(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject, mine: int, theirs: int, shared: int
) -> None:
    """Loaded into a store that holds articles, an export adds those it lacks, each with its whole analysis and
    events counted, keeps the store's own version of an article both hold, and gives every article a story."""
    root = tmp_path_factory.mktemp("append")
    first = max(0, mine - shared)  # the exporting store's articles: the last ``shared`` of ours, then new ones
    with Store(root / "theirs.duckdb") as store:
        store.add_many([data.draw(analyses(f"art-{n}")) for n in range(first, first + theirs)])
        store.add_failure(Failure("gone.html", "read", "no such file"))
        export_store(store, root / "export")
        theirs_documents = {a: store.document(a) for a in store.stored_articles([f"art-{n}" for n in range(9)])}
    with Store(root / "ours.duckdb") as store:
        store.add_many([data.draw(analyses(f"art-{n}")) for n in range(mine)])
        store.add_failure(Failure("gone.html", "read", "no such file"))
        ours_documents = {f"art-{n}": store.document(f"art-{n}") for n in range(mine)}
        given: list[tuple[int, int]] = []
        report = load_export(root / "export", store, on_progress=lambda done, total: given.append((done, total)))
        again = load_export(root / "export", store)
        documents = {a: store.document(a) for a in store.stored_articles([f"art-{n}" for n in range(9)])}
        stories = store.con.execute("SELECT count(*) FROM articles a JOIN story_articles s ON s.article_id = a.id")
        storied = stories.fetchone()[0]
        counted = store.con.execute("SELECT coalesce(sum(events), 0) FROM event_counts").fetchone()[0]
        events = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
        failures = store.con.execute("SELECT count(*) FROM failures").fetchone()[0]
    assert documents == {**theirs_documents, **ours_documents}
    assert report.skipped == len(set(theirs_documents) & set(ours_documents))
    assert report.rows["articles"] == len(set(theirs_documents) - set(ours_documents))
    assert again.skipped == theirs and again.rows["articles"] == 0 and again.rows["events"] == 0
    assert storied == len(documents) and counted == events and failures == 1
    assert given[-1] == (len(documents), len(documents))  # ours had no stories either: all given them
    assert consistency_problems(root / "ours.duckdb") == []


def test_cli_export_and_load_round_trip_and_add_nothing_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from test_store import sample_analysis

    with Store(tmp_path / "a.duckdb") as store:
        store.add(sample_analysis())
        store.add_failure(Failure("x.html", "read", "bad"))
    out = tmp_path / "backup"
    assert main(["export", "--db", str(tmp_path / "a.duckdb"), "--format", "parquet", "--output", str(out)]) == 0
    assert (out / MANIFEST).is_file() and (out / "articles.parquet").is_file()
    assert main(["load", str(out), "--db", str(tmp_path / "b.duckdb")]) == 0
    assert table_contents(tmp_path / "b.duckdb") == table_contents(tmp_path / "a.duckdb")
    capsys.readouterr()
    kept = ("articles", *ANALYSIS_TABLES, "failures", "duplicates", "event_counts")
    before = table_contents(tmp_path / "b.duckdb", kept)
    assert main(["load", str(out), "--db", str(tmp_path / "b.duckdb")]) == 0  # never stored twice
    assert "added 0 articles, 0 events, 0 failures; 1 already stored, skipped" in capsys.readouterr().out
    assert table_contents(tmp_path / "b.duckdb", kept) == before
    assert main(["export", "--db", str(tmp_path / "a.duckdb"), "--output", str(out)]) == 2  # nothing overwritten
    assert "must be new or empty" in capsys.readouterr().err


def _edit(directory: Path, change) -> None:  # type: ignore[no-untyped-def]
    (directory / MANIFEST).write_text(change((directory / MANIFEST).read_text()), encoding="utf-8")


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda d: (d / MANIFEST).write_text("{", encoding="utf-8"), "cannot read the export manifest"),
        (lambda d: (d / MANIFEST).write_text('{"format": "other"}', encoding="utf-8"), "not a newsevents store export"),
        (lambda d: (d / "events.parquet").unlink(), "file of table 'events'"),
        (lambda d: _edit(d, lambda m: m.replace('"schema_version": 1', '"schema_version": 9')),
         "schema 9,"),
        (lambda d: (d / "articles.parquet").write_bytes((d / "failures.parquet").read_bytes()), "nothing was loaded"),
    ],
)  # fmt: skip
def test_a_damaged_export_loads_nothing(tmp_path: Path, damage, reason: str) -> None:  # type: ignore[no-untyped-def]
    from test_store import sample_analysis

    with Store(tmp_path / "a.duckdb") as store:
        store.add(sample_analysis())
        export_store(store, tmp_path / "export")
    damage(tmp_path / "export")
    with Store(tmp_path / "b.duckdb") as fresh, pytest.raises(InputError, match=reason):
        load_export(tmp_path / "export", fresh)
    with Store(tmp_path / "b.duckdb", read_only=True) as fresh:
        assert fresh.counts()["articles"] == 0
