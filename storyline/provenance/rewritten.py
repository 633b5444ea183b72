"""Rewritten passages: same facts in the same order, most words changed.

Blocking first: sentences that share at least two of their rarest content stems (names, figures,
uncommon words survive a rewrite) become candidate pairs, through an inverted index with capped
posting lists, so nothing is compared with everything. Only candidate sentences are embedded: a
sentence that shares no rare stems with a sentence of another article has no rewrite partner.
Sentences that are verbatim copies of each other (a family, see ``families``) are indexed and
embedded once, through one representative, and share its vector.

For each article pair with a candidate that the embeddings confirm, a candidate sentence pair whose
cosine stands out from the other embedded sentences of both articles (the sentences around it are
embedded for this) seeds a match. From a seed, the alignment follows consecutive sentences,
embedding them then, since the rest of a rewritten paragraph need not share rare words. Matches
form a passage only as a run of consecutive sentences (align.runs), so one shared sentence is
never a passage. Everything is embedded in a few batches, not sentence by sentence.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

import numpy as np

from .align import MAX_STEP, runs
from ..settings import ProvenanceSettings
from .copies import DEFAULTS, Passage
from .embedder import Embedder
from .text import STOPWORDS, ArticleText, Unit, content_stems

# where the next matched sentence pair of a passage may sit, relative to a match (align.MAX_STEP apart at most)
STEPS = [(s * di, s * dj) for s in (1, -1) for di in range(1, MAX_STEP + 1) for dj in range(1, MAX_STEP + 1)]

SENTENCE_END = set('.!?…"”’)\'')

Ref = tuple[int, int]  # (article index, unit index)
Families = Mapping[tuple[str, int], tuple[str, int]]  # (article id, unit) -> its family's representative


def eligible(unit: Unit, min_words: int = DEFAULTS.min_sentence_words) -> bool:
    return len(unit.tokens) >= min_words


def is_sentence(text: str, unit: Unit) -> bool:
    """A full sentence, not a headline or caption (those restate the story in every report)."""
    return text[unit.start : unit.end].rstrip()[-1:] in SENTENCE_END


class Representatives:
    """Maps every sentence to the one that stands for its verbatim family (itself when it has none)."""

    def __init__(self, articles: list[ArticleText], families: Families) -> None:
        index = {a.id: ai for ai, a in enumerate(articles)}
        self.rep: dict[Ref, Ref] = {}
        self.members: dict[Ref, list[Ref]] = defaultdict(list)
        for (aid, ui), (rid, ri) in sorted(families.items()):
            if aid in index and rid in index:
                ref, rep = (index[aid], ui), (index[rid], ri)
                self.rep[ref] = rep
                self.members[rep].append(ref)

    def __call__(self, ref: Ref) -> Ref:
        return self.rep.get(ref, ref)

    def family(self, rep: Ref) -> list[Ref]:
        """The sentences a representative stands for (itself included)."""
        return self.members.get(rep) or [rep]


def blocked_pairs(articles: list[ArticleText], rep: Representatives | None = None,
                  s: ProvenanceSettings = DEFAULTS) -> set[tuple[Ref, Ref]]:
    """Pairs of sentences (representatives) from different articles sharing >= min_shared_stems of their rarest stems.

    A verbatim family is indexed once, through its representative: its copies would otherwise
    fill the posting lists of its own words.
    """
    rep = rep or Representatives(articles, {})
    stems: dict[Ref, set[str]] = {}
    df: Counter[str] = Counter()
    for ai, a in enumerate(articles):
        for u in a.units:
            if eligible(u, s.min_sentence_words) and rep((ai, u.index)) == (ai, u.index):
                found = content_stems(u.tokens)
                stems[(ai, u.index)] = found
                df.update(found)
    postings: dict[str, list[Ref]] = defaultdict(list)
    for ref, own in stems.items():
        keys = sorted((k for k in own if 2 <= df[k] <= s.max_posting), key=lambda k: (df[k], k))[:s.rare_stems_per_sentence]
        for k in keys:
            postings[k].append(ref)
    shared: Counter[tuple[Ref, Ref]] = Counter()
    for refs in postings.values():
        for x in range(len(refs)):
            for y in range(x + 1, len(refs)):
                if refs[x][0] != refs[y][0]:
                    shared[(refs[x], refs[y])] += 1
    return {pair for pair, n in shared.items() if n >= s.min_shared_stems}


class VectorCache:
    """Embeds sentences on demand, in batches, each family at most once (through its representative)."""

    def __init__(self, articles: list[ArticleText], embedder: Embedder, rep: Representatives,
                 settings: ProvenanceSettings = DEFAULTS) -> None:
        self.articles = articles
        self.settings = settings  # the thresholds every step of the search reads
        self.embedder = embedder
        self.rep = rep
        self.vectors: dict[Ref, np.ndarray] = {}

    def text(self, ref: Ref) -> str:
        a = self.articles[ref[0]]
        u = a.units[ref[1]]
        return " ".join(a.text[u.start : u.end].split())

    def ensure(self, refs: Iterable[Ref]) -> None:
        todo = sorted({self.rep(r) for r in refs} - self.vectors.keys())
        if todo:
            for ref, vec in zip(todo, self.embedder.encode([self.text(r) for r in todo]), strict=True):
                self.vectors[ref] = vec

    def has(self, ref: Ref) -> bool:
        return self.rep(ref) in self.vectors

    def vec(self, ref: Ref) -> np.ndarray:
        return self.vectors[self.rep(ref)]

    def cos(self, x: Ref, y: Ref) -> float:
        return float(self.vec(x) @ self.vec(y))

    def matrix(self, ai: int, units: list[int]) -> np.ndarray:
        return np.array([self.vec((ai, i)) for i in units]).reshape(len(units), -1)


def sentence_units(article: ArticleText, min_words: int = DEFAULTS.min_sentence_words) -> list[int]:
    """Units that can be part of a rewritten passage: long enough, and full sentences."""
    return [u.index for u in article.units if eligible(u, min_words) and is_sentence(article.text, u)]


def distinctive_pairs(m: np.ndarray, seed: float = DEFAULTS.seed_cosine, margin: float = DEFAULTS.margin) -> list[tuple[int, int]]:
    """Cells that are a good match and clearly better than anything else in their row and column.

    Two reports of one story say similar things all along; a rewritten sentence is the one
    counterpart that stands out (``margin`` above the next best in both articles).
    """
    out: list[tuple[int, int]] = []
    if m.shape[0] < 1 or m.shape[1] < 1:
        return out
    for i, j in zip(*np.nonzero(m >= seed), strict=True):
        row = np.delete(m[i], j)
        col = np.delete(m[:, j], i)
        second = max(row.max() if row.size else 0.0, col.max() if col.size else 0.0)
        if m[i, j] - second >= margin:
            out.append((int(i), int(j)))
    return out


def usable(article: ArticleText, ui: int, min_words: int = DEFAULTS.min_sentence_words) -> bool:
    """Unit ui exists, is long enough and is a full sentence."""
    return 0 <= ui < len(article.units) and eligible(article.units[ui], min_words) and is_sentence(article.text, article.units[ui])


@dataclass(slots=True)
class PairState:
    """What is known of one article pair: its seed sentences, its matches, and matches not yet followed."""

    ua: list[int]  # embedded sentences of a (the rivals a match must stand out from)
    ub: list[int]
    found: dict[tuple[int, int], float]
    strong: list[tuple[int, int, float]]
    frontier: list[tuple[int, int]] = field(default_factory=list)


def _stands_out(cache: VectorCache, ai: int, bi: int, x: int, y: int, ua: list[int], ub: list[int]) -> float | None:
    """The cosine of (x, y) if it is a match that stands ``margin`` above every other embedded pairing of x or y."""
    c = cache.cos((ai, x), (bi, y))
    if c < cache.settings.seed_cosine:
        return None
    rivals = [cache.cos((ai, x), (bi, j)) for j in ub if j != y] + [cache.cos((ai, i), (bi, y)) for i in ua if i != x]
    return c if c - max(rivals, default=0.0) >= cache.settings.margin else None


def _next_steps(articles: list[ArticleText], ai: int, bi: int, state: PairState, words: int) -> list[tuple[int, int]]:
    """Sentence pairs next to the frontier's matches that could continue a passage."""
    a, b = articles[ai], articles[bi]
    out = []
    for i, j in state.frontier:
        for di, dj in STEPS:
            x, y = i + di, j + dj
            if (x, y) not in state.found and usable(a, x, words) and usable(b, y, words):
                out.append((x, y))
    return out


