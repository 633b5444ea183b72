"""Verbatim copies: sentence shingles, MinHash + LSH (datasketch) for candidates, token alignment to verify.

Every sentence is sketched once and looked up once in the LSH index, so the cost grows with the
number of sentences, not with the number of article pairs. A candidate sentence pair is kept only
when the alignment of its word lists agrees (rapidfuzz's Indel similarity: twice the longest common
word subsequence over all words, difflib's ratio computed exactly and in C++); matched sentences
become a passage only when they form a run (align.runs), so one shared stock sentence is never a copy.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datasketch import MinHash, MinHashLSH
from rapidfuzz.distance import Indel

from ..settings import ProvenanceSettings
from .align import runs
from .text import ArticleText, Unit

NUM_PERM = 128
SHINGLE = 2  # word pairs: a sentence with 4 of 20 words changed (the sentence_ratio edge) keeps Jaccard ~0.4
# 32 bands of 4 rows: a sentence pair becomes a candidate with probability 0.56 at Jaccard 0.4, 0.87 at
# 0.5, 0.98 at 0.6, but only 0.06 at 0.25 (two sentences sharing a stock phrase), so stock phrasing
# does not flood the candidates (datasketch's own choice for a 0.4 threshold, 16x4, finds 0.34 at 0.4)
LSH_BANDS = (32, 4)
DEFAULTS = ProvenanceSettings()  # the provenance section of the settings tree (storyline.settings)

PairMatches = dict[tuple[str, str], dict[tuple[int, int], float]]


@dataclass(slots=True)
class Passage:
    """A matched stretch: sentence ranges in a and b, with character spans and a similarity."""

    a_id: str
    b_id: str
    a_span: tuple[int, int]
    b_span: tuple[int, int]
    a_units: tuple[int, int]
    b_units: tuple[int, int]
    similarity: float
    pairs: list[tuple[int, int]] = field(default_factory=list)  # matched sentences (unit in a, unit in b)


def shingles(tokens: list[str], k: int = SHINGLE) -> set[bytes]:
    if len(tokens) < k:
        return {" ".join(tokens).encode()}
    return {" ".join(tokens[i : i + k]).encode() for i in range(len(tokens) - k + 1)}


def token_ratio(a: list[str], b: list[str]) -> float:
    """Similarity of two word lists: 2 * words in their longest common subsequence / all words."""
    return Indel.normalized_similarity(a, b)


def verified_ratio(a: list[str], b: list[str], floor: float = DEFAULTS.sentence_ratio) -> float:
    """token_ratio, or 0.0 when it falls below ``floor`` (rapidfuzz stops early once it cannot reach it).

    Most LSH candidates share a stock phrase and little else.
    """
    return Indel.normalized_similarity(a, b, score_cutoff=floor)


def candidate_pairs(articles: list[ArticleText], s: ProvenanceSettings = DEFAULTS) -> PairMatches:
    """Verified verbatim sentence pairs per article pair, keyed (earlier input, later input)."""
    lsh = MinHashLSH(num_perm=NUM_PERM, params=LSH_BANDS)
    template = MinHash(NUM_PERM, seed=7)
    where: list[tuple[int, int]] = []  # LSH key -> (article index, unit index)
    found: PairMatches = defaultdict(dict)
    for ai, article in enumerate(articles):
        keyed = []
        for unit in article.units:
            if len(unit.tokens) < s.min_sentence_words:
                continue
            m = MinHash(NUM_PERM, permutations=template.permutations, scheme=template.scheme)
            m.update_batch(list(shingles(unit.tokens)))
            hits = [where[k] for k in lsh.query(m)]
            if len({h[0] for h in hits}) <= s.max_candidates:
                for bi, uj in hits:
                    if bi == ai:
                        continue
                    other = articles[bi].units[uj]
                    r = verified_ratio(other.tokens, unit.tokens, s.sentence_ratio)
                    if r >= s.sentence_ratio:
                        found[(articles[bi].id, article.id)][(uj, unit.index)] = r
            keyed.append((unit, m))
        for unit, m in keyed:  # after the article's own queries: never match a sentence with itself
            lsh.insert(len(where), m, check_duplication=False)
            where.append((ai, unit.index))
    return found


def passage_tokens(units: list[Unit], lo: int, hi: int) -> list[str]:
    return [t for u in units[lo : hi + 1] for t in u.tokens]


def passages(
    a: ArticleText, b: ArticleText, matches: dict[tuple[int, int], float], *,
    single_ok: int | None = DEFAULTS.long_sentence_words,
) -> list[Passage]:
    """Runs of matched sentences between a and b as passages; a lone sentence only if ``single_ok`` words long.

    A run counts its sentences on the side with fewer: one sentence matching two near-identical
    sentences of the other article (a standfirst repeated in the body) is still one sentence.
    """
    out = []
    for run in runs(matches):
        (a0, a1), (b0, b1) = run.a_range, run.b_range
        if run.shorter < 2 and (single_ok is None or len(a.units[a0].tokens) < single_ok):
            continue
        ta, tb = passage_tokens(a.units, a0, a1), passage_tokens(b.units, b0, b1)
        out.append(
            Passage(a.id, b.id, (a.units[a0].start, a.units[a1].end), (b.units[b0].start, b.units[b1].end),
                    (a0, a1), (b0, b1), round(token_ratio(ta, tb), 3), [(p[0], p[1]) for p in run.pairs])
        )
    return out


def find_verbatim(articles: list[ArticleText], s: ProvenanceSettings = DEFAULTS) -> list[Passage]:
    """All verbatim passages among the articles."""
    by_id = {a.id: a for a in articles}
    out: list[Passage] = []
    for (aid, bid), matches in candidate_pairs(articles, s).items():
        out.extend(passages(by_id[aid], by_id[bid], matches, single_ok=s.long_sentence_words))
    return out
