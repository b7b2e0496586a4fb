"""Fixtures for the API tests: one store of the sample pages and one server over it per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from api.serving import sample_store, serving


@pytest.fixture(scope="session")
def samples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample_store(tmp_path_factory.mktemp("samples"))


@pytest.fixture(scope="session")
def samples_url(samples_db: Path) -> Iterator[str]:
    with serving(samples_db) as url:
        yield url
