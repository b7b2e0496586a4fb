"""Input files are listed in the order ingest reads them; Parquet rows read like JSON Lines records."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import SAMPLE_PAGES
from newsevents.errors import Failure
from newsevents.ingest import RawInput, iter_inputs
from newsevents.scale.inputs import is_input_name, list_input_files, parquet_record, read_records


def test_files_are_listed_and_read_as_ingest_reads_them() -> None:
    files = list_input_files([str(SAMPLE_PAGES)])
    via_files = [(i.source, i.kind) for f in files for i in read_records(f, 20_000_000) if isinstance(i, RawInput)]
    via_ingest = [(i.source, i.kind) for i in iter_inputs([SAMPLE_PAGES]) if isinstance(i, RawInput)]
    assert via_files == via_ingest and len(via_files) > 10


@pytest.mark.parametrize(
    ("name", "read"),
    [("a.html", True), ("b/a.htm.gz", True), ("a.txt", True), ("r.jsonl", True), ("c.warc.gz", True),
     ("p.parquet", True), ("n.rss", True), ("INDEX.md", False), ("x.pdf", False), ("data.json", False)],
)  # fmt: skip
def test_is_input_name(name: str, read: bool) -> None:
    assert is_input_name(name) is read


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"id": "r1", "html": "<p>Hi</p>", "url": "https://a.example/1"}, ("html", "r1", "https://a.example/1")),
        ({"text": "Body.", "published": "2026-10-12", "id": 7}, ("text", "7", None)),
        ({"html": "  ", "text": "Body."}, ("text", None, None)),
        ({"html": None, "text": ""}, None),
    ],
)
def test_parquet_record(record: dict[str, object], expected: tuple[str, str | None, str | None] | None) -> None:
    item = parquet_record("f.parquet:1", record)
    if expected is None:
        assert isinstance(item, Failure) and item.stage == "read" and "neither" in item.reason
    else:
        assert isinstance(item, RawInput) and (item.kind, item.id, item.url) == expected


def test_parquet_files_are_read_row_by_row(tmp_path: Path) -> None:
    path = tmp_path / "in.parquet"
    pq.write_table(pa.Table.from_pylist([{"id": "a", "text": "One."}, {"id": "b", "text": ""}]), path)
    items = list(read_records(str(path), 1000))
    assert [type(i).__name__ for i in items] == ["RawInput", "Failure"]
    assert [getattr(i, "source", None) or i.input for i in items] == [f"{path}:1", f"{path}:2"]


def test_a_missing_file_is_a_read_failure(tmp_path: Path) -> None:
    [item] = list(read_records(str(tmp_path / "gone.html"), 1000))
    assert isinstance(item, Failure) and item.stage == "read"
