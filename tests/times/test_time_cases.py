"""Times gate: every row of ``cases.tsv`` (a sentence, its publication date, a time expression and
the value it stands for) analysed in one batch; at least 95% must resolve exactly."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsevents.model import Analysis, Article
from newsevents.times import resolve_times

CASES = Path(__file__).with_name("cases.tsv")
EXACT_SHARE_FLOOR = 0.95


@dataclass(frozen=True)
class Case:
    sentence: str
    published: str | None
    expression: str
    value: str | None
    granularity: str


def read_cases(path: Path = CASES) -> list[Case]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [
        Case(r["sentence"], r["published"] or None, r["expression"], r["value"] or None, r["granularity"]) for r in rows
    ]


@pytest.fixture(scope="module")
def outcomes(pipeline) -> list[tuple[Case, tuple[str | None, str] | None]]:
    """Each case with the (value, granularity) found for its expression, or None when not found."""
    cases = read_cases()
    docs = pipeline.nlp.pipe([c.sentence for c in cases])
    results = []
    for case, doc in zip(cases, docs, strict=True):
        analysis = Analysis(article=Article(id="t", text=case.sentence, published=case.published))
        resolve_times(analysis, doc)
        found = next((t for t in analysis.times if t.text == case.expression), None)
        results.append((case, (found.value, found.granularity) if found else None))
    return results


def test_the_case_table_is_big_enough():
    assert len(read_cases()) >= 150


def test_time_values_are_exact(outcomes):
    misses = [(c, got) for c, got in outcomes if got != (c.value, c.granularity)]
    share = 1 - len(misses) / len(outcomes)
    print(f"\ntimes: {len(outcomes) - len(misses)}/{len(outcomes)} exact ({share:.3f})")
    for case, got in misses:
        print(f"  MISS {case.sentence!r} @ {case.published}: {case.expression!r} "
              f"want {(case.value, case.granularity)} got {got}")  # fmt: skip
    assert share >= EXACT_SHARE_FLOOR
