"""The shared union-find."""

from __future__ import annotations

from storyline.unionfind import DisjointSet


def test_groups_join_transitively_and_only_once():
    sets = DisjointSet(5)
    assert sets.union(0, 1) and sets.union(3, 4) and sets.union(1, 4)
    assert not sets.union(0, 3)  # already one group through 1-4
    assert sets.same(0, 3) and not sets.same(0, 2)
    assert len({sets.find(i) for i in range(5)}) == 2
