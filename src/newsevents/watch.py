"""Feed polling (`newsevents watch`): fetch feeds, fetch the articles not seen yet, analyse and store them.

Each round, for every feed URL:

1. fetch the feed with a conditional GET (the ETag and Last-Modified of the last round are kept in
   the ``watch_feeds`` table); a 304 answer ends the feed's turn;
2. take the items whose link is neither in the store already nor in ``fetched_urls`` (links fetched
   before, whatever came of it);
3. an item the feed carries in full is read from the feed; any other is fetched politely
   (``fetch.Fetcher``: robots.txt, per-host delay, caps);
4. analyse and store them with ``library.ingest_inputs``; every failure (feed or page) goes to the
   store's failures table with stage ``fetch``, ``read``, ``extract``...

A link whose fetch failed for a reason that may pass (timeout, 5xx) is tried again next round; one
that failed for good (404, robots.txt, too large, not HTML) is not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from newsevents.config import Settings
from newsevents.errors import Failure, InputError
from newsevents.fetch import Fetcher, FetchError
from newsevents.ingest import RawInput
from newsevents.ingest.feeds import FeedError, FeedItem, item_input, parse_feed
from newsevents.library import ingest_inputs
from newsevents.pipeline import article_id
from newsevents.store import IngestCounts, Store

DEFAULT_INTERVAL = 900.0

_STATE_DDL = """
CREATE TABLE IF NOT EXISTS watch_feeds (
    url VARCHAR PRIMARY KEY, etag VARCHAR, last_modified VARCHAR, checked_at TIMESTAMPTZ, status VARCHAR
);
CREATE TABLE IF NOT EXISTS fetched_urls (
    url VARCHAR PRIMARY KEY, feed VARCHAR, fetched_at TIMESTAMPTZ, outcome VARCHAR
);
"""


class WatchState:
    """What `watch` remembers between rounds, in two tables of the store's DuckDB file."""

    def __init__(self, store: Store) -> None:
        self.con = store.con
        self.con.execute(_STATE_DDL)

    def validators(self, feed: str) -> tuple[str | None, str | None]:
        """The ETag and Last-Modified the feed sent last time (for a conditional GET)."""
        row = self.con.execute("SELECT etag, last_modified FROM watch_feeds WHERE url = ?", [feed]).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def remember_feed(self, feed: str, etag: str | None, last_modified: str | None, status: str) -> None:
        self.con.execute(
            "INSERT OR REPLACE INTO watch_feeds VALUES (?, ?, ?, ?, ?)",
            [feed, etag, last_modified, datetime.now(UTC), status],
        )

    def was_fetched(self, url: str) -> bool:
        return self.con.execute("SELECT 1 FROM fetched_urls WHERE url = ?", [url]).fetchone() is not None

    def remember_fetched(self, url: str, feed: str, outcome: str) -> None:
        self.con.execute(
            "INSERT OR REPLACE INTO fetched_urls VALUES (?, ?, ?, ?)", [url, feed, datetime.now(UTC), outcome]
        )


@dataclass
class RoundReport:
    """What one round did: feeds read, unchanged or failed; links new, already seen; articles stored."""

    feeds: int = 0
    feeds_unchanged: int = 0
    feeds_failed: int = 0
    items: int = 0
    already_seen: int = 0
    from_feed: int = 0
    fetched: int = 0
    fetch_failed: int = 0
    counts: IngestCounts = field(default_factory=IngestCounts)

    @property
    def failed(self) -> int:
        return self.feeds_failed + self.counts.failed

    def summary(self) -> str:
        c = self.counts
        return (
            f"feeds {self.feeds} ({self.feeds_unchanged} unchanged, {self.feeds_failed} failed); "
            f"items {self.items} ({self.already_seen} seen before); pages {self.fetched} fetched, "
            f"{self.from_feed} read from the feed, {self.fetch_failed} not fetched; "
            f"articles {c.new} new, {c.present} already present, {c.failed} failed; events stored {c.events}"
        )


