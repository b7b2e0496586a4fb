"""Quantities stage: numbers claimed in the text, with what they count and how exact the claim is.

Conventions:
- ``unit`` is the noun the number counts, from the parse (the head of a ``nummod``, or the object of
  "of" after "hundreds"), lower-cased ("civilians", "people"); a currency is its ISO 4217 code
  ("$45 million" -> USD, "3.5 million euros" -> EUR); "40%" and "40 percent" -> "percent".
- A count of people hurt or held with no noun ("at least 12 killed", "30 wounded", "five were
  arrested", "the attack killed 12", "the death toll rose to 45") has the casualty as its unit:
  killed, dead, injured, wounded, missing, displaced, arrested, detained, abducted...; the span
  takes in a participle or adjective right after the number ("at least 12 killed").
- Currencies: signs ("$", "€", "Rs"), names ("euros", "naira", "roubles") and ISO 4217 codes
  ("300 USD"); "crore" and "lakh" multiply as in South Asian usage (10 million, 100,000).
- ``approx`` comes from the words before (or after) the number: "more than", "over" -> more_than;
  "at least", "no fewer than", "or more" -> at_least; "up to", "as many as", "no more than" -> up_to;
  "fewer than", "less than", "under" -> less_than; "about", "around", "some", "nearly", "almost",
  "close to" -> about ("nearly two dozen" is a claim of closeness, not of an upper bound).
- Vague plurals give their lower bound with approx at_least: "dozens" 24, "scores" 40, "hundreds" 200,
  "thousands" 2000, "tens of thousands" 20000, "hundreds of thousands" 200000, "millions" 2000000.
- Shares are percentages: fractions ("half of", "a third of", "two-thirds of") and ratios ("one in
  five") -> unit "percent" (50, 33.3, 66.7, 20); the span runs from the approximator to the fraction.
- Ranges ("between 10 and 15 people", "10 to 15 civilians", "10-15 civilians") give their lower
  bound with approx at_least; the span covers the whole range and the counted noun.
- Not quantities: numbers inside time expressions (the times stage's spans and spaCy DATE/TIME
  entities, so ages such as "aged 34" and "34-year-old" too), years, ordinals, numbers that are part
  of a name ("G7", "Resolution 2334", "Route 66"), phone numbers, scores and ranges written with a
  dash with no counted noun ("3-1"), fractions written with a slash ("9/10"), and a bare "one" with
  no counted noun.
- The span runs from the approximator or currency sign to the counted noun: "more than 12,000 people".
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from newsevents.language import doc_text
from newsevents.model import Analysis, Quantity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

WORD_VALUES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
MULTIPLIERS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
               "trillion": 1_000_000_000_000, "dozen": 12, "lakh": 100_000, "lakhs": 100_000,
               "crore": 10_000_000, "crores": 10_000_000}  # fmt: skip
# Attached suffixes: "$3m", "1.2bn", "45k".
SUFFIX_MULTIPLIERS = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "b": 1_000_000_000}
# Vague plurals and the lower bound each implies.
# "several dozen", "a few hundred": lower bounds too.
VAGUE_FACTORS = {"several": 3, "few": 2}
# Nouns that count something else: "400 head of cattle" counts cattle.
CLASSIFIERS = frozenset({"head"})
# Currency signs written onto the number: "P2 million" (Philippine pesos), "KSh14 billion".
_PREFIXED_CURRENCY = re.compile(r"^(₱|P|KSh|Ksh|Sh)([0-9].*)$")
PREFIX_CURRENCIES = {"₱": "PHP", "P": "PHP", "KSh": "KES", "Ksh": "KES", "Sh": "KES"}
VAGUE = {"dozens": 24, "scores": 40, "tens": 20, "hundreds": 200, "thousands": 2_000, "millions": 2_000_000,
         "billions": 2_000_000_000}  # fmt: skip
CURRENCY_SIGNS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "usd": "USD",
                  "eur": "EUR", "gbp": "GBP", "rs": "INR", "rs.": "INR", "₦": "NGN"}  # fmt: skip
# Currency names that name one currency (not "shillings", "rupees", "francs", used by several).
CURRENCY_NOUNS = {"dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "yuan": "CNY",
                  "renminbi": "CNY", "yen": "JPY", "usd": "USD", "eur": "EUR", "gbp": "GBP",
                  "naira": "NGN", "rand": "ZAR", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB",
                  "rubles": "RUB", "hryvnia": "UAH", "hryvnias": "UAH", "shekel": "ILS", "shekels": "ILS",
                  "baht": "THB", "rupiah": "IDR", "ringgit": "MYR", "zloty": "PLN", "forint": "HUF",
                  "cedi": "GHS", "cedis": "GHS"}  # fmt: skip
# The unit of a count of casualties or detainees, by the lemma of the word that says what befell them.
CASUALTY_UNITS = {
    "kill": "killed", "killed": "killed", "die": "dead", "dead": "dead", "wound": "wounded",
    "wounded": "wounded", "injure": "injured", "injured": "injured", "hurt": "injured", "miss": "missing",
    "missing": "missing", "displace": "displaced", "displaced": "displaced", "arrest": "arrested",
    "detain": "detained", "abduct": "abducted", "kidnap": "kidnapped", "execute": "executed",
    "rescue": "rescued", "evacuate": "evacuated",
}  # fmt: skip
PERCENT_WORDS = {"percent", "%", "pct"}
APPROXIMATORS: tuple[tuple[str, str], ...] = (
    ("no fewer than|no less than|not less than|a minimum of|at least", "at_least"),
    ("no more than|not more than|a maximum of|at most|as many as|as much as|up to", "up_to"),
    ("more than|greater than|in excess of|upwards of|just over|well over|over", "more_than"),
    ("fewer than|less than|just under|under|below", "less_than"),
    ("approximately|an estimated|estimated|roughly|around|about|nearly|almost|close to|some|circa", "about"),
)
_APPROX_BEFORE = [(re.compile(rf"(?i:\b(?:{words})\s+)$"), kind) for words, kind in APPROXIMATORS]
_OR_MORE = re.compile(r"^(?i:\s+or\s+more\b)")
_DIGITS = re.compile(r"^(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?$")
_DIGITS_SUFFIXED = re.compile(r"^((?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?)(k|m|mn|bn|b)$", re.IGNORECASE)
_YEAR = re.compile(r"^(?:1[89]|20)[0-9]{2}$")
_PHONE = re.compile(r"(?=[+(0-9])(?:\+?[0-9]{1,3}[\s.-]?)?\(?[0-9]{2,4}\)?[\s.-][0-9]{3,4}[\s.-][0-9]{3,4}")
_DASHED = re.compile(r"[0-9]\s*[-–]\s*[0-9]")
_SMALL = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|[0-9]+)"
_SMALL_FIRST = "[0-9]|(?i:[otfsen])"  # the characters a match of _SMALL can start with
_RATIO = re.compile(rf"(?={_SMALL_FIRST})(?i:\b{_SMALL}\s+(?:in|out\s+of)\s+(?:every\s+)?{_SMALL}\b)")  # "one in five"
# "two-plus-two talks", "a one-off": a number welded to words that are not a unit.
_WELDED_WORDS = frozenset({"plus", "off", "on", "to", "by", "for", "and", "or", "in"})
EXCLUDING_LABELS = frozenset({"ORDINAL", "ORG", "PRODUCT", "FAC", "LAW", "WORK_OF_ART",
                              "GPE", "EVENT", "PERSON"})  # fmt: skip
AGE_WORDS = frozenset({"aged", "age", "ages"})


@dataclass
class _Phrase:
    """Consecutive tokens that spell one number."""

    tokens: list[Token]
    value: float | None
    vague: bool
    spelled: bool
    currency: str | None = None


def find_quantities(analysis: Analysis, doc: Doc) -> None:
    """Append a Quantity for every number claimed in the text, with its unit and approximation."""
    text = analysis.article.text
    ratios = [m.span() for m in _RATIO.finditer(text)]  # "one in five": read once, used twice
    excluded = _excluded_ranges(analysis, doc, ratios)
    found: list[tuple[int, int, float, str, str | None]] = []
    for start, end, value, approx, unit in _shares_and_ranges(doc, text, has_ratio=bool(ratios)):
        if not any(s < end and start < e for s, e in [(t.start, t.end) for t in analysis.times]):
            found.append((start, end, value, approx, unit))
    excluded += [(start, end) for start, end, *_ in found]
    for phrase in _number_phrases(doc):
        start, end = phrase.tokens[0].idx, _end(phrase.tokens[-1])
        if any(s < end and start < e for s, e in excluded) or _not_a_count(phrase, doc):
            continue
        quantity = _describe(phrase, doc, text)
        if quantity is None:
            continue
        found.append(quantity)  # type: ignore[arg-type]
    for q_start, q_end, value, approx, unit in sorted(found, key=lambda q: q[0]):
        analysis.quantities.append(
            Quantity(id=f"n{len(analysis.quantities) + 1}", start=q_start, end=q_end, text=text[q_start:q_end],
                     value=value, unit=unit, approx=approx)
        )  # fmt: skip


FRACTIONS = {"half": 50.0, "third": 100 / 3, "thirds": 100 / 3, "quarter": 25.0, "quarters": 25.0,
             "fifth": 20.0, "fifths": 20.0, "tenth": 10.0, "tenths": 10.0}  # fmt: skip
_APPROX_WORDS = "|".join(words for words, _ in APPROXIMATORS)


def _first_letters(words: str) -> str:
    """A case-insensitive class of the letters the alternatives of ``words`` ("a|b c|d") start with.

    Put in a look-ahead before a pattern that starts with optional words, it changes no match but
    turns most positions down at once: Python's engine tries such a pattern at every position."""
    return f"(?i:[{''.join(sorted({word[0].lower() for word in words.split('|')}))}])"


