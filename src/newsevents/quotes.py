"""Quotes stage: direct, partial and indirect quotations with their speakers.

Direct quotes are found from the quotation marks in the text (straight or curly, a quote opened at
the start of a paragraph may go on in the next one); the speaker is the subject of the reporting verb
next to the quote in the dependency parse ("..., Diallo said." / "Diallo said: ..." / "said Diallo,
the minister" / "..., according to a senior official"). Indirect quotes are the clausal complements
(``ccomp``) of reporting verbs outside quotation marks ("Diallo said that ...") and the clauses that
carry "according to X". A pronoun speaker ("he said") is resolved, conservatively, to the most recent
named person in the sentences just before it.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsevents.intervals import Intervals
from newsevents.language import LemmaTable, doc_text
from newsevents.model import Actor, Analysis, Entity, Quote, Speaker

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Lemmas of verbs that introduce reported speech.
REPORTING_VERBS = frozenset(
    [
        "say",
        "tell",
        "add",
        "warn",
        "stress",
        "state",
        "insist",
        "claim",
        "note",
        "explain",
        "announce",
        "declare",
        "argue",
        "assert",
        "confirm",
        "deny",
        "emphasize",
        "emphasise",
        "acknowledge",
        "admit",
        "reply",
        "respond",
        "write",
        "tweet",
        "report",
        "suggest",
        "caution",
        "complain",
        "predict",
        "recall",
        "comment",
        "remark",
        "observe",
        "reiterate",
        "maintain",
        "contend",
        "vow",
        "pledge",
        "promise",
        "urge",
        "ask",
        "question",
        "answer",
        "allege",
        "concede",
        "testify",
        "conclude",
        "continue",
        "charge",
        "quip",
    ]
)
# Reporting verbs that take a clausal complement we code as an indirect quote: all of them but those
# whose complement is a request, a promise or a question rather than a report ("urged them to leave").
INDIRECT_VERBS = REPORTING_VERBS - frozenset(
    ["answer", "ask", "charge", "comment", "complain", "continue", "observe", "pledge", "promise", "question",
     "quip", "recall", "remark", "respond", "tweet", "urge", "vow"]
)
_REPORTING_LEMMAS = LemmaTable(INDIRECT_VERBS)
# Verbs that frame a partial quote inside the reporter's sentence ("called the move 'a betrayal'").
FRAMING_VERBS = frozenset(
    [
        "call",
        "describe",
        "term",
        "dub",
        "brand",
        "label",
        "characterize",
        "characterise",
        "criticise",
        "criticize",
        "accuse",
        "condemn",
        "denounce",
        "blame",
        "praise",
        "promise",
        "vow",
        "pledge",
    ]
)

# Head nouns of speakers who are not named ("a senior official", "diplomatic sources").
ANONYMOUS_NOUNS = frozenset(
    [
        "official",
        "source",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "diplomat",
        "aide",
        "person",
        "people",
        "insider",
        "officer",
        "witness",
        "resident",
        "observer",
        "analyst",
        "expert",
        "member",
        "adviser",
        "advisor",
        "lawmaker",
        "representative",
        "insider",
        "staffer",
        "employee",
        "worker",
        "colleague",
        "negotiator",
        "envoy",
        "delegate",
    ]
)
ANONYMITY_MARKERS = re.compile(
    r"not to be (named|identified)|anonymity|not authori[sz]ed|declined to be (named|identified)|"
    r"requested anonymity|who asked not",
    re.I,
)
QUOTE_TOKENS = frozenset({'"', "“", "”", "«", "»", "„"})
# Nouns that stand for their author: "the statement said" is the body that issued it.
DOCUMENT_NOUNS = frozenset(
    {
        "statement",
        "communique",
        "communiqué",
        "release",
        "post",
        "letter",
        "report",
        "declaration",
        "notice",
        "message",
        "tweet",
    }
)
GROUP_PRONOUNS = frozenset({"it", "they"})
MALE_PRONOUNS = frozenset({"he", "him"})
FEMALE_PRONOUNS = frozenset({"she", "her"})
MALE_TITLES = frozenset({"mr", "mr.", "sir", "king", "prince", "lord"})
FEMALE_TITLES = frozenset({"mrs", "mrs.", "ms", "ms.", "miss", "madam", "queen", "princess", "lady", "dame"})

_QUOTE_MARK = re.compile(r"[\"“”«»„]")
_OPENING_MARKS = frozenset("“«„")
_CLOSING_MARKS = frozenset("”»")
_PRONOUN_WINDOW = 3  # sentences looked back for a pronoun's antecedent


@dataclass
class _RawQuote:
    """A stretch of text between quotation marks (content offsets, marks excluded)."""

    start: int
    end: int
    open_mark: int  # offset of the opening mark
    close_mark: int  # offset of the closing mark


def attribute_quotes(analysis: Analysis, doc: Doc) -> None:
    """Append direct, partial and indirect Quotes, each with its speaker and reporting cue."""
    text = analysis.article.text
    quotes: list[Quote] = []
    raws = find_quoted_spans(text)
    # Every quote's marks and content: a word there is no cue of another quote.
    inside = Intervals((q.open_mark, q.close_mark + 1) for q in raws)
    for raw in raws:
        quote = _direct_quote(analysis, doc, raw, inside)
        if quote is not None:
            quotes.append(quote)
    _inherit_speakers(quotes, doc)
    direct_spans = [(q.start, q.end) for q in quotes]
    quotes.extend(_indirect_quotes(analysis, doc, direct_spans))
    quotes.sort(key=lambda q: (q.start, q.end))
    for number, quote in enumerate(quotes, 1):
        quote.id = f"q{number}"
    analysis.quotes.extend(quotes)


# --- finding quotation marks -----------------------------------------------------------------


def find_quoted_spans(text: str) -> list[_RawQuote]:
    """Pair the quotation marks of ``text``; a quote left open at a paragraph's end continues when the
    next paragraph opens with a quotation mark (newswire style), else it is dropped."""
    marks = [(m.start(), _mark_role(text, m.start())) for m in _QUOTE_MARK.finditer(text)]
    quotes: list[_RawQuote] = []
    open_at: int | None = None  # the opening mark of the quote being read
    segment_at = 0  # the opening mark of its current paragraph
    for offset, role in marks:
        if open_at is not None and text[open_at] == "„" and text[offset] == "“":
            role = "close"  # „German quotes“ close with the mark English opens with
        if open_at is None:
            if role != "close":
                open_at = segment_at = offset
        elif "\n" in text[segment_at:offset]:
            # The quote ran past its paragraph: it continues only if this mark opens the next one.
            paragraph_start = text.rfind("\n", segment_at, offset) + 1
            if role != "close" and not text[paragraph_start:offset].strip():
                segment_at = offset  # continuation: keep the quote open, skip the re-opening mark
            else:
                open_at = segment_at = offset if role != "close" else None  # type: ignore[assignment]
        elif role != "open":
            start, end = _strip(text, open_at + 1, offset)
            if end > start:
                quotes.append(_RawQuote(start, end, open_at, offset))
            open_at = None
        else:
            open_at = segment_at = offset  # two openers in a row: the first was stray
    return quotes


def _mark_role(text: str, offset: int) -> str:
    """'open', 'close' or 'either' for the quotation mark at ``offset``."""
    char = text[offset]
    if char in _OPENING_MARKS:
        return "open"
    if char in _CLOSING_MARKS:
        return "close"
    before = text[offset - 1] if offset else " "
    after = text[offset + 1] if offset + 1 < len(text) else " "
    if before.isspace() or before in "([{—–-:" or offset == 0:
        return "open"
    if after.isspace() or after in ".,;:!?)]}—–-" or offset + 1 == len(text):
        return "close"
    return "either"


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds without surrounding spaces nor the comma that closes a quote before its attribution."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


# --- direct and partial quotes ---------------------------------------------------------------


def _direct_quote(analysis: Analysis, doc: Doc, raw: _RawQuote, inside: Intervals) -> Quote | None:
    """A Quote for one quoted stretch, with the speaker of the reporting verb next to it."""
    text = analysis.article.text
    if not re.search(r"\w", text[raw.start : raw.end]):
        return None
    first = doc.char_span(raw.start, raw.end, alignment_mode="expand")
    if first is None or not len(first):
        return None
    sentence = doc[first.start].sent
    kind = "direct" if _is_full_quote(text, raw, sentence) else "partial"
    cue = _find_cue(doc, raw, kind, inside)
    speaker = _speaker_of(analysis, doc, cue, (raw.open_mark, raw.close_mark)) if cue is not None else _no_speaker()
    if kind == "partial" and speaker.text is None:
        return None  # a scare quote, an alias or a title, not anyone's words
    cue_text = _cue_text(cue) if cue is not None else None
    return Quote(
        id="", kind=kind, start=raw.start, end=raw.end, text=text[raw.start : raw.end], speaker=speaker, cue=cue_text
    )


def _is_full_quote(text: str, raw: _RawQuote, sentence: Span) -> bool:
    """A full quoted sentence or clause opens its sentence or follows a colon or a comma."""
    before = text[sentence.start_char : raw.open_mark].strip()
    content = text[raw.start : raw.end]
    if not before or before.endswith(":"):
        return True
    return before.endswith(",") and content[:1].isupper() and len(content.split()) >= 3


def _find_cue(doc: Doc, raw: _RawQuote, kind: str, inside: Intervals) -> Token | None:
    """The reporting verb (or 'according') that introduces the quote, nearest to it."""
    if kind == "partial":
        framing = _framing_ancestor(doc, raw)
        if framing is not None:
            return framing
    candidates: list[tuple[int, int, Token]] = []
    sentences = _neighbour_sentences(doc, raw)
    for sent in sentences:
        own = sent.start_char <= raw.close_mark < sent.end_char or sent.start_char <= raw.open_mark < sent.end_char
        for token in sent:
            if inside.overlaps(token.idx, token.idx + 1):
                continue
            if not _is_cue(token) or _in_relative_clause(token):
                continue  # "an official, who asked not to be named, said": not the cue
            if not own and not _bare_attribution(token):
                continue  # a glued-on sentence lends its verb only if it reports nothing else
            distance = raw.open_mark - token.idx if token.idx < raw.open_mark else token.idx - raw.close_mark
            # After the quote ("..., Diallo said") is the usual place; before it comes second.
            candidates.append((0 if token.idx > raw.close_mark else 1, distance, token))
    if not candidates:
        return None
    return min(candidates, key=lambda c: (c[1] > 60, c[0], c[1]))[2]


def _in_relative_clause(token: Token) -> bool:
    return token.dep_ in ("relcl", "acl") or any(a.dep_ == "relcl" for a in token.ancestors)


def _bare_attribution(cue: Token) -> bool:
    """'Diallo said.' or 'Diallo said:': a reporting verb with nothing reported of its own."""
    if cue.lower_ == "according":
        return len(cue.sent) <= 8
    return len(cue.sent) <= 12 and not any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in cue.children)


def _is_cue(token: Token) -> bool:
    if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
        return True
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in REPORTING_VERBS


def _framing_ancestor(doc: Doc, raw: _RawQuote) -> Token | None:
    """For a partial quote: the reporting or framing verb that governs it, if any."""
    span = doc.char_span(raw.start, raw.end, alignment_mode="expand")
    if span is None:
        return None
    for ancestor in span.root.ancestors:
        lemma = ancestor.lemma_.lower()
        if ancestor.pos_ in ("VERB", "AUX") and (lemma in REPORTING_VERBS or lemma in FRAMING_VERBS):
            return ancestor
        if ancestor.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "mark" and c.lower_ in ("if", "unless", "when") for c in ancestor.children
        ):
            return None  # a quote inside a condition belongs to whoever reports the sentence
    return None


def _neighbour_sentences(doc: Doc, raw: _RawQuote) -> list[Span]:
    """The sentences holding the quote's ends, plus a short sentence glued on either side
    ('"..." Diallo said.' is sometimes split after the closing mark)."""
    sentences: list[Span] = []
    for offset in (raw.close_mark, raw.open_mark):
        span = doc.char_span(offset, offset + 1, alignment_mode="expand")
        if span is not None and span.sent not in sentences:
            sentences.append(span.sent)
    text = doc_text(doc)
    last = sentences[0]
    if last.end < len(doc) and not text[raw.close_mark + 1 : last.end_char].strip(" \t.,"):
        following = doc[last.end].sent
        if "\n" not in text[last.end_char : following.start_char] and following not in sentences:
            sentences.append(following)
    first = sentences[-1] if len(sentences) > 1 else sentences[0]
    if first.start > 0 and not text[first.start_char : raw.open_mark].strip():
        previous = doc[first.start - 1].sent
        if text[previous.start_char : previous.end_char].rstrip().endswith(":"):
            sentences.append(previous)
    return sentences


def _cue_text(cue: Token) -> str:
    if cue.lower_ == "according":
        return "according to"
    particle = next((c for c in cue.children if c.dep_ == "prt"), None)
    return f"{cue.text} {particle.text}" if particle is not None and particle.i == cue.i + 1 else cue.text


# --- speakers --------------------------------------------------------------------------------


def _no_speaker() -> Speaker:
    return Speaker(text=None, start=None, end=None, actor=None, anonymous=False)


def _subject_of(cue: Token, inside: tuple[int, int] | None = None) -> Token | None:
    """The grammatical speaker of a reporting verb, or the object of 'according to'; a subject the
    parser found inside the quote itself is replaced by the phrase between the quote and the verb."""
    if cue.lower_ == "according":
        to = next((c for c in cue.children if c.lower_ == "to"), None)
        return next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    verb: Token | None = cue
    for _ in range(4):  # "he said, adding that ..." -> 'adding' takes the subject of 'said'
        if verb is None:
            return None
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if (
            subject is not None
            and inside is not None
            and (inside[0] < subject.idx <= inside[1] or subject.text in QUOTE_TOKENS)
        ):
            return _phrase_between(cue, inside[1]) or next(
                (c for c in cue.children if c.i > cue.i and c.pos_ in ("NOUN", "PROPN")), None
            )
        if subject is not None:
            return subject
        verb = verb.head if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head is not verb else None
    return None


def _phrase_between(cue: Token, close_mark: int) -> Token | None:
    """The head noun of the words between a closing quotation mark and the verb after it."""
    doc = cue.doc
    words = [t for t in doc if close_mark < t.idx < cue.idx and not t.is_punct]
    inside = {t.i for t in words}
    heads = [t for t in words if t.head.i not in inside and t.pos_ in ("NOUN", "PROPN")]
    return heads[0] if heads else None


def _speaker_of(analysis: Analysis, doc: Doc, cue: Token, inside: tuple[int, int] | None = None) -> Speaker:
    """The Speaker of a cue: its subject phrase, its actor, whether it is unnamed."""
    subject = _subject_of(cue, inside)
    if subject is None:
        return _no_speaker()
    if (subject.pos_ == "PRON" and subject.lower_ in GROUP_PRONOUNS) or (
        subject.lemma_.lower() in DOCUMENT_NOUNS and subject.pos_ == "NOUN"
    ):
        resolved = _resolve_author(analysis, doc, subject)
        if resolved is not None:
            return resolved
    if subject.pos_ == "PRON":
        return _resolve_pronoun(analysis, doc, subject)
    start, end = _phrase_bounds(subject)
    actor = _speaker_actor(analysis, start, end, subject)
    anonymous = _is_anonymous(analysis, doc, subject, start, end)
    if not anonymous and not any(e.label == "PERSON" for e in analysis.entities_in(start, end)):
        # "..., a community leader told us, asking not to be named": the clause after the verb.
        after = doc[cue.i : cue.sent.end].text
        anonymous = bool(ANONYMITY_MARKERS.search(after)) and subject.lemma_.lower() in ANONYMOUS_NOUNS | {"leader"}
    return Speaker(
        text=analysis.article.text[start:end],
        start=start,
        end=end,
        actor=actor.id if actor else None,
        anonymous=anonymous,
    )


def _speaker_actor(analysis: Analysis, start: int, end: int, head: Token) -> Actor | None:
    """The actor a speaker phrase names: a person named in it first ("the spokesman, Hamid Osman"),
    else the entity holding the phrase's head, else the longest linked entity."""
    linked = [e for e in analysis.entities_in(start, end) if e.actor]
    persons = [e for e in linked if e.label == "PERSON"]
    if persons:
        holding = [e for e in persons if e.start <= head.idx < e.end]
        return analysis.actor((holding or persons)[0].actor)
    holding = [e for e in linked if e.start <= head.idx < e.end]
    if holding:
        return analysis.actor(holding[0].actor)
    return analysis.actor_at(start, end) or _person_named_before(analysis, analysis.article.text[start:end])


