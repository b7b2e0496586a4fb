"""Body text of HTML pages: every clutter kind goes (and is recorded), every article paragraph stays."""

from __future__ import annotations

import pytest

from newsevents.extract import ExtractionError, extract_html

from .pages import PARAGRAPHS, article_html

RELATED_BOX = """<div class="related"><h3>Check Also</h3><ul>
<li><a href="/a">Storm warning issued for coastal towns</a></li>
<li><a href="/b">Bridge reopens after repairs finish early</a></li></ul></div>"""
COMMENTS = """<div id="respond"><h3>Leave a Reply</h3>
<p>Your email address will not be published. Required fields are marked *</p>
<form><label>Comment *</label><textarea></textarea><label>Name *</label><input></form></div>"""
SHARE = '<div class="share"><span>Share this:</span> <a href="#">Tweet</a> <a href="#">Facebook</a></div>'
NEWSLETTER = "<p>Sign up for our newsletter to get the morning briefing in your inbox.</p>"
COOKIE = "<p>We use cookies to improve your experience. By continuing you accept our cookie policy.</p>"
PHOTO = "<p>Photo: Jon Berg/Valley Courier</p>"
TAGS = "<p>Tags: dams, floods, weather</p>"
READ_MORE = "<p>Read more: Storm warning issued for coastal towns</p>"
APP_LINK = '<p><strong><a href="/app">CLICK HERE TO GET THE VALLEY COURIER APP</a></strong></p>'
CONTRIBUTED = "<p>Ana Ruiz and Tom Lee contributed to this report.</p>"
POPULAR = """<h2>Popular Posts</h2><ul><li><a href="/p1">Ten things to do this weekend in the valley</a></li>
<li><a href="/p2">Council approves new bus routes for the winter</a></li></ul>"""


CLUTTER = [
    (RELATED_BOX, "Storm warning issued"),
    (COMMENTS, "Your email address will not be published"),
    (SHARE, "Share this"),
    (NEWSLETTER, "Sign up for our newsletter"),
    (COOKIE, "We use cookies"),
    (PHOTO, "Photo: Jon Berg"),
    (TAGS, "Tags: dams"),
    (READ_MORE, "Read more:"),
    (POPULAR, "Ten things to do"),
    (RELATED_BOX + COMMENTS, "Leave a Reply"),
    (APP_LINK, "CLICK HERE"),
    (CONTRIBUTED, "contributed to this report"),
]
CLUTTER_IDS = [
    "related",
    "comments",
    "share",
    "newsletter",
    "cookie",
    "photo",
    "tags",
    "read-more",
    "popular",
    "both",
    "app-link",
    "credits",
]


@pytest.mark.parametrize(("clutter_html", "clutter"), CLUTTER, ids=CLUTTER_IDS)
@pytest.mark.parametrize("where", ["after-article", "inside-article"])
def test_clutter_is_removed_and_article_kept(clutter_html: str, clutter: str, where: str) -> None:
    # After the article trafilatura drops much itself; inside the text container it keeps it for us.
    if where == "after-article":
        html = article_html(after=clutter_html)
    else:
        html = article_html(paragraphs=(*PARAGRAPHS, f"</p>{clutter_html}<p>"))
    article = extract_html(html)
    assert clutter not in article.text
    for paragraph in PARAGRAPHS:
        assert paragraph in article.text


@pytest.mark.parametrize(
    ("clutter_html", "kind"),
    [
        (COMMENTS, "comments"),
        (NEWSLETTER, "newsletter"),
        (PHOTO, "photo_credit"),
        (TAGS, "tags"),
        (READ_MORE, "related"),
        (COOKIE, "cookie"),
    ],
)
def test_what_we_remove_is_recorded(clutter_html: str, kind: str) -> None:
    article = extract_html(article_html(paragraphs=(*PARAGRAPHS, f"</p>{clutter_html}<p>")))
    assert any(item["kind"] == kind for item in article.removed), article.removed


@pytest.mark.parametrize(
    ("last_paragraph", "expected_end", "tag"),
    [
        (
            "The authority will review the release plan on Friday. [ab/cd]",
            "The authority will review the release plan on Friday.",
            "[ab/cd]",
        ),
        (
            "The authority will review the release plan on Friday. (jm/tr)",
            "The authority will review the release plan on Friday.",
            "(jm/tr)",
        ),
    ],
)
def test_editor_initials_are_stripped(last_paragraph: str, expected_end: str, tag: str) -> None:
    article = extract_html(article_html(paragraphs=(*PARAGRAPHS, last_paragraph)))
    assert article.text.endswith(expected_end)
    assert {"kind": "editor_tag", "text": tag} in article.removed


