"""Polite fetching against a server of our own on 127.0.0.1: robots.txt, caps, redirects, 304s."""

from __future__ import annotations

import gzip
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

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
    """A fetcher for the local server: no delays (retries wait on a clock that does not tick)."""
    options = {"per_host_delay": 0.0, "allow_private_hosts": True, "max_bytes": 1000, "timeout": 5.0,
               "sleep": lambda _seconds: None}  # fmt: skip
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
        ("/busy", "HTTP status 503 Service Unavailable (3 tries)", True),
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
        ("http://[::ffff:127.0.0.1]:9/page", "private or local address"),  # IPv4 inside IPv6
        ("http://0.0.0.0:9/page", "private or local address"),
        ("http://2130706433:9/page", "private or local address"),  # 127.0.0.1 written as one number
        ("http://localhost:9/page", "private or local address"),
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


# -- a server that misbehaves: flaky, dripping, endless ----------------------------------------------


def _flaky(failures: int, status: int = 500, **headers: str):
    """A route that fails ``failures`` times with ``status``, then serves the page."""
    seen = {"n": 0}

    def route(_headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        seen["n"] += 1
        if seen["n"] <= failures:
            return status, {"Content-Type": "text/plain", **headers}, b"try later"
        return 200, {"Content-Type": "text/html; charset=utf-8"}, PAGE

    return route


@pytest.mark.parametrize(
    ("failures", "status", "headers", "waits", "outcome"),
    [
        (2, 500, {}, [1.0, 2.0], 200),  # backoff doubles
        (1, 503, {"Retry-After": "7"}, [7.0], 200),  # the server's own pause
        (1, 429, {"Retry-After": "Wed, 21 Oct 2026 07:28:00 GMT"}, [1.0], 200),  # a date: our backoff
        (5, 502, {}, [1.0, 2.0], "HTTP status 502 Bad Gateway (3 tries)"),
        (1, 503, {"Retry-After": "3600"}, [], "not tried again: Retry-After asks '3600'"),
        (1, 404, {}, [], "HTTP status 404 Not Found"),  # for good: never tried again
    ],
)
def test_passing_failures_are_tried_again_with_backoff(
    server: LocalServer, failures: int, status: int, headers: dict[str, str], waits: list[float], outcome
) -> None:
    server.routes["/flaky"] = _flaky(failures, status, **headers)
    slept: list[float] = []
    polite = fetcher(sleep=slept.append)
    if outcome == 200:
        assert polite.fetch(server.base + "/flaky").body == PAGE
    else:
        with pytest.raises(FetchError, match=re.escape(outcome)):
            polite.fetch(server.base + "/flaky")
    assert slept == waits
    assert server.paths().count("/flaky") == len(waits) + 1


def test_a_connection_refused_is_tried_again_then_reported(unused_port: int) -> None:
    slept: list[float] = []
    with pytest.raises(FetchError, match=r"connection failed .*\(3 tries\)") as caught:
        fetcher(sleep=slept.append, respect_robots=False).fetch(f"http://127.0.0.1:{unused_port}/page")
    assert caught.value.transient and slept == [1.0, 2.0]


@pytest.fixture
def unused_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def raw_server(answer: Callable[[socket.socket], None]) -> Iterator[str]:
    """A server on 127.0.0.1 that reads a request, then lets ``answer`` write what it likes; yields its URL."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.1)
    stop = threading.Event()

    def serve_forever() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(10)
                conn.recv(65536)
                with suppress(OSError):  # the client hangs up once it has had enough
                    answer(conn)

    thread = threading.Thread(target=serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/page"
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()


HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n"


def _endless(conn: socket.socket) -> None:
    conn.sendall(HEAD)
    while True:
        conn.sendall(b"<p>more</p>" * 6000)


def _drip(conn: socket.socket) -> None:
    conn.sendall(HEAD)
    for _ in range(600):  # a byte every 50 ms: each read gets something, the page never ends
        conn.sendall(b"x")
        time.sleep(0.05)


def _endless_chunked(conn: socket.socket) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n")
    while True:
        conn.sendall(b"1000\r\n" + b"y" * 4096 + b"\r\n")


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (_endless, "page is over the limit of 1,000 bytes"),
        (_endless_chunked, "page is over the limit of 1,000 bytes"),
        (_drip, "timed out after 0.5 s reading the page"),
    ],
    ids=["endless body", "endless chunked body", "dripping body"],
)
def test_bodies_that_never_end_are_cut_off(answer, reason: str) -> None:
    started = time.monotonic()
    with raw_server(answer) as url, pytest.raises(FetchError, match=reason):
        fetcher(timeout=0.5, respect_robots=False, retries=0).fetch(url)
    assert time.monotonic() - started < 5
