"""Story keys against plain reference versions: the faster forms must give the same keys, counts, order and weights."""

from __future__ import annotations

import math
import re
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from newsevents.stories.keys import NUMBER, TOKEN, TermStats, _keyword, keywords, numbers, weigh

# Digits, separators, letters (Latin, Cyrillic), apostrophes, hyphens, underscores and spaces: the
# characters where the patterns and the stems decide something.
TEXT = st.text(alphabet="0123456789,.-_'’ aSsiedgéЖ\u00a0\n١", max_size=60)


def reference_numbers(text: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for token in re.findall(r"(?<![\w.,-])\d[\d,.]*", text):
        token = token.rstrip(".,").replace(",", "")
        if token.isdigit() and len(token) > 1:
            value = int(token)
            if value >= 10 and not 1900 <= value <= 2100:
                counts[f"n:{value}"] += 1
    return counts


def reference_keywords(text: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for token, n in Counter(TOKEN.findall(text)).items():
        key = _keyword(token)
        if key:
            counts[key] += n
    return counts


def reference_weigh(counts: Counter[str], stats: TermStats, max_keys: int) -> dict[str, float]:
    kinds = {"a": 2.5, "c": 0.8, "p": 2.0, "d": 1.5, "w": 1.0, "n": 1.0, "e": 1.5, "h": 2.0}
    weights = {key: kinds[key[0]] * (1.0 + math.log(n)) * stats.idf(key) for key, n in counts.items()}
    top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:max_keys]
    norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
    return {key: w / norm for key, w in top}


@given(TEXT)
def test_number_pattern_finds_what_the_look_behind_first_pattern_finds(text: str) -> None:
    assert NUMBER.findall(text) == re.findall(r"(?<![\w.,-])\d[\d,.]*", text)
    assert list(numbers(text).items()) == list(reference_numbers(text).items())


@given(TEXT)
def test_keywords_are_the_counts_of_distinct_tokens_in_order(text: str) -> None:
    assert list(keywords(text).items()) == list(reference_keywords(text).items())


@given(st.dictionaries(st.sampled_from(["w:a", "w:b", "w:c", "n:10", "a:x", "c:KEN", "p:y", "d:2026-03-02", "e:X"]),
                       st.integers(1, 5)), st.integers(1, 4))  # fmt: skip
def test_weigh_gives_the_reference_vector_in_order(counts: dict[str, int], max_keys: int) -> None:
    stats = TermStats(documents=3, prior=2)
    stats.add(["w:a", "n:10", "p:y"])
    stats.add(["w:a", "e:X"])  # "w:b" and "w:c" (never counted) tie when counted alike: ordered by key
    assert list(weigh(Counter(counts), stats, max_keys).items()) == list(
        reference_weigh(Counter(counts), stats, max_keys).items()
    )
