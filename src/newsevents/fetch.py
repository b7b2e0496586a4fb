"""Polite HTTP fetching for `newsevents watch`: robots.txt, a per-host delay, caps and limits.

A ``Fetcher`` fetches one URL at a time and

* fetches only ``http``/``https`` URLs, and refuses hosts that resolve to private, loopback,
  link-local or reserved addresses unless ``allow_private_hosts`` (the connection then goes to the
  address that was checked, so a second DNS answer cannot slip past the check);
* obeys robots.txt (read once per host and cached; its ``Crawl-delay`` lengthens the delay): a 4xx
  robots.txt allows everything, an unreachable or 5xx one allows nothing (RFC 9309);
* waits ``per_host_delay`` seconds between two requests to the same host;
* gives up after ``timeout`` seconds (for the answer and again for the whole body, however slowly
  it drips), past ``max_bytes`` bytes (also once decompressed) and past ``max_redirects`` redirects;
* tries again ``retries`` times after a passing failure (a timeout, a lost connection, 5xx, 429),
  waiting ``backoff`` seconds, then twice that, or what ``Retry-After`` asks when it asks at most
  ``MAX_RETRY_AFTER`` seconds (longer: no retry now; `watch` comes back next round);
* sends conditional requests (``If-None-Match``/``If-Modified-Since``) when given an ETag or date,
  and says who it is in its User-Agent.

Errors are ``FetchError``s whose message says what happened; ``transient`` says whether trying again
later may help (timeouts, 5xx, 429, connection errors).
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from newsevents import __version__
from newsevents.errors import InputError

USER_AGENT = f"newsevents/{__version__} (+https://github.com/newsevents)"
DEFAULT_TIMEOUT = 20.0
DEFAULT_PER_HOST_DELAY = 1.0
DEFAULT_MAX_BYTES = 20_000_000
DEFAULT_MAX_REDIRECTS = 5
DEFAULT_RETRIES = 2
DEFAULT_BACKOFF = 1.0
MAX_RETRY_AFTER = 60.0
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
ROBOTS_TTL = 24 * 3600.0
_REDIRECTS = (301, 302, 303, 307, 308)
_CHUNK = 65_536


class FetchError(InputError):
    """A URL could not be fetched; ``transient`` is True when a later try may succeed."""

    def __init__(self, url: str, reason: str, *, transient: bool = False) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.transient = transient


class RobotsDisallowed(FetchError):
    """robots.txt of the host does not allow us to fetch this URL."""


@dataclass
class FetchResult:
    """A fetched page (status 2xx) or a not-modified answer (status 304, empty body)."""

    url: str  # after redirects
    status: int
    body: bytes = b""
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def media_type(self) -> str:
        return (self.content_type or "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in (self.content_type or "").split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset" and value.strip(" \"'"):
                return value.strip(" \"'")
        return None


@dataclass
class _Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    tries: int = 1


@dataclass
class Fetcher:
    """Fetches URLs politely; one instance keeps the robots.txt cache and per-host clocks."""

    user_agent: str = USER_AGENT
    timeout: float = DEFAULT_TIMEOUT
    per_host_delay: float = DEFAULT_PER_HOST_DELAY
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = DEFAULT_MAX_REDIRECTS
    allow_private_hosts: bool = False
    respect_robots: bool = True
    retries: int = DEFAULT_RETRIES
    backoff: float = DEFAULT_BACKOFF
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    requests: int = 0  # how many HTTP requests were sent, robots.txt included
    _robots: dict[str, tuple[float, RobotFileParser | None]] = field(default_factory=dict, repr=False)
    _last_request: dict[str, float] = field(default_factory=dict, repr=False)

    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """GET ``url`` following redirects; raises ``FetchError`` (or ``RobotsDisallowed``)."""
        headers = {
            "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
            "application/xml;q=0.9,*/*;q=0.5"
        }
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for _hop in range(self.max_redirects + 1):
            if self.respect_robots and not self.allowed(url):
                raise RobotsDisallowed(url, "robots.txt of the site does not allow fetching it")
            response = self._request_with_retries(url, headers)
            location = response.headers.get("Location")
            if response.status in _REDIRECTS and location:
                url = urljoin(url, location.strip())
                continue
            return self._result(url, response)
        raise FetchError(url, f"too many redirects (more than {self.max_redirects}, max_redirects)")

    def _request_with_retries(self, url: str, headers: dict[str, str]) -> _Response:
        """One request, tried again after a passing failure; see the module docstring."""
        for attempt in range(self.retries + 1):
            tries = attempt + 1
            try:
                response = self._request(url, headers)
            except FetchError as exc:
                if not exc.transient or attempt == self.retries:
                    if tries > 1:
                        raise FetchError(url, f"{exc.reason} ({tries} tries)", transient=exc.transient) from None
                    raise
                wait: float | None = self.backoff * 2**attempt
            else:
                response.tries = tries
                if response.status not in _RETRY_STATUSES or attempt == self.retries:
                    return response
                wait = _retry_after(response.headers.get("Retry-After"), self.backoff * 2**attempt)
                if wait is None:  # the server asks for a longer pause than a fetch should wait
                    return response
            self.sleep(wait)
        raise AssertionError("unreachable: the last attempt returns or raises")  # pragma: no cover

    def allowed(self, url: str) -> bool:
        """Whether robots.txt of ``url``'s host lets our user agent fetch it (fetched once per host)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        cached = self._robots.get(origin)
        if cached is None or self.clock() - cached[0] > ROBOTS_TTL:
            cached = (self.clock(), self._read_robots(origin))
            self._robots[origin] = cached
        rules = cached[1]
        return rules is None or rules.can_fetch(self.user_agent, url)

    def _read_robots(self, origin: str) -> RobotFileParser | None:
        """The parsed robots.txt of ``origin``; None when there is none (4xx: everything allowed)."""
        url = origin + "/robots.txt"
        rules = RobotFileParser(url)
        try:
            response = self._request(url, {"Accept": "text/plain"})
            for _hop in range(self.max_redirects):
                location = response.headers.get("Location")
                if response.status not in _REDIRECTS or not location:
                    break
                url = urljoin(url, location.strip())
                response = self._request(url, {"Accept": "text/plain"})
        except FetchError as exc:
            if not exc.transient:
                raise
            response = None
        if response is not None and 400 <= response.status < 500:
            return None
        if response is None or response.status >= 300:  # unreachable or 5xx: assume nothing is allowed
            rules.disallow_all = True
            return rules
        rules.parse(response.body.decode("utf-8", errors="replace").splitlines())
        rules.modified()
        return rules

    def _result(self, url: str, response: _Response) -> FetchResult:
        status = response.status
        if status == 304 or 200 <= status < 300:
            return FetchResult(
                url=url,
                status=status,
                body=response.body if status != 304 else b"",
                content_type=response.headers.get("Content-Type"),
                etag=response.headers.get("ETag"),
                last_modified=response.headers.get("Last-Modified"),
            )
        transient = status >= 500 or status == 429
        reason = f"HTTP status {status} {http.client.responses.get(status, '')}".rstrip()
        if response.tries > 1:
            reason += f" ({response.tries} tries)"
        elif transient and response.headers.get("Retry-After") and self.retries:
            reason += f" (not tried again: Retry-After asks {response.headers.get('Retry-After')!r})"
        raise FetchError(url, reason, transient=transient)

    # -- one request ---------------------------------------------------------------------------

    def _request(self, url: str, headers: dict[str, str]) -> _Response:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise FetchError(url, f"only http and https URLs are fetched, not {parts.scheme or 'a relative'}: URLs")
        if not parts.hostname:
            raise FetchError(url, "the URL has no host")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        address = self._checked_address(url, parts.hostname, port)
        self._wait_for_turn(parts.netloc.lower())
        connection_class = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
        connection = connection_class(parts.hostname, port, timeout=self.timeout)
        connection.address = address
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        deadline = self.clock() + self.timeout
        try:
            self.requests += 1
            connection.request(
                "GET", path, headers={"User-Agent": self.user_agent, "Accept-Encoding": "gzip", **headers}
            )
            sock = connection.sock  # kept: a Connection: close answer takes it away from `connection`
            response = connection.getresponse()
            try:
                body = self._read_body(url, response, deadline, sock)
            finally:
                response.close()
            return _Response(response.status, response.headers, body)
        except TimeoutError:
            raise FetchError(url, f"timed out after {self.timeout:g} s (timeout)", transient=True) from None
        except (OSError, http.client.HTTPException) as exc:
            raise FetchError(url, f"connection failed ({type(exc).__name__}: {exc})", transient=True) from None
        finally:
            connection.close()
            self._last_request[parts.netloc.lower()] = self.clock()

    def _checked_address(self, url: str, host: str, port: int) -> str:
        """The address to connect to; refuses non-public ones unless ``allow_private_hosts``."""
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise FetchError(url, f"cannot resolve host {host!r} ({exc.strerror})", transient=True) from None
        for info in infos:
            address = str(info[4][0])
            if self.allow_private_hosts or ipaddress.ip_address(address.split("%")[0]).is_global:
                return address
        raise FetchError(
            url,
            f"host {host!r} resolves to a private or local address ({infos[0][4][0]}); "
            "set allow_private_hosts to fetch from it",
        )

    def _wait_for_turn(self, host: str) -> None:
        last = self._last_request.get(host)
        if last is None:
            return
        delay = self.per_host_delay
        cached = self._robots.get(f"http://{host}") or self._robots.get(f"https://{host}")
        if cached and cached[1] is not None:
            crawl_delay = cached[1].crawl_delay(self.user_agent)
            delay = max(delay, float(crawl_delay or 0))
        wait = last + delay - self.clock()
        if wait > 0:
            self.sleep(wait)

    def _read_body(
        self, url: str, response: http.client.HTTPResponse, deadline: float, sock: socket.socket | None
    ) -> bytes:
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(
                url, f"page is {int(declared):,} bytes, over the limit of {self.max_bytes:,} (max_page_bytes)"
            )
        gzipped = (response.headers.get("Content-Encoding") or "").strip().lower() in ("gzip", "x-gzip")
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS) if gzipped else None
        chunks: list[bytes] = []
        size = 0
        slow = FetchError(url, f"timed out after {self.timeout:g} s reading the page (timeout)", transient=True)
        while True:
            left = deadline - self.clock()
            if left <= 0:
                raise slow
            if sock is not None:  # each read waits at most until the deadline, however slowly bytes drip
                sock.settimeout(left)
            try:
                chunk = response.read1(_CHUNK)  # what has arrived: read() would wait for a whole chunk
            except TimeoutError:
                raise slow from None
            if not chunk:
                break
            if inflater is not None:
                try:
                    chunk = inflater.decompress(chunk, self.max_bytes + 1 - size)
                except zlib.error as exc:
                    raise FetchError(url, f"the gzip-encoded page is damaged ({exc})") from None
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(url, f"page is over the limit of {self.max_bytes:,} bytes (max_page_bytes)")
            chunks.append(chunk)
        return b"".join(chunks)


def _retry_after(value: str | None, default: float) -> float | None:
    """Seconds to wait before trying again: ``Retry-After`` in seconds when given and at most
    ``MAX_RETRY_AFTER`` (None when longer), else ``default``. A date form counts as not given."""
    if value is None or not value.strip().isdigit():
        return default
    seconds = float(value.strip())
    return seconds if seconds <= MAX_RETRY_AFTER else None


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection to an address checked beforehand (not resolved again)."""

    address: str

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """An HTTPS connection to an address checked beforehand; the certificate is checked for the host."""

    address: str

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        context = ssl.create_default_context()
        self.sock = context.wrap_socket(sock, server_hostname=self.host)