def read_feed_list(path: str | Path) -> list[str]:
    """The feed URLs in a file: one per line; blank lines and ``#`` comments are ignored."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the list of feeds ({exc})") from exc
    urls = [line.split("#", 1)[0].strip() for line in lines]
    urls = [url for url in urls if url]
    bad = [url for url in urls if not url.lower().startswith(("http://", "https://"))]
    if bad:
        raise InputError(f"{path}: feed URLs must start with http:// or https://, not {bad[0]!r}")
    return list(dict.fromkeys(urls))


def watch_round(
    feeds: Iterable[str],
    store: Store,
    fetcher: Fetcher,
    *,
    settings: Settings | None = None,
    on_failure: Callable[[Failure], None] | None = None,
) -> RoundReport:
    """Poll every feed once and store the new articles; see the module docstring."""
    state = WatchState(store)
    report = RoundReport()

    def failed(failure: Failure) -> None:
        store.add_failure(failure)
        if on_failure:
            on_failure(failure)

    for feed in feeds:
        report.feeds += 1
        items = _read_feed(feed, fetcher, state, report, failed)
        if items is None:
            continue
        outcomes: dict[str, str] = {}
        inputs = _new_inputs(feed, items, store, state, fetcher, report, outcomes)
        counts = ingest_inputs(inputs, store, settings=settings, on_failure=on_failure)
        for name in ("new", "present", "failed", "events"):
            setattr(report.counts, name, getattr(report.counts, name) + getattr(counts, name))
        # Only once the articles are stored: a crash before this refetches them, never loses them.
        for url, outcome in outcomes.items():
            state.remember_fetched(url, feed, outcome)
    return report


def _read_feed(
    feed: str, fetcher: Fetcher, state: WatchState, report: RoundReport, failed: Callable[[Failure], None]
) -> list[FeedItem] | None:
    """The feed's items; None when it is unchanged (304) or cannot be read (recorded as a failure)."""
    etag, last_modified = state.validators(feed)
    try:
        result = fetcher.fetch(feed, etag=etag, last_modified=last_modified)
        if result.not_modified:
            report.feeds_unchanged += 1
            state.remember_feed(feed, etag, last_modified, "304 not modified")
            return None
        parsed = parse_feed(result.body, base_url=result.url)
    except FetchError as exc:
        report.feeds_failed += 1
        failed(Failure(feed, "fetch", exc.reason))
        return None
    except FeedError as exc:
        report.feeds_failed += 1
        failed(Failure(feed, "read", str(exc)))
        return None
    state.remember_feed(feed, result.etag, result.last_modified, f"{result.status}")
    return parsed.items


def _new_inputs(
    feed: str,
    items: list[FeedItem],
    store: Store,
    state: WatchState,
    fetcher: Fetcher,
    report: RoundReport,
    outcomes: dict[str, str],
) -> Iterator[RawInput | Failure]:
    """Inputs for the items not seen before, fetched lazily; records each link's outcome in ``outcomes``."""
    for item in items:
        report.items += 1
        url = (item.url or "").split("#", 1)[0]
        if not url:
            yield Failure(f"{feed} item {item.title or item.guid or '?'}", "read", "feed item has no link")
            continue
        if url in outcomes or state.was_fetched(url) or store.has_article(article_id(url, "")):
            report.already_seen += 1
            continue
        raw = item_input(item, source=url)
        if raw is not None:
            report.from_feed += 1
            outcomes[url] = "read from the feed"
            yield raw
            continue
        try:
            page = fetcher.fetch(url)
        except FetchError as exc:
            report.fetch_failed += 1
            if not exc.transient:
                outcomes[url] = f"not fetched: {exc.reason}"
            yield Failure(url, "fetch", exc.reason)
            continue
        outcomes[url] = f"fetched ({page.status})"
        if "html" not in page.media_type:
            report.fetch_failed += 1
            yield Failure(url, "fetch", f"not an HTML page (content type {page.media_type or 'missing'})")
            continue
        report.fetched += 1
        yield RawInput(
            url,
            "html",
            page.body,
            url=url,
            title=item.title,
            published=item.published,
            captured=datetime.now(UTC).isoformat(timespec="seconds"),
            charset=page.charset,
        )


def watch(
    feeds: list[str],
    store: Store,
    fetcher: Fetcher,
    *,
    interval: float = DEFAULT_INTERVAL,
    once: bool = False,
    settings: Settings | None = None,
    on_failure: Callable[[Failure], None] | None = None,
    on_round: Callable[[RoundReport], None] | None = None,
    sleep: Callable[[float], None] | None = None,
) -> RoundReport:
    """Run rounds every ``interval`` seconds (one round when ``once``); returns the last round's report."""
    import time

    pause = sleep or time.sleep
    while True:
        report = watch_round(feeds, store, fetcher, settings=settings, on_failure=on_failure)
        if on_round:
            on_round(report)
        if once:
            return report
        pause(interval)
