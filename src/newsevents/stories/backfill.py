"""Backfill: copies and stories for articles stored before stories existed (``newsevents stories --backfill``).

Every stored article in no story is taken in publication order (then the order it was stored), a
batch at a time, as ingest would have met it: it is checked for being a copy of an earlier article
(its MinHash bands against the originals already indexed), a copy joins its original's story, an
original joins or starts a story from its stored analysis, and the merged events of every story
touched are recomputed (once for many batches, the stories waiting noted in the store). Each batch
is written before the next is read, so a run that stops half-way, run again, goes on where it
stopped and ends with the grouping of an uninterrupted run.

Copies found keep the analysis an older store gave them (nothing is deleted); their events then count
as reports of their own.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from newsevents.errors import Failure
from newsevents.model import Analysis, Article
from newsevents.scale.documents import analysis_from_dict
from newsevents.store import Store
from newsevents.stories.assign import StoryAssigner, StoryOptions
from newsevents.stories.duplicates import DuplicateFinder, DuplicateOptions
from newsevents.stories.keys import features_from_analysis, parse_day
from newsevents.stories.merge import MERGE_CHUNK, UNMERGED_KEY, merge_noted, note_unmerged


@dataclass
class BackfillCounts:
    """What one backfill run did."""

    articles: int = 0  # articles taken
    copies: int = 0  # of them, copies of an earlier article (joined its story)
    stories: int = 0  # new stories started
    orphans: int = 0  # copies whose original is in no story (taken again by a later run)
    failed: int = 0  # articles whose stored analysis could not be read (recorded in the failures table)
    remaining: int = 0  # articles in no story left for the next run (``limit``)

    def as_dict(self) -> dict[str, int]:
        return {"articles": self.articles, "copies": self.copies, "stories": self.stories,
                "orphans": self.orphans, "failed": self.failed, "remaining": self.remaining}  # fmt: skip


def backfill_stories(
    store: Store,
    *,
    duplicates: DuplicateOptions | None = None,
    stories: StoryOptions | None = None,
    batch_size: int = 200,
    limit: int | None = None,
    merge_events: bool = True,
    merge_after: int = MERGE_CHUNK,
    on_progress: Callable[[BackfillCounts], None] | None = None,
) -> BackfillCounts:
    """Give every stored article in no story its copy link and its story; returns the counts.

    ``limit``: stop after this many articles (the rest stays for the next run); ``on_progress`` is
    called after every batch. ``merge_after``: how many touched stories wait before their merged events
    are redone, each once however many batches touched it (all are redone before the run returns).
    """
    unmerged = set(json.loads(store.get_meta(UNMERGED_KEY) or "[]"))  # a run stopped before merging these
    if merge_events:
        merge_noted(store, unmerged)
    unmerged = set()
    pending = store.articles_without_story()
    store.remove_bands_of(pending)  # bands that a run stopped mid-batch registered for them
    finder = DuplicateFinder(store, duplicates)
    assigner = StoryAssigner(store, stories)
    counts = BackfillCounts()
    todo = pending if limit is None else pending[: max(0, limit)]
    for start in range(0, len(todo), batch_size):
        links: list[tuple[str, str, float, float]] = []
        touched: set[str] = set()
        copies: list[tuple[Article, str]] = []
        analyses: list[Analysis] = []
        for row in store.stored_documents(todo[start : start + batch_size]):
            counts.articles += 1
            article = Article(id=row["id"], text=row["text"] or "", title=row["title"], url=row["url"],
                              site=row["site"], published=row["published"])  # fmt: skip
            try:
                document = json.loads(row["document"]) if row["document"] else None
                analyses.append(analysis_from_dict(document, article) if document else Analysis(article))
            except Exception as exc:  # one unreadable document must not stop the backfill
                store.add_failure(Failure(row["id"], "stories", f"{type(exc).__name__}: {exc}", row["id"]))
                counts.failed += 1
                continue
            if row["duplicate_of"]:  # a copy that ingest linked already but could not place
                copies.append((article, row["duplicate_of"]))
                analyses.pop()
        # In order, as ingest meets them: each article is checked against the originals before it (those
        # of this batch too), then the originals are assigned in order. Copies join after them: joining
        # changes no weight and no key, so the stories are those of taking the articles one by one.
        matches = finder.check([a.article for a in analyses])
        originals = []
        for analysis, match in zip(analyses, matches, strict=True):
            if match is None:
                originals.append(analysis)
            else:
                links.append((match.article_id, match.duplicate_of, match.jaccard, match.containment))
                copies.append((analysis.article, match.duplicate_of))
        for assignment in assigner.assign([features_from_analysis(a) for a in originals]):
            counts.stories += assignment.new
            touched.add(assignment.story_id)
        for article, original in copies:
            joined = assigner.add_copy(article.id, original, day=parse_day(article.published), site=article.site)
            counts.copies += 1
            counts.orphans += joined is None
            touched.update([joined.story_id] if joined else [])
        # Written in this order, a run stopped anywhere in between resumes to the same end: bands and
        # links of articles in no story are redone, and the stories to merge are noted before joining.
        finder.flush()
        store.link_duplicates(links)
        if merge_events and not touched <= unmerged:
            unmerged |= touched
            note_unmerged(store, unmerged)
        assigner.flush(terms=True)  # term counts too, so that a resumed run weighs keys as this one
        if merge_events and len(unmerged) >= merge_after:
            merge_noted(store, unmerged)
            unmerged = set()
        if on_progress:
            on_progress(counts)
    assigner.close()
    if merge_events and unmerged:
        merge_noted(store, unmerged)
    counts.remaining = len(pending) - len(todo)
    return counts
