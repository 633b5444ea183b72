"""Run scorers on the shared sets: build each set once, score every stage from its dossier, check floors.

    storyline eval all [--data DIR] [--out DIR] [--reuse] [--processes N] [--floors FILE] [--show]
    storyline eval NAME [same options]

Prints one table (stage, metric, storyline, baseline, floor) and exits 1 when a figure breaks its
floor; the builds stay in ``--out`` (dossier.json, report.html, ...) for reading the misses.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path
from types import ModuleType

from spacy.language import Language

from ..nlp import load_pipeline

from .gate import DEFAULT_FLOORS, Row, failures, read_floors, table
from .sets import DEFAULT_OUT, BuiltSet, EvalDataMissing, build_set, data_dir

# The real-data scorers, in the order the gate prints them (each module: SET, STAGE, NEEDS_DOCS, score, main).
SCORERS = ("clustering", "entities", "quotes", "figures", "dates", "cleaning")


def scorer(name: str) -> ModuleType:
    return importlib.import_module(f"{__package__}.{name}")


def parse_args(argv: list[str], prog: str) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog=prog, description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--data", default=None, help="folder of the sets (default: $STORYLINE_EVAL_DATA or ../shared/eval)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where each set's build is written")
    ap.add_argument("--reuse", action="store_true", help="score the dossiers already in --out instead of building")
    ap.add_argument("--processes", type=int, default=1, help="spaCy worker processes for each build")
    ap.add_argument("--floors", type=Path, default=DEFAULT_FLOORS, help="the floors file of the gate")
    ap.add_argument("--show", action="store_true", help="print each scorer's details and misses")
    return ap.parse_args(argv)


def run(names: list[str], argv: list[str]) -> int:
    """Score ``names`` and check their floors; the exit code of ``storyline eval``."""
    args = parse_args(argv, f"storyline eval {' '.join(names) if len(names) == 1 else 'all'}")
    try:
        data = data_dir(args.data)
    except EvalDataMissing as exc:
        print(f"storyline eval: {exc}", file=sys.stderr)
        return 2
    modules = [scorer(n) for n in names]
    nlp_holder: list[Language] = []

    def nlp() -> Language:  # loaded once, and only when a set is built or a baseline parses
        if not nlp_holder:
            nlp_holder.append(load_pipeline())
        return nlp_holder[0]

    built: dict[str, BuiltSet] = {}
    rows: list[Row] = []
    started = time.perf_counter()
    for module in modules:
        if module.SET not in built:
            keep = any(m.NEEDS_DOCS for m in modules if m.SET == module.SET)
            print(f"{'loading' if args.reuse else 'building'} {module.SET} ...", file=sys.stderr, flush=True)
            built[module.SET] = build_set(module.SET, data, args.out, nlp=nlp, processes=args.processes,
                                          reuse=args.reuse, keep_docs=keep)
        t0 = time.perf_counter()
        rows += module.score(built[module.SET], nlp, show=args.show)
        print(f"scored {module.STAGE} in {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
    for b in built.values():
        how = f"built in {b.seconds:.1f} s" if b.seconds else "reused"
        print(f"{b.name}: {len(b.dossier.articles)} articles, {len(b.dossier.skipped)} skipped, "
              f"{len(b.dossier.stories)} stories ({how}; {args.out / b.name}/report.html)")
    floors = read_floors(args.floors)
    print(table(rows, floors))
    broken = failures(rows, floors, {m.STAGE for m in modules})
    for line in broken:
        print(f"BELOW FLOOR {line}")
    print(f"eval: {len(rows)} figures, {len(broken)} below floor, {time.perf_counter() - started:.0f} s")
    return 1 if broken else 0
