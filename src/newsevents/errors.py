"""Errors and failure records.

    NewsEventsError
     ├── InputError      an input cannot be read (missing file, bad JSON line, unknown format)
     └── ConfigError     a setting has an invalid value

A ``Failure`` is what a batch keeps for an input that could not be processed: which input, at which
stage, and why. Failures are printed as one line on stderr and stored in the failures table.
"""

from __future__ import annotations

from dataclasses import dataclass


class NewsEventsError(Exception):
    """Base of the errors newsevents raises on purpose."""


class InputError(NewsEventsError):
    """An input cannot be read; the message names the input and the cause."""


class ConfigError(NewsEventsError):
    """A setting has an invalid value; the message lists the valid ones."""


@dataclass(frozen=True)
class Failure:
    """One input that could not be processed, and why."""

    input: str
    stage: str  # read | extract | entities | actors | ... | store
    reason: str
    article_id: str | None = None

    def __str__(self) -> str:
        return f"{self.input}: {self.stage} failed: {self.reason}"
