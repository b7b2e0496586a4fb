"""The benchmark metric on hand-made cases, and the corpus gate (slow; needs ../shared/corpus)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.extract.benchmark import (
    newsevents_extractor,
    page_precision_recall,
    score_corpus,
    shingle_match,
    shingles,
    trafilatura_extractor,
)

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "article-extraction-benchmark"


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


@pytest.mark.slow
def test_corpus_gate_we_score_at_least_as_well_as_trafilatura() -> None:
    if not (CORPUS / "ground-truth.json").exists():
        pytest.skip(f"benchmark corpus not found at {CORPUS}")
    ours = score_corpus(CORPUS, newsevents_extractor)
    plain = score_corpus(CORPUS, trafilatura_extractor)
    assert ours["pages"] == plain["pages"] > 0
    assert ours["f1"] >= plain["f1"], (ours, plain)
    assert ours["failures"] == 0
