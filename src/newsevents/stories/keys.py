"""Story keys: what an article is about, as weighted keys (actors, places, dates, keywords).

An article's keys are its named actors (``a:`` canonical name), countries (``c:`` ISO-3), places
(``p:`` name), event and time dates (``d:`` YYYY-MM-DD) and content words (``w:`` crude stem). Each
key's weight is its kind's weight times a term-frequency factor times the key's inverse document
frequency over the archive (``TermStats``), so "United States" or "said" counts for little and a
rare name or word for much. Vectors are L2-normalised: the similarity of two articles is the cosine.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from operator import itemgetter

from newsevents.model import Analysis

TOKEN = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]")

# Weight of one occurrence of each kind of key; a keyword's weight also grows with its count.
KIND_WEIGHTS = {"a": 2.5, "c": 0.8, "p": 2.0, "d": 1.5, "w": 1.0, "n": 1.0, "e": 1.5, "h": 2.0}

# Function words and the words every news report uses; they say nothing about which happening.
STOPWORDS = frozenset(
    """a about above after again against all almost also although am among an and another any are
    around as at back be became because been before being below between both but by can could did do
    does doing done down during each either else even ever every few for from further get got had has
    have having he her here hers herself him himself his how however i if in into is it its itself
    just last least less like made make many may me might more most much must my near neither never new
    next no nor not now of off on once one only or other others our ours out over own per put rather
    said same say says saying see seen she should since so some still such than that the their theirs
    them themselves then there these they this those though through to too two three four five under
    until up upon us very was we were what when where whether which while who whom whose why will with
    within without would yet you your told according added reported report reports statement spokesman
    spokeswoman spokesperson official officials news agency reuters afp press associated monday tuesday
    wednesday thursday friday saturday sunday today yesterday tomorrow week weeks month months year years
    day days time times people percent including including earlier later late early first second third
    morning evening night afternoon local government minister ministry country countries city region
    area part told asked called known well way since amid across along told via read follow share
    copyright rights reserved click subscribe newsletter advertisement photo image video file""".split()  # noqa: SIM905
)


def stem(word: str) -> str:
    """A crude English stem, enough to match "talks"/"talk", "shelling"/"shelled", "casualties"/"casualty"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    for suffix, shortest in (("ing", 6), ("ed", 5), ("es", 5), ("s", 4)):
        if len(word) >= shortest and word.endswith(suffix) and not word.endswith(("ss", "us", "is")):
            if suffix == "es" and word[-3] not in "sxz":
                continue
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]  # "stopped" -> "stopp" -> "stop"
    return word[:-1] if len(word) > 3 and word.endswith("e") else word  # "agreed", "agree" -> "agre"


# A digit not preceded by a word character, point, comma or hyphen. The look-behind comes after the digit
# (it then spans the character before and the digit) so that the scan skips to digits: twice as fast.
NUMBER = re.compile(r"\d(?<![\w.,-].)[\d,.]*")


def numbers(text: str) -> Counter[str]:
    """Counts of the numbers of ``text`` that can tell one happening from another (not years, not 0-9)."""
    counts: Counter[str] = Counter()
    _count_numbers(text, counts, 1)
    return counts


def _count_numbers(text: str, counts: Counter[str], weight: int) -> None:
    """Add ``weight`` to ``counts`` for each number of ``text`` that ``numbers`` counts."""
    for token in NUMBER.findall(text):
        token = token.rstrip(".,").replace(",", "")
        if token.isdigit() and len(token) > 1:
            value = int(token)
            if value >= 10 and not 1900 <= value <= 2100:
                counts[f"n:{value}"] += weight


def keywords(text: str) -> Counter[str]:
    """Counts of the content words of ``text`` (stopwords and one- or two-letter words dropped)."""
    # One counter over the tokens' (cached) keys: keys come in the order of their first token, as when
    # counting tokens first; a loop in Python over the distinct tokens took about 40% longer.
    return Counter(filter(None, map(_keyword, TOKEN.findall(text))))


@lru_cache(maxsize=200_000)
def _keyword(token: str) -> str | None:
    word = token.casefold().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) < 3 or word in STOPWORDS:
        return None
    return "w:" + stem(word)


def normalise_name(name: str) -> str:
    """A canonical form of an actor or place name for matching across articles."""
    return " ".join(name.casefold().replace("’", "'").split())


@dataclass
class StoryFeatures:
    """The raw keys of one article (counts per key) and what places it in time and among sources."""

    article_id: str
    day: date | None
    site: str | None = None
    title: str | None = None
    counts: Counter[str] = field(default_factory=Counter)


