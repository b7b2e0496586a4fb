"""Polite fetching against a server of our own on 127.0.0.1: robots.txt, caps, redirects, 304s."""

from __future__ import annotations

import gzip

import pytest

from ingest.local_server import LocalServer, serve
from newsevents.fetch import USER_AGENT, Fetcher, FetchError, RobotsDisallowed

PAGE = b"<!DOCTYPE html><html><body><p>The port reopened.</p></body></html>"


@pytest.fixture
def server():
    with serve() as s:
        s.page("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
        s.page("/page", PAGE)
        s.page("/private/page", PAGE)
        s.page("/big", b"<html>" + b"x" * 5000, **{"Content-Length": "none"})
        s.page("/big-declared", b"<html>" + b"x" * 5000)
        s.page("/gzipped", gzip.compress(PAGE), **{"Content-Encoding": "gzip"})
        s.page("/gzip-bomb", gzip.compress(b" " * 100_000), **{"Content-Encoding": "gzip"})
        s.page("/loop", b"", status=302, Location="/loop")
        s.page("/hop", b"", status=301, Location="/page")
        s.page("/to-file", b"", status=302, Location="file:///etc/passwd")
        s.page("/gone", b"gone", status=410)
        s.page("/busy", b"busy", status=503)
        s.routes["/feed"] = lambda h: (
            (304, {"ETag": '"v1"'}, b"")
            if h.get("if-none-match") == '"v1"'
            else (200, {"Content-Type": "application/rss+xml", "ETag": '"v1"'}, b"<rss/>")
        )
        yield s


def fetcher(**overrides) -> Fetcher:
    options = {"per_host_delay": 0.0, "allow_private_hosts": True, "max_bytes": 1000, "timeout": 5.0}
    return Fetcher(**{**options, **overrides})


@pytest.mark.parametrize(
    ("path", "final_path", "body"),
    [
        ("/page", "/page", PAGE),
        ("/gzipped", "/gzipped", PAGE),
        ("/hop", "/page", PAGE),
    ],
)
def test_pages_are_fetched(server: LocalServer, path: str, final_path: str, body: bytes) -> None:
    result = fetcher().fetch(server.base + path)
    assert result.status == 200 and result.body == body
    assert result.url == server.base + final_path
    assert result.media_type == "text/html" and result.charset == "utf-8"


@pytest.mark.parametrize(
    ("path", "reason", "transient"),
    [
        ("/big", "over the limit of 1,000 bytes", False),
        ("/big-declared", "page is 5,006 bytes, over the limit", False),
        ("/gzip-bomb", "over the limit of 1,000 bytes", False),
        ("/loop", "too many redirects (more than 3", False),
        ("/to-file", "only http and https", False),
        ("/gone", "HTTP status 410 Gone", False),
        ("/busy", "HTTP status 503", True),
    ],
)
def test_refusals_say_why(server: LocalServer, path: str, reason: str, transient: bool) -> None:
    with pytest.raises(FetchError) as caught:
        fetcher(max_redirects=3).fetch(server.base + path)
    assert reason in str(caught.value)
    assert caught.value.transient is transient


def test_loop_stops_after_the_redirect_limit(server: LocalServer) -> None:
    with pytest.raises(FetchError):
        fetcher(max_redirects=3).fetch(server.base + "/loop")
    assert server.paths().count("/loop") == 4  # the first request and three redirects


def test_robots_txt_is_obeyed_and_read_once_per_host(server: LocalServer) -> None:
    polite = fetcher()
    with pytest.raises(RobotsDisallowed, match=r"robots\.txt"):
        polite.fetch(server.base + "/private/page")
    polite.fetch(server.base + "/page")
    assert server.paths() == ["/robots.txt", "/page"]  # the disallowed page was never requested


def test_robots_txt_that_fails_with_5xx_allows_nothing(server: LocalServer) -> None:
    server.page("/robots.txt", "down", "text/plain", status=500)
    with pytest.raises(RobotsDisallowed):
        fetcher().fetch(server.base + "/page")


def test_missing_robots_txt_allows_everything(server: LocalServer) -> None:
    del server.routes["/robots.txt"]
    assert fetcher().fetch(server.base + "/private/page").status == 200


def test_conditional_get_gives_not_modified(server: LocalServer) -> None:
    first = fetcher().fetch(server.base + "/feed")
    assert first.status == 200 and first.etag == '"v1"'
    again = fetcher().fetch(server.base + "/feed", etag=first.etag)
    assert again.not_modified and again.body == b""


def test_requests_say_who_we_are(server: LocalServer) -> None:
    fetcher().fetch(server.base + "/page")
    assert {headers["user-agent"] for _path, headers in server.requests} == {USER_AGENT}
    assert USER_AGENT.startswith("newsevents/") and "+https://" in USER_AGENT


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "only http and https"),
        ("ftp://127.0.0.1/x", "only http and https"),
        ("http://127.0.0.1:9/page", "private or local address"),
        ("http://10.1.2.3/page", "private or local address"),
        ("http://[::1]:9/page", "private or local address"),
        ("http://169.254.169.254/latest/meta-data", "private or local address"),
    ],
)
def test_private_hosts_and_other_schemes_are_refused(url: str, reason: str) -> None:
    with pytest.raises(FetchError, match=reason):
        Fetcher(per_host_delay=0.0).fetch(url)  # the default: allow_private_hosts=False


def test_per_host_delay_waits_between_requests_to_one_host(server: LocalServer) -> None:
    now = [100.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    polite = fetcher(per_host_delay=2.0, clock=lambda: now[0], sleep=sleep)
    polite.fetch(server.base + "/page")  # robots.txt, then the page: one wait
    polite.fetch(server.base + "/page")  # one more
    assert waits == [2.0, 2.0]


def test_crawl_delay_of_robots_txt_lengthens_the_delay(server: LocalServer) -> None:
    server.page("/robots.txt", "User-agent: *\nCrawl-delay: 5\n", "text/plain")
    now = [0.0]
    waits: list[float] = []
    polite = fetcher(per_host_delay=1.0, clock=lambda: now[0], sleep=waits.append)
    polite.fetch(server.base + "/page")
    assert waits == [5.0]


def test_timeout_is_a_transient_error() -> None:
    import socket

    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/page"
        with pytest.raises(FetchError, match="timed out") as caught:
            fetcher(timeout=0.2, respect_robots=False).fetch(url)
    assert caught.value.transient
