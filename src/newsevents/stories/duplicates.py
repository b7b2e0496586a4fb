"""Duplicates: recognise a syndicated copy of a stored article from its extracted text.

Each original's MinHash band keys are indexed in the store (``article_bands``); a new article's band
keys find candidate originals with one indexed lookup, and a candidate is confirmed on the shingle
sets themselves: the texts' Jaccard similarity, or the share of the shorter text found in the other
(a copy with a trimmed last paragraph, a local intro or another site's clutter still passes). Only
originals are indexed, so every copy links to the first stored version.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from dataclasses import dataclass

import numpy as np

from newsevents.model import Article
from newsevents.store import Store
from newsevents.stories.minhash import MinHasher, containment, jaccard, shingle_hashes


@dataclass(frozen=True)
class DuplicateOptions:
    """How copies are found; the defaults were set on tests/stories/data."""

    shingle_words: int = 5  # words per shingle
    bands: int = 32  # LSH bands; with 3 rows each, texts above ~0.3 Jaccard become candidates
    rows: int = 3
    min_jaccard: float = 0.6  # a copy shares at least this share of all shingles...
    min_containment: float = 0.8  # ...or this share of the shorter text's shingles
    min_shingles: int = 25  # shorter texts must meet min_jaccard: containment alone proves little
    max_candidates: int = 8  # candidates confirmed per article, most shared bands first
    cache_size: int = 20_000  # shingle sets of recent originals kept in memory


@dataclass(frozen=True)
class Fingerprint:
    """An article's shingle set and band keys."""

    article_id: str
    shingles: np.ndarray
    keys: list[int]


@dataclass(frozen=True)
class DuplicateMatch:
    """``article_id`` is a copy of ``duplicate_of``, with the similarities that showed it."""

    article_id: str
    duplicate_of: str
    jaccard: float
    containment: float

    def as_dict(self) -> dict[str, object]:
        return {"article_id": self.article_id, "duplicate_of": self.duplicate_of, "jaccard": self.jaccard,
                "containment": self.containment}  # fmt: skip


class DuplicateFinder:
    """Finds copies among stored and recently registered originals; registers new originals.

    ``check`` registers every article that is not a copy as an original; its band keys go to the
    store on ``flush`` (the library and the benchmark flush after every batch).
    """

    def __init__(self, store: Store, options: DuplicateOptions | None = None) -> None:
        self.store = store
        self.options = options or DuplicateOptions()
        self.hasher = MinHasher(self.options.bands, self.options.rows)
        self._unflushed: dict[int, list[str]] = {}
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()

    def fingerprint(self, article: Article) -> Fingerprint:
        """The shingle set and band keys of an article's extracted text."""
        shingles = shingle_hashes(article.text, self.options.shingle_words)
        return Fingerprint(article.id, shingles, self.hasher.band_keys(self.hasher.signature(shingles)))

    def check(self, articles: list[Article]) -> list[DuplicateMatch | None]:
        """For each article in order, the original it copies, or None (it is then registered as one)."""
        fingerprints = [self.fingerprint(a) for a in articles]
        stored: dict[int, list[str]] = {}
        for key, article_id in self.store.band_matches(sorted({k for f in fingerprints for k in f.keys})):
            stored.setdefault(key, []).append(article_id)
        results: list[DuplicateMatch | None] = []
        for fp in fingerprints:
            shared: Counter[str] = Counter()
            for key in fp.keys:
                shared.update(stored.get(key, ()))
                shared.update(self._unflushed.get(key, ()))
            shared.pop(fp.article_id, None)
            match = self._confirm(fp, [c for c, _ in shared.most_common(self.options.max_candidates)])
            if match is None:
                self.register(fp)
            results.append(match)
        return results

    def register(self, fp: Fingerprint) -> None:
        """Index an article as an original (its band keys reach the store on ``flush``)."""
        for key in fp.keys:
            self._unflushed.setdefault(key, []).append(fp.article_id)
        self._remember(fp.article_id, fp.shingles)

    def flush(self) -> None:
        """Write the band keys of the originals registered since the last flush."""
        rows = [(key, article_id) for key, ids in self._unflushed.items() for article_id in ids]
        self.store.add_bands(rows)
        self._unflushed.clear()

    def withdraw(self, article_id: str) -> None:
        """Forget an original that could not be stored, so later copies are not linked to it."""
        self.flush()
        self.store.remove_bands(article_id)
        self._cache.pop(article_id, None)

    def _remember(self, article_id: str, shingles: np.ndarray) -> None:
        self._cache[article_id] = shingles
        self._cache.move_to_end(article_id)
        while len(self._cache) > self.options.cache_size:
            self._cache.popitem(last=False)

    def _shingles(self, ids: list[str]) -> dict[str, np.ndarray]:
        found = {i: self._cache[i] for i in ids if i in self._cache}
        missing = [i for i in ids if i not in found]
        for article_id, text in self.store.article_texts(missing).items():
            found[article_id] = shingle_hashes(text, self.options.shingle_words)
        return found

    def _confirm(self, fp: Fingerprint, candidates: list[str]) -> DuplicateMatch | None:
        """The candidate most similar to ``fp`` that passes the thresholds, or None."""
        if not candidates:
            return None
        opts = self.options
        best: DuplicateMatch | None = None
        for candidate, shingles in self._shingles(candidates).items():
            j = jaccard(fp.shingles, shingles)
            c = containment(fp.shingles, shingles)
            enough = min(len(fp.shingles), len(shingles)) >= opts.min_shingles
            if (j >= opts.min_jaccard or (enough and c >= opts.min_containment)) and (
                best is None or (j, c) > (best.jaccard, best.containment)
            ):
                best = DuplicateMatch(fp.article_id, candidate, round(j, 4), round(c, 4))
        return best
