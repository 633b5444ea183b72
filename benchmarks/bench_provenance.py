"""Planted-copy benchmark for provenance: recall/precision of planted copies and time as the corpus grows.

    python benchmarks/bench_provenance.py                       # MinHash path at 10k/30k/100k, embeddings at 1k/3k
    python benchmarks/bench_provenance.py --articles 2000 --embed-articles 500

Articles are generated from sentence templates with random names, places and figures (fictional).
2% of articles get a verbatim copy (a 2-3 sentence paragraph of an earlier article with ~1 word in
12 changed) and 2% a rewritten one (the same paragraph through paraphrase templates with the same
facts). The MinHash path (verbatim + syndication) runs on every size; the embedding path (rewritten)
runs on the smaller sizes because embedding itself costs ~5 ms per sentence on 2 CPU cores.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from storyline.provenance.build import find_copies  # noqa: E402
from storyline.provenance.text import ArticleText  # noqa: E402

SYL = ["ka", "lo", "mi", "ver", "dan", "sto", "rel", "bu", "tin", "gar", "ov", "el", "ski", "nor", "pa", "vik", "ren", "tal"]
NOUNS = ["port", "mine", "factory", "railway", "bank", "hospital", "school", "airline", "farm", "refinery", "court", "bridge"]
VERBS = [("closed", "shut down"), ("reopened", "opened again"), ("sold", "sold off"), ("expanded", "enlarged"),
         ("inspected", "examined"), ("fined", "penalised"), ("repaired", "fixed"), ("audited", "reviewed")]
# (original, paraphrase) with the same slots: {p} person, {o} organisation, {c} city, {n} number, {v} verb pair, {x} noun
TEMPLATES = [
    ("{p} said the {o} had {v0} the {x} in {c} after {n} workers complained about unpaid wages.",
     "After complaints about unpaid wages from {n} employees, the {x} in {c} was {v1} by the {o}, according to {p}."),
    ("The {o} plans to spend {n} million on the {x} near {c} before the end of the year.",
     "Before the year is out, {n} million will go into the {x} close to {c}, the {o} intends."),
    ("Officials in {c} confirmed that {n} families had been moved away from the {x} as a precaution.",
     "As a safety measure, {n} households were relocated from the area around the {x}, authorities in {c} said."),
    ("{p}, who runs the {o}, told reporters that the {x} would stay {v0} until an inquiry was complete.",
     "The {x} is to remain {v1} until the investigation ends, {p}, head of the {o}, informed journalists."),
    ("Prices at the {x} in {c} rose by {n} percent last month, the {o} reported.",
     "According to the {o}, the {x} in {c} saw its prices climb {n} percent over the past month."),
    ("Protesters gathered outside the {x} in {c} on Monday, demanding that {p} resign from the {o}.",
     "On Monday, demonstrators assembled in front of the {c} {x} and called for {p} to step down from the {o}."),
]


def name(rng: random.Random, k: int = 3) -> str:
    return "".join(rng.choice(SYL) for _ in range(k)).capitalize()


def slots(rng: random.Random) -> dict[str, str]:
    v = rng.choice(VERBS)
    return {"p": f"{name(rng)} {name(rng, 4)}", "o": f"{name(rng)} {rng.choice(['Group', 'Authority', 'Council', 'Trust'])}",
            "c": name(rng, 2), "n": str(rng.randint(2, 990)), "v0": v[0], "v1": v[1], "x": rng.choice(NOUNS)}


def sentence(rng: random.Random, t: int, para: bool = False, s: dict[str, str] | None = None) -> str:
    return TEMPLATES[t][1 if para else 0].format(**(s or slots(rng)))


def edit(rng: random.Random, text: str) -> str:
    """Change about one word in twelve (a verbatim copy lightly edited)."""
    words = text.split(" ")
    for i in range(len(words)):
        if rng.random() < 1 / 12 and words[i].isalpha():
            words[i] = rng.choice(["some", "about", "later", "also", "then", "nearly"])
    return " ".join(words)


def make(text_paras: list[list[str]], aid: str) -> ArticleText:
    text, sents = "", []
    for para in text_paras:
        if text:
            text += "\n\n"
        for k, sent in enumerate(para):
            if k:
                text += " "
            sents.append((len(text), len(text) + len(sent)))
            text += sent
    return ArticleText(aid, text, sents, None, [])


def background(rng: random.Random, vocab: list[str], cum_weights: list[float]) -> str:
    """A sentence of the article's own words (Zipf-distributed over a large vocabulary)."""
    words = rng.choices(vocab, cum_weights=cum_weights, k=rng.randint(12, 24))
    return " ".join(words).capitalize() + "."