_FRACTION = re.compile(
    rf"(?={_first_letters(_APPROX_WORDS + '|a|one|two|three|four|nine|half')})"
    rf"(?:(?i:\b(?P<approx>(?:{_APPROX_WORDS})\s+)?(?P<count>a|one|two|three|four|nine)[\s-]+"
    r"(?P<part>half|thirds?|quarters?|fifths?|tenths?)\b(?=\s+of\b))|(?i:\b(?P<approx2>(?:"
    rf"{_APPROX_WORDS})\s+)?(?P<half>half)(?=\s+of\b)))"
)
_RATIO_SHARE = re.compile(
    rf"(?={_SMALL_FIRST}|{_first_letters(_APPROX_WORDS)})"
    rf"(?i:\b(?P<approx>(?:{_APPROX_WORDS})\s+)?(?P<a>{_SMALL})\s+(?:in|out\s+of)\s+(?:every\s+)?(?P<b>{_SMALL})\b)"
)
# A fraction word and the "of" after it, which every fraction above holds: most texts have none, and
# finding that out is a tenth of the cost. It opens with a case-sensitive class of the words' first letters
# (both cases, and every character past ASCII for the case-insensitive twins of letters), which Python's
# engine skips ahead to; the class and the rests of the words pair up in more ways than the words do,
# which only lets more texts on to ``_FRACTION``.
_FRACTION_WORD = re.compile(r"[hHtTqQfF\x80-\U0010ffff](?i:alf|hirds?|uarters?|ifths?|enths?)\s+(?i:of)\b")
# A range starts with "between" or its low number (the look-ahead turns most positions down at once).
_RANGE = re.compile(
    r"(?=[0-9]|(?i:b))(?i:\b(?:between\s+)?(?P<low>[0-9][0-9,]*)\s*(?:-|–|to|and)\s*(?P<high>[0-9][0-9,]*)"
    r"(?P<mult>\s+(?:hundred|thousand|million|billion))?\b)"
)


