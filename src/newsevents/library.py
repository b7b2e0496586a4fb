"""The library API that every front end calls: analyse text, pages and paths.

The CLI, the HTTP server and the demo are thin layers over these functions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from newsevents import __version__, queries
from newsevents.config import Settings
from newsevents.errors import Failure, NewsEventsError
from newsevents.ingest import RawInput, iter_inputs
from newsevents.model import Analysis, Article
from newsevents.pipeline import Pipeline
from newsevents.store import EventQuery, IngestCounts, Store
from newsevents.stories import DuplicateMatch, StoryIndex, StoryOptions
from newsevents.stories.backfill import BackfillCounts
from newsevents.stories.backfill import backfill_stories as run_backfill

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
    workers: int = 1,
    on_progress: Callable[[IngestCounts], None] | None = None,
) -> IngestCounts:
    """Analyse and store every input under ``paths``; articles already stored are not analysed again.

    Returns the counts of articles new, already present and failed, and of events stored.
    ``on_failure`` is called with each failure as it happens (the CLI prints it). ``workers`` > 1
    extracts and analyses in that many worker processes (same results, same order; this process
    stays the one writer); ``on_progress`` is called with the running counts as articles are done.
    """
    max_bytes = (settings or _pipeline(None).settings).max_page_bytes
    inputs = iter_inputs(paths, url=url, published=published, max_bytes=max_bytes)
    return ingest_inputs(inputs, store, settings=settings, on_failure=on_failure, workers=workers,
                         on_progress=on_progress)


# Set while an ingest runs and cleared when it ends cleanly: articles are stored a batch at a time and
# given stories right after, so a run killed in between leaves stored articles without a story.
INGEST_RUNNING_KEY = "ingest_running"


def ingest_inputs(
    inputs: Iterable[RawInput | Failure],
    store: Store,
    *,
    settings: Settings | None = None,
    on_failure: Callable[[Failure], None] | None = None,
    workers: int = 1,
    on_progress: Callable[[IngestCounts], None] | None = None,
    pipeline: Any = None,
    merge_after: int = 0,
) -> IngestCounts:
    """Analyse and store raw inputs already read (``watch`` fetches them); as ``ingest_paths``.

    A syndicated copy of an article stored (or being analysed) before it is stored linked to that
    original and not analysed (it counts as new, with no events); every analysed article joins a story.
    ``pipeline``: what extracts and analyses, in place of the model (``newsevents load`` hands back
    analyses made on a cluster); it needs ``settings``, ``extract`` and ``analyze`` as ``Pipeline`` has.
    ``merge_after``: how many touched stories wait before their merged events are redone (0: after every
    batch, so that ``serve`` shows them as they come; they are all redone by the end of the run).
    """
    if pipeline is None and workers > 1:
        from newsevents.scale.workers import ParallelPipeline

        with ParallelPipeline(settings or _pipeline(None).settings, workers) as parallel:
            return ingest_inputs(inputs, store, settings=settings, on_failure=on_failure,
                                 on_progress=on_progress, pipeline=parallel, merge_after=merge_after)
    pipeline = pipeline or _pipeline(settings)
    if store.get_meta(INGEST_RUNNING_KEY):
        # A run stopped between storing articles and giving them stories (killed, or still running
        # elsewhere): give every stored article without a story its story first, as the backfill does.
        backfill_stories(store, settings=pipeline.settings)
    store.set_meta({INGEST_RUNNING_KEY: "1"})
    counts = IngestCounts()
    seen: set[str] = set()
    stories = StoryIndex(store, stories=StoryOptions(window_days=pipeline.settings.story_window_days,
                                                     min_similarity=pipeline.settings.story_min_similarity),
                         merge_after=merge_after)
    waiting: dict[str, list[tuple[Article, DuplicateMatch]]] = {}  # copies of originals not stored yet
    retry: list[Article] = []  # copies whose original failed: analysed after all

    def fresh_articles(items: Iterable[Article | Failure]) -> Iterator[Article | Failure]:
        # A batch of extracted items at a time: whether they are stored, and whether they copy an article
        # stored or met before, each asked with one query for the batch (a query per article cost
        # 3 ms, 2% of the model's time). Within a batch they are judged in order, as one at a time.
        iterator = iter(items)
        while chunk := list(islice(iterator, pipeline.settings.batch_size)):
            stored = store.stored_articles([a.id for a in chunk if isinstance(a, Article)])
            fresh: list[Article] = []
            for item in chunk:
                if isinstance(item, Article) and item.id not in seen and item.id not in stored:
                    seen.add(item.id)
                    fresh.append(item)
            matches = dict(zip(map(id, fresh), stories.check_many(fresh), strict=True))
            for item in chunk:
                if not isinstance(item, Article):
                    yield item  # a failure, passed on in its place
                    continue
                if id(item) not in matches:
                    counts.present += 1  # stored before, or met before in this run
                    if on_progress:
                        on_progress(counts)
                    continue
                match = matches[id(item)]
                if match is None:
                    yield item
                # Asked now, not for the batch: its original may have been stored since (copies are few).
                elif store.has_article(match.duplicate_of):
                    add_copy(item, match)
                else:
                    waiting.setdefault(match.duplicate_of, []).append((item, match))

    def add_copy(article: Article, match: DuplicateMatch) -> None:
        if stories.add_copy(article, match, {"newsevents": __version__}):
            counts.new += 1
        else:
            counts.present += 1
        if on_progress:
            on_progress(counts)

    def reported(results: Iterable[Analysis | Failure]) -> Iterator[Analysis | Failure]:
        for result in results:
            if isinstance(result, Failure) and on_failure:
                on_failure(result)
            yield result

    def store_results(results: Iterable[Analysis | Failure]) -> None:
        pending: list[Analysis] = []
        for result in reported(results):
            if isinstance(result, Analysis):
                pending.append(result)
                if len(pending) >= pipeline.settings.batch_size:
                    store_batch(pending)
                    pending = []
                continue
            store.ingest([result], counts)
            if result.article_id:
                stories.withdraw(result.article_id)
                retry.extend(copy for copy, _ in waiting.pop(result.article_id, []))
            if on_progress:
                on_progress(counts)
        store_batch(pending)

    def store_batch(analyses: list[Analysis]) -> None:
        """Store analyses in one transaction, then give them stories (one merge per story touched): a
        transaction and a merge per article cost more than the rows themselves."""
        if not analyses:
            return
        new = store.add_many(analyses)
        counts.new += len(new)
        counts.events += sum(len(a.events) for a in new)
        counts.present += len(analyses) - len(new)
        if new:
            try:
                stories.add_analyses(new)
            except Exception as exc:  # the articles are stored; their stories can be assigned later (backfill)
                reason = f"{type(exc).__name__}: {exc}"
                for analysis in new:
                    article = analysis.article
                    failure = Failure(article.source or article.id, "stories", reason, article.id)
                    store.add_failure(failure)
                    if on_failure:
                        on_failure(failure)
        for analysis in analyses:
            for copy, match in waiting.pop(analysis.article.id, []):
                add_copy(copy, match)
        if on_progress:
            on_progress(counts)

    # While the model parses (here or in the workers) the store's file is let go, so that `serve` can
    # read it between batches; a pipeline without an ``idle`` hook (``load``) keeps it open.
    idle = getattr(pipeline, "idle", None)
    if idle is not None:
        pipeline.idle = store.released
    try:
        store_results(pipeline.analyze(fresh_articles(pipeline.extract(inputs))))
        while retry or waiting:
            again = retry + [copy for copies in waiting.values() for copy, _ in copies]
            retry.clear()
            waiting.clear()
            seen.difference_update(a.id for a in again)
            store_results(pipeline.analyze(fresh_articles(again)))
        stories.close()
        store.set_meta({INGEST_RUNNING_KEY: None})
    finally:
        if idle is not None:
            pipeline.idle = idle
    return counts


# -- stories: duplicates, stories, merged events, related articles ---------------------------------


def list_articles(store: Store, *, limit: int | None = None) -> list[dict[str, Any]]:
    """Stored articles with ``id, url, site, title, published, story, duplicate_of`` (what `articles` prints)."""
    return store.list_articles(limit=limit)


def list_stories(
    store: Store,
    *,
    since: str | None = None,
    until: str | None = None,
    actor: str | None = None,
    q: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Stories, latest first, with their days, counts of articles, sources and merged events, and sources.

    Filters as ``stories_page``; none in a store without stories.
    """
    if not store.has_story_tables():
        return []
    return queries.list_stories(store.con, since=since, until=until, actor=actor, q=q, limit=limit)["items"]


