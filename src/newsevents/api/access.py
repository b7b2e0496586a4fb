"""Store access for the HTTP server: short connections, shared reads, exclusive writes, busy = 503.

DuckDB lets one process write a file, and a process cannot open it (even read-only) while another
holds the write lock. ``newsevents ingest`` and ``watch`` keep it between model batches, but let go of
it while the model parses (``Store.released``) as soon as another process has asked for it by leaving
a ``.wanted`` note beside the file (``store._connect`` leaves it when it finds the file locked), and
at least every ``RELEASE_AT_LEAST_EVERY`` seconds. So the server:

* opens a connection per request and closes it when the request ends, never holding the file between
  requests (a long-lived connection would stop ``ingest`` from writing);
* when the file is locked by another process, retries for ``busy_wait`` seconds (long enough for an
  ingest to finish storing a batch), then answers 503 "store is busy" with ``Retry-After``, never a
  500 and never a request hanging;
* inside the process, read-only and read-write connections to one file cannot coexist either, so
  reads share a lock and the rare write (``POST /api/v1/articles``) takes it alone.

While an ingest runs, reads are answered between its batches and always see what it has stored so far.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import duckdb

from newsevents.store import Store, StoreBusyError

RETRY_AFTER_SECONDS = 2

StoreT = TypeVar("StoreT", bound=Store)


class StoreUnavailable(Exception):
    """The store cannot be opened now; ``message`` says why and ``retry_after`` when to try again."""

    def __init__(self, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after


class _ReadWriteLock:
    """Many readers or one writer, writers first once they wait (no starvation of the rare write)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False
        self._writers_waiting = 0

    @contextmanager
    def reading(self) -> Iterator[None]:
        with self._cond:
            while self._writing or self._writers_waiting:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def writing(self) -> Iterator[None]:
        with self._cond:
            self._writers_waiting += 1
            while self._writing or self._readers:
                self._cond.wait()
            self._writers_waiting -= 1
            self._writing = True
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


def _is_lock_conflict(exc: duckdb.Error) -> bool:
    text = str(exc).lower()
    return "lock" in text or "different configuration" in text


class StoreAccess:
    """Opens the store at ``db`` for one request at a time; see the module docstring."""

    def __init__(self, db: str, *, busy_wait: float = 3.0) -> None:
        self.db = db
        self.busy_wait = busy_wait
        self._lock = _ReadWriteLock()

    def _open(self, factory: type[StoreT], read_only: bool) -> StoreT:
        if read_only and not Path(self.db).exists():
            raise StoreUnavailable(f"no store at {self.db}; run `newsevents ingest` first")
        deadline = time.monotonic() + self.busy_wait
        while True:
            try:
                # lock_wait=0: the store's own wait for the lock would hold the request for seconds;
                # here a busy store is retried for busy_wait, then answered with 503.
                return factory(self.db, read_only=read_only, lock_wait=0)
            except FileNotFoundError as exc:
                raise StoreUnavailable(str(exc)) from None
            except (duckdb.IOException, duckdb.ConnectionException, StoreBusyError) as exc:
                if not isinstance(exc, StoreBusyError) and not _is_lock_conflict(exc):
                    raise StoreUnavailable(f"cannot open the store at {self.db}: {exc}") from None
                if time.monotonic() >= deadline:
                    raise StoreUnavailable(
                        f"store is busy: another process (an ingest?) is writing {self.db}; "
                        f"try again in {RETRY_AFTER_SECONDS} s",
                        retry_after=RETRY_AFTER_SECONDS,
                    ) from None
                time.sleep(0.05)

    @contextmanager
    def read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection for the length of the ``with`` block."""
        with self.read_store() as store:
            yield store.con

    @contextmanager
    def read_store(self) -> Iterator[Store]:
        """The store opened read-only for the length of the ``with`` block (for ``newsevents.library``)."""
        with self._lock.reading():
            store = self._open(Store, read_only=True)
            try:
                if not _has_tables(store.con):
                    raise StoreUnavailable(f"the store at {self.db} has no tables yet; run `newsevents ingest` first")
                yield store
            finally:
                store.close()

    @contextmanager
    def write(self, factory: type[StoreT]) -> Iterator[StoreT]:
        """A writable store (built by ``factory``, a Store class) while no request reads."""
        with self._lock.writing():
            store = self._open(factory, read_only=False)
            try:
                yield store
            finally:
                store.close()


def _has_tables(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('articles', 'events')"
    ).fetchone()
    return bool(row and row[0] == 2)
