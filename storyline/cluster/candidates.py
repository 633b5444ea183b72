"""Candidate generation: which units are worth scoring, found through an inverted index, never all pairs.

Blocking keys of an article are its entity/figure/date keys (not bare years or nationalities, which
half a feed shares) and its ``blocking_terms`` rarest strong lemmas. A key held by more than
``df_cap`` units is skipped: it links too much to be evidence and would make the work quadratic.
So each article meets at most (keys per article) x df_cap others, and the ``max_candidates`` with the
most shared key weight are kept: O(N * K * cap) multiply-adds (in scipy) and O(N * max_candidates) scores.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable

import numpy as np

from .features import GROUP, YEAR, ArticleFeatures
from .profile import Idf, Params, key_weight
from .vectors import weighted_rows

ROW_CHUNK = 2_000  # articles whose shared-key rows are multiplied at once (bounds memory)


def blocking_keys(f: ArticleFeatures, idf: Idf, p: Params) -> list[str]:
    """Keys that can bring two units of one story together."""
    keys = [k for k in f.keys if not k.startswith((YEAR, GROUP))]
    terms = sorted(f.terms, key=lambda t: -f.terms[t] * idf(t))[: p.blocking_terms]
    return keys + terms


def candidate_pairs(
    features: list[ArticleFeatures], idf: Idf, df: dict[str, int], p: Params, max_gap: float | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (left < right) of articles sharing a blocking key of document frequency 2..df_cap.

    Each article keeps its ``max_candidates`` partners with the most shared key weight; dated pairs
    further apart than ``max_gap`` days are not candidates. The shared weights are one sparse
    product (article x key) . (key x article), taken ``ROW_CHUNK`` articles at a time.
    """
    n = len(features)
    rows = [{k: 1.0 for k in blocking_keys(f, idf, p) if 2 <= df.get(k, 0) <= p.df_cap} for f in features]
    keys = weighted_rows(rows, lambda k: idf(k) * (key_weight(k) if ":" in k else 0.5), normalise=False)
    days = np.array([np.nan if f.day is None else f.day for f in features], dtype=np.float64)
    lefts, rights = [], []
    transposed = keys.T.tocsr()
    for start in range(0, n, ROW_CHUNK):
        shared = (keys[start:start + ROW_CHUNK] @ transposed).tocoo()
        i, j, w = shared.row.astype(np.int64) + start, shared.col.astype(np.int64), shared.data
        keep = i != j
        if max_gap is not None:
            gap = np.abs(days[i] - days[j])
            keep &= ~(gap > max_gap)  # NaN (undated) gaps are kept
        i, j, w = i[keep], j[keep], w[keep]
        order = np.lexsort((j, -w, i))  # by article, strongest partner first
        i, j = i[order], j[order]
        first = np.searchsorted(i, i, side="left")
        top = np.arange(len(i)) - first < p.max_candidates
        lefts.append(np.minimum(i[top], j[top]))
        rights.append(np.maximum(i[top], j[top]))
    if not lefts:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    pairs = np.unique(np.concatenate(lefts) * n + np.concatenate(rights))
    return pairs // n, pairs % n


class StoryIndex:
    """Inverted index from blocking key to the stories holding it (incremental assignment)."""

    def __init__(self) -> None:
        self.postings: dict[str, set[str]] = defaultdict(set)

    def add(self, story_id: str, keys: Iterable[str]) -> None:
        for k in keys:
            self.postings[k].add(story_id)

    def remove(self, story_id: str, keys: Iterable[str]) -> None:
        for k in keys:
            self.postings[k].discard(story_id)

    def candidates(self, keys: Iterable[str], idf: Idf, p: Params) -> list[str]:
        """Stories sharing the most key weight with ``keys``; keys held by > df_cap stories are skipped."""
        shared: dict[str, float] = defaultdict(float)
        for k in keys:
            stories = self.postings.get(k)
            if not stories or len(stories) > p.df_cap:
                continue
            w = idf(k) * (key_weight(k) if ":" in k else 0.5)
            for s in stories:
                shared[s] += w
        return [s for s, _ in heapq.nlargest(p.max_candidates, shared.items(), key=lambda kv: kv[1])]
