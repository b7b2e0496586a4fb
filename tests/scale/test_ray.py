"""The Ray runner on a local Ray instance: its Parquet, loaded into a fresh store, is what a local ingest stores."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import SAMPLE_PAGES
from newsevents.config import Settings
from newsevents.library import ingest_paths
from newsevents.scale.load import load_output
from newsevents.store import Store

from .snapshot import differences, store_rows

# Ray warns about its own deprecated settings on import; not ours to fix (belongs in pyproject's filterwarnings).
pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.*")]
SETTINGS = Settings(batch_size=8)


@pytest.fixture(scope="module")
def ray_output(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, object]]:
    ray = pytest.importorskip("ray")
    from newsevents.scale.ray_runner import run_ray

    out = tmp_path_factory.mktemp("ray") / "out"
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        report = run_ray([str(SAMPLE_PAGES)], str(out), settings=SETTINGS, concurrency=2)
    finally:
        ray.shutdown()
    yield out, report


def test_loaded_output_equals_a_local_ingest(ray_output: tuple[Path, object], tmp_path: Path) -> None:
    out, report = ray_output
    with Store(tmp_path / "local.duckdb") as local, Store(tmp_path / "loaded.duckdb") as loaded:
        direct = ingest_paths([SAMPLE_PAGES], local, settings=SETTINGS)
        counts = load_output(str(out), loaded, settings=SETTINGS)
        assert counts == direct
        a, b = store_rows(local), store_rows(loaded)
        assert b == a, differences(a, b)
        again = load_output(str(out), loaded, settings=SETTINGS)
        assert again.new == 0 and again.present == direct.new
    assert report.inputs == direct.new + direct.present + direct.failed  # type: ignore[attr-defined]


def test_parquet_tables_read_directly_match_the_store(ray_output: tuple[Path, object], tmp_path: Path) -> None:
    out, _ = ray_output
    with Store(tmp_path / "local.duckdb") as local:
        ingest_paths([SAMPLE_PAGES], local, settings=SETTINGS)
        for table, columns in [
            ("events", "article_id, id, event, status, actor, recipient, sentence_start, sentence_end, sentence"),
            ("quotes", "article_id, id, kind, start_char, end_char, speaker_actor"),
            ("actors", "article_id, id, name, kind, country, sectors"),
            ("places", "article_id, id, name, country, lat, lon"),
        ]:
            parquet = local.con.execute(
                f"SELECT {columns} FROM read_parquet(?, hive_partitioning = true) "
                "WHERE article_id IN (SELECT id FROM articles)",
                [str(out / table / "**" / "*.parquet")],
            ).fetchall()
            stored = local.con.execute(f"SELECT {columns} FROM {table}").fetchall()
            assert sorted(parquet, key=repr) == sorted(stored, key=repr), table
        days = local.con.execute(
            "SELECT DISTINCT day::VARCHAR FROM read_parquet(?, hive_partitioning = true)",
            [str(out / "articles" / "**" / "*.parquet")],
        ).fetchall()
        assert len(days) > 1
