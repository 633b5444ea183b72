"""Score story clustering against gold story labels: B-cubed precision/recall/F1 and adjusted Rand index.

    storyline eval clustering [--data DIR] [--reuse] [--show]      # ECB+ dev set, scored from its build
    python -m storyline.eval.clustering [GOLD] [--with DIR ...]      # any gold TSV, parsed here

On the shared set, ``batch`` is the dossier's own stories; ``incremental`` adds the same articles one
by one in publication order (file order when undated), as ``storyline add`` would; the baseline is
TF-IDF over content lemmas with average linkage, its threshold tuned on this very data (an
optimistic bar). GOLD is a TSV of (path, label) rows: ``examples/gold/stories.tsv`` (columns
``path``/``story``; a ``# root: DIR`` comment says what paths are relative to) or ECB+'s ``gold.tsv``
(``file``/``topic``/``subtopic``: sub-topics are the stories), or a folder holding ``gold.tsv``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from math import comb
from pathlib import Path

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Article
from .gate import Row
from .sets import BuiltSet, file_name

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_GOLD = ROOT / "examples" / "gold" / "stories.tsv"


# --- gold -------------------------------------------------------------------------------------


def read_gold(path: Path) -> list[tuple[Path, str]]:
    """(file, story label) rows of a gold TSV, in file order."""
    if path.is_dir():
        path = path / "gold.tsv"
    root = path.parent
    rows: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            if line[1:].strip().lower().startswith("root:"):
                root = (path.parent / line.split(":", 1)[1].strip()).resolve()
            continue
        if line.strip():
            rows.append(line.split("\t"))
    header = [h.strip().lower() for h in rows[0]]
    path_col = header.index("file") if "file" in header else header.index("path") if "path" in header else 0
    label_col = next((header.index(c) for c in ("subtopic", "story", "label") if c in header), len(header) - 1)
    return [((root / r[path_col]).resolve(), r[label_col].strip()) for r in rows[1:]]


def read_topics(path: Path) -> dict[Path, str]:
    """File -> topic when the gold TSV has a ``topic`` column (ECB+), else empty."""
    if path.is_dir():
        path = path / "gold.tsv"
    lines = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    header = [h.strip().lower() for h in lines[0]]
    if "topic" not in header or "file" not in header:
        return {}
    col, file_col = header.index("topic"), header.index("file")
    return {(path.parent / r[file_col]).resolve(): r[col].strip() for r in lines[1:]}


def folder_gold(folder: Path) -> list[tuple[Path, str]]:
    """Every file in ``folder`` as one gold story named after it."""
    return [(p.resolve(), f"with:{folder.name}") for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.startswith(".")]


# --- metrics ----------------------------------------------------------------------------------


def bcubed(pred: list[str], gold: list[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (Bagga and Baldwin), averaged over items."""
    pairs = Counter(zip(pred, gold))
    size_p, size_g = Counter(pred), Counter(gold)
    n = len(pred)
    if n == 0:
        return 0.0, 0.0, 0.0
    p = sum(pairs[(a, b)] / size_p[a] for a, b in zip(pred, gold)) / n
    r = sum(pairs[(a, b)] / size_g[b] for a, b in zip(pred, gold)) / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def adjusted_rand(pred: list[str], gold: list[str]) -> float:
    """Adjusted Rand index (Hubert and Arabie)."""
    n = len(pred)
    index = sum(comb(c, 2) for c in Counter(zip(pred, gold)).values())
    a = sum(comb(c, 2) for c in Counter(pred).values())
    b = sum(comb(c, 2) for c in Counter(gold).values())
    total = comb(n, 2)
    if total == 0:
        return 1.0
    expected = a * b / total
    maximum = (a + b) / 2
    return 1.0 if maximum == expected else (index - expected) / (maximum - expected)


# --- running ----------------------------------------------------------------------------------


def parse_inputs(paths: list[Path], n_process: int = 1, nlp: Language | None = None) -> tuple[list[Article], dict[str, Doc]]:
    """Read, clean and parse inputs with the build's own steps (duplicates dropped), keeping the Docs
    (the baseline reads every lemma of each Doc, more than the build's clustering features keep)."""
    from ..flow import read_all
    from ..model import Skipped
    from ..nlp import load_pipeline
    from ..pipeline import clean_and_parse, drop_duplicates, language_detector

    records, _ = read_all(paths)
    docs: dict[str, Doc] = {}
    parsed: list[Article] = []
    for item in clean_and_parse(records, nlp or load_pipeline(), detect_language=language_detector(), n_process=n_process):
        if not isinstance(item, Skipped):
            parsed.append(item[0])
            docs.setdefault(item[0].id, item[1])
    articles, _ = drop_duplicates(parsed)
    return articles, docs


