"""Each metadata source of an HTML page, and which one wins."""

from __future__ import annotations

import json

import pytest

from newsevents.extract import extract_html
from newsevents.extract.metadata import clean_author_names, clean_title

from .pages import article_html


def _json_ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


NEWS_ARTICLE = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "headline": "Dam opens spillway as reservoir fills",
    "datePublished": "2026-10-12T08:30:00+07:00",
    "author": [{"@type": "Person", "name": "Ana Ruiz"}, {"@type": "Person", "name": "Tom Lee"}],
    "publisher": {"@type": "Organization", "name": "Valley Courier"},
}


@pytest.mark.parametrize(
    ("head", "url", "field", "expected"),
    [
        # title
        ('<meta property="og:title" content="Open Graph headline">', None, "title", "Open Graph headline"),
        (_json_ld(NEWS_ARTICLE), None, "title", "Dam opens spillway as reservoir fills"),
        ("", None, "title", "Dam to release water after heavy rain"),  # <title> minus " | Site"
        # published
        (_json_ld(NEWS_ARTICLE), None, "published", "2026-10-12T08:30:00+07:00"),
        (_json_ld({"@graph": [{"@type": "WebPage"}, NEWS_ARTICLE]}), None, "published", "2026-10-12T08:30:00+07:00"),
        (
            '<meta property="article:published_time" content="2026-10-11T17:05:00+02:00">',
            None,
            "published",
            "2026-10-11T17:05:00+02:00",
        ),
        ('<meta name="dc.date" content="2026-10-10">', None, "published", "2026-10-10"),
        ('<meta name="pubdate" content="20261009">', None, "published", "2026-10-09"),
        ("", "https://courier.example/2026/10/08/dam/", "published", "2026-10-08"),
        # authors
        (_json_ld(NEWS_ARTICLE), None, "authors", ["Ana Ruiz", "Tom Lee"]),
        ('<meta name="author" content="By Ana Ruiz and Tom Lee">', None, "authors", ["Ana Ruiz", "Tom Lee"]),
        ('<meta name="author" content="https://facebook.com/someone">', None, "authors", []),
        # site
        ('<meta property="og:site_name" content="Valley Courier">', None, "site", "Valley Courier"),
        (_json_ld(NEWS_ARTICLE), None, "site", "Valley Courier"),
        ("", "https://www.courier.example/news/dam", "site", "courier.example"),
        # url
        ('<link rel="canonical" href="https://courier.example/dam">', None, "url", "https://courier.example/dam"),
        (
            '<meta property="og:url" content="https://courier.example/og-dam">',
            None,
            "url",
            "https://courier.example/og-dam",
        ),
        (
            '<link rel="canonical" href="https://courier.example/dam">',
            "https://given.example/x",
            "url",
            "https://given.example/x",
        ),
    ],
)
def test_metadata_source(head: str, url: str | None, field: str, expected: object) -> None:
    article = extract_html(article_html(head=head), url=url, search_page_for_date=False)
    assert getattr(article, field) == expected


@pytest.mark.parametrize(
    ("before", "expected_authors", "expected_published"),
    [
        ('<p class="byline">By MARTA OLSEN, Oslo</p>', ["Marta Olsen"], None),
        ('<span class="author"><a rel="author" href="/a/ana">Ana Ruiz</a></span>', ["Ana Ruiz"], None),
        ('<time datetime="2026-10-07T06:00:00+02:00" pubdate>7 Oct</time>', [], "2026-10-07T06:00:00+02:00"),
        ('<p class="published">Published 6 October 2026, 09:12</p>', [], "2026-10-06T09:12:00"),
    ],
)
def test_visible_byline_and_date(before: str, expected_authors: list[str], expected_published: str | None) -> None:
    article = extract_html(article_html(before=before), search_page_for_date=False)
    assert article.authors == expected_authors
    assert article.published == expected_published
    assert "By MARTA" not in article.text


def test_commenter_names_are_not_authors() -> None:
    after = '<div id="comments"><div class="comment-author">Pat Jones</div><p>Nice piece.</p></div>'
    article = extract_html(article_html(after=after), search_page_for_date=False)
    assert article.authors == []


@pytest.mark.parametrize(("lang", "expected"), [("en-US", "en"), ("fr", "fr"), ("", "en")])
def test_language(lang: str, expected: str) -> None:
    assert extract_html(article_html(lang=lang)).language == expected


