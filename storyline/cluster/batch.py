"""Batch clustering: average-linkage agglomeration over the sparse candidate graph.

Every article starts as its own cluster. The link of two clusters is the mean content score over
all their article pairs (pairs never generated as candidates count 0), times the time factor of
the two clusters' publication spans; the best link is merged while it is at least
``Params.threshold``. Averaging pairs (not centroids) keeps a story from swallowing a neighbour
through one bridging report; spans (not single dates) let a story run for weeks.

Complexity: candidate generation O(N * K * cap) (see ``candidates``), E <= N * max_candidates
scored edges; a merge adds the two clusters' edge sums and re-finds the merged cluster's best
neighbour, O(degree); the heap holds one entry per cluster, so O(E + N log N) overall when degrees
stay bounded — near-linear in N.
"""

from __future__ import annotations

import heapq
from collections import Counter

from .candidates import candidate_pairs
from .features import ArticleFeatures
from .profile import Params, Profile, idf_from, key_weight, max_gap_days, time_factor
from .vectors import row_dots, weighted_rows


def document_frequencies(features: list[ArticleFeatures]) -> Counter[str]:
    """In how many articles each lemma and key occurs."""
    df: Counter[str] = Counter()
    for f in features:
        df.update(f.terms.keys())
        df.update(f.keys.keys())
    return df


def publication_order(features: list[ArticleFeatures]) -> list[int]:
    """Indices in publication order; undated articles after dated ones, input order breaking ties
    (a batch story's members, so that it opens with its earliest dated report)."""
    return sorted(range(len(features)), key=lambda i: (features[i].day is None, features[i].day or 0, i))


def arrival_order(features: list[ArticleFeatures]) -> list[int]:
    """The order new articles are assigned in: publication order where it is known, that is the
    dated articles sorted by day (input order breaking ties) in the places dated articles hold in
    the input, and each undated article kept in its own place. Sending every undated article after
    all dated ones would make a batch of a few dated and many undated reports open its stories from
    the dated few, whatever their topics."""
    dated = [i for i, f in enumerate(features) if f.day is not None]
    in_order = iter(sorted(dated, key=lambda i: (features[i].day, i)))
    return [next(in_order) if f.day is not None else i for i, f in enumerate(features)]


def _when(f: ArticleFeatures) -> Profile:
    """Only the time part of a profile: date span and mentioned years."""
    return Profile(n=1, first=f.day, last=f.day, years={y: 1.0 / (r + 1) for r, y in enumerate(f.years)})


def cluster_features(features: list[ArticleFeatures], p: Params = Params()) -> list[list[int]]:
    """Groups of article indices, each in publication order; groups ordered by their first article."""
    n = len(features)
    if n == 0:
        return []
    df = document_frequencies(features)
    idf = idf_from(df, n)
    left, right = candidate_pairs(features, idf, df, p, max_gap=max_gap_days(p))
    terms = weighted_rows((f.terms for f in features), idf)
    keys = weighted_rows((Profile.of(f).keys for f in features), lambda k: idf(k) * key_weight(k))
    content = p.term_weight * row_dots(terms, left, right) + (1.0 - p.term_weight) * row_dots(keys, left, right)
    strong = content >= p.min_edge
    when: dict[int, Profile] = {i: _when(f) for i, f in enumerate(features)}
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    sums: dict[int, dict[int, float]] = {i: {} for i in range(n)}  # cluster -> neighbour -> summed pair scores
    for i, j, s in zip(left[strong].tolist(), right[strong].tolist(), content[strong].tolist()):
        sums[i][j] = sums[j][i] = s
    version = [0] * n

    def link(a: int, b: int) -> float:
        return sums[a][b] / (len(members[a]) * len(members[b])) * time_factor(when[a], when[b], p)

    def best_of(a: int) -> tuple[float, int, int, int, int] | None:
        """Heap entry for cluster ``a``'s best neighbour, if that link reaches the threshold."""
        best, best_link = -1, p.threshold
        for c in sums[a]:
            s = link(a, c)
            if s > best_link or (s == best_link and best < 0):
                best, best_link = c, s
        return (-best_link, a, best, version[a], version[best]) if best >= 0 else None

    # One live entry per cluster (its best neighbour), not one per edge: the heap stays O(N).
    # An entry goes stale when either side merges; popping it then re-finds that cluster's best.
    heap = [e for i in range(n) if (e := best_of(i)) is not None]
    heapq.heapify(heap)
    while heap:
        _, a, b, va, vb = heapq.heappop(heap)
        if a not in members or version[a] != va:
            continue  # a merged since: its fresh entry was pushed then
        if b not in members or version[b] != vb:
            if (e := best_of(a)) is not None:
                heapq.heappush(heap, e)
            continue
        if len(members[a]) < len(members[b]):
            a, b = b, a  # keep the bigger cluster's number: fewer edges to rewrite
        members[a].extend(members.pop(b))
        when[a].add(when.pop(b))
        version[a] += 1
        sa, sb = sums[a], sums.pop(b)
        sa.pop(b, None)
        for c, v in sb.items():
            if c == a:
                continue
            sa[c] = sa.get(c, 0.0) + v
            sc = sums[c]
            sc[a] = sa[c]
            del sc[b]
        if (e := best_of(a)) is not None:
            heapq.heappush(heap, e)
    order = {i: r for r, i in enumerate(publication_order(features))}
    groups = [sorted(m, key=order.__getitem__) for m in members.values()]
    return sorted(groups, key=lambda g: order[g[0]])