def _person_named_before(analysis: Analysis, phrase: str) -> Actor | None:
    """ "Restrepo told reporters": the one person actor of the article whose name holds every
    capitalised word of a short speaker phrase ("Camilo Restrepo")."""
    words = [w for w in re.findall(r"[^\W\d_][\w'-]*", phrase) if w[0].isupper()]
    if not words or len(words) > 2:
        return None
    people = [a for a in analysis.actors if a.kind == "person" and not a.generic]
    found = [a for a in people if set(words) <= set(re.findall(r"[\w'-]+", a.name))]
    return found[0] if len(found) == 1 else None


def _resolve_author(analysis: Analysis, doc: Doc, subject: Token) -> Speaker | None:
    """'it said', 'they said', 'the statement said': the organisation, group or country that last
    spoke or acted as a subject in this or the previous sentences."""
    sentence = subject.sent
    window_start = sentence.start
    for _ in range(_PRONOUN_WINDOW):
        if window_start == 0:
            break
        window_start = doc[window_start - 1].sent.start
    candidates = []
    for token in doc[window_start : subject.i]:
        if token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ == "PRON":
            continue
        start, end = _phrase_bounds(token)
        actor = _speaker_actor(analysis, start, end, token)
        if actor is None or (actor.kind == "person" and subject.lower_ == "it"):
            continue
        candidates.append((start, end, actor, token))
    if not candidates:
        return None
    # Whoever last spoke ("The ministry said its forces ... . '...,' it said") before whoever acted.
    speakers = [c for c in candidates if c[3].head.lemma_.lower() in REPORTING_VERBS]
    start, end, actor, token = (speakers or candidates)[-1]
    return Speaker(
        text=analysis.article.text[start:end],
        start=start,
        end=end,
        actor=actor.id,
        anonymous=_is_anonymous(analysis, doc, token, start, end),
    )


