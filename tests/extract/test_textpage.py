"""Pages scraped as plain text: title on the first line, furniture after the body removed."""

from __future__ import annotations

import pytest

from newsevents.extract import ExtractionError, extract_text_page

TITLE = "Ferry service resumes after week-long storm"
BODY = [
    "HARBOURTOWN - The island ferry resumed sailings on Saturday after a storm kept boats in port for a week, "
    "the operator said.",
    '"We had more than 2,000 bookings waiting," operations manager Lena Frost said. "Extra sailings run '
    'until Tuesday."',
    "The coastguard said two fishing boats were damaged at their moorings but nobody was hurt.",
]


def page(*furniture: str, head: tuple[str, ...] = ()) -> str:
    """A scraped page: title, optional header lines, the body paragraphs, then ``furniture`` lines."""
    return "\n\n".join([TITLE, *head, *BODY]) + "\n\n" + "\n".join(furniture) + "\n"


@pytest.mark.parametrize(
    ("furniture", "kinds"),
    [
        (("Share this:", "Twitter", "Facebook", "Like this:", "Like Loading..."), {"share"}),
        (("Related", "Storm closes harbour road", "October 3, 2026", 'In "Local"'), {"related"}),
        (("Check Also", "Bridge repairs finish early"), {"related"}),
        (
            (
                "Leave a Reply Cancel reply",
                "Your email address will not be published. Required fields are marked *",
                "Comment *",
                "Name *",
                "Email *",
                "Website",
                "Post Comment",
            ),
            {"comments"},
        ),
        (("Read more: Storm closes harbour road",), {"related"}),
        (("Photo: Harbour Times/Ola Berg",), {"photo_credit"}),
        (("Popular Posts", "Council approves new bus routes", "Market hall reopens"), {"related"}),
        (
            ("Share this:", "Tweet", "Related", "Storm closes harbour road", "Leave a Reply", "Name *"),
            {"share", "related", "comments"},
        ),
    ],
    ids=["share", "related", "check-also", "comment-form", "read-more", "photo", "popular", "all"],
)
def test_furniture_after_the_body_is_removed(furniture: tuple[str, ...], kinds: set[str]) -> None:
    article = extract_text_page(page(*furniture))
    assert article.title == TITLE
    assert article.text == "\n\n".join(BODY)
    assert {item["kind"] for item in article.removed} == kinds
    assert [item["text"] for item in article.removed] == list(furniture)


def test_editor_initials_at_the_end_of_the_last_paragraph() -> None:
    text = "\n\n".join([TITLE, *BODY[:-1], BODY[-1] + " [lf/kt]"])
    article = extract_text_page(text)
    assert article.text.endswith("nobody was hurt.")
    assert {"kind": "editor_tag", "text": "[lf/kt]"} in article.removed


def test_furniture_between_paragraphs_is_removed() -> None:
    text = "\n\n".join([TITLE, BODY[0], "Read more: Storm closes harbour road", "Photo: Ola Berg", *BODY[1:]])
    article = extract_text_page(text)
    assert article.text == "\n\n".join(BODY)


@pytest.mark.parametrize(
    ("head", "published", "authors"),
    [
        (("By Lena Frost",), None, ["Lena Frost"]),
        (("Posted on October 4, 2026 by Ola Berg",), "2026-10-04", ["Ola Berg"]),
        (("Published 4 October 2026, 09:12",), "2026-10-04T09:12:00", []),
        ((), None, []),
    ],
)
def test_header_lines_give_metadata_and_leave_the_text(
    head: tuple[str, ...], published: str | None, authors: list[str]
) -> None:
    article = extract_text_page(page(head=head))
    assert article.published == published
    assert article.authors == authors
    assert article.text == "\n\n".join(BODY)


def test_title_is_the_first_non_empty_line() -> None:
    article = extract_text_page("\n\n   \n" + page())
    assert article.title == TITLE
    assert article.language == "en"
    assert article.id == ""


def test_url_gives_site_and_date() -> None:
    article = extract_text_page(page(), url="https://www.harbourtimes.example/2026/10/04/ferry/", source="x.txt")
    assert article.site == "harbourtimes.example"
    assert article.published == "2026-10-04"
    assert article.source == "x.txt"


def test_hard_wrapped_paragraphs_are_joined() -> None:
    wrapped = (
        "The island ferry resumed sailings on Saturday after a storm kept\n"
        "boats in port for a week, the operator said on its website.\n"
    )
    article = extract_text_page(f"{TITLE}\n\n{wrapped}")
    assert article.text == (
        "The island ferry resumed sailings on Saturday after a storm kept boats in port for a week, "
        "the operator said on its website."
    )


@pytest.mark.parametrize(
    "text",
    ["", "   \n\n", f"{TITLE}\n\nShare this:\nTwitter\nLeave a Reply\nName *", TITLE],
    ids=["empty", "blank", "furniture-only", "title-only"],
)
def test_no_article_raises(text: str) -> None:
    with pytest.raises(ExtractionError, match="no article text found"):
        extract_text_page(text)