def _file_of(article: Article) -> Path:
    return Path(article.source_path.split("#", 1)[0]).resolve()


def evaluate(articles: list[Article], docs: dict[str, Doc], labels: dict[str, str],
             batch: dict[str, str] | None = None) -> dict[str, dict[str, float]]:
    """Scores of batch, incremental and baseline clustering of ``articles`` against ``labels`` (by id).

    ``batch`` gives the batch stories (article id -> story id) when a build already made them."""
    from ..cluster import ClusterState, assign, cluster_articles
    from ..cluster.baseline import average_linkage, cut, tfidf_matrix
    from ..cluster.features import ArticleFeatures, lemma_terms

    ids = [a.id for a in articles]
    gold = [labels[i] for i in ids]
    out: dict[str, dict[str, float]] = {}

    def record(name: str, story_of: dict[str, str], seconds: float, **extra: float) -> None:
        pred = [story_of[i] for i in ids]
        p, r, f = bcubed(pred, gold)
        out[name] = {"stories": len(set(pred)), "P": p, "R": r, "F1": f, "ARI": adjusted_rand(pred, gold),
                     "seconds": seconds, **extra}

    t0 = time.perf_counter()
    if batch is None:
        batch = {a: s.id for s in cluster_articles(articles, docs) for a in s.article_ids}
    record("batch", batch, time.perf_counter() - t0)

    t0 = time.perf_counter()
    state = ClusterState()
    assign(articles, docs, state)  # assign sorts by publication date; undated keep input (file) order
    record("incremental", dict(state.story_of), time.perf_counter() - t0)

    t0 = time.perf_counter()
    feats = [ArticleFeatures(a.id, lemma_terms(docs[a.id], limit=10**6)) for a in articles]
    merges = average_linkage(tfidf_matrix(feats))
    best: tuple[float, float, list[int]] = (-1.0, 0.0, [])
    for step in range(1, 100):
        t = step / 100
        labels_cut = cut(len(ids), merges, t)
        f1 = bcubed([str(x) for x in labels_cut], gold)[2]
        if f1 > best[0]:
            best = (f1, t, labels_cut)
    record("baseline", {i: str(x) for i, x in zip(ids, best[2])}, time.perf_counter() - t0, threshold=best[1])
    return out


def print_held_out(articles: list[Article], docs: dict[str, Doc], labels: dict[str, str], topics: dict[str, str], k: int) -> None:
    """Scores with every knob chosen on the other folds of topics (see ``heldout``)."""
    from ..cluster import features_of
    from ..cluster.features import ArticleFeatures, lemma_terms
    from .heldout import held_out, pooled

    ids = [a.id for a in articles]
    full = [ArticleFeatures(a.id, lemma_terms(docs[a.id], limit=10**6)) for a in articles]
    folds = held_out(features_of(articles, docs), full, [labels[i] for i in ids], [topics[i] for i in ids],
                     lambda pred, gold: bcubed(pred, gold)[2], k)
    print(f"held out ({k} folds of whole topics; knobs chosen on the other folds, then scored here):")
    print(f"{'fold':<14}{'mode':<13}{'B3-P':>8}{'B3-R':>8}{'B3-F1':>8}  knobs")
    for n, fold in enumerate(folds, 1):
        name = f"{n}: {fold.topics[0]}-{fold.topics[-1]}"
        for mode, pred in fold.predicted.items():
            p, r, f = bcubed(pred, fold.gold)
            knobs = ", ".join(f"{k}={v:g}" for k, v in fold.chosen[mode].items())
            print(f"{name:<14}{mode:<13}{p:>8.3f}{r:>8.3f}{f:>8.3f}  {knobs}")
    for mode in folds[0].predicted:
        p, r, f = bcubed(*pooled(folds, mode))
        print(f"{'all folds':<14}{mode:<13}{p:>8.3f}{r:>8.3f}{f:>8.3f}")


