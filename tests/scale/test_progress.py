"""The progress reporter: a redrawn bar on a terminal, plain lines otherwise; how many inputs to expect."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from newsevents.scale.progress import Progress, count_inputs, format_duration


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "0:00"), (59.6, "1:00"), (75, "1:15"), (3725, "1:02:05"), (90_000, "25:00:00")]
)
def test_format_duration(seconds: float, text: str) -> None:
    assert format_duration(seconds) == text


@pytest.mark.parametrize(
    ("total", "done", "elapsed", "expected"),
    [
        (100, 25, 10.0, "25/100 articles (25%)  2.5/s  ETA 0:30"),
        (100, 100, 20.0, "100/100 articles (100%)  5.0/s  elapsed 0:20"),
        (None, 7, 2.0, "7 articles  3.5/s  elapsed 0:02"),
        (10, 0, 1.0, "0/10 articles (0%)  0.0/s"),
    ],
)
def test_plain_line(total: int | None, done: int, elapsed: float, expected: str) -> None:
    clock = Clock()
    progress = Progress(total, stream=io.StringIO(), clock=clock)
    progress.done = done
    assert progress.line(elapsed) == expected


def test_terminal_redraws_one_line_with_a_bar() -> None:
    clock, out = Clock(), Terminal()
    progress = Progress(4, stream=out, clock=clock)
    for done in range(1, 5):
        clock.now += 1.0
        progress.update(done, detail="0 failed")
    progress.close()
    text = out.getvalue()
    assert text.count("\r\x1b[K") == 5 and text.endswith("\n") and text.count("\n") == 1
    assert "[" + "#" * 24 + "]" in text and "0 failed" in text


def test_plain_output_writes_a_line_per_interval_only() -> None:
    clock, out = Clock(), io.StringIO()
    progress = Progress(1000, stream=out, clock=clock, plain_interval=30.0)
    for done in range(1, 101):
        clock.now += 1.0
        progress.update(done)
    progress.close()
    lines = out.getvalue().splitlines()
    assert len(lines) == 4  # at 30 s, 60 s, 90 s, and the final line
    assert all(line.startswith("newsevents: ") and "\r" not in line for line in lines)


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


RECORDS = "\n".join(json.dumps({"text": f"Body {i}."}) for i in range(3)) + "\n\n"


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"a.html": "<p>a</p>", "b/c.htm": "<p>c</p>", "notes.md": "x"}, 2),
        ({"a.html": "<p>a</p>", "r.jsonl": RECORDS}, 4),
        ({"a.txt": "Title\n\nBody"}, 1),
        ({"a.html": "<p>a</p>", "crawl.warc": "WARC/1.0"}, None),
        ({"news.rss": "<rss/>"}, None),
        ({}, 0),
    ],
)
def test_count_inputs(tmp_path: Path, files: dict[str, str], expected: int | None) -> None:
    assert count_inputs([_tree(tmp_path, files)]) == expected


def test_count_inputs_of_standard_input_is_unknown() -> None:
    assert count_inputs(["-"]) is None
