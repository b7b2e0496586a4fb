"""Story assignment: each new article joins the most similar story within the time window, or starts one.

Assignment is incremental. An article's heaviest keys (``keys.py``), each paired with the time bucket
of its publication day, are looked up in the store's indexed ``story_keys`` table; the articles found
there within ``window_days`` of it are scored by cosine similarity, a story scores as its best
article, and the article joins the best story at or above ``min_similarity``. Nothing already
assigned moves, so the cost of one article does not grow with the archive.
"""

from __future__ import annotations

import hashlib
from collections import Counter, OrderedDict
from dataclasses import dataclass
from datetime import date

from newsevents.model import stable_id
from newsevents.store import Store
from newsevents.stories.keys import StoryFeatures, TermStats, cosine, dates_conflict, weigh

UNDATED = -1  # the time bucket of articles without a date: they only meet each other


@dataclass(frozen=True)
class StoryOptions:
    """How articles are grouped into stories; the defaults were set on tests/stories/data."""

    window_days: int = 3  # an article meets articles published up to this many days before or after it
    min_similarity: float = 0.22  # cosine similarity needed to join a story
    date_tolerance_days: int = 1  # two articles whose named days are all further apart than this...
    date_conflict_factor: float = 0.5  # ...have their similarity multiplied by this
    lookup_keys: int = 12  # an article's heaviest keys used to find candidate stories
    max_keys: int = 60  # keys kept in an article's vector
    max_candidates: int = 60  # candidate articles scored for one new article, most shared keys first
    cache_size: int = 50_000  # vectors of recent articles kept in memory
    term_flush_terms: int = 200_000  # term counts are written when this many are pending, and on close


@dataclass(frozen=True)
class Assignment:
    """Where an article went: its story, its similarity to it (0.0 when it started the story)."""

    article_id: str
    story_id: str
    score: float
    new: bool


