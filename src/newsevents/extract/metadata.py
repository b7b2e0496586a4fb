"""Page metadata from a parsed HTML tree: title, publication date, authors, site, URL, language.

Sources, most trusted first: JSON-LD (schema.org Article types), Open Graph / article / Dublin Core
and other ``<meta>`` tags, microdata (``itemprop``), then the visible page (``<title>``, ``<h1>``,
bylines, ``<time>``), the date in the URL and, last, htmldate's search of the whole page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from newsevents.extract.dates import date_from_url, find_date_in_text, to_iso8601

_ARTICLE_TYPES = re.compile(r"article|posting|report|news", re.IGNORECASE)
_PAGE_TYPES = re.compile(r"webpage|website", re.IGNORECASE)
_DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "dc.date.created",
    "citation_publication_date",
    "article.published",
    "og:published_time",
    "date",
    "datecreated",
)
_AUTHOR_META = ("author", "article:author", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author", "byl")
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·•»«/]\s+|\s*\|\s*|\s+::\s+")
_BYLINE_PREFIX = re.compile(r"^\s*(?:(?:written|posted|reported|story|words|text)\s+)?by\s*:?\s+", re.IGNORECASE)
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\|)\s*", re.IGNORECASE)
_NOT_A_NAME = re.compile(r"https?:|www\.|@|\d|[<>{}=]")
# Byline and dated elements are picked by their attributes in one Python walk: the same selection as
# the XPath queries used before (``contains(@class, ...)``...), which made a new string of the
# attribute for each test of each element: on the benchmark pages the walk takes two thirds of the
# time of the byline query and two fifths of that of the dated-element query.
# A byline: rel=author, itemprop=author, a class with "author" in it or a class token starting "byline"
_BYLINE_TOKEN = re.compile(r"(?:^|[ \t\n\r])byline")  # tokens split at XPath's whitespace, as normalize-space()
# ... not a commenter's name (class or id), nor the author box of another story, on it or an ancestor.
_NOT_BYLINE_CLASSES = ("comment", "related", "about-author", "author-bio")
# A dated element: a <time>, or a class with one of these in it ...
_DATED_CLASSES = (
    "published",
    "pubdate",
    "post-date",
    "entry-date",
    "timestamp",
    "dateline",
    "article-date",
    "story-date",
)
# ... that no comment, related box or teaser card holds.
_NOT_DATED_CLASSES = ("comment", "related", "card")
_MAX_DATED_ELEMENT_CHARS = 100
_MAX_BYLINE_CHARS = 120


@dataclass
class PageMetadata:
    """What a page says about itself; every field may be missing."""

    title: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    site: str | None = None
    url: str | None = None
    language: str | None = None


def _text(value: Any) -> str | None:
    """A JSON-LD value as one clean string (first item of a list, ``name`` of an object)."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if isinstance(value, str | int | float) and str(value).strip():
        return " ".join(str(value).split())
    return None


def _flatten_json_ld(node: Any) -> Iterator[dict[str, Any]]:
    """Every schema.org object in a JSON-LD document (through lists and ``@graph``)."""
    if isinstance(node, list):
        for item in node:
            yield from _flatten_json_ld(item)
    elif isinstance(node, dict):
        yield node
        if "@graph" in node:
            yield from _flatten_json_ld(node["@graph"])
        main = node.get("mainEntity")
        if isinstance(main, dict | list):
            yield from _flatten_json_ld(main)


