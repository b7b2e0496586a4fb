"""`watch` rounds against a local server: new links are fetched once, politely; old ones never again;
a failing feed backs off."""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ingest.local_server import LocalServer, serve
from ingest.warcs import article_page
from newsevents.errors import InputError
from newsevents.fetch import Fetcher
from newsevents.store import Store
from newsevents.watch import RoundReport, WatchState, backoff_factor, read_feed_list, watch, watch_round

FULL_BODY = (
    "<p>The harbour authority of Halden said on Tuesday that the port would stay open through the "
    "winter, after talks with the shipping companies ended.</p><p>Officials said the agreement covered "
    "forty ships and would be reviewed in March.</p>"
)


def feed(base: str, links: list[str], *, full: bool = False) -> bytes:
    items = "".join(
        f"<item><title>Story {link}</title><link>{base}{link}</link>"
        f"<pubDate>Tue, 13 Oct 2026 09:12:00 GMT</pubDate></item>"
        for link in links
    )
    if full:
        items += (
            f"<item><title>In full</title><link>{base}/full</link>"
            f"<content:encoded><![CDATA[{FULL_BODY}]]></content:encoded></item>"
        )
    return (
        f'<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>Harbour</title><link>{base}/</link>{items}</channel></rss>"
    ).encode()


def serve_feed(server: LocalServer, body: bytes, etag: str) -> None:
    server.routes["/feed.xml"] = lambda h: (
        (304, {"ETag": etag}, b"")
        if h.get("if-none-match") == etag
        else (200, {"Content-Type": "application/rss+xml", "ETag": etag}, body)
    )


@pytest.fixture
def server():
    with serve() as s:
        s.page("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
        for n in (1, 2, 3):
            s.page(f"/a{n}", article_page(n))
        s.page("/private/a4", article_page(4))
        s.page("/report.pdf", b"%PDF-1.4", "application/pdf")
        s.page("/busy", b"busy", status=503)
        yield s


def polite() -> Fetcher:
    # retries=0: a round's requests are counted below (the fetcher's own retries are tested in test_fetch)
    return Fetcher(per_host_delay=0.0, allow_private_hosts=True, timeout=5.0, retries=0)


def test_rounds_fetch_new_links_once_and_use_conditional_gets(server: LocalServer, tmp_path: Path) -> None:
    links = ["/a1", "/a2", "/private/a4", "/missing", "/report.pdf", "/busy"]
    serve_feed(server, feed(server.base, links, full=True), '"v1"')
    feeds = [server.base + "/feed.xml"]
    with Store(tmp_path / "w.duckdb") as store:
        first = watch_round(feeds, store, polite())
        assert (first.fetched, first.from_feed, first.counts.new) == (2, 1, 3)
        reasons = {row["input"].removeprefix(server.base): row["reason"] for row in store.failures()}
        assert "robots.txt" in reasons["/private/a4"]
        assert "404" in reasons["/missing"] and "not an HTML page" in reasons["/report.pdf"]
        assert "503" in reasons["/busy"]
        assert "/private/a4" not in server.paths() and "/full" not in server.paths()
        stored = store.con.execute("SELECT title, published FROM articles WHERE url LIKE '%/a1'").fetchone()
        assert stored == ("Story /a1", "2026-10-13T09:12:00+00:00")

        # Unchanged feed: one conditional request, nothing else fetched.
        before = len(server.requests)
        second = watch_round(feeds, store, polite())
        assert second.feeds_unchanged == 1 and server.paths()[before:] == ["/robots.txt", "/feed.xml"]
        assert server.requests[-1][1]["if-none-match"] == '"v1"'

        # The feed changes: only the new link and the one that failed for a passing reason are fetched.
        serve_feed(server, feed(server.base, [*links, "/a3"], full=True), '"v2"')
        before = len(server.requests)
        third = watch_round(feeds, store, polite())
        assert sorted(server.paths()[before:]) == ["/a3", "/busy", "/feed.xml", "/robots.txt"]
        assert third.counts.new == 1 and third.already_seen == 6
        assert WatchState(store).was_fetched(server.base + "/a3")


def test_a_broken_feed_is_a_failure_and_the_other_feeds_go_on(server: LocalServer, tmp_path: Path) -> None:
    server.page("/bad.xml", "<rss><channel><item>", "application/rss+xml")
    serve_feed(server, feed(server.base, ["/a1"]), '"v1"')
    feeds = [server.base + "/bad.xml", server.base + "/nowhere.xml", server.base + "/feed.xml"]
    with Store(tmp_path / "w.duckdb") as store:
        report = watch_round(feeds, store, polite())
        assert (report.feeds, report.feeds_failed, report.counts.new) == (3, 2, 1)
        stages = sorted((row["stage"], row["input"].rsplit("/", 1)[1]) for row in store.failures())
        assert stages == [("fetch", "nowhere.xml"), ("read", "bad.xml")]


def test_watch_once_runs_one_round_and_reports_it(server: LocalServer, tmp_path: Path) -> None:
    serve_feed(server, feed(server.base, ["/a1"]), '"v1"')
    rounds = []
    with Store(tmp_path / "w.duckdb") as store:
        report = watch(
            [server.base + "/feed.xml"],
            store,
            polite(),
            once=True,
            on_round=rounds.append,
            sleep=lambda _s: pytest.fail("--once must not sleep"),
        )
    assert rounds == [report] and report.counts.new == 1
    assert "articles 1 new" in report.summary()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "https://a.example/feed\n# a comment\n\nhttp://b.example/rss  # trailing\n",
            ["https://a.example/feed", "http://b.example/rss"],
        ),
        ("https://a.example/feed\nhttps://a.example/feed\n", ["https://a.example/feed"]),
    ],
)
def test_feed_list(tmp_path: Path, text: str, expected: list[str]) -> None:
    path = tmp_path / "feeds.txt"
    path.write_text(text, encoding="utf-8")
    assert read_feed_list(path) == expected


