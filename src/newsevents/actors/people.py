"""What the parse says about a named person: title, the organisation they belong to, their country.

Read from five places around a PERSON mention:

* pre-modifiers: "State Department Deputy Special Envoy Maria Lopez", "Kenyan Foreign Minister X";
* an apposition after the name: "Karimi, the agency's head of operations,";
* the name as apposition of a role noun: "top UNICEF field officer Ahmed Karimi";
* a prepositional phrase on the name: "Ms Nakamura of the State Department", "Yusuf at the
  Pentagon", "Hassan Ali from the Somali health ministry" (an organisation or country only);
* a relative clause of working for someone: "Lopez, who works for the State Department".

The title of an apposition is its head noun with the modifiers right before it and an "of"/"for"
phrase without a determiner ("head of operations"); an organisation inside it ("for the Kenyan
interior ministry") is an affiliation, not part of the title.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from newsevents.actors.sectors import terms_for

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Relations that join a pre-modifier to the name: "Foreign Minister Amara Diallo".
_PREMODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "det", "poss", "case", "nummod", "advmod", "punct"})
# Words that describe rather than name a role: dropped from the front of a title.
_NOT_TITLE = frozenset({"the", "a", "an", "top", "his", "her", "their", "its", "then", "also"})


@dataclass
class PersonDescription:
    """The role phrase found around a person's name, split into its parts."""

    title: str | None = None
    title_lemmas: list[str] = field(default_factory=list)
    related: list[Token] = field(default_factory=list)  # tokens naming an organisation or country
    possessors: list[Token] = field(default_factory=list)  # "the agency's", "Kenya's"


def describe_person(doc: Doc, name: Span, entity_tokens: set[int]) -> PersonDescription:
    """The title and related names around the person mention ``name``.

    ``entity_tokens`` holds the indexes of tokens inside other entities (organisations, countries).
    """
    root = name.root
    regions: list[_Region] = []
    before = _premodifiers(doc, name)
    if before:
        regions.append(_Region(before))
    for child in root.rights:
        if child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN") and child.i >= name.end:
            regions.append(_Region([t for t in child.subtree if not (name.start <= t.i < name.end)], child))
    if root.dep_ == "appos" and root.head.pos_ in ("NOUN", "PROPN") and root.head.i < name.start:
        head = root.head
        regions.append(_Region([t for t in head.subtree if t.i < name.start and not root.is_ancestor(t)], head))
    for child in root.rights:
        if child.i < name.end:
            continue
        if child.dep_ == "prep" and child.lower_ in _AFFILIATING_PREPOSITIONS:
            regions.append(_Region(list(child.subtree), titled=False))
        elif child.dep_ == "relcl" and child.lemma_.lower() in _AFFILIATING_VERBS:
            regions.append(_Region([t for t in child.subtree if t.i > child.i], titled=False))
    description = PersonDescription()
    for region in regions:
        _read_region(region, entity_tokens, description)
    return description


@dataclass
class _Region:
    """Tokens of one phrase around a name; ``head`` the role noun of an apposition, where there is
    one; ``titled`` False for a phrase that names an organisation or country but no title."""

    tokens: list[Token]
    head: Token | None = None
    titled: bool = True


# "Nakamura of the State Department", "Yusuf at the Pentagon", "Ali from the health ministry".
_AFFILIATING_PREPOSITIONS = frozenset({"of", "at", "from", "with"})
# "who works for the State Department", "who heads the agency".
_AFFILIATING_VERBS = frozenset({"work", "serve", "head", "lead", "run", "chair", "represent", "direct"})


def _premodifiers(doc: Doc, name: Span) -> list[Token]:
    """The contiguous tokens before ``name`` that modify it (its title and organisation)."""
    tokens: list[Token] = []
    i = name.start - 1
    sentence_start, root = name.sent.start, name.root  # computed by spaCy on each access: once here
    while i >= sentence_start:
        token = doc[i]
        # "U.S. Secretary of State Warren Christopher": an "of" phrase inside the title belongs to it.
        of_phrase = (token.dep_ == "prep" and token.lower_ == "of") or (
            token.dep_ == "pobj" and token.head.lower_ == "of"
        )
        if (
            (token.dep_ not in _PREMODIFIER_DEPS and not of_phrase)
            or not root.is_ancestor(token)
            or token.text in (",", "(", ")")
        ):
            break
        tokens.insert(0, token)
        i -= 1
    return tokens


