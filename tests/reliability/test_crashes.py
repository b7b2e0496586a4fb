"""Crashes and concurrency: `ingest` killed with SIGKILL at random points leaves a whole store that a
rerun completes; two runs at once store an article once. End to end through the real CLI (slow)."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest

from conftest import SAMPLE_PAGES
from newsevents.store import Store
from reliability.storecheck import consistency_problems

pytestmark = pytest.mark.slow

CLI = [sys.executable, "-m", "newsevents.cli"]
ANALYSIS = ("articles", "entities", "actors", "places", "times", "quotes", "quantities", "events", "event_participants")


def ingest_command(db: Path, *paths: Path) -> tuple[list[str], dict[str, str]]:
    env = {**os.environ, "NEWSEVENTS_DB": str(db)}
    env.pop("NEWSEVENTS_CONFIG", None)
    return [*CLI, "ingest", *map(str, paths), "--workers", "1", "--format", "json"], env


def ingest(db: Path, *paths: Path) -> subprocess.CompletedProcess[str]:
    command, env = ingest_command(db, *paths)
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)


def analysis_rows(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of every analysis table, without the time of ingest (which differs between runs)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in ANALYSIS[1:]}
        rows["articles"] = con.execute("SELECT * EXCLUDE (ingested_at) FROM articles ORDER BY id").fetchall()
        rows["duplicates"] = con.execute("SELECT * FROM duplicates ORDER BY ALL").fetchall()
        return rows
    finally:
        con.close()


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store one uninterrupted ingest of the sample pages gives."""
    db = tmp_path_factory.mktemp("reference") / "store.duckdb"
    result = ingest(db, SAMPLE_PAGES)
    assert result.returncode == 0, result.stderr
    return db


def test_sigkill_at_random_points_leaves_a_whole_store_that_a_rerun_completes(reference: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    rng = random.Random(int(os.environ.get("NEWSEVENTS_KILL_SEED", "20261014")))
    started = time.monotonic()
    kills = []
    for _ in range(5):
        command, env = ingest_command(db, SAMPLE_PAGES)
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        delay = rng.uniform(2.0, 7.0)
        try:
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            process.wait()
        kills.append((round(delay, 1), process.returncode))
        assert db.exists() or kills[-1][1] == -signal.SIGKILL
        if db.exists():
            with Store(db) as store:  # opens (and replays its WAL) after the kill
                kills[-1] += (store.counts()["articles"],)
            assert consistency_problems(db) == [], kills
    total = len(analysis_rows(reference)["articles"])
    print(f"kills (delay s, exit status, articles stored of {total}): {kills}")
    assert any(0 < k[2] < total for k in kills if len(k) > 2), f"no kill landed mid-ingest: {kills}"
    rerun = ingest(db, SAMPLE_PAGES)
    assert rerun.returncode == 0, rerun.stderr
    assert consistency_problems(db) == []
    assert analysis_rows(db) == analysis_rows(reference), kills  # nothing missing, nothing twice
    assert time.monotonic() - started < 90


def test_stories_survive_a_kill(reference: Path, tmp_path: Path) -> None:
    """Every stored original is in a story after kill and rerun, as after one clean run."""
    db = tmp_path / "store.duckdb"
    for delay in (4.0, 5.5):
        command, env = ingest_command(db, SAMPLE_PAGES)
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        try:
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    assert ingest(db, SAMPLE_PAGES).returncode == 0

    def without_story(path: Path) -> list[str]:
        con = duckdb.connect(str(path), read_only=True)
        try:
            sql = "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM story_articles) ORDER BY id"
            return [r[0] for r in con.execute(sql).fetchall()]
        finally:
            con.close()

    assert without_story(db) == without_story(reference)


def test_the_same_article_from_two_runs_at_once_is_stored_once(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    shutil.copy(SAMPLE_PAGES / "wire-kharkiv-shelling.html", page)
    db = tmp_path / "store.duckdb"
    processes = []
    for _ in range(2):
        command, env = ingest_command(db, page)
        processes.append(subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env))
    outputs = [p.communicate(timeout=300) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], [err for _, err in outputs]
    counts = sorted((json.loads(out)["new"], json.loads(out)["present"]) for out, _ in outputs)
    assert counts == [(0, 1), (1, 0)]
    assert analysis_rows(db)["articles"].__len__() == 1
    assert consistency_problems(db) == []


def test_ingesting_twice_changes_nothing(reference: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    shutil.copy(reference, db)
    before = analysis_rows(db)
    again = ingest(db, SAMPLE_PAGES)
    assert again.returncode == 0 and json.loads(again.stdout)["new"] == 0
    assert analysis_rows(db) == before
