"""Per-Doc lookups that every stage shares, computed once per parsed article.

spaCy recomputes ``Doc.text``, ``Doc.sents``, ``Doc.ents`` and ``Doc.noun_chunks`` on every access,
each a walk over the whole Doc (``Doc.text`` joins every token; ``Span.ents`` walks all the Doc's
entities), and ``Span.sent`` walks to the sentence's edges. A stage that asks for one of them per
mention, date, quote or figure costs the square of the article's length: on a long scraped page
that is minutes. :func:`doc_index` builds the answers once, keeps them on the Doc itself
(``doc.user_data``) and hands the same object to every stage, so stages stay plain functions of a
Doc with no state of their own.

A Doc must not be changed (its entities reset, retokenized) after its index is taken; every
lookup is filled on first use, so an index taken of a Doc without a parse fails only where the
Doc itself would. A pickled or copied Doc leaves its index behind and builds a new one.
"""

from __future__ import annotations

import bisect
from array import array
from functools import cached_property

from spacy.tokens import Doc, Span

USER_DATA_KEY = "storyline.doc_index"  # a plain string: spaCy's own user_data keys are tuples
NO_ENTITY = -1
TOKEN_ARRAY = "i"  # C int: token and sentence numbers of any Doc spaCy can hold


class DocIndex:
    """The whole-Doc answers of one parsed Doc: its text, sentences, entities and noun chunks,
    with token -> sentence and token -> entity tables for constant-time lookups."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc

    def __reduce__(self) -> tuple[object, tuple[()]]:
        """Pickled or deep-copied along with its Doc's user_data, the index becomes None: it is
        rebuilt from the copy on first use (it holds the Doc, which must not travel twice)."""
        return _dropped, ()

    @cached_property
    def text(self) -> str:
        """The Doc's text (``Doc.text`` joins every token on each access)."""
        return self.doc.text

    @cached_property
    def sents(self) -> list[Span]:
        """Every sentence, in order, as ``doc.sents`` yields them (blank ones included)."""
        return list(self.doc.sents)

    @cached_property
    def sent_of(self) -> array:
        """Token index -> number of its sentence in ``sents``."""
        out = array(TOKEN_ARRAY, [0]) * len(self.doc)
        for number, sent in enumerate(self.sents):
            for i in range(sent.start, sent.end):
                out[i] = number
        return out

    def sent(self, token: int) -> Span:
        """The sentence holding token ``token``: what ``doc[token].sent`` (and ``span.sent`` of a
        span starting there) returns, without walking to the sentence's edges."""
        return self.sents[self.sent_of[token]]

    @cached_property
    def ents(self) -> tuple[Span, ...]:
        """``doc.ents``, in text order (they never overlap)."""
        return tuple(self.doc.ents)

    @cached_property
    def _ent_starts(self) -> list[int]:
        return [e.start for e in self.ents]

    @cached_property
    def ent_end_chars(self) -> list[int]:
        """End character offset of each entity in ``ents`` (ascending, as entities never overlap)."""
        return [e.end_char for e in self.ents]

    @cached_property
    def ent_of(self) -> array:
        """Token index -> number of the entity in ``ents`` holding it, or NO_ENTITY."""
        out = array(TOKEN_ARRAY, [NO_ENTITY]) * len(self.doc)
        for number, ent in enumerate(self.ents):
            for i in range(ent.start, ent.end):
                out[i] = number
        return out

    def entity_at(self, token: int) -> Span | None:
        """The entity holding token ``token``, if any (the first of ``doc.ents`` that does)."""
        number = self.ent_of[token]
        return None if number == NO_ENTITY else self.ents[number]

    def ents_within(self, start: int, end: int) -> list[Span]:
        """Entities wholly inside tokens [start, end): what ``doc[start:end].ents`` returns."""
        out: list[Span] = []
        i = bisect.bisect_left(self._ent_starts, start)
        while i < len(self.ents) and self.ents[i].start < end:
            if self.ents[i].end <= end:
                out.append(self.ents[i])
            i += 1
        return out

    @cached_property
    def noun_chunks(self) -> list[Span]:
        """``doc.noun_chunks``, in order."""
        return list(self.doc.noun_chunks)


def _dropped() -> None:
    return None


def doc_index(doc: Doc) -> DocIndex:
    """The Doc's index, built on first request and kept in ``doc.user_data`` for every later one."""
    index = doc.user_data.get(USER_DATA_KEY)
    if index is None or index.doc is not doc:
        index = doc.user_data[USER_DATA_KEY] = DocIndex(doc)
    return index


def known_text(doc: Doc, text: str) -> DocIndex:
    """The Doc's index, told the text the caller already holds (the article's clean_text, which is
    what was parsed), so it is not rebuilt from every token. A text of another length is ignored."""
    index = doc_index(doc)
    if "text" not in index.__dict__ and len(doc) and doc[-1].idx + len(doc[-1].text_with_ws) == len(text):
        index.__dict__["text"] = text  # what cached_property would have stored
    return index


def release_index(doc: Doc) -> None:
    """Drop the Doc's index when the Doc is done with.

    The index holds the Doc (and its Spans do), and the Doc holds the index: a cycle that only
    Python's cyclic collector frees, and a build that keeps many long-lived objects runs that
    collector rarely, so finished Docs piled up (2.4 GB peak on 500 real articles). Dropping the
    index lets the Doc go as soon as the last reference to it does.
    """
    doc.user_data.pop(USER_DATA_KEY, None)
