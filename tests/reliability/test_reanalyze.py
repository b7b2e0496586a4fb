"""Re-analysis: outdated articles are brought up to date in place, one transaction each, resumably."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from newsevents.cli import main
from newsevents.ingest import RawInput
from newsevents.library import ingest_inputs
from newsevents.reanalyze import ALL_POSITION_KEY, MERGE_PENDING_PREFIX, reanalyze
from newsevents.store import Store
from reliability.storecheck import consistency_problems

TEXTS = [
    "Kenya's foreign minister met Ethiopian officials in Nairobi on Monday to discuss the border.",
    "Police arrested 40 protesters in Lagos on Friday after a march against fuel prices, officials said.",
    "The United Nations sent 300 tonnes of flour to Aden on Tuesday, the World Food Programme said.",
    "Sudanese troops attacked a village near Khartoum on Sunday, killing 12 people, witnesses said.",
]


@pytest.fixture
def db(tmp_path: Path, pipeline) -> Path:  # type: ignore[no-untyped-def]
    """A store of four analysed articles (with stories), all marked as analysed by an older version."""
    path = tmp_path / "store.duckdb"
    inputs = [RawInput(f"t{n}.txt", "text", text, url=f"https://r.example/{n}", published="2026-10-14")
              for n, text in enumerate(TEXTS)]  # fmt: skip
    with Store(path) as store:
        counts = ingest_inputs(inputs, store, pipeline=pipeline)
        assert counts.new == len(TEXTS)
        store.con.execute("UPDATE articles SET pipeline_version = '0.0.1'")
        store.con.execute("DELETE FROM story_events")  # made by the old version: must be remade
    return path


def versions(path: Path) -> list[tuple[str, str, str]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("SELECT id, pipeline_version, model_version FROM articles ORDER BY id").fetchall()
    finally:
        con.close()


class Interrupted(BaseException):
    """Stands for a kill: raised from inside the pipeline, it is not an article failure."""


class StopAfter:
    """A pipeline that analyses ``n`` articles, then is 'killed'."""

    def __init__(self, pipeline: Any, n: int) -> None:
        self.pipeline, self.n = pipeline, n
        self.settings = pipeline.settings

    def versions(self) -> dict[str, str]:
        return self.pipeline.versions()

    def analyze(self, items: Iterable[Any]) -> Iterator[Any]:
        for result in self.pipeline.analyze(items):
            if self.n == 0:
                raise Interrupted
            self.n -= 1
            yield result


def test_outdated_articles_are_brought_up_to_date_in_place(db: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    current = pipeline.versions()
    with Store(db) as store:
        done = reanalyze(store, pipeline=pipeline)
        assert (done.reanalyzed, done.failed, done.up_to_date) == (len(TEXTS), 0, 0)
        assert store.counts()["story_events"] > 0  # merged events remade
        assert store.meta_keys(MERGE_PENDING_PREFIX) == []
    assert {(p, m) for _, p, m in versions(db)} == {(current["newsevents"], current["model"])}
    assert consistency_problems(db) == []
    with Store(db) as store:
        again = reanalyze(store, pipeline=pipeline)
    assert (again.reanalyzed, again.up_to_date) == (0, len(TEXTS))


def test_an_interrupted_run_leaves_whole_articles_and_resumes(db: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    with Store(db) as store, pytest.raises(Interrupted):
        reanalyze(store, pipeline=StopAfter(pipeline, 1))
    old = [v for v in versions(db) if v[1] == "0.0.1"]
    assert len(old) == len(TEXTS) - 1
    assert consistency_problems(db) == []
    with Store(db) as store:
        rest = reanalyze(store, pipeline=pipeline)
        assert store.meta_keys(MERGE_PENDING_PREFIX) == []
    assert (rest.reanalyzed, rest.up_to_date) == (len(TEXTS) - 1, 1)


def test_all_resumes_where_it_stopped(db: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    with Store(db) as store:
        reanalyze(store, pipeline=pipeline)  # everything current now
        with pytest.raises(Interrupted):
            reanalyze(store, pipeline=StopAfter(pipeline, 2), everything=True)
        position = store.get_meta(ALL_POSITION_KEY)
        assert position == sorted(v[0] for v in versions_of(store))[1]
        rest = reanalyze(store, pipeline=pipeline, everything=True)
        assert rest.reanalyzed == len(TEXTS) - 2
        assert store.get_meta(ALL_POSITION_KEY) is None


def versions_of(store: Store) -> list[tuple[str, ...]]:
    return store.con.execute("SELECT id FROM articles").fetchall()


def test_cli_reanalyze_prints_counts(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reanalyze", "--db", str(db), "--format", "json"]) == 0
    counts = json.loads(capsys.readouterr().out)
    assert counts["reanalyzed"] == len(TEXTS) and counts["failed"] == 0
    assert main(["reanalyze", "--db", str(db)]) == 0
    assert "0 re-analysed" in capsys.readouterr().out
