"""Score junk removal on scraped-dev: 135 web pages copied as text, with snippets to keep and to drop.

    storyline eval cleaning [--data DIR] [--reuse] [--show]

A ``with`` snippet (article text) is kept when it occurs in the article's clean text, whitespace
folded; a ``without`` snippet (menus, footers, notices) is dropped when it does not. A page the
build skipped keeps nothing and drops everything. The baseline keeps every line of the page.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from spacy.language import Language

from .gate import Row
from .sets import BuiltSet, fold

SET = "scraped-dev"
STAGE = "cleaning"
NEEDS_DOCS = False


def shares(texts: dict[str, str | None], gold: dict[str, dict]) -> tuple[float, float, list[str], list[str]]:
    """(kept share of 'with', dropped share of 'without', lost 'with' snippets, kept 'without' snippets).

    ``texts`` maps a file to its clean text, None for a page that was skipped."""
    kept = dropped = n_with = n_without = 0
    lost, leaked = [], []
    for file, g in sorted(gold.items()):
        text = fold(texts.get(file) or "")
        for snippet in g["with"]:
            n_with += 1
            if fold(snippet) in text:
                kept += 1
            else:
                lost.append(f"{file}: {snippet!r}")
        for snippet in g["without"]:
            n_without += 1
            if fold(snippet) in text:
                leaked.append(f"{file}: {snippet!r}")
            else:
                dropped += 1
    return (kept / n_with if n_with else 0.0), (dropped / n_without if n_without else 0.0), lost, leaked


def score(built: BuiltSet, nlp: Callable[[], Language], show: bool = False) -> list[Row]:
    gold: dict = built.gold("gold.json")  # type: ignore[assignment]
    by_file = built.by_file
    ours = {f: (by_file[f].clean_text if f in by_file else None) for f in gold}
    everything = {f: (built.folder / f).read_text(encoding="utf-8", errors="replace") for f in gold}
    kept, dropped, lost, leaked = shares(ours, gold)
    base_kept, base_dropped, _, _ = shares(everything, gold)
    if show:
        skipped = [Path(s.source_path).name + ": " + s.error for s in built.dossier.skipped]
        for line in skipped:
            print(f"  skipped  {line}")
        for line in lost[:40]:
            print(f"  lost     {line[:140]}")
        for line in leaked[:60]:
            print(f"  kept     {line[:140]}")
    n_with = sum(len(g["with"]) for g in gold.values())
    n_without = sum(len(g["without"]) for g in gold.values())
    return [
        Row(STAGE, "article snippets kept", kept, base_kept, n_with),
        Row(STAGE, "junk snippets dropped", dropped, base_dropped, n_without),
    ]


def main(argv: list[str]) -> int:
    from .runner import run

    return run([STAGE], argv)
