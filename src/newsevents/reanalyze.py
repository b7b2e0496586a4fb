"""Re-analysis: bring stored articles up to the current pipeline and model versions, in place.

Every article row records the newsevents and model versions that analysed it. ``reanalyze`` runs the
current pipeline over the stored text of each article whose versions differ (or of every article,
``everything=True``) and replaces its analysis rows in one transaction per article, so an interrupted
run leaves each article either old or new, never half of each. It is resumable: outdated articles
are found again by their versions; a run over every article keeps its position in ``meta`` (written
in the same transaction as each article). The merged events of each touched story are recomputed;
a story whose merge is still to do is marked in ``meta`` in the article's transaction, so a kill
between the two loses nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from newsevents.config import Settings
from newsevents.errors import Failure
from newsevents.model import Article
from newsevents.store import Store

ALL_POSITION_KEY = "reanalyze_all_after"  # id of the last article done by an unfinished run over all
MERGE_PENDING_PREFIX = "reanalyze_merge_pending:"  # + story id: merged events to recompute


@dataclass
class ReanalyzeCounts:
    """What one re-analysis run did."""

    reanalyzed: int = 0
    failed: int = 0
    up_to_date: int = 0
    events: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"reanalyzed": self.reanalyzed, "failed": self.failed, "up_to_date": self.up_to_date,
                "events": self.events}  # fmt: skip


def reanalyze(
    store: Store,
    *,
    settings: Settings | None = None,
    pipeline: Any = None,
    everything: bool = False,
    on_failure: Callable[[Failure], None] | None = None,
    on_progress: Callable[[ReanalyzeCounts], None] | None = None,
) -> ReanalyzeCounts:
    """Re-analyse the outdated articles of ``store`` (all of them with ``everything``); returns the counts.

    ``pipeline``: what analyses (default: ``Pipeline(settings)``); it needs ``settings``,
    ``versions()`` and ``analyze`` as ``Pipeline`` has. A failing article keeps its old analysis and
    is recorded in the failures table.
    """
    if pipeline is None:
        from newsevents.pipeline import Pipeline

        pipeline = Pipeline(settings)
    versions = pipeline.versions()
    current = (versions.get("newsevents", ""), versions.get("model", ""))
    counts = ReanalyzeCounts()
    _merge_pending(store)  # left over from an interrupted run
    after = store.get_meta(ALL_POSITION_KEY) if everything else None
    ids = store.outdated_article_ids(*current, everything=everything, after=after)
    counts.up_to_date = len(store.outdated_article_ids(*current, everything=True)) - len(ids) if not everything else 0
    if everything and not ids:
        store.set_meta({ALL_POSITION_KEY: None})
    batch_size = pipeline.settings.batch_size
    pending = iter(ids)
    while batch := list(islice(pending, batch_size)):
        articles = list(_stored_articles(store, batch))
        for article, result in zip(articles, pipeline.analyze(articles), strict=True):
            position = {ALL_POSITION_KEY: article.id} if everything else {}
            if isinstance(result, Failure):
                store.add_failure(result)
                if position:
                    store.set_meta(position)
                counts.failed += 1
                if on_failure:
                    on_failure(result)
            else:
                story = store.story_of(article.id)
                marks: dict[str, str | None] = {MERGE_PENDING_PREFIX + story: "1"} if story else {}
                store.replace(result, meta={**position, **marks})
                counts.reanalyzed += 1
                counts.events += len(result.events)
            if on_progress:
                on_progress(counts)
        _merge_pending(store)
    if everything:
        store.set_meta({ALL_POSITION_KEY: None})
    return counts


def _stored_articles(store: Store, ids: list[str]) -> Iterator[Article]:
    """The stored Article of each of ``ids`` (from its document, else from its row), in order."""
    for article_id in ids:
        document = store.document(article_id)
        if document and document.get("article"):
            article = Article.from_dict(document["article"])
        else:  # a bare article (benchmarks) has a row but no document
            row = store.list_articles(ids=[article_id])[0]
            text = store.article_texts([article_id]).get(article_id, "")
            article = Article(id=article_id, text=text, title=row["title"], url=row["url"], site=row["site"],
                              published=row["published"])  # fmt: skip
        yield article


def _merge_pending(store: Store) -> None:
    """Recompute the merged events of every story marked as pending, then clear its mark."""
    from newsevents.stories.merge import merge_story_events

    for key in store.meta_keys(MERGE_PENDING_PREFIX):
        merge_story_events(store, key.removeprefix(MERGE_PENDING_PREFIX))
        store.set_meta({key: None})
