"""WARC input: HTML responses become pages; other records are skipped and counted; damage is a failure."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.warcs import CAPTURED, write_warc
from newsevents.errors import Failure
from newsevents.ingest import RawInput, Skipped, iter_inputs
from newsevents.pipeline import extract_article

MIXED = ["request", "html", "pdf", "revisit", "metadata", "404", "html"]


def read(path: Path, **options) -> tuple[list[RawInput | Failure], Skipped]:
    skipped = Skipped()
    return list(iter_inputs([path], skipped=skipped, **options)), skipped


@pytest.mark.parametrize("name", ["mixed.warc.gz", "mixed.warc"])
def test_html_responses_become_pages_and_the_rest_is_counted(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    offsets = write_warc(path, MIXED, gzip=name.endswith(".gz"))
    items, skipped = read(path)
    assert [i.source for i in items] == [f"{path}@{offsets[1]}", f"{path}@{offsets[6]}"]
    assert all(isinstance(i, RawInput) and i.kind == "html" for i in items)
    first = items[0]
    assert isinstance(first, RawInput)
    assert first.url == "https://news.example/story-1"
    assert first.captured == CAPTURED and first.published is None  # a fallback, not a claim of the page
    assert first.charset == "utf-8"
    assert dict(skipped.counts) == {
        "WARC request record": 1,
        "non-HTML response (application/pdf)": 1,
        "WARC revisit record": 1,
        "WARC metadata record": 1,
        "HTTP 4xx response": 1,
    }


def test_a_warc_page_extracts_to_an_article(tmp_path: Path) -> None:
    path = tmp_path / "one.warc.gz"
    write_warc(path, ["html"])
    [raw] = iter_inputs([path])
    assert isinstance(raw, RawInput)
    article = extract_article(raw)
    assert article.title == "Port story 0" and article.url == "https://news.example/story-0"
    assert "ships were waiting" in article.text


@pytest.mark.parametrize(
    ("gzip", "cut", "reason"),
    [
        (True, 200, "damaged WARC at byte offset"),  # inside the last gzip member
        (True, 5, "damaged WARC at byte offset"),  # a gzip member that is only its first bytes
        (False, 10, "record header is cut off"),
        (False, 600, "the record is truncated"),
    ],
)
def test_truncated_archive_keeps_the_records_before_the_damage(
    tmp_path: Path, gzip: bool, cut: int, reason: str
) -> None:
    whole = tmp_path / "whole.warc"
    offsets = write_warc(whole, ["html", "request", "html"], gzip=gzip)
    broken = tmp_path / ("broken.warc.gz" if gzip else "broken.warc")
    broken.write_bytes(whole.read_bytes()[: offsets[2] + cut])
    items, _ = read(broken)
    assert [type(i).__name__ for i in items] == ["RawInput", "Failure"]
    failure = items[1]
    assert isinstance(failure, Failure) and failure.input == str(broken) and failure.stage == "read"
    assert reason in failure.reason and f"offset {offsets[2]:,}" in failure.reason
    assert "2 records before it were read" in failure.reason


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "the web archive is empty"),
        (b"this is no archive\n" * 20, "Unknown archive format"),
        (b"\x1f\x8b\x08\x00" + bytes(range(256)) * 4, "damaged WARC at byte offset 0"),
    ],
)
def test_broken_archives_fail_and_the_batch_goes_on(tmp_path: Path, data: bytes, reason: str) -> None:
    bad = tmp_path / "bad.warc.gz"
    bad.write_bytes(data)
    good = tmp_path / "good.warc.gz"
    write_warc(good, ["html"])
    items = list(iter_inputs([bad, good]))
    assert isinstance(items[0], Failure) and reason in items[0].reason
    assert isinstance(items[1], RawInput)


def test_record_over_the_size_cap_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "big.warc.gz"
    offsets = write_warc(path, ["html", "html"])
    items = list(iter_inputs([path], max_bytes=500))  # each page is ~1 kB; the archive is larger
    assert [type(i).__name__ for i in items] == ["Failure", "Failure"]
    assert items[0].input == f"{path}@{offsets[0]}" and "over the limit of 500 bytes" in items[0].reason


def test_warc_in_a_directory_and_on_standard_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    path = tmp_path / "dir" / "crawl.warc.gz"
    path.parent.mkdir()
    write_warc(path, ["request", "html"])
    assert [Path(i.source.split("@")[0]).name for i in iter_inputs([tmp_path])] == ["crawl.warc.gz"]
    stdin = io.TextIOWrapper(io.BytesIO(path.read_bytes()))
    monkeypatch.setattr(sys, "stdin", stdin)
    [item] = iter_inputs(["-"])
    assert isinstance(item, RawInput) and item.source.startswith("-@") and item.url


def test_skipped_records_are_logged_once_per_file(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "mixed.warc.gz"
    write_warc(path, MIXED)
    list(iter_inputs([path]))
    [record] = [r for r in caplog.records if r.name == "newsevents.ingest"]
    assert str(path) in record.getMessage() and "skipped 5 records" in record.getMessage()
