"""Input files under a local path or an object-store URI, read into numbered raw inputs.

A run's inputs are listed in the order a local ``ingest`` reads them (a directory's files sorted by
path, recursively) and each file is read with the same readers as ``newsevents ingest`` (HTML pages,
scraped text, JSON Lines, WARC, feeds), plus Parquet files whose rows are records like JSON Lines
ones (``id, url, title, html | text, published, site, language``). URIs go through pyarrow's
filesystems (``s3://``, ``gs://``, ``hdfs://``, ``file://``): a remote file is copied to a local
temporary file, read, and its inputs keep the URI as their source.
"""

from __future__ import annotations

import shutil
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from pyarrow import fs

from newsevents.errors import Failure
from newsevents.ingest import RawInput, iter_inputs
from newsevents.ingest.feeds import looks_like_feed
from newsevents.ingest.files import HTML_SUFFIXES, JSONL_SUFFIXES, TEXT_SUFFIXES
from newsevents.ingest.warc import WARC_SUFFIXES

PARQUET_SUFFIXES = (".parquet",)
_PAGE_SUFFIXES = HTML_SUFFIXES + TEXT_SUFFIXES + JSONL_SUFFIXES + (".rss", ".atom", ".xml")
RECORD_FIELDS = ("id", "url", "title", "published", "site", "language")


def filesystem(location: str) -> tuple[fs.FileSystem, str]:
    """The pyarrow filesystem of a local path or URI, and the path within it."""
    if "://" in location:
        return fs.FileSystem.from_uri(location)
    return fs.LocalFileSystem(), str(Path(location).resolve())


def list_input_files(locations: list[str]) -> list[str]:
    """Every input file under ``locations`` (files, directories, URIs), in the order ingest reads them."""
    files: list[str] = []
    for location in locations:
        filesystem_, path = filesystem(location)
        info = filesystem_.get_file_info(path)
        if info.type == fs.FileType.Directory:
            found = filesystem_.get_file_info(fs.FileSelector(path, recursive=True))
            names = [
                f.path
                for f in found
                if f.type == fs.FileType.File and is_input_name(f.path) and _feed_if_xml(filesystem_, f.path)
            ]
            files += [_rejoin(location, path, name) for name in sorted(names, key=_path_key)]
        else:
            files.append(location)  # a missing file is reported as a failure when read
    return files


def is_input_name(name: str) -> bool:
    """Whether a file found in a directory is read as input (by its name, as ``ingest`` does)."""
    lower = PurePosixPath(name).name.lower()
    if lower.endswith(WARC_SUFFIXES + PARQUET_SUFFIXES):
        return True
    return lower.removesuffix(".gz").endswith(_PAGE_SUFFIXES)


def read_records(location: str, max_bytes: int) -> Iterator[RawInput | Failure]:
    """The raw inputs (and read failures) of one input file, in file order."""
    if location.lower().endswith(PARQUET_SUFFIXES):
        yield from _parquet_records(location)
        return
    if "://" not in location or location.startswith("file://"):
        local = location.removeprefix("file://")
        yield from iter_inputs([local], max_bytes=max_bytes)
        return
    filesystem_, path = filesystem(location)
    suffix = "".join(PurePosixPath(path).suffixes[-2:])
    with tempfile.NamedTemporaryFile(suffix=suffix) as local:
        try:
            with filesystem_.open_input_stream(path) as remote:
                shutil.copyfileobj(remote, local)
            local.flush()
        except OSError as exc:
            yield Failure(location, "read", f"cannot read {location}: {exc}")
            return
        for item in iter_inputs([local.name], max_bytes=max_bytes):
            yield _renamed(item, local.name, location)


def _parquet_records(location: str) -> Iterator[RawInput | Failure]:
    import pyarrow.parquet as pq

    filesystem_, path = filesystem(location)
    try:
        parquet = pq.ParquetFile(filesystem_.open_input_file(path))
        number = 0
        for batch in parquet.iter_batches(batch_size=256):
            for record in batch.to_pylist():
                number += 1
                yield parquet_record(f"{location}:{number}", record)
    except OSError as exc:
        yield Failure(location, "read", f"cannot read Parquet file: {exc}")


def parquet_record(source: str, record: dict[str, Any]) -> RawInput | Failure:
    """One Parquet row as a raw input, read as a JSON Lines record would be (a Failure when unusable)."""
    html, text = record.get("html"), record.get("text")
    fields = {k: (str(record[k]) if record.get(k) is not None else None) for k in RECORD_FIELDS}
    if isinstance(html, bytes | str) and html.strip():
        return RawInput(source, "html", html, **fields)
    if isinstance(text, str) and text.strip():
        return RawInput(source, "text", text, **fields)
    return Failure(source, "read", "record has neither a non-empty 'html' nor a non-empty 'text' field")


def _feed_if_xml(filesystem_: fs.FileSystem, path: str) -> bool:
    """False for an XML file that is not a feed (a sitemap): a directory ingest skips those too."""
    if not path.lower().removesuffix(".gz").endswith(".xml"):
        return True
    try:
        with filesystem_.open_input_stream(path) as stream:
            head = stream.read(65_536)
    except OSError:
        return True  # reading it reports the error
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 65_536)
        except zlib.error:
            return True
    return looks_like_feed(head)


def _renamed(item: RawInput | Failure, local: str, location: str) -> RawInput | Failure:
    if isinstance(item, Failure):
        return Failure(item.input.replace(local, location, 1), item.stage, item.reason, item.article_id)
    item.source = item.source.replace(local, location, 1)
    return item


def _rejoin(location: str, root: str, found: str) -> str:
    """A found file's name in the form of ``location`` (keep the URI scheme, or the path as given)."""
    relative = PurePosixPath(found).relative_to(PurePosixPath(root))
    return location.rstrip("/") + "/" + relative.as_posix()


def _path_key(name: str) -> tuple[str, ...]:
    return PurePosixPath(name).parts  # the order of ``sorted(Path.rglob(...))`` in a local ingest