def _shares_and_ranges(doc: Doc, text: str, has_ratio: bool) -> list[tuple[int, int, float, str, str | None]]:
    """Fractions and ratios as percentages, and ranges of counts as their lower bound; ``has_ratio`` says
    whether ``_RATIO`` matches somewhere in ``text``."""
    found: list[tuple[int, int, float, str, str | None]] = []
    fractions = _FRACTION.finditer(text) if _FRACTION_WORD.search(text) else ()
    for match in fractions:
        if match.group("half"):
            value, approx_text = 50.0, match.group("approx2")
        else:
            count = _small_number(match.group("count"))
            value, approx_text = count * FRACTIONS[match.group("part").lower()], match.group("approx")
        found.append((match.start(), match.end(), round(value, 1), _approx_kind(approx_text), "percent"))
    # A ratio share holds a _RATIO ("one in five") where its count starts: none of those, none of these.
    for match in _RATIO_SHARE.finditer(text) if has_ratio else ():
        a, b = _small_number(match.group("a")), _small_number(match.group("b"))
        if b and a < b:
            found.append((match.start(), match.end(), round(100 * a / b, 1), _approx_kind(match.group("approx")),
                          "percent"))  # fmt: skip
    for match in _RANGE.finditer(text):
        low, high = float(match.group("low").replace(",", "")), float(match.group("high").replace(",", ""))
        noun = _noun_after(doc, match.end())
        if noun is None or not low < high or _YEAR.match(match.group("low")):
            continue  # a score ("won 3-1"), a span of years, or nothing counted
        factor = MULTIPLIERS.get((match.group("mult") or "").strip().lower(), 1)
        value = low * factor
        found.append((match.start(), _end(noun), int(value) if value == int(value) else value, "at_least",
                      _unit_name(noun, doc)))  # fmt: skip
    return found