def _phrase_bounds(subject: Token) -> tuple[int, int]:
    """Character bounds of a subject's phrase, without the quotation it may run into."""
    # Grow left and right over the subject's own subtree, stopping at quotation marks.
    subtree = {t.i for t in subject.subtree}
    doc = subject.doc
    left = subject.i
    while left - 1 in subtree and doc[left - 1].text not in QUOTE_TOKENS:
        left -= 1
    right = subject.i
    while (
        right + 1 in subtree
        and doc[right + 1].text not in QUOTE_TOKENS
        and not (
            doc[right + 1].dep_ == "punct"
            and doc[right + 1].text == ","
            and any(t.dep_ == "relcl" and t.i > right + 1 and t.i in subtree for t in doc[right + 1 : right + 4])
            and not _anonymity_clause(doc, right + 1)
        )
    ):
        right += 1
    while right > left and (doc[right].is_punct or doc[right].dep_ in ("cc", "punct")):
        right -= 1
    tokens = [doc[left], doc[right]]
    return tokens[0].idx, tokens[1].idx + len(tokens[1].text)


def _anonymity_clause(doc: Doc, comma: int) -> bool:
    """Whether the clause after a comma says the speaker is unnamed ("..., who asked not to be named")."""
    end = min(len(doc), comma + 14)
    return bool(ANONYMITY_MARKERS.search(doc[comma:end].text))


