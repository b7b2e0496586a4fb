"""article_timeout_seconds: an article that takes too long fails alone, at the stage running then, with
the reason in the failures table; the other articles of the batch are analysed and stored.

The slow article is made slow by a stage of the test's own (it sleeps when the text asks it to),
added after the real stages: the limit is checked between stages, whatever they are.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from newsevents.config import Settings, load_settings
from newsevents.errors import ConfigError, Failure
from newsevents.ingest import RawInput
from newsevents.library import ingest_inputs
from newsevents.model import Analysis
from newsevents.pipeline import STAGES, Pipeline, Stage
from newsevents.store import Store

LIMIT = 2.0  # generous: the calm articles must pass on a busy machine
TEXTS = {
    "calm-1": "Kenya and Somalia agreed on Wednesday to set up joint patrols along their border, officials said.",
    "slow": "Police arrested 40 protesters in Nairobi on Monday. This one takes its time.",
    "calm-2": "Ethiopia's prime minister met the president of Djibouti in Addis Ababa on Tuesday to discuss trade.",
}


def linger(analysis: Analysis, doc: object) -> None:
    """A stage that takes 1.5 limits over an article that says it takes its time, and nothing otherwise."""
    if "takes its time" in analysis.article.text:
        time.sleep(LIMIT * 1.5)


SLOW_STAGES = (*STAGES, Stage("linger", linger, reads=("article",), writes=()))


def test_a_slow_article_fails_alone_and_the_batch_is_stored(pipeline: Pipeline, tmp_path: Path) -> None:
    settings = Settings(article_timeout_seconds=LIMIT)
    slow_pipeline = Pipeline(settings, stages=SLOW_STAGES)
    slow_pipeline._nlp = pipeline.nlp  # the session's model, loaded once
    # The stages load their tables on first use (3 s on a busy machine): that time would count
    # against the first article, so load them before the clock matters.
    list(pipeline.analyze([RawInput("warm-up.txt", "text", TEXTS["calm-1"])]))
    inputs = [RawInput(f"{name}.txt", "text", text, id=name) for name, text in TEXTS.items()]
    with Store(tmp_path / "t.duckdb") as store:
        counts = ingest_inputs(inputs, store, settings=settings, pipeline=slow_pipeline)
        [failure] = store.failures()
        stored = sorted(row["id"] for row in store.list_articles())
    assert (counts.new, counts.failed) == (2, 1)
    assert stored == ["calm-1", "calm-2"]
    assert failure["input"] == "slow.txt" and failure["stage"] == "linger" and failure["article_id"] == "slow"
    assert failure["reason"].startswith("analysis exceeded 2 s (article_timeout_seconds): 3.")
    assert "by the end of stage 'linger', so the stages after it did not run" in failure["reason"]


def test_no_limit_when_the_setting_is_0(pipeline: Pipeline) -> None:
    unlimited = Pipeline(Settings(article_timeout_seconds=0), stages=SLOW_STAGES)
    unlimited._nlp = pipeline.nlp
    [result] = unlimited.analyze([RawInput("slow.txt", "text", TEXTS["slow"])])
    assert isinstance(result, Analysis)


def test_a_slow_extraction_fails_at_stage_extract(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsevents import pipeline as pipeline_module

    real = pipeline_module.extract_html

    def slow_extract(content, **options):
        if b"slowly" in (content if isinstance(content, bytes) else content.encode()):
            time.sleep(LIMIT * 1.5)
        return real(content, **options)

    monkeypatch.setattr(pipeline_module, "extract_html", slow_extract)
    page = "<html><body><article><p>{}</p></article></body></html>"
    inputs = [RawInput("slow.html", "html", page.format("The port reopened slowly on Monday.").encode()),
              RawInput("fast.html", "html", page.format("The port reopened on Monday.").encode())]  # fmt: skip
    slow, fast = Pipeline(Settings(article_timeout_seconds=LIMIT)).extract(inputs)
    assert isinstance(slow, Failure) and slow.stage == "extract" and slow.input == "slow.html"
    assert slow.reason.startswith("analysis exceeded 2 s (article_timeout_seconds)") and slow.article_id
    assert not isinstance(fast, Failure) and fast.text == "The port reopened on Monday."


@pytest.mark.parametrize("value", [-1, float("nan")])
def test_a_negative_timeout_is_refused(value: float) -> None:
    with pytest.raises(ConfigError, match="article_timeout_seconds must be 0 \\(no limit\\) or more"):
        load_settings(path="/nonexistent/newsevents.toml", article_timeout_seconds=value)
