"""Turn trafilatura's extracted body (its small XML vocabulary) into paragraph blocks."""

from __future__ import annotations

import re

from lxml.etree import _Element

from newsevents.extract.boilerplate import Block

_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Invisible characters that only break words apart: soft hyphen, zero-width space, word joiner, BOM.
_INVISIBLE = re.compile(r"[\u00ad\u200b\u2060\ufeff]")
_BLOCK_TAGS = {"p", "list", "head", "quote", "table"}
_CONTAINERS = {"div", "body", "section", "article", "main"}


def _element_text(element: _Element) -> str:
    """Text of ``element`` and its descendants, ``<lb/>`` as a line break, spaces collapsed."""
    pieces: list[str] = []

    def walk(node: _Element) -> None:
        if node.tag == "lb":
            pieces.append("\n")
        elif node.text:
            pieces.append(node.text)
        if node.tag != "lb":
            for child in node:
                walk(child)
                if child.tail:
                    pieces.append(child.tail)

    walk(element)
    joined = _INVISIBLE.sub("", "".join(pieces))
    lines = (_SPACES.sub(" ", line).strip() for line in joined.split("\n"))
    return "\n".join(line for line in lines if line)


def body_blocks(body: _Element) -> list[Block]:
    """The blocks of a trafilatura body: paragraphs, headings, list items, quotes, table rows."""
    blocks: list[Block] = []

    def add(element: _Element, kind: str) -> None:
        text = _element_text(element)
        if text:
            blocks.append(Block(text, kind))

    def flush(pieces: list[str], kind: str) -> None:
        text = "\n".join(
            line
            for line in (_SPACES.sub(" ", part).strip() for part in _INVISIBLE.sub("", "".join(pieces)).split("\n"))
            if line
        )
        if text:
            blocks.append(Block(text, kind))

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
            # Block children each make their own blocks; loose text between them makes its own too.
            kind = "quote" if tag == "quote" else "p"
            loose: list[str] = [element.text or ""]
            for child in element:
                if child.tag in _BLOCK_TAGS:
                    flush(loose, kind)
                    visit(child)
                    loose = [child.tail or ""]
                else:
                    loose.append(_element_text(child) if child.tag != "lb" else "\n")
                    loose.append(child.tail or "")
            flush(loose, kind)
        elif tag in {"graphic"}:
            return
        else:
            add(element, "p")

    visit(body)
    return blocks
