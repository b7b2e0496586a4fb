"""Entities stage: named and nominal mentions with exact character offsets.

Three sources, merged in text order (ids "e1", "e2"...):

* spaCy's named entities, trimmed of a leading "the" and a trailing possessive, with repairs:
  a lone ORG/GPE/NORP that repeats the surname of a PERSON named earlier becomes a PERSON; so does
  a name the small model calls an organisation or place where only a person stands (after "Mr" or a
  title, before ", who" or an age, or referred to by "he"/"she"); and an organisation or person name
  that the gazetteer knows as a place, where a place stands, becomes a GPE;
* names after an honorific that spaCy missed ("according to Mr Diallo"), as PERSON;
* names from the actor knowledge base that the small model missed ("al-Shabaab", "UNICEF"), as long
  as they do not overlap a spaCy entity;
* nominal mentions of generic actors ("Sudanese police", "a senior official", "unknown gunmen",
  "the ministry"), found by their head lemma (then the lemmas before it) and widened to the modifiers of their
  noun phrase; label ``NOMINAL``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from newsevents.actors.kb import knowledge_base
from newsevents.actors.sectors import names_people, terms_for
from newsevents.intervals import Intervals
from newsevents.language import doc_text, tokens_with
from newsevents.model import Analysis, Entity

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Span, Token

# Labels kept as entities; numbers and dates go to the quantities and times stages instead.
ENTITY_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "EVENT", "LAW", "PRODUCT"})
NOMINAL = "NOMINAL"

# Dependents of a nominal head that belong to its mention: "a senior official", "Sudanese police",
# "heavily armed gunmen", "two soldiers". Possessors ("Sudan's police") stay outside the span.
_MODIFIER_DEPS = frozenset({"det", "amod", "compound", "nummod", "advmod", "quantmod", "npadvmod"})
_KEPT_DETERMINERS = frozenset({"a", "an", "the", "this", "that", "these", "those", "some", "several"})
# Named entities a nominal may contain (a nationality), and those it may not ("UNICEF staff").
_NOMINAL_MAY_CONTAIN = frozenset({"NORP", ""})
_KB_LABELS = {"country": "GPE", "organization": "ORG", "group": "ORG"}

_matchers: dict[int, tuple[dict[str, list[tuple[str, tuple[str, ...]]]], PhraseMatcher]] = {}


def find_entities(analysis: Analysis, doc: Doc) -> None:
    """Append one Entity per named or nominal mention, in text order, ids "e1", "e2"..."""
    text = analysis.article.text
    # The text of every token, read once: the token loops below test it first and build a Token only for
    # the few words that pass.
    from spacy.attrs import ORTH

    strings = doc.vocab.strings
    words = [strings[key] for key in doc.to_array(ORTH).tolist()]
    found: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        label = ent.label_
        if label in ENTITY_LABELS:
            start, end = _trimmed_offsets(ent, words)
            if start < end:
                found.append((start, end, label))
    found = _relabel_surnames(found, text)
    found = _without_title_fragments(doc, found)
    found = _relabel_people(doc, found)
    found.extend(_honorific_names(doc, found, words))
    found = _relabel_places(doc, found)
    found = _place_kind_names(found, text)
    found = _extended_place_names(doc, found)
    found = _without_adjectives_of_known_names(doc, found)
    found.extend(_knowledge_base_names(doc, found))
    found.extend(_missed_places(doc, found, words))
    found.extend(_misspelled_countries(doc, found))
    found.extend(_nominal_mentions(doc, found))
    found.sort(key=lambda item: (item[0], -item[1]))
    for start, end, label in found:
        analysis.entities.append(
            Entity(id=f"e{len(analysis.entities) + 1}", label=label, start=start, end=end, text=text[start:end])
        )


def _trimmed_offsets(ent: Span, words: list[str]) -> tuple[int, int]:
    """Character offsets of ``ent`` without a leading determiner or a trailing possessive (``words``: the
    text of each token of the doc)."""
    tokens = list(ent)
    # "MANILA - Japanese": a dateline run into the entity; keep what follows the dash, unless only
    # what comes before it is a known name ("Gaza Strip - Airstrikes").
    dashes = [k for k in range(1, len(tokens)) if words[ent.start + k] in ("-", "–", "—") and tokens[k].whitespace_]
    if dashes:
        before, after = tokens[: dashes[-1]], tokens[dashes[-1] + 1 :]
        tokens = before if after and _is_known_name(before) and not _is_known_name(after) else after
    while tokens and tokens[0].lower_ in ("the", "a", "an") and len(tokens) > 1:
        tokens = tokens[1:]
    while (tokens and tokens[-1].tag_ == "POS") or (tokens and tokens[-1].text in ("'s", "’s", "'", "’")):
        tokens = tokens[:-1]
    if not tokens:
        return ent.start_char, ent.start_char
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _is_known_name(tokens: list[Token]) -> bool:
    """True when the knowledge base or the gazetteer knows the words as a name."""
    from newsevents.places import gazetteer

    if not tokens:
        return False
    text = tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text
    return knowledge_base().lookup(text) is not None or bool(gazetteer().candidates(text))


def _relabel_surnames(found: list[tuple[int, int, str]], text: str) -> list[tuple[int, int, str]]:
    """A one-word ORG/GPE/NORP that repeats an earlier person's surname is that person ("Diallo said")."""
    surnames: set[str] = set()
    fixed = []
    for start, end, label in found:
        mention = text[start:end]
        if label == "PERSON" and " " in mention.strip():
            surnames.add(mention.split()[-1])
        elif (
            label in ("ORG", "GPE", "NORP")
            and " " not in mention
            and mention in surnames
            and knowledge_base().lookup(mention) is None
        ):
            label = "PERSON"
        fixed.append((start, end, label))
    return fixed


