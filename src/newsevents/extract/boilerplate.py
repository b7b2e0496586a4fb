"""Recognise site furniture among the blocks of an extracted page and take it out, with a record.

Furniture is recognised by its shape and its usual vocabulary, never by one site's strings:

* a comment section ("Leave a Reply", "3 Comments", "Your email address will not be published")
  ends the article: it and everything after it go (``comments``);
* a related-links box ("Check Also", "Related Posts", "Read more", "Popular Posts") is a heading
  followed by short link-shaped lines (headlines, dates, teasers ending in "…"); the box goes, and
  so does everything after it when only more furniture follows (``related``);
* single lines anywhere: share bars (``share``), newsletter and cookie prompts (``newsletter``,
  ``cookie``), advertisement labels (``advert``), photo credits (``photo_credit``), tag lists
  (``tags``, also a "Tags" label with the list under it), repeated bylines and datelines
  (``byline``), breadcrumbs (``navigation``), the repeated title (``title``), key-point bullets
  above the story (``summary``), membership appeals (``appeal``), copyright lines ("© 2026 The
  Times. All rights reserved.": ``copyright``), reporting credits ("Reporting by ...", "X
  contributed to this report": ``credits``), how to reach or follow the writer (``contact``),
  what a form says once sent ("Thanks for signing up!": ``form``), page-builder shortcodes and
  CSS class names left in the text (``markup``);
* above the first paragraph, headings (the headline again, a standfirst, a kicker: ``standfirst``),
  short lines with a date (``byline``) and bare web addresses (``navigation``);
* inside the article, a short paragraph that is mostly one link is a teaser for another page
  (``related``): ``Block.link_share`` says how much of a block the page shows inside links;
* after the last paragraph, whole-link lines, a list of three or more linked headlines with
  their teasers, and headings that head nothing (``related``);
* editor initials like ``[ab/cd]`` at the end of a paragraph, or ``ab/cd (AFP, Reuters)`` alone on
  the last line (``editor_tag``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

# --- vocabulary -------------------------------------------------------------------------------

_COMMENTS_HEADING = re.compile(
    r"^(?:leave a (?:reply|comment|response)(?: cancel reply)?|post a comment|add (?:a )?comment|write a comment|"
    r"join the (?:discussion|conversation)|comments? (?:are )?closed|cancel reply|"
    r"(?:\d+|no|one|two|three) (?:comments?|responses?|replies|thoughts?)(?: on\b.*)?|comments?(?: \(\d+\))?|"
    r"your email address will not be published.*|required fields are marked.*|"
    r"you must be logged in to post a comment.*|reader comments|show comments|"
    r"view comments|post (?:a )?comment\b.*|tell us what you think|what do you think\W*|have your say)$",
    re.IGNORECASE,
)
_RELATED_HEADING = re.compile(
    r"^(?:check (?:also|this out)|related(?: (?:posts?|articles?|stories|story|news|content|coverage|"
    r"reading|topics|links|items|videos?))?|read (?:more|also|next)|also read|see also|"
    r"further reading|more (?:from|on|in|about|stories|news|articles|to read|like this)\b.*|"
    r"more (?:\w+ ){1,2}(?:stories|news|articles|reads|coverage)|"
    r"(?:most )?popular(?: (?:posts?|stories|articles|now|news))?|most (?:read|viewed|shared|commented)|"
    r"trending(?: now| stories| news)?|recommended(?: for you| stories| articles| reading)?|"
    r"you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|what to read next|"
    r"latest (?:news|posts|stories|articles|headlines)|recent posts|top stories|don'?t miss|"
    r"editor'?s? picks?|from around the web|around the web|sponsored(?: content| stories)?|"
    r"(?:previous|next) (?:article|post|story)|in (?:other|case you missed it)\b.*|"
    r"more headlines|keep reading|suggested (?:reading|articles)|up next|watch next|"
    r"related (?:video|audio)|also on [a-z ]+|you may have missed)$",
    re.IGNORECASE,
)
_READ_MORE_LINE = re.compile(
    r"^(?:read (?:more|also|next)|see also|also read|related|more|check also|watch|listen)\s*[:>»|–—-]\s*\S",
    re.IGNORECASE,
)
_CONTINUE_LINE = re.compile(
    r"^(?:continue reading|read the (?:full|whole|complete) (?:story|article)|click here to read|"
    r"read more(?: »| ›| →| \.\.\.)?|more »|view all|see all|load more|show more)\W*$",
    re.IGNORECASE,
)
_SHARE_WORDS = frozenset(
    [
        "share",
        "shares",
        "shared",
        "this",
        "article",
        "story",
        "post",
        "page",
        "on",
        "via",
        "to",
        "with",
        "your",
        "a",
        "friend",
        "friends",
        "comment",
        "comments",
        "tweet",
        "twitter",
        "x",
        "facebook",
        "linkedin",
        "whatsapp",
        "pinterest",
        "reddit",
        "telegram",
        "email",
        "e-mail",
        "mail",
        "print",
        "copy",
        "link",
        "url",
        "messenger",
        "pocket",
        "flipboard",
        "tumblr",
        "vk",
        "sms",
        "save",
        "bookmark",
        "like",
        "likes",
        "loading",
        "click",
        "opens",
        "in",
        "new",
        "window",
        "tab",
        "and",
        "or",
    ]
)
_SHARE_ACTIONS = frozenset(
    [
        "share",
        "tweet",
        "twitter",
        "x",
        "facebook",
        "linkedin",
        "whatsapp",
        "pinterest",
        "reddit",
        "telegram",
        "email",
        "e-mail",
        "mail",
        "print",
        "copy",
        "messenger",
        "pocket",
        "flipboard",
        "tumblr",
        "vk",
        "sms",
        "like",
        "bookmark",
    ]
)
_APPEAL = re.compile(
    r"\b(?:\d+ issues for [£$€]|become a (?:member|subscriber|supporter|patron)|"
    r"support (?:our|independent|quality) journalism|"
    r"reader-(?:funded|supported)|make a (?:donation|contribution)|donate (?:now|today)|"
    r"already a (?:subscriber|member)|log ?in to (?:continue|read)|subscribe to (?:continue|read))\b",
    re.IGNORECASE,
)
_CAPTION_CREDIT = re.compile(
    r"[.!?)\]]\s*\(?(?:photo|photograph|image|picture|credit)s?\s*(?::|by)\s*[^.]{1,60}\)?\s*$", re.IGNORECASE
)
_NEWSLETTER = re.compile(r"\b(?:newsletters?|inbox|mailing list|e-?mail (?:alerts|updates)|briefings?)\b", re.I)
_SIGN_UP = re.compile(r"\b(?:sign up|subscribe)\b", re.I)
_SUBSCRIBE_ONLY = re.compile(r"^(?:subscribe|sign up|register)(?: (?:now|today|here|for free|free))?$", re.I)
_NEWSLETTER_CALL = re.compile(
    r"^(?:sign up|subscribe|get (?:our|the)\b|enter your email|join (?:our|\d)|never miss|stay (?:informed|"
    r"up to date|updated)|want (?:more|the latest)|don'?t miss|receive|by signing up|you(?:'re| are) "
    r"(?:now )?subscribed|thanks? (?:you )?for (?:signing up|subscribing)|this (?:site|form) is protected)",
    re.IGNORECASE,
)
_COOKIE = re.compile(
    r"\b(?:cookies?|cookie policy|privacy policy|consent)\b.*\b(?:use|accept|agree|consent|settings|"
    r"policy|preferences|continu\w*|experience)\b|\b(?:accept|reject|manage) (?:all )?cookies\b",
    re.IGNORECASE,
)
_COOKIE_WORD = re.compile(r"\bcookies?\b", re.IGNORECASE)
_ADVERT = re.compile(
    r"^(?:advertisements?|advertising|sponsored|ad|ads|promoted|paid (?:content|post)|"
    r"story continues (?:below|after) (?:this )?(?:advertisement|ad)|article continues below|"
    r"scroll to continue|skip advert\w*|report this ad)\W*$",
    re.IGNORECASE,
)
_PHOTO_CREDIT = re.compile(
    r"^\(?\s*(?:(?:file |top |main |header |featured |lead )?(?:photo|photograph|image|picture|pic|"
    r"illustration|credit|photo credit|image credit|source image)s?(?:\s*(?:by|credit|courtesy of))?\s*[:|©–—-]|"
    r"(?:file |top )?photo(?:graph)? (?:by|courtesy|credit)\b|(?:©|\(c\))\s*\S+(?:\s+\S+){0,4}\s*$)",
    re.IGNORECASE,
)
_AGENCY_CREDIT = re.compile(
    r"[/|]\s*(?:getty(?: images)?|afp|ap(?: photo)?|reuters|epa(?:-efe)?|shutterstock|anadolu(?: agency)?|"
    r"xinhua|alamy|bloomberg|pool|efe|sipa|imago|dpa|ansa|istock(?:photo)?)\W*$|"
    r"^\(?(?:getty images|afp via getty images|ap photo|reuters|epa|shutterstock)\W*\)?$",
    re.IGNORECASE,
)
# As with the credit lines below: what opens the line is matched, the rest searched (same answer, faster).
_COPYRIGHT_START = re.compile(r"^(?:©|\(c\)|copyright\b)", re.IGNORECASE)
_RIGHTS_RESERVED = re.compile(r"\ball rights reserved\W*$", re.IGNORECASE)
_TAGS_LABEL = re.compile(r"^(?:tags?|tagged(?: with)?|topics?|filed under|keywords?|related (?:tags|topics))$", re.I)
_FORM_STATE = re.compile(
    r"^(?:thanks?(?: you)? for (?:signing up|subscribing|registering|your (?:submission|feedback|interest))\b.*|"
    r"thank you\W*|sorry\W*|there was an error\b.*|an error (?:has )?occurred\b.*|please try again\b.*|"
    r"something went wrong\b.*|this (?:article|story) has been sent to\b.*|"
    r"(?:enter|invalid|please enter a valid) e-?mail(?: address)?\b.*)$",
    re.IGNORECASE,
)
# Page-builder shortcodes left in the text ("[button link=...]Send[/button]") and CSS-like tokens.
_MARKUP = re.compile(r"^\[(\w+)\b[^\]]*\].*\[/\1\]$|^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$")
_MIN_MARKUP_TOKEN_CHARS = 10
_TAGS = re.compile(r"^(?:tags?|tagged(?: with)?|topics?|filed under|categories|category|keywords?)\s*[:|]", re.I)
# Credit lines: the forms that open the line (``match``), and "contributed ..." anywhere in it
# (``search``). As one searched pattern they took three times as long, for the same answer.
_CREDITS_START = re.compile(
    r"^\(?(?i:(?:additional |with )?(?:reporting|writing|editing|compiled|edited)(?: and \w+)? (?:by|from)) [A-Z]|"
    r"(?i:^contributing\s*:|^(?:with )?(?:\S+ )?wires?\W*$|^sources?\s*:\s*\S)"
)
_CONTRIBUTED = re.compile(r"\bcontributed (?:reporting|to this (?:report|story|article))\b", re.IGNORECASE)
_CONTACT_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|(?<!\w)@\w{2,}|\btwitter\.com/\w+", re.IGNORECASE)
_CONTACT_CALL_START = re.compile(
    r"^(?:e-?mail|write to|reach|contact|follow|have a (?:news )?tip|tips?\b|send)\b", re.IGNORECASE
)
_CONTACT_CALL_ANYWHERE = re.compile(r"\bfollow (?:us|him|her|them|me)\b|\bmay be reached\b", re.IGNORECASE)
_ADDRESS_ONLY = re.compile(
    r"^(?:[\w.+-]+@[\w-]+\.[\w.]+|(?:https?://)?(?:www\.)?(?:twitter|x|facebook|instagram)\.com/\S+)$", re.I
)
_FOLLOW_ON = re.compile(r"^follow\b.*\b(?:twitter|facebook|instagram|youtube|linkedin|tiktok|coverage)\b", re.I)
_BYLINE = re.compile(
    r"^(?:(?:[Ww]ritten|[Pp]osted|[Rr]eported|[Ww]ords|[Ss]tory|[Tt]ext)\s+)?(?:by|By|BY)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})*(?:\s*[,|–—-]\s*.{0,40})?$"
)
_POSTED_LINE = re.compile(
    r"^(?:posted|published|updated|last updated|first published)\b(?:\s+(?:on|at))?\s*:?\s*.{0,60}$", re.I
)
_DATE_ONLY = re.compile(
    r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|"
    r"\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4}|"
    r"\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?$",
    re.IGNORECASE,
)
_BREADCRUMB = re.compile(r"^(?:[^»›>/|]{1,40}\s*[»›>]\s*){2,}[^»›>]{0,80}$")
_EDITOR_TAG_END = re.compile(r"\s*[\[(](?:[a-z]{1,4}|[A-Z]{1,4})(?:/[a-zA-Z]{1,4}){1,3}[\])]\s*$")
_EDITOR_TAG_LINE = re.compile(r"^[a-z]{1,4}(?:/[a-z]{1,4}){1,3}(?:\s*\((?:[A-Za-z.\-]+(?:,\s*)?){1,6}\))?\.?$")
_WORD = re.compile(r"[\w’'-]+")
_SENTENCE_END = re.compile(r"[.!?。！？][\"'”’)\]」』]*$")
# Han, kana: scripts written without spaces, where one \w+ run is a whole phrase or sentence.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CHARS_PER_UNSPACED_WORD = 2
_TEASER_END = re.compile(r"(?:…|\.\.\.|\[…\]|\[\.\.\.\]|»|›|→)\s*$")
_MENTION_OF_SECTION = re.compile(r"^in\s+[\"“][^\"”]{1,40}[\"”]$", re.IGNORECASE)  # WordPress 'In "World"'

_MAX_LINK_WORDS = 18
_MIN_TAGS = 3
# A list of three or more items that each carry a link (a headline with its teaser) after the last
# paragraph is a related box.
_LISTED_LINK_SHARE = 0.25
_MIN_LISTED_LINKS = 3
_MAX_TAG_WORDS = 6
# A block mostly inside links (share of its characters) is a teaser for another page when it is
# short: a headline between two paragraphs ("CLICK HERE TO GET THE APP", "Also on ...: <headline>").
_TEASER_LINK_SHARE = 0.7
_MIN_TEASER_WORDS = 4
_MAX_LINKED_TEASER_WORDS = 40
_DATE_OR_TIME = re.compile(r"\b(?:19|20)\d\d\b|\b\d{1,2}:\d{2}\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b")
_MAX_DATELINE_WORDS = 25
_WEB_ADDRESS_ONLY = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_WEB_ADDRESS = re.compile(r"://|\bwww\.", re.IGNORECASE)
_MAX_FURNITURE_WORDS = 30
_MIN_PROSE_WORDS = 12
_MAX_TEASER_WORDS = 40


@dataclass
class Block:
    """One paragraph-like piece of extracted text, with what is known about its shape."""

    text: str
    kind: str = "p"  # p | head | item | quote | row | line
    link: bool = False  # the whole block is the text of one link on the page
    link_share: float = 0.0  # share of the block's characters inside links (when the markup is known)


# Each block's text is normalised three or four times (section heading, tags label, line rules).
@lru_cache(maxsize=4096)
def _normalized(text: str) -> str:
    """Lower-case ``text`` with outer punctuation and repeated spaces gone."""
    return " ".join(text.split()).strip(" \t:|·•–—-*#>»›.…").lower()


# The same texts are counted several times over (the prose test when the article's container is
# found, the furniture rules, the final check): on the benchmark pages half the counts are repeats.
@lru_cache(maxsize=4096)
def word_count(text: str) -> int:
    """Number of word tokens in ``text``; in Chinese or Japanese, about one per two characters."""
    unspaced = len(_UNSPACED.findall(text))
    if not unspaced:
        return len(_WORD.findall(text))
    return len(_WORD.findall(_UNSPACED.sub(" ", text))) + unspaced // _CHARS_PER_UNSPACED_WORD


def is_prose(block: Block) -> bool:
    """A sentence-bearing paragraph of the article (long enough, or ending like a sentence)."""
    words = word_count(block.text)
    if block.link or _TEASER_END.search(block.text):
        return False
    return words >= _MIN_PROSE_WORDS or (words >= 5 and _SENTENCE_END.search(block.text) is not None)


def is_link_teaser(block: Block) -> bool:
    """A paragraph or list item that is mostly one link to another page: a headline, not prose.

    Headings that are links (product names over a review) and written-out web addresses (a source
    list) are the article's own.
    """
    if block.link_share < _TEASER_LINK_SHARE or block.kind == "head" or _WEB_ADDRESS.search(block.text):
        return False
    return _MIN_TEASER_WORDS <= word_count(block.text) <= _MAX_LINKED_TEASER_WORDS


def is_tag_list(block: Block) -> bool:
    """A line of short comma-separated phrases, like the tags under an article."""
    parts = [part.strip() for part in re.split(r"[,;|]", block.text)]
    if len(parts) < _MIN_TAGS or _SENTENCE_END.search(block.text):
        return False
    return all(0 < word_count(part) <= _MAX_TAG_WORDS for part in parts)


def _is_tag_line(block: Block) -> bool:
    """A tag list, or one tag as a list item, under a "Tags" label."""
    return is_tag_list(block) or (block.kind == "item" and is_link_shaped(block))


def is_link_shaped(block: Block) -> bool:
    """A headline, date, teaser or label: what fills a related-links box."""
    text = block.text.strip()
    if block.link or _TEASER_END.search(text) or _DATE_ONLY.match(text) or _MENTION_OF_SECTION.match(text):
        return True
    words = word_count(text)
    return 0 < words <= _MAX_LINK_WORDS and not _SENTENCE_END.search(text)


def line_furniture(
    block: Block,
    *,
    title: str | None = None,
    authors: Iterable[str] = (),
    before_prose: bool = False,
    first: bool = False,
) -> str | None:
    """The kind of furniture a single block is (``share``, ``photo_credit``...), or None for content.

    ``title``, ``before_prose`` (no article paragraph seen yet) and ``first`` (the first block) let
    the page head be recognised: the repeated title and section kickers like "LOCAL NEWS".
    """
    text = " ".join(block.text.split())
    norm = _normalized(text)
    words = word_count(text)
    if not norm or not any(ch.isalnum() for ch in norm):
        return "empty"
    if words > _MAX_FURNITURE_WORDS * 2:
        return None
    if title and before_prose and norm == _normalized(title):
        return "title"
    short = words <= _MAX_FURNITURE_WORDS
    if before_prose and words <= 4 and text.isupper() and not _SENTENCE_END.search(text):
        return "navigation"
    if before_prose and block.kind == "head":
        return "standfirst"  # a heading above the first paragraph: the headline again, a dek, a kicker
    if before_prose and words <= _MAX_DATELINE_WORDS and _DATE_OR_TIME.search(text) and not _SENTENCE_END.search(text):
        return "byline"  # "May 5, 2019 / 12:21 AM / Updated 14 hours ago", "05/10/2018 - Published by ..."
    if before_prose and _WEB_ADDRESS_ONLY.match(text):
        return "navigation"
    if before_prose and block.kind == "item" and words <= _MAX_LINK_WORDS and not _SENTENCE_END.search(text):
        return "summary"  # key-point bullets above the story repeat what the story says
    if short and _ADVERT.match(norm):
        return "advert"
    if short:
        tokens = _WORD.findall(norm)
        if (
            all(t in _SHARE_WORDS or t.isdigit() for t in tokens) and any(t in _SHARE_ACTIONS for t in tokens)
        ) or norm.startswith(("share this", "like this")):
            return "share"
        if tokens and all(part.startswith("#") for part in text.split()):
            return "tags"
    if short and _READ_MORE_LINE.match(text):
        return "related"
    if short and _CONTINUE_LINE.match(norm):
        return "related"
    if _COMMENTS_HEADING.match(norm):
        return "comments"
    if short and _TAGS.match(text):
        return "tags"
    if words <= 20 and (_PHOTO_CREDIT.match(text) or _AGENCY_CREDIT.search(text)):
        return "photo_credit"
    if words <= 30 and _CAPTION_CREDIT.search(text):
        return "photo_credit"
    if words <= 20 and (_COPYRIGHT_START.match(text) or _RIGHTS_RESERVED.search(text)):
        return "copyright"
    if words <= 40 and _APPEAL.search(text):
        return "appeal"
    if before_prose and first and words <= 2 and not _SENTENCE_END.search(text):
        return "navigation"  # a section kicker above the headline
    # the plain word first: it rules out nearly every block at half the cost of the whole pattern
    if words <= 40 and _COOKIE_WORD.search(text) and _COOKIE.search(text):
        return "cookie"
    if words <= 12 and _FORM_STATE.match(norm):
        return "form"
    if _MARKUP.match(text) and len(text) >= _MIN_MARKUP_TOKEN_CHARS:
        return "markup"
    if (
        words <= 40
        and _NEWSLETTER.search(text)
        and (_NEWSLETTER_CALL.match(norm) or _SIGN_UP.search(norm) or words <= 12)
    ):
        return "newsletter"
    if _SUBSCRIBE_ONLY.match(norm):
        return "newsletter"
    if words <= 40 and (_CREDITS_START.match(text) or _CONTRIBUTED.search(text)):
        return "credits"  # "Reporting by ...; editing by ...", "X contributed to this report."
    if _ADDRESS_ONLY.match(text) or (
        words <= 40
        and (_CONTACT_CALL_START.match(text) or _CONTACT_CALL_ANYWHERE.search(text))
        and (_CONTACT_ADDRESS.search(text) or _FOLLOW_ON.match(text))
    ):
        return "contact"
    if words <= 12 and (_BYLINE.match(text) or (_POSTED_LINE.match(text) and _has_date_or_by(text))):
        return "byline"
    if words <= 8 and any(norm == _normalized(a) for a in authors):
        return "byline"
    if words <= 8 and _DATE_ONLY.match(text):
        return "byline"
    if words <= 30 and _BREADCRUMB.match(text):
        return "navigation"
    if _EDITOR_TAG_LINE.match(text):
        return "editor_tag"
    return None


def _has_date_or_by(text: str) -> bool:
    return bool(re.search(r"\d|\bby\b", text, re.IGNORECASE))


def heading_kind(block: Block) -> str | None:
    """``comments`` or ``related`` when ``block`` opens such a section, else None."""
    norm = _normalized(block.text)
    # The anchored patterns fail at once on nearly every block: testing them before counting the
    # words (same answer) spares a word count per block, a tenth of the furniture rules' time.
    kind = "comments" if _COMMENTS_HEADING.match(norm) else "related" if _RELATED_HEADING.match(norm) else None
    if kind is None or word_count(norm) > 12:
        return None
    return kind


def _is_tail_box(rest: list[Block]) -> bool:
    """Whether what follows a related heading, up to a comment section or the end, is only a box.

    Between the box and a comment form, a teaser sentence or two under the headlines is still the
    box; a paragraph that ends the page after the box is the article's own.
    """
    box: list[Block] = []
    for block in rest:
        if heading_kind(block) == "comments":
            break
        box.append(block)
    prose = [b for b in box if is_prose(b)]
    if len(box) == len(rest):
        return not prose
    shaped = len(box) - len(prose)
    return all(word_count(b.text) <= _MAX_TEASER_WORDS for b in prose) and len(prose) <= max(1, shaped // 2)


def strip_editor_tag(text: str) -> tuple[str, str | None]:
    """``text`` without trailing editor initials like ``[ab/cd]``; the tag, or None when absent."""
    # The tag closes the text: a cheap look at its last character spares the regex, which tries every
    # position of the text, on nearly every paragraph (a tenth of the furniture rules' time).
    if not text.rstrip().endswith(("]", ")")):
        return text, None
    match = _EDITOR_TAG_END.search(text)
    if not match or match.start() == 0:
        return text, None
    return text[: match.start()].rstrip(), match.group(0).strip()


def clean_blocks(
    blocks: list[Block], *, title: str | None = None, authors: Iterable[str] = ()
) -> tuple[list[Block], list[dict[str, str]]]:
    """(article blocks, removed furniture as ``{"kind", "text"}``) for the blocks of one page."""
    authors = list(authors)
    removed: list[dict[str, str]] = []
    kept: list[Block] = []

    def drop(kind: str, items: Iterable[Block]) -> None:
        for item in items:
            if item.text.strip():
                removed.append({"kind": kind, "text": item.text.strip()})

    def drop_section(kind: str, items: list[Block]) -> None:
        """Drop a section to its end, under its kind until another section heading changes it."""
        for item in items:
            kind = heading_kind(item) or kind
            drop(kind, [item])

    i, n = 0, len(blocks)
    prose_before = False  # whether an article paragraph has been kept yet
    while i < n:
        block = blocks[i]
        section = heading_kind(block)
        if section == "comments" and prose_before:
            drop_section("comments", blocks[i:])
            break
        if section == "related" or (section == "comments" and not prose_before):
            end = i + 1
            while end < n and (is_link_shaped(blocks[end]) or line_furniture(blocks[end]) is not None):
                if heading_kind(blocks[end]) == "comments" and prose_before:
                    break
                end += 1
            if prose_before and _is_tail_box(blocks[i + 1 :]):
                drop_section(section, blocks[i:])
                break
            if end == i + 1 and section == "related":
                # A heading with prose right after it is the article's own subheading.
                kept.append(block)
                prose_before = prose_before or is_prose(block)
                i += 1
                continue
            drop(section, blocks[i:end])
            i = end
            continue
        if _TAGS_LABEL.match(_normalized(block.text)):
            # "Tags" alone on its line: the label and the tag list or links under it go.
            end = i + 1
            while end < n and _is_tag_line(blocks[end]):
                end += 1
            drop("tags", blocks[i:end])
            i = end
            continue
        kind = line_furniture(block, title=title, authors=authors, before_prose=not prose_before, first=i == 0)
        if kind is not None:
            drop(kind, [block])
            i += 1
            continue
        if prose_before and is_link_teaser(block):
            drop("related", [block])
            i += 1
            continue
        text, tag = strip_editor_tag(block.text)
        if tag:
            removed.append({"kind": "editor_tag", "text": tag})
            block = Block(text, block.kind, block.link, block.link_share)
        kept.append(block)
        prose_before = prose_before or is_prose(block)
        i += 1

    _trim_tail(kept, drop)
    return kept, removed


def _trim_tail(kept: list[Block], drop: Callable[[str, Iterable[Block]], None]) -> None:
    """Take furniture off the end of the article, in place.

    After the last paragraph, whole-link lines and a list of headline links with their teasers are
    a related box without a heading; a heading that ends the text heads nothing of the article.
    """
    first_prose = next((index for index, block in enumerate(kept) if is_prose(block)), len(kept))
    while first_prose < len(kept) - 1:
        last = kept[-1]
        if last.link or last.kind == "head":
            drop("related", [kept.pop()])
            continue
        run = 0
        while run < len(kept) and kept[-1 - run].kind == "item" and kept[-1 - run].link_share >= _LISTED_LINK_SHARE:
            run += 1
        if run < _MIN_LISTED_LINKS or run >= len(kept) - first_prose:
            return
        items = kept[-run:]
        del kept[-run:]
        drop("related", items)


def join_blocks(blocks: list[Block]) -> str:
    """The article text: blocks separated by a blank line, list items and table rows by one newline."""
    parts: list[str] = []
    previous: Block | None = None
    for block in blocks:
        text = block.text.strip()
        if not text:
            continue
        if parts:
            tight = previous is not None and previous.kind == block.kind and block.kind in {"item", "row"}
            parts.append("\n" if tight else "\n\n")
        parts.append(text)
        previous = block
    return "".join(parts)
