"""Load test of the HTTP API: N clients for a bounded time against a real server while an ingest writes.

    python -m newsevents.api.loadtest --clients 4 --seconds 20

Three processes, as in real use: ``newsevents serve`` on 127.0.0.1 over a scratch store, this one
with the clients (threads, each on its own keep-alive connection, cycling through the read
endpoints), and ``newsevents ingest`` writing into the same store from ``--ingest-after`` seconds on.
The scratch store is built from the sample pages but for a few held back, which the concurrent
ingest then analyses and stores (``--store`` starts from a copy of an existing store instead).

While the ingest holds the write lock the server answers 503 with ``Retry-After`` (see
``newsevents.api.access``): a client waits as asked and tries again, and these answers are counted
apart, as retries. Anything else that is not a 2xx with a JSON (or CSV) body is an error; the target
is none. Prints throughput, p50 and p99 latency of the answered requests, the retries and the errors;
exits 1 when there were errors.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
SAMPLE_PAGES = REPO / "examples" / "pages"
# Held back from the scratch store, for the concurrent ingest to analyse (a few minutes of reading).
HELD_BACK = ("wire-kharkiv-shelling.html", "wp-dhaka-garment-protest.html", "wp-khartoum-aid-convoy.html")
READS = (
    "/api/v1/stats",
    "/api/v1/events?limit=50",
    "/api/v1/events?type=ASSAULT&sort=-confidence",
    "/api/v1/events?actor=police",
    "/api/v1/articles?q=police",
    "/api/v1/articles?limit=20",
    "/api/v1/actors?named=true",
    "/api/v1/places?located=true",
    "/api/v1/quotes",
    "/api/v1/aggregates/timeline?interval=month&by=quad",
    "/api/v1/aggregates/network",
    "/api/v1/aggregates/places",
    "/api/v1/events/export?format=csv",
    "/api/v1/failures",
)
MAX_ERRORS_KEPT = 10


@dataclass
class LoadReport:
    """What the clients saw: answered requests' latencies, busy answers (retried), errors, the ingest."""

    clients: int
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)  # seconds, of the 2xx answers
    busy: int = 0  # 503 with Retry-After: waited and tried again
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)
    ingest_seconds: float | None = None
    ingest_status: int | None = None
    ingest_output: str = ""
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def answered(self) -> int:
        return len(self.latencies)

    def percentile(self, p: float) -> float:
        """The ``p`` percentile (0-100) of the answered requests' latency, in seconds (nearest rank)."""
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]

    def error(self, what: str) -> None:
        with self._lock:
            self.errors += 1
            if len(self.error_samples) < MAX_ERRORS_KEPT:
                self.error_samples.append(what)

    def summary(self) -> str:
        rate = self.answered / self.seconds if self.seconds else 0.0
        ingest = (
            f"ingest alongside: {self.ingest_seconds:.1f} s, exit status {self.ingest_status}"
            if self.ingest_seconds is not None
            else "ingest alongside: did not run"
        )
        lines = [
            f"load test: {self.clients} clients for {self.seconds:.1f} s",
            f"  answered  {self.answered} requests, {rate:.1f}/s; latency p50 {self.percentile(50) * 1000:.0f} ms, "
            f"p99 {self.percentile(99) * 1000:.0f} ms",
            f"  busy      {self.busy} answers 503 with Retry-After (waited and retried; not errors)",
            f"  errors    {self.errors}" + "".join(f"\n            {e}" for e in self.error_samples),
            f"  {ingest}",
        ]
        return "\n".join(lines)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "newsevents.cli", *args]


def _env(db: Path) -> dict[str, str]:
    env = {**os.environ, "NEWSEVENTS_DB": str(db)}
    env.pop("NEWSEVENTS_CONFIG", None)
    return env


def build_store(db: Path, pages: list[Path]) -> None:
    """The scratch store: ``pages`` analysed and stored by ``newsevents ingest``."""
    result = subprocess.run(_cli("ingest", *map(str, pages)), env=_env(db), capture_output=True, text=True)
    if result.returncode not in (0, 1):  # 1: some inputs failed, the rest is stored
        raise RuntimeError(f"building the scratch store failed: {result.stderr.strip()[-500:]}")