SET = "ecbplus-dev"
STAGE = "clustering"
NEEDS_DOCS = True


def score(built: BuiltSet, nlp: Callable[[], Language], show: bool = False) -> list[Row]:
    """Batch (the dossier's stories), incremental and baseline scores on the set's gold stories."""
    by_file = {p.name: label for p, label in read_gold(built.folder)}
    articles = [a for a in built.dossier.articles if file_name(a) in by_file]
    labels = {a.id: by_file[file_name(a)] for a in articles}
    docs = built.parsed(nlp)
    batch = {a: s.id for s in built.dossier.stories for a in s.article_ids}
    scores = evaluate(articles, docs, labels, batch=batch)
    if show:
        print(f"{'mode':<13}{'stories':>8}{'B3-P':>8}{'B3-R':>8}{'B3-F1':>8}{'ARI':>8}  (gold: {len(set(labels.values()))} stories)")
        for mode, sc in scores.items():
            print(f"{mode:<13}{int(sc['stories']):>8}{sc['P']:>8.3f}{sc['R']:>8.3f}{sc['F1']:>8.3f}{sc['ARI']:>8.3f}")
    b, i, base = scores["batch"], scores["incremental"], scores["baseline"]
    n = len(articles)
    return [
        Row(STAGE, "B3-F1 batch", b["F1"], base["F1"], n),
        Row(STAGE, "B3-P batch", b["P"], base["P"], n),
        Row(STAGE, "B3-R batch", b["R"], base["R"], n),
        Row(STAGE, "ARI batch", b["ARI"], base["ARI"], n),
        Row(STAGE, "B3-F1 incremental", i["F1"], base["F1"], n),
    ]


def main(argv: list[str]) -> int:
    from .runner import run

    return run([STAGE], argv)


def main_tsv(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="python -m storyline.eval.clustering", description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="?", default=str(DEFAULT_GOLD), help="gold TSV (or a folder with gold.tsv)")
    ap.add_argument("--with", dest="extra", action="append", default=[], help="folder whose files are one more story")
    ap.add_argument("--n-process", type=int, default=1)
    ap.add_argument("--show", action="store_true", help="list predicted stories with gold labels")
    ap.add_argument("--folds", type=int, default=2, help="held-out folds of whole topics when the gold has topics (1: none)")
    args = ap.parse_args(argv)

    rows = read_gold(Path(args.gold))
    for folder in args.extra:
        rows += folder_gold(Path(folder))
    by_file = {p: label for p, label in rows}
    t0 = time.perf_counter()
    articles, docs = parse_inputs([p for p, _ in rows], args.n_process)
    articles = [a for a in articles if _file_of(a) in by_file]
    labels = {a.id: by_file[_file_of(a)] for a in articles}
    print(f"gold: {args.gold}{' + ' + ', '.join(args.extra) if args.extra else ''}: {len(articles)} articles "
          f"({len(rows) - len(articles)} unreadable or duplicate files left out), {len(set(labels.values()))} stories; "
          f"parsed in {time.perf_counter() - t0:.1f}s")
    scores = evaluate(articles, docs, labels)
    print(f"{'mode':<13}{'stories':>8}{'B3-P':>8}{'B3-R':>8}{'B3-F1':>8}{'ARI':>8}{'secs':>8}")
    for name, s in scores.items():
        note = f"  (threshold {s['threshold']:.2f}, tuned on this data)" if "threshold" in s else ""
        print(f"{name:<13}{int(s['stories']):>8}{s['P']:>8.3f}{s['R']:>8.3f}{s['F1']:>8.3f}{s['ARI']:>8.3f}{s['seconds']:>8.2f}{note}")
    topics = read_topics(Path(args.gold))
    if topics and args.folds > 1:
        print_held_out(articles, docs, labels, {a.id: topics.get(_file_of(a), "?") for a in articles}, args.folds)
    if args.show:
        from ..cluster import cluster_articles

        by_id = {a.id: a for a in articles}
        for story in cluster_articles(articles, docs):
            counts = Counter(labels[a] for a in story.article_ids)
            print(f"- {story.id} {story.title!r}: {dict(counts)}")
            for a in story.article_ids:
                print(f"    {labels[a]:<24} {by_id[a].source_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main_tsv(sys.argv[1:]))
