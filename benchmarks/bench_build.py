"""Benchmark on real text: the bare spaCy parse vs the whole `storyline build`, and a length sweep.

The corpus is drawn from the shared real-news sets (../shared/eval: scraped-dev pages, long ones
included, ECB+ and EventStoryLine articles) and the bundled example, mixed, N articles; past the
files there are, articles are reused with their paragraphs shuffled (a new text, so not a
duplicate). One run prints:

- the bare parse: spaCy over the same texts after cleaning, with the same number of processes;
- `storyline build` end to end in a subprocess (start-up and writing included), its peak RSS and
  its time per phase and per story stage (`storyline build --timings`);
- the ratio of the two throughputs (the build's share of the parse's speed);
- with ``--sweep``: one article of about 10k, 100k and 1M characters (real paragraphs repeated),
  built alone, and the build's seconds per 1,000 characters for each (flat = linear).

    python benchmarks/bench_build.py --articles 500 --processes 2 --sweep
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from storyline.settings import default_processes

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
SOURCES = ("scraped-dev", "ecbplus-dev", "esc-dev")
EXAMPLE = ROOT / "examples" / "harbor-strike"
LONGEST_KEPT = 20  # the longest pages always in the corpus, however small N is
SWEEP = (10_000, 100_000, 1_000_000)


def real_files() -> list[Path]:
    from storyline.eval.sets import set_inputs

    files = [p for name in SOURCES for p in set_inputs(EVAL, name)]
    return files + sorted(EXAMPLE.glob("*.txt"))


def corpus_texts(n: int, rng: random.Random) -> list[str]:
    """N real texts: the longest pages, then a random draw of the rest, then shuffled reuses."""
    files = real_files()
    by_size = sorted(files, key=lambda p: p.stat().st_size, reverse=True)
    chosen = by_size[:LONGEST_KEPT]
    rest = by_size[LONGEST_KEPT:]
    rng.shuffle(rest)
    chosen += rest[: max(0, n - len(chosen))]
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in chosen[:n]]
    base = list(texts)
    while len(texts) < n:
        paragraphs = rng.choice(base).split("\n\n")
        rng.shuffle(paragraphs)
        texts.append("\n\n".join(paragraphs) + f"\n\n({len(texts)})\n")
    return texts


def write_corpus(texts: list[str], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        (folder / f"a{i:06d}.txt").write_text(text, encoding="utf-8")


def bare_parse_seconds(folder: Path, processes: int) -> tuple[float, int]:
    """spaCy alone over the clean texts of the corpus (read and cleaned first, untimed)."""
    from storyline.flow import read_all
    from storyline.model import Article
    from storyline.nlp import load_pipeline
    from storyline.pipeline import clean_one, language_detector

    records, _ = read_all([folder])
    detect = language_detector()
    texts = [a.clean_text for r in records for a in [clean_one(r, detect)] if isinstance(a, Article)]
    nlp = load_pipeline()
    nlp.max_length = max([nlp.max_length, *(len(t) + 1 for t in texts)])
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32, n_process=processes):
        pass
    return time.perf_counter() - t0, sum(len(t) for t in texts)


def build_seconds(folder: Path, out: Path, processes: int) -> tuple[float, float, dict]:
    """(wall seconds, peak RSS MB, timings) of `storyline build` in a subprocess."""
    timings = out / "timings.json"
    cmd = [sys.executable, "-m", "storyline", "build", str(folder), "-o", str(out), "-q",
           "--processes", str(processes), "--timings", str(timings)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True)
    wall = time.perf_counter() - t0
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return wall, peak, json.loads(timings.read_text(encoding="utf-8"))


def print_timings(timings: dict) -> None:
    phases, parts = timings["phases"], timings["parts"]
    rows = [("read", phases.get("read", 0.0)), ("clean", parts.get("clean", 0.0)),
            ("parse", phases.get("clean+parse", 0.0) - parts.get("clean", 0.0)), ("cluster", phases.get("cluster", 0.0))]
    rows += [(f"  {k}", v) for k, v in parts.items() if k != "clean"]
    rows += [("analyse (all stages)", phases.get("analyse", 0.0)), ("write", phases.get("write", 0.0))]
    total = sum(phases.values())
    print(f"{'phase / stage':<24}{'seconds':>9}{'share':>8}")
    for name, s in rows:
        print(f"{name:<24}{s:>9.1f}{s / total if total else 0:>8.0%}")


def sweep(rng: random.Random, processes: int, tmp: Path) -> None:
    """One article at each length, built alone: seconds per 1,000 characters should stay flat.

    Each build also pays costs that do not depend on the text (loading the embedding model, writing
    the reports' frame), so beside the raw rate the sweep prints the rate of what a build of a
    short (about 1,000-character) article of the same paragraphs does not already pay.
    """
    pages = sorted((EVAL / "scraped-dev").glob("*.txt"), key=lambda p: p.stat().st_size, reverse=True)[:10]
    paragraphs = [p for page in pages for p in page.read_text(encoding="utf-8").split("\n") if len(p) > 80]

    def build_of(target: int) -> tuple[int, float, float]:
        text, i = [], 0
        while sum(len(t) + 2 for t in text) < target:
            text.append(paragraphs[i % len(paragraphs)])
            i += 1
        folder = tmp / f"sweep{target}"
        write_corpus(["Harbor report\n\n" + "\n\n".join(text)], folder)
        wall, _, timings = build_seconds(folder, tmp / f"sweep-out{target}", processes)
        return sum(len(t) for t in text), sum(timings["phases"].values()), wall  # the build's own work, no start-up

    base_chars, base_work, _ = build_of(1_000)
    print(f"fixed cost: {base_work:.1f} s (a {base_chars:,}-character article)")
    print(f"{'characters':>11}{'build s':>9}{'s / 1k chars':>14}{'beyond fixed':>14}")
    for target in SWEEP:
        chars, work, wall = build_of(target)
        marginal = (work - base_work) / (chars - base_chars) * 1000
        print(f"{chars:>11,}{work:>9.1f}{work / chars * 1000:>14.3f}{marginal:>14.3f}   (wall {wall:.1f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--processes", type=int, default=default_processes(), help="default: as storyline build")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--sweep", action="store_true", help="also time one article at 10k, 100k and 1M characters")
    args = parser.parse_args()
    if not (EVAL / "scraped-dev").is_dir():
        sys.exit(f"no shared eval sets at {EVAL}")
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        corpus = tmp / "corpus"
        write_corpus(corpus_texts(args.articles, rng), corpus)
        parse_s, chars = bare_parse_seconds(corpus, args.processes)
        build_s, peak_mb, timings = build_seconds(corpus, tmp / "out", args.processes)
        n = args.articles
        print(f"articles            {n} ({chars:,} clean characters; {args.processes} process(es))")
        print(f"spaCy parse alone   {n / parse_s:8.1f} articles/s  ({parse_s:.1f} s)")
        print(f"storyline build     {n / build_s:8.1f} articles/s  ({build_s:.1f} s, incl. start-up and writing)")
        print(f"build/parse speed   {parse_s / build_s:8.2f}  (1.00 = the build is as fast as the bare parse)")
        print(f"build peak RSS      {peak_mb:8.0f} MB")
        print_timings(timings)
        if args.sweep:
            sweep(rng, args.processes, tmp)


if __name__ == "__main__":
    main()
