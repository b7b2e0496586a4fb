"""Entities stage: named and nominal mentions with exact character offsets.

Three sources, merged in text order (ids "e1", "e2"...):

* spaCy's named entities, trimmed of a leading "the" and a trailing possessive, with one repair:
  a lone ORG/GPE/NORP that repeats the surname of a PERSON named earlier becomes a PERSON;
* names from the actor knowledge base that the small model missed ("al-Shabaab", "UNICEF"), as long
  as they do not overlap a spaCy entity;
* nominal mentions of generic actors ("Sudanese police", "a senior official", "unknown gunmen",
  "the ministry"), found by their head lemma (then the lemmas before it) and widened to the modifiers of their
  noun phrase; label ``NOMINAL``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsevents.actors.kb import knowledge_base
from newsevents.actors.sectors import terms_for
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
    found: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        if ent.label_ in ENTITY_LABELS:
            start, end = _trimmed_offsets(ent)
            if start < end:
                found.append((start, end, ent.label_))
    found = _relabel_surnames(found, text)
    found = _relabel_places(doc, found)
    found.extend(_knowledge_base_names(doc, found))
    found.extend(_missed_places(doc, found))
    found.extend(_misspelled_countries(doc, found))
    found.extend(_nominal_mentions(doc, found))
    found.sort(key=lambda item: (item[0], -item[1]))
    for start, end, label in found:
        analysis.entities.append(
            Entity(id=f"e{len(analysis.entities) + 1}", label=label, start=start, end=end, text=text[start:end])
        )


def _trimmed_offsets(ent: Span) -> tuple[int, int]:
    """Character offsets of ``ent`` without a leading determiner or a trailing possessive."""
    tokens = list(ent)
    # "MANILA - Japanese": a dateline run into the entity; keep what follows the dash.
    dashes = [k for k, t in enumerate(tokens) if t.text in ("-", "–", "—") and t.whitespace_ and k > 0]
    if dashes:
        tokens = tokens[dashes[-1] + 1 :]
    while tokens and tokens[0].lower_ in ("the", "a", "an") and len(tokens) > 1:
        tokens = tokens[1:]
    while (tokens and tokens[-1].tag_ == "POS") or (tokens and tokens[-1].text in ("'s", "’s", "'", "’")):
        tokens = tokens[:-1]
    if not tokens:
        return ent.start_char, ent.start_char
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


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


# Prepositions whose object is a location: "in El Fasher", "near Goma".
_LOCATIVE_PREPS = frozenset(
    {"in", "at", "near", "from", "into", "outside", "inside", "around", "across", "toward", "towards", "through"}
)


def _in_locative_position(token: Token) -> bool:
    """True when ``token`` (or the phrase it joins by "and") is the object of a locative preposition."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE_PREPS


def _is_place_name(text: str) -> bool:
    from newsevents.places import gazetteer

    return bool(gazetteer().candidates(text))


