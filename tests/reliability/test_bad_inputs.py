"""Bad input through the real CLI into a real store: each case fails alone, named, with its reason.

One ``newsevents ingest`` run reads every case of ``bad_inputs.CASES`` plus a good sample page; each
row of the table is then checked on its own: the failures table holds exactly the expected rows
(input, stage, reason, time), stderr has one line per failure naming the input and the reason, the
articles that can be read are stored (with the defect cleaned out of their text), the batch went on
and the exit status reports partial failure.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from conftest import SAMPLE_PAGES
from newsevents.errors import Failure
from newsevents.ingest import iter_inputs
from reliability.bad_inputs import CASES, Case, external_entity_case, news_page
from reliability.storecheck import consistency_problems

CLI = [sys.executable, "-m", "newsevents.cli"]
GOOD_PAGE = SAMPLE_PAGES / "wire-kharkiv-shelling.html"


def run_cli(*args: str, db: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSEVENTS_DB": str(db)}
    env.pop("NEWSEVENTS_CONFIG", None)
    return subprocess.run([*CLI, *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Write every case, ingest them all (and one good page) in one CLI run; the run's outputs and store."""
    root = tmp_path_factory.mktemp("bad")
    cases = root / "cases"
    cases.mkdir()
    secret = root / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    all_cases = (*CASES, external_entity_case(secret))
    paths = []
    for case in all_cases:
        path = cases / case.name
        case.write(path)
        paths.append(path)
    good = cases / "good.html"
    shutil.copy(GOOD_PAGE, good)
    db = root / "store.duckdb"
    result = run_cli("ingest", *map(str, paths), str(good), "--workers", "1", "--format", "json", db=db, cwd=root)
    failures = run_cli("failures", "--format", "json", db=db, cwd=root)
    articles = run_cli("articles", "--format", "json", db=db, cwd=root)
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    texts = dict(con.execute("SELECT source, text FROM articles").fetchall())
    con.close()
    return {
        "result": result,
        "failures": [json.loads(line) for line in failures.stdout.splitlines()],
        "articles": [json.loads(line) for line in articles.stdout.splitlines()],
        "texts": texts,
        "cases": cases,
        "db": db,
        "secret": secret,
    }


def _rows_of(rows: list[dict[str, Any]], path: Path) -> list[dict[str, Any]]:
    """The failure rows whose input is ``path`` itself or a record in it (path@offset, path:line)."""
    name = str(path)
    return [r for r in rows if r["input"] == name or r["input"].startswith((name + "@", name + ":", name + "#"))]


@pytest.mark.slow
@pytest.mark.parametrize("case", [*CASES, external_entity_case(Path("unused"))], ids=lambda c: c.name)
def test_bad_input_fails_alone_with_its_reason(ingested: dict[str, Any], case: Case) -> None:
    path = ingested["cases"] / case.name
    rows = _rows_of(ingested["failures"], path)
    got = sorted((r["input"].removeprefix(str(path))[:2] if r["input"] != str(path) else "", r["stage"], r["reason"])
                 for r in rows)  # fmt: skip
    expected = sorted(case.expected.failures)
    assert len(got) == len(expected), f"{case.name}: failures {got}, expected {expected}"
    for (suffix, stage, reason), want in zip(got, expected, strict=True):
        assert (suffix.startswith(want[0]) if want[0] else suffix == "") and stage == want[1], (got, expected)
        assert want[2] in reason, f"{case.name}: reason {reason!r} lacks {want[2]!r}"
        assert "\n" not in reason and len(reason) < 400, reason  # one line
    for row in rows:
        assert row["last_seen"] and row["first_seen"]  # the time
        lines = [line for line in ingested["result"].stderr.splitlines() if row["input"] in line]
        assert len(lines) == 1 and row["reason"] in lines[0] and row["stage"] in lines[0], lines
    stored = {source: text for source, text in ingested["texts"].items() if source and source.startswith(str(path))}
    assert len(stored) == case.expected.stored, f"{case.name}: stored {sorted(stored)}"
    if case.expected.text_check:
        assert all(case.expected.text_check(text) for text in stored.values()), case.name


