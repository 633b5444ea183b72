"""Whose figure is it: the outlet's own, or a speaker's inside a quote or reported speech.

The quotes stage (story.quotes) gives quoted spans with speakers; copies of one quote in other
outlets (``also_in``) carry the same speaker. Without it, quotation marks alone tell that a
figure is someone else's words even when nobody can say whose.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from ..model import Quote
from ..quotes import quote_spans


@dataclass(slots=True)
class QuoteIndex:
    """Quoted spans of one article, sorted by start, each with its speaker entity id (or None) and
    the words that name the speaker (or None)."""

    starts: list[int]
    spans: list[tuple[int, int, str | None, str | None]]

    @classmethod
    def build(cls, spans: list[tuple[int, int, str | None, str | None]]) -> QuoteIndex:
        spans = sorted(spans, key=lambda x: (x[0], x[1]))
        return cls([x[0] for x in spans], spans)

    def find(self, start: int, end: int) -> tuple[bool, str | None, str | None]:
        """(quoted?, speaker id, speaker's words) for the span [start, end); the innermost quote wins."""
        i = bisect.bisect_right(self.starts, start)
        best: tuple[int, str | None, str | None] | None = None
        for s, e, speaker, words in self.spans[max(0, i - 8) : i]:  # quotes rarely nest more than a few deep
            if s <= start and end <= e and (best is None or e - s < best[0]):
                best = (e - s, speaker, words)
        return (False, None, None) if best is None else (True, best[1], best[2])


def is_quoted(index: QuoteIndex, start: int, end: int) -> bool:
    """Whether clean_text[start:end] lies inside a quote: the outlet is not the one stating it."""
    return index.find(start, end)[0]


def quote_indexes(quotes: list[Quote]) -> dict[str, QuoteIndex]:
    """Per-article quote indexes from story.quotes (parts of split quotes, and copies in other outlets)."""
    spans: dict[str, list[tuple[int, int, str | None, str | None]]] = {}
    for q in quotes:
        pieces = [(p.article_id, p.start, p.end) for p in q.parts] or [(q.article_id, q.start, q.end)]
        pieces += [(ev.article_id, ev.start, ev.end) for ev in q.also_in]
        for aid, s, e in pieces:
            spans.setdefault(aid, []).append((s, e, q.speaker_entity_id, q.speaker_text))
    return {aid: QuoteIndex.build(s) for aid, s in spans.items()}


def marks_index(text: str) -> QuoteIndex:
    """Fallback when no quotes stage ran: spans inside quotation marks, speaker unknown."""
    return QuoteIndex.build([(s, e, None, None) for s, e in quote_spans(text)])
