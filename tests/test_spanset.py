"""SpanSet answers the span questions stages ask per word or clause, as a scan over every span would."""

from hypothesis import given
from hypothesis import strategies as st

from storyline.spanset import SpanSet

spans = st.lists(st.tuples(st.integers(0, 200), st.integers(0, 60)).map(lambda p: (p[0], p[0] + p[1])), max_size=12)


@given(spans, st.integers(0, 260), st.integers(0, 40))
def test_spanset_agrees_with_a_scan_of_the_union(raw, start, length):
    end = start + length
    covered = {i for a, b in raw for i in range(a, b)}
    s = SpanSet(raw)
    assert s.holds(start) == (start in covered)
    assert s.overlap(start, end) == len(covered & set(range(start, end)))
    if end > start:  # runs are disjoint with gaps between, so "inside one run" is "every character covered"
        assert s.covers(start, end) == all(i in covered for i in range(start, end))


def test_covers_needs_one_run_and_overlap_counts_characters():
    s = SpanSet([(10, 20), (20, 30), (40, 50)])  # touching spans join into one run
    assert s.covers(12, 28) and not s.covers(25, 45)
    assert s.overlap(15, 45) == 20 and s.overlap(0, 5) == 0
