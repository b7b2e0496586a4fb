"""RSS and Atom feeds: the items a feed lists, and the articles among them it carries in full.

A feed file (``.rss``, ``.atom``, or ``.xml`` whose root is ``<rss>``, Atom ``<feed>`` or RSS 1.0
``<rdf:RDF>``) lists items with a link, title, date and content or summary. An item whose feed carries
its full content (RSS ``content:encoded``, Atom ``<content>``) becomes an input with source
``path#n`` (n counts items from 1); an item with only a link or a summary is skipped with a note: its
page must be fetched, which ``newsevents watch`` does.

Feeds are parsed with entity expansion, DTD loading and network access all off; a feed that declares
entities (the billion-laughs bomb, external entities reading local files) is refused with a reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime
from html import escape
from urllib.parse import urljoin

from lxml import etree

from newsevents.errors import Failure, InputError
from newsevents.ingest.raw import RawInput, Skipped

FEED_SUFFIXES = (".rss", ".atom")
ATOM = "http://www.w3.org/2005/Atom"
RSS1 = "http://purl.org/rss/1.0/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
DC = "http://purl.org/dc/elements/1.1/"
XHTML = "http://www.w3.org/1999/xhtml"
NEEDS_FETCHING = "feed item with a link only (`newsevents watch` fetches its page)"

_ROOT_TAG = re.compile(rb"<([A-Za-z_][\w.-]*:)?(rss|feed|RDF)[\s>/]")
_FIRST_TAG = re.compile(rb"<(?![?!])")
_COMMENT = re.compile(rb"<!--.*?-->", re.S)
_ENTITIES_REFUSED = (
    "refused: the feed declares XML entities in its DOCTYPE; newsevents never expands entities "
    "(protection against XML bombs and external entities that read local files or the network)"
)


class FeedError(InputError):
    """A feed cannot be read: not XML, not a feed, or refused as unsafe."""


@dataclass
class FeedItem:
    """One entry of a feed; ``content`` is set only when the feed carries the article in full."""

    url: str | None
    title: str | None = None
    published: str | None = None  # ISO 8601
    content: str | None = None
    content_kind: str = "html"  # html | text
    summary: str | None = None
    guid: str | None = None


@dataclass
class Feed:
    """A parsed feed: its own title and link, and its items in document order."""

    title: str | None = None
    link: str | None = None
    items: list[FeedItem] = field(default_factory=list)


def looks_like_feed(head: bytes) -> bool:
    """True when the first element of the XML in ``head`` is a feed root (rss, Atom feed, rdf:RDF)."""
    head = _COMMENT.sub(b"", head[:8192])
    first = _FIRST_TAG.search(head)
    return first is not None and _ROOT_TAG.match(head, first.start()) is not None


def parse_feed(data: bytes, base_url: str | None = None) -> Feed:
    """Parse an RSS 2.0, RSS 1.0 or Atom feed safely; raises ``FeedError`` with the reason."""
    first = _FIRST_TAG.search(_COMMENT.sub(b"", data[:65536]))
    prolog = data[: first.start()] if first else data[:65536]
    if b"<!ENTITY" in prolog:
        raise FeedError(_ENTITIES_REFUSED)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_pis=True)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        if "entity" in str(exc).lower() and "amplification" in str(exc).lower():
            raise FeedError(_ENTITIES_REFUSED) from None
        raise FeedError(f"not a readable XML feed ({' '.join(str(exc).split())[:200]})") from None  # one line
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise FeedError(_ENTITIES_REFUSED)
    name = etree.QName(root)
    if name.localname == "rss":
        return _rss2(root, base_url)
    if name.localname == "feed" and name.namespace == ATOM:
        return _atom(root, base_url)
    if name.localname == "RDF" and name.namespace == RDF:
        return _rss1(root, base_url)
    raise FeedError(f"not a feed: the root element is <{name.localname}>; expected <rss>, Atom <feed> or <rdf:RDF>")


def feed_inputs(source: str, data: bytes, *, skipped: Skipped) -> Iterator[RawInput | Failure]:
    """The articles a feed file carries in full; link-only items are tallied in ``skipped`` with a note."""
    try:
        feed = parse_feed(data)
    except FeedError as exc:
        yield Failure(source, "read", str(exc))
        return
    for number, item in enumerate(feed.items, start=1):
        raw = item_input(item, f"{source}#{number}")
        if raw is not None:
            yield raw
        else:
            skipped.add(NEEDS_FETCHING, note=f"{source}#{number}: {item.url or '(no link)'}")


def item_input(item: FeedItem, source: str) -> RawInput | None:
    """The item as an input when the feed carries its full content, else None."""
    if not item.content or not item.content.strip():
        return None
    fields = {"url": item.url, "title": item.title, "published": item.published}
    if item.content_kind == "text":
        return RawInput(source, "text", item.content, **fields)
    title = f"<title>{escape(item.title)}</title>" if item.title else ""
    head = f'<head><meta charset="utf-8">{title}</head>'
    page = f"<!DOCTYPE html><html>{head}<body><article>{item.content}</article></body></html>"
    return RawInput(source, "html", page, **fields)


# -- the three formats ----------------------------------------------------------------------------


def _rss2(root: etree._Element, base: str | None) -> Feed:
    channel = root.find("channel")
    if channel is None:
        raise FeedError("not a feed: <rss> has no <channel>")
    link = _text(channel.find("link"))
    feed = Feed(title=_text(channel.find("title")), link=link)
    for node in channel.iter("item"):
        feed.items.append(_rss_item(node, base or link))
    return feed


def _rss1(root: etree._Element, base: str | None) -> Feed:
    channel = root.find(f"{{{RSS1}}}channel")
    link = _text(channel.find(f"{{{RSS1}}}link")) if channel is not None else None
    title = _text(channel.find(f"{{{RSS1}}}title")) if channel is not None else None
    feed = Feed(title=title, link=link)
    for node in root.iter(f"{{{RSS1}}}item"):
        feed.items.append(_rss_item(node, base or link, namespace=f"{{{RSS1}}}"))
    return feed


def _rss_item(node: etree._Element, base: str | None, namespace: str = "") -> FeedItem:
    link = _text(node.find(f"{namespace}link"))
    guid_node = node.find("guid")
    guid = _text(guid_node)
    if not link and guid and guid_node is not None and guid_node.get("isPermaLink", "true") != "false":
        link = guid if guid.startswith(("http://", "https://")) else None
    date = _text(node.find("pubDate")) or _text(node.find(f"{{{DC}}}date"))
    return FeedItem(
        url=_absolute(link, base),
        title=_text(node.find(f"{namespace}title")),
        published=_rfc822_date(date) or _iso_date(date),
        content=_text(node.find(f"{{{CONTENT}}}encoded")),
        summary=_text(node.find(f"{namespace}description")),
        guid=guid,
    )


def _atom(root: etree._Element, base: str | None) -> Feed:
    link = _atom_link(root, base)
    feed = Feed(title=_text(root.find(f"{{{ATOM}}}title")), link=link)
    for entry in root.iter(f"{{{ATOM}}}entry"):
        content, kind = _atom_content(entry.find(f"{{{ATOM}}}content"))
        date = _text(entry.find(f"{{{ATOM}}}published")) or _text(entry.find(f"{{{ATOM}}}updated"))
        feed.items.append(
            FeedItem(
                url=_atom_link(entry, base or link),
                title=_text(entry.find(f"{{{ATOM}}}title")),
                published=_iso_date(date) or _rfc822_date(date),
                content=content,
                content_kind=kind,
                summary=_text(entry.find(f"{{{ATOM}}}summary")),
                guid=_text(entry.find(f"{{{ATOM}}}id")),
            )
        )
    return feed


def _atom_link(node: etree._Element, base: str | None) -> str | None:
    for link in node.findall(f"{{{ATOM}}}link"):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return _absolute(link.get("href"), base)
    return None


def _atom_content(node: etree._Element | None) -> tuple[str | None, str]:
    """The content of an Atom <content> and its kind; (None, ...) when it is elsewhere (``src``)."""
    if node is None or node.get("src"):
        return None, "html"
    kind = (node.get("type") or "text").lower()
    if kind == "xhtml":
        div = node.find(f"{{{XHTML}}}div")
        parts = list(div if div is not None else node)
        leading = (div.text if div is not None else node.text) or ""
        markup = escape(leading) + "".join(etree.tostring(p, encoding="unicode", method="html") for p in parts)
        return markup or None, "html"
    if "html" in kind:
        return node.text, "html"
    if kind == "text" or kind.startswith("text/"):
        return node.text, "text"
    return None, "html"  # a base64 media type: not an article


# -- small helpers --------------------------------------------------------------------------------


def _text(node: etree._Element | None) -> str | None:
    if node is None or node.text is None:
        return None
    text = node.text.strip()
    return text or None


def _absolute(link: str | None, base: str | None) -> str | None:
    if not link:
        return None
    return urljoin(base, link.strip()) if base else link.strip()


def _rfc822_date(value: str | None) -> str | None:
    """An RSS date ("Tue, 13 Oct 2026 09:12:00 GMT") as ISO 8601; None when it is not one."""
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _iso_date(value: str | None) -> str | None:
    """An Atom or Dublin Core date as ISO 8601 (normalised); None when it is not one."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return parsed.date().isoformat() if len(value.strip()) == 10 else parsed.isoformat()
