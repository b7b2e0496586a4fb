"""Merged events: the events of one story that report the same happening become one story-level event.

Two reports are the same happening when they have the same PLOVER type, compatible actors (a shared
canonical name or country), compatible recipients, dates within ``date_tolerance_days`` and the same
place (or one of them unplaced). A merged event lists every article and sentence it came from, counts
articles and distinct sites (syndicated copies of a reporting article count too), and keeps
conflicting details side by side with their sources: each date reported, each number in the evidence
sentences, each status.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from typing import Any

from newsevents.model import stable_id
from newsevents.store import Store
from newsevents.stories.keys import normalise_name

# meta key: the stories whose merged events are due (members written, merge not yet redone); the
# backfill and the story index note them there before writing, and clear it once they are merged.
UNMERGED_KEY = "stories_backfill_unmerged"


@dataclass
class Participant:
    name: str | None
    country: str | None
    generic: bool = False


@dataclass
class Mention:
    """One article's report of an event: what it says and the sentence it says it in."""

    article_id: str
    event_id: str
    event: str
    mode: str | None
    status: str
    date: str | None
    place: str | None
    place_country: str | None
    site: str | None
    published: str | None
    sentence_start: int
    sentence_end: int
    sentence: str
    actors: list[Participant] = field(default_factory=list)
    recipients: list[Participant] = field(default_factory=list)
    numbers: list[dict[str, Any]] = field(default_factory=list)  # quantities inside the sentence

    def as_dict(self) -> dict[str, Any]:
        keys = ("article_id", "event_id", "site", "published", "date", "sentence_start", "sentence_end", "sentence")
        return {k: getattr(self, k) for k in keys}


def _identity(participants: list[Participant]) -> tuple[set[str], set[str]]:
    names = {normalise_name(p.name) for p in participants if p.name}
    countries = {p.country for p in participants if p.country}
    return names, countries


def participants_match(a: list[Participant], b: list[Participant], *, missing_matches: bool) -> bool:
    """Whether two reports name the same side: a shared canonical name or country.

    ``missing_matches``: whether a side left unnamed by one report matches anything (recipients are
    often left out; actors are not).
    """
    if not a or not b:
        return missing_matches or (not a and not b)
    names_a, countries_a = _identity(a)
    names_b, countries_b = _identity(b)
    return bool(names_a & names_b or countries_a & countries_b)


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


def same_happening(a: Mention, b: Mention, date_tolerance_days: int = 1) -> bool:
    """Whether two reports in one story are of the same happening."""
    if a.event != b.event:
        return False
    if not participants_match(a.actors, b.actors, missing_matches=False):
        return False
    if not participants_match(a.recipients, b.recipients, missing_matches=True):
        return False
    day_a, day_b = _day(a.date), _day(b.date)
    if day_a and day_b and abs((day_a - day_b).days) > date_tolerance_days:
        return False
    if a.place and b.place and normalise_name(a.place) != normalise_name(b.place):
        return bool(a.place_country and a.place_country == b.place_country)  # a suburb and its city
    return True


def group_mentions(mentions: list[Mention], date_tolerance_days: int = 1) -> list[list[Mention]]:
    """Group reports into happenings: each joins the first group whose first report it matches."""
    groups: list[list[Mention]] = []
    # Only reports of one PLOVER type can match, so each is compared with the groups of its type alone
    # (in the order they were begun): a story of many reports of many types no longer costs their square.
    by_type: dict[str, list[list[Mention]]] = {}
    for mention in mentions:
        candidates = by_type.setdefault(mention.event, [])
        for group in candidates:
            if same_happening(group[0], mention, date_tolerance_days):
                group.append(mention)
                break
        else:
            candidates.append([mention])
            groups.append(candidates[-1])
    return groups


def _side_by_side(values: list[tuple[Any, Mention]]) -> list[dict[str, Any]]:
    """Each distinct value with the reports that gave it, most reported first."""
    by_value: dict[Any, dict[str, dict[str, Any]]] = {}
    for value, m in values:
        sources = by_value.setdefault(value, {})
        if m.article_id not in sources:  # an article that gives a value twice is one source of it
            sources[m.article_id] = {"article_id": m.article_id, "site": m.site}
    if len(by_value) == 1:
        ((value, sources),) = by_value.items()
        return [{"value": value, "sources": list(sources.values())}]
    ordered = sorted(by_value.items(), key=lambda kv: (-len(kv[1]), str(kv[0])))
    return [{"value": v, "sources": list(s.values())} for v, s in ordered]


def _names(mentions: list[Mention], role: str) -> list[str]:
    named: Counter[str] = Counter()
    generic: Counter[str] = Counter()
    for m in mentions:
        for p in getattr(m, role):
            if p.name:
                (generic if p.generic else named)[p.name] += 1
    chosen = named or generic
    return sorted(chosen, key=lambda n: (-chosen[n], n))


