"""Turn trafilatura's extracted body (its small XML vocabulary) into paragraph blocks."""

from __future__ import annotations

import re

from lxml.etree import _Element

from newsevents.extract.boilerplate import Block

# Runs of spaces, each collapsed to one " ". A lone " " (one between every two words) matches neither
# branch: it is left as it is instead of being replaced by itself, the same text in a third less time.
_SPACES = re.compile(
    r"[ \t\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]"
)
# Invisible characters that only break words apart: soft hyphen, zero-width space, word joiner, BOM.
_INVISIBLE = re.compile(r"[\u00ad\u200b\u2060\ufeff]")
_BLOCK_TAGS = {"p", "list", "head", "quote", "table"}
_CONTAINERS = {"div", "body", "section", "article", "main"}


def _pieces(element: _Element) -> list[tuple[str, bool]]:
    """Text pieces of ``element`` in order, each flagged when it lies inside a link (``<ref>``)."""
    pieces: list[tuple[str, bool]] = []

    def walk(node: _Element, in_link: bool) -> None:
        in_link = in_link or node.tag == "ref"
        if node.tag == "lb":
            pieces.append(("\n", False))
            return
        if node.text:
            pieces.append((node.text, in_link))
        for child in node:
            walk(child, in_link)
            if child.tag in _BLOCK_TAGS and child.tag != "lb":
                pieces.append((" ", False))  # a nested heading or paragraph is its own phrase
            if child.tail:
                pieces.append((child.tail, in_link))

    walk(element, False)
    return pieces


def _without_invisible(text: str) -> str:
    """``text`` without the characters of ``_INVISIBLE``; the regex runs only when one is there.

    A few ``in`` tests cost a fraction of a regex pass that nearly always finds nothing.
    """
    if "\u00ad" in text or "\u200b" in text or "\u2060" in text or "\ufeff" in text:
        return _INVISIBLE.sub("", text)
    return text


def _clean_text(pieces: list[tuple[str, bool]]) -> tuple[str, int]:
    """(text with spaces collapsed and one line per ``<lb/>``, number of its characters inside links)."""
    joined = _without_invisible("".join([text for text, _ in pieces]))
    # ``_SPACES`` never matches a line break: one pass over the whole text collapses the spaces of
    # every line as a pass per line would.
    lines = [line.strip() for line in _SPACES.sub(" ", joined).split("\n")]
    text = "\n".join([line for line in lines if line])
    linked = sum(len(_SPACES.sub(" ", _without_invisible(piece)).strip()) for piece, in_link in pieces if in_link)
    return text, min(linked, len(text))


def _element_text(element: _Element) -> str:
    """Text of ``element`` and its descendants, ``<lb/>`` as a line break, spaces collapsed."""
    return _clean_text(_pieces(element))[0]


def _block(pieces: list[tuple[str, bool]], kind: str) -> Block | None:
    """A block of ``kind`` from text pieces, with the share of its characters inside links."""
    text, linked = _clean_text(pieces)
    if not text:
        return None
    return Block(text, kind, link_share=linked / len(text))


def _cells(table: _Element) -> list[_Element]:
    """The cells of ``table`` itself, row by row (not those of tables nested in them)."""
    return [cell for row in table.iterchildren("row") for cell in row.iterchildren("cell")]


def _is_layout_table(table: _Element) -> bool:
    """Whether a table only lays the page out: its cells hold paragraphs and headings, not data."""
    return any(child.tag in _BLOCK_TAGS for cell in _cells(table) for child in cell)


def body_blocks(body: _Element) -> list[Block]:
    """The blocks of a trafilatura body: paragraphs, headings, list items, quotes, table rows."""
    blocks: list[Block] = []

    def add(element: _Element, kind: str) -> None:
        block = _block(_pieces(element), kind)
        if block is not None:
            blocks.append(block)

    def flush(pieces: list[tuple[str, bool]], kind: str) -> None:
        block = _block(pieces, kind)
        if block is not None:
            blocks.append(block)

    def visit(element: _Element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "list":
            for item in element.iterchildren("item"):
                nested = [child for child in item if child.tag == "list"]
                if nested:
                    lead = item.text.strip() if item.text else ""
                    if lead:
                        blocks.append(Block(_SPACES.sub(" ", lead), "item"))
                    for child in nested:
                        visit(child)
                else:
                    add(item, "item")
        elif tag == "table" and _is_layout_table(element):
            for cell in _cells(element):
                visit_container(cell, "p")
        elif tag == "table":
            for row in element.iter("row"):
                cells = [_element_text(cell) for cell in row.iterchildren("cell")]
                text = " | ".join(cell for cell in cells if cell)
                if text:
                    blocks.append(Block(text, "row"))
        elif tag == "head":
            add(element, "head")
        elif tag == "quote":
            add(element, "quote")
        elif tag in _CONTAINERS or any(child.tag in _BLOCK_TAGS for child in element):
            visit_container(element, "p")
        elif tag in {"graphic"}:
            return
        else:
            add(element, "p")

    def visit_container(element: _Element, kind: str) -> None:
        """Block children each make their own blocks; loose text between them makes its own too."""
        loose: list[tuple[str, bool]] = [(element.text or "", False)]
        for child in element:
            if child.tag in _BLOCK_TAGS:
                flush(loose, kind)
                visit(child)
                loose = [(child.tail or "", False)]
            else:
                loose.extend(_pieces(child) if child.tag != "lb" else [("\n", False)])
                loose.append((child.tail or "", False))
        flush(loose, kind)

    visit(body)
    return blocks
