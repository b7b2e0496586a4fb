"""`make review`: a file a person can mark in minutes, listing every event (and quote) we code.

Runs the pipeline over the sample pages (``examples/pages``) and, when present, the first pages of
the article extraction benchmark (``../shared/corpus/article-extraction-benchmark/html``), then writes
``review/events.md`` (or ``.tsv``): one row per event with its sentence, trigger, type, status,
actor and recipient names, date and where it comes from (the text, or the publication day), place
and an empty "right?" column; then one row per quote with its
speaker. Pages whose publication date is not in the file take it from the sample index
(``INDEX.md``: "... - NOT in the file, supply it").
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsevents.errors import Failure
from newsevents.ingest import RawInput, iter_inputs
from newsevents.model import Analysis, Event, Quote
from newsevents.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[2]
SAMPLE_PAGES = REPO / "examples" / "pages"
BENCHMARK_PAGES = REPO.parent / "shared" / "corpus" / "article-extraction-benchmark" / "html"
REVIEW_DIR = REPO / "review"
EVENT_COLUMNS = (
    "article",
    "event",
    "sentence",
    "trigger",
    "type",
    "mode",
    "status",
    "actor",
    "recipient",
    "date",
    "date from",
    "place",
    "confidence",
    "quote",
    "right?",
)
QUOTE_COLUMNS = ("article", "quote", "kind", "text", "speaker", "speaker actor", "anonymous", "cue", "right?")
_SUPPLIED_DATE = re.compile(r"^\|\s*`([^`]+)`\s*\|.*\|\s*(\d{4}-\d{2}-\d{2})[^|]*NOT in the file", re.M)


def supplied_dates(index: Path) -> dict[str, str]:
    """File name -> publication date, for the sample pages whose date the index says to supply."""
    if not index.is_file():
        return {}
    return dict(_SUPPLIED_DATE.findall(index.read_text(encoding="utf-8")))


def review_inputs(pages: Path, benchmark: Path | None, limit: int) -> Iterator[RawInput | Failure]:
    """The sample pages (with supplied dates) then up to ``limit`` benchmark pages."""
    dates = supplied_dates(pages / "INDEX.md")
    for path in sorted(p for p in pages.iterdir() if p.is_file() and p.name != "INDEX.md"):
        yield from iter_inputs([path], published=dates.get(path.name))
    if benchmark is not None and benchmark.is_dir() and limit > 0:
        yield from iter_inputs(sorted(benchmark.glob("*.html.gz"))[:limit])


def event_rows(analysis: Analysis) -> list[dict[str, str]]:
    """One row per event, with names in place of ids."""
    return [_event_row(analysis, event) for event in analysis.events]


def _names(analysis: Analysis, ids: Iterable[str]) -> str:
    names = []
    for actor_id in ids:
        actor = analysis.actor(actor_id)
        if actor is not None:
            names.append(f"{actor.name} ({actor.country})" if actor.country else actor.name)
    return "; ".join(names)


def _article_name(analysis: Analysis) -> str:
    source = analysis.article.source or analysis.article.id
    return Path(source.split(":")[0]).name + (":" + source.split(":")[1] if ":" in source else "")


def _event_row(analysis: Analysis, event: Event) -> dict[str, str]:
    place = analysis.place(event.place)
    values = (
        _article_name(analysis),
        event.id,
        event.sentence.text,
        event.trigger.text,
        event.event,
        event.mode or "",
        event.status,
        _names(analysis, event.actor),
        _names(analysis, event.recipient),
        event.date or "",
        event.date_source or "",
        place.name if place else "",
        f"{event.confidence:.2f}",
        event.quote or "",
        "",
    )
    return dict(zip(EVENT_COLUMNS, values, strict=True))


def quote_rows(analysis: Analysis) -> list[dict[str, str]]:
    """One row per quote, with the speaker's text and actor name."""
    return [_quote_row(analysis, quote) for quote in analysis.quotes]


def _quote_row(analysis: Analysis, quote: Quote) -> dict[str, str]:
    actor = analysis.actor(quote.speaker.actor)
    values = (
        _article_name(analysis),
        quote.id,
        quote.kind,
        quote.text,
        quote.speaker.text or "",
        actor.name if actor else "",
        "yes" if quote.speaker.anonymous else "",
        quote.cue or "",
        "",
    )
    return dict(zip(QUOTE_COLUMNS, values, strict=True))


def _cell(value: str, tsv: bool) -> str:
    value = " ".join(value.split())
    return value.replace("\t", " ") if tsv else value.replace("|", "\\|")


def render(
    events: list[dict[str, str]], quotes: list[dict[str, str]], failures: list[Failure], tsv: bool = False
) -> str:
    """The review file: an events table, a quotes table and the inputs that failed."""
    lines: list[str] = []
    for title, columns, rows in (("Events", EVENT_COLUMNS, events), ("Quotes", QUOTE_COLUMNS, quotes)):
        if tsv:
            lines += [f"# {title}", "\t".join(columns)]
            lines += ["\t".join(_cell(row[c], True) for c in columns) for row in rows]
        else:
            lines += [f"## {title} ({len(rows)})", "", "| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
            lines += ["| " + " | ".join(_cell(row[c], False) for c in columns) + " |" for row in rows]
        lines.append("")
    if failures:
        lines.append("# Failed inputs" if tsv else "## Failed inputs")
        lines += [f"- {f}" for f in failures]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the review file and print its path."""
    parser = argparse.ArgumentParser(
        prog="python -m newsevents.review", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", default=str(SAMPLE_PAGES), help="folder of sample pages")
    parser.add_argument(
        "--benchmark", default=str(BENCHMARK_PAGES), help="folder of *.html.gz benchmark pages (skipped when absent)"
    )
    parser.add_argument("--limit", type=int, default=20, help="benchmark pages to include (0: none)")
    parser.add_argument("--format", choices=("md", "tsv"), default="md", help="Markdown or TSV")
    parser.add_argument("--out", help="output file (default review/events.<format>)")
    args = parser.parse_args(argv)
    out = Path(args.out) if args.out else REVIEW_DIR / f"events.{args.format}"
    events: list[dict[str, str]] = []
    quotes: list[dict[str, str]] = []
    failures: list[Failure] = []
    inputs = review_inputs(Path(args.pages), Path(args.benchmark), args.limit)
    for result in Pipeline().analyze(inputs):
        if isinstance(result, Failure):
            failures.append(result)
            continue
        events += event_rows(result)
        quotes += quote_rows(result)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(events, quotes, failures, tsv=args.format == "tsv"), encoding="utf-8")
    print(f"{len(events)} events, {len(quotes)} quotes, {len(failures)} failed inputs: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
