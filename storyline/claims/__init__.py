"""Claims: numeric figures with what they count, who states them, and how outlets disagree.

``run`` fills ``story.claims`` (every figure, with its qualifier, unit, subject, time and the
exact span it came from) and ``story.conflicts`` (for each subject two or more articles give a
figure for: agreement, discrepancy or contradiction, each side with its outlets and speaker).
Figures inside quotes or reported speech are the speaker's, never the outlet's.
"""

from __future__ import annotations

import hashlib

from spacy.tokens import Doc

from ..stage import story_stage
from ..docindex import doc_index
from ..model import Article, Claim, Story
from ..settings import ClaimSettings
from .attribution import QuoteIndex, is_quoted, marks_index, quote_indexes
from .compare import Measured, compare, dimension
from .numbers import CURRENCIES, PERCENT_WORDS, Quantity, find_quantities
from .subjects import subject_of, time_of

__all__ = ["run", "extract_claims", "is_quoted"]

CONTENT_POS = ("NOUN", "PROPN", "VERB", "ADJ", "NUM")
DEFAULTS = ClaimSettings()  # the claims section of the settings tree (storyline.settings)


@story_stage(fills=("claims", "conflicts"), reads=("entities", "quotes"))
def run(story: Story, articles: dict[str, Article], docs: dict[str, Doc], settings: ClaimSettings = DEFAULTS) -> None:
    """Story stage: fill story.claims and story.conflicts (uses story.quotes/entities when present)."""
    quotes = quote_indexes(story.quotes) if story.quotes else {}
    links = _entity_links(story)
    measured: list[Measured] = []
    for aid in story.article_ids:
        doc = docs.get(aid)
        if doc is None:
            continue
        index = quotes.get(aid, QuoteIndex([], [])) if story.quotes else marks_index(doc_index(doc).text)
        found = extract_claims(aid, doc, index, links.get(aid, {}), settings)
        published = articles[aid].published if aid in articles else None
        for m in found:
            m.reported = (published or "")[:10] or None  # the day the outlet reported it, when stated
        measured.extend(found)
    story.claims = [m.claim for m in measured]
    story.conflicts = compare(measured, settings.about_tolerance, settings)


def _entity_links(story: Story) -> dict[str, dict[tuple[int, int], str]]:
    """Per article: mention span -> the entity's canonical name (so "US" and "U.S." compare)."""
    out: dict[str, dict[tuple[int, int], str]] = {}
    for e in story.entities:
        for m in e.mentions:
            out.setdefault(m.article_id, {})[(m.start, m.end)] = e.name.lower()
    return out


def _token_links(doc: Doc, spans: dict[tuple[int, int], str]) -> dict[int, str]:
    out: dict[int, str] = {}
    for (start, end), name in spans.items():
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            for tok in span:
                out[tok.idx] = name
    return out


def extract_claims(article_id: str, doc: Doc, quotes: QuoteIndex, links: dict[tuple[int, int], str] | None = None,
                   settings: ClaimSettings = DEFAULTS) -> list[Measured]:
    """Every figure of one parsed article as a Claim, with its subject key for comparison."""
    token_links = _token_links(doc, links or {})
    text = doc_index(doc).text
    out: list[Measured] = []
    for q in find_quantities(doc):
        subject = subject_of(doc, q, token_links)
        if subject.hypothetical or subject.attribution or not subject.head and subject.unit is None:
            continue  # a possibility, who told the outlet, or a number that counts nothing we can name
        start, end = _span(doc, q, subject.tokens, settings.max_span_tokens)
        quoted, speaker, speaker_words = quotes.find(doc[q.start].idx, doc[q.end - 1].idx + len(doc[q.end - 1]))
        time_text, when = time_of(doc, q, subject.tokens)
        cid = "n-" + hashlib.sha1(f"{article_id}:{start}:{end}".encode()).hexdigest()[:10]
        claim = Claim(cid, subject.display, q.value, subject.unit, q.qualifier, time_text, text[start:end],
                      article_id, start, end, speaker if quoted else None, quoted=quoted,
                      speaker_text=speaker_words if quoted else None)
        words = _context(doc, q, subject.head, settings.context_window) | subject.mods  # a borrowed noun's too
        out.append(Measured(claim, subject.key, subject.mods, quoted, when, words, dimension(subject.unit), subject.scope))
    return out


def _context(doc: Doc, q: Quantity, head: str, window: int) -> frozenset[str]:
    """Content words around a figure inside its sentence: what two outlets' figures of one thing share."""
    sent = doc_index(doc).sent(q.start)
    lo, hi = max(sent.start, q.start - window), min(sent.end, q.end + window)
    return frozenset(t.lemma_.lower() for t in doc[lo:hi] if not q.start <= t.i < q.end and t.is_alpha
                     and not t.is_stop and t.pos_ in CONTENT_POS and t.lemma_.lower() != head)


def _span(doc: Doc, q: Quantity, tokens: list[int], max_tokens: int) -> tuple[int, int]:
    """Character span of the figure with its qualifier, counted noun and verb, kept inside its sentence."""
    sent = doc_index(doc).sent(q.start)
    lo, hi = q.qualifier_start, q.end - 1
    if q.end < len(doc) and (doc[q.end].lower_ in PERCENT_WORDS or doc[q.end].lemma_.lower() in CURRENCIES):
        hi = q.end  # "60 percent", "3 million dollars": the unit belongs to the figure
    near = [i for i in tokens if sent.start <= i < sent.end]
    if near:
        wide_lo, wide_hi = min(lo, *near), max(hi, *near)
        if wide_hi - wide_lo < max_tokens:
            lo, hi = wide_lo, wide_hi
    return doc[lo].idx, doc[hi].idx + len(doc[hi])