@pytest.mark.parametrize(("text", "reason"), [("file:///etc/passwd\n", "must start with http"), (None, "cannot read")])
def test_bad_feed_list(tmp_path: Path, text: str | None, reason: str) -> None:
    path = tmp_path / "feeds.txt"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=reason):
        read_feed_list(path)


# -- a failing feed backs off ------------------------------------------------------------------

START = datetime(2026, 10, 14, 8, 0, tzinfo=UTC)
INTERVAL = 900.0


def at(rounds: float) -> datetime:
    """The time ``rounds`` intervals after START."""
    return START + timedelta(seconds=INTERVAL * rounds)


@pytest.mark.parametrize(
    ("failures", "max_backoff", "factor"),
    [(0, 32, 1), (1, 32, 2), (2, 32, 4), (3, 32, 8), (5, 32, 32), (6, 32, 32), (40, 32, 32), (3, 4, 4)],
)
def test_backoff_doubles_up_to_the_cap(failures: int, max_backoff: int, factor: int) -> None:
    assert backoff_factor(failures, max_backoff) == factor


def serve_failing(server: LocalServer, how: str) -> None:
    if how == "http 500":
        server.page("/feed.xml", b"oops", status=500)
    elif how == "not a feed":
        server.page("/feed.xml", "<html><body>We moved!</body></html>", "text/html")
    else:  # a timeout: the answer comes after the fetcher gave up
        server.routes["/feed.xml"] = lambda _h: (time.sleep(1.0), (200, {"Content-Type": "application/rss+xml"}, b""))[
            1
        ]


@pytest.mark.parametrize("how", ["http 500", "not a feed", "timeout"])
def test_a_failing_feed_is_polled_after_2_then_4_intervals_and_reset_on_success(
    server: LocalServer, tmp_path: Path, how: str, caplog: pytest.LogCaptureFixture
) -> None:
    serve_failing(server, how)
    feeds = [server.base + "/feed.xml"]
    fetcher = Fetcher(per_host_delay=0.0, allow_private_hosts=True, timeout=0.3)
    polled = []
    with Store(tmp_path / "w.duckdb") as store:

        def round_at(rounds: float) -> RoundReport:
            before = server.paths().count("/feed.xml")
            report = watch_round(feeds, store, fetcher, interval=INTERVAL, now=at(rounds))
            if server.paths().count("/feed.xml") > before:
                polled.append(rounds)
            return report

        with caplog.at_level(logging.WARNING, logger="newsevents.watch"):
            first = round_at(0)
            assert first.feeds_failed == 1 and WatchState(store).backoff(feeds[0]) == (1, at(2))
            assert "failed 1 time in a row" in caplog.text and "next poll in 2 intervals" in caplog.text
            skipped = round_at(1)
            assert skipped.feeds_backing_off == 1 and "1 backing off" in skipped.summary()
            assert "backing off after 1 failure in a row; next poll at 2026-10-14T08:30:00+00:00" in caplog.text
            round_at(2)  # fails again: 4 intervals
            assert WatchState(store).backoff(feeds[0]) == (2, at(6))
            for rounds in (3, 4, 5):
                round_at(rounds)
            serve_feed(server, feed(server.base, ["/a1"]), '"v1"')
            recovered = round_at(6)
            assert recovered.feeds_failed == 0 and recovered.counts.new == 1
            assert "read again after 2 failures in a row" in caplog.text
            round_at(7)
    assert polled == [0, 2, 6, 7]


def test_backoff_is_kept_in_the_store_across_runs(server: LocalServer, tmp_path: Path) -> None:
    server.page("/feed.xml", b"oops", status=503)
    feeds = [server.base + "/feed.xml"]
    with Store(tmp_path / "w.duckdb") as store:
        watch(feeds, store, polite(), once=True, interval=INTERVAL, clock=lambda: START)
    requests = server.paths().count("/feed.xml")  # the fetcher may retry a 503 within its turn
    with Store(tmp_path / "w.duckdb") as store:  # a second `watch --once`, one interval later
        report = watch(feeds, store, polite(), once=True, interval=INTERVAL, clock=lambda: at(1))
        assert report.feeds_backing_off == 1 and report.feeds_failed == 0
    assert server.paths().count("/feed.xml") == requests


def test_a_store_from_before_backoff_gains_its_columns(tmp_path: Path) -> None:
    with Store(tmp_path / "old.duckdb") as store:
        store.con.execute(
            "CREATE TABLE watch_feeds (url VARCHAR PRIMARY KEY, etag VARCHAR, last_modified VARCHAR, "
            "checked_at TIMESTAMPTZ, status VARCHAR)"
        )
        store.con.execute("INSERT INTO watch_feeds VALUES ('https://a.example/feed', '\"e\"', NULL, NULL, '200')")
        state = WatchState(store)
        assert state.backoff("https://a.example/feed") == (0, None)
        assert state.validators("https://a.example/feed") == ('"e"', None)
