"""Duplicate and near-duplicate detection for a stream of articles.

Exact duplicates: same canonical URL, or same normalised text
(:func:`graph_builder.types.text_hash`). Near-duplicates (syndicated wire copies, lightly
edited): word 5-shingle Jaccard similarity ≥ ``threshold`` (0.8), found with MinHash
(128 multiply-shift hashes) and LSH (32 bands of 4 rows), then verified with the exact
Jaccard of the shingle sets, so the cost per article does not grow with the corpus.
Only the first 20,000 words of an article are shingled.

>>> from graph_builder.types import Article
>>> d = Deduplicator()
>>> base = "Microsoft a investi dix milliards de dollars dans OpenAI, l'éditeur de ChatGPT, " * 3
>>> a, b = Article(id="a", text=base + "selon Reuters."), Article(id="b", text=base + "selon l'AFP.")
>>> d.duplicate_of(a, "a.txt"), d.near_duplicates(a, "a.txt")
(None, [])
>>> d.duplicate_of(b, "b.txt"), [(loc, round(s, 2)) for loc, s in d.near_duplicates(b, "b.txt")]
(None, [('a.txt', 0.82)])
>>> d.duplicate_of(Article(id="c", text=base.upper() + "SELON REUTERS."), "c.txt")
('a.txt', 'text')
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict

import numpy as np

from graph_builder.ingest.meta import canonical_url
from graph_builder.types import Article, normalize_text, text_hash

__all__ = ["Deduplicator", "shingles", "jaccard"]

_WORD = re.compile(r"\w+")
_MAX_WORDS = 20_000
_PERMS, _BANDS = 128, 32
_ROWS = _PERMS // _BANDS
_rng = np.random.default_rng(20231211)
_A = _rng.integers(1, 2**63, size=_PERMS, dtype=np.uint64) | np.uint64(1)  # odd multipliers
_B = _rng.integers(0, 2**63, size=_PERMS, dtype=np.uint64)


def shingles(text: str, k: int = 5) -> np.ndarray:
    """Sorted unique 32-bit hashes of the word ``k``-shingles of the normalised text."""
    words = _WORD.findall(normalize_text(text[: _MAX_WORDS * 12]))[:_MAX_WORDS]
    if not words:
        return np.zeros(0, dtype=np.uint32)
    if len(words) < k:
        grams = [" ".join(words)]
    else:
        grams = [" ".join(words[i:i + k]) for i in range(len(words) - k + 1)]
    return np.unique(np.fromiter((zlib.crc32(g.encode("utf-8")) for g in grams),
                                 dtype=np.uint32, count=len(grams)))


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard similarity of two sorted unique hash arrays."""
    if a.size == 0 and b.size == 0:
        return 1.0
    inter = np.intersect1d(a, b, assume_unique=True).size
    return inter / (a.size + b.size - inter)


def _minhash(sh: np.ndarray) -> np.ndarray:
    sig = np.full(_PERMS, np.iinfo(np.uint64).max, dtype=np.uint64)
    x = sh.astype(np.uint64)
    with np.errstate(over="ignore"):
        for start in range(0, x.size, 4096):  # bounded memory: 128 x 4096 at a time
            chunk = x[start:start + 4096]
            h = (_A[:, None] * chunk[None, :] + _B[:, None]) >> np.uint64(32)
            np.minimum(sig, h.min(axis=1), out=sig)
    return sig


class Deduplicator:
    """Remembers the articles seen so far in one ingestion run."""

    def __init__(self, threshold: float = 0.8) -> None:
        self.threshold = threshold
        self._urls: dict[str, str] = {}
        self._hashes: dict[str, str] = {}
        self._ids: dict[str, tuple[str, str]] = {}
        self._shingles: list[np.ndarray] = []
        self._locations: list[str] = []
        self._buckets: dict[tuple[int, bytes], list[int]] = defaultdict(list)

    def duplicate_of(self, article: Article, location: str,
                     digest: str | None = None) -> tuple[str, str] | None:
        """``(first location, "url" | "text" | "id")`` when ``article`` repeats an earlier one
        (same URL, same normalised text, or same id with another text); else remember it
        and return None. ``digest`` is ``text_hash(article.text)`` if already known."""
        url = canonical_url(article.url)
        digest = digest or text_hash(article.text)
        if url and url in self._urls:
            return self._urls[url], "url"
        if digest in self._hashes:
            return self._hashes[digest], "text"
        if article.id in self._ids and self._ids[article.id][1] != digest:
            return self._ids[article.id][0], "id"
        if url:
            self._urls[url] = location
        self._hashes[digest] = location
        self._ids.setdefault(article.id, (location, digest))
        return None

    def near_duplicates(self, article: Article, location: str) -> list[tuple[str, float]]:
        """Earlier articles whose 5-shingle Jaccard similarity with this one is ≥ threshold,
        as ``(location, similarity)``; then remember this one."""
        sh = shingles(article.text)
        idx = len(self._shingles)
        self._shingles.append(sh)
        self._locations.append(location)
        if sh.size == 0:
            return []
        sig = _minhash(sh)
        candidates: set[int] = set()
        for band in range(_BANDS):
            key = (band, sig[band * _ROWS:(band + 1) * _ROWS].tobytes())
            bucket = self._buckets[key]
            candidates.update(bucket)
            bucket.append(idx)
        found = []
        for other in sorted(candidates):
            sim = jaccard(sh, self._shingles[other])
            if sim >= self.threshold:
                found.append((self._locations[other], sim))
        return found