def _read_region(phrase: _Region, entity_tokens: set[int], description: PersonDescription) -> None:
    """Split a role phrase into organisation/country tokens, possessors and the title proper (the
    title only when no earlier region gave one, and never from an untitled region)."""
    region = sorted(phrase.tokens, key=lambda t: t.i)
    last_named = -1
    for position, token in enumerate(region):
        if token.i in entity_tokens:
            description.related.append(token)
            last_named = position
        elif token.dep_ == "poss":
            description.possessors.append(token)
            last_named = position
        elif token.tag_ == "POS" or token.dep_ == "case":
            last_named = max(last_named, position)
        elif not phrase.titled and token.dep_ == "pobj" and token.pos_ == "NOUN":
            description.related.append(token)  # "of the ministry": an institution named by a noun
    if description.title or not phrase.titled:
        return
    if phrase.head is not None:
        title_tokens = _title_around(phrase.head, region, entity_tokens)
    else:
        title_tokens = [t for t in region[last_named + 1 :] if not t.is_punct]
        if not _has_role_word(title_tokens):
            # "Secretary of State": a name inside the title's "of" phrase ends the region; the
            # title is the run of words before it.
            runs: list[list[Token]] = [[]]
            for token in region:
                if token.i in entity_tokens or token.dep_ == "poss" or token.is_punct:
                    runs.append([])
                else:
                    runs[-1].append(token)
            title_tokens = next((run for run in runs if _has_role_word(run)), [])
            while title_tokens and title_tokens[-1].pos_ == "ADP":
                title_tokens = title_tokens[:-1]
    while title_tokens and title_tokens[0].lower_ in _NOT_TITLE:
        title_tokens = title_tokens[1:]
    # "head of operations at UNICEF": the organisation after the title is not part of it.
    cut = next((k for k, t in enumerate(title_tokens) if t.i in entity_tokens or t.dep_ == "poss"), None)
    if cut is not None:
        title_tokens = title_tokens[:cut]
        while title_tokens and title_tokens[-1].pos_ == "ADP":
            title_tokens = title_tokens[:-1]
    if not any(t.pos_ in ("NOUN", "PROPN") for t in title_tokens):
        return
    if not _has_role_word(title_tokens):
        return
    doc = title_tokens[0].doc
    description.title = doc[title_tokens[0].i : title_tokens[-1].i + 1].text
    description.title_lemmas = [t.lemma_.lower() for t in title_tokens]


def _title_around(head: Token, region: list[Token], entity_tokens: set[int]) -> list[Token]:
    """The head noun of a role phrase with the modifiers right before it and an "of"/"for" phrase
    without a determiner: "the agency's head of operations" -> "head of operations"; "an official
    with Kenya's foreign ministry" -> "official"."""
    inside = {t.i for t in region}
    tokens = [head]
    i = head.i - 1
    doc = head.doc
    while i in inside:
        token = doc[i]
        if token.i in entity_tokens or token.dep_ in ("det", "poss", "case", "punct") or token.tag_ == "POS":
            break
        if not head.is_ancestor(token):
            break
        tokens.insert(0, token)
        i -= 1
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "for"):
            phrase = list(prep.subtree)
            if all(t.i in inside and t.i not in entity_tokens and t.dep_ not in ("det", "poss") for t in phrase):
                tokens += phrase
            break
    return tokens


def _has_role_word(tokens: list[Token]) -> bool:
    """True when the phrase holds a known title or role word ("minister", "envoy", "officer")."""
    roles = _role_words()
    return any(t.lemma_.lower() in roles or t.lower_ in roles for t in tokens)


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    """Every word of the sector table's title terms (built once: the table does not change)."""
    return frozenset(w for lemmas in terms_for("title") for w in lemmas)


@lru_cache(maxsize=1)
def _role_words() -> frozenset[str]:
    """The words that make a phrase a title: the title terms' words and the extra role nouns."""
    return _title_words() | _EXTRA_ROLE_WORDS


# Role nouns that carry no sector of their own but still make a title.
_EXTRA_ROLE_WORDS = frozenset(
    {
        "head",
        "chief",
        "director",
        "chairman",
        "chairwoman",
        "chair",
        "leader",
        "representative",
        "coordinator",
        "adviser",
        "advisor",
        "deputy",
        "manager",
        "founder",
        "member",
        "officer",
        "analyst",
        "researcher",
        "professor",
        "lawyer",
        "chairperson",
        "commissioner",
        "administrator",
        "negotiator",
        "aide",
        "staffer",
        "worker",
        "official",
        "envoy",
        "delegate",
    }
)


def leading_title(name: Span) -> tuple[str | None, int]:
    """A title spaCy put inside the PERSON span ("President Ruto"): the title and the name's first index."""
    titles = _title_words()
    k = name.start
    while k < name.end - 1 and (
        name.doc[k].lemma_.lower() in titles
        or name.doc[k].lower_.rstrip(".") in _HONORIFICS
        or (name.doc[k].lower_ in _TITLE_JOINERS and name.doc[k + 1].lemma_.lower() in titles)
    ):
        k += 1
    if k == name.start:
        return None, k
    titled = [t for t in name.doc[name.start : k] if t.lower_.rstrip(".") not in _COURTESY]
    if not titled:
        return None, k  # "Ms Nakamura": a courtesy, no office
    return name.doc[titled[0].i : k].text, k


# Honorifics that say nothing of an office ("Dr", "Gen", "Sen" do).
_COURTESY = frozenset({"mr", "mrs", "ms", "mme", "sir", "dame", "mister"})
# "Vice-President", "Deputy Prime Minister": words that join the title word after them.
_TITLE_JOINERS = frozenset({"vice", "-", "deputy", "acting", "prime"})
_HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "dr", "gen", "col", "lt", "sgt", "capt", "maj", "sen", "rep", "gov", "prof", "sir", "sheikh"}
)
