"""The one data model: an article's cleaned text and the spans found in it.

Every fact is a character-offset span into ``Article.text`` (Unicode code points, end exclusive) plus
ids that link facts to each other (an entity to its actor and place, an event to its actors). Stages
append to an ``Analysis``; ``Analysis.as_dict`` gives the document of the output contract
(``newsevents/analysis/v1``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from functools import cache
from typing import Any

SCHEMA_ID = "newsevents/analysis/v1"

PLOVER_EVENTS = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
EVENT_STATUSES = ("asserted", "planned", "negated", "hypothetical")


def stable_id(*parts: str, length: int = 16) -> str:
    """A short hex digest of ``parts``: the same inputs always give the same id."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return digest[:length]


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _record(obj: Any) -> dict[str, Any]:
    """A dataclass of plain values and lists of them as a dict, as ``dataclasses.asdict`` gives it without
    its recursive deep copies (which were most of the time of storing an article)."""
    return {name: list(value) if isinstance(value, list) else value
            for name in _field_names(type(obj)) for value in (getattr(obj, name),)}


@dataclass
class Span:
    """A stretch of the article text, ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Article:
    """What extraction gives: the body text and the page's metadata."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    site: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO 8601 date or date-time
    language: str | None = None  # ISO 639-1
    removed: list[dict[str, str]] = field(default_factory=list)  # boilerplate dropped: {kind, text}
    source: str | None = None  # the input this came from (file path, "path:line", "-")

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "site": self.site,
            "title": self.title,
            "authors": list(self.authors),
            "published": self.published,
            "language": self.language,
            "text": self.text,
            "removed": [dict(item) for item in self.removed],
            "source": self.source,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return cls(
            id=data["id"],
            text=data["text"],
            title=data.get("title"),
            url=data.get("url"),
            site=data.get("site"),
            authors=list(data.get("authors") or []),
            published=data.get("published"),
            language=data.get("language"),
            removed=list(data.get("removed") or []),
            source=data.get("source"),
        )


@dataclass
class Entity:
    """A named (or nominal) mention; ``label`` is spaCy's (PERSON, ORG, GPE...) or NOMINAL."""

    id: str
    label: str
    start: int
    end: int
    text: str
    actor: str | None = None
    place: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return _record(self)


@dataclass
class Actor:
    """One participant per article: a country, organisation, person or group."""

    id: str
    name: str
    kind: str  # country | organization | person | group
    country: str | None = None  # ISO 3166-1 alpha-3
    sectors: list[str] = field(default_factory=list)  # PLOVER sector codes
    title: str | None = None
    affiliation: str | None = None  # actor id
    mentions: list[str] = field(default_factory=list)  # entity ids
    generic: bool = False  # "officials", "a senior official": no name of its own
    wikidata: str | None = None  # Q-id from the knowledge base, where known

    def as_dict(self) -> dict[str, Any]:
        return _record(self)


@dataclass
class Place:
    """A geocoded location named in the article."""

    id: str
    name: str
    feature: str  # country | admin | city | region | other
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    mentions: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return _record(self)


@dataclass
class TimeExpr:
    """A time expression and the calendar value it stands for."""

    id: str
    start: int
    end: int
    text: str
    value: str | None  # YYYY-MM-DD, YYYY-MM or YYYY; for a range ("3-5 March"), its first unit
    granularity: str = "unknown"  # day | week | month | year | unknown
    anchor: str = "none"  # published | explicit | none
    end_value: str | None = None  # a range's last unit, same granularity as ``value``; None for one point

    def as_dict(self) -> dict[str, Any]:
        return _record(self)


@dataclass
class Speaker:
    text: str | None
    start: int | None
    end: int | None
    actor: str | None
    anonymous: bool

    def as_dict(self) -> dict[str, Any]:
        return _record(self)


@dataclass
class Quote:
    id: str
    kind: str  # direct | partial | indirect
    start: int
    end: int
    text: str
    speaker: Speaker
    cue: str | None = None

    def as_dict(self) -> dict[str, Any]:
        data = _record(self)
        data["speaker"] = self.speaker.as_dict()
        return data


@dataclass
class Quantity:
    id: str
    start: int
    end: int
    text: str
    value: float | None
    unit: str | None
    approx: str = "exact"  # exact | about | more_than | less_than | up_to | at_least

    def as_dict(self) -> dict[str, Any]:
        return _record(self)


@dataclass
class Event:
    """A PLOVER event with its participants and the sentence that reports it."""

    id: str
    event: str
    status: str
    actor: list[str]
    recipient: list[str]
    sentence: Span
    trigger: Span
    confidence: float
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    date: str | None = None
    enddate: str | None = None
    place: str | None = None
    quad_code: int | None = None
    date_source: str | None = None  # "text": a time expression in the article; "published": its publication day
    scale: float | None = None
    evidence: list[Span] = field(default_factory=list)
    quote: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "event": self.event,
            "mode": self.mode,
            "context": list(self.context),
            "status": self.status,
            "actor": list(self.actor),
            "recipient": list(self.recipient),
            "date": self.date,
            "enddate": self.enddate,
            "date_source": self.date_source,
            "place": self.place,
            "sentence": self.sentence.as_dict(),
            "trigger": self.trigger.as_dict(),
            "quad_code": self.quad_code,
            "confidence": self.confidence,
            "scale": self.scale,
            "evidence": [span.as_dict() for span in self.evidence],
            "quote": self.quote,
        }


@dataclass
class Analysis:
    """Everything found in one article; stages append to its lists."""

    article: Article
    entities: list[Entity] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    pipeline: dict[str, str] = field(default_factory=dict)  # versions of the code and model used

    def span(self, start: int, end: int) -> Span:
        """A span of the article text, with its text filled in."""
        return Span(start, end, self.article.text[start:end])

    def trimmed_span(self, start: int, end: int) -> Span:
        """A span of the article text with surrounding whitespace left out (sentences end in line breaks)."""
        text = self.article.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return Span(start, end, text[start:end])

    def actor(self, actor_id: str | None) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None) if actor_id else None

    def place(self, place_id: str | None) -> Place | None:
        return next((p for p in self.places if p.id == place_id), None) if place_id else None

    def entities_in(self, start: int, end: int) -> list[Entity]:
        """Entities lying wholly inside ``[start, end)``, in text order."""
        return [e for e in self.entities if e.start >= start and e.end <= end]

    def actor_at(self, start: int, end: int) -> Actor | None:
        """The actor of the longest entity inside ``[start, end)`` that has one."""
        linked = [e for e in self.entities_in(start, end) if e.actor]
        if not linked:
            return None
        best = max(linked, key=lambda e: (e.end - e.start, -e.start))
        return self.actor(best.actor)

    def as_dict(self) -> dict[str, Any]:
        """The document of the output contract."""
        return {
            "schema": SCHEMA_ID,
            "article": self.article.as_dict(),
            "entities": [e.as_dict() for e in self.entities],
            "actors": [a.as_dict() for a in self.actors],
            "places": [p.as_dict() for p in self.places],
            "times": [t.as_dict() for t in self.times],
            "quotes": [q.as_dict() for q in self.quotes],
            "quantities": [q.as_dict() for q in self.quantities],
            "events": [e.as_dict() for e in self.events],
            "pipeline": dict(self.pipeline),
        }
