"""Caps that keep extraction bounded on hostile pages, and the cleaning of characters no article needs.

* DOM depth: lxml's HTML parser stops descending at 255 levels and silently drops what lies deeper;
  a page nested deeper than ``max_dom_depth`` is refused with that reason instead of yielding a
  truncated or empty article (and nothing recursive ever walks an unbounded tree).
* Article length: the parser and NER need memory in proportion to the text (about 350 MB and 10 s
  per 100,000 characters with the small English model); a longer "article" is refused.
  A page whose text (article and furniture together) is over ``PAGE_TEXT_FACTOR`` times that cap is
  refused before the article is looked for: finding the body of a 19 MB page takes trafilatura and
  our furniture rules about a minute, and no news page carries ten articles' worth of furniture.
* Characters: NUL and other C0 controls (lxml rejects them), zero-width spaces and soft hyphens
  (they split words, so "Nai\u200brobi" is not found) and bidi embedding/override controls (they
  reorder what a reader of the evidence sees: "Trojan source") are removed before parsing, and so
  are the character references that would give them after it ("&#x202e;", "&shy;"). Zero-width
  joiners and directional marks stay: scripts need them and they cannot reorder text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml.html import HtmlElement

from newsevents.extract.errors import ExtractionError

DEFAULT_MAX_DOM_DEPTH = 200
DEFAULT_MAX_ARTICLE_CHARS = 100_000
PAGE_TEXT_FACTOR = 10

_UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00ad\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069]")


# A numeric character reference (decimal or hex, its semicolon optional as parsers take it), or a named one
# of an unwanted character (the bidi controls have no names).
_REFERENCE = re.compile(r"&(?:#[xX]([0-9a-fA-F]{1,8})|#([0-9]{1,10})|(shy|ZeroWidthSpace|NoBreak));?")


def _without_unwanted_reference(match: re.Match[str]) -> str:
    hex_code, decimal, _ = match.groups()
    if hex_code is None and decimal is None:
        return ""  # a named reference of an unwanted character
    code = int(hex_code, 16) if hex_code is not None else int(decimal)
    return "" if code < 0x110000 and _UNWANTED.match(chr(code)) else match.group(0)


def remove_unwanted_characters(text: str) -> str:
    """``text`` without control, zero-width and bidi-override characters (see the module docstring)."""
    return _UNWANTED.sub("", text)


def remove_unwanted_markup_characters(html: str) -> str:
    """``remove_unwanted_characters`` for markup: also the character references that would give them."""
    text = _UNWANTED.sub("", html)
    return _REFERENCE.sub(_without_unwanted_reference, text) if "&" in text else text


def nests_deeper_than(root: HtmlElement, limit: int) -> bool:
    """Whether some element of ``root``'s document lies more than ``limit`` levels deep.

    One XPath step per level, evaluated by libxml2: several times faster than walking the tree in Python.
    """
    return bool(root.xpath("/" + "/".join(["*"] * (limit + 1))))


def check_dom_depth(root: HtmlElement, limit: int = DEFAULT_MAX_DOM_DEPTH) -> None:
    """Raise ``ExtractionError`` when the page nests elements more than ``limit`` levels deep."""
    if nests_deeper_than(root, limit):
        raise ExtractionError(
            f"the page nests elements more than {limit:,} levels deep (max_dom_depth); "
            "no news page does, and the parser would drop what lies deeper"
        )


def check_article_length(text: str, limit: int = DEFAULT_MAX_ARTICLE_CHARS) -> None:
    """Raise ``ExtractionError`` when the article text is longer than ``limit`` characters."""
    if len(text) > limit:
        raise ExtractionError(
            f"the article text is {len(text):,} characters, over the limit of {limit:,} (max_article_chars); "
            "raise the setting to analyse it (the language model needs about 350 MB per 100,000 characters)"
        )


def check_page_text_length(
    page: HtmlElement | str, max_article_chars: int = DEFAULT_MAX_ARTICLE_CHARS, *, source_chars: int | None = None
) -> None:
    """Raise ``ExtractionError`` when the text of ``page`` (a tree or a text page) is over
    ``PAGE_TEXT_FACTOR`` times ``max_article_chars``.

    ``source_chars``: the length of the markup the tree was parsed from, when known. A page's text is
    never longer than its markup (an entity is shorter written out than read), so a page whose markup
    is within the limit passes without walking the tree."""
    limit = PAGE_TEXT_FACTOR * max_article_chars
    if source_chars is not None and source_chars <= limit:
        return
    total = 0
    for piece in [page] if isinstance(page, str) else _visible_text(page):
        total += len(piece)
        if total > limit:
            raise ExtractionError(
                f"the page holds more than {limit:,} characters of text ({PAGE_TEXT_FACTOR} times "
                "max_article_chars); no news page does, and looking for its article would take minutes"
            )


_INVISIBLE = frozenset(["script", "style", "noscript", "template"])


def _visible_text(root: HtmlElement) -> Iterator[str]:
    """The text pieces of the page a reader could see (scripts and styles left out), in document order."""
    for element in root.iter():
        if element.text and element.tag not in _INVISIBLE:
            yield element.text
        if element.tail:
            yield element.tail
