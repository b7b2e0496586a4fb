"""Actors stage: every entity mention resolved to one actor per real participant in the article.

Reads the entities stage's mentions and the parse; writes ``analysis.actors`` (ids "a1", "a2"... in
order of first mention) and ``entity.actor``. How a mention becomes an actor:

* a name in the knowledge base (``kb.py``) is that country, organisation or group; a capital city
  only when it acts ("Washington warned", "Moscow's decision"), not when it is where things happen;
* a PERSON is a person; later mentions by surname join the same actor; title, affiliation and
  country come from the parse (``people.py``); a plural name ("Virginia Democrats") is a group, as
  is a people named in the plural ("Iraqi Kurds": Kurds of Iraq);
* an ORG not in the knowledge base is an organisation with sectors from the words of its name;
* a NOMINAL mention is a generic actor ("police", "senior official") with a sector from the sector
  table and a country when the text gives one ("Sudanese police"); a definite "the group", "the
  ministry", "the militants", "the country" refers back to a compatible named actor of the last few
  sentences. Its modifiers narrow the choice: "the Palestinian militant group" must be a Palestinian
  armed group, "the rights group" a rights group, "the interior ministry" a ministry of the interior;
  "the government" only a body named as a national government, never "government negotiators";
* a nationality before a plural noun for people ("US lawyers") makes a group of that country;
* a state body or office holder the text does not place takes the country the story is filed from
  ("ISLAMABAD -"), else the one country the story names.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from newsevents.actors.kb import KBEntry, knowledge_base, surface_key
from newsevents.actors.people import describe_person, leading_title
from newsevents.actors.sectors import SectorTerm, find_sectors, head_term, merge_sectors, names_people, terms_for
from newsevents.model import Actor, Analysis, Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["resolve_actors"]

# Prepositions after which a capital is where something happens, not who acts.
_LOCATIVE_PREPS = frozenset(
    {
        "in",
        "at",
        "from",
        "to",
        "near",
        "into",
        "across",
        "outside",
        "inside",
        "toward",
        "towards",
        "via",
        "through",
        "around",
        "throughout",
        "within",
        "between",
        "over",
        "off",
        "on",
        "of",
        "out",
    }
)
# How far back (in sentences) "the group" may look for the named actor it stands for.
_COREFERENCE_WINDOW = 3
_NAMED_LABELS = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC"})
# Sectors of state office holders, who take the story's country when the text names no other.
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})


@dataclass
class _Draft:
    """An actor being assembled; becomes an ``Actor`` once every mention is resolved."""

    key: tuple[str, ...]
    name: str
    kind: str
    country: str | None = None
    sectors: list[str] = field(default_factory=list)
    title: str | None = None
    affiliation: tuple[str, ...] | None = None
    generic: bool = False
    wikidata: str | None = None
    mentions: list[Entity] = field(default_factory=list)


def resolve_actors(analysis: Analysis, doc: Doc) -> None:
    """Append Actors and link entities to them (entity.actor)."""
    _ActorResolver(analysis, doc).run()


class _ActorResolver:
    """Resolves one article's mentions in three passes: names, people's roles, references back."""

    def __init__(self, analysis: Analysis, doc: Doc) -> None:
        self.analysis = analysis
        self.doc = doc
        self.kb = knowledge_base()
        self.drafts: dict[tuple[str, ...], _Draft] = {}
        self.spans: dict[str, Span] = {}
        self.entity_at: dict[int, Entity] = {}  # token index -> named (non-person) entity over it
        self.nominal_at: dict[int, Entity] = {}  # head token index -> nominal mention ("interior ministry")
        self.linked: dict[str, tuple[str, ...]] = {}  # entity id -> draft key
        self._sentences: list[tuple[int, int]] | None = None  # (token, character) start of each sentence
        self._named_tokens: set[int] | None = None  # token indexes of ``entity_at`` (``_describe``)
        self._by_token: dict[int, Entity] | None = None  # token index -> entity over it (``_country_of_whom``)
        for entity in analysis.entities:
            span = doc.char_span(entity.start, entity.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            self.spans[entity.id] = span
            if entity.label in _NAMED_LABELS:
                for token in span:
                    self.entity_at.setdefault(token.i, entity)
            elif entity.label == "NOMINAL":
                self.nominal_at[span.root.i] = entity

    def run(self) -> None:
        deferred: list[Entity] = []
        previous: Entity | None = None
        for entity in self.analysis.entities:
            if entity.id not in self.spans:
                continue
            qualifier = previous is not None and _qualifies_place(previous, entity, self.analysis.article.text)
            previous = entity
            if qualifier:
                continue  # "Atlanta, Georgia": the state locates the city; it does not act
            if entity.label == "NOMINAL" and self._refers_back(entity):
                if not self._is_modified(entity):
                    deferred.append(entity)  # "the spokesman" needs the titles of pass 2
                    continue
                if self._resolve_reference(entity):
                    continue  # "the paramilitary group": the group named before
            self._resolve(entity)  # first mention: "the Kenyan interior ministry" is a generic ministry
        self._fold_nationality_modifiers()
        # Where the story is filed from first ("ISLAMABAD - The Foreign Office summoned the Indian
        # envoy"), else the one country it names; for a body, named as an actor, not only as a place
        # ("government negotiators met in Oslo" names no Norwegian government).
        dateline = self._dateline_country()
        home = dateline or self._story_country()
        body_home = dateline or self._story_country(places=False)
        for draft in [d for d in self.drafts.values() if d.kind == "organization"]:
            self._place_body(draft, body_home)
        for draft in [d for d in self.drafts.values() if d.kind == "person"]:
            self._describe(draft)
            self._place_person(draft, home)
        for draft in [d for d in self.drafts.values() if d.generic and not d.country]:
            draft.country = self._country_of_whom(draft)
        placed = set(self.drafts)
        for entity in deferred:
            self._resolve_reference(entity)
        for key in [k for k in self.drafts if k not in placed]:  # "the president" with no one before
            draft = self.drafts[key]
            if draft.kind == "person":
                self._place_person(draft, home)
            elif draft.kind == "organization":
                self._place_body(draft, body_home)
        self._emit()

    # -- pass 1: names and generic mentions ------------------------------------------------------

    def _resolve(self, entity: Entity) -> None:
        span = self.spans[entity.id]
        match = self.kb.lookup(entity.text)
        if match is None and (entity.label in ("GPE", "NORP", "LOC") or " " not in entity.text.strip()):
            match = self.kb.lookup_misspelled(entity.text)  # "Ethopia", "Ghanians", "Quatar"
        if match is None and entity.label == "NORP" and _is_people(span):
            ethnic = self.kb.ethnic_country(entity.text)
            if ethnic:  # "Tamils fled": a people, placed in the country its name points to
                self._link(entity, self._people_draft_named(_clean(entity.text), ethnic))
                return
            # "Kurds demonstrated", "Democrats accused": a people or a party's members, a group of the
            # country a word before it names ("Iraqi Kurds"), if any.
            self._link(entity, self._people_draft_named(_clean(entity.text), self._country_of(span)))
            return
        if match and entity.label == "PERSON" and match.entry.kind == "country":
            match = None  # "Jordan" the person is not Jordan the country
        if match and entity.label != "NOMINAL":
            if match.role == "capital" and (not _acts(span.root) or _is_dateline(entity, self.analysis.article.text)):
                return  # "arrived in Washington", "NAIROBI -": a place, for the places stage
            if match.role == "demonym" and _is_people(span):
                self._link(entity, self._people_draft(match.entry, span))
                return
            draft = self._kb_draft(match.entry)
            if match.role in ("capital", "seat"):
                # "Moscow rejected", "the Kremlin said": the country acting through its government.
                draft.sectors = merge_sectors(draft.sectors, ["GOV"])
            self._link(entity, draft)
            return
        if entity.label == "PERSON" and _is_plural_name(span) and not self._person_by_surname(span.text):
            # "Virginia Democrats", "the Kennedys": a plural name is a group, not one person.
            self._link(entity, self._people_draft_named(_clean(entity.text), self._country_of(span)))
        elif entity.label == "PERSON":
            self._link(entity, self._person_draft(span))
        elif entity.label == "ORG":
            person = self._person_by_surname(span.text)
            self._link(entity, person or self._org_draft(span))
        elif entity.label in ("GPE", "NORP") and " " not in entity.text:
            person = self._person_by_surname(entity.text)
            if person:
                self._link(entity, person)
        elif entity.label == "NOMINAL":
            draft = self._member_of(span) or self._generic_draft(span)
            if draft:
                self._link(entity, draft)

    def _link(self, entity: Entity, draft: _Draft) -> None:
        draft.mentions.append(entity)
        self.linked[entity.id] = draft.key

    def _draft(self, key: tuple[str, ...], **fields: object) -> _Draft:
        if key not in self.drafts:
            self.drafts[key] = _Draft(key=key, **fields)  # type: ignore[arg-type]
        return self.drafts[key]

    def _kb_draft(self, entry: KBEntry) -> _Draft:
        return self._draft(
            ("kb", entry.key),
            name=entry.name,
            kind=entry.kind,
            country=entry.country,
            sectors=list(entry.sectors),
            wikidata=entry.wikidata,
        )

    def _people_draft(self, entry: KBEntry, span: Span) -> _Draft:
        """ "Palestinians protested": the country's people, a generic civilian group. An ethnic group
        the text places in another country is of that country ("ethnic Albanians in Serbia")."""
        country = entry.country
        if any(t.lower_ == "ethnic" for t in span.root.lefts):
            country = self._place_country(span) or country
        return self._draft(
            ("people", entry.key, country or ""),
            name=surface_key(span.text).title() if span.text.islower() else _clean(span.text),
            kind="group",
            country=country,
            sectors=["CVL"],
            generic=True,
        )

    def _people_draft_named(self, name: str, country: str | None) -> _Draft:
        return self._draft(
            ("people", name.casefold()), name=name, kind="group", country=country, sectors=["CVL"], generic=True
        )

    def _person_draft(self, span: Span) -> _Draft:
        title, first = leading_title(span)
        name = _clean((span if first == span.start else span.doc[first : span.end]).text)
        words = name.split()
        same = self._person_by_surname(name) if len(words) == 1 else None
        if same:
            return same
        surname = words[-1] if len(words) > 1 else None
        for draft in self.drafts.values():
            # "Amara Diallo" after "Diallo": the same person, now with the full name.
            if draft.kind == "person" and (draft.name == name or draft.name == surname):
                if len(words) > len(draft.name.split()):
                    draft.name = name
                return draft
        draft = self._draft(("person", name), name=name, kind="person")
        if title and not draft.title:
            draft.title = title
            draft.sectors = merge_sectors(draft.sectors, find_sectors(_lemmas(span.doc[span.start : first]), "title"))
        return draft

    def _person_by_surname(self, text: str) -> _Draft | None:
        word = _clean(text)
        if " " in word:
            return None
        for draft in self.drafts.values():
            # ``word in draft.name`` first: a cheap test that rules out most names before they are split.
            if draft.kind == "person" and word in draft.name:
                words = draft.name.split()
                if len(words) > 1 and words[-1] == word:
                    return draft
        return None

    def _org_draft(self, span: Span) -> _Draft:
        name = _clean(span.text)
        # Only a short all-capital name can be an acronym of another (``_is_acronym_of``): test that once.
        for draft in self.drafts.values() if _may_be_acronym(name) else ():
            if draft.kind in ("organization", "group") and draft.key[0] == "org" and _is_acronym_of(name, draft.name):
                return draft
        lemmas = _lemmas(span)
        sectors = find_sectors(lemmas, "org") or find_sectors(lemmas, "nominal")
        if "REB" in sectors:  # "West Papua National Liberation Army": rebels, not a state army
            sectors = merge_sectors(["REB"], [c for c in sectors if c != "MIL"])
        kind = "group" if "REB" in sectors else "organization"
        country = self._country_of(span)
        if country is None and {"administration", "government", "regime", "cabinet"} & set(lemmas):
            leader = self.kb.leader_in([t.text for t in span])  # "the Bush administration"
            country = leader.country if leader else None
        return self._draft(("org", name.casefold()), name=name, kind=kind, country=country, sectors=sectors)

    def _member_of(self, span: Span) -> _Draft | None:
        """ "al-Shabaab fighters", "Hamas officials": members stand for the named organisation."""
        for child in span.root.lefts:
            if child.dep_ not in ("compound", "poss", "nmod"):
                continue
            entity = self.entity_at.get(child.i)
            key = self.linked.get(entity.id) if entity else None
            if key and self.drafts[key].kind in ("organization", "group"):
                org = self.drafts[key]
                term = head_term(_lemmas(span), "nominal")
                if term and {"IGO", "NGO"} & set(org.sectors) and not set(term.sectors) <= set(org.sectors):
                    # "UN peacekeepers", "Red Cross doctors": a body of the organisation with a
                    # function of its own, affiliated to it.
                    # Where it meets says nothing of its country: "NATO ministers in Brussels".
                    draft = self._generic_draft(span, places=False)
                    if draft is not None:
                        draft.affiliation = draft.affiliation or org.key
                        return draft
                if term and "REB" in term.sectors and org.key[0] == "org":
                    # "NPA rebels": the organisation is a rebel group, whatever its name says.
                    org.kind, org.sectors = "group", merge_sectors(["REB"], [c for c in org.sectors if c != "MIL"])
                return org
        return None

    def _generic_draft(self, span: Span, places: bool = True) -> _Draft | None:
        term = head_term(_lemmas(span), "nominal")
        if term is None and names_people(span.root.lemma_) and span.root.tag_ == "NNS":
            term = SectorTerm((span.root.lemma_.lower(),), (), frozenset())  # "US lawyers": no sector known
        if term is None:
            return None
        words = [
            t
            for t in span
            if t.dep_ != "det" and not t.like_num and t.ent_type_ != "NORP" and not self._is_country_word(t)
        ]
        if not words:
            return None
        name = " ".join(t.lower_ if t.pos_ != "PROPN" or t.is_title else t.text for t in words).lower()
        country = self._country_of(span, places)
        # A weak head ("leader", "forces", "people") yields to a stronger word before it ("rebel").
        sectors = (find_sectors(_lemmas(span), "nominal") or list(term.sectors)) if term.weak else list(term.sectors)
        return self._draft(
            ("generic", name, country or ""),
            name=name,
            kind=_generic_kind(span, term.lemmas),
            country=country,
            sectors=sectors,
            generic=True,
        )

    def _is_country_word(self, token: Token) -> bool:
        match = self.kb.lookup(token.text)
        return bool(match and match.entry.kind == "country" and match.role in ("demonym", "name"))

    def _country_of(self, span: Span, places: bool = True) -> str | None:
        """The country a mention names inside or right before it: "Sudanese police", "Sudan's army";
        with ``places``, also the country of a place that qualifies it ("rebels in Darfur")."""
        root = span.root
        tokens = list(span) + [
            c for c in root.lefts if c.i < span.start and c.dep_ in ("poss", "compound", "amod", "nmod")
        ]
        ethnic = None
        for token in tokens:
            for text in (token.text, _entity_text(self.entity_at.get(token.i))):
                if not text:
                    continue
                match = self.kb.lookup(text)
                if match is None and token.pos_ == "PROPN":
                    match = self.kb.lookup_misspelled(text)  # "the Phillippines military"
                # A capital names its country as a modifier ("the Khartoum government", "Cairo's").
                if (
                    match
                    and match.entry.kind == "country"
                    and (match.role != "capital" or (token.dep_ in ("compound", "poss") and token.i < root.i))
                ):
                    return match.entry.country
                ethnic = ethnic or self.kb.ethnic_country(text)
            if token.ent_type_ == "PERSON" and token.dep_ == "compound" and not ethnic:
                leader = self.kb.leader(token.text, titled=True)  # "the Bush administration"
                ethnic = leader.country if leader else None
        return ethnic or (self._place_country(span) if places else None)

    def _place_country(self, span: Span) -> str | None:
        """The country of a place that qualifies a generic mention: "Darfur rebels", "rebels in
        Darfur", "opposition parties in Nepal" (the gazetteer's reading of the place name)."""
        root = span.root
        places = [c for c in root.lefts if c.dep_ in ("compound", "nmod", "amod")]
        for prep in root.rights:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "from", "of"):
                places += [c for c in prep.children if c.dep_ == "pobj"]
        for token in places:
            entity = self.entity_at.get(token.i)
            if entity is not None and entity.label in ("GPE", "LOC"):
                country = gazetteer_country(entity.text)
                if country:
                    return country
        return None

    # -- pass 2: people's titles, affiliations and countries -------------------------------------

    def _describe(self, draft: _Draft) -> None:
        # Tokens of the named entities other than the person's: ``entity_at`` holds no PERSON mention, so
        # these are all of its tokens, the same for every mention (``describe_person`` only reads them).
        if self._named_tokens is None:
            self._named_tokens = set(self.entity_at)
        named = self._named_tokens
        for entity in draft.mentions:
            if entity.label != "PERSON":
                continue
            span = self.spans[entity.id]
            description = describe_person(self.doc, span, named)
            for token in description.related + description.possessors:
                other = self._actor_for_token(token, span)
                if other is None or other is draft:
                    continue
                if other.kind == "country" and not draft.country:
                    draft.country = other.country
                elif other.kind in ("organization", "group") and draft.affiliation is None:
                    draft.affiliation = other.key
            if description.title and not draft.title:
                draft.title = description.title
                draft.sectors = merge_sectors(draft.sectors, find_sectors(description.title_lemmas, "title"))
            if draft.title and draft.affiliation:
                break
        affiliation = self.drafts.get(draft.affiliation) if draft.affiliation else None
        if affiliation:
            draft.country = draft.country or affiliation.country
            title_lemmas = [w.lower() for w in (draft.title or "").split()]
            if not draft.sectors or not find_sectors(title_lemmas, "title", weak=False):
                # "RSF spokesman": a spokesman speaks in the sector of whom he speaks for.
                draft.sectors = list(affiliation.sectors) or draft.sectors

    def _fold_nationality_modifiers(self) -> None:
        """ "Hungarian and Romanian officials", "Sudan's police": a country word that modifies a generic
        mention names that group's country, not the country acting; each such word joins a generic
        actor of its own country ("officials" of Hungary, "officials" of Romania)."""
        generic_at: dict[int, Entity] = {}
        for entity in self.analysis.entities:
            key = self.linked.get(entity.id)
            if entity.label == "NOMINAL" and key and entity.id in self.spans and key[0] in ("generic", "kb"):
                generic_at[self.spans[entity.id].root.i] = entity
            elif entity.label == "NORP" and key and key[0] == "people" and entity.id in self.spans:
                generic_at[self.spans[entity.id].root.i] = entity  # "Iraqi Kurds": Kurds of Iraq
        for entity in self.analysis.entities:
            key = self.linked.get(entity.id)
            if entity.label not in ("NORP", "GPE") or not key or key[0] != "kb" or entity.id not in self.spans:
                continue
            country = self.drafts[key]
            if country.kind != "country":
                continue
            token = self.spans[entity.id].root
            while token.dep_ == "conj" and token.head.i < token.i:
                token = token.head
            nominal = generic_at.get(token.head.i) if token.dep_ in ("amod", "compound", "nmod", "poss") else None
            if nominal is None:
                continue
            group = self.drafts[self.linked[nominal.id]]
            if not group.generic and group.country != country.country:
                continue  # "Sudanese" before a known organisation of another country
            if group.country != country.country:
                group = self._draft(
                    ("generic", group.name, country.country or ""),
                    name=group.name,
                    kind=group.kind,
                    country=country.country,
                    sectors=list(group.sectors),
                    generic=True,
                )
            country.mentions.remove(entity)
            self._link(entity, group)

    def _place_person(self, draft: _Draft, home: str | None) -> None:
        """A country for a person the text does not place: a known leader's ("President Mugabe"),
        else, for a state office holder, the story's country (``_place_body``)."""
        if draft.country or draft.affiliation:
            return
        leader = self.kb.leader(draft.name, titled=draft.title is not None)
        if leader is not None:
            draft.country = leader.country
            draft.sectors = draft.sectors or list(leader.sectors)
            return
        if home and set(draft.sectors) & _STATE_SECTORS:
            draft.country = home

    def _country_of_whom(self, draft: _Draft) -> str | None:
        """The country of the person or people a generic group is "of": "supporters of President X",
        "relatives of the Kenyan hostages" take X's or the hostages' country."""
        if draft.kind == "organization":
            return None
        if self._by_token is None:  # the same for every draft: built once
            self._by_token = {t.i: e for e in self.analysis.entities if e.id in self.spans for t in self.spans[e.id]}
        by_token = self._by_token
        for mention in draft.mentions:
            for prep in self.spans[mention.id].root.rights:
                if prep.dep_ != "prep" or prep.lower_ != "of":
                    continue
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    entity = by_token.get(pobj.i)
                    key = self.linked.get(entity.id) if entity is not None else None
                    whom = self.drafts[key] if key else None
                    if whom is None or whom is draft or not whom.country:
                        continue
                    if whom.kind == "person" or whom.generic:  # members of an organisation stand for it
                        return whom.country
        return None

    def _place_body(self, draft: _Draft, home: str | None) -> None:
        """A country for a state body the text does not place ("the Foreign Office", "the Interior
        Ministry"): the story's own, the one it is filed from ("ISLAMABAD -"), whose institutions a
        report names without their country, else the only one it names."""
        if draft.country or not home or draft.key[0] not in ("org", "generic"):
            return
        if set(draft.sectors) & _STATE_SECTORS and not {"IGO", "NGO"} & set(draft.sectors):
            draft.country = home

    def _dateline_country(self) -> str | None:
        """The country of the place a story is filed from ("ISLAMABAD -" opening the text), if any."""
        text = self.analysis.article.text
        for entity in self.analysis.entities[:2]:
            if entity.label not in ("GPE", "LOC") or text[: entity.start].strip() or not _is_dateline(entity, text):
                continue
            match = self.kb.lookup(entity.text)
            if match is not None and match.entry.kind == "country":
                return match.entry.country
            return gazetteer_country(entity.text)
        return None

    def _story_country(self, places: bool = True) -> str | None:
        """The only country the article names (as a country, its people, its institutions or, with
        ``places``, the country of the places it names), if there is only one."""
        countries = {d.country for d in self.drafts.values() if d.country and d.kind != "person"}
        for entity in self.analysis.entities if places else ():
            if entity.label in ("GPE", "LOC") and entity.id not in self.linked:
                country = gazetteer_country(entity.text)
                if country:
                    countries.add(country)
        return countries.pop() if len(countries) == 1 else None

    def _actor_for_token(self, token: Token, near: Span) -> _Draft | None:
        """The actor a token of a role phrase names: an entity's actor, or "the agency" referred back."""
        entity = self.entity_at.get(token.i)
        if entity is not None:
            key = self.linked.get(entity.id)
            if key:
                return self.drafts[key]
            match = self.kb.lookup(entity.text)
            return self._kb_draft(match.entry) if match else None
        nominal = self.nominal_at.get(token.i)
        key = self.linked.get(nominal.id) if nominal is not None else None
        if key and self.drafts[key].kind == "organization":
            return self.drafts[key]  # "of Kenya's interior ministry": the ministry, a body of its own
        if token.pos_ == "NOUN":
            return self._antecedent(token.lemma_.lower(), near.start_char, near.sent)
        return None

    # -- pass 3: "the group", "the ministry" -----------------------------------------------------

    def _refers_back(self, entity: Entity) -> bool:
        """A definite noun that may stand for an actor named before: "the group", "the ministry";
        with modifiers ("the Islamist group", "the interior ministry") only when it is not a state
        institution or a title, which name a generic actor of their own ("the Sudanese army")."""
        span = self.spans[entity.id]
        head = span.root
        definite = any(t.dep_ == "det" and t.lower_ in ("the", "this", "that") for t in span)
        lemma = head.lemma_.lower()
        anaphor = (lemma,) in terms_for("anaphor") or lemma in _ANAPHOR_KINDS or lemma in _INSTITUTIONS
        if not definite or not (anaphor or _is_title_word(lemma)):
            return False
        return not self._is_modified(entity) or lemma in _ANAPHOR_KINDS

    def _is_modified(self, entity: Entity) -> bool:
        span = self.spans[entity.id]
        root_i = span.root.i
        return any(t.ent_type_ == "NORP" or t.dep_ in ("amod", "compound") for t in span if t.i != root_i)

    def _resolve_reference(self, entity: Entity) -> bool:
        """Link a definite reference to what it stands for; False when nothing fits (a modified one
        is then left to ``_resolve`` as a first mention)."""
        span = self.spans[entity.id]
        lemma = span.root.lemma_.lower()
        if lemma in _NATION_WORDS and not _acts(span.root):
            return True  # "across the country": where things happen, not who acts
        root_i = span.root.i
        modifiers = [t for t in span if t.i != root_i and t.dep_ != "det"]
        draft = self._antecedent(lemma, entity.start, span.sent, self._fits_modifiers(modifiers, lemma))
        if draft is None and not modifiers and (lemma,) in terms_for("nominal"):
            draft = self._generic_draft(span)
        if draft is None:
            return False
        self._link(entity, draft)
        return True

    def _fits_modifiers(self, modifiers: list[Token], lemma: str) -> Callable[[_Draft], bool]:
        """What the words before an anaphor require of the actor it stands for: a country word its
        country ("the Palestinian group"), a sector word a shared sector ("the rebel group", "the
        rights group"), any other word before "ministry"/"department"/"agency" a place in its name
        ("the interior ministry"); other adjectives ("the Islamist group") nothing."""
        countries: set[str] = set()
        sectors: set[str] = set()
        name_words: set[str] = set()
        for token in modifiers:
            match = self.kb.lookup(token.text)
            if match is not None and match.entry.kind == "country" and match.entry.country:
                countries.add(match.entry.country)
            elif lemma in _BODY_WORDS:
                name_words.add(token.lower_)  # a ministry's portfolio names it: "the interior ministry"
            else:
                word = [token.lemma_.lower()]
                sectors.update(find_sectors(word, "nominal") or find_sectors(word, "org"))

        def fits(draft: _Draft) -> bool:
            if countries and draft.country and draft.country not in countries:
                return False
            if sectors and not (sectors & set(draft.sectors) or ("REB" in sectors and draft.kind == "group")):
                return False
            words = set(draft.name.lower().replace("-", " ").split())
            return name_words <= words

        return fits

    def _antecedent(
        self, lemma: str, before: int, sentence: Span, fits: Callable[[_Draft], bool] | None = None
    ) -> _Draft | None:
        """The most recent actor that ``lemma`` can stand for (and that ``fits`` its modifiers): a
        named actor of the last few sentences ("the group"), a generic body for "the ministry", a
        person holding that title ("the spokesman"), or for a state institution ("the army", "the
        police") the one of that sector mentioned anywhere before, generic or named."""
        if self._sentences is None:  # spaCy builds the sentence spans anew on each ``doc.sents``
            self._sentences = [(s.start, s.start_char) for s in self.doc.sents]
        sentences = self._sentences
        index = next((k for k, (start, _) in enumerate(sentences) if start == sentence.start), 0)
        window_start = sentences[max(0, index - _COREFERENCE_WINDOW)][1]
        institution = _INSTITUTIONS.get(lemma)
        accepts = _ANAPHOR_KINDS.get(lemma)
        if institution is not None:
            window_start = 0
            accepts = lambda d: _is_institution(d, lemma, institution)  # noqa: E731
        elif accepts is None and _is_title_word(lemma):
            accepts = lambda d: d.kind == "person" and lemma in (d.title or "").lower().split()  # noqa: E731
        if accepts is None:
            return None
        generic_ok = institution is not None or lemma in _BODY_WORDS
        best: tuple[int, _Draft] | None = None
        for draft in self.drafts.values():
            if (draft.generic and not generic_ok) or draft.key[0] == "people" or not accepts(draft):
                continue
            if fits is not None and not fits(draft):
                continue
            for mention in draft.mentions:
                if window_start <= mention.start < before and (best is None or mention.start > best[0]):
                    best = (mention.start, draft)
        return best[1] if best else None

    # -- output ----------------------------------------------------------------------------------

    def _emit(self) -> None:
        order = sorted((d for d in self.drafts.values() if d.mentions), key=lambda d: min(m.start for m in d.mentions))
        ids = {draft.key: f"a{n}" for n, draft in enumerate(order, start=1)}
        for draft in order:
            self.analysis.actors.append(
                Actor(
                    id=ids[draft.key],
                    name=draft.name,
                    kind=draft.kind,
                    country=draft.country,
                    sectors=list(draft.sectors),
                    title=draft.title,
                    affiliation=ids.get(draft.affiliation) if draft.affiliation else None,
                    mentions=[m.id for m in sorted(draft.mentions, key=lambda m: m.start)],
                    generic=draft.generic,
                    wikidata=draft.wikidata,
                )
            )
            for mention in draft.mentions:
                mention.actor = ids[draft.key]


