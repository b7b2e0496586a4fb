"""Times gate: every row of ``cases.tsv`` (a sentence, its publication date, a time expression and
the value it stands for, and for a range its last value) analysed in one batch; at least 95% must
resolve exactly. Ranges are also scored on their own: every range row must resolve exactly."""

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
    end: str | None = None  # a range's last value
    anchor: str | None = None  # checked only where the row gives one

    @property
    def expected(self) -> tuple[str | None, str, str | None, str | None]:
        return (self.value, self.granularity, self.end, self.anchor)


def read_cases(path: Path = CASES) -> list[Case]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [
        Case(
            r["sentence"], r["published"] or None, r["expression"], r["value"] or None, r["granularity"],
            r.get("end") or None, r.get("anchor") or None,
        )
        for r in rows
    ]  # fmt: skip


@pytest.fixture(scope="module")
def outcomes(pipeline) -> list[tuple[Case, tuple[str | None, str, str | None, str | None] | None]]:
    """Each case with the (value, granularity, end value, anchor) found for its expression, or None
    when not found; the anchor only where the case gives one."""
    cases = read_cases()
    docs = pipeline.nlp.pipe([c.sentence for c in cases])
    results = []
    for case, doc in zip(cases, docs, strict=True):
        analysis = Analysis(article=Article(id="t", text=case.sentence, published=case.published))
        resolve_times(analysis, doc)
        found = next((t for t in analysis.times if t.text == case.expression), None)
        anchor = found.anchor if found and case.anchor else None
        results.append((case, (found.value, found.granularity, found.end_value, anchor) if found else None))
    return results


def test_the_case_table_is_big_enough():
    assert len(read_cases()) >= 150


def test_time_values_are_exact(outcomes):
    misses = [(c, got) for c, got in outcomes if got != c.expected]
    share = 1 - len(misses) / len(outcomes)
    print(f"\ntimes: {len(outcomes) - len(misses)}/{len(outcomes)} exact ({share:.3f})")
    for case, got in misses:
        print(f"  MISS {case.sentence!r} @ {case.published}: {case.expression!r} "
              f"want {case.expected} got {got}")  # fmt: skip
    assert share >= EXACT_SHARE_FLOOR


def test_the_table_has_ranges():
    assert sum(1 for case in read_cases() if case.end) >= 15


def test_ranges_resolve_exactly(outcomes):
    ranges = [(c, got) for c, got in outcomes if c.end]
    assert [(c.sentence, c.expression, got) for c, got in ranges if got != c.expected] == []
