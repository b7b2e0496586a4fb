"""Consistency of a store: every article's rows agree with its document; no orphan rows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb

from newsevents.rows import documents as rebuilt
from newsevents.rows import numbered

# table -> (document key, columns compared with the document's items)
_CHECKED = {
    "entities": ("entities", "id"),
    "actors": ("actors", "id"),
    "places": ("places", "id"),
    "times": ("times", "id"),
    "quotes": ("quotes", "id"),
    "quantities": ("quantities", "id"),
    "events": ("events", "id"),
}


def consistency_problems(db: str | Path) -> list[str]:
    """What is wrong in the store at ``db`` (empty when every article is whole and nothing is orphaned)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return _problems(con)
    finally:
        con.close()


def _problems(con: duckdb.DuckDBPyConnection) -> list[str]:
    problems: list[str] = []
    copies = {r[0] for r in con.execute("SELECT article_id FROM duplicates").fetchall()}
    ids = [r[0] for r in con.execute("SELECT id FROM articles").fetchall()]
    documents: dict[str, dict[str, Any]] = {aid: json.loads(doc) for aid, doc in rebuilt(con, ids).items()}
    problems += [f"articles: {aid} has no document" for aid in set(ids) - set(documents)]
    for table in (*_CHECKED, "event_participants") if numbered(con) else ():  # rows numbered as their article
        wrong = con.execute(
            f"SELECT count(*) FROM {table} t JOIN articles a ON a.id = t.article_id "
            "WHERE a.seq IS NOT NULL AND t.article_seq IS DISTINCT FROM a.seq"
        ).fetchone()[0]
        if wrong:
            problems.append(f"{table}: {wrong} rows not numbered as their article")
    for table, (key, column) in _CHECKED.items():
        rows: dict[str, list[str]] = {}
        for aid, item in con.execute(f"SELECT article_id, {column} FROM {table}").fetchall():
            rows.setdefault(aid, []).append(item)
        for aid in set(rows) - set(documents):
            problems.append(f"{table}: {len(rows[aid])} rows of article {aid}, which is not stored")
        for aid, doc in documents.items():
            expected = sorted(item["id"] for item in doc.get(key, []))
            if sorted(rows.get(aid, [])) != expected:
                problems.append(f"{table}: article {aid} has rows {sorted(rows.get(aid, []))}, document {expected}")
    participants = con.execute(
        "SELECT DISTINCT p.article_id, p.event_id FROM event_participants p "
        "LEFT JOIN events e ON e.article_id = p.article_id AND e.id = p.event_id WHERE e.id IS NULL"
    ).fetchall()
    problems += [f"event_participants: orphan rows of event {a}/{e}" for a, e in participants]
    for aid in copies - set(documents):
        problems.append(f"duplicates: {aid} is not stored")
    for aid, doc in documents.items():
        if doc["article"]["id"] != aid:
            problems.append(f"articles: row {aid} holds the document of {doc['article']['id']}")
        if aid not in copies and not doc.get("pipeline", {}).get("model"):
            problems.append(f"articles: {aid} has no model version")
    return problems


def table_contents(db: str | Path, tables: tuple[str, ...] | None = None) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (or of ``tables``), sorted, for comparing two stores."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        names = tables or tuple(
            r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()
        )
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in names}
    finally:
        con.close()
