"""Planted-copy benchmark for provenance: recall/precision of planted copies and time as the corpus grows.

    python benchmarks/bench_provenance.py                       # MinHash at 10k/30k/100k, embeddings at 10k/30k
    python benchmarks/bench_provenance.py --articles 2000 --embed-articles 500

Articles are Zipf-distributed words over a large made-up vocabulary; one in twenty opens with a
paragraph of 2-3 fact sentences (fictional names, places and figures in one of 29 wordings of 8
kinds of event; most words are slots, as in real reports on different stories). 2% of articles get
a verbatim copy of such a paragraph (~1 word in 12 changed) and 2% a rewritten one (each sentence in
its paraphrased wording, same facts); each source is copied at most once. Unrelated fact paragraphs
are the decoys precision is measured against. The MinHash row scores verbatim copies, the
embedding row rewritten ones; "embedded" counts the sentences sent to the sentence model.
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
NOUNS = ["port", "mine", "factory", "railway", "bank", "hospital", "school", "airline", "farm", "refinery", "court",
         "bridge", "depot", "shipyard", "brewery", "clinic", "stadium", "tunnel", "warehouse", "laboratory", "market",
         "prison", "reservoir", "terminal", "quarry", "mill", "library", "ferry", "pipeline", "dairy"]
VERBS = [("closed", "shut down"), ("reopened", "opened again"), ("sold", "sold off"), ("expanded", "enlarged"),
         ("inspected", "examined"), ("fined", "penalised"), ("repaired", "fixed"), ("audited", "reviewed")]
WHEN = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "late on Sunday", "this week",
        "earlier this month", "last week", "overnight", "this morning", "at the weekend"]
SAID = ["{p} said", "said {p}", "according to {p}", "the {o} said", "{p} of the {o} said", "a {o} spokesperson said",
        "{p} told reporters", "the {o} confirmed", "officials in {c} said", "{p} said in a statement"]
# Per fact, (original, paraphrase) wordings with the same slots; {a}/{b} are attributions drawn from SAID.
# Most words are slots (names, figures, the article's own vocabulary), as in real reports on different
# stories: two unrelated articles share short stock phrases, not long runs of identical words.
TEMPLATES = [
    [("The {o} {v0} the {w1} {x} in {c} {t} after {n} {w2} workers went unpaid, {a}.",
      "Following complaints about unpaid wages from {n} {w2} employees, the {w1} {x} in {c} was {v1} by the {o} {t}, {b}."),
     ("{n} {w2} workers had not been paid for {w3} shifts when the {o} {v0} its {w4} {x} in {c}, {a}.",
      "With {n} {w2} staff still waiting for their {w3} money, the {o} had the {w4} {x} {v1} in {c}, {b}."),
     ("Unpaid {w2} wages led {p} to {v0} the {c} {w1} {x} {t}, {a}.",
      "{p} had the {w1} {x} in {c} {v1} {t} because {w2} staff were owed their pay, {b}."),
     ("Wage arrears for {n} {w4} staff at {w1} {w3} preceded the {o} decision on the {c} {x}, {a}.",
      "Before the {o} ruled on the {x} in {c}, {n} {w4} employees of {w1} {w3} had gone unpaid, {b}.")],
    [("The {o} will spend {n} million on the {w1} {x} near {c} {t}, {a}.",
      "Before the year is out, {n} million will go into the {w1} {x} close to {c}, {b}."),
     ("{n} million is earmarked for the {w1} {x} outside {c} and its {w2} {w3}, {a}.",
      "A budget of {n} million has been set aside for the {w2} {w3} of the {w1} {x} in {c}, {b}."),
     ("Spending on the {c} {w4} {x} will reach {n} million because of {w2} {w3} costs, {a}.",
      "The {w4} {x} in {c} is set to cost {n} million as {w2} {w3} bills rise, {b}."),
     ("{p} wants {n} million for {w1} {w2} work at the {c} {x}, money the {o} has yet to approve.",
      "{p} is still waiting for the {o} to approve {n} million for {w1} {w2} work on the {c} {x}.")],
    [("{n} families near the {w1} {x} in {c} were moved out {t} as a precaution, {a}.",
      "As a safety measure, {n} households were relocated {t} from around the {c} {w1} {x}, {b}."),
     ("The {o} evacuated {n} {w2} homes around the {w4} {x} in {c} after {w3} was found, {a}.",
      "Residents of {n} {w2} homes close to the {w4} {x} in {c} had to leave because {w3} was discovered, {b}."),
     ("Officials ordered {n} {w2} households away from the {w1} {x} {t}, {a}.",
      "{t}, {n} {w2} households were told by officials to leave the area of the {w1} {x}, {b}."),
     ("Police cleared {w4} streets around the {c} {x} {t}, leaving {n} {w2} tenants with {w3}, {a}.",
      "{n} {w2} tenants were left with {w3} after officers emptied {w4} streets near the {x} in {c} {t}, {b}.")],
    [("The {w1} {x} in {c} will stay {v0} until the {w2} inquiry is complete, {a}.",
      "Until the {w2} investigation ends, the {w1} {x} near {c} is to remain {v1}, {b}."),
     ("No decision on the {o} {w4} {x} will be taken before the {w2} {w3} review ends, {a}.",
      "Investigators must finish their {w2} {w3} work before anything is decided about the {w4} {x} of the {o}, {b}."),
     ("The {c} {x} remains {v0} {t} while investigators look at the {w2} {w3}, {a}.",
      "While the {w2} {w3} is examined, the {x} in {c} is still {v1} {t}, {b}."),
     ("An independent panel chaired by {p} is examining {w1} {w4} records from the {c} {x}, {a}.",
      "{w1} {w4} files from the {x} in {c} are being studied by a panel that {p} leads, {b}.")],
    [("Prices at the {w1} {x} in {c} rose {n} percent {t}, {a}.",
      "The {c} {w1} {x} saw its prices climb {n} percent {t}, {b}."),
     ("{w2} costs at the {o} {w4} {x} had gone up {n} percent {t}, {a}.",
      "{t} the {o} {w4} {x} found it was paying {n} percent more for {w2}, {b}."),
     ("Charges in {c} could climb a further {n} percent because of the {w1} {w3}, {a}.",
      "The {w1} {w3} may push charges in {c} up by another {n} percent, {b}."),
     ("Customers of the {c} {x} paid {n} percent more for {w2} {w3} than a year ago, {a}.",
      "{w2} {w3} at the {c} {x} now costs {n} percent more than last year, {b}.")],
    [("Protesters gathered outside the {w1} {x} in {c} {t}, demanding that {p} resign, {a}.",
      "{t} demonstrators assembled in front of the {c} {w1} {x} and called for {p} to step down, {b}."),
     ("Hundreds of {w2} residents marched to the {c} {w4} {x} {t} to call for change at the {o}, {a}.",
      "Crowds of {w2} locals demanding that the {o} change course walked to the {w4} {x} in {c} {t}, {b}."),
     ("{n} people joined a {w2} protest at the {w1} {x} against the {o}, {a}.",
      "The {o} faced {n} {w2} demonstrators at its {w1} {x}, {b}."),
     ("Chanting {w3} slogans, a {w2} crowd blocked the {c} {x} until {p} came out, {a}.",
      "{p} only came out after {w2} protesters shouting {w3} had shut the {x} in {c}, {b}.")],
    [("A fire broke out at the {w1} {x} in {c} {t}, injuring {n} people, {a}.",
      "{n} people were hurt when flames engulfed part of the {w1} {x} in {c} {t}, {b}."),
     ("{n} {w2} firefighters spent the night at the {c} {x} after flames reached its {w3} store, {a}.",
      "Flames got into the {w3} store of the {x} in {c} and kept {n} {w2} firefighters busy all night, {b}."),
     ("Smoke from the burning {c} {x} forced the {o} to halt {w1} {w4} deliveries {t}, {a}.",
      "The {o} stopped {w1} {w4} deliveries {t} as the {x} in {c} burned, {b}.")],
    [("A court in {c} fined the {o} {n} thousand over {w2} failures at its {w1} {x}, {a}.",
      "The {o} has been ordered to pay {n} thousand after judges in {c} found {w2} breaches at the {w1} {x}, {b}."),
     ("Judges ruled {t} that the {o} had broken {w1} {w4} rules at the {c} {x} and must pay {n} thousand, {a}.",
      "Over {w1} {w4} breaches at the {x} in {c}, a penalty of {n} thousand was imposed on the {o} {t}, {b}."),
     ("The {o} will appeal a penalty of {n} thousand for the {w2} {w3} at its {c} {x}, {a}.",
      "A {n} thousand fine over {w2} {w3} at the {x} in {c} is to be challenged by the {o}, {b}.")],
]


def name(rng: random.Random, k: int = 3) -> str:
    return "".join(rng.choice(SYL) for _ in range(k)).capitalize()


def slots(rng: random.Random, vocab: list[str]) -> dict[str, str]:
    """The facts of one sentence: names, a figure, and words of the article's own vocabulary."""
    v = rng.choice(VERBS)
    s = {"p": f"{name(rng)} {name(rng, 4)}", "c": name(rng, 2), "n": str(rng.randint(2, 990)),
         "o": f"{name(rng)} {rng.choice(['Group', 'Authority', 'Council', 'Trust', 'Union', 'Agency'])}",
         "v0": v[0], "v1": v[1], "x": rng.choice(NOUNS), "t": rng.choice(WHEN),
         **{f"w{k}": rng.choice(vocab) for k in range(1, 5)}}
    a, b = rng.sample(SAID, 2)  # the rewrite attributes in other words
    s["a"], s["b"] = a.format(**s), b.format(**s)
    return s


