"""Reading inputs: each format becomes the right kind of raw input; bad inputs become failures."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsevents.errors import Failure
from newsevents.ingest import RawInput, iter_inputs

PAGE = b"<!DOCTYPE html><html><head><title>Port reopens</title></head><body><p>The port reopened.</p></body></html>"
TEXT_PAGE = "Port reopens after storm\n\nThe port reopened on Monday.\n\nShare this:\n"


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("page.html", PAGE, "html"),
        ("page.htm", PAGE, "html"),
        ("page.html.gz", gzip.compress(PAGE, mtime=0), "html"),
        ("page.txt", TEXT_PAGE, "text_page"),
        ("page.txt.gz", gzip.compress(TEXT_PAGE.encode(), mtime=0), "text_page"),
        ("noext", PAGE, "html"),
        ("noext-text", TEXT_PAGE, "text_page"),
    ],
)
def test_file_formats(tmp_path: Path, name: str, data: bytes | str, kind: str) -> None:
    [item] = list(iter_inputs([write(tmp_path, name, data)]))
    assert isinstance(item, RawInput)
    assert item.kind == kind
    assert item.source.endswith(name)


def test_jsonl_records_keep_their_fields_and_order(tmp_path: Path) -> None:
    records = [
        {"id": "rec-2", "url": "https://a.example/2", "text": "Second body.", "published": "2026-10-02"},
        {"id": "rec-1", "html": PAGE.decode(), "site": "A Site", "title": "Given title", "language": "en"},
    ]
    path = write(tmp_path, "feed.jsonl", "\n".join(json.dumps(r) for r in records) + "\n")
    items = list(iter_inputs([path]))
    assert [(i.id, i.kind) for i in items] == [("rec-2", "text"), ("rec-1", "html")]
    assert items[0].url == "https://a.example/2" and items[0].published == "2026-10-02"
    assert items[1].site == "A Site" and items[1].title == "Given title"
    assert items[1].source == f"{path}:2"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "must be a JSON object"),
        ('{"id": "x"}', "neither a non-empty 'html' nor a non-empty 'text'"),
        ('{"text": "Body.", "url": ["a"]}', "field 'url' must be a string"),
    ],
)
def test_bad_jsonl_line_fails_alone(tmp_path: Path, line: str, reason: str) -> None:
    good = json.dumps({"id": "ok", "text": "A good body."})
    path = write(tmp_path, "mixed.jsonl", f"{good}\n{line}\n{good.replace('ok', 'ok2')}\n")
    items = list(iter_inputs([path]))
    assert [type(i).__name__ for i in items] == ["RawInput", "Failure", "RawInput"]
    failure = items[1]
    assert isinstance(failure, Failure)
    assert failure.input == f"{path}:2" and failure.stage == "read" and reason in failure.reason


def test_directory_is_read_recursively_in_sorted_order_skipping_unknown_files(tmp_path: Path) -> None:
    write(tmp_path, "b/two.html", PAGE)
    write(tmp_path, "a/one.txt", TEXT_PAGE)
    write(tmp_path, "a/notes.md", "# not an article")
    items = list(iter_inputs([tmp_path]))
    assert [Path(i.source).name for i in items] == ["one.txt", "two.html"]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("missing.html", None, "no such file"),
        ("big.html", b"<html>" + b"x" * 2000, "over the limit"),
        ("broken.html.gz", b"\x1f\x8b\x08\x00garbage", "gzip"),
        ("bomb.html.gz", gzip.compress(b"<html>" + b" " * 10_000, mtime=0), "decompressed input is over"),
    ],
)
def test_unreadable_inputs_become_failures(tmp_path: Path, name: str, data: bytes | None, reason: str) -> None:
    path = tmp_path / name if data is None else write(tmp_path, name, data)
    items = list(iter_inputs([path, write(tmp_path, "fine.html", PAGE)], max_bytes=1000))
    assert isinstance(items[0], Failure) and items[0].input == str(path)
    assert reason.lower() in items[0].reason.lower()
    assert isinstance(items[1], RawInput)  # the batch goes on


def test_url_and_published_fill_in_only_what_inputs_lack(tmp_path: Path) -> None:
    path = write(tmp_path, "r.jsonl", json.dumps({"text": "Body.", "published": "2026-01-01"}) + "\n")
    [item] = list(iter_inputs([path], url="https://x.example/a", published="2026-05-05"))
    assert item.url == "https://x.example/a" and item.published == "2026-01-01"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.html", b"", "no article text"),  # an empty page fails at extraction, named
        ("empty-noext", b"", "the input is empty"),
        ("blob", bytes(range(256)) * 8, "binary data"),
        ("image.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "binary data"),
    ],
)
def test_empty_and_binary_inputs_fail_with_a_reason(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    from ingest.warcs import article_page
    from newsevents.pipeline import Pipeline

    path = write(tmp_path, name, data)
    items = list(Pipeline().extract(iter_inputs([path, write(tmp_path, "fine.html", article_page(1))])))
    assert isinstance(items[0], Failure) and reason in items[0].reason
    assert not isinstance(items[1], Failure)  # the batch goes on


def test_reading_twice_gives_the_same_inputs(tmp_path: Path) -> None:
    write(tmp_path, "a.html", PAGE)
    write(tmp_path, "b.txt", TEXT_PAGE)
    assert list(iter_inputs([tmp_path])) == list(iter_inputs([tmp_path]))
