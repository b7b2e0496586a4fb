"""Every row a store holds, minus the columns that record when it was written: what two stores must share."""

from __future__ import annotations

from typing import Any

from newsevents.store import Store

# Columns that say when a row was written, not what it holds.
WHEN_COLUMNS = {"ingested_at", "first_seen", "last_seen", "created_at"}


def store_rows(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Each table's rows (sorted, timestamps of writing left out), for comparing two stores."""
    tables = [t for (t,) in store.con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
    snapshot = {}
    for table in tables:
        columns = [c for (c,) in store.con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index", [table]
        ).fetchall() if c not in WHEN_COLUMNS]  # fmt: skip
        names = ", ".join(f'"{c}"' for c in columns)
        rows = store.con.execute(f"SELECT {names} FROM {table}").fetchall()
        snapshot[table] = sorted(rows, key=repr)
    return snapshot


def differences(first: dict[str, list[tuple[Any, ...]]], second: dict[str, list[tuple[Any, ...]]]) -> str:
    """The rows of each table found in one snapshot only (a few per table), for an assertion message."""
    lines = []
    for table in sorted(set(first) | set(second)):
        a, b = set(map(repr, first.get(table, []))), set(map(repr, second.get(table, [])))
        lines += [f"{table} first only: {row[:500]}" for row in sorted(a - b)[:3]]
        lines += [f"{table} second only: {row[:500]}" for row in sorted(b - a)[:3]]
    return "\n".join(lines)