def sentence(t: tuple[int, int], para: bool, s: dict[str, str]) -> str:
    """The original or paraphrased wording t = (fact, variant) filled with slots s."""
    text = TEMPLATES[t[0]][t[1]][1 if para else 0].format(**s)
    return text[0].upper() + text[1:]


def fact(rng: random.Random) -> tuple[int, int]:
    f = rng.randrange(len(TEMPLATES))
    return f, rng.randrange(len(TEMPLATES[f]))


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

    One article in twenty opens with a paragraph of fact sentences (template wordings filled with
    names, figures and the article's own words): copies are planted from these, and the ones not
    copied are decoys that precision is measured against. Each source is copied at most once, so
    two copies of one source (which share the passage too) never stand outside the planted set.
    """
    rng = random.Random(seed)
    vocab = [name(rng, rng.randint(1, 3)).lower() for _ in range(20_000)]
    weights = list(itertools.accumulate(1 / (k + 1) for k in range(len(vocab))))  # cumulative, computed once
    raw: list[list[list[str]]] = []
    facts: list[list[tuple[tuple[int, int], dict[str, str]]]] = []  # per article, its copyable paragraph (template, slots)
    sources: list[int] = []  # articles with a copyable paragraph not yet copied
    planted: set[tuple[str, str, str]] = set()
    for i in range(n):
        paras = [[background(rng, vocab, weights) for _ in range(rng.randint(2, 3))] for _ in range(rng.randint(3, 4))]
        r = rng.random()
        if sources and r < 0.04:
            k = rng.randrange(len(sources))
            sources[k], sources[-1] = sources[-1], sources[k]
            src = sources.pop()
            if r < 0.02:
                paras.insert(1, [edit(rng, s) for s in raw[src][0]])
                planted.add((f"g{src}", f"g{i}", "verbatim"))
            else:
                paras.insert(1, [sentence(t, True, s) for t, s in facts[src]])
                planted.add((f"g{src}", f"g{i}", "rewritten"))
        para_facts = []
        if rng.random() < 0.05:  # sources (and decoys): a paragraph of fact sentences
            para_facts = [(fact(rng), slots(rng, vocab)) for _ in range(rng.randint(2, 3))]
            paras.insert(0, [sentence(t, False, s) for t, s in para_facts])
            sources.append(i)
        raw.append(paras)
        facts.append(para_facts)
    return [make(p, f"g{i}") for i, p in enumerate(raw)], planted


class CountingEmbedder:
    """Wraps an embedder to count the sentences it was asked to encode."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.count = 0

    def encode(self, texts: list[str]):
        self.count += len(texts)
        return self.inner.encode(texts)


def score(got: set[tuple[str, str, str]], want: set[tuple[str, str, str]]) -> tuple[float, float]:
    tp = len(got & want)
    return tp / max(1, len(want)), tp / max(1, len(got))


HEADER = ("| articles | sentences | path | planted | recall | precision | seconds | ms/article | embedded |\n"
          "|---|---|---|---|---|---|---|---|---|")


def run(n: int, embedder) -> None:
    """One row: recall and precision of the planted copies of the kinds this path finds, and the time."""
    arts, planted = generate(n)
    counting = CountingEmbedder(embedder) if embedder is not None else None
    kind = "rewritten" if embedder is not None else "verbatim"
    t0 = time.perf_counter()
    copies = find_copies(arts, counting)
    seconds = time.perf_counter() - t0
    got = {(c.from_article_id, c.to_article_id, c.kind) for c in copies}
    got = {g if int(g[0][1:]) < int(g[1][1:]) else (g[1], g[0], g[2]) for g in got}
    want = {p for p in planted if p[2] == kind}
    recall, precision = score({g for g in got if g[2] == kind}, want)
    sents = sum(len(a.units) for a in arts)
    embedded = f"{counting.count:,} of {sents:,}" if counting is not None else "-"
    path = "embeddings (rewritten)" if embedder is not None else "minhash (verbatim)"
    print(f"| {n:,} | {sents:,} | {path} | {len(want):,} | {recall:.3f} | {precision:.3f} | {seconds:.1f} | "
          f"{seconds / n * 1000:.2f} | {embedded} |", flush=True)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, nargs="*", default=[10_000, 30_000, 100_000])
    ap.add_argument("--embed-articles", type=int, nargs="*", default=[10_000, 30_000])
    args = ap.parse_args(argv)
    print(HEADER, flush=True)
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