def _is_anonymous(analysis: Analysis, doc: Doc, head: Token, start: int, end: int) -> bool:
    """Unnamed speakers: no person's name, and an anonymity noun or phrase."""
    if any(e.label == "PERSON" for e in analysis.entities_in(start, end)):
        return False
    if ANONYMITY_MARKERS.search(analysis.article.text[start:end]):
        return True
    if head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or head.pos_ == "PROPN":
        return False
    return head.lemma_.lower() in ANONYMOUS_NOUNS


def _resolve_pronoun(analysis: Analysis, doc: Doc, pronoun: Token) -> Speaker:
    """'he'/'she' -> the most recent named person in this and the previous sentences, if it agrees."""
    unresolved = Speaker(
        text=pronoun.text, start=pronoun.idx, end=pronoun.idx + len(pronoun.text), actor=None, anonymous=False
    )
    word = pronoun.lower_
    if word not in MALE_PRONOUNS and word not in FEMALE_PRONOUNS:
        return unresolved
    sentence = pronoun.sent
    window_start = sentence.start
    for _ in range(_PRONOUN_WINDOW):
        if window_start == 0:
            break
        window_start = doc[window_start - 1].sent.start
    lower_bound = doc[window_start].idx
    persons = [
        e
        for e in analysis.entities
        if lower_bound <= e.start and e.end <= pronoun.idx and (e.label == "PERSON" or _named_person(analysis, e))
    ]
    if not persons:
        return unresolved
    candidate = persons[-1]
    if _gender(analysis, candidate) not in (None, "m" if word in MALE_PRONOUNS else "f"):
        return unresolved
    actor = analysis.actor(candidate.actor)
    return Speaker(
        text=candidate.text,
        start=candidate.start,
        end=candidate.end,
        actor=actor.id if actor else None,
        anonymous=False,
    )


