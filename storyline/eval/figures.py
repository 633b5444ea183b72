"""Score figures and cross-article comparisons on the figures-dev gold (ECB+ articles).

    storyline eval figures [--data DIR] [--reuse] [--show]

- extraction (``figures.json``, 36 articles in which every number is annotated as a figure or not):
  recall = gold figures overlapped by an extracted figure; precision = extracted figures in those
  articles that overlap a gold figure (one overlapping only non-figures, or nothing, is wrong);
- comparisons: every pair of figures from two articles that one conflict entry of the dossier
  puts side by side. A pair is judged when both figures are annotated (a value of a gold quantity
  in ``comparisons.json`` or a side of a ``not_same.json`` pair); precision = judged pairs whose
  two figures are values of one gold quantity; recall = gold quantities with such a pair;
- verdicts, on the gold quantities compared: agreement vs disagreement, and among the ones both
  call a disagreement, contradiction vs discrepancy; the verdict is that of the conflict entry
  holding most of the quantity's values;
- disagreement precision: of the judged pairs of different values that an entry flags as a
  discrepancy or contradiction, the share that are values of a gold quantity the outlets disagree on;
- false alarms: share of the ``not_same`` pairs (tempting, not the same quantity) compared.
The baseline compares every two figures of one story with the same unit and value kind in
different articles, and calls equal values an agreement, others a contradiction.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from spacy.language import Language

from ..model import Article, Claim
from .gate import Row
from .sets import BuiltSet, clean_span

SET = "ecbplus-dev"
STAGE = "figures"
NEEDS_DOCS = False
GOLD = "../figures-dev"

Key = tuple[str, int, int]  # (article id, clean start, clean end)


@dataclass(slots=True)
class Compared:
    """The figures one system puts side by side: groups of claims with a verdict each."""

    groups: Sequence[tuple[list[Claim], str]]

    def pairs(self) -> list[tuple[Claim, Claim, str]]:
        return [(a, b, kind) for claims, kind in self.groups for a, b in combinations(claims, 2)
                if a.article_id != b.article_id]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


class Spans:
    """Gold spans per article, to find which gold item an extracted figure stands on."""

    def __init__(self) -> None:
        self.by_article: dict[str, list[tuple[int, int, Any]]] = defaultdict(list)

    def add(self, article: Article | None, start: int, end: int, label: Any) -> None:
        span = clean_span(article, start, end) if article else None
        if article and span:
            self.by_article[article.id].append((span[0], span[1], label))

    def labels(self, claim: Claim) -> list[Any]:
        return [lab for s, e, lab in self.by_article.get(claim.article_id, []) if _overlap((s, e), (claim.start, claim.end))]


def dossier_compared(built: BuiltSet) -> Compared:
    groups: list[tuple[list[Claim], str]] = []
    for story in built.dossier.stories:
        by_id = {c.id: c for c in story.claims}
        groups += [([by_id[i] for i in c.claim_ids if i in by_id], c.kind) for c in story.conflicts]
    return Compared(groups)


def baseline_compared(built: BuiltSet) -> Compared:
    """Same unit in two articles of one story -> compared; equal values agree, others contradict."""
    groups: list[tuple[list[Claim], str]] = []
    for story in built.dossier.stories:
        by_unit: dict[str | None, list[Claim]] = defaultdict(list)
        for c in story.claims:
            by_unit[c.unit].append(c)
        for claims in by_unit.values():
            for a, b in combinations(claims, 2):
                if a.article_id != b.article_id:
                    groups.append(([a, b], "agreement" if a.value == b.value else "contradiction"))
    return Compared(groups)


def extraction(built: BuiltSet, gold: dict) -> tuple[float, float, int]:
    """(precision, recall, gold figures) of figure extraction on the fully annotated articles."""
    by_file = built.by_file
    figures, others = Spans(), Spans()
    for i, f in enumerate(gold["figures"]):
        figures.add(by_file.get(f["file"]), f["start"], f["end"], i)
    for f in gold["not_figures"]:
        others.add(by_file.get(f["file"]), f["start"], f["end"], None)
    files = {f["file"] for f in gold["figures"]} | {f["file"] for f in gold["not_figures"]}
    ids = {by_file[f].id for f in files if f in by_file}
    claims = [c for s in built.dossier.stories for c in s.claims if c.article_id in ids]
    right = [c for c in claims if figures.labels(c)]
    found = {lab for c in claims for lab in figures.labels(c)}
    p = len(right) / len(claims) if claims else 0.0
    return p, len(found) / len(gold["figures"]), len(gold["figures"])


def comparison_scores(built: BuiltSet, comparisons: list[dict], not_same: list[dict], compared: Compared) -> dict[str, float]:
    by_file = built.by_file
    values, sides = Spans(), Spans()
    for q, comp in enumerate(comparisons):
        for v in comp["values"]:
            values.add(by_file.get(v["file"]), v["start"], v["end"], q)
    for n, pair in enumerate(not_same):
        for side in ("a", "b"):
            sides.add(by_file.get(pair[side]["file"]), pair[side]["start"], pair[side]["end"], (n, side))
    judged = same = flagged = real = 0
    compared_q: dict[int, Counter[int]] = defaultdict(Counter)  # quantity -> votes per group
    alarms: set[int] = set()
    for g, (claims, kind) in enumerate(compared.groups):
        for a, b in combinations(claims, 2):
            if a.article_id == b.article_id:
                continue
            qa, qb = set(values.labels(a)), set(values.labels(b))
            sa, sb = set(sides.labels(a)), set(sides.labels(b))
            if (qa or sa) and (qb or sb):
                judged += 1
                shared = qa & qb
                same += bool(shared)
                for q in shared:
                    compared_q[q][g] += 1
                if kind != "agreement" and a.value != b.value:  # a disagreement the dossier flags
                    flagged += 1
                    real += any(comparisons[q]["verdict"] != "agreement" for q in shared)
            alarms |= {n for n, side in sa for m, other in sb if m == n and other != side}
    agree_ok = kind_ok = kind_n = 0
    for q, votes in compared_q.items():
        kind = compared.groups[votes.most_common(1)[0][0]][1]
        verdict = comparisons[q]["verdict"]
        agree_ok += (kind == "agreement") == (verdict == "agreement")
        if kind != "agreement" and verdict != "agreement":
            kind_n += 1
            kind_ok += kind == verdict
    n_q = len(compared_q)
    return {"precision": same / judged if judged else 0.0, "recall": n_q / len(comparisons),
            "agreement": agree_ok / n_q if n_q else 0.0, "kind": kind_ok / kind_n if kind_n else 0.0,
            "false_alarms": len(alarms) / len(not_same), "judged": float(judged), "kind_n": float(kind_n),
            "disagreements": real / flagged if flagged else 0.0, "flagged": float(flagged), "compared": float(n_q)}


def score(built: BuiltSet, nlp: Callable[[], Language], show: bool = False) -> list[Row]:
    figures: dict = built.gold(f"{GOLD}/figures.json")  # type: ignore[assignment]
    comparisons: list[dict] = built.gold(f"{GOLD}/comparisons.json")  # type: ignore[assignment]
    not_same: list[dict] = built.gold(f"{GOLD}/not_same.json")  # type: ignore[assignment]
    p, r, n_fig = extraction(built, figures)
    ours = comparison_scores(built, comparisons, not_same, dossier_compared(built))
    base = comparison_scores(built, comparisons, not_same, baseline_compared(built))
    if show:
        print(f"figures: {int(ours['judged'])} judged pairs compared (baseline {int(base['judged'])})")
    return [
        Row(STAGE, "extraction precision", p, None, n_fig),
        Row(STAGE, "extraction recall", r, None, n_fig),
        Row(STAGE, "comparison precision", ours["precision"], base["precision"], int(ours["judged"])),
        Row(STAGE, "comparison recall", ours["recall"], base["recall"], len(comparisons)),
        Row(STAGE, "verdict agree/disagree", ours["agreement"], base["agreement"], int(ours["compared"])),
        Row(STAGE, "verdict contradiction/discrepancy", ours["kind"], base["kind"], int(ours["kind_n"])),
        Row(STAGE, "disagreement precision", ours["disagreements"], base["disagreements"], int(ours["flagged"])),
        Row(STAGE, "false alarms (not-same compared)", ours["false_alarms"], base["false_alarms"], len(not_same)),
    ]


def main(argv: list[str]) -> int:
    from .runner import run

    return run([STAGE], argv)
