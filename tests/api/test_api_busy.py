"""While `newsevents ingest` writes the store in another process, the API answers 503 or 200, never 500."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from api.serving import SAMPLE_PAGES, request, serving


@pytest.mark.slow
def test_an_ingest_in_progress_gives_503_with_retry_after_never_500(tmp_path: Path) -> None:
    db = tmp_path / "busy.duckdb"
    ingest = subprocess.Popen(
        [sys.executable, "-m", "newsevents.cli", "ingest", str(SAMPLE_PAGES), "--db", str(db)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    seen: list[int] = []
    busy_answers = []
    try:
        deadline = time.monotonic() + 60
        while not db.exists():
            assert time.monotonic() < deadline and ingest.poll() is None, "ingest did not create the store"
            time.sleep(0.05)
        time.sleep(0.3)  # the ingest holds the write lock from now on
        with serving(db) as url:
            while ingest.poll() is None and time.monotonic() < deadline + 120:
                for path in ("/api/v1/events", "/api/v1/stats", "/api/v1/articles"):
                    status, headers, body = request(url + path)
                    seen.append(status)
                    if status == 503:
                        busy_answers.append((headers, body))
                time.sleep(0.2)
            _, err = ingest.communicate(timeout=120)
            assert ingest.returncode == 0, err.decode()
            final, _, _ = request(url + "/api/v1/events")
    finally:
        if ingest.poll() is None:
            ingest.kill()
    assert 500 not in seen and set(seen) <= {200, 503}
    assert busy_answers, "the ingest finished before the API was asked anything"
    headers, body = busy_answers[0]
    assert headers.get("retry-after") == "2" and b"store is busy" in body
    assert final == 200
