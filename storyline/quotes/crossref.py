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

SHINGLE = 4
MIN_MATCH = 90  # token-set similarity (0-100) for "the same quote"
MIN_WORDS_FOR_CONTAINMENT = 5  # a shorter fragment must match exactly

_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _keys(words: list[str]) -> set[str]:
    if len(words) < SHINGLE:
        return {" ".join(words)}
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def same_quote(a: str, b: str) -> bool:
    wa, wb = _words(a), _words(b)
    if wa == wb:
        return True
    if min(len(wa), len(wb)) < MIN_WORDS_FOR_CONTAINMENT:
        return False
    return fuzz.token_set_ratio(" ".join(wa), " ".join(wb)) >= MIN_MATCH


def link_across_outlets(quotes: list[Quote], published: dict[str, str | None]) -> list[Quote]:
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
        candidates = {j for key in _keys(_words(q.text)) for j in index.get(key, [])}
        for j in sorted(candidates):
            other = quotes[j]
            if other.article_id != q.article_id and find(i) != find(j) and same_quote(q.text, other.text):
                parent[find(i)] = find(j)
        for key in _keys(_words(q.text)):
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
