"""Quotation marks to quoted stretches, paragraph by paragraph, surviving unbalanced marks.

Curly marks say which way they face; a straight mark is read from its neighbours (a space or a
paragraph start before it opens, a space or punctuation after it closes). A quote still open at
the end of a paragraph continues when the next paragraph opens with a mark (the convention for
quotes that run over several paragraphs); otherwise it ends with its paragraph and is flagged
unclosed. One stray mark never discards the rest of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN_MARKS = "“„«"
CLOSE_MARKS = "”»"
STRAIGHT = '"'
_PARAGRAPH = re.compile(r"\n\s*\n|\n")


@dataclass(slots=True)
class Quoted:
    """A quoted stretch: ``start`` at its opening mark, ``end`` just past its closing mark."""

    start: int
    end: int
    unclosed: bool = False

    @property
    def inner(self) -> tuple[int, int]:
        """Offsets of the words inside the marks."""
        return self.start + 1, self.end - (0 if self.unclosed else 1)


def _direction(text: str, i: int) -> str:
    ch = text[i]
    if ch in OPEN_MARKS:
        return "open"
    if ch in CLOSE_MARKS:
        return "close"
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    opens = before.isspace() or before in "([{—–-/" or i == 0
    closes = after.isspace() or after in ".,;:!?)]}—–-…" or i + 1 == len(text)
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "toggle"


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph of clean text."""
    out, pos = [], 0
    for m in _PARAGRAPH.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def find_quoted(text: str) -> list[Quoted]:
    """Every quoted stretch of ``text`` (see module docstring)."""
    found: list[Quoted] = []
    carry: int | None = None  # start of a quote running on from the previous paragraph
    for p_start, p_end in paragraphs(text):
        open_at: int | None = None
        first_mark = True
        for i in range(p_start, p_end):
            if text[i] not in OPEN_MARKS + CLOSE_MARKS + STRAIGHT:
                continue
            way = _direction(text, i)
            if way == "toggle":
                way = "close" if open_at is not None else "open"
            if way == "open":
                if first_mark and carry is not None and i == _first_non_space(text, p_start):
                    open_at = carry  # the multi-paragraph quote goes on
                elif open_at is not None:
                    found.append(Quoted(open_at, _trim_end(text, open_at, i), unclosed=True))
                    open_at = i
                else:
                    open_at = i
            elif open_at is not None:
                found.append(Quoted(open_at, i + 1))
                open_at = None
            first_mark = False
            carry = None
        if open_at is not None:
            nxt = _first_non_space(text, p_end)
            if nxt < len(text) and (text[nxt] in OPEN_MARKS or text[nxt] == STRAIGHT):
                carry = open_at
            else:
                found.append(Quoted(open_at, _trim_end(text, open_at, p_end), unclosed=True))
    return [q for q in found if q.inner[1] - q.inner[0] > 1]


def _first_non_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return end
