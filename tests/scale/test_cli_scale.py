"""The command line: `ingest --workers`, and `load` refusing a directory that holds no output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SAMPLE_PAGES
from newsevents.cli import EXIT_OK, EXIT_USAGE, main


@pytest.mark.slow
def test_ingest_with_workers_prints_the_counts_of_one_process(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    counts = []
    for workers in ("1", "2"):
        db = tmp_path / f"w{workers}.duckdb"
        assert main(["ingest", str(SAMPLE_PAGES), "--db", str(db), "--workers", workers, "--format", "json"]) == EXIT_OK
        out = capsys.readouterr()
        counts.append({k: v for k, v in json.loads(out.out).items() if k != "db"})
        assert "\r" not in out.err  # not a terminal: no redrawn bar
    assert counts[0] == counts[1] and counts[0]["new"] > 10


def test_load_says_what_it_expected(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["load", str(tmp_path), "--db", str(tmp_path / "s.duckdb")]) == EXIT_USAGE
    assert "no Parquet output here" in capsys.readouterr().err


def test_load_stores_an_output_written_as_ray_writes_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The articles table of a run (as the Ray runner writes it, partitioned by day) through `newsevents load`:
    every article stored with its events, once; the inputs counted from the Parquet metadata for the progress."""
    import pyarrow.dataset as ds

    from newsevents.scale.load import output_size
    from newsevents.scale.tables import analysis_rows, now, to_table
    from newsevents.store import Store
    from newsevents.store_bench import synthetic_batch

    batch = synthetic_batch(7, 3)
    rows = [r for n, a in enumerate(batch) for r in analysis_rows(a, now(), (0, n))["articles"]]
    out = tmp_path / "run"
    ds.write_dataset(to_table("articles", rows), out / "articles", format="parquet", partitioning=["day"],
                     partitioning_flavor="hive")  # fmt: skip
    assert output_size(str(out)) == 7 and output_size(str(tmp_path / "nothing")) is None
    db = tmp_path / "s.duckdb"
    for new in (7, 0):
        assert main(["load", str(out), "--db", str(db), "--format", "json"]) == EXIT_OK
        counts = json.loads(capsys.readouterr().out)
        assert (counts["new"], counts["present"], counts["events"]) == (new, 7 - new, 3 * new)
    with Store(db, read_only=True) as store:
        assert store.counts()["events"] == 21
        assert store.document(batch[0].article.id) == batch[0].as_dict()
