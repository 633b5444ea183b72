"""Build clean text piece by piece while remembering where every piece came from in the raw text."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import OffsetMap, Segment


@dataclass(slots=True)
class Line:
    """A line of source text and where its characters sit in raw_text.

    ``segments`` use offsets relative to the start of ``text`` for their clean side.
    A plain-text line is one identity segment; a line aligned from HTML may have several.
    """

    text: str
    segments: list[Segment]

    @classmethod
    def from_raw(cls, raw_start: int, text: str) -> Line:
        return cls(text, [Segment(0, len(text), raw_start, len(text))])

    @property
    def raw_start(self) -> int:
        return self.segments[0].raw_start if self.segments else 0

    @property
    def raw_end(self) -> int:
        if not self.segments:
            return 0
        last = self.segments[-1]
        return last.raw_start + last.raw_len

    def stripped(self) -> Line:
        """The same line without leading and trailing whitespace."""
        text = self.text
        start = len(text) - len(text.lstrip())
        end = len(text.rstrip())
        return self.slice(start, max(start, end))

    def slice(self, start: int, end: int) -> Line:
        """The part text[start:end], with segments cut to match."""
        out: list[Segment] = []
        for seg in self.segments:
            lo, hi = max(start, seg.clean_start), min(end, seg.clean_start + seg.clean_len)
            if lo >= hi:
                continue
            if seg.clean_len == seg.raw_len:
                out.append(Segment(lo - start, hi - lo, seg.raw_start + (lo - seg.clean_start), hi - lo))
            else:
                out.append(Segment(lo - start, hi - lo, seg.raw_start, seg.raw_len))
        return Line(self.text[start:end], out)


@dataclass(slots=True)
class TextBuilder:
    """Concatenates lines and separators into clean text plus its OffsetMap."""

    parts: list[str] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    length: int = 0

    def add_line(self, line: Line) -> None:
        for seg in line.segments:
            self.segments.append(Segment(self.length + seg.clean_start, seg.clean_len, seg.raw_start, seg.raw_len))
        self.parts.append(line.text)
        self.length += len(line.text)

    def add_separator(self, text: str, raw_start: int, raw_len: int) -> None:
        """Text that stands for a raw stretch (a newline between joined lines, a paragraph break)."""
        self.segments.append(Segment(self.length, len(text), raw_start, max(0, raw_len)))
        self.parts.append(text)
        self.length += len(text)

    def build(self) -> tuple[str, OffsetMap]:
        return "".join(self.parts), OffsetMap(self.segments)
