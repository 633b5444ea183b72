"""Rewritten passages: same facts in the same order, most words changed.

Blocking first: sentences that share at least two of their rarest content stems (names, figures,
uncommon words survive a rewrite) become candidate pairs, through an inverted index with capped
posting lists, so nothing is compared with everything. Only article pairs with a candidate that the
embeddings confirm are looked at closely: there every sentence pair whose cosine stands out from
the rest of both articles is a match, and matches form a passage only as a run of consecutive
sentences (align.runs), so one shared sentence is never a rewritten passage.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

import numpy as np

from .align import runs
from .copies import MIN_TOKENS, Passage
from .embedder import Embedder
from .text import ArticleText, Unit, content_stems

PREFIX = 8  # rarest stems per sentence that go into the index
MIN_SHARED = 2  # shared rare stems for a candidate pair
MAX_POSTING = 100  # a stem in more sentences than this is too common to block on
SEED_COS = 0.6  # cosine of two sentences that say the same thing in other words
MARGIN = 0.1  # ... and stand out from every other sentence of the two articles by this much
MIN_MEAN_COS = 0.6  # a passage's mean cosine
MIN_PASSAGE_TOKENS = 20  # words on each side of a passage

SENTENCE_END = set('.!?…"”’)\'')

Ref = tuple[int, int]  # (article index, unit index)


def eligible(unit: Unit) -> bool:
    return len(unit.tokens) >= MIN_TOKENS


def is_sentence(text: str, unit: Unit) -> bool:
    """A full sentence, not a headline or caption (those restate the story in every report)."""
    return text[unit.start : unit.end].rstrip()[-1:] in SENTENCE_END


def blocked_pairs(articles: list[ArticleText], covered: set[tuple[str, int]] = frozenset()) -> set[tuple[Ref, Ref]]:
    """Sentence pairs from different articles that share >= MIN_SHARED of their rarest stems.

    Sentences in ``covered`` (article id, unit index) are already part of a verbatim copy: they
    need no embedding, which is where this path spends its time.
    """
    stems: dict[Ref, set[str]] = {}
    df: Counter[str] = Counter()
    for ai, a in enumerate(articles):
        for u in a.units:
            if eligible(u) and (a.id, u.index) not in covered:
                s = content_stems(u.tokens)
                stems[(ai, u.index)] = s
                df.update(s)
    postings: dict[str, list[Ref]] = defaultdict(list)
    for ref, s in stems.items():
        keys = sorted((k for k in s if 2 <= df[k] <= MAX_POSTING), key=lambda k: (df[k], k))[:PREFIX]
        for k in keys:
            postings[k].append(ref)
    shared: Counter[tuple[Ref, Ref]] = Counter()
    for refs in postings.values():
        for x in range(len(refs)):
            for y in range(x + 1, len(refs)):
                if refs[x][0] != refs[y][0]:
                    shared[(refs[x], refs[y])] += 1
    return {pair for pair, n in shared.items() if n >= MIN_SHARED}


class VectorCache:
    """Embeds sentences on demand, in batches, each at most once."""

    def __init__(self, articles: list[ArticleText], embedder: Embedder) -> None:
        self.articles = articles
        self.embedder = embedder
        self.vectors: dict[Ref, np.ndarray] = {}

    def text(self, ref: Ref) -> str:
        a = self.articles[ref[0]]
        u = a.units[ref[1]]
        return " ".join(a.text[u.start : u.end].split())

    def ensure(self, refs: Iterable[Ref]) -> None:
        todo = sorted({r for r in refs if r not in self.vectors})
        if todo:
            for ref, vec in zip(todo, self.embedder.encode([self.text(r) for r in todo]), strict=True):
                self.vectors[ref] = vec

    def cos(self, x: Ref, y: Ref) -> float:
        return float(self.vectors[x] @ self.vectors[y])


def _article_vectors(cache: VectorCache, ai: int) -> tuple[list[int], np.ndarray]:
    """Unit indices of the article's eligible sentences and their vectors (rows)."""
    units = [u.index for u in cache.articles[ai].units if eligible(u) and is_sentence(cache.articles[ai].text, u)]
    cache.ensure((ai, i) for i in units)
    return units, np.array([cache.vectors[(ai, i)] for i in units]).reshape(len(units), -1)


