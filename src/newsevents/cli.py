"""Command line: a thin layer over the library API (``newsevents.library``) and the store.

Exit status: 0 when everything went through, 1 when some input failed (the rest was still
processed; each failure is one line on stderr), 2 for a usage or configuration error.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import sys
import textwrap
from collections.abc import Sequence
from typing import Any, TextIO

from newsevents import __version__
from newsevents.config import SETTINGS_HELP, Settings, load_settings
from newsevents.errors import Failure, NewsEventsError
from newsevents.model import PLOVER_EVENTS

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsevents",
        description="Read news pages and code who did what to whom, where and when, with the evidence.",
    )
    parser.add_argument("--version", action="version", version=f"newsevents {__version__}")
    parser.add_argument("--config", metavar="FILE", help="settings file (TOML); default ./newsevents.toml")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def inputs(p: argparse.ArgumentParser) -> None:
        p.add_argument("paths", nargs="+", metavar="PATH",
                       help="HTML (.html, .htm, .html.gz), scraped text (.txt), JSON Lines (.jsonl), WARC "
                            "(.warc, .warc.gz), RSS/Atom feeds, directories (recursive), or - for standard input")
        p.add_argument("--url", help="URL of the page, for inputs that do not say")
        p.add_argument("--published", metavar="DATE",
                       help="publication date (ISO 8601), for inputs that do not say")

    def db(p: argparse.ArgumentParser) -> None:
        p.add_argument("--db", metavar="FILE", help="DuckDB store (default $NEWSEVENTS_DB or ./newsevents.duckdb)")

    p = commands.add_parser("analyze", help="print the full analysis of each article as JSON Lines")
    inputs(p)
    p.set_defaults(handler=cmd_analyze)

    p = commands.add_parser("extract", help="print each article's text and metadata only (no language model)")
    inputs(p)
    p.set_defaults(handler=cmd_extract)

    p = commands.add_parser("ingest", help="analyse and store articles; already stored ones are skipped")
    inputs(p)
    db(p)
    p.add_argument("--format", choices=("text", "json"), default="text", help="how to print the counts")
    p.add_argument("--workers", type=int, metavar="N",
                   help="worker processes that run the pipeline (default: one per core, fewer for a few inputs)")
    p.set_defaults(handler=cmd_ingest)

    p = commands.add_parser("events", help="list stored events with their evidence sentence")
    db(p)
    p.add_argument("--actor", metavar="NAME_OR_ISO3", help="actor-side name (part of it) or ISO-3 country")
    p.add_argument("--recipient", metavar="NAME_OR_ISO3", help="recipient name (part of it) or ISO-3 country")
    p.add_argument("--type", dest="event", metavar="PLOVER_TYPE", type=str.upper, choices=PLOVER_EVENTS,
                   help="PLOVER event type: " + ", ".join(PLOVER_EVENTS))
    p.add_argument("--status", choices=("asserted", "planned", "negated", "hypothetical"))
    p.add_argument("--since", metavar="DATE", help="events on or after this date (YYYY-MM-DD)")
    p.add_argument("--until", metavar="DATE", help="events on or before this date (YYYY-MM-DD)")
    p.add_argument("--limit", type=int, help="at most this many events")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.add_argument("--merged", action="store_true",
                   help="story-level events: one per happening, listing every article and sentence it came from")
    p.set_defaults(handler=cmd_events)

    p = commands.add_parser("articles", help="list stored articles with their story and the article each copies")
    db(p)
    p.add_argument("--limit", type=int, help="at most this many articles")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(handler=cmd_articles)

    p = commands.add_parser("stories", help="list stories: reports of one happening grouped across outlets")
    db(p)
    p.add_argument("--since", metavar="DATE", help="stories with an article on or after this date (YYYY-MM-DD)")
    p.add_argument("--until", metavar="DATE", help="stories with an article on or before this date (YYYY-MM-DD)")
    p.add_argument("--actor", metavar="NAME_OR_ISO3", help="stories with this actor (part of a name) or ISO-3 country")
    p.add_argument("--limit", type=int, help="at most this many stories (with --backfill: articles)")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--backfill", action="store_true",
                   help="first give every stored article in no story (stored before stories existed) its copy link "
                        "and story, in publication order; resumable")
    p.set_defaults(handler=cmd_stories)

    p = commands.add_parser("story", help="show one story: its articles, merged events and related articles")
    p.add_argument("story_id", metavar="ID", help="story id (from `newsevents stories` or `newsevents articles`)")
    db(p)
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(handler=cmd_story)

    p = commands.add_parser("failures", help="list inputs that failed, with the stage and the reason")
    db(p)
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(handler=cmd_failures)

    p = commands.add_parser("stats", help="count what the store holds")
    db(p)
    p.set_defaults(handler=cmd_stats)

    p = commands.add_parser("serve", help="serve the store over HTTP (JSON API)")
    db(p)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(handler=cmd_serve)

    p = commands.add_parser("watch", help="poll feeds, fetch new articles politely, analyse and store them")
    p.add_argument("feeds", metavar="FEEDS.txt", help="feed URLs (RSS or Atom), one per line; # starts a comment")
    db(p)
    p.add_argument("--interval", type=float, metavar="SECONDS",
                   help="seconds between two rounds (default: the watch_interval setting, 900)")
    p.add_argument("--once", action="store_true", help="run one round and exit")
    p.add_argument("--delay", type=float, metavar="SECONDS",
                   help="seconds between two requests to the same host (default 1; robots.txt may ask for more)")
    p.add_argument("--allow-private-hosts", action="store_true",
                   help="also fetch from private and loopback addresses (refused by default)")
    p.set_defaults(handler=cmd_watch)

    p = commands.add_parser("settings", help="print every setting with its value and help")
    p.set_defaults(handler=cmd_settings)

    p = commands.add_parser("run", help="analyse inputs on a Ray cluster and write Parquet tables partitioned by day")
    p.add_argument("--engine", choices=("ray",), default="ray", help="where to run (ray: a Ray cluster, Ray Data)")
    p.add_argument("--input", dest="inputs", action="append", required=True, metavar="PATH_OR_URI",
                   help="HTML directory, JSON Lines, WARC or Parquet file or directory; local or s3://, gs://, ... "
                        "(repeatable)")
    p.add_argument("--output", required=True, metavar="DIR", help="output directory or URI (replaced if present)")
    p.add_argument("--concurrency", type=int, metavar="N", help="analysis actors (default: the cluster's CPUs)")
    p.add_argument("--address", help="Ray cluster address (default $RAY_ADDRESS, else a local Ray instance)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="how to print the report")
    p.set_defaults(handler=cmd_run)

    p = commands.add_parser("load", help="store the Parquet output of `newsevents run`, or a whole-store "
                                         "`newsevents export` (whole into a new store; into one that holds "
                                         "articles, those it lacks); stored articles are skipped")
    p.add_argument("directory", metavar="DIR",
                   help="the --output of `newsevents run` (path or URI), or of `newsevents export` (a directory "
                        "with newsevents-export.json)")
    db(p)
    p.add_argument("--format", choices=("text", "json"), default="text", help="how to print the counts")
    p.set_defaults(handler=cmd_load)

    p = commands.add_parser("export", help="write the whole store (every table) to a directory of Parquet files")
    db(p)
    p.add_argument("--output", required=True, metavar="DIR", help="directory to write (new or empty)")
    p.add_argument("--format", choices=("parquet",), default="parquet", help="file format of the tables")
    p.set_defaults(handler=cmd_export)

    p = commands.add_parser("reanalyze", help="re-analyse stored articles whose pipeline or model version is not "
                                              "the current one, in place (resumable)")
    db(p)
    p.add_argument("--all", dest="everything", action="store_true",
                   help="re-analyse every article, not only outdated ones")
    p.add_argument("--format", choices=("text", "json"), default="text", help="how to print the counts")
    p.set_defaults(handler=cmd_reanalyze)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings(args.config, db=getattr(args, "db", None))
        return int(args.handler(args, settings))
    except NewsEventsError as exc:
        print(f"newsevents: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `newsevents events | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _report(failure: Failure) -> None:
    print(f"newsevents: {failure}", file=sys.stderr)


def _dump(obj: Any, out: TextIO | None = None) -> None:
    (out or sys.stdout).write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")


def cmd_analyze(args: argparse.Namespace, settings: Settings) -> int:
    from newsevents.library import analyze_paths

    failed = False
    for result in analyze_paths(args.paths, url=args.url, published=args.published, settings=settings):
        if isinstance(result, Failure):
            _report(result)
            failed = True
        else:
            _dump(result.as_dict())
    return EXIT_PARTIAL if failed else EXIT_OK


def cmd_extract(args: argparse.Namespace, settings: Settings) -> int:
    from newsevents.library import extract_paths

    failed = False
    for result in extract_paths(args.paths, url=args.url, published=args.published, settings=settings):
        if isinstance(result, Failure):
            _report(result)
            failed = True
        else:
            _dump({"article": result.as_dict()})
    return EXIT_PARTIAL if failed else EXIT_OK


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from newsevents.library import ingest_paths
    from newsevents.scale.progress import Progress, count_inputs
    from newsevents.scale.workers import choose_workers
    from newsevents.store import Store

    total = count_inputs(args.paths)
    workers = choose_workers(args.workers, total, settings.batch_size)
    progress = Progress(total)
    with Store(settings.db) as store:
        counts = ingest_paths(args.paths, store, url=args.url, published=args.published,
                              settings=settings, on_failure=lambda f: progress.message(f"newsevents: {f}"),
                              workers=workers, on_progress=lambda c: progress.update(
                                  c.new + c.present + c.failed, f"{c.failed} failed" if c.failed else ""))
    progress.close()
    _print_counts(args, settings, counts)
    return EXIT_PARTIAL if counts.failed else EXIT_OK


def _print_counts(args: argparse.Namespace, settings: Settings, counts: Any) -> None:
    if args.format == "json":
        _dump({"db": settings.db, **counts.as_dict()})
    else:
        print(f"{settings.db}: articles {counts.new} new, {counts.present} already present, "
              f"{counts.failed} failed; events stored {counts.events}")


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    from newsevents.scale.ray_runner import run_ray

    report = run_ray(args.inputs, args.output, settings=settings, concurrency=args.concurrency, address=args.address)
    if args.format == "json":
        _dump(report.as_dict())
    else:
        print(f"{args.output}: {report.inputs} inputs from {report.files} files, {report.analyzed} analysed, "
              f"{report.failed} failed; tables: {', '.join(t.rsplit('/', 1)[-1] for t in report.tables)}")
    return EXIT_PARTIAL if report.failed else EXIT_OK


def cmd_load(args: argparse.Namespace, settings: Settings) -> int:
    from newsevents.backup import is_export, load_export
    from newsevents.scale.load import load_output, output_size
    from newsevents.scale.progress import Progress
    from newsevents.store import Store

    if is_export(args.directory):  # a whole-store export (`newsevents export`), recognised by its manifest
        # The rows go in one statement a table; the stories of the articles added (into a store that
        # held some) take longer, and are shown.
        stories = Progress(label="articles given stories")

        def given(done: int, total: int) -> None:
            stories.total = total
            stories.update(done)

        with Store(settings.db) as store:
            report = load_export(args.directory, store, settings=settings, on_progress=given)
        if stories.total is not None:  # a store that held articles: the stories were shown
            stories.close()
        if args.format == "json":
            _dump({"db": settings.db, **report.as_dict()})
        else:
            print(f"{settings.db}: loaded {report.summary()}")
        return EXIT_OK
    progress = Progress(output_size(args.directory))

    def loaded(c: Any) -> None:
        progress.update(c.new + c.present + c.failed, f"{c.failed} failed" if c.failed else "")

    with Store(settings.db) as store:
        counts = load_output(args.directory, store, settings=settings,
                             on_failure=lambda f: progress.message(f"newsevents: {f}"), on_progress=loaded)
    progress.close()
    _print_counts(args, settings, counts)
    return EXIT_PARTIAL if counts.failed else EXIT_OK


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    from newsevents.backup import export_store
    from newsevents.store import Store

    with Store(settings.db, read_only=True) as store:
        report = export_store(store, args.output, fmt=args.format)
    print(f"{settings.db}: exported to {report.summary()}")
    return EXIT_OK


def cmd_reanalyze(args: argparse.Namespace, settings: Settings) -> int:
    from newsevents.reanalyze import reanalyze
    from newsevents.store import Store

    with Store(settings.db) as store:
        counts = reanalyze(store, settings=settings, everything=args.everything, on_failure=_report)
    if args.format == "json":
        _dump({"db": settings.db, **counts.as_dict()})
    else:
        print(f"{settings.db}: articles {counts.reanalyzed} re-analysed, {counts.failed} failed, "
              f"{counts.up_to_date} already up to date; events stored {counts.events}")
    return EXIT_PARTIAL if counts.failed else EXIT_OK


def cmd_events(args: argparse.Namespace, settings: Settings) -> int:
    from newsevents.store import EventQuery, Store

    query = EventQuery(actor=args.actor, recipient=args.recipient, event=args.event, status=args.status,
                       since=args.since, until=args.until, limit=args.limit)
    with Store(settings.db, read_only=True) as store:
        if getattr(args, "merged", False):
            from newsevents.library import merged_events

            write_merged_events(merged_events(store, query), args.format, sys.stdout)
            return EXIT_OK
        rows = store.events(query)
    write_events(rows, args.format, sys.stdout)
    return EXIT_OK


def write_events(rows: list[dict[str, Any]], fmt: str, out: TextIO) -> None:
    """Print events as a readable table, JSON Lines or CSV."""
    if fmt == "json":
        for row in rows:
            _dump(row, out)
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else EVENT_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    else:
        out.write(format_event_table(rows))


EVENT_COLUMNS = ["article_id", "id", "event", "mode", "status", "date", "actor", "recipient", "place",
                 "place_country", "confidence", "sentence", "trigger", "article_title", "article_url",
                 "article_published"]


def format_event_table(rows: list[dict[str, Any]], width: int | None = None) -> str:
    """A readable table: one block per event, the evidence sentence wrapped under it."""
    if not rows:
        return "no events\n"
    width = width or max(80, min(shutil.get_terminal_size((120, 20)).columns, 160))
    heads = ("date", "event", "status", "actor", "recipient", "place")
    sizes = (10, 18, 12, 26, 26, 18)
    lines = ["  ".join(h.upper().ljust(s) for h, s in zip(heads, sizes, strict=True)).rstrip()]
    lines.append("-" * min(width, sum(sizes) + 2 * len(sizes)))
    for row in rows:
        event = row["event"] + (f"/{row['mode']}" if row.get("mode") else "")
        cells = (row.get("date") or "?", event, row["status"], row.get("actor") or "-",
                 row.get("recipient") or "-", row.get("place") or "-")
        lines.append("  ".join(_fit(str(c), s) for c, s in zip(cells, sizes, strict=True)).rstrip())
        sentence = " ".join(str(row.get("sentence") or "").split())
        lines += textwrap.wrap(f"“{sentence}”", width=width - 4, initial_indent="    ",
                               subsequent_indent="    ")
    lines.append(f"\n{len(rows)} event{'s' if len(rows) != 1 else ''}")
    return "\n".join(lines) + "\n"


def _fit(text: str, size: int) -> str:
    return text.ljust(size) if len(text) <= size else text[: size - 1] + "…"


def write_merged_events(rows: list[dict[str, Any]], fmt: str, out: TextIO) -> None:
    """Print story-level events as a table (sources and conflicting details under each), JSON Lines or CSV."""
    if fmt == "json":
        for row in rows:
            _dump(row, out)
        return
    if fmt == "csv":
        columns = ["id", "story_id", "event", "mode", "status", "date", "actor", "recipient", "place",
                   "num_articles", "num_sources", "first_seen", "last_seen"]
        writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "actor": "; ".join(row["actor"]), "recipient": "; ".join(row["recipient"])})
        return
    if not rows:
        out.write("no merged events\n")
        return
    lines = []
    for row in rows:
        event = row["event"] + (f"/{row['mode']}" if row.get("mode") else "")
        who = "; ".join(row["actor"]) or "-"
        whom = "; ".join(row["recipient"]) or "-"
        lines.append(f"{row.get('date') or '?':<10}  {event:<18}  {who} -> {whom}  @ {row.get('place') or '-'}  "
                     f"[{row['num_articles']} articles, {row['num_sources']} sources, story {row['story_id']}]")
        details = row.get("details") or {}
        for name in ("dates", "numbers"):
            values = details.get(name) or []
            if len(values) > 1 or (name == "numbers" and values):
                shown = "; ".join(
                    f"{v.get('value')}{' ' + v['unit'] if v.get('unit') else ''} ({len(v['sources'])})" for v in values
                )
                lines.append(f"    {name}: {shown}")
        for mention in row.get("mentions", [])[:3]:
            sentence = " ".join(str(mention.get("sentence") or "").split())
            lines += textwrap.wrap(f"{mention.get('site') or '?'}: “{sentence}”", width=110, initial_indent="    ",
                                   subsequent_indent="      ")
    lines.append(f"\n{len(rows)} merged event{'s' if len(rows) != 1 else ''}")
    out.write("\n".join(lines) + "\n")


def cmd_articles(args: argparse.Namespace, settings: Settings) -> int:
    from newsevents.library import list_articles
    from newsevents.store import Store

    with Store(settings.db, read_only=True) as store:
        rows = list_articles(store, limit=args.limit)
    if args.format == "json":
        for row in rows:
            _dump(row, sys.stdout)
    elif not rows:
        print("no articles")
    else:
        for row in rows:
            copy = f"  copy of {row['duplicate_of']}" if row["duplicate_of"] else ""
            print(f"{(row['published'] or '?')[:10]:<10}  {row['id']:<16}  story {row['story'] or '-':<16}  "
                  f"{_fit(row['site'] or '-', 28):<28}  {row['title'] or row['url'] or ''}{copy}")
    return EXIT_OK


def cmd_stories(args: argparse.Namespace, settings: Settings) -> int:
    from newsevents.library import list_stories
    from newsevents.store import Store

    if args.backfill:
        return _backfill_stories(args, settings)
    with Store(settings.db, read_only=True) as store:
        rows = list_stories(store, since=args.since, until=args.until, actor=args.actor, limit=args.limit)
    if args.format == "json":
        for row in rows:
            _dump(row, sys.stdout)
    elif not rows:
        print("no stories")
    else:
        for row in rows:
            days = f"{row['first_day'] or '?'} .. {row['last_day'] or '?'}"
            print(f"{row['id']}  {days}  {row['num_articles']:>3} articles {row['num_sources']:>3} sources "
                  f"{row['events']:>3} events  {row['title'] or ''}")
    return EXIT_OK


def _backfill_stories(args: argparse.Namespace, settings: Settings) -> int:
    from newsevents.library import backfill_stories
    from newsevents.store import Store

    with Store(settings.db) as store:
        counts = backfill_stories(store, settings=settings, limit=args.limit)
    if args.format == "json":
        _dump({"db": settings.db, **counts.as_dict()})
    else:
        print(f"{settings.db}: {counts.articles} articles given a story ({counts.copies} copies, "
              f"{counts.stories} new stories), {counts.failed} failed, {counts.remaining} left for a next run")
    return EXIT_PARTIAL if counts.failed else EXIT_OK


def cmd_story(args: argparse.Namespace, settings: Settings) -> int:
    from newsevents.library import related, story_detail
    from newsevents.store import Store

    with Store(settings.db, read_only=True) as store:
        story = story_detail(store, args.story_id)
        if story is None:
            print(f"newsevents: no story {args.story_id!r}; `newsevents stories` lists them", file=sys.stderr)
            return EXIT_USAGE
        first = next((a for a in story["articles"] if not a["duplicate_of"]), None)
        story["related"] = related(store, first["id"])["nearest"] if first else []
    if args.format == "json":
        _dump(story, sys.stdout)
        return EXIT_OK
    print(f"story {story['id']}: {story['title'] or ''}")
    print(f"{story['first_day']} .. {story['last_day']}, {story['num_articles']} articles from "
          f"{story['num_sources']} sources\n")
    for a in story["articles"]:
        copy = f"  (copy of {a['duplicate_of']})" if a["duplicate_of"] else ""
        print(f"  {(a['published'] or '?')[:10]}  {_fit(a['site'] or '-', 28):<28}  {a['title'] or a['url']}{copy}")
    print()
    write_merged_events(story["events"], "table", sys.stdout)
    if story["related"]:
        print("\nrelated articles in other stories:")
        for a in story["related"]:
            day = (a["published"] or "?")[:10]
            print(f"  {a['similarity']:.2f}  {day}  {a['title'] or a['url']}  (story {a['story']})")
    return EXIT_OK


def cmd_failures(args: argparse.Namespace, settings: Settings) -> int:
    from newsevents.store import Store

    with Store(settings.db, read_only=True) as store:
        rows = store.failures()
    if args.format == "json":
        for row in rows:
            _dump(row)
    elif not rows:
        print("no failures")
    else:
        for row in rows:
            print(f"{row['last_seen'][:19]}  {row['stage']:<10} {row['input']}: {row['reason']}")
    return EXIT_OK


def cmd_stats(args: argparse.Namespace, settings: Settings) -> int:
    from newsevents.store import Store

    with Store(settings.db, read_only=True) as store:
        for table, count in store.counts().items():
            print(f"{table:<12} {count:>8}")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from newsevents.server import serve

    serve(settings.db, host=args.host, port=args.port)
    return EXIT_OK


def cmd_watch(args: argparse.Namespace, settings: Settings) -> int:
    from newsevents.fetch import USER_AGENT, Fetcher
    from newsevents.store import Store
    from newsevents.watch import read_feed_list, watch

    feeds = read_feed_list(args.feeds)
    fetcher = Fetcher(
        user_agent=settings.user_agent or USER_AGENT,
        timeout=settings.fetch_timeout,
        per_host_delay=args.delay if args.delay is not None else settings.per_host_delay,
        max_bytes=settings.max_page_bytes,
        max_redirects=settings.max_redirects,
        allow_private_hosts=args.allow_private_hosts or settings.allow_private_hosts,
    )
    with Store(settings.db) as store:
        try:
            report = watch(
                feeds, store, fetcher, interval=args.interval or settings.watch_interval, once=args.once,
                settings=settings, on_failure=_report,
                on_round=lambda r: print(f"{settings.db}: {r.summary()}", flush=True),
            )
        except KeyboardInterrupt:
            return EXIT_OK
    return EXIT_PARTIAL if report.failed else EXIT_OK


def cmd_settings(args: argparse.Namespace, settings: Settings) -> int:
    for name, help_text in SETTINGS_HELP.items():
        print(f"{name} = {getattr(settings, name)!r}    # {help_text}")
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
