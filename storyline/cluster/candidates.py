"""Candidate generation: which units are worth scoring, found through an inverted index, never all pairs.

Blocking keys of an article are its entity/figure/date keys (not bare years or nationalities, which
half a feed shares) and its ``blocking_terms`` rarest strong lemmas. A key held by more than
``df_cap`` units is skipped: it links too much to be evidence and would make the work quadratic.
So each article meets at most (keys per article) x df_cap others, and the ``max_candidates`` with the
most shared key weight are kept: O(N * K * cap) postings work and O(N * max_candidates) scores.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable

from .features import GROUP, YEAR, ArticleFeatures
from .profile import Idf, Params, key_weight


def blocking_keys(f: ArticleFeatures, idf: Idf, p: Params) -> list[str]:
    """Keys that can bring two units of one story together."""
    keys = [k for k in f.keys if not k.startswith((YEAR, GROUP))]
    terms = sorted(f.terms, key=lambda t: -f.terms[t] * idf(t))[: p.blocking_terms]
    return keys + terms


def candidate_pairs(
    features: list[ArticleFeatures], idf: Idf, df: dict[str, int], p: Params, max_gap: float | None = None
) -> set[tuple[int, int]]:
    """Index pairs (i < j) of articles sharing a blocking key of document frequency 2..df_cap
    (dated pairs further apart than ``max_gap`` days are not candidates)."""
    postings: dict[str, list[int]] = defaultdict(list)
    per_article: list[list[str]] = []
    for i, f in enumerate(features):
        keys = [k for k in blocking_keys(f, idf, p) if 2 <= df.get(k, 0) <= p.df_cap]
        per_article.append(keys)
        for k in keys:
            postings[k].append(i)
    pairs: set[tuple[int, int]] = set()
    days = [f.day for f in features]
    for i, keys in enumerate(per_article):
        shared: dict[int, float] = defaultdict(float)
        for k in keys:
            w = idf(k) * (key_weight(k) if ":" in k else 0.5)
            for j in postings[k]:
                if j != i:
                    shared[j] += w
        di = days[i]
        if max_gap is not None and di is not None:
            for j in [j for j in shared if days[j] is not None and abs(days[j] - di) > max_gap]:  # type: ignore[operator]
                del shared[j]
        best = heapq.nlargest(p.max_candidates, shared.items(), key=lambda kv: kv[1]) if len(shared) > p.max_candidates else shared.items()
        for j, _ in best:
            pairs.add((i, j) if i < j else (j, i))
    return pairs


class StoryIndex:
    """Inverted index from blocking key to the stories holding it (incremental assignment)."""

    def __init__(self) -> None:
        self.postings: dict[str, set[str]] = defaultdict(set)

    def add(self, story_id: str, keys: Iterable[str]) -> None:
        for k in keys:
            self.postings[k].add(story_id)

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
