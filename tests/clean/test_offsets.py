"""clean.offsets: clean text built from pieces maps every character back to raw_text."""

from __future__ import annotations

from storyline.clean.offsets import Line, TextBuilder


def test_offsets_identity_and_separator_segments():
    raw = "  Quay one\nclosed today.\n\nSecond para."
    b = TextBuilder()
    first = Line.from_raw(0, raw[0:10]).stripped()
    assert first.text == "Quay one" and first.raw_start == 2
    b.add_line(first)
    b.add_separator(" ", 10, 1)
    b.add_line(Line.from_raw(11, "closed today."))
    b.add_separator("\n\n", 24, 2)
    b.add_line(Line.from_raw(26, "Second para."))
    text, omap = b.build()
    assert text == "Quay one closed today.\n\nSecond para."
    for start, end in [(0, 4), (9, 15), (24, 36)]:
        rs, re_ = omap.span_to_raw(start, end)
        assert raw[rs:re_] == text[start:end]
    # the joining space stands for the raw newline
    assert raw[omap.to_raw(8)] == "\n"


def test_offsets_slice_keeps_multi_segment_lines_consistent():
    from storyline.model import Segment

    line = Line("- wage rise", [Segment(0, 2, 5, 0), Segment(2, 9, 5, 9)])
    part = line.slice(2, 11)
    assert part.text == "wage rise"
    assert part.segments[0].raw_start == 5 and part.segments[0].clean_start == 0
