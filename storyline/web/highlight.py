"""Cut an article's text at every span boundary so overlapping spans can all be highlighted.

HTML elements must nest, but evidence spans overlap freely (a quote holds an entity mention, a
summary sentence holds a quote). Cutting the text at every start and end gives flat segments,
each covered by a known set of spans; each segment becomes one element, so nothing has to nest.
The requested span (from the URL) is a boundary too, so its segments form one unbroken run that
can be wrapped in a single element and found, scrolled to and compared as a whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Segment:
    """text[start:end], covered by the spans at indexes ``covers`` (innermost, i.e. shortest, first)."""

    start: int
    end: int
    covers: list[int] = field(default_factory=list)
    opens: list[int] = field(default_factory=list)  # spans that begin at this segment (for anchors)


@dataclass(slots=True)
class Run:
    """Consecutive segments, all inside the requested span (``target``) or all outside it."""

    target: bool
    segments: list[Segment] = field(default_factory=list)


def clamp_spans(spans: list[tuple[int, int]], length: int) -> list[tuple[int, int] | None]:
    """Spans clipped to the text; an empty or out-of-range span becomes None (kept, so indexes hold)."""
    out: list[tuple[int, int] | None] = []
    for start, end in spans:
        s, e = max(0, min(start, length)), max(0, min(end, length))
        out.append((s, e) if e > s else None)
    return out


def segments(length: int, spans: list[tuple[int, int]], target: tuple[int, int] | None = None) -> list[Segment]:
    """Segments of a text of ``length`` chars, cut at every span boundary (and the target's).

    Runs in O((n + k) log k) for n spans over k boundaries: a sweep, no span-by-segment comparison.
    """
    clipped = clamp_spans(spans, length)
    cuts = {0, length}
    for sp in clipped:
        if sp:
            cuts.update(sp)
    if target:
        cuts.update(target)
    points = sorted(c for c in cuts if 0 <= c <= length)
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for i, sp in enumerate(clipped):
        if sp:
            starts.setdefault(sp[0], []).append(i)
            ends.setdefault(sp[1], []).append(i)
    active: set[int] = set()
    out: list[Segment] = []
    for a, b in zip(points, points[1:]):
        active.difference_update(ends.get(a, ()))
        opening = starts.get(a, [])
        active.update(opening)
        covers = sorted(active, key=lambda i: (clipped[i][1] - clipped[i][0], i))  # type: ignore[index]
        out.append(Segment(a, b, covers, sorted(opening)))
    return out


def runs(segs: list[Segment], target: tuple[int, int] | None) -> list[Run]:
    """Group segments into runs inside/outside the target span (the target's boundaries are cuts)."""
    out: list[Run] = []
    for seg in segs:
        inside = target is not None and target[0] <= seg.start and seg.end <= target[1]
        if not out or out[-1].target != inside:
            out.append(Run(inside))
        out[-1].segments.append(seg)
    return out
