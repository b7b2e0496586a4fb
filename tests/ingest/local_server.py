"""A small HTTP server on 127.0.0.1 for fetch and watch tests: routes we set, requests we can inspect."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# A route answers (status, headers, body) for the request headers it is given.
Route = Callable[[dict[str, str]], tuple[int, dict[str, str], bytes]]


@dataclass
class LocalServer:
    """Routes by path; ``requests`` lists (path, headers) of every request received, in order."""

    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    base: str = ""

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]

    def page(
        self,
        path: str,
        body: bytes | str,
        content_type: str = "text/html; charset=utf-8",
        status: int = 200,
        **headers: str,
    ) -> None:
        data = body.encode() if isinstance(body, str) else body
        self.routes[path] = lambda _h: (status, {"Content-Type": content_type, **headers}, data)


@contextmanager
def serve() -> Iterator[LocalServer]:
    """Start a server on a free port of 127.0.0.1 in a thread; stop it on exit."""
    server_state = LocalServer()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # the name http.server calls
            headers = {k.lower(): v for k, v in self.headers.items()}
            server_state.requests.append((self.path, headers))
            route = server_state.routes.get(self.path)
            status, extra, body = route(headers) if route else (404, {"Content-Type": "text/plain"}, b"not found")
            self.send_response(status)
            for key, value in extra.items():
                if value != "none":  # Content-Length "none": the body ends when the connection closes
                    self.send_header(key, value)
            if "Content-Length" not in extra and status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 304:
                self.wfile.write(body)

        def log_message(self, *args: object) -> None:  # keep test output quiet
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    server_state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server_state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
