"""Extract the article from a page scraped as plain text: title first, then body, then furniture."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from newsevents.extract.boilerplate import Block, clean_blocks, is_prose, join_blocks
from newsevents.extract.dates import date_from_url, find_date_in_text
from newsevents.extract.errors import ExtractionError
from newsevents.extract.limits import (
    DEFAULT_MAX_ARTICLE_CHARS,
    check_article_length,
    check_page_text_length,
    remove_unwanted_characters,
)
from newsevents.extract.metadata import clean_author_names
from newsevents.language import guess_language
from newsevents.model import Article

_WRAPPED_LINE_CHARS = 50  # lines this long inside one paragraph are a hard-wrapped paragraph
_HEADER_BLOCKS = 6  # bylines and dates sit in the first few lines under the title
_BY = re.compile(r"(?:^|\s)by\s+(.+)$", re.IGNORECASE)


def text_blocks(text: str) -> list[Block]:
    """Blocks of a plain-text page: one per line, or per paragraph when lines are hard-wrapped."""
    blocks: list[Block] = []
    for paragraph in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [" ".join(line.split()) for line in paragraph.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        wrapped = len(lines) > 1 and all(len(line) >= _WRAPPED_LINE_CHARS for line in lines[:-1])
        if wrapped and not any(line.startswith(("- ", "* ", "• ")) for line in lines):
            blocks.append(Block(" ".join(lines), "p"))
        else:
            blocks.extend(Block(line, "line") for line in lines)
    return blocks


def header_metadata(blocks: list[Block]) -> tuple[str | None, list[str]]:
    """(published date, authors) read from byline and date lines at the top of the body."""
    published: str | None = None
    authors: list[str] = []
    for block in blocks[:_HEADER_BLOCKS]:
        if is_prose(block) and len(block.text.split()) > 15:
            break
        if published is None:
            published = find_date_in_text(block.text)
        by = _BY.search(block.text)
        if not authors and by and len(block.text.split()) <= 15:
            authors = clean_author_names(by.group(1))
    return published, authors


def extract_text_page(
    text: str, *, url: str | None = None, source: str | None = None, max_article_chars: int = DEFAULT_MAX_ARTICLE_CHARS
) -> Article:
    """A page scraped as plain text: first line is the title, clutter removed.

    Raises :class:`ExtractionError` when no article text remains, or more than ``max_article_chars``.
    """
    check_page_text_length(text or "", max_article_chars)
    blocks = text_blocks(remove_unwanted_characters(text or ""))
    if not blocks:
        raise ExtractionError(f"no article text found (the text page is empty){f': {source}' if source else ''}")
    title = blocks[0].text
    body = blocks[1:]
    published, authors = header_metadata(body)
    kept, removed = clean_blocks(body, title=title, authors=authors)
    if not any(is_prose(b) for b in kept):
        raise ExtractionError(f"no article text found (page is boilerplate only){f': {source}' if source else ''}")
    article_text = join_blocks(kept)
    check_article_length(article_text, max_article_chars)
    host = (urlsplit(url).hostname or "").removeprefix("www.") if url else ""
    return Article(
        id="",
        text=article_text,
        title=title,
        url=url,
        site=host or None,
        authors=authors,
        published=published or date_from_url(url),
        language=guess_language(article_text),
        removed=removed,
        source=source,
    )