def distinctive_pairs(m: np.ndarray) -> list[tuple[int, int]]:
    """Cells that are a good match and clearly better than anything else in their row and column.

    Two reports of one story say similar things all along; a rewritten sentence is the one
    counterpart that stands out (MARGIN above the next best in both articles).
    """
    out = []
    if m.shape[0] < 1 or m.shape[1] < 1:
        return out
    for i, j in zip(*np.nonzero(m >= SEED_COS), strict=True):
        row = np.delete(m[i], j)
        col = np.delete(m[:, j], i)
        second = max(row.max() if row.size else 0.0, col.max() if col.size else 0.0)
        if m[i, j] - second >= MARGIN:
            out.append((int(i), int(j)))
    return out


def _merges(cache: VectorCache, ai: int, bi: int, ua: list[int], ub: list[int], m: np.ndarray,
            strong: list[tuple[int, int]]) -> dict[tuple[int, int], float]:
    """Sentences split or merged by the rewrite: one sentence matching two adjacent ones together better."""
    out: dict[tuple[int, int], float] = {}
    for i, j in strong:
        for side, (x, y) in (("b", (i, j + 1)), ("b", (i, j - 1)), ("a", (i + 1, j)), ("a", (i - 1, j))):
            if not (0 <= x < m.shape[0] and 0 <= y < m.shape[1]) or m[x, y] < SEED_COS:
                continue
            # the extra sentence must have no better counterpart elsewhere in the other article
            if (side == "b" and int(m[:, y].argmax()) != i) or (side == "a" and int(m[x, :].argmax()) != j):
                continue
            lone, pair = (cache.text((ai, ua[i])), [(bi, ub[j]), (bi, ub[y])]) if side == "b" else \
                (cache.text((bi, ub[j])), [(ai, ua[i]), (ai, ua[x])])
            joined = " ".join(cache.text(r) for r in sorted(pair))
            v = cache.embedder.encode([lone, joined])
            if float(v[0] @ v[1]) >= m[i, j]:
                out[(ua[x], ub[y])] = float(m[x, y])
    return out


def matched_pairs(articles: list[ArticleText], embedder: Embedder, covered: set[tuple[str, int]] = frozenset()
                  ) -> dict[tuple[int, int], dict[tuple[int, int], float]]:
    """Distinctive sentence pairs per article pair (article indices), for article pairs that blocking found."""
    cache = VectorCache(articles, embedder)
    candidates = blocked_pairs(articles, covered)
    cache.ensure(r for p in candidates for r in p)
    pairs = sorted({(x[0], y[0]) for x, y in candidates if cache.cos(x, y) >= SEED_COS})
    out: dict[tuple[int, int], dict[tuple[int, int], float]] = {}
    for ai, bi in pairs:
        ua, va = _article_vectors(cache, ai)
        ub, vb = _article_vectors(cache, bi)
        if not ua or not ub:
            continue
        m = va @ vb.T
        strong = distinctive_pairs(m)
        if not strong:
            continue
        found = {(ua[i], ub[j]): float(m[i, j]) for i, j in strong}
        found.update(_merges(cache, ai, bi, ua, ub, m, strong))
        out[(ai, bi)] = found
    return out


def find_rewritten(articles: list[ArticleText], embedder: Embedder, covered: set[tuple[str, int]] = frozenset()
                   ) -> list[Passage]:
    """Rewritten passages among the articles: runs of at least two distinctive sentence matches
    (sentences already in a verbatim copy, ``covered``, do not seed a candidate)."""
    out = []
    for (ai, bi), matches in matched_pairs(articles, embedder, covered).items():
        a, b = articles[ai], articles[bi]
        for run in runs(matches):
            (a0, a1), (b0, b1) = run.a_range, run.b_range
            if run.size < 2 or run.mean < MIN_MEAN_COS:
                continue
            if min(sum(len(u.tokens) for u in a.units[a0 : a1 + 1]),
                   sum(len(u.tokens) for u in b.units[b0 : b1 + 1])) < MIN_PASSAGE_TOKENS:
                continue
            out.append(Passage(a.id, b.id, (a.units[a0].start, a.units[a1].end), (b.units[b0].start, b.units[b1].end),
                               (a0, a1), (b0, b1), round(run.mean, 3)))
    return out
