"""Furniture rules on blocks of text: one row per shape, the kind recorded, content kept."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from newsevents.extract import boilerplate
from newsevents.extract.boilerplate import (
    Block,
    clean_blocks,
    is_prose,
    join_blocks,
    line_furniture,
    strip_editor_tag,
)

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
        ("Tell us what you think", "comments"),
        ("(Reporting by Ana Ruiz; additional reporting by Tom Lee; editing by Kim Park)", "credits"),
        ("Reporters Ana Ruiz and Tom Lee contributed to this report.", "credits"),
        ("Kim Park contributed reporting from Oslo.", "credits"),
        ("With wires", "credits"),
        ("Email Ana Ruiz at ana@courier.example or follow her on Twitter @anaruiz.", "contact"),
        ("Follow the Valley Courier on Facebook, Twitter and Instagram.", "contact"),
        ("ana@courier.example", "contact"),
        ("Thanks for signing up!", "form"),
        ("There was an error processing your subscription.", "form"),
        ("Sorry!", "form"),
        ('[button link="/tips"]Send us your tip[/button]', "markup"),
        ("landscape-tablet-and-above", "markup"),
        (
            "Start your day with the Morning Brief, read by 20,000 people. Sign up for the free newsletter.",
            "newsletter",
        ),
        ("Get the Courier delivered to your door every month: 12 issues for £19.99.", "appeal"),
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
        "Three agencies contributed to the report, which found the bridge unsafe.",
        "Research by the university found that lorries wear the piers out twice as fast.",
        "Editing by hand took the clerks three weeks, the council said.",
        "Follow-up inspections are planned for March.",
        "Thank you, the mayor told the volunteers, for every sandbag you filled.",
        "Yes.",
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


@pytest.mark.parametrize(
    ("text", "before_prose", "kind"),
    [
        ("The bridge had been closed twice this year already. Here is what changes for drivers.", True, "standfirst"),
        ("The bridge had been closed twice this year already. Here is what changes for drivers.", False, None),
    ],
)
def test_a_heading_above_the_first_paragraph_is_a_standfirst(text: str, before_prose: bool, kind: str | None) -> None:
    assert line_furniture(Block(text, "head"), before_prose=before_prose) == kind


@pytest.mark.parametrize(
    "text",
    [
        "November 19, 2026 / 12:21 AM / Updated 14 hours ago",
        "05/10/2026 - Published by: Ana Ruiz - Category: Local",
        "기사입력 :[ 2026-08-25 15:24 ]",
        "https://courier.example/news/bridge-closed-to-lorries",
    ],
)
def test_date_and_address_lines_above_the_first_paragraph_go(text: str) -> None:
    kept, removed = clean_blocks([Block(text), LEDE, BODY])
    assert kept == [LEDE, BODY] and removed[0]["text"] == text


def test_a_linked_teaser_inside_the_article_goes() -> None:
    teaser = Block("CLICK HERE TO GET THE COURIER APP", link_share=1.0)
    blocks = [LEDE, teaser, Block("Also on the Courier: Storm hits the coast again", link_share=0.8), BODY]
    kept, removed = clean_blocks(blocks)
    assert kept == [LEDE, BODY]
    assert [r["kind"] for r in removed] == ["related", "related"]


@pytest.mark.parametrize(
    "block",
    [
        Block("Logitech Mouse, reviewed", "head", link_share=1.0),  # a linked product heading of a review
        Block("https://council.example/bridge-report.pdf", link_share=1.0),  # a source, written out
        Block("See the council's own report on the bridge piers for the details.", link_share=0.5),
    ],
)
def test_links_that_belong_to_the_article_stay(block: Block) -> None:
    kept, _ = clean_blocks([LEDE, block, BODY])
    assert kept == [LEDE, block, BODY]


def test_a_trailing_list_of_linked_headlines_with_teasers_goes() -> None:
    listed = [Block(f"Story {n} headline The teaser of story {n} goes here", "item", link_share=0.4) for n in range(3)]
    kept, removed = clean_blocks([LEDE, BODY, Block("Thanks for reading", "head"), *listed])
    assert kept == [LEDE, BODY]
    assert [r["kind"] for r in removed] == ["related"] * 4


def test_a_short_trailing_list_with_links_stays() -> None:
    listed = [Block(f"Point {n} of the plan", "item", link_share=0.4) for n in range(2)]
    kept, _ = clean_blocks([LEDE, BODY, *listed])
    assert kept == [LEDE, BODY, *listed]


def test_a_tags_label_and_its_list_go() -> None:
    kept, removed = clean_blocks([LEDE, BODY, Block("Tags"), Block("bridges, roads, council, ring road works")])
    assert kept == [LEDE, BODY]
    assert [r["kind"] for r in removed] == ["tags", "tags"]


@pytest.mark.parametrize(
    ("text", "prose"),
    [
        ("東京都は火曜日、新しい防災計画を発表し、沿岸の住民に避難経路の確認を呼びかけた。", True),
        ("防災計画", False),
    ],
)
def test_chinese_and_japanese_paragraphs_count_as_prose(text: str, prose: bool) -> None:
    assert is_prose(Block(text)) is prose


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Furniture is recognised whatever the case, dotted and dotless i and the Kelvin sign included.
        ("SUBSCRİBE TO CONTİNUE", "appeal"),
        ("Log ın to read", "appeal"),
        ("Accept all COOKİES", "cookie"),
        ("Coo\u212aie policy: we use cookies", "cookie"),
        ("Morning Brıefing: sign up", "newsletter"),
        ("AP CONTRİBUTED TO THIS REPORT", "credits"),
        ("FOLLOW HİM @ruiz on Twitter", "contact"),
        ("Reporting by Ana Ruiz; editing by Tom Lee", "credits"),
        ("The council said it would follow the advice of engineers.", None),
    ],
)
def test_case_insensitive_furniture_phrases(text: str, kind: str | None) -> None:
    assert line_furniture(Block(text)) == kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The dam held. [ab/cd]\n", ("The dam held.", "[ab/cd]")),
        ("The dam held. (ab/cd) \u2003", ("The dam held.", "(ab/cd)")),
        ("  [ab/cd]", ("  [ab/cd]", None)),
        ("The dam held (for now)", ("The dam held (for now)", None)),
    ],
)
def test_editor_tag_at_the_end_only(text: str, expected: tuple[str, str | None]) -> None:
    assert strip_editor_tag(text) == expected


# The single patterns these lines were once tested with; the rules now match what opens the line and
# search the rest separately (faster), and must answer as the single patterns did.
_SINGLE_PATTERNS = {
    "credits": re.compile(
        r"^\(?(?i:(?:additional |with )?(?:reporting|writing|editing|compiled|edited)(?: and \w+)? (?:by|from)) [A-Z]|"
        r"(?i:\bcontributed (?:reporting|to this (?:report|story|article))\b|^contributing\s*:|"
        r"^(?:with )?(?:\S+ )?wires?\W*$|^sources?\s*:\s*\S)"
    ),
    "copyright": re.compile(r"^(?:©|\(c\)|copyright\b)|\ball rights reserved\W*$", re.IGNORECASE),
    "contact": re.compile(
        r"^(?:e-?mail|write to|reach|contact|follow|have a (?:news )?tip|tips?\b|send)\b|"
        r"\bfollow (?:us|him|her|them|me)\b|\bmay be reached\b",
        re.IGNORECASE,
    ),
}
_SPLIT_PATTERNS: dict[str, Callable[[str], object]] = {
    "credits": lambda text: boilerplate._CREDITS_START.match(text) or boilerplate._CONTRIBUTED.search(text),
    "copyright": lambda text: boilerplate._COPYRIGHT_START.match(text) or boilerplate._RIGHTS_RESERVED.search(text),
    "contact": lambda text: boilerplate._CONTACT_CALL_START.match(text)
    or boilerplate._CONTACT_CALL_ANYWHERE.search(text),
}
_PATTERN_LINES = [
    "Reporting by Ana Ruiz; editing by Tom Lee",
    "(Additional reporting and writing by Ana Ruiz)",
    "additional reporting by ana ruiz",
    "The mayor said reporting by Ana Ruiz was wrong.",
    "Ana Ruiz contributed reporting from Oslo.",
    "AP CONTRİBUTED TO THIS REPORT",
    "She contributed to this story",
    "uncontributed to this report",
    "Contributing: Tom Lee",
    "With wires",
    "AFP wire",
    "Wires and staff",
    "Sources: ministry of health",
    "The sources: none",
    "© 2026 The Times. All rights reserved.",
    "(c) Valley Courier",
    "Copyright 2026",
    "Copyrighted material",
    "The Times. All Rights Reserved",
    "All rights reserved by the council, it said on Monday.",
    "Email Ana Ruiz at ana@courier.example",
    "e-mail us",
    "Follow us on Twitter",
    "They follow him everywhere.",
    "She may be reached at 555-0100.",
    "Tips? Send them to tips@courier.example",
    "Tipster said the dam held.",
    "Contacting the council took weeks.",
    "\nReporting by Ana Ruiz",
    "",
]


@pytest.mark.parametrize("kind", sorted(_SINGLE_PATTERNS))
@pytest.mark.parametrize("text", _PATTERN_LINES)
def test_split_patterns_answer_as_the_single_patterns(kind: str, text: str) -> None:
    assert bool(_SPLIT_PATTERNS[kind](text)) == bool(_SINGLE_PATTERNS[kind].search(text))


@pytest.mark.parametrize(
    "text",
    ["Accept all cookies", "Manage cookies", "Cookie policy: we use them", "Our consent settings", "Cookies!", ""],
)
def test_cookie_word_is_needed_by_every_cookie_line(text: str) -> None:
    """The cookie rule tests the plain word before the whole pattern: a line the pattern finds without
    the word is not a cookie line either way."""
    by_pattern = bool(boilerplate._COOKIE.search(text) and re.search(r"\bcookies?\b", text, re.IGNORECASE))
    assert bool(boilerplate._COOKIE_WORD.search(text) and boilerplate._COOKIE.search(text)) == by_pattern
