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

A feed that fails (an HTTP error, a timeout, a body that is not a feed) backs off: after ``n`` failures
in a row it is next polled ``2**n`` intervals later (2x, 4x, 8x ...), at most ``max_backoff`` intervals
later; its first success resets it. The count and the time of the next poll are kept in ``watch_feeds``,
so the backoff holds across ``watch --once`` runs too. Each scheduled retry, each round skipped and
each recovery is a line on the ``newsevents.watch`` logger (a warning, so it reaches stderr), and the
round summary counts the feeds backing off.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb

from newsevents.config import Settings
from newsevents.errors import Failure, InputError
from newsevents.fetch import Fetcher, FetchError
from newsevents.ingest import RawInput
from newsevents.ingest.feeds import FeedError, FeedItem, item_input, parse_feed
from newsevents.library import ingest_inputs
from newsevents.pipeline import article_id
from newsevents.store import IngestCounts, Store

DEFAULT_INTERVAL = 900.0
# A failing feed waits at most this many intervals between two polls (32 x 15 minutes: 8 hours).
DEFAULT_MAX_BACKOFF = 32
# A feed due a few moments after the round starts (timers drift) is polled in that round.
_DUE_SLACK = 0.05

log = logging.getLogger("newsevents.watch")

_STATE_DDL = """
CREATE TABLE IF NOT EXISTS watch_feeds (
    url VARCHAR PRIMARY KEY, etag VARCHAR, last_modified VARCHAR, checked_at TIMESTAMPTZ, status VARCHAR
);
ALTER TABLE watch_feeds ADD COLUMN IF NOT EXISTS failures INTEGER DEFAULT 0;
ALTER TABLE watch_feeds ADD COLUMN IF NOT EXISTS retry_at TIMESTAMPTZ;
CREATE TABLE IF NOT EXISTS fetched_urls (
    url VARCHAR PRIMARY KEY, feed VARCHAR, fetched_at TIMESTAMPTZ, outcome VARCHAR
);
"""