@lru_cache(maxsize=65_536)  # a pure function of the name (the gazetteer is built once): place names recur
def gazetteer_country(name: str) -> str | None:
    """The country the gazetteer places ``name`` in, when it reads it as a country, a listed region
    or a well-known city; None for unknown or obscure names."""
    from newsevents.places import choose, gazetteer, is_well_known_place

    chosen = choose(gazetteer().candidates(name), None, set())
    return chosen.country if chosen is not None and is_well_known_place(chosen) else None


def _is_title_word(lemma: str) -> bool:
    """A one-word title ("spokesman", "minister") that, made definite, names someone named before."""
    return (lemma,) in terms_for("title")


# State institutions a definite noun refers back to, by sector: "the army" after "Sudan's army".
_INSTITUTIONS = {
    "army": "MIL", "military": "MIL", "navy": "MIL", "junta": "MIL",
    "police": "COP", "government": "GOV", "regime": "GOV", "administration": "GOV",
}  # fmt: skip


# What "the government" may stand for: a body named as a government, not people of that sector
# ("government negotiators") nor a government below the state's ("the regional government").
_GOVERNMENT_HEADS = frozenset({"government", "regime", "administration", "cabinet", "junta"})
_SUBNATIONAL_WORDS = frozenset(
    {"regional", "provincial", "local", "state", "city", "municipal", "county", "district", "town", "village"}
)


