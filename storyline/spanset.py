"""A set of character spans that answers "is this offset inside one?" in logarithmic time.

Stages ask it once per token (is this word inside a quote, a link line, a dated clause?); a scan
over every span each time costs tokens x spans, which on a long page with many quotes is the
square of its length.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable


class SpanSet:
    """The union of half-open spans [start, end), kept as sorted disjoint runs."""

    __slots__ = ("_starts", "_ends")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        starts: list[int] = []
        ends: list[int] = []
        for start, end in sorted(s for s in spans if s[0] < s[1]):
            if ends and start <= ends[-1]:
                ends[-1] = max(ends[-1], end)
            else:
                starts.append(start)
                ends.append(end)
        self._starts, self._ends = starts, ends

    def __bool__(self) -> bool:
        return bool(self._starts)

    def holds(self, offset: int) -> bool:
        """Whether some span has start <= offset < end (``any(a <= offset < b for a, b in spans)``)."""
        i = bisect.bisect_right(self._starts, offset) - 1
        return i >= 0 and offset < self._ends[i]

    def covers(self, start: int, end: int) -> bool:
        """Whether [start, end) lies inside one run (``any(a <= start and end <= b for a, b in spans)``)."""
        i = bisect.bisect_right(self._starts, start) - 1
        return i >= 0 and end <= self._ends[i]

    def overlap(self, start: int, end: int) -> int:
        """How many characters of [start, end) the spans cover."""
        total = 0
        i = max(0, bisect.bisect_right(self._starts, start) - 1)
        while i < len(self._starts) and self._starts[i] < end:
            total += max(0, min(end, self._ends[i]) - max(start, self._starts[i]))
            i += 1
        return total
