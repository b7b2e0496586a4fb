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
    """The ingest command line and environment; batch_size 1, so articles are stored one by one all
    through the run (with larger batches every write falls in the last fraction of a second)."""
    settings = db.parent / "one-at-a-time.toml"
    settings.write_text("batch_size = 1\n", encoding="utf-8")
    env = {**os.environ, "NEWSEVENTS_DB": str(db), "NEWSEVENTS_CONFIG": str(settings)}
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


REFERENCE_SECONDS: list[float] = []  # how long one uninterrupted ingest took on this machine


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store one uninterrupted ingest of the sample pages gives."""
    db = tmp_path_factory.mktemp("reference") / "store.duckdb"
    started = time.monotonic()
    result = ingest(db, SAMPLE_PAGES)
    REFERENCE_SECONDS.append(time.monotonic() - started)
    assert result.returncode == 0, result.stderr
    return db


def kill_after_writes(process: subprocess.Popen[bytes], db: Path, writes: int, timeout: float = 120) -> float:
    """SIGKILL ``process`` once the store file and its WAL have grown ``writes`` times; returns when."""
    started = time.monotonic()
    wal = db.with_name(db.name + ".wal")
    last, seen = -1, 0
    while process.poll() is None and time.monotonic() - started < timeout:
        size = sum(p.stat().st_size for p in (db, wal) if p.exists())
        if size != last:
            last, seen = size, seen + 1
            if seen > writes:
                process.send_signal(signal.SIGKILL)
                break
        time.sleep(0.005)
    process.wait()
    return time.monotonic() - started


def test_sigkill_at_random_points_leaves_a_whole_store_that_a_rerun_completes(reference: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    rng = random.Random(int(os.environ.get("NEWSEVENTS_KILL_SEED", "20261014")))
    started = time.monotonic()
    kills = []
    for _ in range(5):
        command, env = ingest_command(db, SAMPLE_PAGES)
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        # Kill after the store's files have grown a random number of times: that is, while articles are
        # being written, whatever this machine's speed.
        delay = kill_after_writes(process, db, rng.randint(2, 10))
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
    assert time.monotonic() - started < 90 + 5 * REFERENCE_SECONDS[0]


def test_stories_survive_a_kill(reference: Path, tmp_path: Path) -> None:
    """Every stored original is in a story after kill and rerun, as after one clean run."""
    db = tmp_path / "store.duckdb"
    for fraction in (0.55, 0.8):
        delay = fraction * REFERENCE_SECONDS[0]
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