def _is_institution(draft: _Draft, lemma: str, sector: str) -> bool:
    """Whether ``draft`` can be the state institution a definite "the army", "the police", "the
    government" refers back to: a body of that sector; for the government, one whose name says so
    and names no government below the state's."""
    if draft.kind not in ("organization", "group") or sector not in draft.sectors:
        return False
    if sector != "GOV":
        return True
    words = draft.name.lower().replace("-", " ").split()
    return bool(words) and words[-1] in _GOVERNMENT_HEADS and not _SUBNATIONAL_WORDS & set(words)


def _generic_kind(span: Span, head: tuple[str, ...]) -> str:
    """An institution ("the army", "the ministry"), one person ("a senior official") or a group ("rebels")."""
    if head in terms_for("org"):
        return "organization"
    if span.root.tag_ in ("NN", "NNP"):
        return "person"
    return "group"


def _is_armed_group(draft: _Draft) -> bool:
    return draft.kind == "group" or "REB" in draft.sectors


def _is_government_body(draft: _Draft) -> bool:
    words = draft.name.lower().split()
    return draft.kind == "organization" and ("ministry" in words or "department" in words or "GOV" in draft.sectors)


def _is_organization(draft: _Draft) -> bool:
    return draft.kind == "organization"


def _is_agency(draft: _Draft) -> bool:
    return draft.kind == "organization" and bool({"IGO", "NGO"} & set(draft.sectors) or "agency" in draft.name.lower())