def _embedded(cache: VectorCache, ai: int) -> list[int]:
    """The article's sentences that have a vector by now."""
    return [u for u in sentence_units(cache.articles[ai], cache.settings.min_sentence_words) if cache.has((ai, u))]


def _context(cache: VectorCache, states: dict[tuple[int, int], PairState]) -> Iterator[Ref]:
    """Sentences within MAX_STEP of a seed, on both sides."""
    for (ai, bi), state in states.items():
        for i, j, _ in state.strong:
            for k in range(-MAX_STEP, MAX_STEP + 1):
                for ref in ((ai, i + k), (bi, j + k)):
                    if usable(cache.articles[ref[0]], ref[1], cache.settings.min_sentence_words):
                        yield ref


def _confirm_seeds(cache: VectorCache, states: dict[tuple[int, int], PairState]) -> None:
    """Embed the sentences around each seed (MAX_STEP either way) and keep only the seeds that still
    stand out with them as rivals: in one story every sentence resembles its neighbours somewhat,
    and a seed must beat the context it sits in, not only the other candidates."""
    cache.ensure(_context(cache, states))
    for pair in list(states):
        state = states[pair]
        state.ua, state.ub = _embedded(cache, pair[0]), _embedded(cache, pair[1])
        state.strong = [(i, j, c) for i, j, c in state.strong
                        if _stands_out(cache, *pair, i, j, state.ua, state.ub) is not None]
        state.found = {(i, j): c for i, j, c in state.strong}
        if not state.strong:
            del states[pair]