def generate(n: int, seed: int = 7) -> tuple[list[ArticleText], set[tuple[str, str, str]]]:
    """n articles; planted = {(source id, copy id, kind)}.

    One article in twenty opens with a paragraph of template sentences (same sentence shapes
    across the corpus, different facts): copies are planted from these, and the ones not copied
    are decoys that precision is measured against.
    """
    rng = random.Random(seed)
    vocab = [name(rng, rng.randint(1, 3)).lower() for _ in range(20_000)]
    weights = list(itertools.accumulate(1 / (k + 1) for k in range(len(vocab))))  # cumulative, computed once
    raw: list[list[list[str]]] = []
    facts: list[list[tuple[int, dict[str, str]]]] = []  # per article, its copyable paragraph (template, slots)
    planted: set[tuple[str, str, str]] = set()
    for i in range(n):
        paras = []
        for _ in range(rng.randint(3, 4)):
            paras.append([background(rng, vocab, weights) for _ in range(rng.randint(2, 3))])
        para_facts = [(rng.randrange(len(TEMPLATES)), slots(rng)) for _ in range(rng.randint(2, 3))]
        r = rng.random()
        sources = [k for k in range(i) if facts[k]]
        if sources and r < 0.04:
            src = rng.choice(sources)
            if r < 0.02:
                paras.insert(1, [edit(rng, s) for s in raw[src][0]])
                planted.add((f"g{src}", f"g{i}", "verbatim"))
            else:
                paras.insert(1, [sentence(rng, t, True, s) for t, s in facts[src]])
                planted.add((f"g{src}", f"g{i}", "rewritten"))
        if rng.random() < 0.05:  # sources (and decoys): a paragraph of template sentences
            paras.insert(0, [sentence(rng, t, False, s) for t, s in para_facts])
        else:
            para_facts = []
        raw.append(paras)
        facts.append(para_facts)
    return [make(p, f"g{i}") for i, p in enumerate(raw)], planted


def run(n: int, embedder) -> None:
    arts, planted = generate(n)
    kinds = {"verbatim"} | ({"rewritten"} if embedder is not None else set())
    want = {p for p in planted if p[2] in kinds}
    t0 = time.perf_counter()
    copies = find_copies(arts, embedder)
    seconds = time.perf_counter() - t0
    got = {(c.from_article_id, c.to_article_id, c.kind) for c in copies}
    got = {g if int(g[0][1:]) < int(g[1][1:]) else (g[1], g[0], g[2]) for g in got}
    tp = len(got & want)
    sents = sum(len(a.units) for a in arts)
    path = "minhash+embeddings" if embedder is not None else "minhash (verbatim+syndication)"
    print(f"{n:>7} articles {sents:>8} sentences  {path:<32} planted {len(want):>5}  recall {tp / max(1, len(want)):.3f}  "
          f"precision {tp / max(1, len(got)):.3f}  {seconds:7.1f} s  {seconds / n * 1000:.2f} ms/article", flush=True)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, nargs="*", default=[10_000, 30_000, 100_000])
    ap.add_argument("--embed-articles", type=int, nargs="*", default=[1_000, 3_000])
    args = ap.parse_args(argv)
    for n in args.articles:
        run(n, None)
    if args.embed_articles:
        from storyline.provenance import EmbedderProvider

        provider = EmbedderProvider()
        embedder = provider.get()
        if embedder is None:
            print(provider.note)
            return 0
        for n in args.embed_articles:
            run(n, embedder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
