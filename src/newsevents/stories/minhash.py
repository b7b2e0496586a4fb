"""MinHash signatures over word shingles, LSH band keys, and exact Jaccard/containment checks.

Texts become sets of 64-bit shingle hashes (``k`` consecutive words, case-folded); a signature keeps
the minimum of ``num_perm`` multiply-shift hashes over that set, so two signatures agree in a row with
probability equal to the sets' Jaccard similarity. Signatures are cut into ``bands`` of ``rows``; two
texts sharing any band key are candidates, to be confirmed on the shingle sets themselves. Every hash
is derived from fixed constants, so keys stored by one process are found by another.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

WORD = re.compile(r"\w+")
_MASK64 = (1 << 64) - 1


def words(text: str) -> list[str]:
    """The case-folded words of ``text``, in order (punctuation and spacing ignored)."""
    return WORD.findall(text.casefold())


@lru_cache(maxsize=500_000)
def _word_hash(word: str) -> int:
    return zlib.crc32(word.encode("utf-8"))


def _constants(label: str, count: int) -> np.ndarray:
    """``count`` fixed odd 64-bit constants derived from ``label`` (the same on every machine)."""
    values = []
    for i in range(count):
        digest = hashlib.blake2b(f"{label}:{i}".encode(), digest_size=8).digest()
        values.append(int.from_bytes(digest, "little") | 1)
    return np.array(values, dtype=np.uint64)


def shingle_hashes(text: str, k: int = 5) -> np.ndarray:
    """The sorted, unique 64-bit hashes of the text's ``k``-word shingles (one shingle if shorter)."""
    tokens = words(text)
    if not tokens:
        return np.zeros(0, dtype=np.uint64)
    word_hashes = np.fromiter(map(_word_hash, tokens), dtype=np.uint64, count=len(tokens))
    width = min(k, len(tokens))
    multipliers = _constants("shingle", k)
    count = len(tokens) - width + 1
    combined = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(width):
            combined += word_hashes[offset : offset + count] * multipliers[offset]
    return np.unique(combined)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """|a ∩ b| / |a ∪ b| of two sorted unique hash arrays (0.0 when both are empty)."""
    if not len(a) or not len(b):
        return 0.0
    common = len(np.intersect1d(a, b, assume_unique=True))
    return common / (len(a) + len(b) - common)


def containment(a: np.ndarray, b: np.ndarray) -> float:
    """The share of the smaller set that lies inside the other: 1.0 when one text holds the other."""
    if not len(a) or not len(b):
        return 0.0
    common = len(np.intersect1d(a, b, assume_unique=True))
    return common / min(len(a), len(b))


@dataclass(frozen=True)
class MinHasher:
    """Signatures of ``bands * rows`` hashes and their band keys (LSH threshold ≈ (1/bands)^(1/rows))."""

    bands: int = 32
    rows: int = 4

    @property
    def num_perm(self) -> int:
        return self.bands * self.rows

    def signature(self, hashes: np.ndarray) -> np.ndarray:
        """The MinHash signature (``num_perm`` uint32 values) of a set of shingle hashes."""
        if not len(hashes):
            return np.full(self.num_perm, np.iinfo(np.uint32).max, dtype=np.uint32)
        a, b = _PERMS_A[: self.num_perm], _PERMS_B[: self.num_perm]
        with np.errstate(over="ignore"):
            mixed = (a[:, None] * hashes[None, :] + b[:, None]) >> np.uint64(32)
        return mixed.min(axis=1).astype(np.uint32)

    def band_keys(self, signature: np.ndarray) -> list[int]:
        """One signed 64-bit key per band (the band's index is mixed in, so bands never collide)."""
        table = signature.reshape(self.bands, self.rows).astype(np.uint64)
        with np.errstate(over="ignore"):
            keys = (table * _BAND_MULT[: self.rows][None, :]).sum(axis=1, dtype=np.uint64)
            keys ^= _BAND_SALT[: self.bands]
            keys *= np.uint64(0x9E3779B97F4A7C15)
        return keys.view(np.int64).tolist()

    def estimate(self, a: np.ndarray, b: np.ndarray) -> float:
        """The Jaccard similarity two signatures estimate (the share of rows where they agree)."""
        return float(np.mean(a == b))


_MAX_PERM = 512
_PERMS_A = _constants("perm-a", _MAX_PERM)
_PERMS_B = _constants("perm-b", _MAX_PERM)
_BAND_MULT = _constants("band-row", 64)
_BAND_SALT = _constants("band", _MAX_PERM)
