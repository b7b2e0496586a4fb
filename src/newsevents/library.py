"""The library API that every front end calls: analyse text, pages and paths.

The CLI, the HTTP server and the demo are thin layers over these functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from newsevents.config import Settings
from newsevents.errors import Failure, NewsEventsError
from newsevents.ingest import RawInput, iter_inputs
from newsevents.model import Analysis, Article
from newsevents.pipeline import Pipeline

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
        head = content[:512].lstrip().lower() if isinstance(content, str) else content[:512].lstrip().lower()
        kind = "html" if (head[:1] in ("<", b"<")) else "text"
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
