"""Memoised drop-in replacements for spaCy's attribute ruler and rule lemmatizer: same results, less time.

Why: on news text the stock ``attribute_ruler`` (179 Matcher patterns run over every token) and the
rule ``lemmatizer`` (Python work per token, its own cache skipping the commonest cases) cost 14-19%
of the model's time, yet both are pure functions of a few integer attributes of each token.
So we work out each distinct case once, with the stock component's own patterns and code, remember
it, and write whole columns back with ``Doc.from_array``. Every attribute they set stays
byte-identical to the stock components (tests/test_fast_attributes.py compares them).

- Attribute ruler: a token's single-token matches depend only on (LOWER, IS_SPACE, TAG, DEP); the
  few multi-token patterns (``gon na``, ``there is``...) are fixed-length sequences of such
  single-token tests, so they are matched from the same memo, exactly. The combined effect of a
  token's matched patterns, applied in the stock order (pattern number), is memoised too.
- Lemmatizer: the rule lemma depends only on (ORTH, POS, MORPH), and is set only where no lemma is.

Both are subclasses of the stock classes, so serialisation (``to_bytes``/``to_disk``) is inherited;
they are swapped in under the stock pipe names by ``install``. Should the patterns ever test
something outside the memo key or set something else, the ruler simply runs the stock code.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

if TYPE_CHECKING:
    from spacy.vocab import Vocab

ATTRIBUTE_RULER_FACTORY = "newsevents_memoised_attribute_ruler"
LEMMATIZER_FACTORY = "newsevents_memoised_lemmatizer"

# Each memo is keyed by vocabulary-bounded integers; past this many entries it starts afresh, so a
# long-running worker cannot grow without bound (about 210 bytes an entry: the 181-page benchmark
# corpus leaves 40k ruler keys, 8 MB, and 25k lemmatizer keys, 6 MB).
MAX_MEMO_ENTRIES = 100_000

# What the patterns may test (a token's match then depends only on these) and what they may set.
_KEY_NAMES = frozenset({"LOWER", "IS_SPACE", "TAG", "DEP"})
_SET_IDS = (TAG, DEP, POS, MORPH, LEMMA)
_READ_IDS = [ORTH, LOWER, IS_SPACE, TAG, DEP, POS, MORPH, LEMMA]  # the key, then what may be set
_OLD_COLUMNS = [3, 4, 5, 6, 7]  # _SET_IDS (TAG, DEP, POS, MORPH, LEMMA) in the _READ_IDS array


class _Plan(NamedTuple):
    """The stock patterns, sorted for memoisation."""

    probe: Matcher  # every single-token test, one Matcher key each
    probe_labels: dict[int, tuple[str, int, int]]  # match id -> ("s", pattern, 0) or ("m", sequence, position)
    sequences: list[tuple[int, int, int]]  # multi-token: (pattern number, length, offset of the token set)


class _TokenCase(NamedTuple):
    """What the ruler does to a token with a given key, before looking at its neighbours."""

    patterns: frozenset[int]  # single-token patterns it matches
    outcome: int  # row of the outcome table for just those patterns
    positions: frozenset[tuple[int, int]]  # (sequence, position) tests of multi-token patterns it passes
    opens: tuple[int, ...]  # sequences whose first test it passes


class MemoisedAttributeRuler(AttributeRuler):
    """The stock AttributeRuler, computing each token's outcome once per (LOWER, IS_SPACE, TAG, DEP)."""

    def __init__(self, vocab: Vocab, name: str = "attribute_ruler", *, validate: bool = False, **kwargs: Any) -> None:
        super().__init__(vocab, name, validate=validate, **kwargs)
        self._reset()

    def clear(self) -> None:
        super().clear()
        self._reset()

    def add(self, patterns: Iterable[Any], attrs: dict, index: int = 0) -> None:
        super().add(patterns, attrs, index)  # type: ignore[arg-type]
        self._reset()

    def _reset(self) -> None:
        """Forget the plan and memos (the patterns changed)."""
        self._plan: _Plan | bool | None = False  # False: not built yet; None: run the stock code
        self._forget()

    def _forget(self) -> None:
        self._cases: dict[tuple[int, int, int, int], _TokenCase] = {}
        self._shared: dict[_TokenCase, _TokenCase] = {}
        self._outcomes: dict[tuple[int, ...], int] = {}
        self._masks: list[tuple[bool, ...]] = []
        self._values: list[tuple[int, ...]] = []
        self._tables: tuple[numpy.ndarray, numpy.ndarray] | None = None

    def memo_size(self) -> int:
        """How many distinct token keys are remembered."""
        return len(self._cases)

    def __call__(self, doc: Doc) -> Doc:
        """Set the stock ruler's attributes on ``doc``; returns ``doc``."""
        if self._plan is False:
            self._plan = self._make_plan()
        if self._plan is None or not len(doc):
            return super().__call__(doc)
        error_handler = self.get_error_handler()
        try:
            self._apply(doc, self._plan)
            return doc
        except Exception as e:
            return error_handler(self.name, self, [doc], e)

    def _make_plan(self) -> _Plan | None:
        """Split the stock patterns into single-token tests; None when one cannot be memoised."""
        probe = Matcher(self.vocab, validate=False)
        labels: dict[int, tuple[str, int, int]] = {}
        sequences: list[tuple[int, int, int]] = []

        def add(label: tuple[str, int, int], alternatives: list[list[dict]]) -> None:
            key = self.vocab.strings.add("newsevents-probe-{}-{}-{}".format(*label))
            probe.add(key, alternatives)
            labels[key] = label

        for number, pattern in enumerate(self.patterns):
            alternatives, index = pattern["patterns"], pattern["index"]
            if any(k not in _SET_IDS for k in self.attrs[number]):
                return None
            for tokens in alternatives:
                if not -len(tokens) <= index < len(tokens):  # the stock code raises on a match
                    return None
                if not all(isinstance(k, str) and k.upper() in _KEY_NAMES for spec in tokens for k in spec):
                    return None
            if all(len(tokens) == 1 for tokens in alternatives):
                add(("s", number, 0), alternatives)
                continue
            for tokens in alternatives:
                sequence = len(sequences)
                sequences.append((number, len(tokens), index % len(tokens)))
                for position, spec in enumerate(tokens):
                    add(("m", sequence, position), [[spec]])
        return _Plan(probe, labels, sequences)

    def _apply(self, doc: Doc, plan: _Plan) -> None:
        """Set TAG, DEP, POS, MORPH and LEMMA of every token of ``doc`` as the stock ruler would."""
        columns = doc.to_array(_READ_IDS)
        keys = list(zip(*(columns[:, j].tolist() for j in (1, 2, 3, 4)), strict=True))
        if len(self._cases) > MAX_MEMO_ENTRIES:
            self._forget()
        cases = self._cases
        unseen = {key: i for i, key in enumerate(keys) if key not in cases}
        if unseen:
            self._learn(plan, unseen, columns)
        found = [cases[key] for key in keys]
        rows = [case.outcome for case in found]
        # Multi-token patterns: a match is consecutive tokens passing each position's test.
        extra: dict[int, set[int]] = {}
        for start, case in enumerate(found):
            for sequence in case.opens:
                number, length, offset = plan.sequences[sequence]
                if start + length <= len(found) and all(
                    (sequence, p) in found[start + p].positions for p in range(1, length)
                ):
                    extra.setdefault(start + offset, set()).add(number)
        for i, numbers in extra.items():
            rows[i] = self._outcome(found[i].patterns | numbers)
        masks, values = self._outcome_tables()
        picked = numpy.asarray(rows, dtype=numpy.intp)
        new = numpy.where(masks[picked], values[picked], columns[:, _OLD_COLUMNS])
        doc.from_array(list(_SET_IDS), new)

    def _learn(self, plan: _Plan, unseen: dict[tuple[int, int, int, int], int], columns: numpy.ndarray) -> None:
        """Run the stock tests once on a Doc of one token per unseen key (a token's own lexeme, TAG, DEP)."""
        at = list(unseen.values())
        strings = self.vocab.strings
        probe_doc = Doc(self.vocab, words=[strings[orth] for orth in columns[at, 0].tolist()])
        probe_doc.from_array([TAG, DEP], numpy.ascontiguousarray(columns[at][:, [3, 4]]))
        passed: list[list[tuple[str, int, int]]] = [[] for _ in at]
        for match_id, start, _end in plan.probe(probe_doc, allow_missing=True, as_spans=False):
            passed[start].append(plan.probe_labels[match_id])
        for key, labels in zip(unseen, passed, strict=True):
            patterns = frozenset(n for kind, n, _ in labels if kind == "s")
            positions = frozenset((n, p) for kind, n, p in labels if kind == "m")
            opens = tuple(sorted(n for n, p in positions if p == 0))
            case = _TokenCase(patterns, self._outcome(patterns), positions, opens)
            # Few distinct cases (~200 on news) behind many keys: share them, to keep the memo small.
            self._cases[key] = self._shared.setdefault(case, case)

    def _outcome(self, patterns: frozenset[int]) -> int:
        """The outcome-table row for a token matched by ``patterns``: their attributes applied in
        pattern order, as the stock ruler does, later patterns overriding earlier ones."""
        numbers = tuple(sorted(patterns))
        row = self._outcomes.get(numbers)
        if row is None:
            applied: dict[int, int] = {}
            for number in numbers:
                applied.update(self.attrs[number])
            self._masks.append(tuple(a in applied for a in _SET_IDS))
            self._values.append(tuple(applied.get(a, 0) for a in _SET_IDS))
            row = self._outcomes[numbers] = len(self._masks) - 1
            self._tables = None
        return row

    def _outcome_tables(self) -> tuple[numpy.ndarray, numpy.ndarray]:
        """The outcome table as arrays (which attributes a row sets, and to what), rebuilt when it grew."""
        if self._tables is None:
            self._tables = (
                numpy.array(self._masks, dtype=bool).reshape(-1, len(_SET_IDS)),
                numpy.array(self._values, dtype=numpy.uint64).reshape(-1, len(_SET_IDS)),
            )
        return self._tables


