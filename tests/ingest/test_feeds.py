"""Feed input: items carried in full become articles, link-only items are noted; XML attacks are refused."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from newsevents.errors import Failure
from newsevents.ingest import RawInput, Skipped, iter_inputs
from newsevents.ingest.feeds import FeedError, parse_feed
from newsevents.pipeline import extract_article

BODY = (
    "<p>The port of Halden reopened on Monday after a storm closed it for three days, the harbour "
    "authority said.</p><p>Officials said 40 ships were waiting and the queue would clear by Friday.</p>"
)

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Harbour News</title><link>https://news.example/</link>
<item><title>Port reopens</title><link>https://news.example/port</link>
  <pubDate>Tue, 13 Oct 2026 09:12:00 GMT</pubDate><description>Teaser.</description>
  <content:encoded><![CDATA[{BODY}]]></content:encoded></item>
<item><title>Link only</title><link>/link-only</link><pubDate>Wed, 14 Oct 2026 10:00:00 +0200</pubDate>
  <description>Only a teaser.</description></item>
<item><title>Guid only</title><guid>https://news.example/guid</guid></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour News</title>
<link href="https://news.example/"/>
<entry><title>Port reopens</title><link rel="alternate" href="https://news.example/port"/>
  <id>tag:news.example,2026:1</id><published>2026-10-13T09:12:00Z</published>
  <content type="html"><![CDATA[{BODY}]]></content></entry>
<entry><title>In XHTML</title><link href="/xhtml"/><updated>2026-10-15</updated>
  <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">{BODY}</div></content></entry>
<entry><title>Plain</title><link href="/plain"/><updated>2026-10-16T08:00:00+02:00</updated>
  <content>The harbour authority said on Friday that the port would stay open all winter.</content></entry>
<entry><title>Summary only</title><link rel="self" href="/self"/><link href="/summary"/>
  <summary>Teaser.</summary></entry>
</feed>"""

RSS1 = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
  xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://news.example/"><title>Harbour</title><link>https://news.example/</link></channel>
<item rdf:about="https://news.example/r1"><title>One</title><link>https://news.example/r1</link>
  <dc:date>2026-10-13</dc:date></item>
</rdf:RDF>"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [
<!ENTITY lol "lol">
<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol9;</title><link>https://a.example/</link></item></channel></rss>"""


def external_entity(secret: Path) -> str:
    return f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>
<rss version="2.0"><channel><title>x</title>
<item><title>&xxe;</title><link>https://a.example/</link></item></channel></rss>"""


@pytest.mark.parametrize(
    ("feed", "expected"),
    [
        (RSS, [
            ("https://news.example/port", "Port reopens", "2026-10-13T09:12:00+00:00", True),
            ("https://news.example/link-only", "Link only", "2026-10-14T10:00:00+02:00", False),
            ("https://news.example/guid", "Guid only", None, False),
        ]),
        (ATOM, [
            ("https://news.example/port", "Port reopens", "2026-10-13T09:12:00+00:00", True),
            ("https://news.example/xhtml", "In XHTML", "2026-10-15", True),
            ("https://news.example/plain", "Plain", "2026-10-16T08:00:00+02:00", True),
            ("https://news.example/summary", "Summary only", None, False),
        ]),
        (RSS1, [("https://news.example/r1", "One", "2026-10-13", False)]),
    ],
)  # fmt: skip
def test_items_give_url_title_date_and_content(feed: str, expected: list[tuple]) -> None:
    items = parse_feed(feed.encode())
    assert [(i.url, i.title, i.published, i.content is not None) for i in items.items] == expected
    assert items.title in ("Harbour News", "Harbour")


@pytest.mark.parametrize(("name", "feed"), [("news.rss", RSS), ("news.atom", ATOM), ("feed.xml", RSS)])
def test_feed_file_gives_full_items_and_notes_link_only_ones(tmp_path: Path, name: str, feed: str) -> None:
    path = tmp_path / name
    path.write_text(feed, encoding="utf-8")
    skipped = Skipped()
    items = list(iter_inputs([path], skipped=skipped))
    assert all(isinstance(i, RawInput) for i in items) and items
    assert items[0].source == f"{path}#1" and items[0].url == "https://news.example/port"
    assert items[0].title == "Port reopens" and items[0].published == "2026-10-13T09:12:00+00:00"
    article = extract_article(items[0])
    assert article.text.startswith("The port of Halden reopened") and "40 ships" in article.text
    assert skipped.total == len(parse_feed(feed.encode()).items) - len(items)
    assert all("newsevents watch" in reason for reason in skipped.counts)
    assert any(note.endswith("https://news.example/link-only") or "summary" in note for note in skipped.notes)


def test_plain_text_atom_content_is_a_text_input(tmp_path: Path) -> None:
    path = tmp_path / "news.atom"
    path.write_text(ATOM, encoding="utf-8")
    kinds = [i.kind for i in iter_inputs([path]) if isinstance(i, RawInput)]
    assert kinds == ["html", "html", "text"]


@pytest.mark.parametrize("name", ["bomb.rss", "bomb.xml"])
def test_billion_laughs_is_refused_fast(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    started = time.perf_counter()
    [failure] = iter_inputs([path])
    assert time.perf_counter() - started < 1.0
    assert isinstance(failure, Failure) and "declares XML entities" in failure.reason


def test_external_entity_is_refused_and_the_file_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    path = tmp_path / "xxe.rss"
    path.write_text(external_entity(secret), encoding="utf-8")
    items = list(iter_inputs([path]))
    assert len(items) == 1 and isinstance(items[0], Failure)
    assert "declares XML entities" in items[0].reason and "TOP-SECRET" not in repr(items)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<rss version='2.0'><channel><item><title>cut", "not a readable XML feed"),
        (b"<rss version='2.0'></rss>", "has no <channel>"),
        (b"<feed><entry/></feed>", "root element is <feed>"),  # no Atom namespace
    ],
)
def test_broken_feeds_fail_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(FeedError, match=reason):
        parse_feed(data)


def test_a_sitemap_in_a_directory_is_not_read_but_a_feed_is(tmp_path: Path) -> None:
    (tmp_path / "sitemap.xml").write_text("<urlset><url><loc>https://a/</loc></url></urlset>", encoding="utf-8")
    (tmp_path / "feed.xml").write_text(RSS, encoding="utf-8")
    sources = {i.source.split("#")[0] for i in iter_inputs([tmp_path])}
    assert sources == {str(tmp_path / "feed.xml")}
