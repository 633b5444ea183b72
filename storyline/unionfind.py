"""One union-find for the stages that group items 0..n-1 by pairwise links (copies of a quote,
copies of one page, a clustering cut): path halving keeps each lookup near constant."""

from __future__ import annotations


class DisjointSet:
    """Items 0..n-1 in groups; ``union`` joins two groups, ``find`` names an item's group."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, into: int, other: int) -> bool:
        """Join ``other``'s group into ``into``'s; False when they were one group already."""
        ra, rb = self.find(into), self.find(other)
        if ra == rb:
            return False
        self.parent[rb] = ra
        return True

    def same(self, a: int, b: int) -> bool:
        return self.find(a) == self.find(b)
