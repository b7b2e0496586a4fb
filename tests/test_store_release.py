"""Store.released: the file is let go while the model parses only when another process asks for it (or
the writer has held it long), since each release costs a checkpoint and a cold cache."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newsevents import store as store_module
from newsevents.store import Store, StoreBusyError


def test_a_store_nobody_asks_for_stays_open(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        con = store.con
        with store.released():
            assert store._con is con
        assert store.con is con


def test_a_store_asked_for_is_let_go_and_the_note_removed(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.set_meta({"k": "v"})
        store_module._wanted(str(path)).touch()
        with store.released():
            assert store._con is None
            with Store(path, read_only=True) as reader:  # another connection gets in meanwhile
                assert reader.get_meta("k") == "v"
        assert not store_module._wanted(str(path)).exists()
        assert store.get_meta("k") == "v"  # opened again on its next use


def test_a_store_held_long_is_let_go(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "RELEASE_AT_LEAST_EVERY", 0.0)
    with Store(tmp_path / "s.duckdb") as store, store.released():
        assert store._con is None


def test_a_process_waiting_for_the_lock_leaves_the_note(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    Store(path).close()
    script = f"import duckdb, time; c = duckdb.connect({str(path)!r}); print('held', flush=True); time.sleep(30)"
    with subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE) as holder:
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == b"held"
            with pytest.raises(StoreBusyError):
                Store(path, read_only=True, lock_wait=0)
            assert store_module._wanted(str(path)).exists()
        finally:
            holder.kill()
    with Store(path):  # a writer that closes removes the note: whoever asked gets the file now
        pass
    assert not store_module._wanted(str(path)).exists()
