"""The library API that every front end calls: analyse text, pages and paths.

The CLI, the HTTP server and the demo are thin layers over these functions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from newsevents.config import Settings
from newsevents.errors import Failure, NewsEventsError
from newsevents.ingest import RawInput, iter_inputs
from newsevents.model import Analysis, Article
from newsevents.pipeline import Pipeline
from newsevents.store import IngestCounts, Store

_default_pipeline: Pipeline | None = None


class AnalysisError(NewsEventsError):
    """One article could not be analysed; ``failure`` says at which stage and why."""

    def __init__(self, failure: Failure) -> None:
        super().__init__(str(failure))
        self.failure = failure


def _pipeline(settings: Settings | None) -> Pipeline:
    global _default_pipeline
    if settings is not None:
        return Pipeline(settings)
    if _default_pipeline is None:
        _default_pipeline = Pipeline()
    return _default_pipeline


def analyze(
    content: str | bytes,
    *,
    url: str | None = None,
    published: str | None = None,
    kind: str = "auto",
    id: str | None = None,
    title: str | None = None,
    settings: Settings | None = None,
) -> dict[str, Any]:
    """Analyse one article and return the contract's document (what `newsevents analyze` prints).

    ``kind``: "html" (a page), "text_page" (a page scraped as text, with its clutter), "text" (the
    article body as given) or "auto" (HTML when it looks like markup, else "text").
    Raises ``AnalysisError`` when the article cannot be analysed.
    """
    if kind == "auto":
        first = content.lstrip()[:1]
        kind = "html" if first in ("<", b"<") else "text"
    raw = RawInput("<argument>", kind, content, id=id, url=url, title=title, published=published)
    result = next(_pipeline(settings).analyze([raw]))
    if isinstance(result, Failure):
        raise AnalysisError(result)
    return result.as_dict()


def analyze_paths(
    paths: Iterable[str | Path],
    *,
    url: str | None = None,
    published: str | None = None,
    settings: Settings | None = None,
) -> Iterator[Analysis | Failure]:
    """Analyse every input under ``paths`` in order, yielding an Analysis or a Failure for each."""
    pipeline = _pipeline(settings)
    inputs = iter_inputs(paths, url=url, published=published, max_bytes=pipeline.settings.max_page_bytes)
    yield from pipeline.analyze(inputs)


def extract_paths(
    paths: Iterable[str | Path],
    *,
    url: str | None = None,
    published: str | None = None,
    settings: Settings | None = None,
) -> Iterator[Article | Failure]:
    """Extract every input under ``paths`` (no language model loaded)."""
    settings = settings or Settings()
    inputs = iter_inputs(paths, url=url, published=published, max_bytes=settings.max_page_bytes)
    yield from Pipeline(settings).extract(inputs)


def ingest_paths(
    paths: Iterable[str | Path],
    store: Store,
    *,
    url: str | None = None,
    published: str | None = None,
    settings: Settings | None = None,
    on_failure: Callable[[Failure], None] | None = None,
) -> IngestCounts:
    """Analyse and store every input under ``paths``; articles already stored are not analysed again.

    Returns the counts of articles new, already present and failed, and of events stored.
    ``on_failure`` is called with each failure as it happens (the CLI prints it).
    """
    max_bytes = (settings or _pipeline(None).settings).max_page_bytes
    inputs = iter_inputs(paths, url=url, published=published, max_bytes=max_bytes)
    return ingest_inputs(inputs, store, settings=settings, on_failure=on_failure)


def ingest_inputs(
    inputs: Iterable[RawInput | Failure],
    store: Store,
    *,
    settings: Settings | None = None,
    on_failure: Callable[[Failure], None] | None = None,
) -> IngestCounts:
    """Analyse and store raw inputs already read (``watch`` fetches them); as ``ingest_paths``."""
    pipeline = _pipeline(settings)
    counts = IngestCounts()
    seen: set[str] = set()

    def fresh_articles() -> Iterator[Article | Failure]:
        for item in pipeline.extract(inputs):
            if isinstance(item, Article) and (item.id in seen or store.has_article(item.id)):
                counts.present += 1
                continue
            if isinstance(item, Article):
                seen.add(item.id)
            yield item

    def reported(results: Iterable[Analysis | Failure]) -> Iterator[Analysis | Failure]:
        for result in results:
            if isinstance(result, Failure) and on_failure:
                on_failure(result)
            yield result

    return store.ingest(reported(pipeline.analyze(fresh_articles())), counts)
