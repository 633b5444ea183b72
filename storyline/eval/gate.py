"""The eval gate: every scorer's rows in one table beside its baseline and its floor.

Floors live in ``benchmarks/floors.toml``, one ``[stage]`` table of ``"metric" = floor`` each; a
metric where lower is better (false alarms) is written ``{ max = 0.2 }``. A row under its floor,
and a floor that names no row (a renamed metric must not slip past the gate), fail the gate.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from .sets import ROOT

DEFAULT_FLOORS = ROOT / "benchmarks" / "floors.toml"


@dataclass(slots=True, frozen=True)
class Row:
    """One measured figure: storyline's, and the baseline's on the same data (None: no baseline)."""

    stage: str
    metric: str
    storyline: float
    baseline: float | None = None
    n: int | None = None  # how many gold items the figure is over

    @property
    def key(self) -> str:
        return f"{self.stage}.{self.metric}"


@dataclass(slots=True, frozen=True)
class Bound:
    value: float
    upper: bool = False  # a ceiling (lower is better) instead of a floor

    def holds(self, x: float) -> bool:
        return x <= self.value if self.upper else x >= self.value

    def __str__(self) -> str:
        return f"≤{self.value:.3f}" if self.upper else f"{self.value:.3f}"


def read_floors(path: Path = DEFAULT_FLOORS) -> dict[str, Bound]:
    """``stage.metric`` -> its bound."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out: dict[str, Bound] = {}
    for stage, metrics in data.items():
        for metric, bound in metrics.items():
            out[f"{stage}.{metric}"] = Bound(float(bound["max"]), True) if isinstance(bound, dict) else Bound(float(bound))
    return out


def failures(rows: list[Row], floors: dict[str, Bound], stages: set[str] | None = None) -> list[str]:
    """One line per broken floor (only the floors of ``stages`` when given)."""
    by_key = {r.key: r for r in rows}
    out = []
    for key, bound in floors.items():
        if stages is not None and key.split(".", 1)[0] not in stages:
            continue
        row = by_key.get(key)
        if row is None:
            out.append(f"{key}: no such figure was measured (floor {bound})")
        elif not bound.holds(row.storyline):
            out.append(f"{key}: {row.storyline:.3f} is {'above' if bound.upper else 'below'} its floor {bound}")
    return out


def table(rows: list[Row], floors: dict[str, Bound]) -> str:
    """The gate's table: stage, metric, storyline, baseline, floor (a ! marks a broken floor)."""
    head = f"{'stage':<11}{'metric':<34}{'storyline':>10}{'baseline':>10}{'floor':>9}{'n':>7}"
    lines = [head, "-" * len(head)]
    for r in rows:
        bound = floors.get(r.key)
        mark = " !" if bound and not bound.holds(r.storyline) else ""
        base = f"{r.baseline:.3f}" if r.baseline is not None else "—"
        lines.append(f"{r.stage:<11}{r.metric:<34}{r.storyline:>10.3f}{base:>10}{str(bound) if bound else '—':>9}"
                     f"{r.n if r.n is not None else '':>7}{mark}")
    return "\n".join(lines)
