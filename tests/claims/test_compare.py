"""Comparison: logical compatibility of qualified values, grouping by subject, kinds of conflict."""

from __future__ import annotations


import pytest

from storyline.claims.compare import Measured, compare, compatible, dimension, group, kind_of
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


def _m(aid, value, qualifier="exact", key=("prisoner", "released"), mods=(), when=None, speaker=None, quoted=False,
       context=("junta", "amnesty")):
    c = Claim(f"{aid}-{value}-{qualifier}-{len(mods)}-{when}", " ".join([*mods, key[0] + "s", key[1]]), value, key[0] + "s",
              qualifier, when, "x", aid, 0, 1, speaker)
    return Measured(c, key, frozenset(mods), quoted, when, frozenset(context))


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


def test_grouping_is_linear(monkeypatch):
    """Figures are only verified against others of their block: twice the figures in as many
    blocks of the same size cost twice the checks, not four times (no all-pairs comparison)."""
    import importlib

    module = importlib.import_module("storyline.claims.compare")  # the module, not its compare()

    calls = 0
    real = module.same_thing

    def counting(*args, **kwargs):
        nonlocal calls
        calls += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(module, "same_thing", counting)

    def checks(n: int) -> int:
        nonlocal calls
        calls = 0
        compare([_m(f"a{i}", i % 7, key=(f"thing{i % (n // 40)}", "counted")) for i in range(n)])
        return calls

    small, large = checks(4000), checks(8000)
    assert 0 < large <= 2.2 * small


def test_bare_unit_with_different_actions_is_not_compared():
    """"people": 129 dead vs 400 wounded share a noun, not a quantity."""
    dead = _m("a", 129, key=("people", "killed"), context=("blast", "market"))
    hurt = _m("b", 400, key=("people", "injured"), context=("blast", "market"))
    assert compare([dead, hurt]) == []


def test_unknown_action_joins_a_known_one_when_the_context_agrees():
    a = _m("a", 12, key=("trawler", "impounded"), context=("coastguard", "harbour", "friday"))
    b = _m("b", 12, key=("trawler", ""), context=("coastguard", "harbour", "friday"))
    (c,) = compare([a, b])
    assert c.kind == "agreement"


def test_same_head_of_another_event_is_not_compared():
    """One story, two events: different values and nothing but the head in common."""
    a = _m("a", 7, key=("people", "killed"), context=("september", "tremor", "mainland"))
    b = _m("b", 10, key=("people", ""), context=("sunday", "island", "village"))
    assert compare([a, b]) == []


def test_ages_of_different_people_are_not_compared():
    a = _m("a", 36, key=("age", "vell"), context=("champion", "title"))
    b = _m("b", 32, key=("age", "ostrow"), context=("champion", "title"))
    assert compare([a, b]) == []


def test_lengths_compare_across_units():
    assert dimension("miles") == ("length", 1.609344) and dimension("km") == ("length", 1.0)
    km = _m("a", 48, key=("chase", ""), context=("police", "highway"))
    km.dim = dimension("km")
    miles = _m("b", 30, "about", key=("chase", ""), context=("police", "highway"))
    miles.dim = dimension("miles")
    (c,) = compare([km, miles])
    assert c.kind == "agreement"  # 48 km and "about 30 miles" (48.3 km): one distance, rounded in two units


def test_figures_of_different_scopes_are_not_compared():
    """12 seized in this operation vs 31 so far; 13 home runs with one team vs 33 over the season."""
    from storyline.claims.compare import different_scope

    total, one = frozenset({("total", "")}), frozenset()
    assert different_scope(total, one) and not different_scope(total, total)
    assert different_scope(frozenset({("within", "54 game"), ("org", "angels")}), one)  # a counted stretch
    assert different_scope(frozenset({("who", "miller")}), frozenset({("who", "iguodala")}))
    assert not different_scope(frozenset({("place", "athens")}), one)  # a name only one side gives is detail
    ctx = ("magazine", "navy", "pirate")
    now = _m("a", 12, key=("magazine", "seized"), context=ctx)
    so_far = _m("b", 31, key=("magazine", "seized"), context=ctx)
    so_far.scope = total
    assert compare([now, so_far]) == []
    again = _m("c", 12, key=("magazine", "seized"), context=ctx)
    again.scope = total
    assert compare([now, again])[0].kind == "agreement"  # equal values still agree


