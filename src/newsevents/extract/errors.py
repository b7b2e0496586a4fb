"""The one exception of the extraction stage."""

from __future__ import annotations


class ExtractionError(ValueError):
    """A page yielded no article: the message says why (empty input, boilerplate only, not HTML)."""
