"""Everything sent to worker processes or to a Ray cluster survives pickling."""

from __future__ import annotations

import pickle

import pytest

from newsevents.config import Settings
from newsevents.errors import Failure
from newsevents.ingest import RawInput
from newsevents.model import Analysis, Article, Entity, Event, Span
from newsevents.scale import ray_runner, workers

ARTICLE = Article(id="a1", text="Kenya and Somalia agreed to talks.", title="Talks", published="2026-10-12")
ANALYSIS = Analysis(
    article=ARTICLE,
    entities=[Entity("e1", "GPE", 0, 5, "Kenya", actor="x1")],
    events=[Event("v1", "AGREE", "asserted", ["x1"], [], Span(0, 34, ARTICLE.text), Span(21, 27, "agreed"), 0.9)],
    pipeline={"newsevents": "0.1.0"},
)


@pytest.mark.parametrize(
    "value",
    [
        Settings(),
        Settings(batch_size=4, languages=("en", "fr")),
        RawInput("page.html", "html", b"<html><p>Hi</p></html>", url="https://a.example/1", charset="utf-8"),
        RawInput("feed.jsonl:2", "text", "Body text.", id="rec-2"),
        ARTICLE,
        ANALYSIS,
        Failure("page.html", "extract", "ValueError: no article text found"),
        Failure("page.html", "events", "KeyError: x", article_id="a1"),
    ],
    ids=lambda v: type(v).__name__,
)
def test_values_round_trip(value: object) -> None:
    assert pickle.loads(pickle.dumps(value)) == value


@pytest.mark.parametrize(
    "callable_",
    [
        workers.extract_chunk,
        workers.analyze_chunk,
        workers.worker_info,
        ray_runner.AnalyzeRecords,
        ray_runner.read_files,
        ray_runner.table_rows,
    ],
    ids=lambda c: c.__name__,
)
def test_worker_callables_pickle_by_reference(callable_: object) -> None:
    assert pickle.loads(pickle.dumps(callable_)) is callable_


def test_the_ray_actor_and_its_arguments_pickle_with_cloudpickle() -> None:
    cloudpickle = pytest.importorskip("ray.cloudpickle")
    kwargs = {"settings": Settings(batch_size=8)}
    cls, restored = cloudpickle.loads(cloudpickle.dumps((ray_runner.AnalyzeRecords, kwargs)))
    assert cls is ray_runner.AnalyzeRecords and restored == kwargs
