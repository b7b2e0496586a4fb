"""How well the coder does on the PLOVER gold-standard records: type, actors, spurious events,
and whether ``confidence`` means something.

The records (``shared/corpus/plover-gsr/PLOVER_GSR_CAMEO.json``, CC BY-SA 4.0, read in place and
never copied) are single sentences from the CAMEO manual, each coded with one PLOVER event, its
source actors and its target actors (ISO-3 ``code`` and ``sector``). We run the whole pipeline over
each sentence and take the one event we would report for it (``main_event``: the non-negated event
whose trigger is highest in the parse, as the gold standard codes one event per sentence). Figures:

* type accuracy: share of sentences whose main event has the gold type;
* actor / recipient accuracy: share of sentences whose main event names an actor (recipient) of a
  gold source (target) country (or, for gold IGO/NGO codes, an actor of that sector);
* spurious share: sentences whose main event has another type than the gold one;
* a calibration table: confidence bins against the share of main events of the right type.

PLOVER codes a statement of intent as the speech act, not as the act intended: "X will visit Y",
"X is ready to send troops" are AGREE (CAMEO 03, intent to cooperate) and "X will impose
sanctions", "X would blockade Paris" are THREATEN (CAMEO 13). Our coder keeps the intended act and
marks it ``planned`` or ``hypothetical`` (the contract's status), so for the comparison a planned or
hypothetical cooperative event counts as AGREE and a conflictual one as THREATEN
(``gold_view``). ``--strict`` turns this off. Legacy names of the records (DEMAND, FIGHT...) are
mapped to today's categories. Run ``python -m newsevents.events.evaluate [path] [--strict] [--misses]``;
the report ends with the most frequent confusions (gold -> predicted).
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsevents.events.ontology import LEGACY_NAMES, QUAD_CODES
from newsevents.model import Actor, Analysis, Article, Event

if TYPE_CHECKING:
    from spacy.tokens import Doc

DEFAULT_CORPUS = (
    Path(__file__).resolve().parents[3].parent / "shared" / "corpus" / "plover-gsr" / "PLOVER_GSR_CAMEO.json"
)
# CAMEO country codes that differ from ISO 3166-1 alpha-3.
CAMEO_COUNTRY_ALIASES = {
    "JAP": "JPN",
    "ITL": "ITA",
    "VTN": "VNM",
    "ROM": "ROU",
    "GER": "DEU",
    "UKR": "UKR",
    "SRB": "SRB",
}
NON_STATE_CODES = frozenset({"IGO", "NGO", "IMG", "ISM", "MNC"})
# Intended events that PLOVER codes as the statement of intent.
INTENT_STATUSES = frozenset({"planned", "hypothetical"})
CALIBRATION_EDGES = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)


@dataclass
class Scores:
    """True positives, false positives and false negatives, overall and per event type."""

    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)

    def add(self, gold: str, predicted: Iterable[str]) -> None:
        predicted = set(predicted)
        for event in predicted:
            (self.tp if event == gold else self.fp)[event] += 1
        if gold not in predicted:
            self.fn[gold] += 1

    def prf(self, event: str | None = None) -> tuple[float, float, float]:
        """Precision, recall, F1 for one type, or micro-averaged over all when ``event`` is None."""
        tp = sum(self.tp.values()) if event is None else self.tp[event]
        fp = sum(self.fp.values()) if event is None else self.fp[event]
        fn = sum(self.fn.values()) if event is None else self.fn[event]
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


@dataclass
class GoldRecord:
    """One gold sentence: its event type and the codes of its source and target actors."""

    id: str
    text: str
    date: str
    event: str
    sources: list[str]
    targets: list[str]


@dataclass
class SentenceResult:
    """What we coded for one gold sentence, and how it compares."""

    record: GoldRecord
    predicted: str | None  # type of the main event, as PLOVER would code it
    strict: str | None  # type of the main event as we coded it
    confidence: float | None
    actor_codes: list[set[str]]  # per actor of the main event: the codes it matches
    recipient_codes: list[set[str]]
    every: set[str]  # types of every non-negated event

    @property
    def type_right(self) -> bool:
        return self.predicted == self.record.event

    @property
    def actor_right(self) -> bool:
        return any(codes & set(self.record.sources) for codes in self.actor_codes)

    @property
    def recipient_right(self) -> bool:
        return any(codes & set(self.record.targets) for codes in self.recipient_codes)


def load_records(path: Path = DEFAULT_CORPUS) -> list[GoldRecord]:
    """The gold records that have a sentence and an event."""
    records = []
    for record in json.loads(path.read_text(encoding="utf-8")):
        event = LEGACY_NAMES.get(record.get("event", ""), record.get("event", ""))
        if not record.get("text") or event == "DOCUMENT":
            continue
        records.append(
            GoldRecord(
                id=record["id"],
                text=record["text"],
                date=record.get("date") or "",
                event=event,
                sources=_codes(record.get("source")),
                targets=_codes(record.get("target")),
            )
        )
    return records


def _codes(actors: Any) -> list[str]:
    if not isinstance(actors, list):
        return []
    codes = []
    for actor in actors:
        code = str(actor.get("code") or "").upper()
        if code:
            codes.append(CAMEO_COUNTRY_ALIASES.get(code, code))
    return codes


def gold_view(event: Event) -> str:
    """The PLOVER category of an event as the gold standard codes it: an announced or offered
    cooperative act is AGREE, an announced or conditional conflictual act is THREATEN."""
    if event.status in INTENT_STATUSES and event.event not in ("AGREE", "THREATEN", "REQUEST"):
        return "AGREE" if QUAD_CODES[event.event] in (1, 2) else "THREATEN"
    return event.event


def actor_codes(analysis: Analysis, actor: Actor) -> set[str]:
    """The gold codes an actor matches: its country, IGO/NGO... when it has that sector, and the
    same for the organisation it belongs to ("UNICEF spokesman" -> UNICEF's)."""
    codes: set[str] = set()
    seen: set[str] = set()
    current: Actor | None = actor
    while current is not None and current.id not in seen:
        seen.add(current.id)
        if current.country:
            codes.add(current.country)
        codes |= {s for s in current.sectors if s in NON_STATE_CODES}
        current = analysis.actor(current.affiliation)
    return codes


def main_event(analysis: Analysis, doc: Doc) -> Event | None:
    """The non-negated event whose trigger is highest in the parse (ties: the earliest)."""
    candidates = [e for e in analysis.events if e.status != "negated"]
    if not candidates:
        return None
    return min(candidates, key=lambda e: (_depth(doc, e), e.trigger.start))


def _depth(doc: Doc, event: Event) -> int:
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return len(list(span.root.ancestors)) if span is not None else 99


def evaluate_sentences(path: Path = DEFAULT_CORPUS, strict: bool = False) -> list[SentenceResult]:
    """Run the pipeline over every gold sentence (one spaCy batch) and compare."""
    from newsevents.language import parse
    from newsevents.pipeline import Pipeline

    records = load_records(path)
    pipeline = Pipeline()
    articles = [Article(id=r.id, text=r.text, published=r.date or None, language="en") for r in records]
    versions = pipeline.versions()
    docs = parse(pipeline.nlp, (a.text for a in articles))
    results = []
    for record, article, doc in zip(records, articles, docs, strict=True):
        analysis = pipeline.analyze_doc(article, doc, versions)
        if not isinstance(analysis, Analysis):
            results.append(SentenceResult(record, None, None, None, [], [], set()))
            continue
        top = main_event(analysis, doc)
        view = (lambda e: e.event) if strict else gold_view
        results.append(
            SentenceResult(
                record=record,
                predicted=view(top) if top else None,
                strict=top.event if top else None,
                confidence=top.confidence if top else None,
                actor_codes=[actor_codes(analysis, a) for a in _actors(analysis, top.actor if top else [])],
                recipient_codes=[actor_codes(analysis, a) for a in _actors(analysis, top.recipient if top else [])],
                every={view(e) for e in analysis.events if e.status != "negated"},
            )
        )
    return results


def _actors(analysis: Analysis, ids: Sequence[str]) -> list[Actor]:
    return [a for a in (analysis.actor(i) for i in ids) if a is not None]


def type_scores(results: Sequence[SentenceResult]) -> tuple[Scores, Scores]:
    """(main event per sentence, every non-negated event) precision/recall tallies."""
    main, every = Scores(), Scores()
    for result in results:
        main.add(result.record.event, [result.predicted] if result.predicted else [])
        every.add(result.record.event, result.every)
    return main, every


def summary(results: Sequence[SentenceResult]) -> dict[str, float]:
    """The headline figures: type accuracy, actor and recipient accuracy, spurious share."""
    n = len(results) or 1
    coded = [r for r in results if r.predicted]
    with_source = [r for r in coded if r.record.sources]
    with_target = [r for r in coded if r.record.targets]
    return {
        "sentences": float(len(results)),
        "coded": len(coded) / n,
        "type_accuracy": sum(r.type_right for r in results) / n,
        "strict_type_accuracy": sum(r.strict == r.record.event for r in results) / n,
        "actor_accuracy": sum(r.actor_right for r in with_source) / (len(with_source) or 1),
        "recipient_accuracy": sum(r.recipient_right for r in with_target) / (len(with_target) or 1),
        "actor_accuracy_all": sum(r.actor_right for r in results if r.record.sources)
        / (sum(1 for r in results if r.record.sources) or 1),
        "spurious_share": sum(1 for r in coded if not r.type_right) / n,
    }


def confusions(results: Sequence[SentenceResult]) -> Counter[tuple[str, str]]:
    """(gold type, predicted type or "-" when nothing was coded) for every sentence typed wrong."""
    return Counter((r.record.event, r.predicted or "-") for r in results if not r.type_right)


def calibration_table(
    path: Path = DEFAULT_CORPUS,
    results: Sequence[SentenceResult] | None = None,
    edges: Sequence[float] = CALIBRATION_EDGES,
) -> list[dict[str, float]]:
    """Confidence bins of the main events on the GSR set against the share of them with the right
    type: rows {low, high, events, correct, share}. A meaningful confidence rises with the share."""
    if results is None:
        results = evaluate_sentences(path)
    rows = []
    for low, high in itertools.pairwise(edges):
        last = high == edges[-1]
        inside = [
            r
            for r in results
            if r.confidence is not None
            and low <= r.confidence
            and (r.confidence <= high if last else r.confidence < high)
        ]
        correct = sum(r.type_right for r in inside)
        rows.append(
            {
                "low": low,
                "high": high,
                "events": float(len(inside)),
                "correct": float(correct),
                "share": correct / len(inside) if inside else 0.0,
            }
        )
    return rows


def report(results: Sequence[SentenceResult]) -> str:
    """A plain-text report: headline figures, per-type table, calibration table."""
    main, every = type_scores(results)
    figures = summary(results)
    lines = [f"PLOVER GSR: {len(results)} sentences"]
    lines += [f"  {name:<22} {value:.3f}" for name, value in figures.items() if name != "sentences"]
    lines.append(f"{'type':<10} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}")
    for event in sorted(set(main.tp) | set(main.fp) | set(main.fn)):
        p, r, f = main.prf(event)
        lines.append(
            f"{event:<10} {p:6.3f} {r:6.3f} {f:6.3f} {main.tp[event]:4d} {main.fp[event]:4d} {main.fn[event]:4d}"
        )
    p, r, f = main.prf()
    lines.append(f"{'micro':<10} {p:6.3f} {r:6.3f} {f:6.3f}   (main event per sentence)")
    p, r, f = every.prf()
    lines.append(f"{'micro-all':<10} {p:6.3f} {r:6.3f} {f:6.3f}   (every non-negated event)")
    lines.append("confusions (gold -> predicted, '-' for nothing coded), most frequent first")
    for (gold, predicted), count in confusions(results).most_common(15):
        lines.append(f"  {gold:<10} -> {predicted:<10} {count:3d}")
    lines.append("calibration (main events): confidence bin, events, share of the right type")
    for row in calibration_table(results=results):
        lines.append(f"  [{row['low']:.2f}, {row['high']:.2f})  {int(row['events']):4d}  {row['share']:.3f}")
    return "\n".join(lines)


def misses(results: Sequence[SentenceResult]) -> str:
    """One line per sentence typed wrong: record id, gold and predicted type, the sentence."""
    return "\n".join(
        f"{r.record.id}\t{r.record.event}\t{r.predicted or '-'}\t{r.record.text}" for r in results if not r.type_right
    )


def main(argv: list[str] | None = None) -> int:
    """Print type, actor and recipient accuracy, the spurious share, confusions and calibration."""
    parser = argparse.ArgumentParser(
        prog="python -m newsevents.events.evaluate",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("path", nargs="?", default=str(DEFAULT_CORPUS), help="PLOVER_GSR_CAMEO.json")
    parser.add_argument("--strict", action="store_true", help="compare our own types, no intent convention")
    parser.add_argument("--misses", action="store_true", help="also list every sentence typed wrong")
    args = parser.parse_args(argv)
    path = Path(args.path)
    if not path.exists():
        parser.error(f"GSR corpus not found at {path}; pass its path as the first argument")
    results = evaluate_sentences(path, strict=args.strict)
    print(report(results))
    if args.misses:
        print(misses(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
