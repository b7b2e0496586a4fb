"""`watch` rounds against a local server: new links are fetched once, politely; old ones never again."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.local_server import LocalServer, serve
from ingest.warcs import article_page
from newsevents.errors import InputError
from newsevents.fetch import Fetcher
from newsevents.store import Store
from newsevents.watch import WatchState, read_feed_list, watch, watch_round

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
    return Fetcher(per_host_delay=0.0, allow_private_hosts=True, timeout=5.0)


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
