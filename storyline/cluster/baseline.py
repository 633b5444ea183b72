"""The comparison baseline: TF-IDF over content lemmas + average-linkage agglomeration, all pairs.

Used only by ``storyline eval clustering`` to show what words alone achieve; its threshold is tuned
on the data it is scored on (an optimistic baseline). Dense O(N^2) memory and O(N^3) time: fine for
hundreds of articles, not for a feed.
"""

from __future__ import annotations

import math

import numpy as np

from ..unionfind import DisjointSet
from .features import ArticleFeatures


def tfidf_matrix(features: list[ArticleFeatures]) -> np.ndarray:
    """Rows: L2-normalised TF-IDF vectors over the articles' lemma weights."""
    vocab: dict[str, int] = {}
    df: dict[str, int] = {}
    for f in features:
        for t in f.terms:
            vocab.setdefault(t, len(vocab))
            df[t] = df.get(t, 0) + 1
    n = len(features)
    x = np.zeros((n, max(1, len(vocab))), dtype=np.float64)
    for i, f in enumerate(features):
        for t, w in f.terms.items():
            x[i, vocab[t]] = w * (math.log((n + 1) / (df[t] + 1)) + 1.0)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(norms == 0, 1.0, norms)


def average_linkage(x: np.ndarray) -> list[tuple[int, int, float]]:
    """UPGMA merges (kept, absorbed, similarity), most similar first (cosine similarity, monotone)."""
    n = x.shape[0]
    s = x @ x.T
    np.fill_diagonal(s, -np.inf)
    size = np.ones(n)
    active = np.ones(n, dtype=bool)
    merges: list[tuple[int, int, float]] = []
    for _ in range(n - 1):
        flat = int(np.argmax(s))
        a, b = divmod(flat, n)
        sim = float(s[a, b])
        if sim == -np.inf:
            break
        merges.append((a, b, sim))
        row = (size[a] * s[a] + size[b] * s[b]) / (size[a] + size[b])
        s[a, :] = row
        s[:, a] = row
        s[a, a] = -np.inf
        s[b, :] = -np.inf
        s[:, b] = -np.inf
        size[a] += size[b]
        active[b] = False
    return merges


def cut(n: int, merges: list[tuple[int, int, float]], threshold: float) -> list[int]:
    """Cluster label per item after applying the merges with similarity >= threshold."""
    sets = DisjointSet(n)
    for a, b, sim in merges:
        if sim < threshold:
            break
        sets.union(a, b)
    return [sets.find(i) for i in range(n)]