def _is_group(draft: _Draft) -> bool:
    return draft.kind == "group" or (draft.kind == "organization" and bool({"NGO", "HRI"} & set(draft.sectors)))


def _is_party(draft: _Draft) -> bool:
    return "PTY" in draft.sectors or "OPP" in draft.sectors


def _is_country(draft: _Draft) -> bool:
    return draft.kind == "country"


# "the country", "the nation": a country named before, when it acts ("the country's army").
_NATION_WORDS = frozenset({"country", "nation"})
# Anaphors for a body of government, which may stand for a generic one ("Kenya's interior ministry").
_BODY_WORDS = frozenset({"ministry", "department", "agency"})


# What a definite noun may refer back to ("the group" -> a named group).
_ANAPHOR_KINDS = {
    "group": _is_group,
    "militia": _is_armed_group,
    "militant": _is_armed_group,
    "rebel": _is_armed_group,
    "insurgent": _is_armed_group,
    "movement": lambda d: _is_armed_group(d) or _is_party(d),
    "ministry": _is_government_body,
    "department": _is_government_body,
    "agency": _is_agency,
    "organisation": _is_organization,
    "organization": _is_organization,
    "party": _is_party,
    "country": _is_country,
    "nation": _is_country,
}


def _acts(token: Token) -> bool:
    """True when a place name stands in an actor's position: subject, possessor, agent or object."""
    while token.dep_ in ("conj", "appos") and token.head.i != token.i:
        token = token.head
    if token.dep_ in ("nsubj", "nsubjpass", "poss", "csubj", "dobj", "dative"):
        return True
    if token.dep_ == "pobj":
        prep = token.head
        return prep.dep_ == "agent" or prep.lower_ not in _LOCATIVE_PREPS
    return False