def _extend(cache: VectorCache, states: dict[tuple[int, int], PairState]) -> None:
    """Follow matches along consecutive sentences, all article pairs at once, one batch per step.

    The next (or previous) sentences of a rewritten passage need not share rare words with the
    other article, so they are embedded here, next to a match, and kept when they stand out.
    """
    for state in states.values():
        state.frontier = list(state.found)
    while any(state.frontier for state in states.values()):
        steps = {pair: _next_steps(cache.articles, *pair, state, cache.settings.min_sentence_words) for pair, state in states.items()}
        cache.ensure(r for (ai, bi), xys in steps.items() for x, y in xys for r in ((ai, x), (bi, y)))
        for (ai, bi), xys in steps.items():
            state = states[(ai, bi)]
            state.frontier = []
            if xys:
                state.ua, state.ub = _embedded(cache, ai), _embedded(cache, bi)
            for x, y in xys:
                if (x, y) in state.found or cache.rep((ai, x)) == cache.rep((bi, y)):  # verbatim, not rewritten
                    continue
                c = _stands_out(cache, ai, bi, x, y, state.ua, state.ub)
                if c is not None:
                    state.found[(x, y)] = c
                    state.frontier.append((x, y))


def _merge_checks(cache: VectorCache, ai: int, bi: int, state: PairState
                  ) -> list[tuple[tuple[int, int], float, float, Ref, tuple[Ref, Ref]]]:
    """Sentences a rewrite may have split or merged: (pair, its cosine, the seed's cosine, lone, the two joined).

    Next to a seed (i, j), sentence y = j +/- 1 of b (or x = i +/- 1 of a) whose best counterpart among
    the other article's embedded sentences is the seed's sentence; confirmed later if the lone sentence
    matches the two joined at least as well as the seed pair.
    """
    out = []
    for side, (i, j, cos), (x, y), extra in _merge_sites(cache, ai, bi, state):
        if cache.has(extra):
            c = cache.cos((ai, x), (bi, y))
            rivals = [cache.cos((ai, u), extra) for u in state.ua] if side == "b" else \
                [cache.cos(extra, (bi, u)) for u in state.ub]
            if c < cache.settings.seed_cosine or max(rivals, default=0.0) > c + 1e-6:
                continue
            lone, pair = ((ai, i), ((bi, j), (bi, y))) if side == "b" else ((bi, j), ((ai, i), (ai, x)))
            out.append(((x, y), c, cos, lone, pair))
    return out


