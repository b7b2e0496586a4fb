"""WARC and ARC files, feeds and `watch` through the real command line (subprocesses)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.local_server import serve
from ingest.test_arc import write_arc
from ingest.warcs import article_page, write_warc

pytestmark = pytest.mark.slow

CLI = [sys.executable, "-m", "newsevents.cli"]
FEED = """<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Harbour</title><link>https://news.example/</link>
<item><title>In full</title><link>https://news.example/full</link><pubDate>Tue, 13 Oct 2026 09:12:00 GMT</pubDate>
<content:encoded><![CDATA[<p>The harbour authority of Halden said on Tuesday that the port would stay open
through the winter after talks with the shipping companies ended.</p>]]></content:encoded></item>
<item><title>Link only</title><link>https://news.example/link</link></item>
</channel></rss>"""


def run(*args: str, db: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **({"NEWSEVENTS_DB": str(db)} if db else {})}
    env.pop("NEWSEVENTS_CONFIG", None)
    return subprocess.run([*CLI, *args], capture_output=True, text=True, env=env, timeout=600)


@pytest.mark.parametrize("command", ["analyze", "extract"])
def test_warc_pages_and_a_truncated_archive(tmp_path: Path, command: str) -> None:
    good = tmp_path / "crawl.warc.gz"
    write_warc(good, ["request", "html", "pdf", "revisit", "html"])
    whole = tmp_path / "whole.warc.gz"
    offsets = write_warc(whole, ["html", "html"])
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(whole.read_bytes()[: offsets[1] + 100])
    result = run(command, str(broken), str(good))
    assert result.returncode == 1
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["article"]["url"] for d in docs] == [f"https://news.example/story-{n}" for n in (0, 1, 4)]
    assert f"{broken}: read failed: damaged WARC at byte offset {offsets[1]:,}" in result.stderr
    assert "skipped 3 records" in result.stderr  # request, PDF, revisit


def test_arc_pages_extracted_with_url_and_capture_date(tmp_path: Path) -> None:
    path = tmp_path / "crawl.arc.gz"
    write_arc(path, ["html", "pdf", "html"], compress=True)
    result = run("extract", str(path))
    assert result.returncode == 0, result.stderr
    docs = [json.loads(line)["article"] for line in result.stdout.splitlines()]
    assert [d["url"] for d in docs] == ["https://news.example/story-0", "https://news.example/story-2"]
    assert all("ships were waiting" in d["text"] for d in docs)
    assert "skipped 2 records" in result.stderr  # the file header and the PDF


def test_feed_file_analyzed_and_link_only_items_noted(tmp_path: Path) -> None:
    path = tmp_path / "news.rss"
    path.write_text(FEED, encoding="utf-8")
    result = run("analyze", str(path))
    assert result.returncode == 0, result.stderr
    [doc] = [json.loads(line) for line in result.stdout.splitlines()]
    assert doc["article"]["url"] == "https://news.example/full" and doc["article"]["title"] == "In full"
    assert doc["article"]["published"] == "2026-10-13T09:12:00+00:00"
    assert "feed item with a link only" in result.stderr


def test_watch_once_stores_new_articles_then_nothing_more(tmp_path: Path) -> None:
    with serve() as server:
        server.page("/a1", article_page(1))
        server.page("/feed.xml", FEED.replace("https://news.example/link", server.base + "/a1"), "application/rss+xml")
        feeds = tmp_path / "feeds.txt"
        feeds.write_text(f"# test feeds\n{server.base}/feed.xml\n", encoding="utf-8")
        db = tmp_path / "w.duckdb"
        args = ("watch", str(feeds), "--once", "--delay", "0", "--allow-private-hosts")
        first = run(*args, db=db)
        assert first.returncode == 0, first.stderr
        assert "articles 2 new" in first.stdout
        second = run(*args, db=db)
        assert "articles 0 new" in second.stdout and "2 seen before" in second.stdout
        assert server.paths().count("/a1") == 1
        refused = run("watch", str(feeds), "--once", "--delay", "0", db=tmp_path / "other.duckdb")
        assert refused.returncode == 1 and "private or local address" in refused.stderr
