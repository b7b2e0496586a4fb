"""The API and a writer at once: reads are answered while `newsevents ingest` runs in another process,
and a store whose write lock is held answers 503 with Retry-After, never 500."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from api.serving import SAMPLE_PAGES, request, serving
from newsevents.store import Store


@pytest.mark.slow
def test_reads_are_answered_while_an_ingest_writes(tmp_path: Path) -> None:
    db = tmp_path / "busy.duckdb"
    Store(db).close()  # the tables exist before the server starts
    config = tmp_path / "newsevents.toml"
    config.write_text("batch_size = 2\n", encoding="utf-8")  # several batches, so several writes
    env = {**os.environ, "NEWSEVENTS_CONFIG": str(config)}
    answers: list[tuple[int, int | None]] = []  # (status, articles stored then)
    busy_answers = []
    with serving(db) as url:
        ingest = subprocess.Popen(
            [sys.executable, "-m", "newsevents.cli", "ingest", str(SAMPLE_PAGES), "--db", str(db), "--workers", "1"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 180
            while ingest.poll() is None and time.monotonic() < deadline:
                status, headers, body = request(url + "/api/v1/stats")
                answers.append((status, json.loads(body)["articles"] if status == 200 else None))
                if status == 503:
                    busy_answers.append((headers, body))
                time.sleep(0.1)
            _, err = ingest.communicate(timeout=120)
            assert ingest.returncode == 0, err.decode()
            final_status, _, final_body = request(url + "/api/v1/stats")
        finally:
            if ingest.poll() is None:
                ingest.kill()
    assert final_status == 200
    total = json.loads(final_body)["articles"]
    assert {status for status, _ in answers} <= {200, 503}, answers
    # Answered from the store while the ingest was part way through it: some articles stored, not all.
    assert any(status == 200 and 0 < stored < total for status, stored in answers), answers
    for headers, body in busy_answers:
        assert headers.get("retry-after") == "2" and b"store is busy" in body


@pytest.mark.slow
def test_a_store_locked_by_a_writer_answers_503_with_retry_after(tmp_path: Path) -> None:
    db = tmp_path / "locked.duckdb"
    Store(db).close()
    with serving(db) as url:
        status, _, _ = request(url + "/api/v1/stats")
        assert status == 200
        script = (f"from newsevents.store import Store; import time; s = Store({str(db)!r}); "
                  "print('held', flush=True); time.sleep(30)")
        with subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE) as writer:
            try:
                assert writer.stdout is not None and writer.stdout.readline().strip() == b"held"
                status, headers, body = request(url + "/api/v1/events")
            finally:
                writer.kill()
        assert status == 503 and headers.get("retry-after") == "2" and b"store is busy" in body
        assert request(url + "/api/v1/events")[0] == 200  # the lock gone, reads come back
