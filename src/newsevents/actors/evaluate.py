"""How well the entities and actors stages resolve the actors of the PLOVER gold-standard records.

The records (``shared/corpus/plover-gsr/PLOVER_GSR_CAMEO.json``, CC BY-SA 4.0, read in place and
never copied) are single sentences from the CAMEO manual; each names its source and target actors
with the words that denote them (``actorText``), an ISO-3 country ``code`` (or IGO, NGO, IMG... for
non-state actors) and often a PLOVER ``sector``. We run the entities and actors stages over every
sentence (one spaCy batch), find the gold actor's words in the sentence, and take the actors linked
to our entities that overlap those words. Figures:

* code share: gold actors whose code one of those actors carries (its ``country``, the country of the
  organisation it belongs to, or an IGO/NGO... sector for a non-state code);
* sector share: of the gold actors with a sector, those whose sector one of those actors carries.
  Gold sectors are read by their first three letters ("CVLalb" -> CVL, "CIV" -> CVL); religious
  codes (MOS, CHR...) count as REL; "***" (unknown) is left out;
* found share: gold actors overlapped by any actor of ours at all.

It is a dev set: improve the knowledge base and general mechanisms, never a rule for one sentence.
Run ``python -m newsevents.actors.evaluate [path] [--misses]``.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsevents.model import Actor, Analysis, Article

DEFAULT_CORPUS = Path(__file__).resolve().parents[4] / "shared" / "corpus" / "plover-gsr" / "PLOVER_GSR_CAMEO.json"
# CAMEO country codes that differ from ISO 3166-1 alpha-3.
CAMEO_COUNTRY_ALIASES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ROM": "ROU", "GER": "DEU"}
NON_STATE_CODES = frozenset({"IGO", "NGO", "IMG", "ISM", "MNC"})
# Sector letters of the gold records that name the same sector as ours under another code.
SECTOR_ALIASES = {"CIV": "CVL", "MOS": "REL", "CHR": "REL", "JEW": "REL", "BUD": "REL", "HIN": "REL"}


@dataclass
class GoldActor:
    """One source or target actor of a gold sentence."""

    record: str
    role: str  # source | target
    text: str
    code: str
    sector: str | None
    start: int | None  # where ``text`` is in the sentence; None when it is not there verbatim
    end: int | None


@dataclass
class ActorResult:
    """A gold actor and what our actors over its words say."""

    gold: GoldActor
    sentence: str
    codes: set[str] = field(default_factory=set)
    sectors: set[str] = field(default_factory=set)
    found: bool = False

    @property
    def code_right(self) -> bool:
        return self.gold.code in self.codes

    @property
    def sector_right(self) -> bool:
        return self.gold.sector is not None and self.gold.sector in self.sectors


def normalise_sector(sector: Any) -> str | None:
    """A gold sector as one of our codes, or None when the record gives none (or "***")."""
    if not isinstance(sector, str) or len(sector) < 3 or not sector[:3].isalpha():
        return None
    head = sector[:3].upper()
    return SECTOR_ALIASES.get(head, head)


def load_gold(path: Path = DEFAULT_CORPUS) -> list[tuple[str, str, list[GoldActor]]]:
    """(record id, sentence, gold actors) for every record with a sentence and at least one actor."""
    items = []
    for record in json.loads(path.read_text(encoding="utf-8")):
        text = record.get("text")
        if not text or record.get("event") == "DOCUMENT":
            continue
        actors = []
        for role in ("source", "target"):
            for actor in record.get(role) or []:
                if not isinstance(actor, dict) or not actor.get("actorText") or not actor.get("code"):
                    continue
                code = str(actor["code"]).upper()
                where = _locate(text, actor["actorText"])
                actors.append(GoldActor(
                    record=record["id"], role=role, text=actor["actorText"],
                    code=CAMEO_COUNTRY_ALIASES.get(code, code), sector=normalise_sector(actor.get("sector")),
                    start=where[0] if where else None, end=where[1] if where else None,
                ))  # fmt: skip
        if actors:
            items.append((record["id"], text, actors))
    return items


def _locate(text: str, words: str) -> tuple[int, int] | None:
    """Where the gold words are in the sentence: verbatim, else from the first to the last word of
    them ("U.S. ... negotiators", "Jordan's King Abdullah II" for "Jordan's visiting King Abdullah II")."""
    lower, wanted = text.lower(), " ".join(words.lower().split())
    start = lower.find(wanted)
    if start >= 0:
        return start, start + len(wanted)
    parts = [p for p in re.split(r"\s*\.\.+\s*|\s+", wanted.strip(" .")) if p]
    if not parts:
        return None
    first = lower.find(parts[0])
    last = lower.find(parts[-1], first + len(parts[0])) if first >= 0 and len(parts) > 1 else first
    if first < 0 or last < 0 or last - first > 3 * len(wanted) + 20:
        return None
    return first, last + len(parts[-1])


def actor_codes(analysis: Analysis, actor: Actor) -> tuple[set[str], set[str]]:
    """(codes, sectors) an actor stands for: its own and those of the organisation it belongs to."""
    codes: set[str] = set()
    sectors: set[str] = set(actor.sectors)
    seen: set[str] = set()
    current: Actor | None = actor
    while current is not None and current.id not in seen:
        seen.add(current.id)
        if current.country:
            codes.add(current.country)
        codes |= {s for s in current.sectors if s in NON_STATE_CODES}
        current = analysis.actor(current.affiliation)
    return codes, sectors


def evaluate_actors(path: Path = DEFAULT_CORPUS) -> list[ActorResult]:
    """Run the entities and actors stages over every gold sentence and compare each gold actor."""
    from newsevents.actors import resolve_actors
    from newsevents.entities import find_entities
    from newsevents.language import parse
    from newsevents.pipeline import Pipeline

    gold = load_gold(path)
    pipeline = Pipeline()
    results = []
    for (record_id, text, actors), doc in zip(gold, parse(pipeline.nlp, (t for _, t, _ in gold)), strict=True):
        analysis = Analysis(article=Article(id=record_id, text=text, language="en"))
        find_entities(analysis, doc)
        resolve_actors(analysis, doc)
        for gold_actor in actors:
            result = ActorResult(gold_actor, text)
            if gold_actor.start is not None and gold_actor.end is not None:
                for entity in analysis.entities:
                    if entity.actor and entity.start < gold_actor.end and gold_actor.start < entity.end:
                        actor = analysis.actor(entity.actor)
                        if actor is None:
                            continue
                        codes, sectors = actor_codes(analysis, actor)
                        result.codes |= codes
                        result.sectors |= sectors
                        result.found = True
            results.append(result)
    return results


def summary(results: Sequence[ActorResult]) -> dict[str, float]:
    """Headline figures: code share, sector share (of gold actors with a sector), found share."""
    n = len(results) or 1
    with_sector = [r for r in results if r.gold.sector]
    return {
        "gold_actors": float(len(results)),
        "with_sector": float(len(with_sector)),
        "found_share": sum(r.found for r in results) / n,
        "code_share": sum(r.code_right for r in results) / n,
        "sector_share": sum(r.sector_right for r in with_sector) / (len(with_sector) or 1),
    }


def report(results: Sequence[ActorResult], misses: bool = False) -> str:
    figures = summary(results)
    lines = [
        f"PLOVER GSR actors: {int(figures['gold_actors'])} gold actors, {int(figures['with_sector'])} with a sector"
    ]
    lines += [f"  {name:<12} {value:.3f}" for name, value in figures.items() if name.endswith("share")]
    if misses:
        for r in results:
            if not r.code_right or (r.gold.sector and not r.sector_right):
                lines.append(
                    f"  MISS {r.gold.record} {r.gold.text!r} gold={r.gold.code}/{r.gold.sector} "
                    f"ours={sorted(r.codes)}/{sorted(r.sectors)} :: {r.sentence}"
                )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the share of gold actor codes and sectors our actors resolve."""
    parser = argparse.ArgumentParser(prog="python -m newsevents.actors.evaluate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("path", nargs="?", default=str(DEFAULT_CORPUS), help="PLOVER_GSR_CAMEO.json")
    parser.add_argument("--misses", action="store_true", help="list every gold actor we get wrong")
    args = parser.parse_args(argv)
    path = Path(args.path)
    if not path.exists():
        print(f"GSR corpus not found at {path}; pass its path as the first argument (skipped)")
        return 0
    print(report(evaluate_actors(path), misses=args.misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
