"""newsevents: read news pages and code who did what to whom, where and when, with the evidence.

The library API that every front end (CLI, HTTP API, demo) calls::

    from newsevents import analyze
    doc = analyze(html, url="https://...", published="2026-10-12")  # the contract's document
"""

from __future__ import annotations

__version__ = "0.1.0"

from newsevents.library import analyze, analyze_paths, extract_paths, ingest_paths

__all__ = ["__version__", "analyze", "analyze_paths", "extract_paths", "ingest_paths"]
