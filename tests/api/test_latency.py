"""The latency benchmark (``python -m newsevents.api.latency``) end to end on a small synthetic store."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.api import latency

pytestmark = pytest.mark.slow  # builds a store of 2,000 events with its stories and runs a server process


def test_every_endpoint_answers_and_the_table_is_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert latency.main(["--events", "2000", "--repeat", "2", "--scratch", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    db = tmp_path / latency.store_name(2000)
    assert db.exists() and "built latency-2000" in out
    names = [name for name, _ in latency.endpoints(db)]
    rows = {line[:30].strip(): line.split() for line in out.splitlines() if line[:30].strip() in names}
    assert set(rows) == set(names) and len(names) >= 50
    for name, cells in rows.items():
        status, p50, p95 = cells[-5], float(cells[-4]), float(cells[-3])
        assert status == "200" and 0 < p50 <= p95, (name, cells)
    assert "endpoint" in out and f"of {len(names)} endpoints within 300 ms at p95" in out

    # The cached store is used again, not rebuilt (timing one endpoint is enough to show it).
    def no_build(*_: object, **__: object) -> None:
        raise AssertionError("the cached store was built again")

    monkeypatch.setattr(latency, "build_store", no_build)
    monkeypatch.setattr(latency, "endpoints", lambda db: [("stats", ["/api/v1/stats"])])
    assert latency.main(["--events", "2000", "--repeat", "1", "--scratch", str(tmp_path)]) == 0
    assert "1 of 1 endpoints within 300 ms" in capsys.readouterr().out


def test_the_synthetic_analyses_hold_their_spans_and_the_asked_number_of_events() -> None:
    analyses = list(latency.synthetic_analyses(600))
    assert 600 <= sum(len(a.events) for a in analyses) < 600 + 25
    for analysis in analyses:
        text = analysis.article.text
        spans = [*analysis.entities, *analysis.quotes, *analysis.times, *analysis.quantities]
        spans += [e.sentence for e in analysis.events] + [e.trigger for e in analysis.events]
        assert all(text[s.start : s.end] == s.text for s in spans)
        assert all(text[q.speaker.start : q.speaker.end] == q.speaker.text for q in analysis.quotes)
