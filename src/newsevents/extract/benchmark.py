"""Score a body-text extractor on the article-extraction benchmark (shared corpus, not shipped).

The metric is the benchmark's own (see the corpus's SOURCE.md): texts become multisets of 4-token
shingles (tokens are ``\\w+`` runs); per page TP/FP/FN are the multiset overlaps normalised to sum
to 1; precision and recall are averaged over pages; F1 is the harmonic mean of the two averages.

Run ``python -m newsevents.extract.benchmark [corpus_dir] [--worst N]`` for a table comparing
``extract_html`` with plain ``trafilatura.extract`` in one run (precision, recall, F1, exact matches:
pages whose text equals the truth once whitespace is normalised, pages/s).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

SHINGLE_SIZE = 4
_TOKEN = re.compile(r"\w+")

# The shared corpus lives beside the repository: <root>/../shared/corpus/article-extraction-benchmark
DEFAULT_CORPUS = Path(__file__).resolve().parents[3] / ".." / "shared" / "corpus" / "article-extraction-benchmark"


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[str]:
    """The multiset of ``size``-token shingles of ``text`` (one shingle for a shorter text)."""
    tokens = _TOKEN.findall(text or "")
    count = max(1, len(tokens) - size + 1)
    return Counter(s for i in range(count) if (s := " ".join(tokens[i : i + size])))


def shingle_match(truth: str, prediction: str) -> tuple[float, float, float]:
    """Normalised (TP, FP, FN) of the shingle multisets of ``truth`` and ``prediction``."""
    true_shingles, pred_shingles = shingles(truth), shingles(prediction)
    tp = sum((true_shingles & pred_shingles).values())
    fp = sum((pred_shingles - true_shingles).values())
    fn = sum((true_shingles - pred_shingles).values())
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def page_precision_recall(tp: float, fp: float, fn: float) -> tuple[float, float]:
    """Precision and recall of one page; a page with no prediction and no truth scores 1."""
    if fp == fn == 0:
        return 1.0, 1.0
    precision = 0.0 if tp == fp == 0 else tp / (tp + fp)
    recall = 0.0 if tp == fn == 0 else tp / (tp + fn)
    return precision, recall


def load_corpus(corpus_dir: Path) -> list[tuple[str, bytes, str]]:
    """(page key, raw HTML bytes, true body text) for every page of the corpus."""
    truth = json.loads((corpus_dir / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key, item in sorted(truth.items()):
        path = corpus_dir / "html" / f"{key}.html.gz"
        raw = gzip.decompress(path.read_bytes()) if path.exists() else (corpus_dir / "html" / key).read_bytes()
        pages.append((key, raw, item.get("articleBody") or ""))
    return pages


def exact_match(truth: str, prediction: str) -> bool:
    """Whether ``prediction`` equals ``truth`` once runs of whitespace are made one space."""
    return " ".join(truth.split()) == " ".join(prediction.split())


def page_scores(corpus_dir: Path, predictions: dict[str, str]) -> dict[str, tuple[float, float, bool]]:
    """(precision, recall, exact match) of each corpus page; a page missing from ``predictions`` scores empty."""
    return {
        key: (
            *page_precision_recall(*shingle_match(truth, predictions.get(key, ""))),
            exact_match(truth, predictions.get(key, "")),
        )
        for key, _raw, truth in load_corpus(Path(corpus_dir))
    }


def summarize(scores: dict[str, tuple[float, float, bool]]) -> dict[str, float]:
    """Precision and recall averaged over pages, their F1, and the number of pages and exact matches."""
    pages = len(scores)
    precision = sum(p for p, _, _ in scores.values()) / pages if pages else 0.0
    recall = sum(r for _, r, _ in scores.values()) / pages if pages else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    exact = sum(1 for _, _, same in scores.values() if same)
    return {"pages": pages, "precision": precision, "recall": recall, "f1": f1, "exact": exact}


def score_corpus(corpus_dir: Path, extractor: Callable[[bytes], str]) -> dict[str, float]:
    """Precision, recall, F1 (benchmark metric), exact matches, pages/s and failures of ``extractor``.

    An extractor that raises scores as an empty prediction for that page (counted in ``failures``).
    """
    predictions, failures, elapsed = run_extractor(corpus_dir, extractor)
    pages = len(predictions)
    return {
        **summarize(page_scores(corpus_dir, predictions)),
        "pages_per_second": pages / elapsed if elapsed else float("inf"),
        "failures": failures,
    }


def run_extractor(corpus_dir: Path, extractor: Callable[[bytes], str]) -> tuple[dict[str, str], int, float]:
    """(prediction per page key, number of pages the extractor failed on, seconds spent extracting)."""
    predictions: dict[str, str] = {}
    failures = 0
    elapsed = 0.0
    for key, raw, _truth in load_corpus(Path(corpus_dir)):
        started = time.perf_counter()
        try:
            predictions[key] = extractor(raw) or ""
        except Exception:
            predictions[key], failures = "", failures + 1
        elapsed += time.perf_counter() - started
    return predictions, failures, elapsed


def newsevents_extractor(raw: bytes) -> str:
    """Body text by our ``extract_html``."""
    from newsevents.extract import extract_html

    return extract_html(raw).text


def trafilatura_extractor(raw: bytes) -> str:
    """Body text by plain ``trafilatura.extract`` with its defaults (comments off)."""
    import trafilatura

    return trafilatura.extract(raw, include_comments=False) or ""


EXTRACTORS: dict[str, Callable[[bytes], str]] = {
    "newsevents.extract_html": newsevents_extractor,
    "trafilatura.extract": trafilatura_extractor,
}


def main(argv: list[str] | None = None) -> int:
    """Print a table of both extractors' scores on the corpus; ``--worst N`` lists our N worst pages."""
    parser = argparse.ArgumentParser(prog="python -m newsevents.extract.benchmark", description=main.__doc__)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS, help="corpus directory")
    parser.add_argument("--worst", type=int, default=0, metavar="N", help="list our N worst pages by F1")
    args = parser.parse_args(argv)
    corpus_dir = args.corpus
    if not (corpus_dir / "ground-truth.json").exists():
        print(f"corpus not found at {corpus_dir} (expected ground-truth.json and html/)", file=sys.stderr)
        return 2
    # Warm up imports and caches so the first extractor is not charged for them.
    warm_up = (
        b"<html><body><article><p>" + b"A sentence to warm up the extractors. " * 20 + b"</p></article></body></html>"
    )
    for extractor in EXTRACTORS.values():
        extractor(warm_up)
    header = f"{'extractor':<26} {'precision':>9} {'recall':>7} {'F1':>7} {'exact':>5} {'pages/s':>8} {'failed':>6}"
    print(header)
    print("-" * len(header))
    ours: dict[str, tuple[float, float, bool]] = {}
    for name, extractor in EXTRACTORS.items():
        predictions, failures, elapsed = run_extractor(corpus_dir, extractor)
        scores = page_scores(corpus_dir, predictions)
        ours = ours or scores
        s = summarize(scores)
        speed = len(predictions) / elapsed if elapsed else float("inf")
        print(
            f"{name:<26} {s['precision']:>9.4f} {s['recall']:>7.4f} {s['f1']:>7.4f} {s['exact']:>5} "
            f"{speed:>8.1f} {failures:>6}"
        )
    if args.worst:
        print(f"\nworst {args.worst} pages of {next(iter(EXTRACTORS))} (precision, recall, page):")
        ranked = sorted(ours.items(), key=lambda item: _f1(item[1][0], item[1][1]))
        for key, (precision, recall, _) in ranked[: args.worst]:
            print(f"  {precision:.3f} {recall:.3f} {key}")
    return 0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


if __name__ == "__main__":
    raise SystemExit(main())
