"""An ``Analysis`` rebuilt from its contract document (``Analysis.as_dict``), the inverse of ``as_dict``.

The Parquet output carries each article's document; ``newsevents load`` rebuilds the Analysis from it
so the store writes exactly the rows a local ingest writes. (This belongs next to ``as_dict`` in
``model.py``; it lives here until the data model's owner moves it.)
"""

from __future__ import annotations

from typing import Any

from newsevents.model import (
    Actor,
    Analysis,
    Article,
    Entity,
    Event,
    Place,
    Quantity,
    Quote,
    Span,
    Speaker,
    TimeExpr,
)


def analysis_from_dict(data: dict[str, Any], article: Article | None = None) -> Analysis:
    """The Analysis whose ``as_dict()`` is ``data`` (with ``article`` instead of ``data["article"]`` if given)."""
    return Analysis(
        article=article if article is not None else Article.from_dict(data["article"]),
        entities=[Entity(**e) for e in data.get("entities", [])],
        actors=[_actor(a) for a in data.get("actors", [])],
        places=[_place(p) for p in data.get("places", [])],
        times=[TimeExpr(**t) for t in data.get("times", [])],
        quotes=[_quote(q) for q in data.get("quotes", [])],
        quantities=[Quantity(**q) for q in data.get("quantities", [])],
        events=[_event(e) for e in data.get("events", [])],
        pipeline=dict(data.get("pipeline") or {}),
    )


def _actor(data: dict[str, Any]) -> Actor:
    return Actor(**{**data, "sectors": list(data.get("sectors") or []), "mentions": list(data.get("mentions") or [])})


def _place(data: dict[str, Any]) -> Place:
    return Place(**{**data, "mentions": list(data.get("mentions") or [])})


def _quote(data: dict[str, Any]) -> Quote:
    return Quote(**{**data, "speaker": Speaker(**data["speaker"])})


def _span(data: dict[str, Any]) -> Span:
    return Span(data["start"], data["end"], data["text"])


def _event(data: dict[str, Any]) -> Event:
    return Event(
        **{
            **data,
            "context": list(data.get("context") or []),
            "actor": list(data.get("actor") or []),
            "recipient": list(data.get("recipient") or []),
            "sentence": _span(data["sentence"]),
            "trigger": _span(data["trigger"]),
            "evidence": [_span(s) for s in data.get("evidence") or []],
        }
    )
