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
        (b"this is no archive\n" * 20, "not the start of a WARC record (it starts 'this is no archive')"),
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


# -- damage in the middle: the record is lost, the reader resynchronises at the next one ----------


def _flip(data: bytes, start: int, end: int) -> bytes:
    """Every bit of data[start:end] inverted (corrupt compressed data or a header)."""
    return data[:start] + bytes(b ^ 0xFF for b in data[start:end]) + data[end:]


def _shorter_length(data: bytes, start: int, end: int) -> bytes:
    """The record's Content-Length made 100 smaller: it ends before its block does."""
    head = data[start:end]
    name = b"Content-Length: "
    at = head.index(name) + len(name)
    length = int(head[at : head.index(b"\r\n", at)])
    fixed = head[:at] + str(length - 100).rjust(len(str(length))).encode() + head[at + len(str(length)) :]
    return data[:start] + fixed + data[end:]


# (name, gzip, damage of the second record given the bytes and its [start, end), how the reason begins)
DAMAGE = [
    ("header garbage", False, lambda d, s, e: _flip(d, s, s + 8), "not the start of a WARC record"),
    ("length too short", False, _shorter_length, "no blank line after its"),
    ("bytes lost inside", False, lambda d, s, e: d[: s + 700] + d[s + 900 :], "no blank line after its"),
    ("unparsable length", False, lambda d, s, e: d.replace(b"Content-Length: ", b"Content-Length: x", 2)
     .replace(b"Content-Length: x", b"Content-Length: ", 1), "its Content-Length is not a number"),
    ("corrupt member", True, lambda d, s, e: _flip(d, s + 30, s + 80), "the gzip member does not decompress"),
    ("member cut short", True, lambda d, s, e: d[: s + 200] + d[e:], "the gzip member does not decompress"),
]  # fmt: skip


@pytest.mark.parametrize(("gzip", "damage", "reason"), [c[1:] for c in DAMAGE], ids=[c[0] for c in DAMAGE])
def test_a_damaged_record_fails_alone_and_reading_resumes_after_it(
    tmp_path: Path, gzip: bool, damage, reason: str
) -> None:
    whole = tmp_path / "whole.warc"
    offsets = write_warc(whole, ["html", "html", "html", "html"], gzip=gzip)
    data = whole.read_bytes()
    broken_bytes = damage(data, offsets[1], offsets[2])
    shift = len(broken_bytes) - len(data)  # bytes the damage added (+) or removed (-) before record 3
    broken = tmp_path / ("broken.warc.gz" if gzip else "broken.warc")
    broken.write_bytes(broken_bytes)
    items, _ = read(broken)
    assert [type(i).__name__ for i in items] == ["RawInput", "Failure", "RawInput", "RawInput"]
    assert [i.url for i in items if isinstance(i, RawInput)] == [f"https://news.example/story-{n}" for n in (0, 2, 3)]
    assert [i.source for i in items if isinstance(i, RawInput)][1:] == [f"{broken}@{o + shift}" for o in offsets[2:]]
    failure = items[1]
    assert isinstance(failure, Failure) and failure.input == str(broken) and failure.stage == "read"
    assert failure.reason.startswith(f"damaged WARC at byte offset {offsets[1]:,}: {reason}"), failure.reason
    assert f"reading goes on at the next record, at byte offset {offsets[2] + shift:,}" in failure.reason
    assert "\n" not in failure.reason


def test_a_damaged_stretch_far_longer_than_a_record_is_scanned_through(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc"
    offsets = write_warc(whole, ["html", "html"], gzip=False)
    data = whole.read_bytes()
    noise = bytes(range(256)).replace(b"\n", b" ") * 16_000  # 4 MB with no line break, then the record
    broken = tmp_path / "noise.warc"
    broken.write_bytes(data[: offsets[1]] + noise + b"\n" + data[offsets[1] :])
    items, _ = read(broken, max_bytes=2000)  # the reader keeps 2 MB: the noise is scanned, not kept
    assert [type(i).__name__ for i in items] == ["RawInput", "Failure", "RawInput"]
    assert items[2].source == f"{broken}@{offsets[1] + len(noise) + 1}"


@pytest.mark.parametrize("gzip", [True, False])
def test_junk_between_records_is_one_failure_and_every_record_is_read(tmp_path: Path, gzip: bool) -> None:
    whole = tmp_path / "whole.warc"
    offsets = write_warc(whole, ["html", "html", "html"], gzip=gzip)
    data = whole.read_bytes()
    junk = b"not a record at all\n" * 20
    broken = tmp_path / ("junk.warc.gz" if gzip else "junk.warc")
    broken.write_bytes(data[: offsets[1]] + junk + data[offsets[1] :])
    items, _ = read(broken)
    assert [type(i).__name__ for i in items] == ["RawInput", "Failure", "RawInput", "RawInput"]
    assert f"damaged WARC at byte offset {offsets[1]:,}" in items[1].reason
    assert f"at byte offset {offsets[1] + len(junk):,}" in items[1].reason


def test_a_record_warcio_cannot_parse_fails_alone(tmp_path: Path) -> None:
    """A response record without WARC-Target-URI made warcio raise AttributeError (found by atheris)."""
    whole = tmp_path / "whole.warc"
    offsets = write_warc(whole, ["html", "html", "html"], gzip=False)
    data = whole.read_bytes()
    second = data[offsets[1] : offsets[2]]
    uri_line = second[second.index(b"WARC-Target-URI") : second.index(b"\r\n", second.index(b"WARC-Target-URI")) + 2]
    broken = tmp_path / "no-uri.warc"
    broken.write_bytes(data[: offsets[1]] + second.replace(uri_line, b"") + data[offsets[2] :])
    items, _ = read(broken)
    assert [type(i).__name__ for i in items] == ["RawInput", "Failure", "RawInput"]
    assert f"damaged WARC at byte offset {offsets[1]:,}: warcio cannot read the record's headers" in items[1].reason
    assert items[2].source == f"{broken}@{offsets[2] - len(uri_line)}"
