"""`newsevents run --engine ray`: the pipeline on a Ray cluster with Ray Data, written as Parquet by day.

    input files --read (map_batches, one file per task, our own readers)--> numbered raw inputs
        --AnalyzeRecords (actor pool: the model loads once per actor)--> one result row per input
        --one table per store table--> OUTPUT/<table>/day=YYYY-MM-DD/*.parquet

Every input is analysed, syndicated copies and repeated ids included (a map has no view of the
whole batch); ``newsevents load`` applies duplicate detection and skips stored ids exactly as a local
ingest does, so the store it fills equals the store a local ingest fills.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from newsevents.config import Settings
from newsevents.errors import Failure
from newsevents.ingest import RawInput
from newsevents.model import Analysis, Article
from newsevents.pipeline import Pipeline
from newsevents.scale.documents import analysis_from_dict
from newsevents.scale.inputs import list_input_files, read_records
from newsevents.scale.tables import (
    RESULT_SCHEMA,
    SEQ,
    TABLES,
    analysis_rows,
    failure_row,
    now,
    partition_day,
    to_table,
)

ENGINES = ("ray",)
_RAW_FIELDS = ("source", "kind", "id", "url", "title", "published", "site", "language", "captured", "charset")
RECORD_SCHEMA = pa.schema(
    [
        *SEQ,
        *((name, pa.string()) for name in _RAW_FIELDS),
        ("content_bytes", pa.binary()),
        ("content_text", pa.string()),
        ("failure_reason", pa.string()),  # a read failure: the input cannot be read at all
    ]
)
_RECORDS_PER_BLOCK = 64


@dataclass
class RunReport:
    """What one Ray run did: inputs read, articles analysed, failures, and where the tables went."""

    files: int = 0
    inputs: int = 0
    analyzed: int = 0
    failed: int = 0
    output: str = ""
    tables: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "inputs": self.inputs,
            "analyzed": self.analyzed,
            "failed": self.failed,
            "output": self.output,
            "tables": list(self.tables),
        }


def read_files(batch: pa.Table, max_bytes: int) -> Iterator[pa.Table]:
    """Ray task: the numbered raw inputs of the files in ``batch`` (columns seq_file, location)."""
    for row in batch.to_pylist():
        rows = []
        for number, item in enumerate(read_records(row["location"], max_bytes)):
            rows.append(record_row(row["seq_file"], number, item))
            if len(rows) == _RECORDS_PER_BLOCK:
                yield pa.Table.from_pylist(rows, schema=RECORD_SCHEMA)
                rows = []
        if rows:
            yield pa.Table.from_pylist(rows, schema=RECORD_SCHEMA)


def record_row(seq_file: int, seq_record: int, item: RawInput | Failure) -> dict[str, Any]:
    """One raw input (or read failure) as a row of RECORD_SCHEMA."""
    if isinstance(item, Failure):
        return {"seq_file": seq_file, "seq_record": seq_record, "source": item.input, "failure_reason": item.reason}
    row: dict[str, Any] = {name: getattr(item, name) for name in _RAW_FIELDS}
    content = item.content
    row.update(seq_file=seq_file, seq_record=seq_record)
    row["content_bytes" if isinstance(content, bytes) else "content_text"] = content
    return row


def raw_input(row: dict[str, Any]) -> RawInput | Failure:
    """The raw input (or read failure) a RECORD_SCHEMA row stands for."""
    if row.get("failure_reason") is not None:
        return Failure(row["source"], "read", row["failure_reason"])
    content = row["content_bytes"] if row.get("content_bytes") is not None else row["content_text"]
    return RawInput(content=content, **{name: row.get(name) for name in _RAW_FIELDS})


class AnalyzeRecords:
    """Ray actor: extracts and analyses batches of records; the spaCy model loads once, in ``__init__``."""

    def __init__(self, settings: Settings) -> None:
        self.pipeline = Pipeline(settings)
        self.pipeline.warm_up()  # the model and the stages' data, once per actor

    def __call__(self, batch: pa.Table) -> pa.Table:
        rows = batch.to_pylist()
        extracted = list(self.pipeline.extract(raw_input(row) for row in rows))
        results = list(self.pipeline.analyze(extracted))
        return pa.Table.from_pylist(
            [result_row(row, a, r) for row, a, r in zip(rows, extracted, results, strict=True)], schema=RESULT_SCHEMA
        )


def result_row(record: dict[str, Any], extracted: Article | Failure, result: Analysis | Failure) -> dict[str, Any]:
    """One RESULT_SCHEMA row: the analysis document, or the failure (with the article if extracted)."""
    row: dict[str, Any] = {"seq_file": record["seq_file"], "seq_record": record["seq_record"], "analyzed_at": now()}
    if isinstance(result, Analysis):
        row.update(day=partition_day(result.article.published),
                   document=json.dumps(result.as_dict(), ensure_ascii=False))  # fmt: skip
        return row
    article = extracted if isinstance(extracted, Article) else None
    row.update(
        day=partition_day(article.published if article else None),
        failure_input=result.input,
        failure_stage=result.stage,
        failure_reason=result.reason,
        failure_article_id=result.article_id,
        article=json.dumps(article.as_dict(), ensure_ascii=False) if article else None,
    )
    return row


def table_rows(batch: pa.Table, table: str) -> pa.Table:
    """Ray task: the rows of store table ``table`` for a batch of result rows."""
    rows: list[dict[str, Any]] = []
    for result in batch.to_pylist():
        seq = (result["seq_file"], result["seq_record"])
        if result["document"] is not None:
            if table != "failures":
                analysis = analysis_from_dict(json.loads(result["document"]))
                rows += analysis_rows(analysis, result["analyzed_at"], seq)[table]
        elif table == "failures":
            article = Article.from_dict(json.loads(result["article"])) if result["article"] else None
            failure = Failure(result["failure_input"], result["failure_stage"], result["failure_reason"],
                              result["failure_article_id"])  # fmt: skip
            rows.append(failure_row(failure, result["analyzed_at"], seq, article))
    return to_table(table, rows)


def run_ray(
    inputs: list[str],
    output: str,
    *,
    settings: Settings | None = None,
    concurrency: int | None = None,
    address: str | None = None,
) -> RunReport:
    """Analyse everything under ``inputs`` on Ray and write the Parquet tables under ``output``.

    ``inputs`` and ``output`` are local paths or URIs pyarrow understands (s3://, gs://, ...).
    ``concurrency`` is the number of analysis actors (default: the cluster's CPUs). Connects to the
    running cluster (``address``, or $RAY_ADDRESS) or, with neither, starts a local Ray instance.
    Rewriting the same output replaces it.
    """
    import ray

    settings = settings or Settings()
    if not ray.is_initialized():
        ray.init(address=address, include_dashboard=False, log_to_driver=False)
    locations = [loc if "://" in loc else str(Path(loc).resolve()) for loc in inputs]
    files = list_input_files(locations)
    actors = concurrency or max(1, int(ray.cluster_resources().get("CPU", 1)))
    report = RunReport(files=len(files), output=output)

    listing = ray.data.from_items([{"seq_file": i, "location": f} for i, f in enumerate(files)])
    records = listing.map_batches(
        read_files, batch_size=1, batch_format="pyarrow", fn_kwargs={"max_bytes": settings.max_page_bytes}
    )
    results = records.map_batches(
        AnalyzeRecords,
        fn_constructor_kwargs={"settings": settings},
        concurrency=actors,
        batch_size=settings.batch_size,
        batch_format="pyarrow",
    ).materialize()

    for batch in results.select_columns(["failure_stage"]).iter_batches(batch_format="pyarrow"):
        column = batch.column("failure_stage")
        report.inputs += len(column)
        report.failed += len(column) - column.null_count
    report.analyzed = report.inputs - report.failed

    base = output.rstrip("/")
    for table in TABLES:
        rows = results.map_batches(table_rows, batch_format="pyarrow", fn_kwargs={"table": table})
        rows.write_parquet(f"{base}/{table}", partition_cols=["day"], mode=ray.data.SaveMode.OVERWRITE)
        report.tables.append(f"{base}/{table}")
    return report
