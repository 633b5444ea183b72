"""Quotes: who said what — direct quotes and reported speech, with speakers, linked across outlets.

``run`` fills ``story.quotes``. Direct quotes come from quotation marks (``marks``), reported
speech from the parse: a speech verb with a clausal complement ("X said that ..."), or
"according to X, ...". A quote's words are the speaker's, never the outlet's: later stages read
``story.quotes`` to attribute hedges and figures inside them.
"""

from __future__ import annotations

import bisect
import hashlib

from spacy.tokens import Doc

from ..stage import story_stage
from ..docindex import doc_index
from ..entities.index import MentionIndex, mention_index
from ..model import Article, Evidence, Quote, Story
from ..settings import QuoteSettings
from .attribution import Speaker, colon_subject, resolve_speaker, speaker_subject, speech_verb_near
from .crossref import link_across_outlets
from .marks import find_quoted
from .reported import find_reported

__all__ = ["run", "extract_quotes", "quote_spans"]

DEFAULTS = QuoteSettings()  # the quotes section of the settings tree (storyline.settings)


@story_stage(fills=("quotes",), reads=("entities",))
def run(story: Story, articles: dict[str, Article], docs: dict[str, Doc], settings: QuoteSettings = DEFAULTS) -> None:
    """Story stage: fill story.quotes (needs story.entities for speaker ids, works without)."""
    index = mention_index(story)
    quotes: list[Quote] = []
    for aid in story.article_ids:
        if aid in docs:
            quotes.extend(extract_quotes(aid, docs[aid], index.get(aid, MentionIndex([], [])), settings))
    published = {aid: articles[aid].published for aid in story.article_ids if aid in articles}
    story.quotes = link_across_outlets(quotes, published, settings)


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every quoted stretch, marks included: what the outlet did not say itself."""
    return [(q.start, q.end) for q in find_quoted(text)]


def extract_quotes(article_id: str, doc: Doc, index: MentionIndex, settings: QuoteSettings = DEFAULTS) -> list[Quote]:
    """Direct and reported quotes of one parsed article, in text order."""
    text = doc_index(doc).text
    quoted = find_quoted(text)
    spans = [(q.start, q.end) for q in quoted]
    reported = [(start, end, resolve_speaker(doc, subject, index, spans, settings.salience_chars))
                for start, end, subject in find_reported(doc, spans, settings.min_reported_words)]
    said = SpeakerTrail([(end, speaker) for _, end, speaker in reported])  # who spoke last, where
    out: list[Quote] = []
    i = 0
    while i < len(quoted):
        q = quoted[i]
        parts = [q]
        verb = speech_verb_near(doc, q.start, q.end)
        # “part one,” she stated, “part two”: join when only an attribution stands between
        while i + 1 < len(quoted):
            nxt = quoted[i + 1]
            gap = text[q.end : nxt.start] if len(parts) == 1 else text[parts[-1].end : nxt.start]
            too_far = len(gap) > settings.max_split_gap_chars or len(gap.split()) > settings.max_split_gap_words or "\n" in gap
            if too_far or verb is None or not (parts[-1].end <= verb.idx < nxt.start):
                break
            parts.append(nxt)
            i += 1
        i += 1
        subject = colon_subject(doc, parts[0].start)  # "His deputy was blunter: “...”"
        if subject is None and verb is not None:
            subject = speaker_subject(verb)
        speaker = resolve_speaker(doc, subject, index, spans, settings.salience_chars) if subject is not None else None
        start, end = parts[0].inner[0], parts[-1].inner[1]
        words = sum(len(text[p.inner[0] : p.inner[1]].split()) for p in parts)
        if words < settings.min_words or (speaker is None and words < settings.min_unattributed_words):
            continue  # scare quotes ("a 'predator'") even after someone spoke
        if speaker is None:
            speaker = _continued_speaker(text, said, parts[0].start, settings)
        elif verb is not None:
            said.add(max(parts[-1].end, verb.idx), speaker)
        out.append(_quote(article_id, text, "direct", start, end, speaker,
                          [Evidence(article_id, p.inner[0], p.inner[1], text[p.inner[0] : p.inner[1]]) for p in parts]))
    for start, end, speaker in reported:
        out.append(_quote(article_id, text, "indirect", start, end, speaker, []))
    out.sort(key=lambda q: q.start)
    return out


class SpeakerTrail:
    """Who spoke where in one article (attributed quotes and reported statements), by offset."""

    def __init__(self, events: list[tuple[int, Speaker]]) -> None:
        self._events = sorted(events, key=lambda e: e[0])
        self._positions = [pos for pos, _ in self._events]

    def add(self, pos: int, speaker: Speaker) -> None:
        i = bisect.bisect_right(self._positions, pos)
        self._positions.insert(i, pos)
        self._events.insert(i, (pos, speaker))

    def last_before(self, offset: int) -> tuple[int, Speaker] | None:
        i = bisect.bisect_right(self._positions, offset) - 1
        return self._events[i] if i >= 0 else None


def _continued_speaker(text: str, said: SpeakerTrail, start: int, settings: QuoteSettings) -> Speaker | None:
    """The speaker an unattributed quote continues: whoever spoke last before it (a quote's
    attribution or a reported statement) in the same or the next paragraph, close by.

        "The community has spoken," Howard said. "Even though we are puzzled ..."   -> Howard
        Wood said he met Ben through his parents. "They are a very close family."     -> Wood
    """
    last = said.last_before(start)
    if last is None:
        return None
    pos, speaker = last
    gap = text[pos:start]
    if len(gap) > settings.continuation_chars or gap.count("\n") > settings.continuation_paragraphs:
        return None
    return speaker


def _quote(article_id: str, text: str, kind: str, start: int, end: int, speaker, parts: list[Evidence]) -> Quote:
    qid = "q-" + hashlib.sha1(f"{article_id}:{start}:{end}".encode()).hexdigest()[:10]
    return Quote(
        id=qid,
        text=text[start:end],
        kind=kind,  # type: ignore[arg-type]
        speaker_entity_id=speaker.entity_id if speaker else None,
        speaker_text=speaker.text if speaker else None,
        article_id=article_id,
        start=start,
        end=end,
        parts=parts if len(parts) > 1 else [],
        speaker_span=Evidence(article_id, speaker.start, speaker.end, speaker.text) if speaker else None,
    )