def merge_group(story_id: str, group: list[Mention], copies: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """One story-level event from the reports of one happening."""
    first = group[0]
    reports = [(m.article_id, m.site, m.published) for m in group]
    for article_id in dict.fromkeys(m.article_id for m in group):
        reports += [(c["article_id"], c["site"], c["published"]) for c in copies.get(article_id, [])]
    articles = {r[0] for r in reports}
    sites = {r[1] or r[0] for r in reports}
    seen = sorted(p for _, _, p in reports if p)
    dates = _side_by_side([(m.date, m) for m in group if m.date])
    numbers = _side_by_side([((n["value"], n["unit"]), m) for m in group for n in m.numbers if n["value"] is not None])
    statuses = _side_by_side([(m.status, m) for m in group])
    places = _side_by_side([(m.place, m) for m in group if m.place])
    modes = Counter(m.mode for m in group if m.mode)
    return {
        "id": stable_id("story-event", story_id, first.article_id, first.event_id),
        "event": first.event,
        "mode": modes.most_common(1)[0][0] if modes else None,
        "status": statuses[0]["value"],
        "actor": _names(group, "actors"),
        "recipient": _names(group, "recipients"),
        "date": dates[0]["value"] if dates else None,
        "place": places[0]["value"] if places else None,
        "num_articles": len(articles),
        "num_sources": len(sites),
        "first_seen": seen[0] if seen else None,
        "last_seen": seen[-1] if seen else None,
        "details": {
            "dates": dates,
            "numbers": [{"value": n["value"][0], "unit": n["value"][1], "sources": n["sources"]} for n in numbers],
            "statuses": statuses,
            "places": places,
            "copies": [c for a in dict.fromkeys(m.article_id for m in group) for c in copies.get(a, [])],
        },
        "mentions": [m.as_dict() for m in group],
    }


def mentions_from_rows(inputs: dict[str, list[dict[str, Any]]]) -> list[Mention]:
    """Reports built from the store's rows for one story (``Store.stories_event_inputs``)."""
    sides: dict[tuple[str, str], dict[str, list[Participant]]] = {}
    for p in inputs["participants"]:
        side = sides.setdefault((p["article_id"], p["event_id"]), {"actor": [], "recipient": []})
        side[p["role"]].append(Participant(p["name"], p["country"], bool(p["generic"])))
    quantities: dict[str, list[dict[str, Any]]] = {}
    for q in inputs["quantities"]:
        quantities.setdefault(q["article_id"], []).append(q)
    for found in quantities.values():
        found.sort(key=_start)
    mentions = []
    for e in inputs["events"]:
        side = sides.get((e["article_id"], e["event_id"]), {"actor": [], "recipient": []})
        start, end = e["sentence_start"], e["sentence_end"]
        numbers = []
        found = quantities.get(e["article_id"])
        if found:  # those inside the sentence: sorted by start, from the first that starts in it
            for q in islice(found, bisect_left(found, start, key=_start), None):
                if q["start_char"] > end:
                    break
                if q["end_char"] <= end:
                    numbers.append({"text": q["text"], "value": q["value"], "unit": q["unit"]})
        mentions.append(Mention(
            e["article_id"], e["event_id"], e["event"], e["mode"], e["status"], e["date"], e["place_name"],
            e["place_country"], e["site"], e["published"], start, end, e["sentence"],
            side["actor"], side["recipient"], numbers,
        ))  # fmt: skip
    return mentions


def note_unmerged(store: Store, story_ids: set[str]) -> None:
    """Note in the store that the merged events of ``story_ids`` are due (before their members are written)."""
    store.set_meta({UNMERGED_KEY: json.dumps(sorted(story_ids))})


def merge_noted(store: Store, story_ids: set[str]) -> None:
    """Recompute the merged events of ``story_ids``, then clear the note that they were due."""
    merge_stories_events(store, sorted(story_ids))
    store.set_meta({UNMERGED_KEY: None})


def _start(quantity: dict[str, Any]) -> int:
    return int(quantity["start_char"])


def merge_story_events(store: Store, story_id: str, date_tolerance_days: int = 1) -> list[dict[str, Any]]:
    """Recompute and store the merged events of one story; returns them."""
    return merge_stories_events(store, [story_id], date_tolerance_days)[story_id]


MERGE_CHUNK = 2000  # stories read and written together; bounds the memory a backfill of a big archive takes


def merge_stories_events(
    store: Store, story_ids: list[str], date_tolerance_days: int = 1
) -> dict[str, list[dict[str, Any]]]:
    """Recompute and store the merged events of ``story_ids`` with one read and one write per chunk of
    stories (a query per story cost most of refreshing a batch's stories); returns them by story."""
    merged: dict[str, list[dict[str, Any]]] = {}
    ordered = sorted(set(story_ids))
    for i in range(0, len(ordered), MERGE_CHUNK):
        chunk = ordered[i : i + MERGE_CHUNK]
        inputs = store.stories_event_inputs(chunk)
        done = {s: _merge_inputs(s, inputs[s], date_tolerance_days) if s in inputs else [] for s in chunk}
        store.replace_stories_events(done)
        merged.update(done)
    return merged


def _merge_inputs(story_id: str, inputs: dict[str, list[dict[str, Any]]], date_tolerance_days: int) -> list[dict]:
    copies: dict[str, list[dict[str, Any]]] = {}
    for c in inputs["copies"]:
        copies.setdefault(c["copy_of"], []).append(
            {"article_id": c["article_id"], "site": c["site"], "published": c["published"]}
        )
    groups = group_mentions(mentions_from_rows(inputs), date_tolerance_days)
    return [merge_group(story_id, g, copies) for g in groups]