def test_htmldate_fallback_finds_a_date_in_the_page() -> None:
    before = "<p>Last modified: 2026-10-05</p>"
    article = extract_html(article_html(before=before))
    assert article.published is not None and article.published.startswith("2026-10-05")


@pytest.mark.parametrize(
    ("raw", "site", "headline", "expected"),
    [
        ("Dam opens spillway | Valley Courier", "Valley Courier", None, "Dam opens spillway"),
        ("Valley Courier - Dam opens spillway", "Valley Courier", None, "Dam opens spillway"),
        ("Dam opens spillway - Courier", None, None, "Dam opens spillway"),
        (
            "Dam opens spillway: what it means | VC",
            None,
            "Dam opens spillway: what it means",
            "Dam opens spillway: what it means",
        ),
        ("Covid-19 cases rise", None, None, "Covid-19 cases rise"),
        (None, None, None, None),
    ],
)
def test_clean_title(raw: str | None, site: str | None, headline: str | None, expected: str | None) -> None:
    assert clean_title(raw, site, headline) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("By Ana Ruiz", ["Ana Ruiz"]),
        ("Ana Ruiz, Tom Lee & Li Wei", ["Ana Ruiz", "Tom Lee", "Li Wei"]),
        ("By PETER EKAI, Lodwar", ["Peter Ekai"]),
        ("Reuters", ["Reuters"]),
        ("Ana Ruiz | Updated 3 hours ago", ["Ana Ruiz"]),
        ("admin", []),
        ("https://x.example/ana", []),
    ],
)
def test_clean_author_names(raw: str, expected: list[str]) -> None:
    assert clean_author_names(raw) == expected


# The selections the byline and dated-element walks make, written as the XPath queries they replace.
_BYLINE_XPATH = (
    ".//*[(@rel='author' or @itemprop='author' or contains(concat(' ', normalize-space(@class), ' '), ' byline')"
    " or contains(@class, 'author'))"
    " and not(ancestor-or-self::*[contains(@class, 'comment') or contains(@id, 'comment')"
    " or contains(@class, 'related') or contains(@class, 'about-author') or contains(@class, 'author-bio')])]"
)
_DATED_ELEMENT_XPATH = (
    ".//*[contains(@class, 'published') or contains(@class, 'pubdate') or contains(@class, 'post-date')"
    " or contains(@class, 'entry-date') or contains(@class, 'timestamp') or contains(@class, 'dateline')"
    " or contains(@class, 'article-date') or contains(@class, 'story-date') or self::time]"
    "[not(ancestor::*[contains(@class, 'comment') or contains(@class, 'related') or contains(@class, 'card')])]"
)


def test_byline_and_dated_elements_match_their_xpath_definitions() -> None:
    from newsevents.extract.html import parse_html
    from newsevents.extract.metadata import _byline_elements, _dated_elements

    tree = parse_html(
        "<html><body><div>"
        '<p class="x\tbyline">a</p><p class=" byline-name">b</p><p class="xbyline">c</p>'
        '<p class="a\u00a0byline">d</p><a rel="author">e</a><a rel="Author">f</a><span itemprop="author">g</span>'
        '<div class="comments"><span class="author">h</span></div><div id="c-comment-1"><b class="byline">i</b></div>'
        '<span class="author-bio">j</span><span class="byline related">k</span><span class="post-author">l</span>'
        '<time>1</time><div class="card"><time>2</time></div><p class="published x">3</p>'
        '<p class="pubdate related">4</p><div class="related"><span class="timestamp">5</span></div>'
        '<p id="comment"><time>6</time></p><span class="Dateline">7</span>'
        "</div></body></html>"
    )
    assert list(_byline_elements(tree)) == tree.xpath(_BYLINE_XPATH)
    assert list(_dated_elements(tree)) == tree.xpath(_DATED_ELEMENT_XPATH)
    assert [e.text for e in _byline_elements(tree)] == ["a", "b", "e", "g", "l"]
    assert [e.text for e in _dated_elements(tree)] == ["1", "3", "4", "6"]


def test_every_dated_class_holds_one_of_the_quick_test_words() -> None:
    """``_dated_elements`` rules a class out when it lacks all three words: each dated class needs one."""
    from newsevents.extract.metadata import _DATED_CLASSES

    assert all("date" in part or "published" in part or "timestamp" in part for part in _DATED_CLASSES)
