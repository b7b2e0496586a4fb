"""Settings: defaults, then the user file, then $NEWSEVENTS_DB, then explicit overrides."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsevents.config import SETTINGS_HELP, Settings, load_settings
from newsevents.errors import ConfigError


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("NEWSEVENTS_DB", raising=False)
    monkeypatch.delenv("NEWSEVENTS_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize(
    ("file_text", "env_db", "overrides", "expected"),
    [
        (None, None, {}, {"db": "newsevents.duckdb", "batch_size": 32}),
        ('batch_size = 8\n', None, {}, {"db": "newsevents.duckdb", "batch_size": 8}),
        ('db = "file.duckdb"\n', "env.duckdb", {}, {"db": "env.duckdb"}),
        ('db = "file.duckdb"\n', "env.duckdb", {"db": "flag.duckdb"}, {"db": "flag.duckdb"}),
        (None, None, {"db": None}, {"db": "newsevents.duckdb"}),  # an unset flag overrides nothing
    ],
)
def test_layers(monkeypatch, file_text, env_db, overrides, expected) -> None:
    if file_text is not None:
        Path("newsevents.toml").write_text(file_text, encoding="utf-8")
    if env_db:
        monkeypatch.setenv("NEWSEVENTS_DB", env_db)
    settings = load_settings(**overrides)
    for name, value in expected.items():
        assert getattr(settings, name) == value


@pytest.mark.parametrize(
    ("file_text", "message"),
    [
        ("colour = 'blue'\n", "unknown setting(s) colour; valid: " + ", ".join(sorted(Settings.__dataclass_fields__))),
        ("batch_size = 0\n", "batch_size must be at least 1"),
        ("batch_size = = 3\n", "cannot read settings"),
    ],
)
def test_bad_settings_say_what_and_why(file_text: str, message: str) -> None:
    Path("newsevents.toml").write_text(file_text, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_settings()


def test_every_setting_has_help() -> None:
    assert set(SETTINGS_HELP) == set(Settings.__dataclass_fields__)
