"""The benchmark metric on hand-made cases, and the quality gate on the corpus (needs ../shared/corpus)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsevents.extract.benchmark import (
    exact_match,
    page_precision_recall,
    page_scores,
    score_corpus,
    shingle_match,
    shingles,
    summarize,
    trafilatura_extractor,
)

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "article-extraction-benchmark"
# The pinned score: raise it when extraction improves, never lower it to let a change through.
BASELINE = Path(__file__).with_name("benchmark_baseline.json")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a b c d e", {"a b c d": 1, "b c d e": 1}),
        ("a b", {"a b": 1}),  # shorter than a shingle: one shingle of all tokens
        ("", {}),
        ("a, b; c! d a b c d", {"a b c d": 2, "b c d a": 1, "c d a b": 1, "d a b c": 1}),
    ],
)
def test_shingles(text: str, expected: dict[str, int]) -> None:
    assert dict(shingles(text)) == expected


@pytest.mark.parametrize(
    ("truth", "prediction", "expected"),
    [
        ("a b c d e", "a b c d e", (1.0, 0.0, 0.0)),
        ("a b c d e", "", (0.0, 0.0, 1.0)),
        ("a b c d e", "a b c d", (0.5, 0.0, 0.5)),
        ("a b c d", "a b c d e", (0.5, 0.5, 0.0)),
        ("", "", (0.0, 0.0, 0.0)),
    ],
)
def test_shingle_match(truth: str, prediction: str, expected: tuple[float, float, float]) -> None:
    assert shingle_match(truth, prediction) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("tp_fp_fn", "expected"),
    [
        ((1.0, 0.0, 0.0), (1.0, 1.0)),
        ((0.0, 0.0, 0.0), (1.0, 1.0)),
        ((0.0, 0.0, 1.0), (0.0, 0.0)),
        ((0.5, 0.5, 0.0), (0.5, 1.0)),
        ((0.0, 1.0, 0.0), (0.0, 0.0)),
    ],
)
def test_page_precision_recall(tp_fp_fn: tuple[float, float, float], expected: tuple[float, float]) -> None:
    assert page_precision_recall(*tp_fp_fn) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("truth", "prediction", "expected"),
    [
        ("One line.\n\nTwo  lines.", "One line. Two lines.", True),
        ("One line.", "One line", False),
        ("", "", True),
    ],
)
def test_exact_match_ignores_only_whitespace(truth: str, prediction: str, expected: bool) -> None:
    assert exact_match(truth, prediction) is expected


def test_summarize_averages_pages_and_counts_exact_matches() -> None:
    summary = summarize({"a": (1.0, 0.5, False), "b": (0.5, 1.0, True)})
    assert summary == pytest.approx({"pages": 2, "precision": 0.75, "recall": 0.75, "f1": 0.75, "exact": 1})


@pytest.mark.slow
@pytest.mark.quality
def test_quality_gate_cli_extraction_meets_pinned_score_and_beats_trafilatura(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The benchmark pages through ``newsevents extract``: F1 at least the pinned score and trafilatura's."""
    if not (CORPUS / "ground-truth.json").exists():
        pytest.skip(f"benchmark corpus not found at {CORPUS}")
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    result = subprocess.run(
        [sys.executable, "-m", "newsevents.cli", "extract", str(CORPUS / "html")],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode in (0, 1), result.stderr[-2000:]  # 1: some pages failed, and score as empty
    predictions = {}
    for line in result.stdout.splitlines():
        article = json.loads(line)["article"]
        predictions[Path(article["source"]).name.removesuffix(".gz").removesuffix(".html")] = article["text"]
    ours = summarize(page_scores(CORPUS, predictions))
    plain = score_corpus(CORPUS, trafilatura_extractor)
    failed = ours["pages"] - len(predictions)
    with capsys.disabled():  # the scores show in every run's log, passing or not
        print(
            f"\nquality gate: newsevents extract F1 {ours['f1']:.4f} "
            f"(P {ours['precision']:.4f}, R {ours['recall']:.4f}), exact {ours['exact']}/{ours['pages']}, "
            f"failed {failed}; trafilatura F1 {plain['f1']:.4f}, exact {plain['exact']}/{plain['pages']}; "
            f"pinned F1 {baseline['f1']}"
        )
    assert ours["pages"] == plain["pages"] > 0
    assert ours["f1"] >= baseline["f1"], (ours, baseline)
    assert ours["f1"] >= plain["f1"], (ours, plain)