class MemoisedLemmatizer(EnglishLemmatizer):
    """The stock English rule lemmatizer, computing each lemma once per (ORTH, POS, MORPH)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._lemmas: dict[tuple[int, int, int], int] = {}

    def memo_size(self) -> int:
        """How many distinct (ORTH, POS, MORPH) keys are remembered."""
        return len(self._lemmas)

    def __call__(self, doc: Doc) -> Doc:
        """Set the stock lemmatizer's lemmas on ``doc``; returns ``doc``."""
        if self.mode != "rule" or not len(doc):
            return super().__call__(doc)
        if not self._validated:
            self._validate_tables(Errors.E1004)
        error_handler = self.get_error_handler()
        try:
            self._apply(doc)
            return doc
        except Exception as e:
            return error_handler(self.name, self, [doc], e)

    def _apply(self, doc: Doc) -> None:
        """Set the lemma of every token of ``doc`` that has none, as the stock lemmatizer would."""
        if len(self._lemmas) > MAX_MEMO_ENTRIES:
            self._lemmas.clear()
        memo, strings = self._lemmas, self.vocab.strings
        columns = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = columns[:, 3].tolist()
        for i, (orth, pos, morph, lemma) in enumerate(columns.tolist()):
            if lemma and not self.overwrite:  # e.g. set by the attribute ruler
                continue
            key = (orth, pos, morph)
            new = memo.get(key)
            if new is None:
                # Stored for good, not in a memory zone: the memo outlives any zone.
                new = memo[key] = strings.add(self.lemmatize(doc[i])[0], allow_transient=False)
                self.cache.clear()  # the stock cache would only duplicate ours
            lemmas[i] = new
        doc.from_array([LEMMA], numpy.asarray(lemmas, dtype=numpy.uint64))


