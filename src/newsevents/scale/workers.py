"""Local parallelism: ``Pipeline.extract`` and ``Pipeline.analyze`` run in worker processes.

Each worker process loads the spaCy model once (in its initializer) and works on chunks of
``batch_size`` items; the parent sends chunks and takes the results back in input order, so a
consumer (the store writer in ``ingest_inputs``) sees exactly the stream one process would give.
At most ``window`` chunks per stream are in flight: the parent never reads ahead of what the workers
can take, so its memory does not grow with the number of articles.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager, nullcontext
from itertools import islice
from typing import Any, TypeVar

from newsevents.config import Settings
from newsevents.errors import Failure, NewsEventsError
from newsevents.ingest import RawInput
from newsevents.model import Analysis, Article
from newsevents.pipeline import Pipeline

T = TypeVar("T")
R = TypeVar("R")

START_METHODS = ("spawn", "forkserver")

_worker_pipeline: Pipeline | None = None  # one per worker process, set by _start_worker


class WorkerError(NewsEventsError):
    """A worker process died (killed, out of memory); what was stored so far stays stored."""


def default_workers() -> int:
    """The number of cores this process may use (the default of ``ingest --workers``)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def choose_workers(requested: int | None, total: int | None, batch_size: int) -> int:
    """How many worker processes to start: ``requested``, else one per core but no more than there
    are batches of work when the number of inputs is known (a handful of pages is not worth a spawn)."""
    if requested is not None:
        return max(1, requested)
    cores = default_workers()
    if total is None:
        return cores
    return max(1, min(cores, -(-total // max(1, batch_size))))


def _start_worker(settings: Settings) -> None:
    """Worker initializer: build the pipeline and load the model and the stages' data once, before the
    first chunk (``Pipeline.warm_up``), so that the first chunk's time is analysis only."""
    global _worker_pipeline
    _worker_pipeline = Pipeline(settings)
    _worker_pipeline.warm_up()


def extract_chunk(items: list[RawInput | Failure]) -> list[Article | Failure]:
    """Worker task: extract one chunk of raw inputs (Failures pass through)."""
    assert _worker_pipeline is not None, "extract_chunk runs in a worker started by ParallelPipeline"
    return list(_worker_pipeline.extract(items))


def analyze_chunk(items: list[RawInput | Article | Failure]) -> list[Analysis | Failure]:
    """Worker task: analyse one chunk (one ``nlp.pipe`` batch when it holds ``batch_size`` items)."""
    assert _worker_pipeline is not None, "analyze_chunk runs in a worker started by ParallelPipeline"
    return list(_worker_pipeline.analyze(items))


def worker_info(pause: float = 0.0) -> tuple[int, int]:
    """Worker task: (pid, peak resident memory in bytes) of the worker that runs it (for the bench).

    ``pause`` keeps the worker busy a moment, so that one fast worker does not answer for all.
    """
    time.sleep(pause)
    return os.getpid(), peak_rss()


def peak_rss(pid: int | str = "self") -> int:
    """Peak resident memory (VmHWM) of a process in bytes; 0 where /proc is not available."""
    return _proc_status(pid, "VmHWM")


def current_rss(pid: int | str = "self") -> int:
    """Current resident memory (VmRSS) of a process in bytes; 0 where /proc is not available."""
    return _proc_status(pid, "VmRSS")


def _proc_status(pid: int | str, field: str) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class ParallelPipeline:
    """``Pipeline.extract`` / ``analyze`` over ``workers`` processes; results come back in input order.

    Use as a context manager (the worker processes stop on exit). ``start_method`` is "spawn" (the
    default: nothing of the parent's state is inherited) or "forkserver".
    """

    def __init__(
        self,
        settings: Settings | None = None,
        workers: int | None = None,
        *,
        chunk_size: int | None = None,
        window: int = 2,
        start_method: str = "spawn",
    ) -> None:
        if start_method not in START_METHODS:
            raise ValueError(f"start_method must be one of {', '.join(START_METHODS)}, not {start_method!r}")
        self.settings = settings or Settings()
        self.workers = default_workers() if workers is None else workers
        if self.workers < 1:
            raise ValueError(f"workers must be at least 1, not {self.workers}")
        self.chunk_size = chunk_size or self.settings.batch_size
        self.window = max(1, window) * self.workers
        self.start_method = start_method
        # Entered while waiting for the workers' results (``ingest`` releases the store there).
        self.idle: Callable[[], AbstractContextManager[None]] = nullcontext
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> ParallelPipeline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the worker processes."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def start(self) -> list[tuple[int, int]]:
        """Start every worker and load its model now; returns each worker's (pid, peak memory)."""
        executor = self._pool()
        seen: dict[int, int] = {}
        for _ in range(50):  # every worker answers once it is up; a started one answers at once
            futures = [executor.submit(worker_info, 0.1) for _ in range(self.workers)]
            seen.update(_result(f) for f in futures)
            if len(seen) >= self.workers:
                break
        return sorted(seen.items())

    def worker_pids(self) -> list[int]:
        """The process ids of the running workers (empty before the first chunk)."""
        processes = getattr(self._executor, "_processes", None) or {}
        return sorted(processes)

    def extract(self, inputs: Iterable[RawInput | Failure]) -> Iterator[Article | Failure]:
        """As ``Pipeline.extract``, in the workers."""
        yield from self._map(extract_chunk, inputs)

    def analyze(self, items: Iterable[RawInput | Article | Failure]) -> Iterator[Analysis | Failure]:
        """As ``Pipeline.analyze``, in the workers: same results, same order."""
        yield from self._map(analyze_chunk, items)

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context(self.start_method),
                initializer=_start_worker,
                initargs=(self.settings,),
            )
        return self._executor

    def _map(self, task: Callable[[list[T]], list[R]], items: Iterable[T]) -> Iterator[R]:
        """Run ``task`` over chunks of ``items`` with at most ``window`` chunks in flight, in order."""
        executor = self._pool()
        pending: deque[Future[list[R]]] = deque()
        iterator = iter(items)
        try:
            while True:
                # Read the input in this thread, only as far as the window allows: the caller's
                # generator (which may query the store) is never run from another thread.
                while len(pending) < self.window and (chunk := list(islice(iterator, self.chunk_size))):
                    pending.append(executor.submit(task, chunk))
                if not pending:
                    return
                with self.idle():  # waiting for the workers: ``ingest`` releases the store meanwhile
                    results = _result(pending.popleft())
                yield from results
        finally:
            for future in pending:
                future.cancel()


def _result(future: Future[Any]) -> Any:
    try:
        return future.result()
    except BrokenProcessPool as exc:
        raise WorkerError(
            "a worker process died (killed, or out of memory?); what was stored so far is kept and "
            "running the same command again analyses only the rest (try fewer --workers or a smaller batch_size)"
        ) from exc
