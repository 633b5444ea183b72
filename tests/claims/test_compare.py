"""Comparison: logical compatibility of qualified values, grouping by subject, kinds of conflict."""

from __future__ import annotations

import time

import pytest

from storyline.claims.compare import Measured, compare, compatible, group, kind_of
from storyline.model import Claim


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [((1000, "more than"), (1100, "more than"), True), ((14, "exact"), (15, "exact"), False),
     ((14, "exact"), (14, "exact"), True), ((100, "about"), (105, "exact"), True),
     ((50, "up to"), (60, "more than"), False), ((10, "at least"), (10, "exact"), True),
     ((10, "more than"), (10, "exact"), False), ((10, "less than"), (10, "at least"), False),
     ((1100, "more than"), (1000, "exact"), False)],
)
def test_compatible(a, b, ok):
    assert compatible(a, b) is ok and compatible(b, a) is ok


def test_kind_of():
    assert kind_of([(14, "exact"), (14, "exact")]) == "agreement"
    assert kind_of([(2400, "about"), (2400, "exact")]) == "agreement"
    assert kind_of([(1000, "more than"), (1100, "more than")]) == "discrepancy"
    assert kind_of([(14, "exact"), (15, "exact")]) == "contradiction"


def _m(aid, value, qualifier="exact", key=("prisoner", "released"), mods=(), when=None, speaker=None, quoted=False):
    c = Claim(f"{aid}-{value}-{qualifier}-{len(mods)}-{when}", " ".join([*mods, key[0] + "s", key[1]]), value, key[0] + "s",
              qualifier, when, "x", aid, 0, 1, speaker)
    return Measured(c, key, frozenset(mods), quoted, when)


def test_compare_sides_name_outlets_and_speakers():
    conflicts = compare([_m("a", 1000, "more than", ("prisoner", "held"), speaker="e-envoy", quoted=True),
                         _m("b", 1100, "more than", ("prisoner", "held"), ("political",))])
    (c,) = conflicts
    assert c.kind == "discrepancy" and len(c.claim_ids) == 2
    assert [(v.value, v.article_ids, v.speaker_entity_id) for v in c.values] == [(1000, ["a"], "e-envoy"), (1100, ["b"], None)]


def test_one_article_alone_is_no_conflict():
    assert compare([_m("a", 14), _m("a", 15)]) == []


def test_different_modifiers_and_times_split_groups():
    groups = group([_m("a", 3, mods=("us",)), _m("b", 5, mods=("belarusian",))])
    assert len(groups) == 2
    groups = group([_m("a", 3, when="february"), _m("b", 14, when="june 21")])
    assert len(groups) == 2
    assert compare([_m("a", 14, when="june 21"), _m("b", 14, when="june 21"), _m("c", 15)])[0].kind == "contradiction"


def test_grouping_is_linear():
    many = [_m(f"a{i}", i % 7, key=(f"thing{i % 500}", "counted")) for i in range(20000)]
    t0 = time.perf_counter()
    compare(many)
    assert time.perf_counter() - t0 < 2.0
