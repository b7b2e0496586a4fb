"""ARC input (the web archive format before WARC): HTML responses become pages, the rest is counted."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from ingest.warcs import article_page
from newsevents.errors import Failure
from newsevents.ingest import RawInput, Skipped, iter_inputs
from newsevents.pipeline import extract_article

ARCHIVED = "20261014083000"  # the ARC header's 14-digit archive date
CAPTURED = "2026-10-14T08:30:00Z"


def arc_record(url: str, content_type: str, block: bytes, date: str = ARCHIVED) -> bytes:
    """One ARC (version 1) record: a header line ``URL IP date content-type length``, the block, a newline."""
    return f"{url} 192.0.2.1 {date} {content_type} {len(block)}\n".encode() + block + b"\n"


def http(body: bytes, content_type: str = "text/html; charset=utf-8", status: str = "200 OK") -> bytes:
    return f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n\r\n".encode() + body


FILE_HEADER = arc_record(
    "filedesc://crawl.arc",
    "text/plain",
    b"1 0 newsevents tests\nURL IP-address Archive-date Content-type Archive-length\n",
)
RECORDS = {
    "html": lambda n: arc_record(f"https://news.example/story-{n}", "text/html", http(article_page(n))),
    "pdf": lambda n: arc_record(
        f"https://news.example/file-{n}.pdf", "application/pdf", http(b"%PDF-1.4", "application/pdf")
    ),
    "404": lambda n: arc_record(
        f"https://news.example/gone-{n}", "text/html", http(b"<html>gone</html>", status="404 Not Found")
    ),
    "dns": lambda n: arc_record(
        f"dns:news{n}.example", "text/dns", b"20261014083000\nnews.example. 300 IN A 192.0.2.1\n"
    ),
}


def write_arc(path: Path, kinds: list[str], *, compress: bool) -> list[int]:
    """Write an ARC file (each record its own gzip member when ``compress``); the byte offset of each record."""
    records = [FILE_HEADER] + [RECORDS[kind](n) for n, kind in enumerate(kinds)]
    chunks = [gzip.compress(record) if compress else record for record in records]
    offsets, at = [], 0
    for chunk in chunks:
        offsets.append(at)
        at += len(chunk)
    path.write_bytes(b"".join(chunks))
    return offsets[1:]


def read(path: Path) -> tuple[list[RawInput | Failure], Skipped]:
    skipped = Skipped()
    return list(iter_inputs([path], skipped=skipped)), skipped


@pytest.mark.parametrize("name", ["crawl.arc", "crawl.arc.gz"])
def test_html_responses_become_pages_with_url_and_capture_date(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    offsets = write_arc(path, ["html", "pdf", "404", "dns", "html"], compress=name.endswith(".gz"))
    items, skipped = read(path)
    assert [item.source for item in items] == [f"{path}@{offsets[0]}", f"{path}@{offsets[4]}"]
    assert all(isinstance(item, RawInput) and item.kind == "html" for item in items)
    first = items[0]
    assert isinstance(first, RawInput)
    assert first.url == "https://news.example/story-0"
    assert first.captured == CAPTURED and first.published is None  # a fallback, not a claim of the page
    assert first.charset == "utf-8"
    assert dict(skipped.counts) == {
        "ARC warcinfo record": 1,  # the filedesc:// file header
        "non-HTML ARC response (application/pdf)": 1,
        "HTTP 4xx response": 1,
        "non-HTML ARC response (no content type)": 1,  # a DNS record: no HTTP headers, not HTML
    }


def test_an_arc_page_extracts_to_an_article(tmp_path: Path) -> None:
    path = tmp_path / "one.arc.gz"
    write_arc(path, ["html"], compress=True)
    [raw] = iter_inputs([path])
    assert isinstance(raw, RawInput)
    article = extract_article(raw)
    assert article.title == "Port story 0" and article.url == "https://news.example/story-0"
    assert "ships were waiting" in article.text


def test_an_arc_is_recognised_by_its_content_when_the_name_does_not_say(tmp_path: Path) -> None:
    path = tmp_path / "crawl.bin"
    write_arc(path, ["html"], compress=False)
    [raw] = iter_inputs([path])
    assert isinstance(raw, RawInput) and raw.url == "https://news.example/story-0"


def test_a_directory_reads_arc_files_in_it(tmp_path: Path) -> None:
    write_arc(tmp_path / "a.arc", ["html"], compress=False)
    write_arc(tmp_path / "b.arc.gz", ["html", "html"], compress=True)
    items, _ = read(tmp_path)
    assert [Path(item.source.split("@")[0]).name for item in items] == ["a.arc", "b.arc.gz", "b.arc.gz"]


def test_a_damaged_arc_keeps_the_pages_before_the_damage_and_fails_once(tmp_path: Path) -> None:
    path = tmp_path / "damaged.arc.gz"
    write_arc(path, ["html", "html"], compress=True)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 200])  # the last gzip member is cut off
    items, _ = read(path)
    pages = [item for item in items if isinstance(item, RawInput)]
    failures = [item for item in items if isinstance(item, Failure)]
    assert [page.url for page in pages] == ["https://news.example/story-0"]
    assert len(failures) == 1 and failures[0].stage == "read"
    assert failures[0].input.startswith(f"{path}@") and "damaged ARC record: it is truncated" in failures[0].reason


def test_an_unreadable_arc_record_ends_the_file_with_one_failure(tmp_path: Path) -> None:
    path = tmp_path / "garbled.arc"
    path.write_bytes(
        b"".join([FILE_HEADER, RECORDS["html"](0), b"this is not an ARC header line\n", RECORDS["html"](1)])
    )
    items, _ = read(path)
    assert [item.url for item in items if isinstance(item, RawInput)] == ["https://news.example/story-0"]
    [failure] = [item for item in items if isinstance(item, Failure)]
    assert failure.input == str(path) and "damaged ARC" in failure.reason
    assert "3 records before it were read, the rest of the file is skipped" in failure.reason


def test_a_page_over_the_size_limit_is_a_failure_and_the_rest_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.arc"
    write_arc(path, ["html", "html"], compress=False)
    items = list(iter_inputs([path], max_bytes=500))
    assert all(isinstance(item, Failure) and "max_page_bytes" in item.reason for item in items)
    assert len(items) == 2