def test_increments_and_changes_are_not_compared_with_totals_and_levels():
    """"two other victims" beside "three victims"; "a drop of five points" beside "14.9 points"."""
    ctx = ("clinic", "gunman", "depot")
    others = _m("a", 2, key=("victim", "treat (additional)"), context=ctx)
    victims = _m("b", 3, key=("victim", ""), context=ctx)
    assert compare([others, victims]) == []
    drop = _m("a", 5, key=("point", "fallen"), context=("season", "average"))
    level = _m("b", 14.9, key=("point", ""), context=("season", "average"))
    assert compare([drop, level]) == []


def test_bounds_far_apart_need_the_stronger_evidence():
    """"at least 2 injured" (one attack) and "about 100 injured" (the riots) can both hold, but a lower bound
    fifty times smaller says another count: without much shared context they are not compared."""
    small = _m("a", 2, "at least", key=("people", "injured"), context=("truck", "crew", "riot"))
    large = _m("b", 100, "about", key=("people", "injured"), context=("campus", "bank", "riot"))
    assert compare([small, large]) == []
    near = _m("b", 3, "about", key=("people", "injured"), context=("campus", "bank", "riot"))
    assert compare([small, near])[0].kind == "discrepancy"


def test_time_anchors_differ():
    from storyline.claims.compare import different_scope

    assert different_scope(frozenset({("anchor", "inauguration")}), frozenset())
    assert not different_scope(frozenset({("anchor", "inauguration")}), frozenset({("anchor", "inauguration")}))


def test_ages_of_one_person_agree_whatever_the_words_around_and_differ_only_at_one_time():
    """Equal ages of one named person are one figure even with no shared context; a different age of the
    same person is another time (a report years later), never a contradiction unless one time is stated."""
    a = _m("a", 40, key=("age", "brannock"), context=("oscar", "nominate"))
    b = _m("b", 40, key=("age", "brannock"), context=("tux", "host"))
    assert [c.kind for c in compare([a, b])] == ["agreement"]
    older = _m("c", 44, key=("age", "brannock"), context=("oscar", "nominate"))
    assert all(44 not in [v.value for v in c.values] for c in compare([a, older]))
    then, now = _m("a", 40, key=("age", "brannock"), when="2008"), _m("b", 41, key=("age", "brannock"), when="2008")
    assert compare([then, now])[0].kind == "contradiction"


def test_records_of_one_holder_named_two_ways_compare_and_two_holders_do_not():
    """Records are blocked by their place (won/lost) and told apart by holder: equal records of one named
    team agree whatever the words around; one team's 40 wins is not another's 42."""
    sixers = frozenset({("who", "sixers")})
    a = _m("a", 40, key=("record", "won"), context=("season", "coach"))
    b = _m("b", 40, key=("record", "won"), context=("playoffs", "detroit"))
    a.scope = b.scope = sixers
    assert [c.kind for c in compare([a, b])] == ["agreement"]
    other = _m("c", 42, key=("record", "won"), context=("season", "coach"))
    other.scope = frozenset({("who", "blazers")})
    assert compare([a, other]) == []


def test_measures_meet_whatever_noun_they_hang_on_and_conversions_agree():
    """"a 90-day stay" and "90 days of treatment" are one stretch; "48 km" and "30 miles" one distance."""
    stay = _m("a", 90, key=("stay", ""), context=("rehab", "court", "clinic"))
    stay.dim = dimension("day")
    days = _m("b", 90, key=("day", ""), context=("rehab", "court", "treatment"))
    days.dim = dimension("days")
    assert [c.kind for c in compare([stay, days])] == ["agreement"]
    km = _m("a", 48, key=("km", "chase"), context=("police", "highway", "deputies"))
    km.dim = dimension("km")
    miles = _m("b", 30, key=("mile", "chase"), context=("police", "highway", "deputies"))
    miles.dim = dimension("miles")
    assert [c.kind for c in compare([km, miles])] == ["agreement"]  # 30 miles is 48.3 km