def test_lists_quotes_and_subheadings_stay() -> None:
    paragraphs = (
        *PARAGRAPHS[:2],
        "</p><h2>What residents should do</h2><p>Officials gave three instructions to residents.",
        "</p><ul><li>Move animals to higher fields before noon</li><li>Keep away from the riverbanks</li></ul><p>"
        "The instructions apply until further notice, the authority said.",
        "</p><blockquote>“Nobody should try to cross the ford while the gates are open,” the police said.</blockquote>"
        "<p>Police will patrol the valley road overnight.",
    )
    article = extract_html(article_html(paragraphs=paragraphs))
    for snippet in (
        "What residents should do",
        "Move animals to higher fields before noon",
        "Keep away from the riverbanks",
        "Nobody should try to cross the ford",
        "Police will patrol the valley road overnight.",
    ):
        assert snippet in article.text
    assert "\n\n" in article.text


def test_repeated_title_and_byline_in_body_are_removed() -> None:
    before = '<p class="byline">By Marta Olsen</p>'
    article = extract_html(article_html(before=before))
    assert not article.text.startswith("Dam to release water")
    assert "By Marta Olsen" not in article.text
    assert article.text.startswith(PARAGRAPHS[0])


def test_wire_dateline_may_stay() -> None:
    first = "GENEVA, Oct 11 (Meridian Wire) - " + PARAGRAPHS[0]
    article = extract_html(article_html(paragraphs=(first, *PARAGRAPHS[1:])))
    assert article.text.startswith("GENEVA, Oct 11 (Meridian Wire) - The river authority")


@pytest.mark.parametrize(
    "html",
    [
        article_html(paragraphs=()),
        article_html(paragraphs=(), after=RELATED_BOX + COMMENTS + SHARE),
        "<html><body><nav><a href='/'>Home</a></nav><p>Share this:</p><p>Leave a Reply</p></body></html>",
        "",
        b"   ",
    ],
    ids=["empty-article", "furniture-only", "tiny", "empty", "blank-bytes"],
)
def test_boilerplate_only_page_raises(html: str | bytes) -> None:
    with pytest.raises(ExtractionError, match="no article text found"):
        extract_html(html)


def test_extraction_error_is_a_value_error() -> None:
    assert issubclass(ExtractionError, ValueError)


def test_article_fields() -> None:
    article = extract_html(article_html(), url="https://courier.example/dam", source="pages/dam.html")
    assert article.id == ""
    assert article.source == "pages/dam.html"
    assert article.url == "https://courier.example/dam"
    assert article.title == "Dam to release water after heavy rain"
    assert "All rights reserved" not in article.text
    assert "Home" not in article.text.split("\n")


def test_a_list_of_linked_headlines_with_teasers_after_the_article_goes() -> None:
    teasers = "".join(
        f'<li><a href="/s{n}"><h3>Storm story {n} headline</h3></a><p>What happened on the coast on day {n}</p></li>'
        for n in range(4)
    )
    article = extract_html(article_html(after=f'<ul class="latest">{teasers}</ul>'))
    assert "Storm story" not in article.text and "What happened" not in article.text
    for paragraph in PARAGRAPHS:
        assert paragraph in article.text


@pytest.mark.parametrize(
    "reference", ["&#x202e;", "&#X202E", "&#8238;", "&#x200b;", "&shy;", "&ZeroWidthSpace;", "&#0;", "&#x7;"]
)
def test_a_character_reference_gives_no_character_that_raw_text_may_not_hold(reference: str) -> None:
    """Bidi overrides, zero-width spaces, soft hyphens and controls are removed before parsing; written as
    references they would come back after it."""
    body = f"<p>{reference}Kenyan police said on Monday that {reference}Mombasa port reopened after the storm.</p>"
    article = extract_html(article_html(paragraphs=(body[3:-4], *PARAGRAPHS)))
    assert "police said on Monday that Mombasa port" in article.text
    assert not {"\u202e", "\u200b", "\u00ad", "\x00", "\x07", "\ufffd"} & set(article.text)


def test_references_to_other_characters_stay() -> None:
    body = "<p>Prices rose 5&#37; in Nairobi, the bureau&#x2019;s figures show &amp; traders said so.</p>"
    article = extract_html(article_html(paragraphs=(body[3:-4], *PARAGRAPHS)))
    assert "Prices rose 5% in Nairobi, the bureau\u2019s figures show & traders said so." in article.text