def _small_number(word: str) -> float:
    lower = word.lower()
    if lower in ("a", "an"):
        return 1.0
    return float(WORD_VALUES[lower]) if lower in WORD_VALUES else float(lower)


def _approx_kind(words: str | None) -> str:
    if not words:
        return "exact"
    for pattern, kind in _APPROX_BEFORE:
        if pattern.search(words):
            return kind
    return "exact"


def _noun_after(doc: Doc, char: int) -> Token | None:
    """The plural noun right after a range ("10-15 civilians", "10 to 15 armed men")."""
    first = bisect_left(_token_starts(doc), char)
    following = [doc[i] for i in range(first, min(first + 2, len(doc)))]
    for token in following:
        if token.tag_ in ("NNS", "NNPS"):
            return token
        if token.pos_ != "ADJ":
            break
    return None


def _end(token: Token) -> int:
    return token.idx + len(token.text)


_STARTS_KEY = "newsevents.token_starts"


def _token_starts(doc: Doc) -> list[int]:
    """The character offset of every token, in order, read once per document (for ``bisect``)."""
    starts = doc.user_data.get(_STARTS_KEY)
    if starts is None:
        from spacy.attrs import IDX

        starts = doc.user_data[_STARTS_KEY] = doc.to_array(IDX).tolist() if len(doc) else []
    return starts


