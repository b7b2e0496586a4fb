"""Worker processes give the documents one process gives, in the same order; ingest with workers stores the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SAMPLE_PAGES
from newsevents.config import Settings
from newsevents.errors import Failure
from newsevents.ingest import iter_inputs
from newsevents.library import ingest_paths
from newsevents.model import Analysis
from newsevents.pipeline import Pipeline
from newsevents.scale.workers import ParallelPipeline, choose_workers, default_workers
from newsevents.store import IngestCounts, Store

from .snapshot import differences, store_rows

SETTINGS = Settings(batch_size=4)  # several chunks even on the sample pages


def documents(results: list[Analysis | Failure]) -> list[object]:
    return [r if isinstance(r, Failure) else r.as_dict() for r in results]


@pytest.fixture(scope="module")
def one_process() -> list[object]:
    inputs = list(iter_inputs([SAMPLE_PAGES]))
    return documents(list(Pipeline(SETTINGS).analyze(inputs)))


def test_two_workers_give_the_documents_of_one_process(one_process: list[object]) -> None:
    inputs = list(iter_inputs([SAMPLE_PAGES]))
    with ParallelPipeline(SETTINGS, workers=2) as parallel:
        two = documents(list(parallel.analyze(parallel.extract(inputs))))
    assert len(two) == len(one_process) > 10
    assert two == one_process


def test_one_worker_gives_the_documents_of_one_process(one_process: list[object]) -> None:
    with ParallelPipeline(SETTINGS, workers=1, start_method="forkserver") as parallel:
        one_worker = documents(list(parallel.analyze(iter_inputs([SAMPLE_PAGES]))))
    assert one_worker == one_process


def test_ingest_with_two_workers_stores_what_one_process_stores(tmp_path: Path) -> None:
    with Store(tmp_path / "one.duckdb") as one, Store(tmp_path / "two.duckdb") as two:
        counts_one = ingest_paths([SAMPLE_PAGES], one, settings=SETTINGS)
        counts_two = ingest_paths([SAMPLE_PAGES], two, settings=SETTINGS, workers=2)
        assert counts_two == counts_one
        a, b = store_rows(one), store_rows(two)
        assert b == a, differences(a, b)


def test_an_interrupted_ingest_resumes_with_only_the_rest(tmp_path: Path) -> None:
    pages = sorted(p for p in SAMPLE_PAGES.iterdir() if p.name.endswith((".html", ".html.gz")))
    reported: list[int] = []

    class Interrupt(Exception):
        pass

    def stop_after_two(counts: IngestCounts) -> None:
        reported.append(counts.new)
        if len(reported) == 2:
            raise Interrupt

    with Store(tmp_path / "s.duckdb") as store:
        with pytest.raises(Interrupt):
            ingest_paths(pages, store, settings=SETTINGS, workers=2, on_progress=stop_after_two)
        stored = store.counts()["articles"]
        assert 0 < stored == reported[-1] < len(pages)  # what was reported stored is stored, and no more
        counts = ingest_paths(pages, store, settings=SETTINGS, workers=2)
    assert counts.present == stored and counts.new + counts.present + counts.failed == len(pages)


@pytest.mark.parametrize(
    ("requested", "total", "batch_size", "expected"),
    [
        (3, None, 32, 3),
        (0, None, 32, 1),
        (None, 5, 32, 1),
        (None, None, 32, default_workers()),
        (None, 10_000, 32, default_workers()),
    ],
)
def test_choose_workers(requested: int | None, total: int | None, batch_size: int, expected: int) -> None:
    assert choose_workers(requested, total, batch_size) == expected


@pytest.mark.parametrize(("workers", "start_method"), [(0, "spawn"), (2, "fork")])
def test_bad_options_say_what_is_valid(workers: int, start_method: str) -> None:
    with pytest.raises(ValueError, match=r"workers must be|start_method must be one of spawn, forkserver"):
        ParallelPipeline(SETTINGS, workers=workers, start_method=start_method)