def _merge_sites(cache: VectorCache, ai: int, bi: int, state: PairState
                 ) -> list[tuple[str, tuple[int, int, float], tuple[int, int], Ref]]:
    """(side, seed, pair, the extra sentence) for each usable sentence next to a seed, on either side."""
    a, b = cache.articles[ai], cache.articles[bi]
    out = []
    for i, j, cos in state.strong:
        for side, (x, y) in (("b", (i, j + 1)), ("b", (i, j - 1)), ("a", (i + 1, j)), ("a", (i - 1, j))):
            extra = (bi, y) if side == "b" else (ai, x)
            if usable(b if side == "b" else a, extra[1], cache.settings.min_sentence_words):
                out.append((side, (i, j, cos), (x, y), extra))
    return out


def _merges(cache: VectorCache, states: dict[tuple[int, int], PairState]) -> None:
    """Add confirmed splits and merges to every pair's matches.

    The two joined sentences are stood for by the sum of their vectors (mean pooling makes the
    embedding of a concatenation close to it), so a merge costs no extra encoding.
    """
    cache.ensure(site[3] for pair, state in states.items() for site in _merge_sites(cache, *pair, state))
    for pair, state in states.items():
        for xy, c, cos, lone, joined in _merge_checks(cache, *pair, state):
            v = cache.vec(lone) @ _unit(cache.vec(joined[0]) + cache.vec(joined[1]))
            if float(v) >= cos:
                state.found.setdefault(xy, c)


def _unit(v: np.ndarray) -> np.ndarray:
    n = float(np.linalg.norm(v))
    return v / n if n else v


def article_pairs(cache: VectorCache, candidates: set[tuple[Ref, Ref]]) -> list[tuple[int, int]]:
    """Article pairs (lower index first) holding a candidate pair that the embeddings confirm,
    counting every member of a verbatim family."""
    out: set[tuple[int, int]] = set()
    for x, y in candidates:
        if cache.cos(x, y) < cache.settings.seed_cosine:
            continue
        for fx in cache.rep.family(x):
            for fy in cache.rep.family(y):
                if fx[0] != fy[0]:
                    out.add((min(fx[0], fy[0]), max(fx[0], fy[0])))
    return sorted(out)


def seed_state(cache: VectorCache, ai: int, bi: int, ua: list[int], ub: list[int]) -> PairState | None:
    """Distinctive pairs among the two articles' embedded candidate sentences, or None if there are none."""
    m = cache.matrix(ai, ua) @ cache.matrix(bi, ub).T
    strong = [(ua[i], ub[j], float(m[i, j])) for i, j in distinctive_pairs(m, cache.settings.seed_cosine, cache.settings.margin)
              if cache.rep((ai, ua[i])) != cache.rep((bi, ub[j]))]
    return PairState(ua, ub, {(i, j): c for i, j, c in strong}, strong) if strong else None


def matched_pairs(articles: list[ArticleText], embedder: Embedder, families: Families | None = None,
                  s: ProvenanceSettings = DEFAULTS) -> dict[tuple[int, int], dict[tuple[int, int], float]]:
    """Distinctive sentence pairs per article pair (article indices), for article pairs that blocking found.

    Only blocked candidate sentences are embedded, then the neighbours of matches; the
    distinctiveness margin is taken over the candidate sentences of the two articles.
    """
    rep = Representatives(articles, families or {})
    cache = VectorCache(articles, embedder, rep, s)
    candidates = blocked_pairs(articles, rep, s)
    cache.ensure(r for p in candidates for r in p)
    pairs = article_pairs(cache, candidates)
    seeded = {ai: [u for u in sentence_units(articles[ai], s.min_sentence_words) if cache.has((ai, u))]
              for ai in sorted({a for p in pairs for a in p})}
    states = {}
    for ai, bi in pairs:
        state = seed_state(cache, ai, bi, seeded[ai], seeded[bi]) if seeded[ai] and seeded[bi] else None
        if state is not None:
            states[(ai, bi)] = state
    _confirm_seeds(cache, states)
    _extend(cache, states)
    _merges(cache, states)
    return {pair: state.found for pair, state in states.items()}


