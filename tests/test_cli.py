"""End to end through the real command line: sample pages in, contract documents and a store out."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import SAMPLE_PAGES
from newsevents.ingest import RawInput, iter_inputs

pytestmark = pytest.mark.slow

CLI = [sys.executable, "-m", "newsevents.cli"]


def run(*args: str, stdin: str | None = None, cwd: Path | None = None, db: Path | None = None):
    env = {**os.environ, "NEWSEVENTS_DB": str(db)} if db else {**os.environ}
    env.pop("NEWSEVENTS_CONFIG", None)
    return subprocess.run([*CLI, *args], input=stdin, capture_output=True, text=True, cwd=cwd, env=env,
                          timeout=600)


def sample_inputs() -> list[RawInput]:
    return [r for r in iter_inputs([SAMPLE_PAGES]) if isinstance(r, RawInput)]


@pytest.fixture(scope="module")
def analyzed() -> list[dict[str, Any]]:
    result = run("analyze", str(SAMPLE_PAGES))
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def spans_of(doc: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every (where, span) in a document that claims offsets into article.text."""
    found: list[tuple[str, dict[str, Any]]] = []
    for kind in ("entities", "times", "quotes", "quantities"):
        found += [(f"{kind}/{item.get('id')}", item) for item in doc[kind]]
    for quote in doc["quotes"]:
        speaker = quote["speaker"]
        if speaker.get("start") is not None:
            found.append((f"quotes/{quote['id']}/speaker", speaker))
    for event in doc["events"]:
        found.append((f"events/{event['id']}/sentence", event["sentence"]))
        found.append((f"events/{event['id']}/trigger", event["trigger"]))
        found += [(f"events/{event['id']}/evidence", span) for span in event.get("evidence", [])]
    return found


def test_there_are_at_least_twelve_sample_pages_of_every_kind() -> None:
    inputs = sample_inputs()
    assert len(inputs) >= 12
    names = {Path(r.source.split(":")[0]).name for r in inputs}
    assert any(n.endswith(".html.gz") for n in names)
    assert any(n.endswith(".txt") for n in names)
    assert {r.kind for r in inputs} >= {"html", "text_page", "text"}


def test_analyze_prints_one_valid_document_per_input_in_order(analyzed, contract_validator) -> None:
    inputs = sample_inputs()
    assert len(analyzed) == len(inputs)
    assert [d["article"]["source"] for d in analyzed] == [r.source for r in inputs]
    for doc in analyzed:
        errors = sorted(contract_validator.iter_errors(doc), key=str)
        assert not errors, f"{doc['article']['source']}: {errors[0].message} at {list(errors[0].path)}"


def test_every_span_selects_exactly_its_text(analyzed) -> None:
    checked = 0
    for doc in analyzed:
        text = doc["article"]["text"]
        for where, span in spans_of(doc):
            assert 0 <= span["start"] <= span["end"] <= len(text), where
            assert text[span["start"]:span["end"]] == span["text"], f"{doc['article']['source']} {where}"
            checked += 1
    assert checked > 100


def test_ids_are_unique_and_links_resolve(analyzed) -> None:
    for doc in analyzed:
        source = doc["article"]["source"]
        ids = {kind: [x["id"] for x in doc[kind]] for kind in ("entities", "actors", "places", "times",
                                                               "quotes", "events")}
        for kind, values in ids.items():
            assert len(values) == len(set(values)), f"{source}: duplicate {kind} ids"
        actors, places, entities = set(ids["actors"]), set(ids["places"]), set(ids["entities"])
        for entity in doc["entities"]:
            assert entity.get("actor") in actors | {None}, source
            assert entity.get("place") in places | {None}, source
        for actor in doc["actors"]:
            assert set(actor["mentions"]) <= entities, source
        for event in doc["events"]:
            assert set(event["actor"]) | set(event["recipient"]) <= actors, source
            assert event["place"] in places | {None}, source


def test_the_sample_pages_yield_events_quotes_times_and_quantities(analyzed) -> None:
    totals = {k: sum(len(d[k]) for d in analyzed) for k in ("events", "quotes", "times", "quantities",
                                                             "actors", "places")}
    assert all(count > 0 for count in totals.values()), totals
    assert {e["status"] for d in analyzed for e in d["events"]} >= {"asserted", "planned"}


def test_python_api_returns_what_the_cli_prints(analyzed) -> None:
    from newsevents import analyze

    first = next(d for d in analyzed if Path(d["article"]["source"]).is_file())
    path = first["article"]["source"]
    data = Path(path).read_bytes()
    kind = "text_page" if path.endswith(".txt") else "html"
    doc = analyze(data, kind=kind)
    for key in ("entities", "actors", "places", "times", "quotes", "quantities", "events"):
        assert doc[key] == first[key], key
    assert doc["article"]["text"] == first["article"]["text"]
    assert doc["article"]["id"] == first["article"]["id"]


