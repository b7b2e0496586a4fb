"""ARC web archives (the Internet Archive's format before WARC, ``.arc`` and ``.arc.gz``): one article per page.

warcio reads ARC records and, with ``arc2warc``, presents each as a WARC record: the ARC header's URL
becomes ``WARC-Target-URI`` and its 14-digit archive date becomes ``WARC-Date``. Every HTML response
with a 2xx status becomes ``RawInput(kind="html")`` with that URL as ``url``, that date as
``captured`` and the HTTP charset as ``charset``; its source is ``path@offset`` (the record's byte
offset, or its gzip member's). The file header (``filedesc://``), non-HTML pages, error pages and
records without HTTP headers that do not look like HTML are skipped and tallied.

ARC files are old and rare next to WARC: a truncated record is one ``Failure``; a record warcio
cannot read ends the reading of its file with one ``Failure`` saying where and how many records came
before (no resynchronisation as for WARC).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeadersParserException

from newsevents.errors import Failure
from newsevents.ingest.archived import html_page, http_content_type
from newsevents.ingest.raw import RawInput, Skipped

ARC_SUFFIXES = (".arc", ".arc.gz")
_READ_ERRORS = (ArchiveLoadFailed, StatusAndHeadersParserException, OSError, EOFError, zlib.error, ValueError)


def looks_like_arc(head: bytes) -> bool:
    """True when (decompressed) data starts like an ARC file: its ``filedesc://`` header record."""
    return head.startswith(b"filedesc://")


def arc_inputs(source: str, stream: BinaryIO, max_bytes: int, *, skipped: Skipped) -> Iterator[RawInput | Failure]:
    """The HTML pages in the ARC ``stream``, in archive order; see the module docstring."""
    records = ArchiveIterator(stream, arc2warc=True)
    read = 0
    offset = 0
    try:
        for record in records:
            offset = records.offset  # where this record starts (get_record_offset would read it through)
            item = _record_input(f"{source}@{offset}", record, max_bytes, skipped)
            read += 1
            if item is not None:
                yield item
    except _READ_ERRORS as exc:
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        yield Failure(
            source,
            "read",
            f"damaged ARC at or after byte offset {offset:,}: {reason}; {read} record{'s' if read != 1 else ''} "
            "before it were read, the rest of the file is skipped",
        )
        return
    if read == 0:
        yield Failure(source, "read", "the ARC file holds no records")


def _record_input(source: str, record: ArcWarcRecord, max_bytes: int, skipped: Skipped) -> RawInput | Failure | None:
    """The article in one record, a Failure for a page over the size limit, or None (skipped and tallied)."""
    if record.rec_type != "response":
        skipped.add(f"ARC {record.rec_type or 'unknown'} record")
        return None
    content_type = http_content_type(record, skipped)
    if content_type is None:
        return None
    payload = record.content_stream().read(max_bytes + 1)
    if len(payload) > max_bytes:
        return Failure(source, "read", f"page is over the limit of {max_bytes:,} bytes (max_page_bytes)")
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:  # warcio hands on what there is of a record cut short; a partial page is no article
        return Failure(source, "read", f"damaged ARC record: it is truncated ({missing:,} of its bytes are missing)")
    return html_page(source, record, payload, content_type, skipped, "ARC response")
