"""`make demo`: ingest the sample pages into the store and show the events found."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsevents.cli import format_event_table
from newsevents.config import load_settings
from newsevents.library import ingest_paths
from newsevents.store import Store

SAMPLE_PAGES = Path(__file__).resolve().parents[2] / "examples" / "pages"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsevents.demo", description=__doc__)
    parser.add_argument("--pages", default=str(SAMPLE_PAGES), help="folder of pages to ingest")
    parser.add_argument("--db", help="store to fill (default $NEWSEVENTS_DB or ./newsevents.duckdb)")
    args = parser.parse_args(argv)
    settings = load_settings(db=args.db)

    print(f"Ingesting {args.pages} into {settings.db} ...")
    with Store(settings.db) as store:
        counts = ingest_paths([args.pages], store, settings=settings,
                              on_failure=lambda f: print(f"  failed: {f}", file=sys.stderr))
        print(f"articles {counts.new} new, {counts.present} already present, {counts.failed} failed; "
              f"events stored {counts.events}\n")
        rows = store.events()
    print(format_event_table(rows))
    db_flag = "" if settings.db == "newsevents.duckdb" else f" --db {settings.db}"
    print(textwrap_hint(db_flag))
    return 1 if counts.failed else 0


def textwrap_hint(db_flag: str) -> str:
    cli = ".venv/bin/newsevents"
    return "\n".join([
        "Explore further:",
        f"  {cli} events{db_flag} --type CONSULT              events of one PLOVER type",
        f"  {cli} events{db_flag} --actor USA --format json   events with a US actor, as JSON Lines",
        f"  {cli} events{db_flag} --since 2026-10-01 --format csv > events.csv",
        f"  {cli} analyze examples/pages/<page>               the full analysis of one page (JSON)",
        f"  {cli} failures{db_flag}                          inputs that could not be processed",
        f"  {cli} serve{db_flag}                             JSON API on http://127.0.0.1:8000/api/v1/events",
    ])


if __name__ == "__main__":
    sys.exit(main())