def stories_page(
    store: Store,
    *,
    since: str | None = None,
    until: str | None = None,
    actor: str | None = None,
    q: str | None = None,
    cursor: str | None = None,
    limit: int = 100,
) -> dict[str, Any]:
    """One page of stories, ``{"items": [...], "next": cursor or None}``, latest first.

    ``since``/``until`` (YYYY[-MM[-DD]]): stories with an article on or after / on or before; ``actor``:
    a name (part of it) or ISO-3 country of one of their actors; ``q``: words of their titles.
    Raises ``queries.QueryError`` for a bad value.
    """
    return queries.list_stories(store.con, since=since, until=until, actor=actor, q=q, cursor=cursor, limit=limit)


def story_detail(store: Store, story_id: str) -> dict[str, Any] | None:
    """One story: its row, its articles (copies marked) and its merged events (each with the sentence
    of every report and the details they disagree on); None if unknown."""
    if not store.has_story_tables():
        return None
    return queries.story_detail(store.con, story_id)


def story_events_page(
    store: Store,
    filters: queries.EventFilters | None = None,
    *,
    sort: str = "-date",
    cursor: str | None = None,
    limit: int = 100,
) -> dict[str, Any]:
    """One page of story-level events matching the event ``filters`` (see ``queries.list_story_events``)."""
    return queries.list_story_events(store.con, filters, sort=sort, cursor=cursor, limit=limit)


def merged_events(store: Store, query: EventQuery | None = None) -> list[dict[str, Any]]:
    """Story-level events (what `events --merged` prints), each with the articles and sentences it came from."""
    return store.merged_events(query)


def related(store: Store, article_id: str, *, limit: int = 5) -> dict[str, Any]:
    """The other articles of an article's story and the nearest articles outside it."""
    from newsevents.stories import related_articles

    return related_articles(store, article_id, limit=limit)


def backfill_stories(
    store: Store,
    *,
    settings: Settings | None = None,
    limit: int | None = None,
    on_progress: Callable[[BackfillCounts], None] | None = None,
) -> BackfillCounts:
    """Give every stored article in no story (stored before stories existed) its copy link and story,
    in publication order, as ingest would have; resumable. Returns the ``BackfillCounts``.

    ``limit``: stop after this many articles; a later call goes on from there.
    """
    settings = settings or Settings()
    options = StoryOptions(window_days=settings.story_window_days, min_similarity=settings.story_min_similarity)
    return run_backfill(store, stories=options, limit=limit, on_progress=on_progress)