def lookup_key(key: str, bucket: int) -> int:
    """The signed 64-bit index key of a story key in one time bucket."""
    digest = hashlib.blake2b(f"{key}\x1f{bucket}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


class StoryAssigner:
    """Assigns articles to stories against the store; writes on ``flush``."""

    def __init__(self, store: Store, options: StoryOptions | None = None) -> None:
        self.store = store
        self.options = options or StoryOptions()
        self.stats = TermStats(documents=store.story_documents())
        self._known_terms: set[str] = set()
        self._term_delta: Counter[str] = Counter()
        self._documents_delta = 0
        self._new_stories: list[tuple[str, str | None, date | None]] = []
        self._members: list[tuple[str, str, date | None, str | None, float, str | None, list[str], list[float]]] = []
        self._key_rows: list[tuple[int, str, str, date | None]] = []
        self._unflushed: dict[int, list[tuple[str, str, date | None]]] = {}
        self._vectors: OrderedDict[str, tuple[str, date | None, dict[str, float]]] = OrderedDict()

    # -- time buckets ------------------------------------------------------------------------------

    @property
    def bucket_days(self) -> int:
        return 2 * self.options.window_days + 1

    def bucket(self, day: date | None) -> int:
        return day.toordinal() // self.bucket_days if day else UNDATED

    def buckets_around(self, day: date | None) -> list[int]:
        """The (one or two) buckets that hold every day within the window of ``day``."""
        if day is None:
            return [UNDATED]
        w = self.options.window_days
        first, last = (day.toordinal() - w) // self.bucket_days, (day.toordinal() + w) // self.bucket_days
        return list(range(first, last + 1))

    def in_window(self, a: date | None, b: date | None) -> bool:
        if a is None or b is None:
            return a is None and b is None
        return abs((a - b).days) <= self.options.window_days

    # -- assignment --------------------------------------------------------------------------------

    def vector(self, features: StoryFeatures) -> dict[str, float]:
        """Count the article's keys in the term statistics and return its weighted unit vector."""
        self.stats.add(features.counts)
        self._term_delta.update(features.counts.keys())
        self._documents_delta += 1
        return weigh(features.counts, self.stats, self.options.max_keys)

    def similarity(self, a: dict[str, float], b: dict[str, float]) -> float:
        """Cosine similarity of two articles, lowered when the days they name are far apart."""
        score = cosine(a, b)
        if score and dates_conflict(a, b, self.options.date_tolerance_days):
            score *= self.options.date_conflict_factor
        return score

    def assign(self, batch: list[StoryFeatures]) -> list[Assignment]:
        """Assign each article of ``batch`` in order (later ones can join stories earlier ones began)."""
        self._load_terms({k for f in batch for k in f.counts})
        vectors = [self.vector(f) for f in batch]
        lookups = [self._lookups(f, v) for f, v in zip(batch, vectors, strict=True)]
        stored: dict[int, list[tuple[str, str, date | None]]] = {}
        for lookup, article_id, story_id, day in self.store.story_key_matches(
            sorted({k for ks in lookups for k in ks})
        ):
            stored.setdefault(lookup, []).append((article_id, story_id, day))
        self._prefetch({a for rows in stored.values() for a, _, _ in rows})
        return [self._assign_one(f, v, ks, stored) for f, v, ks in zip(batch, vectors, lookups, strict=True)]

    def add_copy(self, article_id: str, original_id: str, *, day: date | None, site: str | None) -> Assignment | None:
        """Put a copy in its original's story (None when the original has no story)."""
        found = self._vectors.get(original_id) or self.store.story_vectors([original_id]).get(original_id)
        if found is None:
            return None
        story_id, _, vector = found
        self._members.append((article_id, story_id, day, site, 1.0, original_id, list(vector), list(vector.values())))
        return Assignment(article_id, story_id, 1.0, False)

    def discard(self) -> None:
        """Drop what was assigned since the last flush (after an error, so nothing half-done is written)."""
        for article_id, *_ in self._members:
            self._vectors.pop(article_id, None)
        self._new_stories, self._members, self._key_rows = [], [], []
        self._unflushed.clear()
        self._term_delta.clear()
        self._documents_delta = 0

    def pending_stories(self) -> set[str]:
        """The ids of the stories that the next ``flush`` touches."""
        return {m[1] for m in self._members}

    def flush(self, *, terms: bool = False) -> set[str]:
        """Write what was assigned since the last flush; returns the ids of the stories touched.

        Term counts (only weights, never memberships) are written with it when ``terms`` is true or
        when many are pending: writing them for every batch would cost more than all the rest.
        """
        touched = self.pending_stories()
        write_terms = terms or len(self._term_delta) >= self.options.term_flush_terms
        self.store.save_story_batch(
            stories=self._new_stories,
            members=self._members,
            keys=self._key_rows,
            terms=dict(self._term_delta) if write_terms else {},
            documents=self._documents_delta if write_terms else 0,
        )
        self._new_stories, self._members, self._key_rows = [], [], []
        self._unflushed.clear()
        if write_terms:
            self._term_delta.clear()
            self._documents_delta = 0
        return touched

    def close(self) -> None:
        """Write everything still pending, term counts included."""
        self.flush(terms=True)

    # -- internals ---------------------------------------------------------------------------------

    def _load_terms(self, terms: set[str]) -> None:
        missing = sorted(terms - self._known_terms)
        if missing:
            for term, df in self.store.term_frequencies(missing).items():
                self.stats.df[term] = self.stats.df.get(term, 0) + df
            self._known_terms.update(missing)

    def _lookups(self, features: StoryFeatures, vector: dict[str, float]) -> list[int]:
        heaviest = list(vector)[: self.options.lookup_keys]
        return [lookup_key(k, b) for k in heaviest for b in self.buckets_around(features.day)]

    def _prefetch(self, article_ids: set[str]) -> None:
        missing = [a for a in article_ids if a not in self._vectors]
        for article_id, found in self.store.story_vectors(missing).items():
            self._remember(article_id, found)

    def _remember(self, article_id: str, found: tuple[str, date | None, dict[str, float]]) -> None:
        self._vectors[article_id] = found
        self._vectors.move_to_end(article_id)
        while len(self._vectors) > self.options.cache_size:
            self._vectors.popitem(last=False)

    def _assign_one(
        self,
        features: StoryFeatures,
        vector: dict[str, float],
        lookups: list[int],
        stored: dict[int, list[tuple[str, str, date | None]]],
    ) -> Assignment:
        shared: Counter[str] = Counter()
        for lookup in lookups:
            for article_id, _, day in stored.get(lookup, []) + self._unflushed.get(lookup, []):
                if article_id != features.article_id and self.in_window(features.day, day):
                    shared[article_id] += 1
        scores: dict[str, float] = {}
        for article_id, _ in shared.most_common(self.options.max_candidates):
            found = self._vectors.get(article_id) or self.store.story_vectors([article_id]).get(article_id)
            if found is None:
                continue
            story_id, _, other = found
            scores[story_id] = max(scores.get(story_id, 0.0), self.similarity(vector, other))
        best = max(scores.items(), key=lambda kv: (kv[1], kv[0]), default=None)
        if best is not None and best[1] >= self.options.min_similarity:
            assignment = Assignment(features.article_id, best[0], round(best[1], 4), False)
        else:
            story_id = stable_id("story", features.article_id)
            self._new_stories.append((story_id, features.title, features.day))
            assignment = Assignment(features.article_id, story_id, 0.0, True)
        self._record(features, vector, assignment)
        return assignment

    def _record(self, features: StoryFeatures, vector: dict[str, float], assignment: Assignment) -> None:
        sid, aid, day = assignment.story_id, features.article_id, features.day
        self._members.append(
            (aid, sid, day, features.site, assignment.score, None, list(vector), list(vector.values()))
        )
        for key in list(vector)[: self.options.lookup_keys]:
            lookup = lookup_key(key, self.bucket(day))
            self._key_rows.append((lookup, aid, sid, day))
            self._unflushed.setdefault(lookup, []).append((aid, sid, day))
        self._remember(aid, (sid, day, vector))