def _qualifies_place(previous: Entity, entity: Entity, text: str) -> bool:
    """True for the state or country written after a place and a comma ("Springfield, Illinois")."""
    if not (previous.label == "GPE" and entity.label == "GPE" and text[previous.end : entity.start].strip() == ","):
        return False
    from newsevents.places import fold, gazetteer

    gaz = gazetteer()
    # "Kenya, Uganda and Tanzania" is a list; "Atlanta, Georgia" and "Lyon, France" are addresses.
    return fold(previous.text) not in gaz.countries and (
        fold(entity.text) in gaz.countries or fold(entity.text) in gaz.states
    )


def _is_dateline(entity: Entity, text: str) -> bool:
    """ "NAIROBI – Kenya and Somalia...": the place a story was filed from, before a dash."""
    return (
        entity.text.isupper() and re.match(r"\s*(?:\([^)]*\)\s*)?[-–—]", text[entity.end : entity.end + 30]) is not None
    )


def _is_plural_name(span: Span) -> bool:
    """A name the model calls a person that is a plural proper noun alone ("Democrats", "the
    Steelers") or after a place or nationality ("Virginia Democrats", "Bosnian Serbs"): a group of
    people, not one person. A first name before it makes a person whose surname looks plural
    ("Oliver Sacks")."""
    root = span.root
    if root.tag_ != "NNPS" or root.i != span.end - 1 or not root.lower_.endswith("s") or root.lower_.endswith("ss"):
        return False
    before = " ".join(t.text for t in span if t.i < root.i and t.lower_ != "the")
    if not before:
        return True
    match = knowledge_base().lookup(before)  # "Bosnian Serbs"
    return (match is not None and match.entry.kind == "country") or gazetteer_country(before) is not None