def _named_person(analysis: Analysis, entity: Entity) -> bool:
    actor = analysis.actor(entity.actor)
    return actor is not None and actor.kind == "person" and not actor.generic


def _gender(analysis: Analysis, person: Entity) -> str | None:
    """'m', 'f' or None from an honorific before any mention of the same surname."""
    return _surname_gender(person.text.split()[-1], analysis.article.text)


@functools.lru_cache(maxsize=256)
def _surname_gender(surname: str, text: str) -> str | None:
    """``_gender`` for a surname in a text, worked out once per pair (an article's pronouns often go back
    to the same person)."""
    if not _has_title_word(text):
        return None  # most articles name no one "Mr" or "Ms": no need to look for the surname
    pattern = re.compile(rf"\b(\w+\.?)\s+(?:\w+\s+)?{re.escape(surname)}\b")
    # The matches of ``pattern.finditer(text)``, each searched for from just before the next mention of the
    # surname: a match is a word or two and spaces before a mention, so none starts before the last
    # character there that is no word character, space or full stop (searching from the start of the
    # text or from the last match went over every word between mentions).
    pos = 0
    while (mention := text.find(surname, pos)) >= 0:
        window = max(pos, mention - _GENDER_WINDOW)
        stop = _NOT_IN_NAME.search(text[window:mention][::-1])
        match = pattern.search(text, mention - stop.start() if stop is not None else pos)
        if match is None:
            return None
        title = match.group(1).lower()
        if title in MALE_TITLES:
            return "m"
        if title in FEMALE_TITLES:
            return "f"
        pos = match.end()
    return None


