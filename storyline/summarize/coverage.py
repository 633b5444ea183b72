"""Coverage matrix: which outlet reported which fact, what only one outlet has, what one left out.

Facts are the story's timeline entries, conflicts over figures (or single claims) and quotes; an
outlet carries a fact when one of its spans is evidence for it. Works on items as dataclasses
(fresh build) or plain dicts (loaded from the store).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, is_dataclass
from typing import Any

from ..model import Story

MIN_ARTICLES_FOR_OMISSION = 3  # "everyone but X" means something only with three or more sources


@dataclass(slots=True)
class CoverageRow:
    kind: str  # "event", "figure", "quote"
    label: str
    cells: dict[str, tuple[int, int]] = field(default_factory=dict)  # article id -> span carrying the fact
    only: str | None = None  # the single article that has it
    left_out_by: list[str] = field(default_factory=list)  # articles missing a fact all others carry


def _plain(item: Any) -> dict[str, Any]:
    return asdict(item) if is_dataclass(item) and not isinstance(item, type) else item


def _spans(*lists: list[dict[str, Any]]) -> dict[str, tuple[int, int]]:
    cells: dict[str, tuple[int, int]] = {}
    for items in lists:
        for ev in items or []:
            cells.setdefault(ev["article_id"], (ev["start"], ev["end"]))
    return cells


def coverage(story: Story) -> list[CoverageRow]:
    """Rows of the coverage matrix, events first, then figures, then quotes."""
    rows: list[CoverageRow] = []
    for t in map(_plain, story.timeline):
        label = f"{t.get('date') or t.get('date_text') or 'undated'} · {t['text'][:110]}"
        rows.append(CoverageRow("event", label, _spans(t.get("evidence", []), t.get("planned_in", []))))
    claims = {c["id"]: c for c in map(_plain, story.claims)}
    grouped: set[str] = set()
    for c in map(_plain, story.conflicts):
        members = [claims[i] for i in c.get("claim_ids", []) if i in claims]
        grouped.update(m["id"] for m in members)
        values = ", ".join(f"{v.get('qualifier', '')} {v['value']:g}".strip() for v in c.get("values", []))
        rows.append(CoverageRow("figure", f"{c['subject']}: {values} ({c['kind']})", _spans(members)))
    for c in claims.values():
        if c["id"] not in grouped:
            rows.append(CoverageRow("figure", f"{c['subject']}: {c.get('qualifier', '')} {c['value']:g}".replace("  ", " "), _spans([c])))
    for q in map(_plain, story.quotes):
        if q["kind"] == "direct":
            rows.append(CoverageRow("quote", f"“{q['text'][:110]}”", _spans([q], q.get("also_in", []))))
    everyone = list(story.article_ids)
    for row in rows:
        carried = [a for a in everyone if a in row.cells]
        if len(carried) == 1 and len(everyone) > 1:
            row.only = carried[0]
        if len(everyone) >= MIN_ARTICLES_FOR_OMISSION and len(carried) == len(everyone) - 1:
            row.left_out_by = [a for a in everyone if a not in row.cells]
    return rows