class WatchState:
    """What `watch` remembers between rounds, in two tables of the store's DuckDB file."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.con.execute(_STATE_DDL)

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        return self.store.con  # not kept: the store reopens its connection after ingest releases it

    def validators(self, feed: str) -> tuple[str | None, str | None]:
        """The ETag and Last-Modified the feed sent last time (for a conditional GET)."""
        row = self.con.execute("SELECT etag, last_modified FROM watch_feeds WHERE url = ?", [feed]).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def remember_feed(self, feed: str, etag: str | None, last_modified: str | None, status: str) -> None:
        """Record a feed read (or found unchanged): its validators, and no backoff any more."""
        self.con.execute(
            "INSERT OR REPLACE INTO watch_feeds (url, etag, last_modified, checked_at, status, failures, retry_at) "
            "VALUES (?, ?, ?, ?, ?, 0, NULL)",
            [feed, etag, last_modified, datetime.now(UTC), status],
        )

    def backoff(self, feed: str) -> tuple[int, datetime | None]:
        """(failures in a row, when the feed may be polled again) for ``feed``; (0, None) when it is well."""
        row = self.con.execute("SELECT failures, retry_at FROM watch_feeds WHERE url = ?", [feed]).fetchone()
        if not row:
            return 0, None
        retry_at = row[1].astimezone(UTC) if row[1] is not None else None
        return int(row[0] or 0), retry_at

    def remember_failure(self, feed: str, status: str, failures: int, retry_at: datetime) -> None:
        """Record a failed poll: the failures in a row and the time of the next poll (validators kept)."""
        self.con.execute(
            "INSERT INTO watch_feeds (url, checked_at, status, failures, retry_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (url) DO UPDATE SET checked_at = excluded.checked_at, status = excluded.status, "
            "failures = excluded.failures, retry_at = excluded.retry_at",
            [feed, datetime.now(UTC), status, failures, retry_at],
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
    feeds_backing_off: int = 0  # not polled this round: they failed lately and wait out their backoff
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
        backing_off = f", {self.feeds_backing_off} backing off" if self.feeds_backing_off else ""
        return (
            f"feeds {self.feeds} ({self.feeds_unchanged} unchanged, {self.feeds_failed} failed{backing_off}); "
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


def backoff_factor(failures: int, max_backoff: int = DEFAULT_MAX_BACKOFF) -> int:
    """How many intervals a feed waits after ``failures`` failures in a row: 2, 4, 8 ... up to ``max_backoff``."""
    return max(1, min(2**failures, max_backoff)) if failures > 0 else 1


def watch_round(
    feeds: Iterable[str],
    store: Store,
    fetcher: Fetcher,
    *,
    settings: Settings | None = None,
    on_failure: Callable[[Failure], None] | None = None,
    interval: float = DEFAULT_INTERVAL,
    max_backoff: int = DEFAULT_MAX_BACKOFF,
    now: datetime | None = None,
) -> RoundReport:
    """Poll every feed once (but those backing off) and store the new articles; see the module docstring.

    ``interval`` (seconds between rounds) and ``max_backoff`` set how long a failing feed waits;
    ``now`` is when the round starts (default: now), against which feeds are due.
    """
    state = WatchState(store)
    report = RoundReport()
    started = now or datetime.now(UTC)

    def failed(failure: Failure) -> None:
        store.add_failure(failure)
        if on_failure:
            on_failure(failure)

    for feed in feeds:
        report.feeds += 1
        failures, retry_at = state.backoff(feed)
        if retry_at is not None and started + timedelta(seconds=interval * _DUE_SLACK) < retry_at:
            report.feeds_backing_off += 1
            log.warning(
                "%s: backing off after %d failure%s in a row; next poll at %s",
                feed,
                failures,
                "s" if failures != 1 else "",
                retry_at.isoformat(timespec="seconds"),
            )
            continue
        items, reason = _read_feed(feed, fetcher, state, report, failed)
        if reason is not None:
            failures += 1
            factor = backoff_factor(failures, max_backoff)
            retry_at = started + timedelta(seconds=interval * factor)
            state.remember_failure(feed, reason, failures, retry_at)
            log.warning(
                "%s: failed %d time%s in a row (%s); next poll in %d intervals, at %s",
                feed,
                failures,
                "s" if failures != 1 else "",
                reason,
                factor,
                retry_at.isoformat(timespec="seconds"),
            )
            continue
        if failures:
            log.warning(
                "%s: read again after %d failure%s in a row; polled every round again",
                feed,
                failures,
                "s" if failures != 1 else "",
            )
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
) -> tuple[list[FeedItem] | None, str | None]:
    """(the feed's items, None); (None, None) when it is unchanged (304); (None, why) when it cannot be
    read (recorded as a failure)."""
    etag, last_modified = state.validators(feed)
    try:
        result = fetcher.fetch(feed, etag=etag, last_modified=last_modified)
        if result.not_modified:
            report.feeds_unchanged += 1
            state.remember_feed(feed, etag, last_modified, "304 not modified")
            return None, None
        parsed = parse_feed(result.body, base_url=result.url)
    except FetchError as exc:
        report.feeds_failed += 1
        failed(Failure(feed, "fetch", exc.reason))
        return None, exc.reason
    except FeedError as exc:
        report.feeds_failed += 1
        failed(Failure(feed, "read", str(exc)))
        return None, str(exc)
    state.remember_feed(feed, result.etag, result.last_modified, f"{result.status}")
    return parsed.items, None


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
    max_backoff: int = DEFAULT_MAX_BACKOFF,
    clock: Callable[[], datetime] | None = None,
) -> RoundReport:
    """Run rounds every ``interval`` seconds (one round when ``once``); returns the last round's report.

    ``max_backoff`` caps how many intervals a failing feed waits; ``clock`` gives the time each round
    starts (default: the system clock in UTC).
    """
    import time

    pause = sleep or time.sleep
    while True:
        report = watch_round(
            feeds,
            store,
            fetcher,
            settings=settings,
            on_failure=on_failure,
            interval=interval,
            max_backoff=max_backoff,
            now=clock() if clock else None,
        )
        if on_round:
            on_round(report)
        if once:
            return report
        pause(interval)
