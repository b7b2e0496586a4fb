"""Fixtures: a store of the sample pages, a store of the story articles, and a server over each, per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from api.serving import sample_store, serving, story_store


@pytest.fixture(scope="session")
def samples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample_store(tmp_path_factory.mktemp("samples"))


@pytest.fixture(scope="session")
def samples_url(samples_db: Path) -> Iterator[str]:
    with serving(samples_db) as url:
        yield url


@pytest.fixture(scope="session")
def stories_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return story_store(tmp_path_factory.mktemp("stories"))


@pytest.fixture(scope="session")
def stories_url(stories_db: Path) -> Iterator[str]:
    with serving(stories_db) as url:
        yield url
