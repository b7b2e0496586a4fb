"""Reading paths, directories and standard input: sniff each input's format and hand it to its reader."""

from __future__ import annotations

import gzip
import io
import json
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from newsevents.errors import Failure, InputError
from newsevents.ingest.arc import ARC_SUFFIXES, arc_inputs, looks_like_arc
from newsevents.ingest.feeds import FEED_SUFFIXES, feed_inputs, looks_like_feed
from newsevents.ingest.raw import RawInput, Skipped, report_skipped
from newsevents.ingest.warc import WARC_SUFFIXES, looks_like_warc, warc_inputs

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
DEFAULT_MAX_BYTES = 20_000_000
_HEAD_BYTES = 65_536  # enough of an input to tell its format


def iter_inputs(
    paths: Iterable[str | Path],
    *,
    url: str | None = None,
    published: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    skipped: Skipped | None = None,
) -> Iterator[RawInput | Failure]:
    """Every input under ``paths`` in order; ``url`` and ``published`` apply to inputs lacking them.

    Records that are not articles (WARC requests, revisits, feed items without content) are tallied
    in ``skipped`` when given, and logged as one line per file on the ``newsevents.ingest`` logger.
    """
    for path in paths:
        for item in _read_path(str(path), max_bytes, skipped):
            if isinstance(item, RawInput):
                item.url = item.url or url
                item.published = item.published or published
            yield item


def _read_path(path: str, max_bytes: int, skipped: Skipped | None) -> Iterator[RawInput | Failure]:
    if path == "-":
        yield from _read_stream("-", sys.stdin.buffer, max_bytes, skipped)
        return
    p = Path(path)
    if p.is_dir():
        files = sorted(f for f in p.rglob("*") if f.is_file() and _known_format(f))
        for file in files:
            yield from _read_file(file, max_bytes, skipped)
        return
    yield from _read_file(p, max_bytes, skipped)


def _known_format(path: Path) -> bool:
    lower = path.name.lower()
    if lower.endswith(WARC_SUFFIXES + ARC_SUFFIXES):
        return True
    lower = lower.removesuffix(".gz")
    if lower.endswith(".xml"):  # sitemaps and other XML are not articles; feeds are
        return _file_looks_like_feed(path)
    return lower.endswith(HTML_SUFFIXES + TEXT_SUFFIXES + JSONL_SUFFIXES + FEED_SUFFIXES)