def read_json_ld(tree: HtmlElement) -> list[dict[str, Any]]:
    """The JSON-LD objects of the page, article types first; unreadable scripts are skipped."""
    objects: list[dict[str, Any]] = []
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        raw = (script.text or "").strip()
        if "<![CDATA[" in raw or "]]>" in raw:  # the regex tries every position of a long script in vain
            raw = re.sub(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$", "", raw)
        raw = raw.strip().rstrip(";")
        if not raw:
            continue
        try:
            document = json.loads(raw, strict=False)
        except ValueError:
            continue
        objects.extend(_flatten_json_ld(document))

    def rank(obj: dict[str, Any]) -> int:
        kinds = " ".join(obj.get("@type", [])) if isinstance(obj.get("@type"), list) else str(obj.get("@type", ""))
        return 0 if _ARTICLE_TYPES.search(kinds) else 1 if _PAGE_TYPES.search(kinds) else 2

    return sorted(objects, key=rank)


def read_meta_tags(tree: HtmlElement) -> dict[str, str]:
    """``<meta>`` contents keyed by lower-cased property/name/itemprop (first occurrence wins)."""
    tags: dict[str, str] = {}
    for meta in tree.iter("meta"):
        content = meta.get("content")
        if not content or not content.strip():
            continue
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            key = meta.get(attribute)
            if key:
                tags.setdefault(key.strip().lower(), " ".join(content.split()))
    return tags


def _author_names(value: Any) -> list[str]:
    """Person names in a JSON-LD ``author`` value (strings, Person objects or lists of them)."""
    if isinstance(value, list):
        return [name for item in value for name in _author_names(item)]
    if isinstance(value, dict):
        kind = str(value.get("@type", ""))
        if "Organization" in kind:
            return []
        name = _text(value.get("name"))
        return clean_author_names(name) if name else []
    if isinstance(value, str):
        return clean_author_names(value)
    return []


def clean_author_names(raw: str) -> list[str]:
    """Names in a byline like "By Ana Ruiz and Tom Lee | Reuters" (prefix, roles and URLs dropped)."""
    text = _BYLINE_PREFIX.sub("", " ".join(raw.split()))
    text = re.split(r"\s+[|–—-]\s+|\s*\(|\bupdated\b|\bpublished\b", text, maxsplit=1, flags=re.IGNORECASE)[0]
    names: list[str] = []
    for part in _NAME_SPLIT.split(text):
        name = _BYLINE_PREFIX.sub("", part).strip(" .:,;")
        words = name.split()
        if not name or _NOT_A_NAME.search(name) or not 1 <= len(words) <= 5 or not name[0].isupper():
            continue
        if name.isupper() and len(name) > 3:  # "PETER EKAI" -> "Peter Ekai"; keep "AFP"
            name = name.title()
        if name not in names:
            names.append(name)
    # "By Jane Doe, Lodwar": a one-word part beside full names is a place or an agency.
    if any(len(n.split()) > 1 for n in names):
        names = [n for n in names if len(n.split()) > 1]
    return names


def _host_name(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def _language_code(value: str | None) -> str | None:
    code = (value or "").strip().replace("_", "-").split("-")[0].lower()
    return code if len(code) in (2, 3) and code.isalpha() else None


def clean_title(raw: str | None, site: str | None, headline: str | None = None) -> str | None:
    """``raw`` without a " | Site Name" part: the site's own name, else a short trailing segment.

    When the page's ``<h1>`` (``headline``) is the part that remains, it is returned as written there.
    """
    if not raw:
        return None
    title = " ".join(raw.split())
    parts = [p for p in _TITLE_SEPARATORS.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    site_keys = {k for k in (site, (site or "").split(".")[0]) if k}
    kept = [p for p in parts if not any(k.lower() in p.lower() or p.lower() in k.lower() for k in site_keys)]
    if headline:
        head = " ".join(headline.split())
        if head and head in title:
            return head
    if kept and len(kept) < len(parts):
        return _join_parts(title, kept)
    # No site name known: drop one short trailing (or leading) segment, the usual brand slot.
    longest = max(parts, key=len)
    if len(parts[-1].split()) <= 4 and parts[-1] != longest:
        return _join_parts(title, parts[:-1])
    if len(parts[0].split()) <= 3 and parts[0] != longest:
        return _join_parts(title, parts[1:])
    return title


def _join_parts(title: str, parts: list[str]) -> str:
    """The stretch of ``title`` from the first to the last of ``parts`` (separators inside kept)."""
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip() if 0 <= start < end else " ".join(parts)


def _first_text(tree: HtmlElement, path: str) -> str | None:
    for element in tree.iterfind(path):
        text = " ".join(element.text_content().split())
        if text:
            return text
    return None


def _has_class(element: HtmlElement, parts: tuple[str, ...]) -> bool:
    """Whether the class attribute of ``element`` contains one of ``parts``."""
    classes = element.get("class")
    return classes is not None and any(part in classes for part in parts)


def _byline_elements(tree: HtmlElement) -> Iterator[HtmlElement]:
    """The byline elements under ``tree`` in document order, outside comments and other stories' boxes."""
    for element in tree.iterdescendants(etree.Element):
        classes = element.get("class")
        if not (
            element.get("rel") == "author"
            or element.get("itemprop") == "author"
            or (
                classes is not None
                # the token regex runs only where its plain text is (a fifth of the walk's time)
                and ("author" in classes or ("byline" in classes and _BYLINE_TOKEN.search(classes) is not None))
            )
        ):
            continue
        if not any(
            _has_class(node, _NOT_BYLINE_CLASSES) or "comment" in (node.get("id") or "")
            for node in (element, *element.iterancestors())
        ):
            yield element


def _dated_elements(tree: HtmlElement) -> Iterator[HtmlElement]:
    """The ``<time>`` elements and those with a date-like class under ``tree``, in document order,
    outside comments, related boxes and teaser cards."""
    for element in tree.iterdescendants(etree.Element):
        if element.tag != "time":
            classes = element.get("class")
            # Each dated class contains "date", "published" or "timestamp" (a test checks it): three
            # plain tests rule out nearly every class, in a third of the time of the full list.
            if classes is None or not ("date" in classes or "published" in classes or "timestamp" in classes):
                continue
            if not any(part in classes for part in _DATED_CLASSES):
                continue
        if not any(_has_class(ancestor, _NOT_DATED_CLASSES) for ancestor in element.iterancestors()):
            yield element


def _bylines(tree: HtmlElement) -> list[str]:
    """Author names from visible byline elements (``rel=author``, ``itemprop=author``, ``.byline``)."""
    names: list[str] = []
    for element in _byline_elements(tree):
        name_element = element.find(".//*[@itemprop='name']")
        source = name_element if name_element is not None else element
        text = source.get("content") or source.text_content()
        if text and len(text) <= _MAX_BYLINE_CHARS:
            names.extend(n for n in clean_author_names(text) if n not in names)
        if names and len(names) >= 3:
            break
    return names


def _visible_date(tree: HtmlElement) -> str | None:
    """A ``datetime``/``content`` value on ``itemprop=datePublished`` or a ``<time pubdate>``."""
    for path in (
        ".//*[@itemprop='datePublished']",
        ".//time[@pubdate]",
        ".//*[@property='article:published_time']",
    ):
        for element in tree.iterfind(path):
            value = to_iso8601(element.get("datetime") or element.get("content") or element.text_content())
            if value:
                return value
    for element in _dated_elements(tree):
        raw = element.get("datetime") or element.get("content")
        value = to_iso8601(raw) if raw else None
        text = element.text_content()
        if value is None and len(text) <= _MAX_DATED_ELEMENT_CHARS:
            value = find_date_in_text(text)
        if value:
            return value
    return None


def read_metadata(tree: HtmlElement, *, url: str | None = None) -> PageMetadata:
    """Title, date, authors, site, URL and declared language of the page ``tree`` (no htmldate)."""
    meta = read_meta_tags(tree)
    json_ld = read_json_ld(tree)

    def from_json_ld(*keys: str) -> str | None:
        for obj in json_ld:
            for key in keys:
                value = _text(obj.get(key))
                if value:
                    return value
        return None

    canonical = None
    for link in tree.iterfind(".//link[@rel]"):
        if link.get("rel", "").lower() == "canonical" and link.get("href", "").startswith("http"):
            canonical = link.get("href")
            break
    page_url = url or canonical or (meta.get("og:url") if meta.get("og:url", "").startswith("http") else None)

    site = meta.get("og:site_name")
    if not site:
        for obj in json_ld:
            site = _text(obj.get("publisher")) if isinstance(obj.get("publisher"), dict | list | str) else None
            if site:
                break
    site = site or meta.get("application-name") or _host_name(page_url)

    headline = _first_text(tree, ".//h1")
    title = clean_title(
        meta.get("og:title")
        or from_json_ld("headline", "name")
        or meta.get("twitter:title")
        or _first_text(tree, ".//title")
        or headline,
        site,
        headline,
    )

    published = None
    json_ld_date = from_json_ld("datePublished", "dateCreated", "uploadDate")
    for raw in (json_ld_date, *(meta.get(key) for key in _DATE_META)):
        published = to_iso8601(raw)
        if published:
            break
    if published is None or len(published) == 10:
        # A bare meta date is refined by a visible timestamp of the same day ("6:41 AM GMT").
        visible = _visible_date(tree)
        if visible and (published is None or (visible.startswith(published) and len(visible) > 10)):
            published = visible
    published = published or date_from_url(page_url)

    authors: list[str] = []
    for obj in json_ld:
        if "author" in obj or "creator" in obj:
            authors = _author_names(obj.get("author") or obj.get("creator"))
            if authors:
                break
    if not authors:
        for key in _AUTHOR_META:
            authors = clean_author_names(meta.get(key, ""))
            if authors:
                break
    authors = authors or _bylines(tree)

    root = tree.getroottree().getroot()
    language = (
        _language_code(root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang"))
        or _language_code(meta.get("content-language"))
        or _language_code(meta.get("og:locale"))
        or _language_code(from_json_ld("inLanguage"))
    )
    return PageMetadata(title, published, authors, site, page_url, language)


def find_date_in_page(tree: HtmlElement, url: str | None = None) -> str | None:
    """htmldate's search of the whole page (slower; for pages whose metadata has no date)."""
    try:
        from htmldate import find_date
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    try:
        found = find_date(tree, url=url, original_date=True, extensive_search=True)
    except (ValueError, TypeError):
        return None
    return to_iso8601(found) if found else None
