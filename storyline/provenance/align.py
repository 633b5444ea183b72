"""Alignment of matched sentences into passages: runs of consecutive sentences in both articles.

A copied or rewritten paragraph shows up as several matched sentences in the same order on both
sides; one shared sentence (a sign-off, a stock line) does not make a passage.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_STEP = 2  # a run may skip one sentence on either side (an inserted or merged sentence)


@dataclass(slots=True)
class Run:
    """Matched sentence pairs (i in article a, j in article b) that follow each other."""

    pairs: list[tuple[int, int, float]]

    @property
    def a_range(self) -> tuple[int, int]:
        return min(p[0] for p in self.pairs), max(p[0] for p in self.pairs)

    @property
    def b_range(self) -> tuple[int, int]:
        return min(p[1] for p in self.pairs), max(p[1] for p in self.pairs)

    @property
    def size(self) -> int:
        """Sentences on the longer side: 2 means a two-sentence passage at least on one side."""
        return max(len({p[0] for p in self.pairs}), len({p[1] for p in self.pairs}))

    @property
    def shorter(self) -> int:
        """Sentences on the shorter side: 2 means two sentences matched on both sides."""
        return min(len({p[0] for p in self.pairs}), len({p[1] for p in self.pairs}))

    @property
    def mean(self) -> float:
        return sum(p[2] for p in self.pairs) / len(self.pairs)


def runs(pairs: dict[tuple[int, int], float]) -> list[Run]:
    """Group sentence pairs into runs that move forward together in both articles."""
    keys = sorted(pairs)
    parent = {k: k for k in keys}

    def find(k: tuple[int, int]) -> tuple[int, int]:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for i, j in keys:
        for di in range(0, MAX_STEP + 1):
            for dj in range(0, MAX_STEP + 1):
                if (di or dj) and (i + di, j + dj) in parent:
                    parent[find((i + di, j + dj))] = find((i, j))
    groups: dict[tuple[int, int], list[tuple[int, int, float]]] = {}
    for k in keys:
        groups.setdefault(find(k), []).append((k[0], k[1], pairs[k]))
    return sorted((Run(g) for g in groups.values()), key=lambda r: r.a_range)
