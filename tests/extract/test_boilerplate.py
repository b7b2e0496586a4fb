"""Furniture rules on blocks of text: one row per shape, the kind recorded, content kept."""

from __future__ import annotations

import pytest

from newsevents.extract.boilerplate import Block, clean_blocks, join_blocks, line_furniture, strip_editor_tag

LEDE = Block(
    "The council voted on Monday to close the old bridge to lorries after engineers found cracks in two of its piers."
)
BODY = Block(
    "Drivers of heavy vehicles will have to use the ring road, adding about twenty minutes to the journey, "
    "officials said."
)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Share this:", "share"),
        ("Tweet", "share"),
        ("Facebook Twitter WhatsApp Email", "share"),
        ("Click to share on Telegram (Opens in new window)", "share"),
        ("Like this:", "share"),
        ("Like Loading...", "share"),
        ("Print this story | Email to a friend | Comments (0)", "share"),
        ("Advertisement", "advert"),
        ("Photo: Ana Ruiz/Courier", "photo_credit"),
        ("(Photo by Tom Lee/AFP via Getty Images)", "photo_credit"),
        ("Workers repair the bridge on Monday. Photo: Ana Ruiz", "photo_credit"),
        ("Tags: bridges, roads, council", "tags"),
        ("#Bridges #Roads", "tags"),
        ("Sign up for our daily newsletter", "newsletter"),
        ("Subscribe now", "newsletter"),
        ("We use cookies to give you the best experience. Accept cookies?", "cookie"),
        ("Become a member and support independent journalism.", "appeal"),
        ("By Ana Ruiz", "byline"),
        ("Posted on October 11, 2026 by admin", "byline"),
        ("October 11, 2026", "byline"),
        ("Read more: Storm hits the coast", "related"),
        ("Continue reading", "related"),
        ("Home » News » Local", "navigation"),
        ("ab/cd (AFP, Reuters)", "editor_tag"),
        ("■", "empty"),
        ("Your email address will not be published. Required fields are marked *", "comments"),
    ],
)
def test_line_furniture(text: str, kind: str) -> None:
    assert line_furniture(Block(text)) == kind


@pytest.mark.parametrize(
    "text",
    [
        LEDE.text,
        "“We will not back down,” she said.",
        "Sign up for a free account was the only option offered to the 3,000 users affected by the outage.",
        "What happens next",
        "Police said the photo had been taken on Monday near the station and later shared thousands of times.",
    ],
)
def test_content_is_not_furniture(text: str) -> None:
    assert line_furniture(Block(text)) is None


@pytest.mark.parametrize(
    ("tail", "kinds"),
    [
        (["Check Also", "Storm hits the coast", "Bridge fund approved"], {"related"}),
        (["Related Posts", "Storm hits the coast", "October 10, 2026", 'In "Local"'], {"related"}),
        (["Popular Posts", "Storm hits the coast…", "Ring road works start"], {"related"}),
        (["Leave a Reply", "Name *", "Email *", "Website", "Post Comment"], {"comments"}),
        (["3 Comments", "Great piece, thanks.", "I drive that road every day and this is long overdue."], {"comments"}),
        (
            [
                "Check Also",
                "Storm hits the coast",
                "A short teaser sentence about the storm.",
                "Leave a Reply Cancel reply",
                "Comment *",
            ],
            {"related", "comments"},
        ),
    ],
)
def test_trailing_sections_go(tail: list[str], kinds: set[str]) -> None:
    kept, removed = clean_blocks([LEDE, BODY, *(Block(t) for t in tail)])
    assert kept == [LEDE, BODY]
    assert {item["kind"] for item in removed} == kinds
    assert [item["text"] for item in removed] == tail


def test_inline_related_box_goes_and_article_continues() -> None:
    blocks = [LEDE, Block("Related"), Block("Storm hits the coast", link=True), BODY]
    kept, removed = clean_blocks(blocks)
    assert kept == [LEDE, BODY]
    assert [r["kind"] for r in removed] == ["related", "related"]


def test_subheading_that_looks_like_a_box_heading_stays_when_prose_follows() -> None:
    blocks = [LEDE, Block("More on the bridge", "head"), BODY]
    kept, _ = clean_blocks(blocks)
    assert kept == blocks


def test_trailing_whole_link_lines_go() -> None:
    kept, removed = clean_blocks([LEDE, BODY, Block("Storm hits the coast again", link=True)])
    assert kept == [LEDE, BODY]
    assert removed == [{"kind": "related", "text": "Storm hits the coast again"}]


def test_title_repeated_at_the_top_goes() -> None:
    kept, removed = clean_blocks([Block("Bridge closed to lorries", "head"), LEDE], title="Bridge closed to lorries")
    assert kept == [LEDE]
    assert removed == [{"kind": "title", "text": "Bridge closed to lorries"}]


@pytest.mark.parametrize(
    ("text", "expected", "tag"),
    [
        ("The bridge reopens in May. [ab/cd]", "The bridge reopens in May.", "[ab/cd]"),
        ("The bridge reopens in May. (AB/CD)", "The bridge reopens in May.", "(AB/CD)"),
        ("The bridge reopens in May.", "The bridge reopens in May.", None),
        ("Ratio was [1/2] of the total.", "Ratio was [1/2] of the total.", None),
    ],
)
def test_strip_editor_tag(text: str, expected: str, tag: str | None) -> None:
    assert strip_editor_tag(text) == (expected, tag)


def test_join_blocks_separates_paragraphs_and_keeps_lists_tight() -> None:
    blocks = [LEDE, Block("one", "item"), Block("two", "item"), BODY]
    assert join_blocks(blocks) == f"{LEDE.text}\n\none\ntwo\n\n{BODY.text}"
