"""Benchmark: bare spaCy parse vs the whole `storyline build` over the same generated corpus.

Generates N articles by varying the bundled example story (names, numbers and paragraph order
change; page furniture stays), then in one run times (a) spaCy's pipeline alone over the same
texts and (b) `storyline build` end to end in a subprocess, and prints articles/s for both,
the ratio b/a and the build's peak RSS.

    python benchmarks/bench_build.py --articles 2000
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "examples" / "harbor-strike", ROOT / "tests" / "resources" / "text"]
FIRST = ["Mara", "Tomas", "Ilse", "Jonas", "Priya", "Oskar", "Lena", "Aurel", "Dana", "Ivo", "Greta", "Samir"]
LAST = ["Varga", "Holm", "Brandt", "Kell", "Marek", "Orth", "Solvang", "Achter", "Ferreira", "Lind", "Novak"]


def seed_texts() -> list[str]:
    texts = []
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text(encoding="utf-8", errors="replace")
            if "ä" not in text and "ü" not in text:  # leave the German fixture out
                texts.append(text)
    if not texts:
        sys.exit("no seed articles found under examples/ or tests/resources/text")
    return texts


def vary(text: str, rng: random.Random) -> str:
    """A new article from a seed: other names and numbers, body paragraphs reordered."""
    head, _, body = text.partition("\n\n")
    paragraphs = body.split("\n\n")
    rng.shuffle(paragraphs)
    out = head + "\n\n" + "\n\n".join(paragraphs)
    out = re.sub(r"\b\d{2,4}\b(?![-/])", lambda m: str(rng.randrange(10, 5000)), out)
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    return out + f"\n\n{name}, a spokesperson, said the talks would resume on {rng.randrange(1, 28)} May.\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    seeds = seed_texts()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        texts = []
        for i in range(args.articles):
            text = vary(seeds[i % len(seeds)], rng)
            texts.append(text)
            (corpus / f"a{i:06d}.txt").write_text(text, encoding="utf-8")

        from storyline.nlp import load_pipeline

        nlp = load_pipeline()
        t0 = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=32, n_process=args.processes):
            pass
        spacy_s = time.perf_counter() - t0

        t0 = time.perf_counter()
        cmd = [sys.executable, "-m", "storyline", "build", str(corpus), "-o", str(Path(tmp) / "out"), "-q",
               "--processes", str(args.processes)]
        subprocess.run(cmd, check=True)
        build_s = time.perf_counter() - t0
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    n = args.articles
    print(f"articles            {n}")
    print(f"spaCy alone         {n / spacy_s:8.1f} articles/s  ({spacy_s:.1f} s)")
    print(f"storyline build     {n / build_s:8.1f} articles/s  ({build_s:.1f} s, incl. start-up and writing)")
    print(f"ratio build/spaCy   {build_s / spacy_s:8.2f}")
    print(f"build peak RSS      {peak_mb:8.0f} MB")


if __name__ == "__main__":
    main()
