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
