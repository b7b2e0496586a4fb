"""Where the extracted blocks sit on the page: their links, their containers, the paragraphs missed.

trafilatura returns the body as text blocks without the page's markup. :class:`PageMap` indexes the
page's paragraph-like elements by their text once, so each block can be looked up again to learn

* how much of it lies inside links (a headline teaser is nearly all link, a paragraph is not);
* which container element holds the article's paragraphs, so that a body the page splits into
  several twin containers (one per screenful, with advertisements between them) is read whole, and
  quotations embedded in it (posts on social networks) are not lost.
"""

from __future__ import annotations

from collections import Counter

from lxml import etree
from lxml.html import HtmlElement

from newsevents.extract.boilerplate import Block, is_prose, word_count

# Elements whose text may come back from trafilatura as one block.
_INDEXED_TAGS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "td", "th", "blockquote", "div")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_LEAF_BLOCK_TAGS = frozenset(
    ("p", *_HEADINGS, "li", "blockquote", "pre", "td", "th", "dd", "dt", "figcaption", "div", "section")
)
_SKIPPED_TAGS = frozenset(
    ["script", "style", "noscript", "template", "nav", "footer", "header", "aside", "form", "select", "button", "svg"]
)
_MIN_LINK_WORDS = 2
# Longer texts are whole containers, never one block: not worth indexing.
_MAX_INDEXED_CHARS = 5000
# A twin container joins the article when it holds this many paragraphs the extraction lacks.
_MIN_TWIN_PARAGRAPHS = 2
# ... and when it shares an ancestor this close with the container the article was found in.
_MAX_TWIN_DISTANCE = 3
# An embedded quotation this long is content (shorter: a label, a caption).
_MIN_QUOTE_WORDS = 4
# Whether a text was extracted already is judged on its first characters (the rest may differ in spacing).
_KEY_PREFIX = 60


def _text_content(element: HtmlElement) -> str:
    """The text of ``element`` and its descendants, as ``element.text_content()`` gives it.

    libxml2 collects the same text nodes either way, but ``text_content`` runs an XPath query per
    call: serialising as text is a third cheaper, over the thousands of elements of a page.
    """
    return etree.tostring(element, method="text", encoding="unicode", with_tail=False)


def text_key(text: str) -> str:
    """``text`` lower-cased with all whitespace gone: a line break in one copy and none in another match."""
    return "".join(text.split()).lower()


def block_kind(tag: str) -> str:
    """The block kind of an HTML element: ``head`` for h1-h6, ``item`` for li, else ``p``."""
    if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
        return "head"
    return "item" if tag == "li" else "p"


def leaf_blocks(root: HtmlElement) -> list[tuple[Block, HtmlElement]]:
    """Every leaf text block under ``root`` outside navigation, forms and scripts, in document order."""
    found: list[tuple[Block, HtmlElement]] = []

    def walk(element: HtmlElement) -> None:
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if not tag or tag in _SKIPPED_TAGS:
                continue
            if tag in _LEAF_BLOCK_TAGS and not any(
                isinstance(d.tag, str) and d.tag in _LEAF_BLOCK_TAGS for d in child.iterdescendants()
            ):
                text = " ".join(child.text_content().split())
                if text:
                    found.append((Block(text, block_kind(tag)), child))
            else:
                walk(child)

    walk(root)
    return found