def _is_people(span: Span) -> bool:
    """A plural demonym standing as a noun ("Palestinians fled"), not an adjective ("Palestinian police")."""
    root = span.root
    return root.tag_ in ("NNS", "NNPS") and root.dep_ not in ("amod", "compound")


@lru_cache(maxsize=65_536)  # the same names recur within and across articles
def _clean(text: str) -> str:
    """A name as written, without a leading "the", a possessive or surrounding space."""
    text = text.strip()
    for article in ("the ", "The "):
        if text.startswith(article):
            text = text[len(article) :]
    for possessive in ("'s", "’s", "'", "’"):
        if text.endswith(possessive):
            text = text[: -len(possessive)]
    return text.strip()


def _lemmas(tokens: Span | list[Token]) -> list[str]:
    return [t.lemma_.lower() for t in tokens]


def _entity_text(entity: Entity | None) -> str | None:
    return entity.text if entity else None


def _may_be_acronym(short: str) -> bool:
    """Whether ``short`` has an acronym's shape: 2 to 8 characters, all capitals."""
    return short.isupper() and 2 <= len(short) <= 8


def _is_acronym_of(short: str, long: str) -> bool:
    """ "RSF" for "Rapid Support Forces": the capitals of the long name's main words."""
    if not _may_be_acronym(short) or " " not in long:
        return False
    initials = "".join(w[0] for w in long.replace("-", " ").split() if w[:1].isupper())
    return initials == short
