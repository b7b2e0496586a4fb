"""Shared fixtures: one real spaCy pipeline per test session, paths to samples and shared corpora."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsevents.model import Analysis, Article
from newsevents.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[1]
SAMPLE_PAGES = REPO / "examples" / "pages"
SHARED = REPO.parent / "shared"
CONTRACT = SHARED / "contract" / "analysis.schema.json"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The real pipeline (spaCy model loaded once for the whole run)."""
    return Pipeline()


def run_stages(pipeline: Pipeline, text: str, *stages) -> Analysis:
    """One text through the real spaCy model and only the given stage functions, in order."""
    analysis = Analysis(article=Article(id="t", text=text))
    doc = pipeline.nlp(text)
    for stage in stages:
        stage(analysis, doc)
    return analysis


@pytest.fixture(scope="session")
def contract_validator():
    """A validator for the output contract; skips when ../shared is absent."""
    if not CONTRACT.is_file():
        pytest.skip(f"contract not found at {CONTRACT}")
    from jsonschema import Draft202012Validator

    schema = json.loads(CONTRACT.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)
