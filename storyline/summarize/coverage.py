"""Coverage matrix: which outlet reported which fact, what only one outlet has, what one left out.

Facts are the story's timeline entries, conflicts over figures (or single claims) and quotes; an
outlet carries a fact when one of its spans is evidence for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import Evidence, Story

MIN_ARTICLES_FOR_OMISSION = 3  # "everyone but X" means something only with three or more sources


@dataclass(slots=True)
class CoverageRow:
    kind: str  # "event", "figure", "quote"
    label: str
    cells: dict[str, tuple[int, int]] = field(default_factory=dict)  # article id -> span carrying the fact
    only: str | None = None  # the single article that has it
    left_out_by: list[str] = field(default_factory=list)  # articles missing a fact all others carry


def _cells(spans: Iterable[Evidence]) -> dict[str, tuple[int, int]]:
    """Article id -> its first span among ``spans``."""
    cells: dict[str, tuple[int, int]] = {}
    for ev in spans:
        cells.setdefault(ev.article_id, (ev.start, ev.end))
    return cells


def coverage(story: Story) -> list[CoverageRow]:
    """Rows of the coverage matrix, events first, then figures, then quotes."""
    rows: list[CoverageRow] = []
    for t in story.timeline:
        label = f"{t.date or t.date_text or 'undated'} · {t.text[:110]}"
        rows.append(CoverageRow("event", label, _cells([*t.evidence, *t.planned_in])))
    claims = {c.id: c for c in story.claims}
    grouped: set[str] = set()
    for k in story.conflicts:
        members = [claims[i] for i in k.claim_ids if i in claims]
        grouped.update(m.id for m in members)
        values = ", ".join(f"{v.qualifier} {v.value:g}".strip() for v in k.values)
        rows.append(CoverageRow("figure", f"{k.subject}: {values} ({k.kind})", _cells(m.span for m in members)))
    for c in claims.values():
        if c.id not in grouped:
            rows.append(CoverageRow("figure", f"{c.subject}: {c.qualifier} {c.value:g}".replace("  ", " "), _cells([c.span])))
    for q in story.quotes:
        if q.kind == "direct":
            rows.append(CoverageRow("quote", f"“{q.text[:110]}”", _cells([q.span, *q.also_in])))
    everyone = list(story.article_ids)
    for row in rows:
        carried = [a for a in everyone if a in row.cells]
        if len(carried) == 1 and len(everyone) > 1:
            row.only = carried[0]
        if len(everyone) >= MIN_ARTICLES_FOR_OMISSION and len(carried) == len(everyone) - 1:
            row.left_out_by = [a for a in everyone if a not in row.cells]
    return rows