class PageMap:
    """The page's paragraph-like elements indexed by their text: where a block sits, how much of it is link."""

    def __init__(self, tree: HtmlElement) -> None:
        self.tree = tree
        self.elements: dict[str, HtmlElement] = {}  # the innermost (or last) element with that text
        self.link_texts: set[str] = set()  # texts of links of two words or more
        # Walked backwards, each element comes after all its descendants: the last element with a
        # text is the first met (hence setdefault), and an element over the size cap marks all its
        # ancestors, whose texts contain its own, so theirs are never built. Walked forwards, nested
        # containers each built the same long text again (a twentieth of this index's time on the
        # benchmark pages; on a page nesting its body a hundred levels deep, a hundred copies).
        too_long: set[HtmlElement] = set()
        # A wrapper has the same text as what it wraps: its key is looked up instead of built again
        # (half the texts of the benchmark pages are such repeats).
        keys: dict[str, str] = {}
        for element in reversed(list(tree.iter(*_INDEXED_TAGS))):
            if element in too_long:
                continue
            text = _text_content(element)
            if len(text) > _MAX_INDEXED_CHARS:
                for ancestor in element.iterancestors():
                    if ancestor in too_long:
                        break  # and so are all the ones above it
                    too_long.add(ancestor)
                continue
            key = keys.get(text)
            if key is None:
                key = keys[text] = text_key(text)
            if key:
                self.elements.setdefault(key, element)
        for anchor in tree.iter("a"):
            words = _text_content(anchor).split()
            if len(words) >= _MIN_LINK_WORDS:
                self.link_texts.add("".join(words).lower())

    def link_share(self, text: str) -> float:
        """The share of ``text`` inside links where the page shows it (0 when it is not found)."""
        key = text_key(text)
        if key in self.link_texts:
            return 1.0
        element = self.elements.get(key)
        if element is None or not key:
            return 0.0
        linked = sum(len(text_key(anchor.text_content())) for anchor in element.iter("a"))
        return min(1.0, linked / len(key))

    def annotate(self, blocks: list[Block]) -> None:
        """Set each block's link share (and ``link`` when it is all link) from the page's markup."""
        for block in blocks:
            block.link_share = self.link_share(block.text)
            block.link = block.link_share >= 1.0

    def with_missed_parts(self, blocks: list[Block]) -> list[Block]:
        """``blocks`` with the parts of the article an extractor tends to miss inserted in page order.

        The article's container is the element holding most of its paragraphs. Two kinds of parts are
        added, when none of their text was extracted already:

        * the paragraphs of the container's later twins: some pages split one body into several
          containers of the same tag and class with advertisements between them. A twin counts only
          when it follows the container, sits near it (a close common ancestor, the same ``<article>``)
          and holds paragraphs, so a key-points box above the story or the next story is not read;
        * quotations embedded in the container (``<blockquote>``: a post on a social network, quoted
          with its author and date), which readers of the story see as part of it.
        """
        located = [(block, self.elements.get(text_key(block.text))) for block in blocks]
        container = _main_container(located)
        if container is None:
            return blocks
        taken = text_key(" ".join(block.text for block in blocks))
        additions: list[tuple[HtmlElement, list[Block]]] = []
        if container.get("class"):
            additions += [
                (twin, new)
                for twin in _later_twins(container)
                if _near(container, twin) and (new := _new_paragraphs(twin, taken))
            ]
        for quote in container.iter("blockquote"):
            text = _lines(quote)
            if word_count(text) >= _MIN_QUOTE_WORDS and text_key(text)[:_KEY_PREFIX] not in taken:
                additions.append((quote, [Block(text, "quote")]))
        if not additions:
            return blocks
        position = {element: index for index, element in enumerate(self.tree.iter())}
        merged: list[tuple[int, int, Block]] = []
        last = -1
        for order, (block, element) in enumerate(located):
            last = position.get(element, last) if element is not None else last
            merged.append((last, order, block))
        for element, new in additions:
            start = position[element]
            merged.extend((start, len(merged) + offset, block) for offset, block in enumerate(new))
        merged.sort(key=lambda entry: (entry[0], entry[1]))
        return [block for _, _, block in merged]


def _main_container(located: list[tuple[Block, HtmlElement | None]]) -> HtmlElement | None:
    """The element that directly holds most characters of the article's paragraphs, if any."""
    weights: Counter[HtmlElement] = Counter()
    for block, element in located:
        parent = element.getparent() if element is not None else None
        if parent is not None and block.kind == "p" and is_prose(block):
            weights[parent] += len(block.text)
    return weights.most_common(1)[0][0] if weights else None


def _lines(element: HtmlElement) -> str:
    """The text of ``element`` with a line break for each ``<br>`` and between paragraph-like children."""
    pieces: list[str] = []

    def walk(node: HtmlElement) -> None:
        if not isinstance(node.tag, str):
            return
        if node.tag == "br" or node.tag in _LEAF_BLOCK_TAGS:
            pieces.append("\n")
        pieces.append(node.text or "")
        for child in node:
            walk(child)
            if child.tag in _LEAF_BLOCK_TAGS:
                pieces.append("\n")  # the text after a paragraph starts a new line
            pieces.append(child.tail or "")

    walk(element)
    lines = (" ".join(line.split()) for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)


def _later_twins(container: HtmlElement) -> list[HtmlElement]:
    """The elements after ``container`` (not inside it) with its tag and class that could be ``_near`` it.

    A near twin lies under one of the container's closest ancestors, so only the subtree of the highest
    of them is searched, in document order: the ``following`` axis walked the whole rest of the page.
    """
    tag, cls = container.tag, container.get("class")
    close = list(container.iterancestors())[:_MAX_TWIN_DISTANCE]
    same = close[-1].xpath("descendant::*[name()=$tag and @class=$cls]", tag=tag, cls=cls) if close else []
    start = next((index for index, element in enumerate(same) if element is container), None)
    if start is None:  # the container does not match its own tag and class: the query as it was
        return container.xpath("following::*[name()=$tag and @class=$cls]", tag=tag, cls=cls)
    # Its own descendants come right after the container in document order; they are not twins.
    return [element for element in same[start + 1 :] if not any(a is container for a in element.iterancestors())]


def _near(container: HtmlElement, twin: HtmlElement) -> bool:
    """Whether ``twin`` shares a close ancestor and the same ``<article>`` with ``container``."""
    ancestors = list(container.iterancestors())
    twin_ancestors = set(twin.iterancestors())
    close = ancestors[:_MAX_TWIN_DISTANCE]
    if not any(ancestor in twin_ancestors for ancestor in close):
        return False
    article = next((a for a in ancestors if a.tag == "article"), None)
    return article is None or article in twin_ancestors


def _new_paragraphs(twin: HtmlElement, taken: str) -> list[Block]:
    """The blocks of ``twin`` when it holds paragraphs and none of its text was extracted already."""
    blocks = [block for block, _ in leaf_blocks(twin)]
    if any(text_key(block.text)[:_KEY_PREFIX] in taken for block in blocks):
        return []
    return blocks if sum(1 for block in blocks if is_prose(block)) >= _MIN_TWIN_PARAGRAPHS else []
