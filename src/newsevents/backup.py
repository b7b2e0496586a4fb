"""Backups: the whole store as one Parquet file per table plus a manifest, and back again.

``export_store`` writes ``DIR/<table>.parquet`` for every table (articles, their analysis rows,
failures, duplicates and stories, and ``meta``) and then ``DIR/newsevents-export.json``, the manifest:
the format, the store's schema version, the newsevents version and each table's file and row count.
The manifest is written last, so a directory holding one is a complete export. ``load_export``
reads such a directory into a store that holds nothing yet, in one transaction, checking the row
counts: export then load gives identical table contents. Into a store that holds articles already it
adds the export's other articles with their rows (those already stored are skipped, so loading twice
adds nothing), then gives them stories among the store's own with the story backfill.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from newsevents import __version__
from newsevents.config import Settings
from newsevents.errors import InputError
from newsevents.store import ALL_TABLES, SCHEMA_VERSION, Store

MANIFEST = "newsevents-export.json"
FORMAT = "newsevents-store-export"
EXPORT_FORMATS = ("parquet",)


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote or a load read: the directory and the rows of each table."""

    directory: str
    rows: dict[str, int]
    skipped: int | None = None  # articles of the export already stored (None: loaded into a new store)
    stories: dict[str, int] | None = None  # what the backfill did for the articles added (``BackfillCounts``)
    seconds: dict[str, float] | None = None  # time taken by the rows ("rows") and by the stories ("stories")

    def as_dict(self) -> dict[str, object]:
        added = {} if self.skipped is None else {"skipped": self.skipped, "stories": dict(self.stories or {})}
        return {"directory": self.directory, "rows": dict(self.rows), **added}

    def summary(self) -> str:
        """One line: ``DIR: 12 articles, 48 events, 3 failures (14 tables)``, or what was added to a store
        that held articles: ``DIR: added 12 articles, 48 events, 3 failures; 4 already stored, skipped``."""
        shown = ", ".join(f"{self.rows.get(t, 0)} {t}" for t in ("articles", "events", "failures"))
        if self.skipped is None:
            return f"{self.directory}: {shown} ({len(self.rows)} tables)"
        stories = self.stories or {}
        return (f"{self.directory}: added {shown}; {self.skipped} already stored, skipped; stories given to "
                f"{stories.get('articles', 0)} articles ({stories.get('stories', 0)} new stories)")  # fmt: skip


def is_export(directory: str | Path) -> bool:
    """True when ``directory`` holds a whole-store export (its manifest)."""
    return (Path(directory) / MANIFEST).is_file()


def export_store(store: Store, directory: str | Path, *, fmt: str = "parquet") -> ExportReport:
    """Write every table of ``store`` under ``directory`` (created; must be empty) and the manifest last."""
    if fmt not in EXPORT_FORMATS:
        raise InputError(f"unknown export format {fmt!r}; valid: {', '.join(EXPORT_FORMATS)}")
    out = Path(directory)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise InputError(f"{out}: the export directory must be new or empty (nothing is overwritten)")
    out.mkdir(parents=True, exist_ok=True)
    rows: dict[str, int] = {}
    for table in store.tables():
        rows[table] = store.export_table(table, out / f"{table}.parquet")
    manifest = {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "newsevents": __version__,
        "created": datetime.now(UTC).isoformat(),
        "tables": {t: {"file": f"{t}.parquet", "rows": n} for t, n in rows.items()},
    }
    partial = out / (MANIFEST + ".part")
    partial.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    os.replace(partial, out / MANIFEST)  # atomic: a manifest is only ever there complete
    return ExportReport(str(out), rows)


def read_manifest(directory: str | Path) -> dict[str, object]:
    """The manifest of the export in ``directory``, checked; raises ``InputError`` saying what is wrong."""
    path = Path(directory) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{directory}: no {MANIFEST} here; it is not a `newsevents export` directory") from None
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: cannot read the export manifest ({exc})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise InputError(f"{path}: not a newsevents store export (format {FORMAT!r} expected)")
    if manifest.get("schema_version") != SCHEMA_VERSION:
        raise InputError(
            f"{path}: exported from store schema {manifest.get('schema_version')}, this newsevents reads "
            f"schema {SCHEMA_VERSION}; load it with the newsevents version that wrote it ({manifest.get('newsevents')})"
        )
    tables = manifest.get("tables")
    if not isinstance(tables, dict) or not set(tables) <= set(ALL_TABLES) or "articles" not in tables:
        raise InputError(f"{path}: the manifest's table list is damaged")
    for table, entry in tables.items():
        if not (Path(directory) / str(entry.get("file", ""))).is_file():
            raise InputError(f"{directory}: the file of table {table!r} ({entry.get('file')}) is missing")
    return manifest


def load_export(
    directory: str | Path,
    store: Store,
    *,
    settings: Settings | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> ExportReport:
    """Load a whole-store export into ``store``: every table as it was into a store that holds nothing yet;
    into one that holds articles or failures, the export's articles not stored yet with their rows, then
    their stories (``settings``: the story options; ``on_progress(done, total)``: articles given stories)."""
    manifest = read_manifest(directory)
    tables: dict[str, dict[str, object]] = manifest["tables"]  # type: ignore[assignment]
    held = any(n for t, n in store.row_counts().items() if t != "meta")
    files = {t: Path(directory) / str(entry["file"]) for t, entry in tables.items()}
    expected = {t: int(entry["rows"]) for t, entry in tables.items()}  # type: ignore[call-overload]
    if held:
        return _add_export(str(directory), store, files, expected, settings, on_progress)
    started = time.perf_counter()
    try:
        rows = store.import_tables(files, expected)
    except ValueError as exc:  # a Parquet file was replaced after the export
        raise InputError(f"{directory}: the export does not match its manifest ({exc}); nothing was loaded") from None
    return ExportReport(str(directory), rows, seconds={"rows": time.perf_counter() - started})


def _add_export(
    directory: str,
    store: Store,
    files: dict[str, Path],
    expected: dict[str, int],
    settings: Settings | None,
    on_progress: Callable[[int, int], None] | None,
) -> ExportReport:
    """The export's articles not yet in ``store`` added with their rows, then given their stories.

    The mark that an ingest is running is set with the rows: stopped before the stories are given, the
    next ingest or load gives them first, as after an ingest stopped between a batch and its stories.
    """
    from newsevents.library import INGEST_RUNNING_KEY, backfill_stories

    started = time.perf_counter()
    try:
        rows, skipped = store.append_tables(files, expected, meta={INGEST_RUNNING_KEY: "1"})
    except ValueError as exc:
        raise InputError(f"{directory}: the export does not match its manifest ({exc}); nothing was loaded") from None
    store.con.execute("CHECKPOINT")  # the rows in the file, not only in its log, before the long part
    stored = time.perf_counter()
    total = len(store.articles_without_story())
    progress = (lambda counts: on_progress(counts.articles, total)) if on_progress else None
    stories = backfill_stories(store, settings=settings, on_progress=progress)
    store.set_meta({INGEST_RUNNING_KEY: None})
    seconds = {"rows": stored - started, "stories": time.perf_counter() - stored}
    return ExportReport(directory, rows, skipped, stories.as_dict(), seconds)
