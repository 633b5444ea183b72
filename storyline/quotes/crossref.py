"""The same quote in several outlets is one quote: exact or near-exact matches become also_in.

Direct quotes: candidates come from an index of word 4-gram shingles (never all pairs); a
candidate pair is verified with rapidfuzz (omitted phrases and different punctuation still match).
Reported speech is paraphrased, so shingles miss it: candidates are the statements of one speaker
entity in other outlets, verified by order-insensitive wording. A quote whose outlets name
different speakers is flagged in conflicting_speakers.
"""

from __future__ import annotations

import re
from collections import defaultdict

from rapidfuzz import fuzz

from ..model import Evidence, Quote
from ..settings import QuoteSettings
from ..unionfind import DisjointSet

DEFAULTS = QuoteSettings()

_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _keys(words: list[str], shingle: int) -> set[str]:
    if len(words) < shingle:
        return {" ".join(words)}
    return {" ".join(words[i : i + shingle]) for i in range(len(words) - shingle + 1)}


def same_quote(a: str, b: str, settings: QuoteSettings = DEFAULTS) -> bool:
    wa, wb = _words(a), _words(b)
    if wa == wb:
        return True
    if min(len(wa), len(wb)) < settings.min_words_for_containment:
        return False
    return fuzz.token_set_ratio(" ".join(wa), " ".join(wb)) >= settings.same_quote_ratio


def same_statement(a: str, b: str, settings: QuoteSettings = DEFAULTS) -> bool:
    """One speaker's reported statement in two outlets' words: paraphrase and a different tail
    allowed ("... even if only marginally" / "... though diplomats remain skeptical"), as long as
    both say enough to compare and most of their words are shared (order-insensitive)."""
    wa, wb = _words(a), _words(b)
    if min(len(wa), len(wb)) < settings.min_words_for_containment:
        return wa == wb
    return fuzz.token_set_ratio(" ".join(wa), " ".join(wb)) >= settings.same_statement_ratio


def speaker_key(q: Quote) -> str | None:
    """Who a reported statement is blocked under: the speaker entity, else the words naming an
    unnamed source ("one US official", "two sources"), which outlets copying a report repeat."""
    if q.speaker_entity_id:
        return q.speaker_entity_id
    words = _words(q.speaker_text or "")
    return "words:" + " ".join(words) if len(words) >= 2 else None


def link_across_outlets(quotes: list[Quote], published: dict[str, str | None], settings: QuoteSettings = DEFAULTS) -> list[Quote]:
    """Merge copies of one quote from different articles into the earliest-published one."""
    index: dict[str, list[int]] = defaultdict(list)
    sets = DisjointSet(len(quotes))

    by_speaker: dict[str, list[int]] = defaultdict(list)
    for i, q in enumerate(quotes):
        if q.kind != "direct":
            key = speaker_key(q)
            if key:
                by_speaker[key].append(i)
            continue
        keys = _keys(_words(q.text), settings.shingle_words)
        candidates = {j for key in keys for j in index.get(key, [])}
        for j in sorted(candidates):
            other = quotes[j]
            if other.article_id != q.article_id and not sets.same(i, j) and same_quote(q.text, other.text, settings):
                sets.union(j, i)
        for key in keys:
            index[key].append(i)

    for said in by_speaker.values():  # reported speech: blocked by speaker, verified by wording
        for a, i in enumerate(said):
            for j in said[:a]:
                if quotes[i].article_id != quotes[j].article_id and not sets.same(i, j) \
                        and same_statement(quotes[i].text, quotes[j].text, settings):
                    sets.union(j, i)

    groups: dict[int, list[Quote]] = defaultdict(list)
    for i, q in enumerate(quotes):
        groups[sets.find(i)].append(q)
    out: list[Quote] = []
    for members in groups.values():
        members.sort(key=lambda q: (published.get(q.article_id) is None, published.get(q.article_id) or "", q.article_id, q.start))
        primary = members[0]
        for other in members[1:]:
            primary.also_in.append(Evidence(other.article_id, other.start, other.end, other.text))
        if primary.speaker_entity_id is None:
            named = next((q for q in members if q.speaker_entity_id), None)
            if named is not None:
                primary.speaker_entity_id = named.speaker_entity_id
        speakers = {q.speaker_entity_id for q in members if q.speaker_entity_id}
        if len(speakers) > 1:
            primary.conflicting_speakers = sorted(speakers)
        out.append(primary)
    out.sort(key=lambda q: (q.article_id, q.start))
    return out
