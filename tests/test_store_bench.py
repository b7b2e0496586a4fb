"""The store benchmark (``python -m newsevents.store_bench``) end to end on a small synthetic store."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents import store_bench
from newsevents.store import Store


def test_the_insert_rates_and_every_query_are_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["--events", "20000", "--analyses", "20", "--bulk-analyses", "30", "--held-analyses", "5",
            "--ray-analyses", "12", "--repeat", "1", "--dir", str(tmp_path)]  # fmt: skip
    assert store_bench.main(args) == 0
    out = capsys.readouterr().out
    db = tmp_path / store_bench.store_name(20000)
    assert db.exists() and "store: built in" in out
    assert not [p for p in tmp_path.iterdir() if p != db]  # the insert stores and the partial file are gone
    inserts = [line for line in out.splitlines() if line.startswith("insert rate:")]
    assert len(inserts) == 6 and all("events/s (target 50,000)" in line for line in inserts)
    assert all("Store.add_many" in line and "500 events (20 analyses)" in line for line in inserts[:2])
    assert "newsevents load of a store export" in inserts[2] and "750 events (30 analyses)" in inserts[2]
    assert "into a store holding 5 others" in inserts[3] and "750 events (30 analyses)" in inserts[3]
    assert "  then the stories of the 30 articles added: " in out
    assert "added to the 20,000-event store" in inserts[4] and "750 events (30 analyses)" in inserts[4]
    assert "load of a Ray run's output" in inserts[5] and "300 events (12 analyses)" in inserts[5]
    with Store(db, read_only=True) as store:
        counts = store.counts()
        names = [name for name, _ in store_bench.query_cases(store.con)]
        participants = store.con.execute("SELECT count(*) FROM event_participants").fetchone()[0]
        last = store.con.execute("SELECT id FROM articles ORDER BY seq DESC LIMIT 1").fetchone()[0]
        document = store.document(last)  # rebuilt from the rows, found by the article's number
    assert document["article"]["id"] == last and len(document["events"]) == 25 and len(document["actors"]) == 10
    assert counts["events"] == 20000 and counts["articles"] == 800 and participants == 40000
    rows = {line[:40].strip(): line.split() for line in out.splitlines() if line[:40].strip() in names}
    assert set(rows) == set(names) and len(names) >= 19
    for name, cells in rows.items():
        p50, p95, items = float(cells[-5]), float(cells[-4]), int(cells[-2])
        assert 0 < p50 <= p95 and cells[-1] in ("ok", "MISS"), (name, cells)
        assert items > 0, name  # every filter value is taken from the store, so every query finds events
    assert f"of {len(names)} queries within 100 ms at p95" in out

    # A rerun reuses the cached store.
    def no_build(*_: object, **__: object) -> None:
        raise AssertionError("the cached store was built again")

    monkeypatch.setattr(store_bench, "build_store", no_build)
    rerun = ["--events", "20000", "--analyses", "1", "--bulk-analyses", "1", "--ray-analyses", "0", "--repeat", "1",
             "--dir", str(tmp_path)]  # fmt: skip
    assert store_bench.main(rerun) == 0
    assert "store: reusing" in capsys.readouterr().out