_NOT_IN_NAME = re.compile(r"[^\w\s.]")  # what no match of the title pattern holds before the surname
_GENDER_WINDOW = 200  # characters looked back from a mention for such a character


# The words an honorific is, without its full stop: a title matched before a surname is one of them.
_TITLE_WORDS = frozenset(title.rstrip(".") for title in MALE_TITLES | FEMALE_TITLES)


@functools.lru_cache(maxsize=16)
def _has_title_word(text: str) -> bool:
    """Whether some word of the text is an honorific (any case)."""
    return any(word.lower() in _TITLE_WORDS for word in set(re.findall(r"\w+", text)))


def _inherit_speakers(quotes: list[Quote], doc: Doc) -> None:
    """A direct quote with no cue of its own continues the speaker of the quote just before it, when
    it follows in the same paragraph or makes up the next paragraph (common newswire layouts)."""
    text = doc_text(doc)
    for previous, quote in itertools.pairwise(quotes):
        if quote.speaker.text is None and previous.speaker.text is not None and quote.kind == "direct":
            between = text[previous.end : quote.start]
            same_paragraph = "\n" not in between
            if len(between) < 400 and (same_paragraph or _paragraph_is_quote(text, quote)):
                quote.speaker = Speaker(**previous.speaker.as_dict())
                quote.cue = previous.cue


