"""The story index that ingest keeps up to date: copies found before analysis, stories and merged events after.

``ingest_paths`` asks ``check`` about every extracted article before the language model sees it; a
copy is stored with ``add_copy`` (linked to its original, put in its original's story, not analysed);
an original goes on to analysis and then to ``add_analysis``, which assigns its story and recomputes
the story's merged events, at once or (``merge_after``) once for many batches.

The stories whose merged events are due are noted in the store before their new members are written
and the note is cleared once they are merged, so that a run stopped in between is finished by the
next one (``backfill_stories`` merges the noted stories first).
"""

from __future__ import annotations

from newsevents.model import Analysis, Article
from newsevents.store import Store
from newsevents.stories.assign import Assignment, StoryAssigner, StoryOptions
from newsevents.stories.duplicates import DuplicateFinder, DuplicateMatch, DuplicateOptions
from newsevents.stories.keys import features_from_analysis, parse_day
from newsevents.stories.merge import merge_noted, note_unmerged


class StoryIndex:
    """Duplicate detection, story assignment and merged events over one store."""

    def __init__(
        self,
        store: Store,
        duplicates: DuplicateOptions | None = None,
        stories: StoryOptions | None = None,
        *,
        merge_events: bool = True,
        merge_after: int = 0,
    ) -> None:
        """``merge_after``: how many touched stories wait before their merged events are redone, each
        once however many batches touched it (0: after every batch). ``load``, whose stories nobody reads
        before it ends, waits: a story that grows over many batches is merged again after each."""
        self.store = store
        self.duplicates = DuplicateFinder(store, duplicates)
        self.assigner = StoryAssigner(store, stories)
        self.merge_events = merge_events
        self.merge_after = merge_after
        self._unmerged: set[str] = set()

    def check(self, article: Article) -> DuplicateMatch | None:
        """The stored or registered original that ``article`` copies, or None (it is then an original)."""
        return self.check_many([article])[0]

    def check_many(self, articles: list[Article]) -> list[DuplicateMatch | None]:
        """``check`` for each article in order (an earlier one may be the original of a later one), with
        one lookup in the store for all."""
        # An original's band keys stay in memory (later checks see them) until its batch is stored:
        # ``add_analyses`` writes them all with one insert, where a write per article cost more.
        return self.duplicates.check(articles)

    def withdraw(self, article_id: str) -> None:
        """Forget an original whose analysis failed, so that its copies are analysed instead."""
        self.duplicates.withdraw(article_id)

    def add_copy(self, article: Article, match: DuplicateMatch, pipeline: dict[str, str] | None = None) -> bool:
        """Store a copy linked to its original and put it in the original's story; False if already stored."""
        stored = self.store.add_duplicate(
            Analysis(article=article, pipeline=dict(pipeline or {})), match.duplicate_of, match.jaccard,
            match.containment,
        )  # fmt: skip
        if not stored:
            return False
        day = parse_day(article.published)
        if self.assigner.add_copy(article.id, match.duplicate_of, day=day, site=article.site):
            self._settle()
        return True

    def add_analysis(self, analysis: Analysis) -> Assignment:
        """Assign a stored analysis to its story and refresh the story's merged events."""
        return self.add_analyses([analysis])[0]

    def add_analyses(self, analyses: list[Analysis]) -> list[Assignment]:
        """Assign stored analyses to stories in order (a later one can join a story an earlier one
        began), then refresh the merged events of every story touched, once each."""
        self.duplicates.flush()  # written before the stories, so that an article in a story has its bands
        try:
            assignments = self.assigner.assign([features_from_analysis(a) for a in analyses])
        except Exception:
            self.assigner.discard()
            raise
        self._settle()
        return assignments

    def close(self) -> None:
        """Write what is still pending (the archive's term counts, the merges waiting); call when an
        ingest run ends."""
        self.duplicates.flush()
        self.assigner.close()
        self._merge()

    def _settle(self) -> None:
        if self.merge_events:
            due = self._unmerged | self.assigner.pending_stories()
            if due != self._unmerged:
                note_unmerged(self.store, due)
                self._unmerged = due
        self.assigner.flush()
        if len(self._unmerged) >= self.merge_after:
            self._merge()

    def _merge(self) -> None:
        if self._unmerged:
            merge_noted(self.store, self._unmerged)
            self._unmerged = set()
