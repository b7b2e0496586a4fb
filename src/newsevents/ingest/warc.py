"""Web archives (WARC, as written by crawlers and by Common Crawl's news crawl): one article per HTML page.

Every HTML response (or resource) record with a 2xx status becomes ``RawInput(kind="html")`` with the
record's target URI as ``url``, its ``WARC-Date`` as ``captured`` and its HTTP charset as ``charset``;
its source is ``path@offset`` (the byte offset of the record, or of its gzip member). Requests,
metadata, revisits, non-HTML responses and error pages are skipped and tallied.

The archive is read as a stream, one record at a time. We find where each record ends ourselves
(the gzip member's end in a ``.warc.gz``, the ``Content-Length`` and the blank lines after it in a
``.warc``) and let warcio parse the record's headers. So a damaged record (a header that is not
WARC, a gzip member that does not decompress, a record cut short or longer than its
``Content-Length`` says) costs that record only: it becomes one ``Failure`` naming the file and the
record's byte offset, and reading resynchronises at the next record, found by scanning forward for
a line starting ``WARC/1.`` (uncompressed) or for a gzip member that decompresses to one
(``\\x1f\\x8b\\x08``, compressed). To go back and scan, the reader keeps the bytes of the record
being read, up to twice ``max_page_bytes``: a damaged record longer than that is scanned from
that far behind the point where its damage was noticed.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from warcio.bufferedreaders import BufferedReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord, ArcWarcRecordLoader
from warcio.statusandheaders import StatusAndHeadersParserException

from newsevents.errors import Failure
from newsevents.ingest.archived import html_page, http_content_type
from newsevents.ingest.raw import RawInput, Skipped

WARC_SUFFIXES = (".warc", ".warc.gz")
_GZIP_MAGIC = b"\x1f\x8b\x08"  # gzip header with the deflate method: where a member may start
_FIRST_LINE = re.compile(rb"WARC/1\.\d\r?\n")
_HEADROOM = 1 << 20  # bytes of WARC and HTTP headers a record may hold on top of its page
_CHUNK = 1 << 16
_PARSE_ERRORS = (ArchiveLoadFailed, StatusAndHeadersParserException, OSError, EOFError, zlib.error, ValueError)


class _DamagedRecord(Exception):
    """The record being read is damaged; the message says how."""


@dataclass(frozen=True)
class _Damage:
    """A damaged stretch of the archive: where it starts, why, and where reading resumed (None: nowhere)."""

    offset: int
    reason: str
    resumed_at: int | None


def looks_like_warc(head: bytes) -> bool:
    """True when (decompressed) data starts like a WARC file."""
    return head.startswith(b"WARC/")


def warc_inputs(source: str, stream: BinaryIO, max_bytes: int, *, skipped: Skipped) -> Iterator[RawInput | Failure]:
    """The HTML pages in the WARC ``stream``, in archive order; see the module docstring."""
    cap = max_bytes + _HEADROOM
    data = _Window(stream, keep=2 * cap)
    if data.at_end():
        yield Failure(source, "read", "the web archive is empty (no WARC records)")
        return
    records = _gzip_records(data, cap) if data.peek(2) == _GZIP_MAGIC[:2] else _plain_records(data, cap)
    read = damaged = 0
    for record in records:
        if isinstance(record, _Damage):
            damaged += 1
            yield Failure(source, "read", _damage_reason(record, read))
            continue
        offset, raw = record
        try:
            item = _record_input(source, _parse(raw), offset, max_bytes, skipped)
        except (_DamagedRecord, *_PARSE_ERRORS) as exc:  # framed right, but its headers are broken
            damaged += 1
            resumed_at = None if data.at_end() else data.pos
            yield Failure(source, "read", _damage_reason(_Damage(offset, _reason(exc), resumed_at), read))
            continue
        read += 1
        if item is not None:
            yield item
    if read == 0 and damaged == 0:
        yield Failure(source, "read", "the web archive holds no WARC records")


def _damage_reason(damage: _Damage, read: int) -> str:
    after = (
        f"reading goes on at the next record, at byte offset {damage.resumed_at:,}"
        if damage.resumed_at is not None
        else "no record follows it, the rest of the file is skipped"
    )
    return (
        f"damaged WARC at byte offset {damage.offset:,}: {damage.reason}; "
        f"{read} record{'s' if read != 1 else ''} before it were read, {after}"
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


# -- finding the records ----------------------------------------------------------------------


def _plain_records(data: _Window, cap: int, *, cut: bool = False) -> Iterator[tuple[int, bytes] | _Damage]:
    """(offset, record bytes) of each record of an uncompressed WARC, and a ``_Damage`` where one is
    broken, after which reading resumes at the next line that starts a record.

    ``cut``: the data was cut short at ``cap`` bytes on purpose, so a last record ending early is
    not damage (it is over the size limit, and its reader says so).
    """
    while True:
        data.skip_blank_lines()
        start = data.pos
        data.release(start)
        if data.at_end():
            return
        try:
            yield start, _read_plain_record(data, cap, cut)
        except _DamagedRecord as exc:
            resume = _next_plain_record(data, start + 1)
            yield _Damage(start, _reason(exc), resume)
            if resume is None:
                return
            data.seek(resume)


def _read_plain_record(data: _Window, cap: int, cut: bool) -> bytes:
    """One record's header and block (the first ``cap`` bytes of it), checked against its framing."""
    first = data.readline(64)
    if not _FIRST_LINE.fullmatch(first):
        shown = "".join(c if c.isprintable() else "?" for c in first[:40].rstrip(b"\r\n").decode("latin-1"))
        raise _DamagedRecord(f"not the start of a WARC record (it starts {shown!r})")
    header = [first]
    length: int | None = None
    while True:
        line = data.readline(_HEADROOM)
        if not line.endswith(b"\n"):
            raise _DamagedRecord("a record header is cut off (the file ends inside it, or a line is too long)")
        header.append(line)
        if line in (b"\r\n", b"\n"):
            break
        if sum(map(len, header)) > _HEADROOM:
            raise _DamagedRecord(f"the record header is over {_HEADROOM:,} bytes")
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            if not value.strip().isdigit():
                raise _DamagedRecord(f"its Content-Length is not a number ({value.strip()[:20]!r})")
            length = int(value.strip())
    if length is None:
        raise _DamagedRecord("a record header is cut off (no Content-Length)")
    block_start = data.pos
    block = data.read(min(length, cap))
    data.skip(length - len(block))  # the part over the cap, when there is one
    missing = length - (data.pos - block_start)
    if missing and cut:
        return b"".join(header) + block
    if missing:
        raise _DamagedRecord(f"the record is truncated ({missing:,} of its {length:,} bytes are missing)")
    if not data.at_end() and data.peek(1) not in (b"\r", b"\n"):
        raise _DamagedRecord(
            f"no blank line after its {length:,} bytes: its Content-Length is wrong or the record is corrupt"
        )
    data.skip_blank_lines()
    return b"".join(header) + block


