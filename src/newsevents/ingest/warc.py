"""Web archives (WARC, as written by crawlers and by Common Crawl's news crawl): one article per HTML page.

Every HTML response (or resource) record with a 2xx status becomes ``RawInput(kind="html")`` with the
record's target URI as ``url``, its ``WARC-Date`` as ``captured`` and its HTTP charset as ``charset``;
its source is ``path@offset`` (the byte offset of the record, or of its gzip member). Requests,
metadata, revisits, non-HTML responses and error pages are skipped and tallied. The archive is read
as a stream, one record at a time. A damaged or truncated archive yields the records before the
damage, then one ``Failure`` naming the file, the offset and the reason.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeadersParserException

from newsevents.errors import Failure
from newsevents.ingest.raw import RawInput, Skipped

WARC_SUFFIXES = (".warc", ".warc.gz")
_READ_ERRORS = (ArchiveLoadFailed, StatusAndHeadersParserException, OSError, EOFError, zlib.error, ValueError)


class _DamagedRecord(Exception):
    """A record ends before its declared length: the archive is truncated or corrupt from here on."""


def looks_like_warc(head: bytes) -> bool:
    """True when (decompressed) data starts like a WARC file."""
    return head.startswith(b"WARC/")


def warc_inputs(source: str, stream: BinaryIO, max_bytes: int, *, skipped: Skipped) -> Iterator[RawInput | Failure]:
    """The HTML pages in the WARC ``stream``, in archive order; see the module docstring."""
    counted = _CountingReader(stream)
    records = ArchiveIterator(counted)
    read = 0
    try:
        for record in records:
            offset = records.offset  # where this record starts (get_record_offset() would read it all)
            item = _record_input(source, record, offset, max_bytes, skipped)
            read += 1
            if item is not None:
                yield item
    except (_DamagedRecord, *_READ_ERRORS) as exc:
        yield Failure(source, "read", _damage(records.offset, read, _reason(exc)))
        return
    if read == 0 and counted.total == 0:
        yield Failure(source, "read", "the web archive is empty (no WARC records)")
        return
    while counted.read(1 << 16):  # how long the file really is: bytes after the last good record?
        pass
    if records.offset < counted.total or (read == 0 and counted.total):
        what = "truncated or corrupt data that is not a WARC record"
        yield Failure(source, "read", _damage(records.offset, read, what))


def _damage(offset: int, read: int, reason: str) -> str:
    return (
        f"damaged WARC at byte offset {offset:,}: {reason}; "
        f"{read} record{'s' if read != 1 else ''} before it were read, the rest of the file is skipped"
    )


def _reason(exc: BaseException) -> str:
    # A corrupt record's "first line" is arbitrary bytes: keep the one-line reason printable and short.
    message = " ".join(str(exc).encode("ascii", "backslashreplace").decode("ascii").split())
    message = "".join(c if c.isprintable() else "?" for c in message)
    head, found, first_line = message.partition("first line: ")
    message = (head + found + first_line[:40] + ("..." if len(first_line) > 40 else ""))[:200]
    if isinstance(exc, _DamagedRecord):
        return message
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def _record_input(
    source: str, record: ArcWarcRecord, offset: int, max_bytes: int, skipped: Skipped
) -> RawInput | Failure | None:
    """The article in one record, a Failure for an unreadable page, or None (skipped and tallied)."""
    if record.format != "warc":
        raise _DamagedRecord(f"a {record.format} record, not WARC")
    kind = record.rec_type
    if not kind or record.rec_headers.get_header("Content-Length") is None:
        raise _DamagedRecord("a record header is cut off (no WARC-Type or Content-Length)")
    if kind not in ("response", "resource"):
        skipped.add(f"WARC {kind} record")
        return None
    http = record.http_headers if kind == "response" else None
    if http is not None:
        status = http.get_statuscode() or ""
        if not status.startswith("2"):
            skipped.add(f"HTTP {status[:1] or '?'}xx response")
            return None
        content_type = http.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    payload = record.content_stream().read(max_bytes + 1)
    if len(payload) > max_bytes:
        return Failure(f"{source}@{offset}", "read", f"page is over the limit of {max_bytes:,} bytes (max_page_bytes)")
    if record.length is None or getattr(record.raw_stream, "limit", 0) > 0:
        missing = getattr(record.raw_stream, "limit", None)
        detail = f"{missing:,} of its {record.length:,} bytes are missing" if missing else "its header is cut off"
        raise _DamagedRecord(f"the record is truncated ({detail})")
    media_type = content_type.split(";")[0].strip().lower()
    if "html" not in media_type and not (not media_type and _sniff_html(payload)):
        skipped.add(f"non-HTML {kind} ({media_type or 'no content type'})")
        return None
    url = (record.rec_headers.get_header("WARC-Target-URI") or "").strip("<> ") or None
    return RawInput(
        f"{source}@{offset}",
        "html",
        payload,
        url=url,
        captured=record.rec_headers.get_header("WARC-Date"),
        charset=_charset(content_type),
    )


def _sniff_html(payload: bytes) -> bool:
    head = payload[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip(" \"'"):
            return value.strip(" \"'")
    return None


class _CountingReader(io.RawIOBase):
    """A read-only stream over ``stream`` that counts the bytes read through it."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.total = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        data = self._stream.read(-1 if size is None else size)
        self.total += len(data)
        return data

    def tell(self) -> int:
        return self.total

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def, override]
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
