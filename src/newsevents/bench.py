"""`make bench`: throughput of extract, analyze and the bare spaCy pipeline, measured in one run.

For the sample pages and, when present, the article extraction benchmark corpus in
../shared/corpus: articles per second for `extract` (no model), for `analyze` (every stage, on the
extracted articles) and for the same texts through the bare spaCy pipeline (nlp.pipe), plus the
extraction F1 on the corpus where its ground truth is available.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsevents.config import Settings
from newsevents.errors import Failure
from newsevents.ingest import RawInput, iter_inputs
from newsevents.model import Article
from newsevents.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[2]
SAMPLE_PAGES = REPO / "examples" / "pages"
CORPUS = REPO.parent / "shared" / "corpus" / "article-extraction-benchmark"


def _timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def measure(name: str, raws: list[RawInput], pipeline: Pipeline) -> dict[str, Any]:
    """Time extract, analyze and bare spaCy over the same inputs; returns one row of figures."""
    extracted, t_extract = _timed(lambda: list(pipeline.extract(raws)))
    articles = [a for a in extracted if isinstance(a, Article)]
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    analyses, t_analyze = _timed(lambda: list(pipeline.analyze(articles)))
    _, t_spacy = _timed(lambda: list(pipeline.nlp.pipe(texts, batch_size=pipeline.settings.batch_size)))
    return {
        "set": name,
        "inputs": len(raws),
        "articles": len(articles),
        "words": words,
        "extract/s": len(raws) / t_extract if t_extract else 0.0,
        "analyze/s": len(articles) / t_analyze if t_analyze else 0.0,
        "spacy/s": len(articles) / t_spacy if t_spacy else 0.0,
        "analyze words/s": words / t_analyze if t_analyze else 0.0,
        "spacy words/s": words / t_spacy if t_spacy else 0.0,
        "failed": sum(isinstance(a, Failure) for a in extracted + analyses),
        "events": sum(len(a.events) for a in analyses if not isinstance(a, Failure)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsevents.bench", description=__doc__)
    parser.add_argument("--corpus", default=str(CORPUS), help="article extraction benchmark folder")
    parser.add_argument("--limit", type=int, default=None, help="use at most this many corpus pages")
    args = parser.parse_args(argv)

    pipeline = Pipeline(Settings())
    pipeline.nlp  # load the model before any timing  # noqa: B018
    rows = []
    samples = [r for r in iter_inputs([SAMPLE_PAGES]) if isinstance(r, RawInput)]
    rows.append(measure("sample pages", samples, pipeline))
    corpus = Path(args.corpus)
    if (corpus / "html").is_dir():
        raws = [r for r in iter_inputs([corpus / "html"]) if isinstance(r, RawInput)][: args.limit]
        rows.append(measure("extraction benchmark", raws, pipeline))
    else:
        print(f"(corpus not found at {corpus}; measuring the sample pages only)")

    columns = list(rows[0])
    print("  ".join(f"{c:>15}" for c in columns))
    for row in rows:
        print("  ".join(f"{v:>15.1f}" if isinstance(v, float) else f"{v!s:>15}" for v in row.values()))
    print("(one process on one core; articles per second; analyze includes every stage after extraction)")

    if (corpus / "ground-truth.json").is_file():
        from newsevents.extract import benchmark

        print("\nExtraction quality on the benchmark corpus:")
        benchmark.main([str(corpus)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