def _excluded_ranges(analysis: Analysis, doc: Doc, ratios: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character ranges where a number is not a quantity: times, names, phone numbers, scores, and the
    ``ratios`` ("one in five", the spans of ``_RATIO``)."""
    ranges = [(t.start, t.end) for t in analysis.times]
    # spaCy's DATE/TIME entities are not excluded as such: the times stage has judged them (it
    # leaves out amounts of time, "six hours", which are quantities, and ages and counts that spaCy
    # mislabels DATE, "aged 34", "2000 soldiers"; ages and years are caught in _not_a_count).
    ranges += [(e.start_char, e.end_char) for e in doc.ents if e.label_ in EXCLUDING_LABELS]
    ranges += [m.span() for m in _PHONE.finditer(analysis.article.text)]
    ranges += [m.span() for m in _DASHED.finditer(analysis.article.text)]
    ranges += ratios
    return ranges


# The words ``_token_number`` reads as (part of) a number; any other token needs a digit or a hyphen.
_NUMBER_WORDS = frozenset(WORD_VALUES) | frozenset(MULTIPLIERS) | frozenset(VAGUE) | frozenset(SUFFIX_MULTIPLIERS)
_DIGIT = re.compile(r"[0-9]")


def _may_be_number(text: str, lower: str) -> bool:
    """False for a token ``_token_number`` certainly reads as no number (most words: cheap tests first; a
    word of letters only holds no digit)."""
    return lower in _NUMBER_WORDS or "-" in lower or (not text.isalpha() and _DIGIT.search(text) is not None)


_DIGITS_OR_HYPHENS = re.compile(r"[0-9-]+")


@lru_cache(maxsize=1)
def _opener_ids() -> tuple[frozenset[int], frozenset[int]]:
    """The string ids (spaCy's hashes) of the number words, and of the words an opening word needs next."""
    from spacy.strings import get_string_id

    return (frozenset(get_string_id(word) for word in _NUMBER_WORDS),
            frozenset(get_string_id(word) for word in (*MULTIPLIERS, "few")))  # fmt: skip


def _run_openers(doc: Doc, lower_ids: list[int]) -> list[int]:
    """The tokens ``_number_phrases`` must read with no run open, in order (and some more): those
    ``_may_be_number`` lets through, and an opening word before a multiplier or "few" ("a dozen", "a few
    thousand", "several hundred"). A token's lower case is a number word when its id is one of theirs;
    it holds a hyphen only where its text does (spaCy's lower case is ``str.lower``, see
    ``spacy/lang/lex_attrs.py``); and a token whose text holds a digit or a hyphen covers a character of
    the document's text that ``_DIGITS_OR_HYPHENS`` finds."""
    numbers, needed_next = _opener_ids()
    openers = set()
    for i, key in enumerate(lower_ids):
        if key in numbers:
            openers.add(i)
        if key in needed_next and i:
            openers.add(i - 1)
    starts = _token_starts(doc)
    for match in _DIGITS_OR_HYPHENS.finditer(doc_text(doc)):
        openers.update(range(bisect_right(starts, match.start()) - 1, bisect_right(starts, match.end() - 1)))
    return sorted(openers)


def _token_number(token: Token, previous: Token | None) -> tuple[float | None, str] | None:
    """(value, kind) for a token that is part of a number; kind is digits, word, multiplier or vague."""
    lower = token.lower_
    if (prefixed := _PREFIXED_CURRENCY.match(token.text)) and _DIGITS.match(prefixed.group(2)):
        return float(prefixed.group(2).replace(",", "")), "currency:" + PREFIX_CURRENCIES[prefixed.group(1)]
    if _DIGITS.match(token.text):
        return float(token.text.replace(",", "")), "digits"
    if match := _DIGITS_SUFFIXED.match(token.text):
        return float(match.group(1).replace(",", "")) * SUFFIX_MULTIPLIERS[match.group(2).lower()], "digits"
    if (
        lower in SUFFIX_MULTIPLIERS
        and previous is not None
        and not previous.whitespace_
        and _DIGITS.match(previous.text)
    ):
        return float(SUFFIX_MULTIPLIERS[lower]), "multiplier"
    if lower in WORD_VALUES:
        return float(WORD_VALUES[lower]), "word"
    if "-" in lower and all(part in WORD_VALUES for part in lower.split("-")):
        return float(sum(WORD_VALUES[part] for part in lower.split("-"))), "word"
    if lower in MULTIPLIERS:
        return float(MULTIPLIERS[lower]), "multiplier"
    if lower in VAGUE:
        return float(VAGUE[lower]), "vague"
    return None


def _number_phrases(doc: Doc) -> list[_Phrase]:
    """Maximal runs of number tokens: "12,000", "3.5 million", "two dozen", "tens of thousands"."""
    phrases: list[_Phrase] = []
    run: list[tuple[Token, float | None, str]] = []

    def flush() -> None:
        if not run:
            return
        kinds = {kind for _, _, kind in run}
        counts = kinds - {"multiplier", "vague_factor", "of"} or "vague_factor" in kinds
        if counts or run[-1][0].lower_ == "dozen":
            phrases.append(_combine(run))  # not a lone "hundred"; "several hundred", "two dozen" are counts
        run.clear()

    # Only the tokens that may start a run (``_run_openers``) are read, and those after them while a run is
    # open: any other word, with no run open, leaves nothing to do (no branch of ``read_token`` applies, and
    # a flush with no run open does nothing). Strings come from the arrays of their ids: spaCy builds a
    # Token and looks its strings up on every access, and a Token is built only for the tokens read.
    from spacy.attrs import LOWER, ORTH

    size = len(doc)
    if not size:
        return phrases
    strings = doc.vocab.strings
    orths = doc.to_array(ORTH).tolist()
    lower_ids = doc.to_array(LOWER).tolist()

    def lower_at(j: int) -> str | None:
        return strings[lower_ids[j]] if j < size else None

    def read_token(i: int) -> None:
        lower = strings[lower_ids[i]]
        text = strings[orths[i]]
        maybe = _may_be_number(text, lower)
        token = doc[i]
        read = _token_number(token, doc[i - 1] if i > 0 else None) if maybe else None
        if read is not None:
            side_by_side = run and read[1] in ("digits", "word") and run[-1][2] in ("digits", "word", "vague")
            if side_by_side and not _tens_then_unit(run[-1], read):
                flush()  # "2024 2,000": two numbers side by side
            run.append((token, read[0], read[1]))
            return
        nxt = lower_at(i + 1)
        if run and text == "-" and nxt is not None and nxt in WORD_VALUES and run[-1][2] == "word":
            return  # "twenty - five" split by the tokenizer
        if run and lower == "of" and run[-1][2] == "vague" and nxt is not None and nxt in VAGUE:
            run.append((token, None, "of"))  # "tens of thousands"
            return
        if lower in ("a", "an") and nxt is not None and nxt in MULTIPLIERS and not run:
            run.append((token, 1.0, "word"))  # "a dozen", "a million"
            return
        after_next = lower_at(i + 2)
        if (
            lower == "a" and nxt is not None and nxt == "few" and not run
            and after_next is not None and after_next in MULTIPLIERS
        ):  # fmt: skip
            run.append((token, None, "of"))  # "a few thousand": the article belongs to the count
            return
        fresh = not run or (len(run) == 1 and run[0][2] == "of")  # nothing yet but the "a" of "a few thousand"
        if lower in VAGUE_FACTORS and nxt is not None and nxt in MULTIPLIERS and fresh:
            run.append((token, float(VAGUE_FACTORS[lower]), "vague_factor"))  # "several dozen"
            return
        flush()

    unread = 0  # the tokens before this were read, or need not be
    for opener in _run_openers(doc, lower_ids):
        i = max(opener, unread)
        while i < size and (i == opener or run):  # the opener, and on while a run is open
            read_token(i)
            i += 1
        unread = max(unread, i)
    flush()
    return phrases


def _tens_then_unit(previous: tuple[Token, float | None, str], read: tuple[float | None, str]) -> bool:
    """True for "twenty" followed by "five": one number written in two words."""
    _, value, kind = previous
    tens = kind == "word" and value is not None and value >= 20 and value % 10 == 0 and value < 100
    return tens and read[1] == "word" and read[0] is not None and 1 <= read[0] <= 9


def _combine(run: list[tuple[Token, float | None, str]]) -> _Phrase:
    """The value a run of number tokens spells; vague plurals multiply ("tens of thousands")."""
    total, current, vague, spelled, currency = 0.0, 0.0, False, False, None
    for _token, value, kind in run:
        if value is None:
            continue
        if kind.startswith("currency:"):
            currency, kind = kind.split(":", 1)[1], "digits"
        if kind == "vague_factor":
            vague, current = True, value
        elif kind in ("digits", "word"):
            current += value
            spelled = spelled or kind == "word"
        elif kind == "vague":
            vague = True
            current = value if current == 0 else current * (value / 2)
        else:  # multiplier
            if value >= 1000:
                total += (current or 1) * value
                current = 0
            else:
                current = (current or 1) * value
    total += current
    tokens = [token for token, _, _ in run]
    if tokens[-1].text == "-":
        tokens.pop()
    return _Phrase(tokens, total, vague, spelled, currency)


def _not_a_count(phrase: _Phrase, doc: Doc) -> bool:
    """Years, ages, identifiers ("Route 66", "No. 10") and a bare pronoun-like "one"."""
    first, last = phrase.tokens[0], phrase.tokens[-1]
    before = doc[first.i - 1] if first.i > 0 else None
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if before is not None and (before.lower_ in AGE_WORDS or before.text in ("#", "No.", "no.")):
        return True
    welded = doc[last.i + 2] if after is not None and after.text == "-" and last.i + 2 < len(doc) else None
    if welded is not None and (welded.lower_ in ("year", "month") or welded.lower_ in _WELDED_WORDS):
        return True  # "34-year-old", "two-plus-two"
    if (
        before is not None
        and before.text == "-"
        and not before.whitespace_
        and first.i >= 2
        and not doc[first.i - 2].like_num
    ):
        return True  # the end of "two-plus-two"
    limit = before is not None and before.lower_ in ("under", "over") and first.i >= 2
    if limit and doc[first.i - 2].tag_ == "NNS" and _counted_noun(phrase, doc) is None:
        return True  # an age limit: "children under five", "people over 60"
    if len(phrase.tokens) == 1 and _YEAR.match(first.text):
        counted = first.dep_ == "nummod" and first.head.i > first.i and first.head.tag_ == "NNS"
        money = before is not None and before.lower_ in CURRENCY_SIGNS
        if not (counted or money):
            return True
    # The number names the noun just before it: "Resolution 2334", "page 5".
    return (
        len(phrase.tokens) == 1
        and first.dep_ in ("nummod", "appos", "compound", "npadvmod")
        and first.head.i == first.i - 1
        and first.head.pos_ in ("NOUN", "PROPN")
        and first.head.lower_ not in CURRENCY_SIGNS
    )


def _describe(phrase: _Phrase, doc: Doc, text: str) -> tuple[int, int, float | None, str, str | None] | None:
    """(start, end, value, approx, unit) for a number phrase, or None when it counts nothing."""
    first, last = phrase.tokens[0], phrase.tokens[-1]
    start, end = first.idx, _end(last)
    unit: str | None = None
    before = doc[first.i - 1] if first.i > 0 else None
    if phrase.currency is not None:
        unit = phrase.currency
    elif before is not None and before.lower_ in CURRENCY_SIGNS and before.idx + len(before.text) >= start - 1:
        unit, start = CURRENCY_SIGNS[before.lower_], before.idx
    else:
        noun = _counted_noun(phrase, doc)
        if noun is not None:
            unit = _unit_name(noun, doc)
            noun_end = _end(noun) if noun.text.lower() != "per" else _end(doc[noun.i + 1])
            if not any(t.is_quote or t.is_bracket for t in doc[last.i + 1 : noun.i]):
                end = max(end, noun_end)  # not across a quotation mark: 'several dozen" fighters'
        elif (casualty := _casualty(phrase, doc)) is not None:
            unit, word = casualty
            if word is not None:
                end = _end(word)

    if unit is None and phrase.spelled and phrase.value == 1:
        return None  # "one of them"
    approx = "at_least" if phrase.vague else "exact"
    head_text = text[max(0, start - 40) : start]
    for pattern, kind in _APPROX_BEFORE:
        if match := pattern.search(head_text):
            approx, start = kind, start - (len(head_text) - match.start())
            break
    number_end = _end(last)
    if approx == "exact" and (more := _OR_MORE.match(text[number_end : number_end + 12])):
        approx, end = "at_least", max(end, number_end + more.end())
    elif approx == "exact" and (more := _OR_MORE.match(text[end : end + 12])):
        approx, end = "at_least", end + more.end()
    value = phrase.value
    if value is not None and value == int(value):
        value = int(value)
    return start, end, value, approx, unit


def _casualty_unit(token: Token) -> str | None:
    return CASUALTY_UNITS.get(token.lemma_.lower()) or CASUALTY_UNITS.get(token.lower_)


def _casualty(phrase: _Phrase, doc: Doc) -> tuple[str, Token | None] | None:
    """(unit, the word to take into the span or None) for a count of casualties without a noun:
    "12 killed", "12 were killed", "20 were reported missing", "killed at least 12", "the death toll
    rose to 45"."""
    first, last = phrase.tokens[0], phrase.tokens[-1]
    sentence = last.sent
    after = doc[last.i + 1] if last.i + 1 < sentence.end else None
    if after is not None and after.tag_ in ("VBN", "JJ") and (unit := _casualty_unit(after)):
        return unit, after  # "at least 12 killed", "30 wounded", "45 dead"
    if last.dep_ in ("nsubj", "nsubjpass") and last.head.pos_ in ("VERB", "AUX"):
        verb = last.head
        for word in (verb, *(c for c in verb.children if c.dep_ in ("oprd", "acomp", "xcomp"))):
            if unit := _casualty_unit(word):
                return unit, None  # "five were killed", "20 were reported missing", "3 died"
    before = _word_before_approximator(doc, first)
    if before is not None and before.tag_ in ("VBD", "VBN", "JJ") and (unit := _casualty_unit(before)):
        return unit, None  # "the fire killed nine", "killed at least 12", "injured dozens"
    if last.dep_ == "dobj" and (unit := _casualty_unit(last.head)):
        return unit, None  # "the attack, police said, killed 12"
    if last.dep_ == "pobj" and last.head.lower_ in ("to", "at"):
        verb = last.head.head
        if any(c.dep_ == "nsubj" and c.lemma_.lower() == "toll" for c in verb.children):
            return "dead", None  # "the death toll rose to 45"
    return None


def _word_before_approximator(doc: Doc, first: Token) -> Token | None:
    """The word before a number and the approximator in front of it ("killed [at least] 12")."""
    text = doc_text(doc)[max(0, first.idx - 40) : first.idx]
    skip = 0
    for pattern, _ in _APPROX_BEFORE:
        if match := pattern.search(text):
            skip = len(text) - match.start()
            break
    i = first.i - 1
    while i >= 0 and doc[i].idx >= first.idx - skip:
        i -= 1
    return doc[i] if i >= 0 else None


def _counted_noun(phrase: _Phrase, doc: Doc) -> Token | None:
    """The noun the number counts: the head it modifies, or the object of "of" ("hundreds of people")."""
    last = phrase.tokens[-1]
    sentence_end = last.sent.end
    nxt = doc[last.i + 1] if last.i + 1 < sentence_end else None
    if nxt is not None and (nxt.text == "%" or nxt.lower_ in PERCENT_WORDS):
        return nxt
    if nxt is not None and nxt.lower_ == "per" and nxt.i + 1 < sentence_end and doc[nxt.i + 1].lower_ == "cent":
        return nxt
    if last.lower_ in VAGUE or last.lower_ in MULTIPLIERS:
        if nxt is not None and nxt.lower_ == "of":
            objects = [c for c in nxt.children if c.dep_ == "pobj"]
            if objects and objects[0].pos_ in ("NOUN", "PROPN"):
                return objects[0]
            if nxt.i + 1 < sentence_end and doc[nxt.i + 1].pos_ in ("NOUN", "PROPN"):
                return doc[nxt.i + 1]
        if last.lower_ in VAGUE or (last.dep_ not in ("nummod", "compound", "quantmod") and last.lower_ != "dozen"):
            return None
    if nxt is not None and nxt.lower_ == "of":  # "38 of the drones": a part of a counted whole
        objects = [c for c in nxt.children if c.dep_ == "pobj"]
        if (
            objects
            and objects[0].pos_ not in ("PRON", "NUM")
            and not any(c.dep_ == "nummod" for c in objects[0].children)
        ):
            return objects[0]
    inside = {t.i for t in phrase.tokens}
    for token in reversed(phrase.tokens):
        head = token.head
        if head.i in inside or head.i < last.i:
            continue
        if head.lower_ in VAGUE or head.lower_ in MULTIPLIERS:
            continue  # "killed nine and injured dozens": a number is no counted noun
        if head.pos_ in ("NOUN", "PROPN") and head.i - last.i <= 6 and head.i < sentence_end:
            return _classified(head, doc)
    # The parser sometimes hangs "two dozen" elsewhere: take the adjacent plural noun.
    if nxt is not None and nxt.tag_ in ("NNS", "NNPS") and last.dep_ in ("nummod", "quantmod", "compound"):
        return nxt
    return None


def _classified(noun: Token, doc: Doc) -> Token:
    """The noun after "of" when ``noun`` is a classifier ("head of cattle"), else ``noun``."""
    if noun.lower_ in CLASSIFIERS and noun.i + 1 < len(doc) and doc[noun.i + 1].lower_ == "of":
        objects = [c for c in doc[noun.i + 1].children if c.dep_ == "pobj"]
        if objects:
            return objects[0]
    return noun


@lru_cache(maxsize=1)
def _iso_currency_codes() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.currencies)


def _unit_name(noun: Token, doc: Doc) -> str:
    """What a counted noun is called in the output: ISO code for currencies, 'percent', or the word."""
    lower = noun.lower_
    if lower in PERCENT_WORDS or lower == "per":
        return "percent"
    if lower in CURRENCY_NOUNS:
        return CURRENCY_NOUNS[lower]
    if noun.text.isupper() and noun.text in _iso_currency_codes():
        return noun.text  # "300 UGX"
    if lower in ("pounds", "pound") and any(c.lower_ == "sterling" for c in noun.children):
        return "GBP"
    return noun.text if noun.pos_ == "PROPN" else lower
