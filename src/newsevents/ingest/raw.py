"""What ingest hands on: one ``RawInput`` per article, and a tally of what it read but skipped."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

KINDS = ("html", "text_page", "text")

log = logging.getLogger("newsevents.ingest")


@dataclass
class RawInput:
    """One article as read, before extraction; explicit fields override what the page says."""

    source: str  # where it came from: a path, "path:line" (JSON Lines), "path@offset" (WARC), "path#n" (feed)
    kind: str  # html | text_page | text (a text record is the body as given, not a scraped page)
    content: bytes | str
    id: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    site: str | None = None
    language: str | None = None
    # When the page was captured (WARC-Date, or when it was fetched): a fallback for `published`
    # when the page states no date of its own, never an override.
    captured: str | None = None
    charset: str | None = None  # the charset of the HTTP Content-Type header (WARC records, fetched pages)


@dataclass
class Skipped:
    """Records that were read but are not articles (WARC requests, revisits, feed links to fetch).

    These are not failures: nothing went wrong. ``counts`` tallies them by reason; ``notes`` keeps
    one line per skipped feed item (its link), since those articles exist but were not read.
    """

    counts: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    def add(self, reason: str, note: str | None = None) -> None:
        self.counts[reason] += 1
        if note:
            self.notes.append(note)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def summary(self) -> str:
        """One line: ``skipped 3 records: 2 WARC request, 1 revisit`` (empty when nothing was skipped)."""
        if not self.total:
            return ""
        parts = ", ".join(f"{n} {reason}" for reason, n in sorted(self.counts.items(), key=lambda kv: -kv[1]))
        return f"skipped {self.total} record{'s' if self.total != 1 else ''}: {parts}"


def report_skipped(source: str, skipped: Skipped) -> None:
    """Log one line for ``source`` saying what was skipped in it (nothing when nothing was).

    A warning, so that it reaches stderr without any logging set up: skipped records are not
    failures, but a reader must be able to see that they were there.
    """
    if skipped.total:
        log.warning("%s: %s", source, skipped.summary())