def parse_day(value: str | None) -> date | None:
    """The calendar day of an ISO date or date-time (None when missing or unreadable)."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def features_from_parts(
    article_id: str,
    *,
    day: date | None,
    site: str | None = None,
    title: str | None = None,
    text: str = "",
    actors: Iterable[str] = (),
    countries: Iterable[str] = (),
    places: Iterable[str] = (),
    dates: Iterable[str] = (),
    events: Iterable[tuple[str, str | None]] = (),
) -> StoryFeatures:
    """Features from plain parts: what the analysis gives, or what a synthetic benchmark makes up.

    ``events`` are (PLOVER type, date or None) pairs: each gives an ``e:`` key of its type and, when
    dated to the day, an ``h:`` key of type and day, the nearest thing to a name for a happening.
    """
    counts = keywords(text)
    _count_numbers(text, counts, 1)  # no number key is a keyword: same counts and order as ``update``
    if title:
        for key, n in keywords(title).items():
            counts[key] += 2 * n  # the headline says what the article is about
        _count_numbers(title, counts, 2)
    for event, when in events:
        counts["e:" + event] += 1
        if when and len(when) == 10:
            counts[f"h:{event}:{when}"] += 1
    for name in actors:
        counts["a:" + normalise_name(name)] += 1
    for code in countries:
        counts["c:" + code.upper()] += 1
    for name in places:
        counts["p:" + normalise_name(name)] += 1
        counts.pop("w:" + stem(normalise_name(name)), None)  # the place already counts as a place
    for value in dates:
        counts["d:" + value[:10]] += 1
    return StoryFeatures(article_id, day, site, title, counts)


def features_from_analysis(analysis: Analysis) -> StoryFeatures:
    """Features of an analysed article: its named actors, countries, places, dates and words."""
    article = analysis.article
    names, countries, places, dates = [], [], [], []
    words: set[str] = set()  # place names that are keys already, not to count again as words
    for actor in analysis.actors:
        if actor.generic:
            continue
        mentions = max(1, len(actor.mentions))
        if actor.kind == "country" and actor.country:
            countries += [actor.country] * mentions
        else:
            names += [actor.name] * mentions
            if actor.country:
                countries.append(actor.country)
    for place in analysis.places:
        if place.country:
            countries.append(place.country)
        if place.feature == "country" and place.country:
            words.add(normalise_name(place.name))  # the country key says it already
            continue
        places += [place.name] * max(1, len(place.mentions))
    events = []
    for event in analysis.events:
        if event.date and len(event.date) == 10:
            dates.append(event.date)
        events.append((event.event, event.date))
    for time in analysis.times:
        if time.value and time.granularity == "day" and len(time.value) == 10:
            dates.append(time.value)
    features = features_from_parts(
        article.id,
        day=parse_day(article.published) or parse_day(dates[0] if dates else None),
        site=article.site,
        title=article.title,
        text=article.text,
        actors=names,
        countries=countries,
        places=places,
        dates=dates,
        events=events,
    )
    for name in words:
        features.counts.pop("w:" + stem(name), None)
    return features


class TermStats:
    """Document frequencies of keys over the archive, for inverse document frequency weights.

    ``prior`` pseudo-documents that contain no key keep weights even while the archive is small.
    """

    def __init__(self, documents: int = 0, prior: int = 1000) -> None:
        self.documents = documents
        self.prior = prior
        self.df: dict[str, int] = {}

    def idf(self, key: str) -> float:
        return math.log((self.documents + self.prior) / (self.df.get(key, 0) + 1))

    def add(self, keys: Iterable[str]) -> None:
        """Count one more document holding ``keys``."""
        self.documents += 1
        df = self.df
        for key in keys:
            df[key] = df.get(key, 0) + 1


def weigh(counts: Counter[str], stats: TermStats, max_keys: int = 60) -> dict[str, float]:
    """The article's unit vector: its ``max_keys`` heaviest keys with TF-IDF weights."""
    # ``stats.idf`` inlined (the same operations in the same order) and two sorts without a key function
    # (by key, then stably by weight, heaviest first) in place of one by (-weight, key): cheaper, same vector.
    total, df, log = stats.documents + stats.prior, stats.df, math.log
    weights = {
        key: KIND_WEIGHTS[key[0]] * (1.0 + log(n)) * log(total / (df.get(key, 0) + 1)) for key, n in counts.items()
    }
    top = sorted(sorted(weights.items()), key=itemgetter(1), reverse=True)[:max_keys]
    norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
    return {key: w / norm for key, w in top}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """The cosine of two unit vectors given as dicts."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b[k] for k, w in a.items() if k in b)


def _days(vector: dict[str, float]) -> list[date]:
    found = []
    for key in vector:
        if key.startswith("d:"):
            day = parse_day(key[2:])
            if day:
                found.append(day)
    return found


def dates_conflict(a: dict[str, float], b: dict[str, float], tolerance_days: int = 1) -> bool:
    """Whether two articles both name days and none of one's is within ``tolerance_days`` of the other's."""
    days_a, days_b = _days(a), _days(b)
    if not days_a or not days_b:
        return False
    return all(abs((x - y).days) > tolerance_days for x in days_a for y in days_b)
