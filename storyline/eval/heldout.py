"""Held-out scores: knobs chosen on some topics, scored on the others, for storyline and the baseline.

A gold corpus with topics (ECB+: two stories of the same kind per topic) is split into folds of
whole topics. For each fold, storyline's threshold and undated discount and the baseline's
threshold are chosen on the other folds (best B-cubed F1 there) and applied to this fold, so no
score comes from knobs that saw the articles it scores. Folds are pooled into one prediction
(labels kept apart per fold) for the overall figures.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from ..cluster import ClusterState, Params, assign_features
from ..cluster.baseline import average_linkage, cut, tfidf_matrix
from ..cluster.batch import arrival_order, cluster_features
from ..cluster.features import ArticleFeatures

THRESHOLDS = (0.08, 0.10, 0.12, 0.14, 0.16, 0.18, 0.20, 0.22)
UNDATED = (0.6, 0.8, 1.0)
BASELINE_THRESHOLDS = tuple(t / 100 for t in range(1, 100))

Scorer = Callable[[list[str], list[str]], float]


@dataclass(slots=True)
class Fold:
    """One held-out fold: its topics, the knobs chosen elsewhere and the predictions they gave."""

    topics: list[str]
    chosen: dict[str, dict[str, float]]  # mode -> knobs
    predicted: dict[str, list[str]]  # mode -> story label per article of the fold
    gold: list[str]


def topic_folds(topics: Sequence[str], k: int = 2) -> list[list[str]]:
    """Distinct topics in natural order, cut into ``k`` contiguous groups of near-equal size."""
    def natural(t: str) -> tuple[int, str]:
        digits = "".join(c for c in t if c.isdigit())
        return (int(digits) if digits else 0, t)

    ordered = sorted(set(topics), key=natural)
    size, extra = divmod(len(ordered), k)
    out, start = [], 0
    for i in range(k):
        end = start + size + (1 if i < extra else 0)
        out.append(ordered[start:end])
        start = end
    return [f for f in out if f]


def _labels_batch(features: list[ArticleFeatures], p: Params) -> list[str]:
    out = [""] * len(features)
    for g, members in enumerate(cluster_features(features, p)):
        for i in members:
            out[i] = str(g)
    return out


def _labels_incremental(features: list[ArticleFeatures], p: Params) -> list[str]:
    state = ClusterState(params=p)
    assign_features([features[i] for i in arrival_order(features)], state)
    return [state.story_of[f.id] for f in features]


def _storyline(mode: str) -> Callable[[list[ArticleFeatures], list[ArticleFeatures], dict[str, float]], list[str]]:
    run = _labels_batch if mode == "batch" else _labels_incremental

    def labels(features: list[ArticleFeatures], _: list[ArticleFeatures], knobs: dict[str, float]) -> list[str]:
        t = knobs["threshold"]
        return run(features, replace(Params(), threshold=t, assign_threshold=t, undated=knobs["undated"]))

    return labels


def _baseline() -> Callable[[list[ArticleFeatures], list[ArticleFeatures], dict[str, float]], list[str]]:
    merges: dict[tuple[str, ...], list[tuple[int, int, float]]] = {}  # one agglomeration per fold, cut many times

    def labels(_: list[ArticleFeatures], full: list[ArticleFeatures], knobs: dict[str, float]) -> list[str]:
        key = tuple(f.id for f in full)
        if key not in merges:
            merges[key] = average_linkage(tfidf_matrix(full))
        return [str(x) for x in cut(len(full), merges[key], knobs["threshold"])]

    return labels


GRIDS: dict[str, list[dict[str, float]]] = {
    "batch": [{"threshold": t, "undated": u} for t, u in itertools.product(THRESHOLDS, UNDATED)],
    "incremental": [{"threshold": t, "undated": u} for t, u in itertools.product(THRESHOLDS, UNDATED)],
    "baseline": [{"threshold": t} for t in BASELINE_THRESHOLDS],
}


def held_out(features: list[ArticleFeatures], full_terms: list[ArticleFeatures], gold: list[str], topics: list[str],
             f1: Scorer, k: int = 2) -> list[Fold]:
    """Per fold of topics, each mode's knobs chosen on the other folds and its predictions on this one.

    ``full_terms`` are the same articles with every lemma (what the baseline sees)."""
    folds = topic_folds(topics, k)
    members = [[i for i, t in enumerate(topics) if t in set(fold)] for fold in folds]
    runners = {"batch": _storyline("batch"), "incremental": _storyline("incremental"), "baseline": _baseline()}
    # F1 of every knob setting on every fold, computed once
    table: dict[str, list[list[float]]] = {mode: [] for mode in runners}
    for mode, run in runners.items():
        for idx in members:
            fs, ft, g = [features[i] for i in idx], [full_terms[i] for i in idx], [gold[i] for i in idx]
            table[mode].append([f1(run(fs, ft, knobs), g) for knobs in GRIDS[mode]])
    out = []
    for f, idx in enumerate(members):
        chosen, predicted = {}, {}
        for mode, run in runners.items():
            others = [sum(table[mode][o][c] for o in range(len(members)) if o != f) for c in range(len(GRIDS[mode]))]
            knobs = GRIDS[mode][max(range(len(others)), key=others.__getitem__)]
            chosen[mode] = knobs
            predicted[mode] = run([features[i] for i in idx], [full_terms[i] for i in idx], knobs)
        out.append(Fold(folds[f], chosen, predicted, [gold[i] for i in idx]))
    return out


def pooled(folds: list[Fold], mode: str) -> tuple[list[str], list[str]]:
    """All folds' predictions and gold as one labelling (a story never spans two folds)."""
    pred = [f"{n}:{p}" for n, fold in enumerate(folds) for p in fold.predicted[mode]]
    gold = [g for fold in folds for g in fold.gold]
    return pred, gold