def test_extract_prints_articles_only_without_loading_spacy(tmp_path: Path) -> None:
    code = (
        "import sys; from newsevents.cli import main; rc = main(['extract', sys.argv[1]]); "
        "assert 'spacy' not in sys.modules, 'extract loaded spaCy'; sys.exit(rc)"
    )
    result = subprocess.run([sys.executable, "-c", code, str(SAMPLE_PAGES)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(docs) == len(sample_inputs())
    assert all(list(d) == ["article"] and d["article"]["text"] for d in docs)


def test_standard_input_and_explicit_url_and_date() -> None:
    page = next(p for p in sorted(SAMPLE_PAGES.glob("*.html")))
    result = run("analyze", "-", "--url", "https://given.example/a", "--published", "2026-10-20",
                 stdin=page.read_text(encoding="utf-8"))
    assert result.returncode == 0, result.stderr
    [doc] = [json.loads(line) for line in result.stdout.splitlines()]
    assert doc["article"]["url"] == "https://given.example/a"
    assert doc["article"]["source"] == "-"
    assert doc["article"]["text"]


def test_bad_inputs_fail_alone_with_one_line_each(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Aid arrives in port\n\nA ship carrying 300 tonnes of flour docked in Aden on Monday, "
                    "the World Food Programme said.\n", encoding="utf-8")
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    missing = tmp_path / "missing.html"
    result = run("analyze", str(missing), str(good), str(empty))
    assert result.returncode == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2
    assert str(missing) in errors[0] and "no such file" in errors[0]
    assert str(empty) in errors[1] and "extract" in errors[1]
    [doc] = [json.loads(line) for line in result.stdout.splitlines()]
    assert doc["article"]["title"] == "Aid arrives in port"


def test_ingest_twice_changes_nothing_and_events_can_be_listed(tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    first = run("ingest", str(SAMPLE_PAGES), "--format", "json", db=db)
    assert first.returncode == 0, first.stderr
    counts = json.loads(first.stdout)
    n = len(sample_inputs())
    assert counts["new"] == n and counts["present"] == 0 and counts["failed"] == 0 and counts["events"] > 0

    def snapshot() -> dict[str, Any]:
        import duckdb

        con = duckdb.connect(str(db), read_only=True)
        try:
            tables = ("articles", "entities", "actors", "places", "times", "quotes", "quantities", "events")
            return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in tables}
        finally:
            con.close()

    before = snapshot()
    second = run("ingest", str(SAMPLE_PAGES), "--format", "json", db=db)
    assert json.loads(second.stdout) == {"db": str(db), "new": 0, "present": n, "failed": 0, "events": 0}
    after = snapshot()
    assert {t: len(rows) for t, rows in after.items()} == {t: len(rows) for t, rows in before.items()}
    assert after["events"] == before["events"]

    listed = run("events", "--format", "json", db=db)
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert len(rows) == counts["events"]
    assert all(r["sentence"] and r["event"] for r in rows)

    as_csv = list(csv.DictReader(io.StringIO(run("events", "--format", "csv", db=db).stdout)))
    assert len(as_csv) == len(rows)
    table = run("events", db=db).stdout
    assert f"{len(rows)} events" in table and "DATE" in table

    some_type = rows[0]["event"]
    typed = [json.loads(line) for line in run("events", "--type", some_type.lower(), "--format", "json",
                                              db=db).stdout.splitlines()]
    assert typed and {r["event"] for r in typed} == {some_type}


def test_unknown_event_type_is_a_usage_error(tmp_path: Path) -> None:
    result = run("events", "--type", "PICNIC", db=tmp_path / "x.duckdb")
    assert result.returncode == 2 and "invalid choice" in result.stderr and "CONSULT" in result.stderr


def test_failures_are_stored_and_listed(tmp_path: Path) -> None:
    db = tmp_path / "f.duckdb"
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "ok", "text": "Police detained 12 people in Lagos on Friday."}\n{oops\n',
                   encoding="utf-8")
    result = run("ingest", str(bad), db=db)
    assert result.returncode == 1 and "1 new" in result.stdout and "1 failed" in result.stdout
    rows = [json.loads(line) for line in run("failures", "--format", "json", db=db).stdout.splitlines()]
    assert [(r["input"], r["stage"]) for r in rows] == [(f"{bad}:2", "read")]
    assert "not valid JSON" in rows[0]["reason"]
