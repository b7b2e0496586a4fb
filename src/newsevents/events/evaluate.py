"""Event-type precision, recall and F1 of our coder on the PLOVER gold-standard records.

The records (``shared/corpus/plover-gsr/PLOVER_GSR_CAMEO.json``, CC BY-SA 4.0, read in place and
never copied) are single sentences from the CAMEO manual, each coded with one PLOVER event. We run
the whole pipeline over each sentence and compare event types:

* ``main``: the one event we would report for the sentence (the non-negated event whose trigger is
  highest in the parse, as the gold standard codes one event per sentence);
* ``all``: every non-negated event we code in the sentence.

A predicted type counts as correct when it is the gold type of that sentence (legacy names such as
DEMAND or FIGHT are mapped to today's categories). Run ``python -m newsevents.events.evaluate
[path]``.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newsevents.events.ontology import LEGACY_NAMES
from newsevents.model import Analysis, Article, Event

if TYPE_CHECKING:
    from spacy.tokens import Doc

DEFAULT_CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus" / "plover-gsr" / \
    "PLOVER_GSR_CAMEO.json"


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


def load_records(path: Path = DEFAULT_CORPUS) -> list[dict[str, str]]:
    """The gold records with a sentence and an event, as {id, text, date, event}."""
    records = []
    for record in json.loads(path.read_text(encoding="utf-8")):
        event = LEGACY_NAMES.get(record.get("event", ""), record.get("event", ""))
        if not record.get("text") or event == "DOCUMENT":
            continue
        records.append({"id": record["id"], "text": record["text"], "date": record.get("date") or "",
                        "event": event})
    return records


def main_event(analysis: Analysis, doc: Doc) -> Event | None:
    """The non-negated event whose trigger is highest in the parse (ties: the earliest)."""
    candidates = [e for e in analysis.events if e.status != "negated"]
    if not candidates:
        return None
    return min(candidates, key=lambda e: (_depth(doc, e), e.trigger.start))


def _depth(doc: Doc, event: Event) -> int:
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return len(list(span.root.ancestors)) if span is not None else 99


def evaluate(path: Path = DEFAULT_CORPUS) -> tuple[Scores, Scores, int]:
    """Run the pipeline over every gold sentence; returns (main scores, all-events scores, n)."""
    from newsevents.language import parse
    from newsevents.pipeline import Pipeline

    records = load_records(path)
    pipeline = Pipeline()
    articles = [Article(id=r["id"], text=r["text"], published=r["date"] or None, language="en")
                for r in records]
    main, every = Scores(), Scores()
    versions = pipeline.versions()
    docs = parse(pipeline.nlp, (a.text for a in articles))
    for record, article, doc in zip(records, articles, docs, strict=True):
        result = pipeline.analyze_doc(article, doc, versions)
        if not isinstance(result, Analysis):
            main.add(record["event"], [])
            every.add(record["event"], [])
            continue
        top = main_event(result, doc)
        main.add(record["event"], [top.event] if top else [])
        every.add(record["event"], {e.event for e in result.events if e.status != "negated"})
    return main, every, len(records)


def report(main: Scores, every: Scores, n: int) -> str:
    """A plain-text table of the scores."""
    lines = [f"PLOVER GSR: {n} sentences", f"{'type':<10} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}"]
    for event in sorted(set(main.tp) | set(main.fp) | set(main.fn)):
        p, r, f = main.prf(event)
        lines.append(f"{event:<10} {p:6.3f} {r:6.3f} {f:6.3f} {main.tp[event]:4d} {main.fp[event]:4d} "
                     f"{main.fn[event]:4d}")
    p, r, f = main.prf()
    lines.append(f"{'micro':<10} {p:6.3f} {r:6.3f} {f:6.3f}   (main event per sentence)")
    p, r, f = every.prf()
    lines.append(f"{'micro-all':<10} {p:6.3f} {r:6.3f} {f:6.3f}   (every non-negated event)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print event-type precision, recall and F1 (micro and per type) on the GSR corpus."""
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else DEFAULT_CORPUS
    if not path.exists():
        print(f"GSR corpus not found at {path}; pass its path as the first argument", file=sys.stderr)
        return 2
    print(report(*evaluate(path)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