def start_server(db: Path, port: int, log: Path, timeout: float = 60.0) -> subprocess.Popen[bytes]:
    """``newsevents serve`` on 127.0.0.1:``port`` (its stderr to ``log``), once it answers."""
    with log.open("wb") as stderr:
        server = subprocess.Popen(_cli("serve", "--host", "127.0.0.1", "--port", str(port)),
                                  env=_env(db), stdout=subprocess.DEVNULL, stderr=stderr)  # fmt: skip
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server stopped: {log.read_text(errors='replace')[-500:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError(f"the server did not start within {timeout:g} s")


def _client(port: int, number: int, paths: list[str], stop_at: float, report: LoadReport) -> None:
    """One client: requests the ``paths`` in turn on one keep-alive connection until ``stop_at``."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    turn = number
    try:
        while (now := time.monotonic()) < stop_at:
            path = paths[turn % len(paths)]
            turn += 1
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                body = response.read()
            except (OSError, http.client.HTTPException) as exc:
                report.error(f"GET {path}: {type(exc).__name__}: {exc}")
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            took = time.monotonic() - now
            retry_after = response.getheader("Retry-After")
            if response.status == 503 and retry_after and retry_after.isdigit():
                with report._lock:
                    report.busy += 1
                time.sleep(max(0.0, min(float(retry_after), stop_at - time.monotonic())))
                continue
            if response.status != 200 or not _readable(response.getheader("Content-Type") or "", body):
                report.error(f"GET {path}: {response.status} {body[:120]!r}")
                continue
            with report._lock:
                report.latencies.append(took)
    finally:
        connection.close()


def _readable(content_type: str, body: bytes) -> bool:
    """Whether a 200 answer's body is what its type says (JSON parses; CSV has a header line)."""
    if "json" in content_type:
        try:
            json.loads(body)
        except ValueError:
            return False
        return True
    return b"\n" in body  # a CSV export: at least its header line


def article_paths(port: int, limit: int = 5) -> list[str]:
    """Paths of a few stored articles' documents (the heaviest single reads)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", f"/api/v1/articles?limit={limit}")
        items = json.loads(connection.getresponse().read()).get("items", [])
    finally:
        connection.close()
    return [f"/api/v1/articles/{item['id']}" for item in items]


def run_load(
    db: Path,
    *,
    clients: int = 4,
    seconds: float = 20.0,
    ingest: list[Path] | None = None,
    ingest_after: float = 2.0,
) -> LoadReport:
    """Serve ``db``, run ``clients`` for ``seconds`` and, from ``ingest_after`` s on, ``newsevents ingest``
    of the ``ingest`` paths into the same store; the clients' report (the ingest is waited for)."""
    port = free_port()
    server = start_server(db, port, db.with_suffix(".server.log"))
    report = LoadReport(clients)
    writer: subprocess.Popen[bytes] | None = None
    ingest_log = db.with_suffix(".ingest.log")
    try:
        paths = [*READS, *article_paths(port)]
        started = time.monotonic()
        stop_at = started + seconds
        threads = [threading.Thread(target=_client, args=(port, n, paths, stop_at, report)) for n in range(clients)]
        for thread in threads:
            thread.start()
        if ingest:
            time.sleep(min(ingest_after, seconds))
            ingest_started = time.monotonic()
            with ingest_log.open("wb") as output:  # a file, not a pipe: nobody reads it until the end
                writer = subprocess.Popen(_cli("ingest", *map(str, ingest)), env=_env(db),
                                          stdout=output, stderr=subprocess.STDOUT)  # fmt: skip
        for thread in threads:
            thread.join()
        report.seconds = time.monotonic() - started
        if writer is not None:
            writer.wait(timeout=600)
            report.ingest_seconds = time.monotonic() - ingest_started
            report.ingest_status = writer.returncode
            lines = ingest_log.read_text(errors="replace").strip().splitlines()
            report.ingest_output = lines[-1] if lines else ""
    finally:
        if writer is not None and writer.poll() is None:
            writer.kill()
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsevents.api.loadtest", description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients (default 4)")
    parser.add_argument("--seconds", type=float, default=20.0, help="how long the clients run (default 20)")
    parser.add_argument("--store", type=Path, help="start from a copy of this store instead of building one")
    parser.add_argument("--ingest", type=Path, nargs="*",
                        help="what the concurrent ingest reads (default: the held-back sample pages)")  # fmt: skip
    parser.add_argument("--ingest-after", type=float, default=2.0, help="seconds before the ingest starts")
    args = parser.parse_args(argv)
    if args.clients < 1 or args.seconds <= 0:
        parser.error("--clients must be at least 1 and --seconds more than 0")
    with tempfile.TemporaryDirectory(prefix="newsevents-load-") as scratch:
        db = Path(scratch) / "load.duckdb"
        if args.store:
            shutil.copy(args.store, db)
            ingest = args.ingest if args.ingest is not None else [SAMPLE_PAGES]
        else:
            pages = sorted(p for p in SAMPLE_PAGES.iterdir() if p.name != "INDEX.md")
            print(f"building a scratch store from {len(pages) - len(HELD_BACK)} sample inputs...", flush=True)
            build_store(db, [p for p in pages if p.name not in HELD_BACK])
            ingest = args.ingest if args.ingest is not None else [SAMPLE_PAGES / name for name in HELD_BACK]
        report = run_load(db, clients=args.clients, seconds=args.seconds, ingest=ingest,
                          ingest_after=args.ingest_after)  # fmt: skip
    print(report.summary())
    if report.ingest_output:
        print(f"  ingest said: {report.ingest_output}")
    return 1 if report.errors else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
