"""`newsevents load DIR`: the Parquet output of a Ray run into the embedded store, as ingest would store it.

The run's articles and failures are read back in input order (``seq_file``, ``seq_record``) and go
through ``ingest_inputs`` with a pipeline that hands back the analyses already made instead of running
the model: the same skipping of stored ids, the same duplicate detection and story assignment, the
same counts. Loading twice changes nothing.
"""

from __future__ import annotations

import json
import weakref
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Any

import pyarrow.compute as pc
import pyarrow.dataset as ds

from newsevents.config import Settings
from newsevents.errors import Failure, InputError
from newsevents.model import Analysis, Article
from newsevents.scale.documents import analysis_from_dict
from newsevents.scale.inputs import filesystem
from newsevents.store import IngestCounts, Store

ROWS_PER_READ = 2000  # results held in memory at once while loading
LOAD_BATCH = 500  # articles stored in one transaction (at least; ingest's batch_size when larger)
MERGE_AFTER = 2000  # stories touched before their merged events are redone
_ARTICLE_COLUMNS = ["seq_file", "seq_record", "id", "document"]
_FAILURE_COLUMNS = ["seq_file", "seq_record", "input", "stage", "reason", "article_id", "article"]


class PrecomputedPipeline:
    """Stands in for ``Pipeline`` in ``ingest_inputs``: ``analyze`` returns the result read from Parquet.

    Each result is kept only as long as its Article object lives (a syndicated copy analysed at the
    end of ingest, after its original failed, still finds its own); an analysis is kept as its
    document without the article, so that nothing held here keeps the article alive.
    """

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self._results: dict[int, dict[str, Any] | Failure] = {}

    def expect(self, article: Article, result: dict[str, Any] | Failure) -> Article:
        """Remember ``result`` (a document without its article, or a Failure) for ``article``; returns it."""
        key = id(article)
        self._results[key] = result
        weakref.finalize(article, self._results.pop, key, None)
        return article

    def extract(self, items: Iterable[Article | Failure]) -> Iterator[Article | Failure]:
        """The items are extracted already."""
        yield from items

    def analyze(self, items: Iterable[Article | Failure]) -> Iterator[Analysis | Failure]:
        """The stored result of each article (Failures pass through), in order."""
        for item in items:
            if isinstance(item, Failure):
                yield item
                continue
            result = self._results.pop(id(item))
            yield result if isinstance(result, Failure) else analysis_from_dict(result, article=item)


def load_output(
    directory: str,
    store: Store,
    *,
    settings: Settings | None = None,
    on_failure: Callable[[Failure], None] | None = None,
    on_progress: Callable[[IngestCounts], None] | None = None,
) -> IngestCounts:
    """Store the articles and failures of the Parquet output under ``directory`` (a path or URI).

    Returns the counts of articles new, already present and failed, and of events stored, as ingest does.
    """
    from newsevents.library import ingest_inputs

    settings = settings or Settings()
    settings = replace(settings, batch_size=max(settings.batch_size, LOAD_BATCH))
    pipeline = PrecomputedPipeline(settings)
    items = read_output(directory, pipeline)
    return ingest_inputs(
        items, store, settings=settings, pipeline=pipeline, on_failure=on_failure, on_progress=on_progress,
        merge_after=MERGE_AFTER,
    )  # fmt: skip


def output_size(directory: str) -> int | None:
    """How many inputs the output under ``directory`` holds (its articles and failures), read from the
    Parquet metadata; None when there is no output there."""
    datasets = [d for d in (_dataset(directory, "articles"), _dataset(directory, "failures")) if d is not None]
    return sum(d.count_rows() for d in datasets) if datasets else None


def read_output(directory: str, pipeline: PrecomputedPipeline) -> Iterator[Article | Failure]:
    """The run's inputs in input order: each Article (its result handed to ``pipeline``) or read/extract Failure."""
    articles = _dataset(directory, "articles")
    failures = _dataset(directory, "failures")
    if articles is None and failures is None:
        raise InputError(
            f"{directory}: no Parquet output here (expected articles/ and failures/ written by "
            "`newsevents run --engine ray`)"
        )
    for files in _file_groups([articles, failures]):
        wanted = pc.field("seq_file").isin(files)
        rows: list[tuple[int, int, str, dict[str, Any]]] = []
        if articles is not None:
            rows += [(r["seq_file"], r["seq_record"], "a", r) for r in _read(articles, _ARTICLE_COLUMNS, wanted)]
        if failures is not None:
            rows += [(r["seq_file"], r["seq_record"], "f", r) for r in _read(failures, _FAILURE_COLUMNS, wanted)]
        rows.sort(key=lambda row: row[:2])
        for _, _, what, row in rows:
            yield _item(what, row, pipeline)


def _item(what: str, row: dict[str, Any], pipeline: PrecomputedPipeline) -> Article | Failure:
    if what == "a":
        document = json.loads(row["document"])
        return pipeline.expect(Article.from_dict(document.pop("article")), document)
    failure = Failure(row["input"], row["stage"], row["reason"], row["article_id"])
    if row["article"] is None:
        return failure  # it failed before or during extraction
    return pipeline.expect(Article.from_dict(json.loads(row["article"])), failure)


def _dataset(directory: str, table: str) -> ds.Dataset | None:
    filesystem_, path = filesystem(directory.rstrip("/") + "/" + table)
    if filesystem_.get_file_info(path).type.name != "Directory":
        return None
    return ds.dataset(path, filesystem=filesystem_, format="parquet", partitioning="hive")


def _read(dataset: ds.Dataset, columns: list[str], wanted: pc.Expression) -> list[dict[str, Any]]:
    return dataset.to_table(columns=columns, filter=wanted).to_pylist()


def _file_groups(datasets: list[ds.Dataset | None]) -> Iterator[list[int]]:
    """Input file numbers in order, grouped so that each group holds about ROWS_PER_READ rows."""
    sizes: dict[int, int] = {}
    for dataset in datasets:
        if dataset is None:
            continue
        counts = dataset.to_table(columns=["seq_file"]).column("seq_file").value_counts()
        for entry in counts.to_pylist():
            sizes[entry["values"]] = sizes.get(entry["values"], 0) + entry["counts"]
    group: list[int] = []
    held = 0
    for seq_file in sorted(sizes):
        group.append(seq_file)
        held += sizes[seq_file]
        if held >= ROWS_PER_READ:
            yield group
            group, held = [], 0
    if group:
        yield group
