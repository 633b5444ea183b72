"""highlight: overlapping spans become flat segments; the requested span is one unbroken run."""

from __future__ import annotations

from storyline.web.highlight import runs, segments


def test_segments_cut_at_every_boundary_and_record_cover():
    # 0123456789
    # [--a--)      a = (0, 5)
    #    [---b---) b = (3, 10)
    #      [c)     c = (5, 7)
    segs = segments(12, [(0, 5), (3, 10), (5, 7)])
    assert [(s.start, s.end) for s in segs] == [(0, 3), (3, 5), (5, 7), (7, 10), (10, 12)]
    assert [s.covers for s in segs] == [[0], [0, 1], [2, 1], [1], []]  # innermost (shortest) first
    assert [s.opens for s in segs] == [[0], [1], [2], [], []]


def test_segments_tile_the_text_whatever_the_spans():
    spans = [(2, 2), (-5, 3), (8, 50), (4, 9), (4, 9), (6, 7)]
    segs = segments(10, spans)
    assert segs[0].start == 0 and segs[-1].end == 10
    assert all(a.end == b.start for a, b in zip(segs, segs[1:]))
    assert all(s.start < s.end for s in segs)
    for seg in segs:  # a segment is covered exactly by the spans that contain it
        expected = {i for i, (s, e) in enumerate(spans) if max(s, 0) <= seg.start and seg.end <= min(e, 10) and e > s}
        assert set(seg.covers) == expected


def test_target_is_one_run_even_when_it_cuts_through_other_spans():
    segs = segments(20, [(0, 8), (6, 14), (12, 20)], target=(5, 13))
    grouped = runs(segs, (5, 13))
    inside = [r for r in grouped if r.target]
    assert len(inside) == 1
    assert (inside[0].segments[0].start, inside[0].segments[-1].end) == (5, 13)
    assert [(r.target, r.segments[0].start) for r in grouped] == [(False, 0), (True, 5), (False, 13)]


def test_no_spans_is_one_plain_segment():
    assert [(s.start, s.end, s.covers) for s in segments(4, [])] == [(0, 4, [])]
    assert segments(0, []) == []
