"""Extract the article from an HTML page: decode once, parse once, metadata and body from one tree."""

from __future__ import annotations

import re

import lxml.html
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction

from newsevents.extract.blocks import body_blocks
from newsevents.extract.boilerplate import Block, clean_blocks, is_prose, join_blocks
from newsevents.extract.encoding import decode_html
from newsevents.extract.errors import ExtractionError
from newsevents.extract.limits import (
    DEFAULT_MAX_ARTICLE_CHARS,
    DEFAULT_MAX_DOM_DEPTH,
    check_article_length,
    check_dom_depth,
    check_page_text_length,
    remove_unwanted_markup_characters,
)
from newsevents.extract.metadata import find_date_in_page, read_metadata
from newsevents.extract.pagemap import PageMap, leaf_blocks
from newsevents.language import guess_language
from newsevents.model import Article

_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False, default_doctype=False)
# lxml.html picks each element's class in Python (forms and inputs get their own), once for every element
# object made from the tree; nothing here uses the form classes, and lxml's own default lookup with the
# HTML element classes cut extraction time by a tenth on the benchmark pages (same articles extracted).
_PARSER.set_element_class_lookup(
    lxml.etree.ElementDefaultClassLookup(
        element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
    )
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def parse_html(html: bytes | str, *, http_charset: str | None = None) -> HtmlElement:
    """The lxml tree of a page given as bytes (decoded by :func:`decode_html`) or text."""
    return _parse_html(html, http_charset=http_charset)[0]


def _parse_html(html: bytes | str, *, http_charset: str | None = None) -> tuple[HtmlElement, int]:
    """As ``parse_html``, with the number of characters of markup parsed."""
    text = decode_html(html, http_charset=http_charset)[0] if isinstance(html, bytes) else html
    text = _XML_DECLARATION.sub("", remove_unwanted_markup_characters(text), count=1)
    if not text.strip():
        raise ExtractionError("no article text found (the page is empty)")
    try:
        tree = lxml.html.document_fromstring(text, parser=_PARSER)
    except (ValueError, lxml.etree.ParserError) as exc:
        raise ExtractionError(f"no article text found (the page is not readable HTML: {exc})") from exc
    if tree is None:
        raise ExtractionError("no article text found (the page is not readable HTML)")
    return tree, len(text)


def article_body(tree: HtmlElement, *, url: str | None = None, favor_precision: bool = False) -> list[Block]:
    """The body blocks trafilatura finds in ``tree`` (which it copies, leaving ours untouched).

    By default trafilatura runs in its fast recall mode: our furniture rules then take out what
    recall lets in, which scores better on the benchmark and runs faster than its precision mode.
    """
    import trafilatura

    document = trafilatura.bare_extraction(
        tree,
        url=url,
        fast=not favor_precision,
        favor_recall=not favor_precision,
        favor_precision=favor_precision,
        include_comments=False,
        include_tables=True,
        with_metadata=False,
        # Only the body tree is read here: in its "python" format trafilatura also renders the body
        # as plain text (xmltotxt, 0.02 s for the 181 benchmark pages) that nothing reads.
        output_format="xml",
    )
    if document is None or document.body is None:
        return []
    return body_blocks(document.body)


def page_blocks(tree: HtmlElement) -> list[Block]:
    """Every leaf text block of the page outside navigation, forms and scripts, in document order.

    Used when trafilatura finds nothing, or falls back to one undivided blob of page text: our
    furniture rules need the page's own paragraph structure to tell the article from the boxes.
    """
    body = tree.find(".//body")
    return [block for block, _ in leaf_blocks(body if body is not None else tree)]


def _has_article(blocks: list[Block], title: str | None, authors: list[str]) -> bool:
    """Whether any article paragraph remains in ``blocks`` once furniture is taken out."""
    kept, _ = clean_blocks(blocks, title=title, authors=authors)
    return any(is_prose(b) for b in kept)


def extract_html(
    html: bytes | str,
    *,
    url: str | None = None,
    source: str | None = None,
    http_charset: str | None = None,
    favor_precision: bool = False,
    search_page_for_date: bool = True,
    max_dom_depth: int = DEFAULT_MAX_DOM_DEPTH,
    max_article_chars: int = DEFAULT_MAX_ARTICLE_CHARS,
) -> Article:
    """The article in an HTML page: body text, title, date, authors, site, language.

    ``http_charset`` is the charset of the HTTP Content-Type header, if known; ``favor_precision``
    runs trafilatura in its precision mode instead of fast recall; ``search_page_for_date`` lets
    htmldate search the whole page when the metadata carry no date (slower). Raises
    :class:`ExtractionError` when the page holds no article text, nests elements deeper than
    ``max_dom_depth`` or yields a text longer than ``max_article_chars``.
    """
    tree, source_chars = _parse_html(html, http_charset=http_charset)
    check_dom_depth(tree, max_dom_depth)
    check_page_text_length(tree, max_article_chars, source_chars=source_chars)
    meta = read_metadata(tree, url=url)
    page = PageMap(tree)
    blocks = article_body(tree, url=meta.url, favor_precision=favor_precision)
    found_any = bool(blocks)
    if not blocks:
        blocks = page_blocks(tree)  # trafilatura found nothing: our own block walk, cleaned below
    elif len(blocks) == 1 and not _has_article(page_blocks(tree), meta.title, meta.authors):
        # trafilatura's fallback glued the page into one blob; the page's own blocks show it is furniture
        blocks = []
    if found_any:
        blocks = page.with_missed_parts(blocks)
    page.annotate(blocks)
    kept, removed = clean_blocks(blocks, title=meta.title, authors=meta.authors)
    if not any(is_prose(b) for b in kept):
        reason = "page is boilerplate only" if found_any or blocks else "no main content found"
        raise ExtractionError(f"no article text found ({reason}){f': {source}' if source else ''}")
    text = join_blocks(kept)
    check_article_length(text, max_article_chars)
    published = meta.published
    if published is None and search_page_for_date:
        published = find_date_in_page(tree, meta.url)
    return Article(
        id="",
        text=text,
        title=meta.title,
        url=meta.url,
        site=meta.site,
        authors=meta.authors,
        published=published,
        language=meta.language or guess_language(text),
        removed=removed,
        source=source,
    )
