"""The reader fuzz target (``fuzz/fuzz_readers.py``) under atheris, coverage-guided, for a bounded time.

libFuzzer starts from seeds written here, one of each input kind the readers take (the first byte
of a seed picks the file name, as in the target), so that it mutates real WARC records, gzip members
and feeds rather than finding their magic bytes by chance. ``$NEWSEVENTS_FUZZ_SECONDS`` sets the
time (60 s by default). A crash leaves its input in the test's tmp folder; add it to ``FOUND`` in
``test_fuzz.py`` once fixed.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO
from ingest.warcs import article_page, write_warc

pytest.importorskip("atheris", reason="atheris is not installed (pip install atheris)")

TARGET = REPO / "fuzz" / "fuzz_readers.py"
SECONDS = int(os.environ.get("NEWSEVENTS_FUZZ_SECONDS", "60"))
# The target's NAMES, in its order (checked below): the first byte of an input picks its file name.
NAMES = ("page.html", "page.html.gz", "archive.warc", "archive.warc.gz", "feed.rss", "records.jsonl", "page.txt",
         "noext")  # fmt: skip


def seeds(folder: Path, scratch: Path) -> None:
    """One small valid input of each kind, prefixed with the byte that picks its file name."""
    page = article_page(1)
    write_warc(scratch / "plain.warc", ["html", "request", "html"], gzip=False)
    write_warc(scratch / "members.warc.gz", ["html", "request", "html"], gzip=True)
    feed = (b"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title><item><title>A</title>"
            b"<link>https://news.example/a</link><description>The port reopened on Monday.</description>"
            b"</item></channel></rss>")  # fmt: skip
    contents = {
        "page.html": page,
        "page.html.gz": gzip.compress(page),
        "archive.warc": (scratch / "plain.warc").read_bytes(),
        "archive.warc.gz": (scratch / "members.warc.gz").read_bytes(),
        "feed.rss": feed,
        "records.jsonl": json.dumps({"url": "https://news.example/b", "text": "Ships waited."}).encode() + b"\n",
        "page.txt": b"Port story\n\nThe harbour authority said ships were waiting.\n",
        "noext": page,
    }
    folder.mkdir()
    for name, data in contents.items():
        (folder / name).write_bytes(bytes([NAMES.index(name)]) + data)


def test_the_seed_names_match_the_target() -> None:
    spec = importlib.util.spec_from_file_location("fuzz_readers", TARGET)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.NAMES == NAMES


@pytest.mark.slow
def test_atheris_fuzzes_the_readers_without_a_crash(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    seeds(corpus, tmp_path)
    command = [sys.executable, str(TARGET), str(corpus), f"-max_total_time={SECONDS}", "-rss_limit_mb=2048",
               "-timeout=30", f"-artifact_prefix={tmp_path}/", "-print_final_stats=1"]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, timeout=SECONDS + 300)
    output = result.stdout + result.stderr
    crashes = sorted(p.name for p in tmp_path.glob("crash-*")) + sorted(p.name for p in tmp_path.glob("timeout-*"))
    assert result.returncode == 0 and not crashes, f"{crashes}\n{output[-4000:]}"
    assert "INITED" in output  # libFuzzer itself ran (not the target's hypothesis fallback)
    done = re.search(r"Done (\d+) runs in (\d+) second", output)
    assert done and int(done.group(1)) >= 100, output[-2000:]
    print(f"atheris: {done.group(0)}; {len(list(corpus.iterdir()))} corpus inputs")