@pytest.mark.slow
def test_the_batch_goes_on_and_the_exit_status_reports_partial_failure(ingested: dict[str, Any]) -> None:
    result = ingested["result"]
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    counts = json.loads(result.stdout)
    failing = sum(len(c.expected.failures) for c in CASES) + 1  # + the external entity
    assert counts["failed"] == failing
    assert counts["new"] + counts["present"] == sum(c.expected.stored for c in CASES) + 1  # + the good page
    assert str(ingested["cases"] / "good.html") in ingested["texts"]
    assert consistency_problems(ingested["db"]) == []


@pytest.mark.slow
def test_no_entity_is_ever_resolved(ingested: dict[str, Any]) -> None:
    everything = json.dumps([ingested["failures"], ingested["articles"], ingested["texts"]])
    assert "TOP-SECRET" not in everything + ingested["result"].stderr + ingested["result"].stdout


@pytest.mark.slow
def test_a_json_record_too_long_for_the_model_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    records = [
        {"id": "long", "text": "Ships waited outside the port. " * 40_000},
        {"id": "short", "text": "Ships waited."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    result = run_cli("ingest", str(path), "--workers", "1", "--format", "json", db=tmp_path / "s.duckdb", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr[-1500:]
    assert json.loads(result.stdout)["new"] == 1 and "max_article_chars" in result.stderr


# -- in process, fast: caps hold without reading whole inputs -------------------------------------------------


def test_a_file_over_the_cap_is_never_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    huge = tmp_path / "huge.html"
    with huge.open("wb") as handle:
        handle.truncate(200_000_000)  # sparse: no disk space, no time
    opened: list[Path] = []
    real_open = Path.open
    monkeypatch.setattr(Path, "open", lambda self, *a, **k: opened.append(self) or real_open(self, *a, **k))
    [failure] = list(iter_inputs([huge]))
    assert isinstance(failure, Failure) and "over the limit of 20,000,000" in failure.reason
    assert huge not in opened


class _EndlessStream(io.RawIOBase):
    """Standard input that never ends: counts what is read from it."""

    def __init__(self) -> None:
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def, override]
        buffer[:] = b"<p>x</p>" * (len(buffer) // 8) + b" " * (len(buffer) % 8)
        self.read_bytes += len(buffer)
        return len(buffer)


@pytest.mark.parametrize("cap", [1_000, 1_000_000])
def test_standard_input_over_the_cap_is_read_only_up_to_it(monkeypatch: pytest.MonkeyPatch, cap: int) -> None:
    stream = _EndlessStream()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(stream)))
    tracemalloc.start()
    [failure] = list(iter_inputs(["-"], max_bytes=cap))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert isinstance(failure, Failure) and "over the limit" in failure.reason
    assert stream.read_bytes <= cap + 65_536 + 8192 * 2  # the cap plus the sniffing head and one buffer
    assert peak < 4 * cap + 1_000_000


@pytest.mark.parametrize(
    ("setting", "value", "page", "reason"),
    [
        (
            "max_dom_depth",
            20,
            "<html><body>" + "<div>" * 30 + "<p>Deep.</p>" + "</div>" * 30 + "</body></html>",
            "more than 20 levels deep (max_dom_depth)",
        ),
        ("max_article_chars", 200, news_page("Short cap"), "over the limit of 200 (max_article_chars)"),
        ("max_article_chars", 20, news_page("Tiny cap"), "more than 200 characters of text"),
    ],
)
def test_extraction_caps_come_from_the_arguments(setting: str, value: int, page: str, reason: str) -> None:
    from newsevents.extract import ExtractionError, extract_html

    with pytest.raises(ExtractionError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        extract_html(page, **{setting: value})


def test_settings_defaults_match_the_extraction_defaults() -> None:
    from newsevents.config import Settings
    from newsevents.extract.limits import DEFAULT_MAX_ARTICLE_CHARS, DEFAULT_MAX_DOM_DEPTH

    assert Settings().max_dom_depth == DEFAULT_MAX_DOM_DEPTH
    assert Settings().max_article_chars == DEFAULT_MAX_ARTICLE_CHARS
