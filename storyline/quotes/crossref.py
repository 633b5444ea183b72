"""The same quote in several outlets is one quote: exact or near-exact matches become also_in.

Candidates come from an index of word 4-gram shingles (never all pairs); a candidate pair is
verified with rapidfuzz (omitted phrases and different punctuation still match). A quote whose
outlets name different speakers is flagged in conflicting_speakers.
"""

from __future__ import annotations

import re
from collections import defaultdict

from rapidfuzz import fuzz

from ..model import Evidence, Quote
from ..settings import QuoteSettings

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


def link_across_outlets(quotes: list[Quote], published: dict[str, str | None], settings: QuoteSettings = DEFAULTS) -> list[Quote]:
    """Merge copies of one quote from different articles into the earliest-published one."""
    index: dict[str, list[int]] = defaultdict(list)
    parent = list(range(len(quotes)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, q in enumerate(quotes):
        if q.kind != "direct":
            continue
        keys = _keys(_words(q.text), settings.shingle_words)
        candidates = {j for key in keys for j in index.get(key, [])}
        for j in sorted(candidates):
            other = quotes[j]
            if other.article_id != q.article_id and find(i) != find(j) and same_quote(q.text, other.text, settings):
                parent[find(i)] = find(j)
        for key in keys:
            index[key].append(i)

    groups: dict[int, list[Quote]] = defaultdict(list)
    for i, q in enumerate(quotes):
        groups[find(i)].append(q)
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
