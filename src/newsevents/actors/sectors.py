"""The sector table (``data/sectors.tsv``): words that give an actor its PLOVER sector codes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def read_table(name: str) -> list[list[str]]:
    """The rows of a tab-separated file in ``newsevents/data``, without comments and blank lines."""
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@dataclass(frozen=True)
class SectorTerm:
    """One row of the sector table: a lemma sequence, its sector codes and how it may be used."""

    lemmas: tuple[str, ...]
    sectors: tuple[str, ...]
    uses: frozenset[str]  # nominal | title | org | anaphor, and "weak" (see ``find_sectors``)

    @property
    def weak(self) -> bool:
        return "weak" in self.uses


@lru_cache(maxsize=1)
def sector_terms() -> tuple[SectorTerm, ...]:
    """All rows of the sector table, longest terms first."""
    terms = []
    for row in read_table("sectors.tsv"):
        term, sectors, uses = [*row, "", ""][:3]
        terms.append(
            SectorTerm(
                lemmas=tuple(term.lower().split()),
                sectors=tuple(s for s in sectors.split("|") if s),
                uses=frozenset(u.strip() for u in uses.split(",") if u.strip()),
            )
        )
    return tuple(sorted(terms, key=lambda t: -len(t.lemmas)))


@lru_cache(maxsize=8)
def terms_for(use: str) -> dict[tuple[str, ...], SectorTerm]:
    """The terms that may be used as ``use`` (nominal, title, org, anaphor), keyed by lemma tuple."""
    return {t.lemmas: t for t in sector_terms() if use in t.uses}


def find_sectors(lemmas: Sequence[str], use: str, weak: bool = True) -> list[str]:
    """Sector codes of every ``use`` term found in the lower-case lemma sequence, in table order.

    Weak terms ("leader", "officer", "people") count only when no other term gives a sector: a
    "rebel leader" is a rebel, a "Palestinian leader" a government leader.
    """
    return list(_find_sectors(tuple(w.lower() for w in lemmas), use, weak))


# The same phrases recur within and across articles: remember their codes, a bounded number of them.
@lru_cache(maxsize=16_384)
def _find_sectors(words: tuple[str, ...], use: str, use_weak: bool) -> tuple[str, ...]:
    """``find_sectors`` of the lower-case lemmas ``words``."""
    found: list[str] = []
    weak: list[str] = []
    # Every occurrence of a term, in the order of the table and then of the text: the terms starting with
    # each word are looked up, rather than every term of the table tried at every word (a tenth of the
    # time after the model went there).
    starting = _terms_by_first_word(use)
    matches = sorted(
        (rank, i, n, term)
        for i, word in enumerate(words)
        for rank, n, term in starting.get(word, ())
        if tuple(words[i : i + n]) == term.lemmas
    )
    taken = [False] * len(words)
    for _, i, n, term in matches:
        if not any(taken[i : i + n]):
            taken[i : i + n] = [True] * n
            into = weak if term.weak else found
            into.extend(s for s in term.sectors if s not in into)
    return tuple(found or (weak if use_weak else []))


@lru_cache(maxsize=8)
def _terms_by_first_word(use: str) -> dict[str, list[tuple[int, int, SectorTerm]]]:
    """The ``use`` terms by their first lemma, each with its rank in ``terms_for(use)`` and its length."""
    starting: dict[str, list[tuple[int, int, SectorTerm]]] = {}
    for rank, (lemmas_of_term, term) in enumerate(terms_for(use).items()):
        starting.setdefault(lemmas_of_term[0], []).append((rank, len(lemmas_of_term), term))
    return starting


def head_term(lemmas: Sequence[str], use: str) -> SectorTerm | None:
    """The ``use`` term that ends the lemma sequence (its head), longest first, if any."""
    return _head_term(tuple(w.lower() for w in lemmas), use)


@lru_cache(maxsize=16_384)
def _head_term(words: tuple[str, ...], use: str) -> SectorTerm | None:
    """``head_term`` of the lower-case lemmas ``words``."""
    for lemmas_of_term, term in terms_for(use).items():
        if words[-len(lemmas_of_term) :] == lemmas_of_term:
            return term
    return None


# Endings of English nouns for people by what they do or where they belong ("lawyers", "activists",
# "civilians", "migrants"), and common nouns with those endings that mostly name things ("bombers").
_PEOPLE_ENDINGS = ("er", "or", "ist", "ian", "ant", "ee")
_NOT_PEOPLE = frozenset(
    {"border", "order", "paper", "number", "matter", "power", "container", "computer", "water", "quarter",
     "headquarters", "center", "centre", "letter", "corner", "chamber", "charter", "cluster", "disaster",
     "factor", "sector", "motor", "reactor", "error", "floor", "door", "corridor", "tractor", "monitor",
     "register", "tower", "river", "weather", "sweater", "shelter", "theater", "theatre", "filter", "meter",
     "liter", "litre", "dollar", "plant", "grant", "restaurant", "fertilizer", "fertiliser", "tanker",
     "bomber", "fighter", "carrier", "trailer", "server", "printer", "layer", "transfer", "manner", "banner",
     "dinner", "summer", "winter", "flavor", "flavour", "favor", "favour", "labor", "labour", "behavior",
     "behaviour", "vapor", "mirror", "armor", "armour", "committee", "coffee", "degree", "guarantee",
     "jubilee", "variant", "pollutant", "implant", "elephant", "poster", "sticker", "marker", "lawnmower"}
)  # fmt: skip


def names_people(lemma: str) -> bool:
    """Whether a noun's lemma has the shape of a noun for people ("lawyer", "activist", "civilian",
    "migrant", "employee"): used for the groups a nationality qualifies ("US lawyers")."""
    lemma = lemma.lower()
    return len(lemma) > 4 and lemma.endswith(_PEOPLE_ENDINGS) and lemma not in _NOT_PEOPLE


def merge_sectors(*groups: Iterable[str]) -> list[str]:
    """Sector codes of all ``groups`` in order, without repeats."""
    merged: list[str] = []
    for group in groups:
        merged.extend(code for code in group if code not in merged)
    return merged
