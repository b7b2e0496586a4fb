"""Throughput of duplicate detection and story assignment on synthetic articles (no language model).

``python -m newsevents.stories.bench`` generates an archive of happenings, each reported by a few
outlets in their own (generated) words and syndicated as edited copies, with synthetic actor, place
and date keys, and feeds it in publication order through ``DuplicateFinder`` and ``StoryAssigner``
against a real DuckDB store, in batches. It prints articles per second for each run size and for each
tenth of the largest run: if lookups stay indexed, the rate of the last tenth matches the first.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import islice
from pathlib import Path
from typing import Any

from newsevents.model import Article
from newsevents.store import Store
from newsevents.stories.assign import StoryAssigner
from newsevents.stories.duplicates import DuplicateFinder
from newsevents.stories.keys import StoryFeatures, features_from_parts

START = date(2026, 1, 1)
EVENTS = ("CONSULT", "ASSAULT", "PROTEST", "AGREE", "SANCTION", "COERCE", "AID", "ACCUSE")


@dataclass
class SyntheticArticle:
    """An article and the keys a language model would have found in it."""

    article: Article
    parts: dict[str, Any]  # keyword arguments of ``features_from_parts``
    story: int  # the happening it reports

    def features(self) -> StoryFeatures:
        a = self.article
        return features_from_parts(
            a.id, day=date.fromisoformat(a.published or ""), site=a.site, title=a.title, text=a.text, **self.parts
        )


def _letters(n: int) -> str:
    out = ""
    while True:
        n, r = divmod(n, 26)
        out += chr(97 + r)
        if not n:
            return out


def _word(rng: random.Random, vocabulary: int) -> str:
    # Zipf-like: a few words everywhere, most words rare.
    return "w" + _letters(int(vocabulary ** rng.random()))


def generate(count: int, *, per_day: int = 500, seed: int = 7) -> Iterator[SyntheticArticle]:
    """``count`` synthetic articles in publication order: about a third are syndicated copies."""
    rng = random.Random(seed)
    happening = 0
    produced = 0
    while produced < count:
        happening += 1
        day = START + timedelta(days=produced // per_day)
        actors = [f"actor {_letters(rng.randrange(5000))}" for _ in range(2)]
        countries = [f"C{rng.randrange(150):03d}" for _ in range(2)]
        place = f"place {_letters(rng.randrange(20000))}"
        event = rng.choice(EVENTS)
        topic = [f"t{_letters(happening)}x{_letters(i)}" for i in range(12)]  # the words this happening is told in
        wire = " ".join(rng.choice(topic) if rng.random() < 0.3 else _word(rng, 50_000) for _ in range(220))
        reports = [(wire, None)] + [(wire, "copy")] * rng.randrange(0, 4)
        reports += [(None, None)] * rng.randrange(0, 3)
        for n, (text, kind) in enumerate(reports):
            if produced >= count:
                return
            if text is None:  # an independent report in its own words
                text = " ".join(rng.choice(topic) if rng.random() < 0.3 else _word(rng, 50_000) for _ in range(180))
            elif kind == "copy":  # another site's intro, a trimmed end, its clutter
                words = text.split()
                text = " ".join(["local", "intro", *words[: len(words) - rng.randrange(0, 30)], "follow", "us"])
            article_id = f"a{produced}"
            published = (day + timedelta(days=rng.randrange(0, 2))).isoformat()
            article = Article(id=article_id, text=text, title=" ".join(topic[:4]), url=f"https://site{n}.example/{article_id}",
                              site=f"site{rng.randrange(300)}.example", published=published)  # fmt: skip
            parts = {"actors": actors, "countries": countries, "places": [place], "dates": [day.isoformat()],
                     "events": [(event, day.isoformat())]}  # fmt: skip
            produced += 1
            yield SyntheticArticle(article, parts, happening)


def run(count: int, *, batch_size: int = 1000, segments: int = 10) -> dict[str, Any]:
    """Feed ``count`` synthetic articles through both stages; returns timings and counts.

    Only the stages are timed (keys, fingerprints, lookups and writes), not making up the articles.
    """
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.duckdb") as store:
        store.con.execute("SET enable_progress_bar = false")
        finder, assigner = DuplicateFinder(store), StoryAssigner(store)
        copies = stories = done = 0
        elapsed = segment_elapsed = 0.0
        cpu_start = time.process_time()
        segment_size = max(batch_size, count // segments)
        segment_rates: list[float] = []
        articles = generate(count)
        while batch := list(islice(articles, batch_size)):
            start = time.perf_counter()
            store.add_bare_articles([s.article for s in batch])
            matches = finder.check([s.article for s in batch])
            finder.flush()
            originals = [s.features() for s, m in zip(batch, matches, strict=True) if m is None]
            stories += sum(a.new for a in assigner.assign(originals))
            for s, m in zip(batch, matches, strict=True):
                if m is not None:
                    copies += 1
                    day = date.fromisoformat(s.article.published or "")
                    assigner.add_copy(s.article.id, m.duplicate_of, day=day, site=s.article.site)
            assigner.flush()
            took = time.perf_counter() - start
            elapsed += took
            segment_elapsed += took
            done += len(batch)
            if done % segment_size == 0:
                segment_rates.append(segment_size / segment_elapsed)
                segment_elapsed = 0.0
        start = time.perf_counter()
        assigner.close()
        elapsed += time.perf_counter() - start
        cpu = time.process_time() - cpu_start  # all threads; includes making up the articles
    return {"articles": count, "seconds": elapsed, "cpu_seconds": cpu, "per_second": count / elapsed, "copies": copies,
            "stories": stories, "segments": segment_rates}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsevents.stories.bench", description=__doc__)
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000], help="archive sizes to run")
    parser.add_argument("--batch-size", type=int, default=1000, help="articles per batch (one transaction)")
    args = parser.parse_args(argv)
    print("duplicate detection + story assignment, synthetic articles, one process, real DuckDB store")
    print("(seconds: the stages only; cpu s: process CPU time, all threads, including making up the articles)")
    print(
        f"{'articles':>10} {'seconds':>9} {'cpu s':>7} {'articles/s':>11} {'copies':>8} {'stories':>8}   "
        "articles/s by tenth of the run"
    )
    for size in args.sizes:
        r = run(size, batch_size=args.batch_size)
        tenths = " ".join(f"{rate:.0f}" for rate in r["segments"])
        print(
            f"{size:>10} {r['seconds']:>9.1f} {r['cpu_seconds']:>7.1f} {r['per_second']:>11.0f} {r['copies']:>8} "
            f"{r['stories']:>8}   {tenths}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
