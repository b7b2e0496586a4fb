"""Progress of a long run on stderr: a bar with rate and ETA on a terminal, plain periodic lines otherwise."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

from newsevents.ingest.files import HTML_SUFFIXES, JSONL_SUFFIXES, TEXT_SUFFIXES

BAR_WIDTH = 24


class Progress:
    """Report how many of ``total`` (None: unknown) items are done, at what rate, and when it will end.

    On a terminal the line is redrawn in place at most every ``tty_interval`` seconds; otherwise (a
    log file, CI) one plain line is written every ``plain_interval`` seconds. ``close`` writes the
    final line.
    """

    def __init__(
        self,
        total: int | None = None,
        *,
        label: str = "articles",
        stream: TextIO | None = None,
        tty_interval: float = 0.2,
        plain_interval: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.total = total
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.interval = tty_interval if self.tty else plain_interval
        self.clock = clock
        self.started = clock()
        self.done = 0
        self.detail = ""
        self._shown_at = self.started

    def update(self, done: int, detail: str = "") -> None:
        """Record that ``done`` items are finished (``detail``: e.g. the failures so far); redraw if due."""
        self.done = done
        self.detail = detail
        now = self.clock()
        if now - self._shown_at >= self.interval:
            self._shown_at = now
            self._write(self.line(now))

    def message(self, text: str) -> None:
        """Write a line of its own (a failure) without garbling the bar; the bar is redrawn at the next update."""
        self.stream.write(("\r\x1b[K" if self.tty else "") + text + "\n")
        self._shown_at = self.started if self.tty else self._shown_at
        self.stream.flush()

    def close(self) -> None:
        """Write the final line (and end the terminal's redrawn line); silent if nothing was shown."""
        if not self.tty and self._shown_at == self.started:
            return  # a short run off a terminal: the caller's summary says it all
        self._write(self.line(self.clock()))
        if self.tty:
            self.stream.write("\n")
        self.stream.flush()

    def line(self, now: float) -> str:
        """The progress text at time ``now``: count, rate and, when the total is known, bar and ETA."""
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        parts = []
        if self.total:
            fraction = min(1.0, self.done / self.total)
            if self.tty:
                filled = round(fraction * BAR_WIDTH)
                parts.append("[" + "#" * filled + "-" * (BAR_WIDTH - filled) + "]")
            parts.append(f"{self.done}/{self.total} {self.label} ({fraction:.0%})")
        else:
            parts.append(f"{self.done} {self.label}")
        parts.append(f"{rate:.1f}/s")
        if self.total and rate > 0 and self.done < self.total:
            parts.append("ETA " + format_duration((self.total - self.done) / rate))
        elif self.total is None or self.done >= self.total:
            parts.append("elapsed " + format_duration(elapsed))
        if self.detail:
            parts.append(self.detail)
        return "  ".join(parts)

    def _write(self, text: str) -> None:
        if self.tty:
            self.stream.write("\r\x1b[K" + text)
        else:
            self.stream.write("newsevents: " + text + "\n")
        self.stream.flush()


def format_duration(seconds: float) -> str:
    """``75`` -> ``1:15``, ``3725`` -> ``1:02:05``."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def count_inputs(paths: Iterable[str | Path]) -> int | None:
    """How many articles the inputs under ``paths`` hold, when that is cheap to know, else None.

    One per page file (HTML, gzipped page, scraped text) and one per non-empty JSON Lines line;
    None as soon as there is standard input, a web archive, a feed or a file of unknown kind.
    """
    total = 0
    for path in paths:
        if str(path) == "-":
            return None
        p = Path(path)
        files = sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else [p]
        for file in files:
            name = file.name.lower().removesuffix(".gz")
            if name.endswith(HTML_SUFFIXES + TEXT_SUFFIXES):
                total += 1
            elif name.endswith(JSONL_SUFFIXES):
                if file.name.lower().endswith(".gz"):
                    return None
                try:
                    with file.open("rb") as handle:
                        total += sum(1 for line in handle if line.strip())
                except OSError:
                    total += 1  # reading it will report the failure: one item
            elif p.is_dir() and not name.endswith((".warc", ".rss", ".atom", ".xml")):
                continue  # not an input: a directory read skips it too
            else:
                return None
    return total