def test_sums_meet_by_currency_and_range_ends_and_nameless_ages_stay_apart():
    """"an offer of $160 million" and "worth $160 million" name the sum on different nouns (or none); the
    low end of one range is not the high end of another; an age of nobody named is never compared."""
    offer = _m("a", 160e6, key=("offer", ""), context=("angels", "teixeira", "years"))
    offer.dim = dimension("USD")
    worth = _m("b", 160e6, key=("", ""), context=("angels", "teixeira", "contract"))
    worth.dim = dimension("USD")
    assert [c.kind for c in compare([offer, worth])] == ["agreement"]
    low = _m("a", 140e6, "at least", key=("", ""), context=("orioles", "seven", "years"))
    high = _m("b", 150e6, "up to", key=("", ""), context=("orioles", "seven", "years"))
    low.dim = high.dim = dimension("USD")
    low.scope, high.scope = frozenset({("range", "low")}), frozenset({("range", "high")})
    assert compare([low, high]) == []
    a, b = _m("a", 17, key=("age", ""), context=("son",)), _m("b", 17, key=("age", ""), context=("son",))
    assert compare([a, b]) == []


def test_a_rising_toll_at_unknown_or_different_times_is_a_discrepancy():
    """"12 injured" and later "18 injured" can both hold; on one stated day they cannot."""
    ctx = ("police", "riot", "square")
    early, late = _m("a", 12, key=("people", "injured"), context=ctx), _m("b", 18, key=("people", "injured"), context=ctx)
    assert [c.kind for c in compare([early, late])] == ["discrepancy"]
    early.reported, late.reported = "2025-05-05", "2025-05-06"
    assert [c.kind for c in compare([early, late])] == ["discrepancy"]
    late.reported = "2025-05-05"
    assert [c.kind for c in compare([early, late])] == ["contradiction"]
    seized = [_m("a", 12, key=("rifle", "seized"), context=ctx), _m("b", 18, key=("rifle", "seized"), context=ctx)]
    assert [c.kind for c in compare(seized)] == ["contradiction"]  # not a toll: no reason to rise


def test_a_time_stated_for_one_figure_only_needs_the_stronger_evidence():
    """"killing at least seven" in a September quake recalled in the background, "at least 10 killed" in
    this one: bounds that can both hold, but one of them is dated and the other not."""
    ctx = ("quake",)
    then = _m("a", 7, "at least", key=("people", "killed"), context=ctx + ("port", "mainland"), when="september")
    now = _m("b", 10, "at least", key=("people", "killed"), context=ctx + ("tents", "villages"))
    assert compare([then, now]) == []
    undated = _m("a", 7, "at least", key=("people", "killed"), context=ctx + ("port", "mainland"))
    assert compare([undated, now])[0].kind == "discrepancy"


def test_different_values_sharing_one_word_are_a_coincidence():
    """"About 100 people have been injured" has no context but its verb: beside "injuring at least two"
    (fifty times fewer, in one attack) that one shared word is no evidence of one count."""
    few = _m("a", 2, "at least", key=("people", "injured"), context=("injure", "truck", "crew", "attack"))
    many = _m("b", 100, "about", key=("people", "injured"), context=("injure",))
    assert compare([few, many]) == []
    early = _m("a", 12, key=("people", "injured"), context=("injure", "police", "square"))
    late = _m("b", 18, key=("people", "injured"), context=("injure", "police", "square", "bank"))
    assert [c.kind for c in compare([early, late])] == ["discrepancy"]  # a rising toll, well attested