def _gzip_records(data: _Window, cap: int) -> Iterator[tuple[int, bytes] | _Damage]:
    """As ``_plain_records`` for a WARC compressed one record per gzip member; the offset of a record
    is the offset of its member, and reading resumes at the next member that holds a record."""
    while True:
        start = data.pos
        data.release(start)
        if data.at_end():
            return
        try:
            member, cut = _read_member(data, cap)
        except _DamagedRecord as exc:
            resume = _next_gzip_record(data, start + 1)
            yield _Damage(start, _reason(exc), resume)
            if resume is None:
                return
            data.seek(resume)
            continue
        # A member normally holds one record; an archive gzipped whole holds them all in one.
        for record in _plain_records(_Window(io.BytesIO(member), keep=2 * cap), cap, cut=cut):
            if isinstance(record, _Damage):
                yield _Damage(start, record.reason, data.pos if not data.at_end() else None)
                break
            yield start, record[1]


def _read_member(data: _Window, cap: int) -> tuple[bytes, bool]:
    """The next gzip member, decompressed (its first ``cap`` bytes), and whether it was longer."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = bytearray()
    cut = False
    while not inflater.eof:
        chunk = data.read(_CHUNK)
        if not chunk:
            raise _DamagedRecord("the gzip member is cut off (the file ends inside it)")
        try:
            while chunk and not inflater.eof:
                piece = inflater.decompress(chunk, _CHUNK)  # bounded output: a gzip bomb is read in steps
                chunk = inflater.unconsumed_tail
                room = max(0, cap - len(out))
                out += piece[:room]
                cut = cut or len(piece) > room
        except zlib.error as exc:
            raise _DamagedRecord(f"the gzip member does not decompress ({exc})") from None
    data.seek(data.pos - len(inflater.unused_data))  # the next member starts right after this one
    return bytes(out), cut


def _next_plain_record(data: _Window, start: int) -> int | None:
    """The offset of the first line at or after ``start`` that starts a WARC record; None at the end."""
    at = start - 1
    while (found := data.find(b"\nWARC/1.", at)) is not None:
        candidate = found + 1
        if _FIRST_LINE.match(data.bytes_at(candidate, 12)):
            return candidate
        at = candidate
    return None


def _next_gzip_record(data: _Window, start: int) -> int | None:
    """The offset of the first gzip member at or after ``start`` that decompresses to a WARC record."""
    at = start
    while (found := data.find(_GZIP_MAGIC, at)) is not None:
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data.bytes_at(found, _CHUNK), 16)
        except zlib.error:
            head = b""
        if head.startswith(b"WARC/1."):
            return found
        at = found + 1
    return None


class _Window:
    """The archive's bytes, read once from ``stream``, with the ones from the current record on
    kept (at most ``keep`` bytes behind the read position) so that reading can go back to resync."""

    def __init__(self, stream: BinaryIO, keep: int) -> None:
        self._stream = stream
        self._keep = keep
        self._buffer = bytearray()
        self._start = 0  # offset in the archive of _buffer[0]
        self._eof = False
        self.pos = 0  # offset in the archive of the next byte to read

    @property
    def _end(self) -> int:
        return self._start + len(self._buffer)

    def _fill(self, end: int) -> bool:
        """Read from the stream until the buffer reaches offset ``end``; False when the stream ends first."""
        while self._end < end and not self._eof:
            chunk = self._stream.read(min(max(_CHUNK, end - self._end), 1 << 24))
            if not chunk:
                self._eof = True
                break
            self._buffer += chunk
            excess = self.pos - self._start - self._keep
            if excess > 0:
                del self._buffer[:excess]
                self._start += excess
        return self._end >= end

    def at_end(self) -> bool:
        return not self._fill(self.pos + 1)

    def peek(self, size: int) -> bytes:
        return self.bytes_at(self.pos, size)

    def bytes_at(self, offset: int, size: int) -> bytes:
        """Up to ``size`` bytes from ``offset`` (which must still be kept), without moving."""
        self._fill(offset + size)
        at = offset - self._start
        return bytes(self._buffer[at : at + size])

    def read(self, size: int) -> bytes:
        out = self.bytes_at(self.pos, size)
        self.pos += len(out)
        return out

    def skip(self, size: int) -> None:
        """Move ``size`` bytes on (or to the end), reading them a chunk at a time."""
        end = self.pos + size
        while self.pos < end and (self._fill(min(end, self.pos + _CHUNK)) or self._end > self.pos):
            self.pos = min(end, self._end)

    def readline(self, limit: int) -> bytes:
        """The bytes up to and including the next newline, at most ``limit`` of them."""
        while True:
            at = self.pos - self._start
            index = self._buffer.find(b"\n", at, at + limit)
            if index >= 0:
                return self.read(index + 1 - at)
            if self._end - self.pos >= limit or not self._fill(self._end + 1):
                return self.read(limit)

    def skip_blank_lines(self) -> None:
        while self.peek(1) in (b"\r", b"\n"):
            self.pos += 1

    def seek(self, offset: int) -> None:
        if offset < self._start:
            raise ValueError(f"offset {offset} is no longer kept (kept from {self._start})")
        self.pos = offset

    def release(self, offset: int) -> None:
        """Forget the bytes before ``offset``: reading will not go back before it."""
        drop = min(offset, self.pos) - self._start
        if drop > 0:
            del self._buffer[:drop]
            self._start += drop

    def find(self, pattern: bytes, start: int) -> int | None:
        """The offset of the first ``pattern`` at or after ``start``, reading on as needed; None at the end.

        Scanning moves the read position along, so that a long scan keeps no more than ``keep`` bytes."""
        at = max(start, self._start)
        while True:
            index = self._buffer.find(pattern, at - self._start)
            if index >= 0:
                return self._start + index
            at = max(at, self._end - len(pattern) + 1)
            self.pos = max(self.pos, at)
            end = self._end
            self._fill(end + _CHUNK)
            if self._end == end:
                return None


# -- reading one record -----------------------------------------------------------------------


def _parse(raw: bytes) -> ArcWarcRecord:
    """warcio's reading of one record's bytes (its headers parsed, its block as a stream)."""
    try:
        return ArcWarcRecordLoader().parse_record_stream(BufferedReader(io.BytesIO(raw)), known_format="warc")
    except Exception as exc:  # warcio trips on odd headers in odd ways (a response without a URI: AttributeError)
        raise _DamagedRecord(f"warcio cannot read the record's headers ({_reason(exc)})") from None


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
    if kind == "response" and record.http_headers is not None:
        content_type = http_content_type(record, skipped)
        if content_type is None:
            return None
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    payload = record.content_stream().read(max_bytes + 1)
    if len(payload) > max_bytes:
        return Failure(f"{source}@{offset}", "read", f"page is over the limit of {max_bytes:,} bytes (max_page_bytes)")
    if record.length is None or getattr(record.raw_stream, "limit", 0) > 0:
        missing = getattr(record.raw_stream, "limit", None)
        detail = f"{missing:,} of its {record.length:,} bytes are missing" if missing else "its header is cut off"
        raise _DamagedRecord(f"the record is truncated ({detail})")
    return html_page(f"{source}@{offset}", record, payload, content_type, skipped, kind)