# Courtesy titles before a surname: only a person follows them.
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sir", "dame", "mme", "mister"})
# Labels the small model gives a person's name by mistake.
_MISTAKEN_FOR_PEOPLE = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT"})
_PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
_AGE_APPOSITION = re.compile(r"^\s*,\s*[1-9][0-9]?\s*,")
_WHO_FOLLOWS = re.compile(r"^\s*,?\s*who\b")


def _without_title_fragments(doc: Doc, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Drop a one-word "organisation" that is the first word of a title ("Defence" in "Defence
    Minister Anna Kowalczyk"): the title names an office, not an organisation that acts."""
    titles = terms_for("title")
    sizes = sorted({len(lemmas) for lemmas in titles if len(lemmas) > 1})
    kept = []
    for start, end, label in found:
        span = doc.char_span(start, end, alignment_mode="expand") if label in ("ORG", "NORP", "GPE") else None
        if span is not None and len(span) == 1:
            following = [t.lemma_.lower() for t in doc[span.start : span.start + 4]]
            # Only a title of several words counts: a shorter ``following`` is no such title.
            if any(len(following) >= size and tuple(following[:size]) in titles for size in sizes):
                continue
        kept.append((start, end, label))
    return kept


def _relabel_people(doc: Doc, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A name spaCy calls an organisation or a place that stands where only a person does: after an
    honorific or a one-word title ("Mr Diallo", "Defence Minister Kowalczyk"), before ", who" or an
    age (", 45,"), or as the subject of a clause that goes on with "he"/"she"."""
    full_text = doc_text(doc)
    people = [start for start, _, label in found if label == "PERSON"]
    fixed = []
    for start, end, label in found:
        span = doc.char_span(start, end, alignment_mode="expand") if label in _MISTAKEN_FOR_PEOPLE else None
        if (
            span is not None
            and (_after_a_personal_title(span) or _person_follows(span, full_text[end : end + 12], people))
            and _looks_like_a_name(span)  # last: it looks the name up in the knowledge base and the gazetteer
        ):
            label = "PERSON"
        fixed.append((start, end, label))
    return fixed


def _looks_like_a_name(span: Span) -> bool:
    """One to four capitalised words, none an organisation word, and not a known actor or place."""
    words = [t for t in span if not t.is_punct]
    if not 1 <= len(words) <= 4 or not all(t.text[:1].isupper() and not t.is_upper for t in words):
        return False
    if any(t.lemma_.lower() in _organisation_words() for t in words):
        return False
    if knowledge_base().lookup(span.text) is not None:
        return False
    from newsevents.places import gazetteer, is_well_known_place

    return not any(is_well_known_place(c) for c in gazetteer().candidates(span.text))


@lru_cache(maxsize=1)
def _organisation_words() -> frozenset[str]:
    """Words that make a name an organisation's ("Ministry", "Party", "Bank"): the sector table's."""
    return frozenset(w for lemmas in terms_for("org") for w in lemmas) | frozenset(
        w for lemmas in terms_for("nominal") for w in lemmas
    )


def _after_a_personal_title(span: Span) -> bool:
    """ "Mr Diallo", "Defence Minister Kowalczyk": an honorific or a one-word title right before."""
    first = span[0]
    if first.lower_.rstrip(".") in HONORIFICS and len(span) > 1:
        return True
    if span.start == 0:
        return False
    before = span.doc[span.start - 1]
    if before.lower_.rstrip(".") in HONORIFICS:
        return True
    return (before.lemma_.lower(),) in terms_for("title") and before.head.i in range(span.start, span.end)


def _person_follows(span: Span, after: str, people: list[int]) -> bool:
    """ "Kowalczyk, who...", "Kowalczyk, 45,", or "Kowalczyk said she...": what follows is a person's.
    The pronoun counts only in an article that has named no person before it (``people``: where
    the PERSON entities start), who might be the one meant."""
    if span.start > 0 and span.doc[span.start - 1].lower_ == "the":
        return False  # "the Wild, who...": a team or a band, not a person
    if _AGE_APPOSITION.match(after) or _WHO_FOLLOWS.match(after):
        return True
    root = span.root
    if root.dep_ not in ("nsubj", "nsubjpass") or root.tag_ != "NNP":
        return False  # "Democrats said he...": a plural is no person
    clause = [t for t in root.sent if t.i >= span.end]
    for token in clause:
        if token.ent_type_ == "PERSON" or token.pos_ == "PROPN":
            return False  # another name comes first: the pronoun may be theirs
        if token.lower_ in _PERSONAL_PRONOUNS:
            return _reports_on(root.head, token) and not any(start < token.idx for start in people)
    return False


def _reports_on(verb: Token, pronoun: Token) -> bool:
    """True when ``pronoun`` sits in what ``verb`` says or wants ("Okoro said he had...", "Okoro
    wants her..."), not in a clause joined to it by "and"/"but"."""
    node = pronoun
    while node.i != verb.i:
        if node.dep_ == "conj" or node.head.i == node.i:
            return False
        node = node.head
    return True


def _honorific_names(doc: Doc, found: list[tuple[int, int, str]], words: list[str]) -> list[tuple[int, int, str]]:
    """Capitalised words that no entity covers after an honorific ("according to Mr Diallo") or a
    capitalised one-word title ("Governor Sanwo-Olu"), when they name no organisation or place.
    ``words``: the text of each token of ``doc``."""
    added: list[tuple[int, int, str]] = []
    for i in range(len(words) - 1):
        if not words[i][:1].isupper():
            continue
        token = doc[i]
        if token.is_upper:
            continue
        honorific = token.lower_.rstrip(".") in HONORIFICS
        if not honorific and (token.lemma_.lower(),) not in terms_for("title"):
            continue
        end = token.i + 1
        while end < len(doc) and end - token.i <= 4 and _continues_name(doc, end):
            end += 1
        if end == token.i + 1:
            continue
        name = doc[token.i + 1 : end]
        if _overlaps(name.start_char, name.end_char, found + added):
            continue
        if honorific or (_looks_like_a_name(name) and not any((t.lemma_.lower(),) in terms_for("title") for t in name)):
            added.append((name.start_char, name.end_char, "PERSON"))
    return added


def _continues_name(doc: Doc, i: int) -> bool:
    """A capitalised word, or a hyphen joining two ("Sanwo-Olu")."""
    token = doc[i]
    if token.is_alpha and token.is_title:
        return True
    return token.text == "-" and not doc[i - 1].whitespace_ and i + 1 < len(doc) and doc[i + 1].is_title


# Prepositions whose object is a location: "in El Fasher", "near Goma".
_LOCATIVE_PREPS = frozenset(
    {"in", "at", "near", "from", "into", "outside", "inside", "around", "across", "toward", "towards", "through"}
)
# Verbs whose object is a place: "fled Khan Younis", "retook Marawi", "shelled Kharkiv".
_PLACE_VERBS = frozenset({
    "flee", "enter", "reach", "shell", "bomb", "besiege", "storm", "capture", "seize", "retake",
    "recapture", "overrun", "evacuate", "liberate", "encircle", "invade", "occupy", "raze",
    "pound", "bombard", "raid", "retook", "overran",  # the last two: forms the small model leaves unlemmatised
})  # fmt: skip
# Verbs of going whose "to" names a place: "fled to Rafah", "returned to Bucha" ("sent aid to Oxfam" does not).
_MOTION_VERBS = frozenset({
    "flee", "travel", "return", "move", "go", "come", "head", "fly", "march", "retreat", "withdraw",
    "advance", "spread", "relocate", "drive", "walk", "sail", "escape", "deploy", "evacuate", "redeploy",
})  # fmt: skip
# Nouns whose "of" names a place: "the outskirts of Goma", "residents of Mariupol", "north of Kyiv".
_PLACE_NOUNS = frozenset({
    "city", "town", "village", "outskirts", "suburb", "centre", "center", "province", "region",
    "district", "county", "port", "capital", "resident", "people", "mayor", "governor", "north",
    "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "heart", "street",
    "edge", "area",
})  # fmt: skip


def _in_locative_position(token: Token) -> bool:
    """True when ``token`` (or the phrase it joins by "and") stands where a place does: the object
    of a locative preposition ("in Goma"), of a verb of taking or leaving a place ("retook Goma"),
    of "to" after a verb of going ("fled to Goma"), or of "of" after a place noun ("the outskirts
    of Goma")."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ == "pobj":
        prep = token.head
        if prep.lower_ in _LOCATIVE_PREPS:
            return True
        if prep.lower_ == "to":
            return prep.head.lemma_.lower() in _MOTION_VERBS
        return prep.lower_ == "of" and prep.head.lemma_.lower() in _PLACE_NOUNS
    return token.dep_ == "dobj" and token.head.lemma_.lower() in _PLACE_VERBS


def _is_place_name(text: str) -> bool:
    from newsevents.places import gazetteer

    return bool(gazetteer().candidates(text))


def _relabel_places(doc: Doc, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """An ORG, PERSON, NORP or PRODUCT that the gazetteer knows as a place is a GPE when it stands
    where a place stands ("in El Fasher", "Long Beach, CA", a dateline), is a well-known place
    ("Kharkiv"), or is tagged GPE elsewhere in the article; never a name part of a person named in
    the article. An ORG needs a place of that name (or a big city's alternate name): "at Google" is
    no visit to Topeka."""
    from newsevents.places import (
        ALTERNATE_NAME_POPULATION,
        followed_by_area_word,
        gazetteer,
        is_well_known_place,
    )

    gaz = gazetteer()
    full_text = doc_text(doc)
    person_words = {
        w for s, e, label in found if label == "PERSON" for w in full_text[s:e].split() if " " in full_text[s:e]
    }
    tagged_places = {full_text[s:e] for s, e, label in found if label in ("GPE", "LOC")}

    def after_comma(start: int) -> bool:
        return full_text[max(0, start - 2) : start].strip() == ","

    fixed = []
    previous_end = -10
    previous_label = ""
    for start, end, label in found:
        text = full_text[start:end]
        if (
            label in ("ORG", "PERSON", "NORP", "PRODUCT")
            and text not in person_words
            and not (text.isupper() and len(text) <= 3 and not after_comma(start))
            and (
                (known := knowledge_base().lookup(text)) is None
                or (known.entry.kind == "country" and known.role in ("name", "capital"))
            )
        ):
            candidates = gaz.candidates(text)
            if label == "ORG":
                candidates = [
                    c for c in candidates
                    if c.feature != "city" or c.main_name or c.population >= ALTERNATE_NAME_POPULATION
                ]  # fmt: skip
            span = doc.char_span(start, end, alignment_mode="expand")
            after_place = previous_label == "GPE" and full_text[previous_end:start].strip() == ","
            if (
                candidates
                and span is not None
                and not (label == "NORP" and span.root.pos_ == "ADJ")  # "Western interests"
                and (
                    after_place
                    or text in tagged_places
                    or _in_locative_position(span.root)
                    or _is_dateline(span)
                    or followed_by_area_word(full_text[end : end + 16])
                    or any(is_well_known_place(c) for c in candidates)
                )
            ):
                label = "GPE"
        fixed.append((start, end, label))
        previous_end, previous_label = end, label
    return fixed


# Words that open the name of a local administrative unit: "Barangay Carabalan", "Village Bakaro".
_PLACE_KIND_WORDS = frozenset(
    {"barangay", "village", "district", "province", "county", "municipality", "township", "subdistrict", "hamlet",
     "kebele", "kelurahan", "desa", "kampung"}
)  # fmt: skip


def _place_kind_names(found: list[tuple[int, int, str]], text: str) -> list[tuple[int, int, str]]:
    """A name that opens with the kind of local unit it is ("Barangay Carabalan") is a place (LOC),
    whatever the model called it; so is the bare name after it elsewhere in the article ("sent
    investigators to Carabalan"), which the model may take for a person."""
    names: set[str] = set()
    fixed = []
    for start, end, label in found:
        words = text[start:end].split()
        if label in ("ORG", "PERSON", "FAC") and len(words) > 1 and words[0].lower() in _PLACE_KIND_WORDS:
            names.add(" ".join(words[1:]))
            label = "LOC"
        fixed.append((start, end, label))
    return [
        (start, end, "LOC" if label in ("ORG", "PERSON") and text[start:end] in names else label)
        for start, end, label in fixed
    ]


def _extended_place_names(doc: Doc, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A place entity that stops inside its name ("Deir" of "Deir ez-Zor"): widened over the next
    few words of the name when the gazetteer knows the longer name."""
    from newsevents.places import gazetteer

    gaz = gazetteer()
    fixed = []
    for start, end, label in found:
        span = doc.char_span(start, end, alignment_mode="expand") if label in ("GPE", "LOC") else None
        if span is not None:
            for stop in range(min(span.end + 4, span.sent.end), span.end, -1):
                last = doc[stop - 1]
                longer_end = last.idx + len(last.text)
                if (
                    last.is_alpha
                    and not last.is_lower  # "Nangarhar province" names the same place
                    and all(t.pos_ in ("PROPN", "PUNCT") or t.is_lower for t in doc[span.end : stop])
                    and not _overlaps(doc[span.end].idx, longer_end, [f for f in found if f[0] != start])
                    and gaz.candidates(doc[span.start : stop].text)
                ):
                    end = longer_end
                    break
        fixed.append((start, end, label))
    return fixed


def _missed_places(doc: Doc, found: list[tuple[int, int, str]], words: list[str]) -> list[tuple[int, int, str]]:
    """Capitalised words no entity covers that the gazetteer knows, where a place stands.

    Each run of capitalised words ("Khan Younis", "KRAMATORSK") is looked up whole, then by shorter
    stretches, longest first. A match counts as a place where a place stands ("in Kyiv", "fled
    Rafah", "the outskirts of Goma", a dateline "GOMA, Congo -"); as the object of any other verb
    only when it is a town of some size ("rebels retook Malakal"); anywhere else only when it is a
    well-known place the parser takes for a proper noun ("Kharkiv came under fire"). A capitalised
    word the parser reads as a common one ("Reading", "Bath") needs a well-known place even in a
    place's position.
    """
    from newsevents.places import gazetteer, is_well_known_place

    gaz = gazetteer()
    added: list[tuple[int, int, str]] = []
    taken = Intervals(found)
    for run in _capitalised_runs(doc, found, words):
        for span in _stretches(run):
            candidates = gaz.candidates(span.text)
            if (
                not candidates
                or taken.overlaps(span.start_char, span.end_char)
                or _overlaps(span.start_char, span.end_char, added)
            ):
                continue
            if span.text.isupper() and len(span.text) <= 3:
                continue  # "ID", "PA", "IG": a state's code only after a city (spaCy tags those)
            if _next_to_a_name(span):
                continue  # "Florida Man": the end of a longer name spaCy tagged in part
            proper = all(t.pos_ == "PROPN" or not t.is_alpha for t in span)
            well_known = any(is_well_known_place(c) for c in candidates)
            root = span.root
            if _in_locative_position(root) or _is_dateline(span):
                accept = proper or well_known
            elif root.dep_ == "dobj":
                accept = proper and any(c.feature != "city" or c.population >= _TOWN for c in candidates)
            else:  # a sentence's first word is capitalised whatever it is: a big place only
                big = any(c.feature != "city" or c.population >= _BIG_PLACE for c in candidates)
                accept = proper and well_known and (span.start > span.sent.start or big)
            if accept:
                added.append((span.start_char, span.end_char, "GPE"))
                break
    return added


def _capitalised_runs(doc: Doc, found: list[tuple[int, int, str]], words: list[str]) -> list[Span]:
    """Maximal runs of capitalised words (joined by hyphens) outside every entity found so far and
    outside spaCy's dates, times and numbers. ``words``: the text of each token of ``doc``."""
    runs: list[Span] = []
    start = None
    taken = Intervals(found)
    n = len(words)
    for i, word in enumerate([*words, ""]):
        # A word joins a run ("Deir ez-Zor") when a run is open and a capitalised word follows; a
        # capitalised word may open one. Others (and the end of the text) close the open run, if any.
        if i < n and word[:1].isupper():
            candidate = True
        elif start is None:
            continue
        else:
            candidate = (
                i < n
                and (word in ("-", "‑") or doc[i].lower_ in _NAME_PARTICLES)
                and i + 1 < n
                and words[i + 1][:1].isupper()
            )
        inside = False
        if candidate:
            token = doc[i]
            entity_type = token.ent_type_
            inside = (not entity_type or entity_type in ENTITY_LABELS) and not taken.overlaps(
                token.idx, token.idx + len(word)
            )
        if inside and start is None:
            start = i
        elif not inside and start is not None:
            end = i
            while end > start and not words[end - 1][:1].isupper():
                end -= 1
            if end > start:
                runs.append(doc[start:end])
            start = None
    return runs


# Lower-case words inside place names: "Mocimboa da Praia", "Deir ez-Zor", "Rio de Janeiro".
_NAME_PARTICLES = frozenset(
    {"da", "de", "del", "della", "di", "do", "dos", "das", "du", "des", "la", "le", "al", "el", "ez", "es", "ad", "ar"}
)


def _stretches(run: Span) -> list[Span]:
    """The run itself and the run without a first word that only qualifies the place ("Eastern
    Aleppo"): never a part from inside a longer name ("Car" of "Stock Car", "Bay" of "Palm Bay",
    "Wi" of "Wi-Fi"), and nothing of fewer than three letters."""
    spans = [run]
    if len(run) > 1 and run[0].lower_ in _PLACE_QUALIFIERS:
        rest = run[1:]
        while len(rest) and not rest[0].text[:1].isupper():
            rest = rest[1:]
        if len(rest):
            spans.append(rest)
    return [s for s in spans if len(s.text) >= 3 and not _glued_to_a_word(s)]


# Words before a place name that only qualify it: "northern Khan Younis", "Greater Beirut".
_PLACE_QUALIFIERS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "northeastern", "northwestern", "southeastern", "southwestern", "greater", "upper", "lower",
})  # fmt: skip


def _next_to_a_name(span: Span) -> bool:
    """True when a capitalised word of an entity touches the span ("Florida" before "Man")."""
    doc = span.doc
    neighbours = [doc[span.start - 1] if span.start > 0 else None, doc[span.end] if span.end < len(doc) else None]
    return any(t is not None and t.ent_type_ and t.text[:1].isupper() for t in neighbours)


def _glued_to_a_word(span: Span) -> bool:
    """True when a hyphen or a word is written onto either end ("T-Mobile", "Wi-Fi")."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    return (before is not None and not before.whitespace_ and before.text in ("-", "‑")) or (
        after is not None and not span[-1].whitespace_ and after.text in ("-", "‑")
    )


def _is_dateline(span: Span) -> bool:
    """ "GOMA, Congo -", "KHAN YOUNIS (Reuters) -": capitals that open a paragraph before a comma,
    a bracket or a dash."""
    doc = span.doc
    opens = span.start == 0 or "\n" in doc[span.start - 1].whitespace_ or doc[span.start - 1].is_space
    following = doc[span.end].text if span.end < len(doc) else ""
    return opens and span.text.isupper() and following in (",", "(", "-", "–", "—")


# A town this big is what its name means as the object of a verb ("rebels retook Malakal").
_TOWN = 50_000
# A city this big is what its name means even as the first word of a sentence ("Kharkiv came under fire").
_BIG_PLACE = 1_000_000


def _misspelled_countries(doc: Doc, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Untagged proper nouns that misspell a country name ("Ethopia has agreed", "from Afganistan")."""
    kb = knowledge_base()
    added: list[tuple[int, int, str]] = []
    from spacy.attrs import POS

    taken = Intervals(found)
    for token in tokens_with(doc, POS, ("PROPN",)):
        if token.ent_type_ or taken.overlaps(token.idx, token.idx + len(token)):
            continue
        match = kb.lookup_misspelled(token.text)
        if match is not None and match.role == "name":
            added.append((token.idx, token.idx + len(token), "GPE"))
    return added


def _matchers_for(doc: Doc) -> tuple[dict[str, list[tuple[str, tuple[str, ...]]]], PhraseMatcher]:
    """The nominal terms by head lemma and the knowledge-base PhraseMatcher for this vocabulary (built once)."""
    key = id(doc.vocab)
    if key not in _matchers:
        from spacy.matcher import PhraseMatcher

        terms: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for use in ("nominal", "anaphor"):
            for lemmas in terms_for(use):
                terms.setdefault(lemmas[-1], []).append((use, tuple(lemmas)))
        from spacy.lang.en import English

        tokenizer = English(vocab=doc.vocab)
        phrases = PhraseMatcher(doc.vocab, attr="ORTH")
        forms: dict[str, list[Doc]] = {}
        for form, match in knowledge_base().surface_forms():
            if match.role in ("name", "seat", "capital") and len(form) > 2:
                kind = "country" if match.role == "capital" else match.entry.kind
                forms.setdefault(kind, []).append(tokenizer.make_doc(form))
        for kind, docs in forms.items():
            phrases.add(kind, docs)
        _matchers[key] = (terms, phrases)
    return _matchers[key]


def _overlaps(start: int, end: int, spans: list[tuple[int, int, str]]) -> bool:
    return any(start < s_end and s_start < end for s_start, s_end, _ in spans)


def _without_adjectives_of_known_names(doc: Doc, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Drop a NORP that is the first word of a known organisation's name ("Islamic" of "Islamic
    State", "Democratic" of "Democratic Forces for..."), so that the whole name is found; a country's
    demonym stays ("Sudanese army" is a generic army of Sudan)."""
    _, phrases = _matchers_for(doc)
    kb = knowledge_base()
    inside: set[tuple[int, int]] = set()
    for match_id, start, end in phrases(doc):
        if end - start < 2 or doc.vocab.strings[match_id] not in ("organization", "group"):
            continue
        span = doc[start:end]
        if span.text.islower():
            continue
        for s, e, label in found:
            if label == "NORP" and span.start_char <= s and e <= span.end_char:
                match = kb.lookup(doc_text(doc)[s:e])
                if match is None or match.entry.kind != "country":
                    inside.add((s, e))
    return [f for f in found if (f[0], f[1]) not in inside]


def _knowledge_base_names(doc: Doc, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Known actor names spaCy missed, where they overlap no spaCy entity; longest first."""
    _, phrases = _matchers_for(doc)
    added: list[tuple[int, int, str]] = []
    matches = sorted(phrases(doc), key=lambda m: (m[1] - m[2], m[1]))
    taken = Intervals(found)
    for match_id, start, end in matches:
        span = doc[start:end]
        # A match with capitals only: "who" and "us" are words, not WHO and the US.
        if span.text.islower():
            continue
        if taken.overlaps(span.start_char, span.end_char) or _overlaps(span.start_char, span.end_char, added):
            continue
        kind = doc.vocab.strings[match_id]
        before = doc[start - 1] if start > 0 else None
        if (
            kind == "country"
            and before is not None
            and (before.lower_ in _NAME_PARTICLES or (before.pos_ == "PROPN" and before.head.i in range(start, end)))
        ):
            continue  # "Mocimboa da Praia", "Port Victoria": the end of a longer name, not the country
        added.append((span.start_char, span.end_char, _KB_LABELS.get(kind, "ORG")))
    return added


def _nominal_mentions(doc: Doc, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Generic-actor noun phrases ("Sudanese police", "a senior official"), widest match kept."""
    terms, _ = _matchers_for(doc)
    named = Intervals((s, e) for s, e, label in found if label not in _NOMINAL_MAY_CONTAIN)
    candidates: list[tuple[int, int]] = []
    for use, start, end in _term_matches(doc, terms):
        head = doc[end - 1]
        if head.dep_ == "compound" and head.head.i > head.i:
            continue  # "police station", "army chief": the word modifies another noun
        if use == "anaphor" and not _is_definite(head):
            continue  # "a group of residents" is no reference back to a named group
        first = _first_modifier(doc, start, head)
        span = doc[first:end]
        if named.overlaps(span.start_char, span.end_char):
            # Inside a name ("Rapid Support Forces"): try the bare term instead.
            span = doc[start:end]
            if named.overlaps(span.start_char, span.end_char):
                continue
        candidates.append((span.start, span.end))
    for head in _people_of_a_country(doc):
        first = _first_modifier(doc, head.i, head)
        if not named.overlaps(doc[first].idx, head.idx + len(head.text)):
            candidates.append((first, head.i + 1))
    kept: list[tuple[int, int]] = []
    for start, end in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        if all(end <= s or start >= e for s, e in kept):
            kept.append((start, end))
    return [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text), NOMINAL) for s, e in kept]


def _people_of_a_country(doc: Doc) -> list[Token]:
    """Plural nouns for people that a country or nationality qualifies ("US lawyers", "Chinese
    students") and that the sector table lacks: a group of that country, not the country itself."""
    kb = knowledge_base()
    from spacy.attrs import TAG

    heads = []
    for token in tokens_with(doc, TAG, ("NNS",)):
        if token.ent_type_ or not names_people(token.lemma_):
            continue
        if (token.lemma_.lower(),) in terms_for("nominal"):
            continue  # a sector term: found as one
        if token.dep_ == "compound" and token.head.i > token.i:
            continue  # "US lawyers' fees": the word modifies another noun
        for child in token.lefts:
            match = kb.lookup(child.text) if child.dep_ in ("amod", "compound", "nmod") else None
            if child.ent_type_ in ("NORP", "GPE") and match is not None and match.entry.kind == "country":
                heads.append(token)
                break
    return heads


def _term_lemma(lemma: str) -> str | None:
    """A lemma in lower case when written lower, Capitalised or UPPER (as terms match), else None."""
    lower = lemma.lower()
    return lower if lemma in (lower, lower.capitalize(), lower.upper()) else None


# ``_term_lemma`` by the lemma's hash: the lemmas of a text repeat, and reading them as an array spares
# building a Token per word.
_TERM_LEMMAS: dict[int, str | None] = {}


def _term_matches(doc: Doc, terms: dict[str, list[tuple[str, tuple[str, ...]]]]) -> list[tuple[str, int, int]]:
    """Every (use, start, end) where a term's lemmas end on a noun: looked up by the head lemma, so the
    cost grows with the text, not with the number of terms."""
    from spacy.attrs import LEMMA

    if len(_TERM_LEMMAS) > 200_000:  # bounded memory in long runs
        _TERM_LEMMAS.clear()
    strings = doc.vocab.strings
    keys = doc.to_array(LEMMA).tolist()
    for key in set(keys).difference(_TERM_LEMMAS):
        _TERM_LEMMAS[key] = _term_lemma(strings[key])
    lemmas = list(map(_TERM_LEMMAS.__getitem__, keys))
    found: list[tuple[str, int, int]] = []
    for i, lemma in enumerate(lemmas):
        if lemma not in terms or doc[i].pos_ not in ("NOUN", "PROPN"):  # None is no term
            continue
        for use, words in terms[lemma]:  # type: ignore[index]
            start = i - len(words) + 1
            if start >= 0 and all(lemmas[start + k] == word for k, word in enumerate(words[:-1])):
                found.append((use, start, i + 1))
    return sorted(found, key=lambda m: (m[1], m[2]))


def _is_definite(head: Token) -> bool:
    return any(child.dep_ == "det" and child.lower_ in ("the", "this", "that") for child in head.lefts)


def _first_modifier(doc: Doc, start: int, head: Token) -> int:
    """Index of the first token of the contiguous modifiers before ``doc[start]`` that belong to ``head``."""
    first = start
    i = start - 1
    sent_start = head.sent.start
    while i >= sent_start:
        token = doc[i]
        if not _modifies(token, head) or token.ent_type_ not in _NOMINAL_MAY_CONTAIN:
            break
        if token.dep_ == "det" and (token.lower_ not in _KEPT_DETERMINERS or token.head.i != head.i):
            break  # "a man police said": the article belongs to another noun
        first = i
        i -= 1
    return first


def _modifies(token: Token, head: Token) -> bool:
    """True when ``token`` hangs from ``head`` through modifier relations only."""
    node = token
    while node.i != head.i:
        if node.dep_ not in _MODIFIER_DEPS or node.head.i == node.i:
            return False
        node = node.head
    return True