def find_rewritten(articles: list[ArticleText], embedder: Embedder, families: Families | None = None,
                   s: ProvenanceSettings = DEFAULTS) -> list[Passage]:
    """Rewritten passages among the articles: runs of at least two distinctive sentence matches.

    ``families`` maps a sentence that is a verbatim copy, (article id, unit index), to the one
    sentence that stands for its copies, so each family is embedded once.
    """
    out = []
    known: dict[str, set[str]] = {}  # article id -> its names, found once per article
    for (ai, bi), matches in matched_pairs(articles, embedder, families, s).items():
        a, b = articles[ai], articles[bi]
        for run in runs(matches):
            (a0, a1), (b0, b1) = run.a_range, run.b_range
            if run.size < 2 or run.mean < s.min_mean_cosine:
                continue
            if min(sum(len(u.tokens) for u in a.units[a0 : a1 + 1]),
                   sum(len(u.tokens) for u in b.units[b0 : b1 + 1])) < s.min_passage_words:
                continue
            if not same_facts(a, a.units[a0 : a1 + 1], b, b.units[b0 : b1 + 1], known):
                continue
            out.append(Passage(a.id, b.id, (a.units[a0].start, a.units[a1].end), (b.units[b0].start, b.units[b1].end),
                               (a0, a1), (b0, b1), round(run.mean, 3)))
    return out


def figures(units: list[Unit]) -> set[str]:
    """Numbers written in digits ('1,100' as '1100'); number words are left out, since a rewrite may spell them."""
    return {t.replace(",", "") for u in units for t in u.tokens if any(c.isdigit() for c in t)}


def same_figures(a: list[Unit], b: list[Unit]) -> bool:
    """A rewrite keeps the facts: two passages that both give figures in digits must share one
    (same wording, different numbers is a different event told the same way)."""
    return _share(figures(a), figures(b))


TITLE_CASE = 0.6  # a sentence with more capitalised words than this is a headline in title case


def article_names(article: ArticleText) -> set[str]:
    """Words the article capitalises inside a sentence (not its first word, not in a title-case
    headline), lower-cased: its names, so a name opening a sentence is still known as one."""
    out: set[str] = set()
    for u in article.units:
        caps = [tok for tok, (start, _) in zip(u.tokens, u.offsets) if article.text[start].isupper()]
        if len(caps) > TITLE_CASE * len(u.tokens):
            continue
        out.update(tok for tok, (start, _) in list(zip(u.tokens, u.offsets))[1:]
                   if article.text[start].isupper() and tok not in STOPWORDS)
    return out


def names(article: ArticleText, units: list[Unit], known: set[str] | None = None) -> set[str]:
    """The article's names that occur in these sentences."""
    known = article_names(article) if known is None else known
    return {t for u in units for t in u.tokens if t in known}


def same_names(a: ArticleText, a_units: list[Unit], b: ArticleText, b_units: list[Unit],
               known: dict[str, set[str]] | None = None) -> bool:
    """A rewrite keeps who and where: two passages that both name people, places or bodies must
    share a name (the same wording about other names is another story told the same way).
    ``known`` caches each article's names across the passages of one run."""
    known = {} if known is None else known
    for article in (a, b):
        if article.id not in known:
            known[article.id] = article_names(article)
    return _share(names(a, a_units, known[a.id]), names(b, b_units, known[b.id]))


def same_facts(a: ArticleText, a_units: list[Unit], b: ArticleText, b_units: list[Unit],
               known: dict[str, set[str]] | None = None) -> bool:
    """The checks a candidate passage must pass besides its wording: shared figures and names."""
    return same_figures(a_units, b_units) and same_names(a, a_units, b, b_units, known)


def _share(x: set[str], y: set[str]) -> bool:
    """Both empty-handed or sharing one: a fact only one side states cannot tell them apart."""
    return not (x and y) or bool(x & y)
