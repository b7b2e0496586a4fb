"""The page map: link shares of extracted blocks, and bodies split into twin containers."""

from __future__ import annotations

import pytest

from newsevents.extract import extract_html
from newsevents.extract.boilerplate import Block
from newsevents.extract.html import parse_html
from newsevents.extract.pagemap import PageMap

from .pages import PARAGRAPHS, article_html


@pytest.mark.parametrize(
    ("markup", "text", "share"),
    [
        ('<p><a href="/a">Storm hits the coast again</a></p>', "Storm hits the coast again", 1.0),
        ('<p>Read the <a href="/r">council report</a> first.</p>', "Read the council report first.", 0.5),
        ("<p>No links in this paragraph at all.</p>", "No links in this paragraph at all.", 0.0),
        ("<ul><li><a href='/a'>Headline</a> and its teaser</li></ul>", "Headline and its teaser", 0.4),
        ("<p>Text the page does not show.</p>", "Another text entirely", 0.0),
    ],
)
def test_link_share_of_a_block(markup: str, text: str, share: float) -> None:
    page = PageMap(parse_html(f"<html><body>{markup}</body></html>"))
    assert page.link_share(text) == pytest.approx(share, abs=0.05)


def split_body(twin_class: str = "body", *, next_article: bool = False) -> str:
    """An article whose paragraphs sit in two containers, an advertisement between them.

    ``next_article`` puts the second container in an ``<article>`` of its own (the next story of an
    endless page); ``twin_class`` gives it another class.
    """
    first = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2])
    rest = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:])
    split = "</div></article><article><div>" if next_article else ""
    return (
        '<html><body><article><h1>Dam to release water</h1><div class="chunks">'
        f'<div class="grid"><div class="body">{first}</div></div><div class="ad">Advertisement</div>{split}'
        f'<div class="grid"><div class="{twin_class}">{rest}</div></div>'
        "</div></article></body></html>"
    )


def test_a_body_split_into_twin_containers_is_read_whole() -> None:
    page = PageMap(parse_html(split_body()))
    found = page.with_missed_parts([Block(p) for p in PARAGRAPHS[:2]])
    assert [b.text for b in found] == list(PARAGRAPHS)


@pytest.mark.parametrize(
    "html",
    [split_body(twin_class="comments"), split_body(next_article=True)],
    ids=["other-class", "next-article"],
)
def test_containers_that_are_not_twins_are_not_read(html: str) -> None:
    page = PageMap(parse_html(html))
    blocks = [Block(p) for p in PARAGRAPHS[:2]]
    assert page.with_missed_parts(blocks) == blocks


def test_a_twin_above_the_article_is_not_read() -> None:
    """A key-points box of the same class above the story repeats it: only later twins continue it."""
    box = '<div class="grid"><div class="body"><p>Key point one, in short.</p><p>Key point two.</p></div></div>'
    html = split_body().replace('<div class="chunks">', f'<div class="chunks">{box}', 1)
    page = PageMap(parse_html(html))
    found = page.with_missed_parts([Block(p) for p in PARAGRAPHS[:2]])
    assert [b.text for b in found] == list(PARAGRAPHS)


def test_extract_html_reads_every_part_of_a_split_body() -> None:
    article = extract_html(split_body())
    for paragraph in PARAGRAPHS:
        assert paragraph in article.text
    assert "Advertisement" not in article.text


def test_a_layout_table_cell_gives_one_block_per_paragraph() -> None:
    cells = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = article_html(paragraphs=(f"</p><table><tr><td>{cells}</td><td><p>Top stories</p></td></tr></table><p>",))
    article = extract_html(html)
    assert "\n\n".join(PARAGRAPHS) in article.text


def test_a_post_embedded_in_the_article_is_kept_as_a_quote() -> None:
    post = (
        '<blockquote class="social-post"><p>The spillway is open and the town is safe.<br>Thank you all.</p>'
        "&mdash; Valley Dam Authority (@valleydam) October 14, 2026</blockquote>"
    )
    html = article_html(paragraphs=(*PARAGRAPHS[:2], f"</p>{post}<p>{PARAGRAPHS[2]}"))
    page = PageMap(parse_html(html))
    found = page.with_missed_parts([Block(p) for p in PARAGRAPHS[:3]])
    assert [b.kind for b in found] == ["p", "p", "quote", "p"]
    assert found[2].text.splitlines() == [
        "The spillway is open and the town is safe.",
        "Thank you all.",
        "— Valley Dam Authority (@valleydam) October 14, 2026",
    ]


def test_index_is_the_last_element_with_each_text() -> None:
    """The backward walk finds what a forward walk (later elements overwriting) would."""
    from newsevents.extract.pagemap import _INDEXED_TAGS, _MAX_INDEXED_CHARS, text_key

    long_text = "word " * (_MAX_INDEXED_CHARS // 4)
    tree = parse_html(
        "<html><body>"
        "<div><div><p>Same text</p></div></div><li> Same  text </li>"
        f"<div class='outer'><div><p>{long_text}</p></div><p>Inner paragraph kept</p></div>"
        "<td>Cell <b>with</b> markup</td><div><p>Cell with markup</p></div>"
        "</body></html>"
    )
    expected = {}
    for element in tree.iter(*_INDEXED_TAGS):
        text = element.text_content()
        if len(text) <= _MAX_INDEXED_CHARS and text_key(text):
            expected[text_key(text)] = element
    page = PageMap(tree)
    assert page.elements == expected
    assert page.elements["sametext"].tag == "li"
    assert page.elements["innerparagraphkept"].tag == "p"


def test_later_twins_are_the_near_elements_the_following_axis_finds() -> None:
    """Searching the container's closest ancestors finds the near twins the page-wide query found."""
    from newsevents.extract.pagemap import _later_twins, _near

    tree = parse_html(
        "<html><body>"
        '<div class="body"><p>Before the story.</p></div>'
        '<main><section><div class="wrap"><div class="body" id="c"><div class="body"><p>Inside.</p></div></div>'
        '<div class="ad">Ad</div><div class="body"><p>Twin one.</p></div></div>'
        '<div class="body"><p>Twin two, one level up.</p></div></section>'
        '<aside><div class="body"><p>Another box.</p></div></aside></main>'
        '<div class="body"><p>Far away.</p></div>'
        "</body></html>"
    )
    for container in tree.iter("div"):
        by_axis = [
            twin
            for twin in container.xpath(
                "following::*[name()=$tag and @class=$cls]", tag=container.tag, cls=container.get("class") or ""
            )
            if _near(container, twin)
        ]
        if container.get("class"):
            assert [twin for twin in _later_twins(container) if _near(container, twin)] == by_axis
