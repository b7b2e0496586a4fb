"""The load test of `make bench` (``newsevents.api.loadtest``), briefly: real server, real ingest alongside."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsevents.api.loadtest import SAMPLE_PAGES, LoadReport, main, run_load


@pytest.mark.slow  # 3 s of load, plus starting the server and waiting for the ingest
def test_two_clients_for_three_seconds_with_an_ingest_alongside(samples_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "load.duckdb"
    shutil.copy(samples_db, db)
    report = run_load(db, clients=2, seconds=3, ingest=[SAMPLE_PAGES], ingest_after=0.5)
    assert report.errors == 0, report.error_samples
    assert report.answered > 10 and 2.5 < report.seconds < 10
    assert 0 < report.percentile(50) <= report.percentile(99) < 5
    assert report.ingest_status == 0, report.ingest_output  # the sample pages are stored already: none new
    assert "0 new" in report.ingest_output
    summary = report.summary()
    assert "load test: 2 clients" in summary and "errors    0" in summary and "p99" in summary


def test_the_report_counts_and_ranks() -> None:
    report = LoadReport(clients=1, seconds=2.0, latencies=[0.01 * n for n in range(1, 101)])
    report.error("GET /x: 500 b'boom'")
    assert (report.answered, report.percentile(50), report.percentile(99)) == (100, 0.5, 0.99)
    assert "answered  100 requests, 50.0/s" in report.summary() and "GET /x: 500" in report.summary()


def test_the_command_refuses_nonsense_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--clients", "0"])
    assert "--clients must be at least 1" in capsys.readouterr().err
