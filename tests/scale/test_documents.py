"""Contract documents rebuild their Analysis; the Parquet rows of an analysis are the rows the store writes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import SAMPLE_PAGES
from newsevents.ingest import iter_inputs
from newsevents.model import Analysis
from newsevents.pipeline import Pipeline
from newsevents.rows import documents
from newsevents.scale.documents import analysis_from_dict
from newsevents.scale.tables import SCHEMAS, TABLES, analysis_rows, now, partition_day, to_table
from newsevents.store import Store


@pytest.fixture(scope="module")
def analyses(pipeline: Pipeline) -> list[Analysis]:
    return [a for a in pipeline.analyze(iter_inputs([SAMPLE_PAGES])) if isinstance(a, Analysis)]


def test_documents_rebuild_their_analysis(analyses: list[Analysis]) -> None:
    assert len(analyses) > 10
    for analysis in analyses:
        assert analysis_from_dict(analysis.as_dict()) == analysis


def test_parquet_rows_are_the_store_rows(analyses: list[Analysis], tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        for analysis in analyses:
            store.add(analysis)
        for table in TABLES:
            if table == "failures":
                continue
            columns = [n for n in SCHEMAS[table].names if n not in ("day", "seq_file", "seq_record", "ingested_at")]
            rows = [r for a in analyses for r in analysis_rows(a, now(), (0, 0))[table]]
            arrow = to_table(table, rows).select(columns)
            names = ", ".join(f'"{c}"' for c in columns)
            stored = store.con.execute(f"SELECT {names} FROM {table}").fetchall()
            if table == "articles":  # the store rebuilds the document from the rows
                at = columns.index("document")
                texts = documents(store.con, [r[0] for r in stored])
                stored = [(*r[:at], texts[r[0]], *r[at + 1 :]) for r in stored]
            parquet = [tuple(r.values()) for r in arrow.to_pylist()]
            assert _parsed(columns, parquet) == _parsed(columns, stored), table


def _parsed(columns: list[str], rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Rows sorted, JSON columns parsed: the store writes the same JSON as Python without blanks after , and :."""
    json_columns = [i for i, c in enumerate(columns) if c in ("document", "evidence")]
    parsed = [tuple(json.loads(v) if i in json_columns and v is not None else v for i, v in enumerate(r)) for r in rows]
    return sorted(parsed, key=repr)


@pytest.mark.parametrize(
    ("published", "day"),
    [("2026-10-12", "2026-10-12"), ("2026-10-12T09:00:00+02:00", "2026-10-12"), ("2026-10", "unknown"),
     (None, "unknown"), ("", "unknown"), ("October 12", "unknown")],
)  # fmt: skip
def test_partition_day(published: str | None, day: str) -> None:
    assert partition_day(published) == day