@Language.factory(ATTRIBUTE_RULER_FACTORY, default_config={"validate": False})
def make_memoised_attribute_ruler(nlp: Language, name: str, validate: bool) -> MemoisedAttributeRuler:
    """A MemoisedAttributeRuler with no patterns yet (``install`` copies the stock ones)."""
    return MemoisedAttributeRuler(nlp.vocab, name, validate=validate)


@Language.factory(LEMMATIZER_FACTORY, default_config={"mode": "rule", "overwrite": False})
def make_memoised_lemmatizer(nlp: Language, name: str, mode: str, overwrite: bool) -> MemoisedLemmatizer:
    """A MemoisedLemmatizer without tables yet (``install`` shares the stock ones)."""
    return MemoisedLemmatizer(nlp.vocab, None, name, mode=mode, overwrite=overwrite)


def install(nlp: Language) -> Language:
    """Swap the stock attribute ruler and English rule lemmatizer of ``nlp`` for the memoised ones,
    under the same pipe names and with the same patterns and tables; returns ``nlp``."""
    for name, component in list(nlp.pipeline):
        if type(component) is AttributeRuler:
            patterns = component.patterns
            nlp.replace_pipe(name, ATTRIBUTE_RULER_FACTORY, config={"validate": component.validate})
            nlp.get_pipe(name).add_patterns(patterns)
        elif type(component) is EnglishLemmatizer and component.mode == "rule":
            lookups, overwrite = component.lookups, component.overwrite
            nlp.replace_pipe(name, LEMMATIZER_FACTORY, config={"mode": "rule", "overwrite": overwrite})
            nlp.get_pipe(name).initialize(lookups=lookups)
    return nlp
