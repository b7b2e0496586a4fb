"""The Parquet output: one table per store table, the same columns, plus the partition day and input order.

Every table has the columns of the store table of the same name (``store.py``), then ``day`` (the
article's publication date, YYYY-MM-DD, or "unknown": the Hive partition, ``day=2026-10-12/``).
``articles`` and ``failures`` also carry ``seq_file`` and ``seq_record`` (the input file's position
in the run and the record's position in the file), so ``newsevents load`` can store them in the order
a local ingest would. ``failures`` carries the extracted ``article`` (JSON) when analysis failed
after extraction, because duplicate detection at load needs it.

The rows, column names and Arrow types come from ``newsevents.rows``, the same ones the store writes.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

import pyarrow as pa

from newsevents.errors import Failure
from newsevents.model import Analysis, Article
from newsevents.rows import COLUMNS, STR, WHEN, arrow_type
from newsevents.rows import analysis_rows as rows_of

SEQ = [("seq_file", pa.int64()), ("seq_record", pa.int64())]


def _typed(table: str, names: tuple[str, ...]) -> list[tuple[str, pa.DataType]]:
    return [(n, arrow_type(table, n)) for n in names]


_COLUMNS: dict[str, list[tuple[str, pa.DataType]]] = {
    **{table: _typed(table, names) for table, names in COLUMNS.items()},
    "failures": [
        *_typed("failures", ("input", "stage", "reason", "article_id", "first_seen", "last_seen", "times_seen")),
        ("article", STR),
    ],
}
_COLUMNS["articles"] += SEQ
_COLUMNS["failures"] += SEQ

TABLES = tuple(_COLUMNS)
SCHEMAS: dict[str, pa.Schema] = {name: pa.schema([*columns, ("day", STR)]) for name, columns in _COLUMNS.items()}

# One row per input record, as the Ray actors return them: an analysis (``document``) or a failure.
RESULT_SCHEMA = pa.schema(
    [
        *SEQ,
        ("day", STR),
        ("document", STR),  # Analysis.as_dict() as JSON, for an analysed article
        ("analyzed_at", WHEN),
        ("failure_input", STR),
        ("failure_stage", STR),
        ("failure_reason", STR),
        ("failure_article_id", STR),
        ("article", STR),  # Article.as_dict() as JSON, for a failure after extraction
    ]
)

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def partition_day(published: str | None) -> str:
    """The ``day`` partition of an article: its publication date, or "unknown"."""
    return published[:10] if published and _DAY.match(published) else "unknown"


def analysis_rows(analysis: Analysis, ingested_at: datetime, seq: tuple[int, int]) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows for one analysed article (the rows ``Store.add`` writes), each with its day."""
    day = partition_day(analysis.article.published)
    tables = rows_of(analysis, ingested_at)
    tables["articles"] = [(*row, *seq) for row in tables["articles"]]
    return {name: [_named(name, row, day) for row in table] for name, table in tables.items()}


def failure_row(failure: Failure, seen_at: datetime, seq: tuple[int, int], article: Article | None) -> dict[str, Any]:
    """The failures row of one failure; ``article`` when it failed after extraction."""
    document = json.dumps(article.as_dict(), ensure_ascii=False) if article is not None else None
    day = partition_day(article.published if article is not None else None)
    row = (failure.input, failure.stage, failure.reason, failure.article_id, seen_at, seen_at, 1, document, *seq)
    return _named("failures", row, day)


def _named(table: str, row: tuple[Any, ...], day: str) -> dict[str, Any]:
    names = [name for name, _ in _COLUMNS[table]]
    return {**dict(zip(names, row, strict=True)), "day": day}


def to_table(name: str, rows: list[dict[str, Any]]) -> pa.Table:
    """Rows of table ``name`` as an Arrow table with its fixed schema (so every file agrees)."""
    return pa.Table.from_pylist(rows, schema=SCHEMAS[name])


def now() -> datetime:
    """The timestamp written as ``ingested_at`` / ``first_seen`` (UTC)."""
    return datetime.now(UTC)
