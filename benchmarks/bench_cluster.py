"""Benchmark: story clustering time and peak memory for 10k and 100k generated articles.

Feature sets are generated synthetically (no text is parsed: running spaCy over 100k texts would
time the parser, not the clustering). Each story has its own people, organisations, places,
figures and a few distinctive words, drawn from Zipf-like pools so that some names and many
words are shared across stories; every article also carries common words and a publication date
within its story's span of a few days to weeks, over two years. The vocabulary grows with the
square root of the corpus (Heaps' law, as real news vocabularies do), so a word's document frequency
still rises with size (x3 from 10k to 100k). Each size runs in a fresh
subprocess so peak RSS is its own; batch (``cluster_features``) and incremental
(``assign_features``, one article at a time in publication order) are timed separately, and
B-cubed F1 against the generating stories is printed as a sanity check. The work per article is
printed too (untimed): blocking postings visited and candidate pairs scored — the quantities the
complexity bound caps (keys x ``df_cap`` and ``max_candidates``) — and, as a control, the time per
article of a step that is linear by construction (counting document frequencies): wall time also
carries cache and memory effects that grow with the working set, which counts do not.

    python benchmarks/bench_cluster.py                # 10k, 30k and 100k
    python benchmarks/bench_cluster.py --sizes 1000 10000
"""

from __future__ import annotations

import argparse
import json
import math
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from storyline.cluster import ClusterState, Params, assign_features  # noqa: E402
from storyline.cluster.batch import cluster_features, document_frequencies, publication_order  # noqa: E402
from storyline.cluster.candidates import blocking_keys, candidate_pairs  # noqa: E402
from storyline.cluster.profile import idf_from, max_gap_days  # noqa: E402
from storyline.cluster.features import ArticleFeatures  # noqa: E402
from storyline.eval.clustering import bcubed  # noqa: E402

START_DAY = 739252  # 2025-01-01


def zipf_pick(rng: random.Random, pool: int, s: float = 1.1) -> int:
    """An index in [0, pool) with Zipf-like frequencies (a few very common, a long tail)."""
    return min(pool - 1, int(rng.paretovariate(s)) - 1) if rng.random() < 0.5 else rng.randrange(pool)


def generate(n: int, seed: int = 7) -> tuple[list[ArticleFeatures], list[int]]:
    """``n`` articles in stories of 1-30 articles; returns features and the true story of each."""
    rng = random.Random(seed)
    vocab = int(60_000 * math.sqrt(max(n, 10_000) / 10_000))  # Heaps' law: vocabulary grows ~ sqrt(corpus)
    people, orgs, places = max(2000, n // 2), max(1000, n // 5), max(500, n // 20)
    features: list[ArticleFeatures] = []
    truth: list[int] = []
    story = 0
    while len(features) < n:
        size = min(n - len(features), max(1, int(rng.expovariate(1 / 6))))
        day0 = START_DAY + rng.randrange(730)
        cast = [f"p:person{zipf_pick(rng, people)}" for _ in range(3)]
        cast += [f"o:org{zipf_pick(rng, orgs)}" for _ in range(2)]
        cast += [f"g:place{zipf_pick(rng, places)}" for _ in range(2)]
        cast += [f"f:{rng.randrange(10, 100_000)}" for _ in range(2)]
        words = [f"w{zipf_pick(rng, vocab)}" for _ in range(25)]
        for _ in range(size):
            terms = {w: 1.0 + rng.random() for w in rng.sample(words, 15)}
            terms.update({f"w{rng.randrange(300)}": 1.0 for _ in range(20)})  # common words
            terms.update({f"w{rng.randrange(vocab)}": 1.0 for _ in range(10)})  # incidental words
            keys = {k: 1.0 for k in rng.sample(cast, 5)}
            keys[f"g:place{rng.randrange(places)}"] = 1.0  # an incidental place
            features.append(ArticleFeatures(f"a{len(features)}", terms, keys, day=day0 + rng.randrange(14),
                                            years=[2025 + (day0 - START_DAY) // 365]))
            truth.append(story)
        story += 1
    return features, truth


def work_per_article(features: list[ArticleFeatures], p: Params) -> tuple[float, float]:
    """Blocking postings visited and candidate pairs scored, per article (batch's bounded quantities)."""
    df = document_frequencies(features)
    idf = idf_from(df, len(features))
    postings = sum(df[k] for f in features for k in blocking_keys(f, idf, p) if 2 <= df.get(k, 0) <= p.df_cap)
    left, _ = candidate_pairs(features, idf, df, p, max_gap=max_gap_days(p))
    return postings / len(features), len(left) / len(features)


def run_one(n: int, mode: str) -> dict[str, float]:
    """Time one mode on ``n`` generated articles (called in a fresh subprocess)."""
    features, truth = generate(n)
    t0 = time.perf_counter()
    document_frequencies(features)  # linear by construction: the machine's own per-item slowdown with size
    reference = time.perf_counter() - t0
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    if mode == "batch":
        groups = cluster_features(features, Params())
        pred = [0] * n
        for g, members in enumerate(groups):
            for i in members:
                pred[i] = g
        stories = len(groups)
    else:
        state = ClusterState()
        assign_features([features[i] for i in publication_order(features)], state)
        ids = {f.id: i for i, f in enumerate(features)}
        pred = [0] * n
        for g, sid in enumerate(state.stories):
            for a in state.stories[sid].article_ids:
                pred[ids[a]] = g
        stories = len(state.stories)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    postings, pairs = work_per_article(features, Params()) if mode == "batch" else (float("nan"), float("nan"))
    return {"n": n, "mode": mode, "seconds": seconds, "peak_mb": peak / 1024, "growth_mb": (peak - base_rss) / 1024,
            "stories": stories, "true_stories": len(set(truth)), "f1": bcubed(pred, truth)[2],
            "postings": postings, "pairs": pairs, "reference_us": reference / n * 1e6}


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    ap.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(int(args.one[0]), args.one[1])))
        return 0
    print(f"{'articles':>9} {'mode':<12}{'seconds':>9}{'µs/article':>12}{'peak RSS MB':>13}{'(+clustering)':>14}"
          f"{'stories':>9}{'true':>7}{'B3-F1':>7}{'postings/art':>14}{'pairs/art':>11}{'ref µs/art':>11}")
    prev: dict[str, dict[str, float]] = {}
    for n in args.sizes:
        for mode in ("batch", "incremental"):
            out = subprocess.run([sys.executable, __file__, "--one", str(n), mode], capture_output=True, text=True, check=True)
            r = json.loads(out.stdout)
            print(f"{n:>9} {mode:<12}{r['seconds']:>9.1f}{r['seconds'] / n * 1e6:>12.0f}{r['peak_mb']:>13.0f}"
                  f"{r['growth_mb']:>14.0f}{int(r['stories']):>9}{int(r['true_stories']):>7}{r['f1']:>7.3f}"
                  + (f"{r['postings']:>14.0f}{r['pairs']:>11.1f}{r['reference_us']:>11.1f}" if mode == "batch" else ""), flush=True)
            if mode in prev:
                p = prev[mode]
                print(f"{'':>9} {'':<12}x{n / p['n']:.0f} articles -> x{r['seconds'] / p['seconds']:.1f} time, "
                      f"x{r['growth_mb'] / max(p['growth_mb'], 1):.1f} memory growth")
            prev[mode] = r
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
