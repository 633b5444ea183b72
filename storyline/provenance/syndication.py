"""Whole-article near-duplicates: one outlet running another's article with light edits.

Each article is sketched once (word 3-shingles of its whole text) into an LSH index; candidates
are verified by aligning the two word lists.
"""

from __future__ import annotations

from datasketch import MinHash, MinHashLSH

from ..settings import ProvenanceSettings
from .copies import DEFAULTS, Passage, shingles, token_ratio
from .text import WORD, ArticleText

NUM_PERM = 64
SHINGLE = 3  # whole articles: word triples


def _words(text: str) -> list[str]:
    return [m.group().lower() for m in WORD.finditer(text)]


def _body(a: ArticleText) -> tuple[int, int]:
    """The span from the first to the last sentence."""
    if not a.sentences:
        return 0, len(a.text)
    return a.sentences[0][0], a.sentences[-1][1]


def find_syndicated(articles: list[ArticleText], s: ProvenanceSettings = DEFAULTS) -> list[Passage]:
    """One whole-text passage per pair of near-identical articles."""
    lsh = MinHashLSH(threshold=s.syndicated_lsh_threshold, num_perm=NUM_PERM)
    template = MinHash(NUM_PERM, seed=11)
    words: dict[int, list[str]] = {}
    out = []
    for ai, article in enumerate(articles):
        w = _words(article.text)
        if len(w) < s.syndicated_min_words:
            continue
        m = MinHash(NUM_PERM, permutations=template.permutations, scheme=template.scheme)
        m.update_batch(list(shingles(w, SHINGLE)))
        for bi in lsh.query(m):
            r = token_ratio(words[bi], w)
            if r >= s.syndicated_min_ratio:
                other = articles[bi]
                out.append(Passage(other.id, article.id, _body(other), _body(article),
                                   (0, len(other.units) - 1), (0, len(article.units) - 1), round(r, 3)))
        lsh.insert(ai, m)
        words[ai] = w
    return out
