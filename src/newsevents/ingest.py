"""Ingest: turn paths, directories and standard input into raw inputs for extraction.

Formats, by name (and by content for standard input and unknown names):
    .html .htm .xhtml          an HTML page
    .html.gz .htm.gz (.gz)     a gzipped page (HTML, or text when the inner name ends in .txt)
    .txt                       a page scraped as plain text: title line, body, site clutter
    .jsonl .ndjson             JSON Lines records {id?, url?, title?, html|text, published?, site?, language?}
    directory                  every file above inside it, recursively, in sorted order

An input that cannot be read becomes a ``Failure`` naming it and the cause; reading goes on.
"""

from __future__ import annotations

import gzip
import json
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from newsevents.errors import Failure, InputError

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
KINDS = ("html", "text_page", "text")
DEFAULT_MAX_BYTES = 20_000_000


@dataclass
class RawInput:
    """One article as read, before extraction; explicit fields override what the page says."""

    source: str  # where it came from: a path, "path:line" for a JSON Lines record, or "-"
    kind: str  # html | text_page | text (a text record is the body as given, not a scraped page)
    content: bytes | str
    id: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    site: str | None = None
    language: str | None = None


def iter_inputs(
    paths: Iterable[str | Path],
    *,
    url: str | None = None,
    published: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[RawInput | Failure]:
    """Every input under ``paths`` in order; ``url`` and ``published`` apply to inputs lacking them."""
    for path in paths:
        for item in _read_path(str(path), max_bytes):
            if isinstance(item, RawInput):
                item.url = item.url or url
                item.published = item.published or published
            yield item


def _read_path(path: str, max_bytes: int) -> Iterator[RawInput | Failure]:
    if path == "-":
        yield from _read_stream("-", sys.stdin.buffer, max_bytes)
        return
    p = Path(path)
    if p.is_dir():
        files = sorted(f for f in p.rglob("*") if f.is_file() and _known_format(f.name))
        for file in files:
            yield from _read_file(file, max_bytes)
        return
    yield from _read_file(p, max_bytes)


def _known_format(name: str) -> bool:
    lower = name.lower().removesuffix(".gz")
    return lower.endswith(HTML_SUFFIXES + TEXT_SUFFIXES + JSONL_SUFFIXES)


def _read_file(path: Path, max_bytes: int) -> Iterator[RawInput | Failure]:
    source = str(path)
    try:
        if not path.exists():
            raise InputError("no such file or directory")
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"file is {size:,} bytes, over the limit of {max_bytes:,} (max_page_bytes)")
        with path.open("rb") as handle:
            yield from _read_stream(source, handle, max_bytes, name=path.name)
    except (OSError, InputError) as exc:
        yield Failure(source, "read", _describe(exc))


def _read_stream(
    source: str, handle: BinaryIO, max_bytes: int, name: str | None = None
) -> Iterator[RawInput | Failure]:
    try:
        data = _read_capped(handle, max_bytes)
        lower = (name or "").lower()
        if lower.endswith(".gz") or data[:2] == b"\x1f\x8b":
            data = _gunzip(data, max_bytes)
            lower = lower.removesuffix(".gz")
        if lower.endswith(JSONL_SUFFIXES) or (not name and _looks_like_jsonl(data)):
            yield from _read_jsonl(source, data)
        elif lower.endswith(TEXT_SUFFIXES):
            yield RawInput(source, "text_page", _decode_text(data))
        elif lower.endswith(HTML_SUFFIXES) or _looks_like_html(data):
            yield RawInput(source, "html", data)
        else:
            yield RawInput(source, "text_page", _decode_text(data))
    except (OSError, InputError, EOFError, gzip.BadGzipFile) as exc:
        yield Failure(source, "read", _describe(exc))


def _read_capped(handle: BinaryIO, max_bytes: int) -> bytes:
    data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"input is over the limit of {max_bytes:,} bytes (max_page_bytes)")
    return data


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    with gzip.GzipFile(fileobj=_BytesReader(data)) as unzipped:
        try:
            return _read_capped(unzipped, max_bytes)  # type: ignore[arg-type]
        except InputError as exc:
            raise InputError(f"decompressed {exc}") from None
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError(f"not a valid gzip file ({exc})") from None


class _BytesReader:
    """A minimal file object over bytes, so GzipFile can stream with a cap."""

    def __init__(self, data: bytes) -> None:
        import io

        self._buffer = io.BytesIO(data)

    def read(self, size: int = -1) -> bytes:
        return self._buffer.read(size)

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._buffer.seek(offset, whence)

    def tell(self) -> int:
        return self._buffer.tell()


def _looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype", b"<html", b"<?xml", b"<head", b"<body", b"<meta", b"<div"))


def _looks_like_jsonl(data: bytes) -> bool:
    return data.lstrip()[:1] == b"{"


def _decode_text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _read_jsonl(source: str, data: bytes) -> Iterator[RawInput | Failure]:
    text = _decode_text(data)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        record_source = f"{source}:{number}"
        try:
            yield _record_input(record_source, line)
        except InputError as exc:
            yield Failure(record_source, "read", str(exc))


def _record_input(source: str, line: str) -> RawInput:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise InputError(f"a record must be a JSON object, not {type(record).__name__}")
    html, text = record.get("html"), record.get("text")
    if not (isinstance(html, str) and html.strip()) and not (isinstance(text, str) and text.strip()):
        raise InputError("record has neither a non-empty 'html' nor a non-empty 'text' field")
    fields = {}
    for key in ("id", "url", "title", "published", "site", "language"):
        value = record.get(key)
        if value is not None and not isinstance(value, str | int):
            raise InputError(f"field {key!r} must be a string, not {type(value).__name__}")
        fields[key] = str(value) if value is not None else None
    if isinstance(html, str) and html.strip():
        return RawInput(source, "html", html, **fields)
    assert isinstance(text, str)
    return RawInput(source, "text", text, **fields)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, InputError):
        return str(exc)
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return f"{type(exc).__name__}: {exc}"
