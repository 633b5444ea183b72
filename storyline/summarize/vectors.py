"""Sentence vectors for a story: TF-IDF over content lemmas, a centroid, and a rare-lemma index.

Everything is linear in the number of sentences: centrality is a dot product with the centroid,
and "similar sentences" come from an inverted index over each sentence's rarest lemmas.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..docindex import doc_index
from ..model import Article



@dataclass(slots=True)
class Row:
    article_id: str
    start: int
    end: int
    text: str
    lemmas: set[str]
    vector: dict[str, float] = field(default_factory=dict)


@dataclass(slots=True)
class SentenceTable:
    rows: list[Row]
    centroid: dict[str, float]
    index: dict[str, list[int]]
    article_text: dict[str, str]

    def centrality(self, i: int) -> float:
        return _dot(self.rows[i].vector, self.centroid)

    def similarity(self, i: int, j: int) -> float:
        return _dot(self.rows[i].vector, self.rows[j].vector)

    def similar(self, i: int, threshold: float) -> list[int]:
        """Rows sharing a rare lemma with row i whose cosine reaches the threshold, best first."""
        candidates = {j for lemma in self.rows[i].lemmas for j in self.index.get(lemma, []) if j != i}
        scored = [(self.similarity(i, j), j) for j in candidates]
        return [j for s, j in sorted(scored, reverse=True) if s >= threshold]


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def _content_lemmas(span) -> list[str]:
    return [t.lemma_.lower() for t in span if t.is_alpha and not t.is_stop and t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ", "NUM")] + \
        [t.text for t in span if t.like_num]


def build_table(articles: list[Article], docs: dict[str, Doc], quoted: dict[str, list[tuple[int, int]]],
                *, min_words: int, index_lemmas: int) -> SentenceTable:
    """Sentences of the articles (outside direct quotes and headlines) with TF-IDF vectors."""
    rows: list[Row] = []
    df: Counter[str] = Counter()
    counts: list[Counter[str]] = []
    for article in articles:
        doc = docs[article.id]
        spans = quoted.get(article.id, [])
        title = (article.title or "").strip()
        for sent in doc_index(doc).sents:
            text = sent.text.strip()
            if len(text.split()) < min_words or text == title or text.endswith("?") or text[-1:] not in ".!\"”":
                continue
            inside = sum(max(0, min(sent.end_char, b) - max(sent.start_char, a)) for a, b in spans)
            if inside > 0.3 * len(text):
                continue  # a speaker's words, not the outlet's reporting
            lemmas = _content_lemmas(sent)
            if not lemmas:
                continue
            start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
            rows.append(Row(article.id, start, start + len(text), text, set(lemmas)))
            counts.append(Counter(lemmas))
            df.update(set(lemmas))
    n = len(rows)
    centroid: dict[str, float] = defaultdict(float)
    for row, c in zip(rows, counts):
        vec = {w: tf * math.log((1 + n) / (1 + df[w])) for w, tf in c.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        row.vector = {w: v / norm for w, v in vec.items()}
        for w, v in row.vector.items():
            centroid[w] += v / max(n, 1)
    cnorm = math.sqrt(sum(v * v for v in centroid.values())) or 1.0
    index: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        for lemma in sorted(row.lemmas, key=lambda w: (df[w], w))[:index_lemmas]:
            index[lemma].append(i)
    return SentenceTable(rows, {w: v / cnorm for w, v in centroid.items()}, dict(index),
                         {a.id: a.clean_text for a in articles})