def _relabel_places(doc: Doc, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """An ORG, PERSON or NORP that the gazetteer knows as a place is a GPE when it stands where a
    place stands ("in El Fasher", "Long Beach, CA"), is a well-known place ("Kharkiv"), or is
    tagged GPE elsewhere in the article; never a name part of a person named in the article."""
    from newsevents.places import gazetteer, is_well_known_place

    gaz = gazetteer()
    full_text = doc.text  # spaCy rebuilds Doc.text from every token on each access: read it once
    person_words = {
        w for s, e, label in found if label == "PERSON" for w in full_text[s:e].split() if " " in full_text[s:e]
    }
    tagged_places = {full_text[s:e] for s, e, label in found if label in ("GPE", "LOC")}
    fixed = []
    previous_end = -10
    previous_label = ""
    for start, end, label in found:
        text = full_text[start:end]
        known = knowledge_base().lookup(text)
        if (
            label in ("ORG", "PERSON", "NORP")
            and text not in person_words
            and (known is None or (known.entry.kind == "country" and known.role in ("name", "capital")))
        ):
            candidates = gaz.candidates(text)
            span = doc.char_span(start, end, alignment_mode="expand")
            after_place = previous_label == "GPE" and full_text[previous_end:start].strip() == ","
            if (
                candidates
                and span is not None
                and (
                    after_place
                    or text in tagged_places
                    or _in_locative_position(span.root)
                    or any(is_well_known_place(c) for c in candidates)
                )
            ):
                label = "GPE"
        fixed.append((start, end, label))
        previous_end, previous_label = end, label
    return fixed


def _missed_places(doc: Doc, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Proper nouns in a place's position that spaCy left untagged but the gazetteer knows ("in Kyiv")."""
    from newsevents.places import gazetteer

    added: list[tuple[int, int, str]] = []
    for token in doc:
        if token.pos_ != "PROPN" or token.ent_type_:
            continue
        locative = _in_locative_position(token)
        if not locative and token.dep_ != "dobj":
            continue
        first = min([token.i] + [c.i for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"])
        span = doc[first : token.i + 1]
        if _overlaps(span.start_char, span.end_char, found + added):
            continue
        candidates = gazetteer().candidates(span.text)
        # The object of a verb ("retook Malakal") only when the name is a known town of some size.
        if candidates and (locative or any(c.feature != "city" or c.population >= _TOWN for c in candidates)):
            added.append((span.start_char, span.end_char, "GPE"))
    return added


# A town this big is what its name means as the object of a verb ("rebels retook Malakal").
_TOWN = 50_000


def _misspelled_countries(doc: Doc, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Untagged proper nouns that misspell a country name ("Ethopia has agreed", "from Afganistan")."""
    kb = knowledge_base()
    added: list[tuple[int, int, str]] = []
    for token in doc:
        if token.pos_ != "PROPN" or token.ent_type_ or _overlaps(token.idx, token.idx + len(token), found):
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


def _knowledge_base_names(doc: Doc, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Known actor names spaCy missed, where they overlap no spaCy entity; longest first."""
    _, phrases = _matchers_for(doc)
    added: list[tuple[int, int, str]] = []
    matches = sorted(phrases(doc), key=lambda m: (m[1] - m[2], m[1]))
    for match_id, start, end in matches:
        span = doc[start:end]
        # A match with capitals only: "who" and "us" are words, not WHO and the US.
        if span.text.islower():
            continue
        if _overlaps(span.start_char, span.end_char, found + added):
            continue
        kind = doc.vocab.strings[match_id]
        added.append((span.start_char, span.end_char, _KB_LABELS.get(kind, "ORG")))
    return added


def _nominal_mentions(doc: Doc, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Generic-actor noun phrases ("Sudanese police", "a senior official"), widest match kept."""
    terms, _ = _matchers_for(doc)
    named = [(s, e, label) for s, e, label in found if label not in _NOMINAL_MAY_CONTAIN]
    candidates: list[tuple[int, int]] = []
    for use, start, end in _term_matches(doc, terms):
        head = doc[end - 1]
        if head.dep_ == "compound" and head.head.i > head.i:
            continue  # "police station", "army chief": the word modifies another noun
        if use == "anaphor" and not _is_definite(head):
            continue  # "a group of residents" is no reference back to a named group
        first = _first_modifier(doc, start, head)
        span = doc[first:end]
        if _overlaps(span.start_char, span.end_char, named):
            # Inside a name ("Rapid Support Forces"): try the bare term instead.
            span = doc[start:end]
            if _overlaps(span.start_char, span.end_char, named):
                continue
        candidates.append((span.start, span.end))
    kept: list[tuple[int, int]] = []
    for start, end in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        if all(end <= s or start >= e for s, e in kept):
            kept.append((start, end))
    return [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text), NOMINAL) for s, e in kept]


def _term_lemma(token: Token) -> str | None:
    """The token's lemma in lower case when written lower, Capitalised or UPPER (as terms match), else None."""
    lemma = token.lemma_
    lower = lemma.lower()
    return lower if lemma in (lower, lower.capitalize(), lower.upper()) else None


def _term_matches(
    doc: Doc, terms: dict[str, list[tuple[str, tuple[str, ...]]]]
) -> list[tuple[str, int, int]]:
    """Every (use, start, end) where a term's lemmas end on a noun: looked up by the head lemma, so the
    cost grows with the text, not with the number of terms."""
    lemmas = [_term_lemma(token) for token in doc]
    found: list[tuple[str, int, int]] = []
    for i, token in enumerate(doc):
        if lemmas[i] is None or lemmas[i] not in terms or token.pos_ not in ("NOUN", "PROPN"):
            continue
        for use, words in terms[lemmas[i]]:  # type: ignore[index]
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