def _file_looks_like_feed(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
        if head[:2] == b"\x1f\x8b":
            head = _gunzip_head(head)
    except OSError:
        return True  # let reading it report the error
    return looks_like_feed(head)


def _read_file(path: Path, max_bytes: int, skipped: Skipped | None) -> Iterator[RawInput | Failure]:
    source = str(path)
    try:
        if not path.exists():
            raise InputError("no such file or directory")
        # A web archive holds many pages: the size cap applies to each record, not to the file.
        if not path.name.lower().endswith(WARC_SUFFIXES + ARC_SUFFIXES):
            size = path.stat().st_size
            if size > max_bytes:
                raise InputError(f"file is {size:,} bytes, over the limit of {max_bytes:,} (max_page_bytes)")
        with path.open("rb") as handle:
            yield from _read_stream(source, handle, max_bytes, skipped, name=path.name)
    except (OSError, InputError) as exc:
        yield Failure(source, "read", _describe(exc))


def _read_stream(
    source: str, handle: BinaryIO, max_bytes: int, skipped: Skipped | None, name: str | None = None
) -> Iterator[RawInput | Failure]:
    lower = (name or "").lower()
    try:
        head = handle.read(_HEAD_BYTES)
        plain_head = _gunzip_head(head) if head[:2] == b"\x1f\x8b" else head
        if lower.endswith(WARC_SUFFIXES) or looks_like_warc(plain_head):
            yield from _with_skips(source, skipped, warc_inputs, source, _Joined(head, handle), max_bytes)
            return
        if lower.endswith(ARC_SUFFIXES) or looks_like_arc(plain_head):
            yield from _with_skips(source, skipped, arc_inputs, source, _Joined(head, handle), max_bytes)
            return
        data = head + handle.read(max(0, max_bytes + 1 - len(head)))
        if len(data) > max_bytes:
            raise InputError(f"input is over the limit of {max_bytes:,} bytes (max_page_bytes)")
        if lower.endswith(".gz") or data[:2] == b"\x1f\x8b":
            data = _gunzip(data, max_bytes)
            lower = lower.removesuffix(".gz")
        if lower.endswith(FEED_SUFFIXES) or ((lower.endswith(".xml") or not name) and looks_like_feed(data)):
            yield from _with_skips(source, skipped, feed_inputs, source, data)
        elif lower.endswith(JSONL_SUFFIXES) or (not name and _looks_like_jsonl(data)):
            yield from _read_jsonl(source, data)
        elif lower.endswith(TEXT_SUFFIXES):
            yield RawInput(source, "text_page", _decode_text(data))
        elif lower.endswith(HTML_SUFFIXES) or _looks_like_html(data):
            if binary := _binary_kind(data):
                raise InputError(f"{binary}, not an HTML page (the name says .html, the content does not)")
            yield RawInput(source, "html", data)
        elif not data.strip():
            raise InputError("the input is empty")
        elif _looks_binary(data):
            raise InputError("binary data, not a page, feed, web archive or JSON Lines (unknown format)")
        else:
            yield RawInput(source, "text_page", _decode_text(data))
    except (OSError, InputError, EOFError, gzip.BadGzipFile) as exc:
        yield Failure(source, "read", _describe(exc))


def _with_skips(source: str, skipped: Skipped | None, reader, *args) -> Iterator[RawInput | Failure]:  # type: ignore[no-untyped-def]
    """Run a container reader with its own tally, then log it and add it to the caller's."""
    mine = Skipped()
    yield from reader(*args, skipped=mine)
    report_skipped(source, mine)
    if skipped is not None:
        skipped.counts.update(mine.counts)
        skipped.notes.extend(mine.notes)


class _Joined(io.RawIOBase):
    """The bytes already read (``head``) followed by the rest of ``handle``: a stream read once."""

    def __init__(self, head: bytes, handle: BinaryIO) -> None:
        self._head = memoryview(head)
        self._handle = handle

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def, override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._handle.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _gunzip_head(head: bytes) -> bytes:
    """The first decompressed bytes of a gzip stream (as many as ``head`` gives), for sniffing."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, _HEAD_BYTES)
    except zlib.error:
        return b""


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as unzipped:
        try:
            out = unzipped.read(max_bytes + 1)
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError(f"not a valid gzip file ({exc})") from None
    if len(out) > max_bytes:
        raise InputError(f"decompressed input is over the limit of {max_bytes:,} bytes (max_page_bytes)")
    return out


def _looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype", b"<html", b"<?xml", b"<head", b"<body", b"<meta", b"<div"))


def _looks_like_jsonl(data: bytes) -> bool:
    return data.lstrip()[:1] == b"{"


_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def _looks_binary(data: bytes) -> bool:
    """True for data that is no text in any charset: NUL bytes or many control characters."""
    sample = data[:4096]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text
        return False
    return b"\x00" in sample or len(_CONTROL.findall(sample)) > len(sample) // 20


_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"\x7fELF", "an ELF executable"),
    (b"MZ", "a Windows executable"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\xca\xfe\xba\xbe", "a Mach-O or Java class file"),
    (b"\xcf\xfa\xed\xfe", "a Mach-O executable"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"\x00\x00\x01\x00", "an icon image"),
)
_WEBP = re.compile(rb"RIFF....WEBP", re.S)


def _binary_kind(data: bytes) -> str | None:
    """What binary file ``data`` is (``"a PDF document"``), or None when it may be a page.

    A page with a stray NUL byte is still a page (extraction removes it): besides known file
    signatures, only data whose first 4 kB are more than a tenth control characters is binary.
    """
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            if signature == b"MZ" and b"This program cannot be run in DOS mode" not in data[:512]:
                continue  # "MZ" alone could begin a text
            return kind
    if _WEBP.match(data[:12]):
        return "a WebP image"
    sample = data[:4096]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text
        return None
    controls = len(_CONTROL.findall(sample))
    return "binary data" if controls > len(sample) // 10 else None


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