def _paragraph_is_quote(text: str, quote: Quote) -> bool:
    start = text.rfind("\n", 0, quote.start) + 1
    end = text.find("\n", quote.end)
    end = len(text) if end < 0 else end
    outside = (text[start : quote.start] + text[quote.end : end]).strip(' "“”.,')
    return not outside


# --- indirect quotes -------------------------------------------------------------------------


def _indirect_quotes(analysis: Analysis, doc: Doc, direct: list[tuple[int, int]]) -> list[Quote]:
    """Indirect quotes: ccomp of a reporting verb, and clauses attributed 'according to X'."""
    text = analysis.article.text
    quotes: list[Quote] = []

    # A direct quote's marks, one character either side, count as part of it.
    overlaps = Intervals((s - 1, e + 1) for s, e in direct).overlaps

    # Only reporting verbs and "according" can report: read as arrays and filtered there (``LemmaTable``),
    # a Token is built for those words alone.
    from spacy.attrs import LEMMA, LOWER, POS

    strings = doc.vocab.strings
    verb, aux, according = strings.add("VERB"), strings.add("AUX"), strings.add("according")
    if len(doc):
        columns = doc.to_array([POS, LOWER, LEMMA])
        pos = columns[:, 0]
        verbs = ((pos == verb) | (pos == aux)).nonzero()[0]
        chosen = columns[:, 1] == according
        chosen[verbs] |= _REPORTING_LEMMAS.holds(columns[verbs, 2], strings)
        indices = chosen.nonzero()[0].tolist()
    else:
        indices = []
    for i in indices:
        token = doc[i]
        if overlaps(token.idx, token.idx + 1):
            continue
        if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in INDIRECT_VERBS:
            clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
            if clause is None or not _is_clause(clause):
                continue
            left_edge = clause.left_edge.i
            tokens = [t for t in clause.subtree if not (t.i == left_edge and t.dep_ == "mark")]
            if tokens and tokens[0].lower_ == "that" and tokens[0].i == token.i + 1 and len(tokens) > 1:
                tokens = tokens[1:]  # "warned that famine ...": the parser may read "that" as a determiner
            bounds = _trim(doc, tokens[0].i, clause.right_edge.i)
            if bounds is None or overlaps(*bounds) or bounds[0] < token.idx:
                continue
            cue: Token = token
        elif token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
            bounds = _according_clause(doc, token)
            if bounds is None or overlaps(*bounds):
                continue
            cue = token
        else:
            continue
        speaker = _speaker_of(analysis, doc, cue)
        if speaker.text is None:
            continue
        start, end = bounds
        quotes.append(
            Quote(
                id="", kind="indirect", start=start, end=end, text=text[start:end], speaker=speaker, cue=_cue_text(cue)
            )
        )
    return quotes


def _is_clause(head: Token) -> bool:
    """A reported clause has a subject and at least three words."""
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in head.children)
    return has_subject and sum(1 for t in head.subtree if not t.is_punct) >= 3


def _trim(doc: Doc, first: int, last: int) -> tuple[int, int] | None:
    while first <= last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    if first > last:
        return None
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _according_clause(doc: Doc, according: Token) -> tuple[int, int] | None:
    """The clause around 'according to X', without that phrase."""
    sent = according.sent
    phrase = list(according.subtree)
    left, right = phrase[0].i, phrase[-1].i
    before = _trim(doc, sent.start, left - 1) if left > sent.start else None
    after = _trim(doc, right + 1, sent.end - 1) if right + 1 < sent.end else None
    options = [b for b in (before, after) if b is not None and b[1] - b[0] >= 12]
    return max(options, key=lambda b: b[1] - b[0]) if options else None
